#include "gui/SupervisionPanel.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/print.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <cmath>
#include <sstream>

#include "core/services/ChronicCare.h"
#include "core/services/SupervisionReports.h"
#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/ChartDialog.h"
#include "gui/ChartPanel.h"
#include "gui/DocumentPrintout.h"
#include "gui/FormWidgets.h"
#include "gui/RateChart.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace ind = rules::indicators;
using ind::Indicator;

namespace {

wxString rateOf(const services::Figure* f) { return f ? toWx(services::rateText(*f)) : wxString("-"); }

// Draw a sample: how many, weighted by the signals or not, and who reviews.
class SampleDialog : public wxDialog {
public:
    explicit SampleDialog(wxWindow* parent, const std::string& me) : wxDialog(parent, wxID_ANY, _("Draw follow-ups for review")) {
        SetName("sampleDialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
        grid->Add(new wxStaticText(this, wxID_ANY, _("How many:")), 0, wxALIGN_CENTER_VERTICAL);
        size = numberBox(this);
        size->SetName("size");
        size->ChangeValue("20");
        grid->Add(size);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Reviewers (logins, comma-separated):")), 0, wxALIGN_CENTER_VERTICAL);
        reviewers = textBox(this);
        reviewers->SetName("reviewers");
        reviewers->ChangeValue(toWx(me));
        grid->Add(reviewers);
        sizer->Add(grid, 0, wxALL, FromDIP(12));
        weighted = new wxCheckBox(this, wxID_ANY, _("&Weighted by the data-quality signals"));
        weighted->SetValue(true);
        sizer->Add(weighted, 0, wxLEFT | wxRIGHT, FromDIP(12));
        sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(12));
        SetSizerAndFit(sizer);
    }
    wxTextCtrl* size = nullptr;
    wxTextCtrl* reviewers = nullptr;
    wxCheckBox* weighted = nullptr;
};

// The verification of a case: by phone or a home visit, the outcome, values measured again.
class VerifyDialog : public wxDialog {
public:
    VerifyDialog(wxWindow* parent, const services::ReviewView& v) : wxDialog(parent, wxID_ANY, _("Record the verification")) {
        SetName("verifyDialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        wxString recorded = toWx(v.residentName) + "  " + dateText(v.visitDate);
        if (v.systolic && v.diastolic) recorded += wxString::Format("  %d/%d mmHg", *v.systolic, *v.diastolic);
        if (v.fastingGlucose) recorded += wxString::Format("  %.1f mmol/L", *v.fastingGlucose);
        sizer->Add(new wxStaticText(this, wxID_ANY, wxString::Format(_("Recorded: %s"), recorded)), 0, wxALL, FromDIP(12));
        auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
        grid->Add(new wxStaticText(this, wxID_ANY, _("Checked by:")), 0, wxALIGN_CENTER_VERTICAL);
        method = new wxChoice(this, wxID_ANY);
        method->SetName("method");
        method->Append(_("Phone call"));
        method->Append(_("Home visit"));
        method->SetSelection(0);
        grid->Add(method);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Outcome:")), 0, wxALIGN_CENTER_VERTICAL);
        outcome = new wxChoice(this, wxID_ANY);
        outcome->SetName("outcome");
        for (const char* o : {"confirmed", "not_confirmed", "data_error"}) outcome->Append(toWx(services::reviewOutcomeName(o)));
        outcome->SetSelection(0);
        grid->Add(outcome);
        grid->Add(new wxStaticText(this, wxID_ANY, _("Blood pressure measured again:")), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(bloodPressureRow(this, systolic, diastolic));
        grid->Add(new wxStaticText(this, wxID_ANY, _("Fasting glucose measured again:")), 0, wxALIGN_CENTER_VERTICAL);
        glucose = numberBox(this);
        glucose->SetName("glucose");
        grid->Add(withUnit(this, glucose, "mmol/L"));
        grid->Add(new wxStaticText(this, wxID_ANY, _("What was found:")), 0, wxALIGN_CENTER_VERTICAL);
        note = textBox(this, 360);
        note->SetName("note");
        grid->Add(note);
        sizer->Add(grid, 0, wxLEFT | wxRIGHT, FromDIP(12));
        error = new wxStaticText(this, wxID_ANY, {});
        error->SetForegroundColour(wxColour(170, 30, 30));
        sizer->Add(error, 0, wxALL, FromDIP(12));
        sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
        SetSizerAndFit(sizer);
    }
    services::Verification value() const {
        services::Verification v;
        v.method = method->GetSelection() == 1 ? "home" : "phone";
        const char* outcomes[] = {"confirmed", "not_confirmed", "data_error"};
        v.outcome = outcomes[std::max(0, outcome->GetSelection())];
        const auto whole = [](wxTextCtrl* box) -> std::optional<int> {
            long n = 0;
            if (box->GetValue().Trim().ToLong(&n)) return static_cast<int>(n);
            return std::nullopt;
        };
        v.systolic = whole(systolic);
        v.diastolic = whole(diastolic);
        double g = 0;
        if (glucose->GetValue().Trim().ToCDouble(&g)) v.fastingGlucose = g;
        v.note = toUtf8(note->GetValue());
        return v;
    }
    wxChoice* method = nullptr;
    wxChoice* outcome = nullptr;
    wxTextCtrl *systolic = nullptr, *diastolic = nullptr, *glucose = nullptr, *note = nullptr;
    wxStaticText* error = nullptr;
};

}  // namespace

std::optional<model::FollowUp> SupervisionPanel::followUpOf(const std::string& id) {
    for (auto& f : services::ChronicCare(m_workstation.database(), m_workstation.session()).versions(id))
        if (f.id == id) return f;
    return std::nullopt;
}

SupervisionPanel::SupervisionPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent),
      m_workstation(workstation),
      m_supervision(workstation.database(), workstation.session()),
      m_quality(workstation.database(), workstation.session()),
      m_villageNames(workstation) {
    SetName("supervisionPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("Period (2026, 2026-Q2, 2026-06):")), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_period = new wxTextCtrl(this, wxID_ANY, wxString::Format("%d", static_cast<int>(today().year())),
                              wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    m_period->SetName("period");
    m_period->SetMinSize(FromDIP(wxSize(200, -1)));
    top->Add(m_period, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    auto* again = new wxButton(this, wxID_ANY, _("Co&unt again"));
    top->Add(again, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(14));
    auto* xlsx = new wxButton(this, wxID_ANY, _("Export to E&xcel…"));
    xlsx->SetName("exportXlsx");
    top->Add(xlsx, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    auto* print = new wxButton(this, wxID_PRINT, _("&Print…"));
    top->Add(print, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxALL, FromDIP(8));
    m_summary = new wxStaticText(this, wxID_ANY, {});
    m_summary->SetName("supervisionSummary");
    m_summary->SetFont(m_summary->GetFont().Bold());
    sizer->Add(m_summary, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_pages = new wxNotebook(this, wxID_ANY);
    m_pages->AddPage(buildIndicatorsPage(m_pages), _("Indicators"), true);
    m_pages->AddPage(buildQualityPage(m_pages), _("Data quality"));
    m_pages->AddPage(buildReviewPage(m_pages), _("Review cases"));
    sizer->Add(m_pages, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(sizer);

    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    m_period->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { refresh(); });
    xlsx->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { exportXlsx(); });
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->print(); });
}

wxWindow* SupervisionPanel::buildIndicatorsPage(wxWindow* parent) {
    // Two columns that fit 1366×768: the indicators over the villages on the left, the charts
    // over the people behind the chosen figure on the right.
    auto* page = new wxPanel(parent);
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    m_indicators = reportList(page, {{_("Indicator"), 250}, {_("Rate"), 64}, {_("Counted"), 110}});
    m_indicators->SetName("indicators");
    m_indicators->SetMinSize(FromDIP(wxSize(440, 120)));
    left->Add(m_indicators, 3, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_villages = reportList(page, {{_("Village"), 250}, {_("Rate"), 64}, {_("Counted"), 110}});
    m_villages->SetName("villages");
    m_villages->SetMinSize(FromDIP(wxSize(440, 80)));
    left->Add(m_villages, 2, wxEXPAND);
    columns->Add(left, 0, wxEXPAND | wxRIGHT, FromDIP(8));
    auto* right = new wxBoxSizer(wxVERTICAL);
    auto* charts = new wxBoxSizer(wxHORIZONTAL);
    m_villageChart = new RateChart(page, _("By village"));
    m_villageChart->SetName("villageChart");
    m_villageChart->SetMinSize(FromDIP(wxSize(300, 150)));
    charts->Add(m_villageChart, 3, wxEXPAND | wxRIGHT, FromDIP(6));
    m_monthChart = new RateChart(page, _("Month by month, from the period's start"));
    m_monthChart->SetName("monthChart");
    m_monthChart->SetMinSize(FromDIP(wxSize(220, 150)));
    charts->Add(m_monthChart, 2, wxEXPAND);
    right->Add(charts, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    m_membersTitle = new wxStaticText(page, wxID_ANY, {});
    m_membersTitle->SetFont(m_membersTitle->GetFont().Bold());
    right->Add(m_membersTitle, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    m_memberList = reportList(page, {{_("Archive number"), 170}, {_("Name"), 70}, {_("Counted"), 50}, {_("Why"), 560}});
    m_memberList->SetName("members");
    right->Add(m_memberList, 1, wxEXPAND);
    columns->Add(right, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(columns, 1, wxEXPAND | wxALL, FromDIP(6));
    m_definition = new wxStaticText(page, wxID_ANY, {});
    m_definition->SetName("definition");
    m_definition->SetForegroundColour(wxColour(90, 90, 90));
    sizer->Add(m_definition, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    page->SetSizer(sizer);

    m_indicators->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const auto all = ind::allIndicators();
        if (!m_report) return;
        const auto i = static_cast<std::size_t>(e.GetIndex());
        if (i < m_report->figures.size() && m_report->figures[i].indicator != m_indicator) {
            m_indicator = m_report->figures[i].indicator;
            showIndicator();
        }
    });
    m_villages->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
        const auto i = static_cast<std::size_t>(e.GetIndex());
        if (i < m_byVillage.size() && m_byVillage[i].scope != m_village) chooseVillage(m_byVillage[i].scope);
    });
    m_villageChart->onChosen([this](const std::string& village) { chooseVillage(village); });
    m_memberList->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) { openMember(e.GetIndex()); });
    return page;
}

wxWindow* SupervisionPanel::buildQualityPage(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    auto* run = new wxButton(page, wxID_ANY, _("Scan for si&gnals"));
    run->SetName("scan");
    top->Add(run, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
    top->Add(new wxStaticText(page, wxID_ANY, _("A signal is a reason to look, never a verdict.")), 1,
             wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, FromDIP(6));
    m_signals = reportList(page, {{_("Doctor or village"), 170}, {_("Signal"), 190}, {_("Score"), 60}, {_("Why"), 820}});
    m_signals->SetName("signals");
    sizer->Add(m_signals, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    m_signalRecords = reportList(page, {{_("Visit"), 100}, {_("Archive number"), 175}, {_("Name"), 80}, {_("Readings"), 110}});
    m_signalRecords->SetName("signalRecords");
    bottom->Add(m_signalRecords, 1, wxEXPAND | wxRIGHT, FromDIP(6));
    m_errors = reportList(page, {{_("Visit"), 100}, {_("Doctor"), 100}, {_("Logic error"), 480}});
    m_errors->SetName("logicErrors");
    bottom->Add(m_errors, 1, wxEXPAND);
    sizer->Add(bottom, 1, wxEXPAND | wxALL, FromDIP(6));
    page->SetSizer(sizer);
    run->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { scan(); });
    m_signals->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { showSignalRecords(); });
    m_signalRecords->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& e) {
        const long row = e.GetIndex();
        const long s = m_signals->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        if (s < 0 || static_cast<std::size_t>(s) >= m_signalRows.size()) return;
        const auto& records = m_signalRows[static_cast<std::size_t>(s)]->records;
        if (static_cast<std::size_t>(row) >= records.size()) return;
        try {
            const auto f = followUpOf(records[static_cast<std::size_t>(row)]);
            if (!f) return;
            ChartDialog dialog(this, m_workstation, f->residentId);
            dialog.panel()->selectFollowUp(f->id);
            dialog.ShowModal();
        } catch (const std::exception& ex) {
            wxMessageBox(toWx(ex.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
        }
    });
    return page;
}

wxWindow* SupervisionPanel::buildReviewPage(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const auto add = [&](const wxString& label, const char* name, std::function<void()> act) {
        auto* b = new wxButton(page, wxID_ANY, label);
        b->SetName(name);
        b->Bind(wxEVT_BUTTON, [act](wxCommandEvent&) { act(); });
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
    };
    add(_("Dra&w a sample…"), "draw", [this] {
        SampleDialog dialog(this, m_workstation.session().login);
        if (dialog.ShowModal() != wxID_OK) return;
        long n = 0;
        dialog.size->GetValue().ToLong(&n);
        std::vector<std::string> reviewers;
        std::istringstream in(toUtf8(dialog.reviewers->GetValue()));
        for (std::string r; std::getline(in, r, ',');) reviewers.push_back(r);
        drawSample(static_cast<int>(n), dialog.weighted->GetValue(), reviewers);
    });
    add(_("&Verify…"), "verify", [this] { reviewAction("verify"); });
    add(_("Send &back…"), "sendBack", [this] { reviewAction("send_back"); });
    add(_("C&lose case…"), "closeCase", [this] { reviewAction("close"); });
    sizer->Add(buttons, 0, wxALL, FromDIP(6));
    m_cases = reportList(page, {{_("State"), 130}, {_("Archive number"), 175}, {_("Name"), 70}, {_("Visit"), 100},
                                {_("Author"), 80}, {_("Reviewer"), 80}, {_("Drawn for"), 150},
                                {_("Verification outcome"), 150}, {_("Detail"), 360}});
    m_cases->SetName("cases");
    sizer->Add(m_cases, 2, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(6));
    sizer->Add(new wxStaticText(page, wxID_ANY, _("Outcomes by doctor (least confirmed first)")), 0, wxALL, FromDIP(6));
    m_scores = reportList(page, {{_("Doctor"), 140}, {_("Cases"), 60}, {_("Verified"), 70}, {_("Confirmed"), 80},
                                 {_("Not confirmed"), 100}, {_("Data errors"), 90}, {_("Corrected"), 80}});
    m_scores->SetName("scores");
    sizer->Add(m_scores, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    page->SetSizer(sizer);
    m_cases->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { reviewAction("verify"); });
    return page;
}

void SupervisionPanel::refresh() {
    wxBusyCursor busy;  // a township's year takes a second or two
    try {
        m_periodValue = ind::parsePeriod(toUtf8(m_period->GetValue().Trim().Trim(false)));
        const auto scope = m_workstation.scope();
        services::IndicatorReport total;
        m_byVillage = m_supervision.byDivision(scope, m_periodValue, &total);
        m_report = std::move(total);
        m_months = m_supervision.monthly(scope, m_periodValue);
    } catch (const std::exception& e) {
        m_report.reset();
        m_summary->SetLabel(toWx(e.what()));
        return;
    }
    const auto* control = m_report->figure(Indicator::HtnControl);
    const auto* standard = m_report->figure(Indicator::HtnStandard);
    m_summary->SetLabel(wxString::Format(_("%s, %s to %s: blood-pressure control %s, standard management %s"),
                                         toWx(m_report->scopeName), toWx(formatDate(m_periodValue.from)),
                                         toWx(formatDate(m_periodValue.to)), rateOf(control), rateOf(standard)));
    m_indicators->DeleteAllItems();
    long row = 0;
    for (const auto& f : m_report->figures)
        appendRow(m_indicators, row++, {toWx(f.name), toWx(services::rateText(f)), toWx(services::countText(f))});
    showIndicator();
    showCases();
    remeasure(this);
}

void SupervisionPanel::chooseIndicator(Indicator indicator) {
    if (!m_report) return;
    for (std::size_t i = 0; i < m_report->figures.size(); ++i)
        if (m_report->figures[i].indicator == indicator) {
            m_indicators->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                       wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_indicators->EnsureVisible(static_cast<long>(i));
        }
    m_indicator = indicator;
    showIndicator();
}

void SupervisionPanel::showIndicator() {
    if (!m_report) return;
    const auto* overall = m_report->figure(m_indicator);
    std::vector<RateBar> bars;
    m_villages->DeleteAllItems();
    long row = 0;
    for (const auto& v : m_byVillage) {
        const auto* f = v.figure(m_indicator);
        bars.push_back({m_villageNames(v.scope), f ? f->rate() : std::nullopt, v.scope});
        appendRow(m_villages, row++, {m_villageNames(v.scope), rateOf(f), f ? toWx(services::countText(*f)) : wxString()});
    }
    m_villageChart->setBars(std::move(bars), overall ? overall->rate() : std::nullopt);
    std::vector<RateBar> months;
    for (const auto& m : m_months) {
        const auto* f = m.figure(m_indicator);
        const auto label = m.period.label.size() > 5 ? m.period.label.substr(5) : m.period.label;
        months.push_back({toWx(label), f ? f->rate() : std::nullopt, m.period.label});
    }
    m_monthChart->setBars(std::move(months), std::nullopt);
    for (const auto& d : m_report->definitions)
        if (d.indicator == m_indicator)
            setWrapped(m_definition, toWx(d.name + ": " + d.numerator + " / " + d.denominator + "  [" + d.source + "]"),
                       GetClientSize().x - FromDIP(40));
    // Keep the village chosen if it is still there, else the first.
    const bool still = std::any_of(m_byVillage.begin(), m_byVillage.end(),
                                   [&](const services::IndicatorReport& r) { return r.scope == m_village; });
    if (!still) m_village = m_byVillage.empty() ? std::string() : m_byVillage.front().scope;
    chooseVillage(m_village);
}

void SupervisionPanel::chooseVillage(const std::string& villageCode) {
    m_village = villageCode;
    m_villageChart->choose(villageCode);
    for (std::size_t i = 0; i < m_byVillage.size(); ++i)
        if (m_byVillage[i].scope == villageCode) {
            m_villages->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                     wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_villages->EnsureVisible(static_cast<long>(i));
        }
    showMembers();
}

void SupervisionPanel::showMembers() {
    m_memberList->DeleteAllItems();
    m_members.clear();
    if (!m_report || m_village.empty()) {
        m_membersTitle->SetLabel({});
        return;
    }
    try {
        m_members = m_supervision.members(m_indicator, m_village, m_periodValue);
    } catch (const std::exception& e) {
        m_membersTitle->SetLabel(toWx(e.what()));
        return;
    }
    std::size_t counted = 0;
    for (const auto& m : m_members) counted += m.counted;
    m_membersTitle->SetLabel(wxString::Format(_("%s, %s: %zu counted of %zu (Enter opens the chart at the record)"),
                                              m_villageNames(m_village), toWx(ind::indicatorName(m_indicator)), counted,
                                              m_members.size()));
    long row = 0;
    for (const auto& m : m_members) {
        appendRow(m_memberList, row, {toWx(m.archiveNo), toWx(m.name), m.counted ? _("yes") : _("no"), toWx(m.reason)});
        if (!m.counted) m_memberList->SetItemTextColour(row, wxColour(170, 30, 30));
        ++row;
    }
}

void SupervisionPanel::openMember(long row) {
    if (row < 0 || static_cast<std::size_t>(row) >= m_members.size()) return;
    const auto& m = m_members[static_cast<std::size_t>(row)];
    if (m.residentId.empty()) return;
    try {
        ChartDialog dialog(this, m_workstation, m.residentId);
        if (!m.recordId.empty()) dialog.panel()->selectFollowUp(m.recordId);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
    }
}

void SupervisionPanel::scan() {
    wxBusyCursor busy;
    try {
        m_periodValue = ind::parsePeriod(toUtf8(m_period->GetValue().Trim().Trim(false)));
        m_scan = m_quality.scan(m_workstation.scope(), m_periodValue);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
        return;
    }
    m_signals->DeleteAllItems();
    m_signalRows.clear();
    long row = 0;
    for (const auto* list : {&m_scan->doctors, &m_scan->villages})
        for (const auto& s : *list) {
            const wxString subject = list == &m_scan->doctors
                                         ? toWx(store::displayName(m_workstation.database(), s.subject))
                                         : m_villageNames(s.subject);
            appendRow(m_signals, row++, {subject, toWx(rules::quality::signalName(s.kind)), wxString::Format("%.1f", s.score),
                                         toWx(s.explanation)});
            m_signalRows.push_back(&s);
        }
    m_errors->DeleteAllItems();
    row = 0;
    for (const auto& e : m_scan->errors)
        appendRow(m_errors, row++, {toWx(formatDate(e.date)), toWx(e.doctor), toWx(e.reason)});
    if (!m_signalRows.empty())
        m_signals->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    showSignalRecords();
}

void SupervisionPanel::showSignalRecords() {
    m_signalRecords->DeleteAllItems();
    const long s = m_signals->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (s < 0 || static_cast<std::size_t>(s) >= m_signalRows.size()) return;
    long row = 0;
    for (const auto& id : m_signalRows[static_cast<std::size_t>(s)]->records) {
        if (row >= 200) break;
        const auto f = followUpOf(id);
        if (!f) continue;
        const auto r = m_workstation.registry().get(f->residentId);
        wxString readings;
        if (f->systolic && f->diastolic) readings = wxString::Format("%d/%d", *f->systolic, *f->diastolic);
        appendRow(m_signalRecords, row++, {dateText(f->visitDate), toWx(r.archiveNo), toWx(r.name), readings});
    }
}

void SupervisionPanel::drawSample(int size, bool weighted, const std::vector<std::string>& reviewers) {
    wxBusyCursor busy;
    try {
        services::SampleRequest req;
        req.scope = m_workstation.scope();
        req.period = ind::parsePeriod(toUtf8(m_period->GetValue().Trim().Trim(false)));
        req.size = size;
        req.weighted = weighted;
        req.reviewers = reviewers;
        m_quality.drawSample(req);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
        return;
    }
    showCases();
}

void SupervisionPanel::showCases() {
    try {
        m_caseRows = m_quality.cases(m_workstation.scope());
    } catch (const std::exception&) {
        m_caseRows.clear();
    }
    m_cases->DeleteAllItems();
    long row = 0;
    for (const auto& v : m_caseRows) {
        const auto& c = v.review;
        wxString detail = toWx(v.comparison);
        if (!c.sendBackNote.empty()) detail += (detail.empty() ? "" : "; ") + toWx(c.sendBackNote);
        wxString drawnFor;
        std::istringstream codes(c.drawnFor);
        for (std::string code; codes >> code;) {
            const auto kind = rules::quality::signalKindFromCode(code);
            drawnFor += (drawnFor.empty() ? "" : ", ") + (kind ? toWx(rules::quality::signalName(*kind)) : _("random"));
        }
        const auto name = [&](const std::string& login) { return toWx(store::displayName(m_workstation.database(), login)); };
        appendRow(m_cases, row++,
                  {toWx(services::reviewStateName(c.state)), toWx(v.archiveNo), toWx(v.residentName), dateText(v.visitDate),
                   name(c.author), name(c.assignedTo), drawnFor, toWx(services::reviewOutcomeName(c.outcome)), detail});
    }
    m_scores->DeleteAllItems();
    row = 0;
    try {
        for (const auto& s : m_quality.scoresByDoctor(m_workstation.scope()))
            appendRow(m_scores, row++,
                      {toWx(store::displayName(m_workstation.database(), s.subject)), wxString::Format("%d", s.cases),
                       wxString::Format("%d", s.verified), wxString::Format("%d", s.confirmed),
                       wxString::Format("%d", s.notConfirmed), wxString::Format("%d", s.dataErrors),
                       wxString::Format("%d", s.corrected)});
    } catch (const std::exception&) {
    }
}

const services::ReviewView* SupervisionPanel::selectedCase() const {
    const long row = m_cases->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_caseRows.size()) return nullptr;
    return &m_caseRows[static_cast<std::size_t>(row)];
}

void SupervisionPanel::reviewAction(const std::string& action) {
    const auto* v = selectedCase();
    if (!v) {
        wxMessageBox(_("Choose a case in the list first."), _("Supervision"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    const auto id = v->review.id;
    try {
        if (action == "verify") {
            VerifyDialog dialog(this, *v);
            while (dialog.ShowModal() == wxID_OK) {
                try {
                    m_quality.verify(id, dialog.value());
                    break;
                } catch (const ValidationError& e) {
                    dialog.error->SetLabel(toWx(e.field() + ": " + e.reason()));
                    dialog.Fit();
                }
            }
        } else if (action == "send_back") {
            wxTextEntryDialog ask(this, _("What should the author correct?"), _("Send back for correction"));
            if (ask.ShowModal() != wxID_OK) return;
            m_quality.sendBack(id, toUtf8(ask.GetValue()));
        } else {
            wxTextEntryDialog ask(this, _("A note on closing (required if the author has not corrected yet):"), _("Close the case"));
            if (ask.ShowModal() != wxID_OK) return;
            m_quality.close(id, toUtf8(ask.GetValue()));
        }
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
    }
    showCases();
}

void SupervisionPanel::exportXlsx() {
    if (!m_report) return;
    wxFileDialog ask(this, _("Export the indicators"), {}, wxString::Format("indicators-%s.xlsx", toWx(m_periodValue.label)),
                     _("Excel workbook (*.xlsx)|*.xlsx"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (ask.ShowModal() != wxID_OK) return;
    try {
        print::writeXlsx(services::indicatorWorkbook(*m_report, m_byVillage, m_months, ind::indicatorName(m_indicator),
                                                     m_supervision.members(m_indicator, m_workstation.scope(), m_periodValue)),
                         toUtf8(ask.GetPath()));
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Supervision"), wxOK | wxICON_ERROR, this);
    }
}

void SupervisionPanel::print() {
    if (!m_report) return;
    const auto doc = services::indicatorDocument(*m_report, m_byVillage);
    showPrintPreview(this, new DocumentPrintout(doc), new DocumentPrintout(doc), _("Print the indicators"));
}

}  // namespace jiayi::gui
