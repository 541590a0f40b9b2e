#include "gui/ChartPanel.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"
#include "core/services/Screening.h"
#include "core/services/Workstation.h"
#include "gui/ChronicText.h"
#include "gui/CloseProgrammeDialog.h"
#include "gui/EnrolProgrammeDialog.h"
#include "gui/FollowUpDialog.h"
#include "gui/FormWidgets.h"
#include "gui/HealthCheckDialog.h"
#include "gui/ScreeningDialog.h"
#include "gui/TrendChart.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

namespace {

long selectedRow(wxListCtrl* list) { return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }

}  // namespace

ChartPanel::ChartPanel(wxWindow* parent, services::Workstation& workstation, const std::string& residentId)
    : wxPanel(parent, wxID_ANY),
      m_workstation(workstation),
      m_care(workstation.database(), workstation.session()),
      m_residentId(residentId) {
    SetName("chartPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, {});
    m_title->SetFont(m_title->GetFont().Bold().Larger());
    sizer->Add(m_title, 0, wxALL, FromDIP(10));
    m_screening = new wxStaticText(this, wxID_ANY, {});
    m_screening->SetName("screeningOutcome");
    m_screening->SetForegroundColour(wxColour(150, 70, 0));
    sizer->Add(m_screening, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    sizer->Add(buildProgrammes(this), 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    m_book = new wxNotebook(this, wxID_ANY);
    m_book->AddPage(buildHistory(m_book), _("Follow-ups"));
    m_trend = new TrendChart(m_book);
    m_book->AddPage(m_trend, _("Trend"));
    m_book->AddPage(buildChecks(m_book), _("Health checks"));
    sizer->Add(m_book, 1, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    reload();
}

wxWindow* ChartPanel::buildProgrammes(wxWindow* parent) {
    auto* box = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_programmes = reportList(box, {{_("Programme"), 110}, {_("Status"), 70}, {_("Enrolled on"), 105},
                                  {_("Next due"), 105}, {_("Next step"), 120}, {_("Why"), 480},
                                  {_("Face-to-face this year"), 130}});
    m_programmes->SetMinSize(FromDIP(wxSize(-1, 130)));
    sizer->Add(m_programmes, 1, wxEXPAND);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto add = [&](const wxString& label, auto handler) {
        auto* b = new wxButton(box, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, handler);
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
        return b;
    };
    m_followUpButton = add(_("&Follow-up…"), [this](wxCommandEvent&) { newFollowUp(); });
    add(_("&Enrol in a programme…"), [this](wxCommandEvent&) { enrol(); });
    m_closeButton = add(_("Close &management…"), [this](wxCommandEvent&) { closeProgramme(); });
    m_reopenButton = add(_("&Reopen"), [this](wxCommandEvent&) { reopenProgramme(); });
    buttons->AddSpacer(FromDIP(18));
    m_checkButton = add(_("Annual &health check…"), [this](wxCommandEvent&) { newHealthCheck(); });
    m_screenButton = add(_("BP &screening…"), [this](wxCommandEvent&) { newScreening(); });
    sizer->Add(buttons, 0, wxTOP, FromDIP(6));
    box->SetSizer(sizer);
    m_programmes->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_programmes->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) {
        if (const auto* p = selectedPlan(); p && p->enrolment.status == "active") newFollowUp(p->enrolment.programme);
    });
    return box;
}

wxWindow* ChartPanel::buildHistory(wxWindow* parent) {
    auto* box = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_history = reportList(box, {{_("Visit date"), 100}, {_("Programme"), 95}, {_("Mode"), 75}, {_("BP"), 70},
                               {_("Heart rate"), 50}, {_("Weight"), 55}, {_("BMI"), 75}, {_("Glucose"), 50},
                               {_("Classification"), 105}, {_("Next due"), 105}, {_("Doctor"), 70},
                               {_("Version"), 240}});
    sizer->Add(m_history, 1, wxEXPAND | wxALL, FromDIP(4));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_correctButton = new wxButton(box, wxID_ANY, _("&Correct…"));
    m_correctButton->SetToolTip(_("A signed follow-up is never changed: the correction is a new version "
                                  "with its reason, and the old one stays in the history."));
    m_correctButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { correctFollowUp(); });
    buttons->Add(m_correctButton, 0);
    sizer->Add(buttons, 0, wxALL, FromDIP(4));
    box->SetSizer(sizer);
    m_history->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_history->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { correctFollowUp(); });
    return box;
}

wxWindow* ChartPanel::buildChecks(wxWindow* parent) {
    auto* box = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_checks = reportList(box, {{_("Check date"), 105}, {_("Self-care score"), 110}, {_("Self-care"), 130},
                              {_("BP"), 80}, {_("Weight"), 70}, {_("BMI"), 75}, {_("Glucose"), 70},
                              {_("Doctor"), 90}, {_("Version"), 200}});
    sizer->Add(m_checks, 1, wxEXPAND | wxALL, FromDIP(4));
    box->SetSizer(sizer);
    return box;
}

void ChartPanel::reload() {
    try {
        m_resident = m_workstation.registry().get(m_residentId);
        m_chart = m_care.chart(m_residentId);
    } catch (const std::exception& e) {
        m_title->SetLabel(toWx(e.what()));
        return;
    }
    m_title->SetLabel(wxString::Format(_("%s · %s · %s years · archive number %s · phone %s"), toWx(m_resident.name),
                                       codeText("sex", m_resident.sex), ageText(m_resident.birthDate),
                                       toWx(m_resident.archiveNo), toWx(m_resident.phone)));
    fillProgrammes();
    fillHistory();
    fillTrend();
    fillChecks();
    fillScreening();
    updateButtons();
    Layout();
}

void ChartPanel::fillProgrammes() {
    m_programmes->DeleteAllItems();
    long row = 0;
    for (const auto& p : m_chart.programmes) {
        const bool active = p.enrolment.status == "active";
        appendRow(m_programmes, row,
               {programmeText(p.enrolment.programme), active ? _("Under management") : _("Closed"), dateText(p.enrolment.enrolledOn),
                dateText(p.due), nextStepText(p.step), toWx(p.reason),
                active ? wxString::Format("%d / %d", p.faceToFaceThisYear, chronic::kFaceToFacePerYear) : wxString()});
        if (!active) m_programmes->SetItemTextColour(row, wxColour(130, 130, 130));
        else if (p.due && *p.due < today()) m_programmes->SetItemTextColour(row, wxColour(190, 0, 0));
        ++row;
    }
    if (!m_chart.programmes.empty()) m_programmes->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
}

bool ChartPanel::isCurrent(const model::FollowUp& f) const {
    return std::none_of(m_chart.followUps.begin(), m_chart.followUps.end(),
                        [&](const model::FollowUp& g) { return g.supersedes == f.id; });
}

void ChartPanel::fillHistory() {
    m_history->DeleteAllItems();
    long row = 0;
    for (const auto& f : m_chart.followUps) {
        const bool current = isCurrent(f);
        wxString version = wxString::Format(_("v%d"), f.version);
        if (!f.correctionReason.empty()) version += " " + wxString::Format(_("correction: %s"), toWx(f.correctionReason));
        if (!current) version += " " + _("(replaced by a correction)");
        appendRow(m_history, row,
               {dateText(f.visitDate), programmeText(f.programme), codeText("follow_up_mode", f.mode),
                bpText(f.systolic, f.diastolic), numberText(f.heartRate), numberText(f.weight), numberText(f.bmi),
                numberText(f.fastingGlucose), classificationText(f.classification), dateText(f.nextDue),
                toWx(f.doctor), version});
        if (!current) m_history->SetItemTextColour(row, wxColour(150, 150, 150));
        else if (f.nextStep == "urgent_refer" || f.nextStep == "refer") m_history->SetItemTextColour(row, wxColour(190, 0, 0));
        m_history->SetItemData(row, row);
        ++row;
    }
}

void ChartPanel::fillTrend() {
    std::vector<TrendPoint> points;
    bool diabetes = false;
    for (const auto& p : m_chart.programmes) diabetes |= p.enrolment.programme == "t2d";
    for (const auto& f : m_chart.followUps) {
        if (!isCurrent(f) || !f.visitDate || (!f.systolic && !f.fastingGlucose)) continue;
        // A visit serving two forms is one point (the forms share the readings).
        if (std::any_of(points.begin(), points.end(), [&](const TrendPoint& p) { return p.date == *f.visitDate; })) {
            for (auto& p : points)
                if (p.date == *f.visitDate && !p.glucose) p.glucose = f.fastingGlucose;
            continue;
        }
        TrendPoint p;
        p.date = *f.visitDate;
        p.systolic = f.systolic;
        p.diastolic = f.diastolic;
        p.glucose = f.fastingGlucose;
        const auto target = chronic::bpTarget(m_resident.birthDate ? ageOn(*m_resident.birthDate, p.date) : 0);
        p.systolicTarget = target.systolicBelow;
        p.diastolicTarget = target.diastolicBelow;
        points.push_back(p);
    }
    m_trend->setPoints(std::move(points), diabetes);
}

void ChartPanel::fillChecks() {
    m_checks->DeleteAllItems();
    long row = 0;
    for (const auto& h : m_chart.healthChecks) {
        wxString version = wxString::Format(_("v%d"), h.version);
        if (!h.correctionReason.empty()) version += " " + wxString::Format(_("correction: %s"), toWx(h.correctionReason));
        appendRow(m_checks, row++,
               {dateText(h.checkDate), numberText(h.selfCareTotal), toWx(rules::selfCareLevelName(h.selfCareLevel)),
                bpText(h.systolic, h.diastolic), numberText(h.weight), numberText(h.bmi), numberText(h.fastingGlucose),
                toWx(h.doctor), version});
    }
}

void ChartPanel::fillScreening() {
    services::ScreeningStatus status;
    try {
        status = services::Screening(m_workstation.database(), m_workstation.session()).status(m_residentId);
    } catch (const std::exception& e) {
        m_screening->SetLabel(toWx(e.what()));
        m_screening->Show();
        return;
    }
    m_screening->Show(!status.readings.empty());
    if (status.readings.empty()) return;
    // The outcome names the last reading and its date.
    setWrapped(m_screening,
               wxString::Format(_("BP screening (%d readings): %s"), static_cast<int>(status.readings.size()),
                                screeningOutcomeText(status)),
               FromDIP(1100));
}

const services::ProgrammePlan* ChartPanel::selectedPlan() const {
    const long row = selectedRow(m_programmes);
    if (row < 0 || row >= static_cast<long>(m_chart.programmes.size())) return nullptr;
    return &m_chart.programmes[static_cast<std::size_t>(row)];
}

const model::FollowUp* ChartPanel::selectedFollowUp() const {
    const long row = selectedRow(m_history);
    if (row < 0 || row >= static_cast<long>(m_chart.followUps.size())) return nullptr;
    return &m_chart.followUps[static_cast<std::size_t>(row)];
}

void ChartPanel::selectFollowUp(const std::string& id) {
    for (std::size_t i = 0; i < m_chart.followUps.size(); ++i)
        if (m_chart.followUps[i].id == id) {
            // The history's tab forward, the row in view (a supervisor's drill lands here).
            for (std::size_t page = 0; page < m_book->GetPageCount(); ++page)
                if (m_history->GetParent() == m_book->GetPage(page) || m_history->GetGrandParent() == m_book->GetPage(page))
                    m_book->SetSelection(page);
            m_history->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                    wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_history->EnsureVisible(static_cast<long>(i));
        }
}

void ChartPanel::updateButtons() {
    const auto* p = selectedPlan();
    const bool anyActive = std::any_of(m_chart.programmes.begin(), m_chart.programmes.end(),
                                       [](const auto& x) { return x.enrolment.status == "active"; });
    m_followUpButton->Enable(anyActive && m_resident.status == model::RecordStatus::Active);
    m_closeButton->Enable(p && p->enrolment.status == "active");
    m_reopenButton->Enable(p && p->enrolment.status != "active");
    const auto* f = selectedFollowUp();
    m_correctButton->Enable(f && isCurrent(*f));
    const bool active = m_resident.status == model::RecordStatus::Active;
    m_checkButton->Enable(active);
    m_screenButton->Enable(active);
}

void ChartPanel::enrol() {
    std::vector<std::string> active;
    for (const auto& p : m_chart.programmes)
        if (p.enrolment.status == "active") active.push_back(p.enrolment.programme);
    EnrolProgrammeDialog dialog(this, m_care, m_resident, active);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ChartPanel::closeProgramme() {
    const auto* p = selectedPlan();
    if (!p || p->enrolment.status != "active") return;
    CloseProgrammeDialog dialog(this, m_care, p->enrolment);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ChartPanel::reopenProgramme() {
    const auto* p = selectedPlan();
    if (!p || p->enrolment.status == "active") return;
    try {
        m_care.reopen(p->enrolment.id);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    reload();
}

void ChartPanel::newFollowUp(const std::string& programme) {
    FollowUpDialog dialog(this, m_workstation, m_resident, std::nullopt, programme);
    dialog.ShowModal();
    reload();
}

void ChartPanel::correctFollowUp() {
    const auto* f = selectedFollowUp();
    if (!f) return;
    if (!isCurrent(*f)) {
        wxMessageBox(_("This version was already corrected; correct the latest version."), _("Jiayi"),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    FollowUpDialog dialog(this, m_workstation, m_resident, *f);
    dialog.ShowModal();
    reload();
}

void ChartPanel::newHealthCheck() {
    HealthCheckDialog dialog(this, m_care, m_resident);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    m_book->SetSelection(2);  // the new check in its table
}

void ChartPanel::newScreening() {
    services::Screening screening(m_workstation.database(), m_workstation.session());
    ScreeningDialog dialog(this, screening, m_resident);
    dialog.ShowModal();
    reload();
}

}  // namespace jiayi::gui
