#include "gui/ChildDialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/services/Immunization.h"
#include "core/services/Workstation.h"
#include "gui/DocumentPrintout.h"
#include "gui/GrowthChart.h"
#include "gui/PregnancyDialog.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace im = rules::immunization;
namespace child = rules::child;
namespace growth = rules::growth;

namespace {

// The colour of a line by its state: overdue red, due orange, done grey-green.
wxColour stateColour(bool overdue, bool due, bool done) {
    if (overdue) return wxColour(190, 30, 30);
    if (due) return wxColour(190, 110, 0);
    if (done) return wxColour(60, 120, 60);
    return wxColour(90, 90, 90);
}

}  // namespace

ChildDialog::ChildDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId)
    : wxDialog(parent, wxID_ANY, _("Child health"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_workstation(workstation),
      m_resident(workstation.registry().get(residentId)) {
    applyReadableFont(this);
    SetName("childDialog");
    SetTitle(wxString::Format(_("Child health — %s"), toWx(m_resident.name)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_resident), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* motherRow = new wxBoxSizer(wxHORIZONTAL);
    m_mother = new wxStaticText(this, wxID_ANY, {});
    m_mother->SetName("childMother");
    motherRow->Add(m_mother, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
    m_motherButton = new wxButton(this, wxID_ANY, _("&Mother's page…"));
    m_motherButton->SetName("openMother");
    m_motherButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openMother(); });
    motherRow->Add(m_motherButton, 0);
    sizer->Add(motherRow, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* body = new wxBoxSizer(wxHORIZONTAL);
    auto* lists = new wxBoxSizer(wxVERTICAL);
    lists->Add(new wxStaticText(this, wxID_ANY, _("&Health visits (0-6 years)")), 0, wxBOTTOM, FromDIP(3));
    m_visits = reportList(this, {{_("Health visit"), 170}, {_("State"), 280}});
    m_visits->SetName("childVisits");
    lists->Add(m_visits, 2, wxEXPAND | wxBOTTOM, FromDIP(8));
    lists->Add(new wxStaticText(this, wxID_ANY, _("&Immunization card")), 0, wxBOTTOM, FromDIP(3));
    m_doses = reportList(this, {{_("Vaccine"), 200}, {_("Dose"), 50}, {_("State"), 280}});
    m_doses->SetName("childDoses");
    lists->Add(m_doses, 3, wxEXPAND);
    body->Add(lists, 5, wxEXPAND | wxRIGHT, FromDIP(10));
    auto* right = new wxBoxSizer(wxVERTICAL);
    m_indicator = new wxChoice(this, wxID_ANY);
    m_indicator->SetName("growthIndicator");
    for (const auto i : {growth::Indicator::WeightForAge, growth::Indicator::LengthForAge, growth::Indicator::HeadForAge})
        m_indicator->Append(toWx(growth::name(i)));
    m_indicator->SetSelection(0);
    m_indicator->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { showChart(); });
    auto* choiceRow = new wxBoxSizer(wxHORIZONTAL);
    choiceRow->Add(new wxStaticText(this, wxID_ANY, _("&Growth chart")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    choiceRow->Add(m_indicator, 0);
    right->Add(choiceRow, 0, wxBOTTOM, FromDIP(4));
    m_chart = new GrowthChart(this);
    right->Add(m_chart, 1, wxEXPAND);
    body->Add(right, 4, wxEXPAND);
    sizer->Add(body, 1, wxEXPAND | wxALL, FromDIP(10));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* visit = new wxButton(this, wxID_ANY, _("Record a &visit…"));
    visit->SetName("recordVisit");
    visit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recordVisit(); });
    buttons->Add(visit, 0, wxRIGHT, FromDIP(8));
    auto* dose = new wxButton(this, wxID_ANY, _("&Record a dose…"));
    dose->SetName("recordDose");
    dose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recordDose(); });
    auto* print = new wxButton(this, wxID_ANY, _("&Print the card…"));
    print->SetName("printCard");
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printCard(); });
    buttons->Add(dose, 0, wxRIGHT, FromDIP(8));
    buttons->Add(print, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CANCEL, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    SetSizer(sizer);
    reload();
    sizeToScreen(this, parent, {1180, 720});
    CentreOnParent();
    m_doses->SetFocus();
}

void ChildDialog::reload() {
    services::ChildHealth health(m_workstation.database(), m_workstation.session());
    m_timeline = health.timeline(m_resident.id);
    if (m_timeline.mother)
        m_mother->SetLabel(wxString::Format(_("Mother: %s (%s), delivery of %s"), toWx(m_timeline.mother->name),
                                            toWx(m_timeline.mother->archiveNo),
                                            toWx(m_timeline.mother->deliveredOn ? formatDate(*m_timeline.mother->deliveredOn) : "")));
    else
        m_mother->SetLabel(_("Mother: no delivery on record names this child"));
    m_motherButton->Show(m_timeline.mother.has_value());
    m_visits->DeleteAllItems();
    long row = 0;
    for (const auto& l : m_timeline.visits) {
        appendRow(m_visits, row, {toWx(l.rule->name), toWx(child::describeState(l))});
        m_visits->SetItemTextColour(row, stateColour(l.status == child::VisitStatus::Overdue,
                                                      l.status == child::VisitStatus::Due,
                                                      l.status == child::VisitStatus::Done));
        ++row;
    }
    m_doses->DeleteAllItems();
    row = 0;
    for (const auto& l : m_timeline.immunization.lines) {
        if (l.status == im::DoseStatus::Skipped) continue;
        auto state = im::describeState(l);
        if (!l.duplicates.empty()) state += " · " + toUtf8(_("recorded twice: to review"));
        appendRow(m_doses, row, {toWx(l.vaccine->name + " " + l.vaccine->code), wxString::Format("%d", l.dose), toWx(state)});
        m_doses->SetItemTextColour(row, stateColour(l.status == im::DoseStatus::Overdue || !l.duplicates.empty(),
                                                     l.status == im::DoseStatus::Due, l.status == im::DoseStatus::Given));
        ++row;
    }
    showChart();
}

void ChildDialog::showChart() {
    const growth::Indicator indicators[] = {growth::Indicator::WeightForAge, growth::Indicator::LengthForAge,
                                            growth::Indicator::HeadForAge};
    const auto indicator = indicators[std::max(0, m_indicator->GetSelection())];
    std::vector<GrowthMark> marks;
    for (const auto& g : m_timeline.growth) {
        const auto& value = indicator == growth::Indicator::WeightForAge   ? g.weightKg
                            : indicator == growth::Indicator::LengthForAge ? g.lengthCm
                                                                           : g.headCm;
        if (value) marks.push_back({g.ageMonths, *value});
    }
    m_chart->show(indicator, m_resident.sex, growth::ageInMonths(m_timeline.birth, today()), std::move(marks));
}

void ChildDialog::recordDose() {
    try {
        DoseDialog dialog(this, m_workstation, m_resident, m_timeline.immunization);
        if (dialog.ShowModal() == wxID_OK) reload();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
}

void ChildDialog::recordVisit() {
    try {
        ChildVisitDialog dialog(this, m_workstation, m_resident, m_timeline);
        if (dialog.ShowModal() == wxID_OK) reload();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
}

void ChildDialog::openMother() {
    if (!m_timeline.mother) return;
    try {
        PregnancyDialog page(this, m_workstation, m_timeline.mother->residentId);
        page.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
}

void ChildDialog::printCard() {
    try {
        services::Immunization immunization(m_workstation.database(), m_workstation.session());
        const auto doc = immunization.cardDocument(m_resident.id);
        showPrintPreview(this, new DocumentPrintout(doc), new DocumentPrintout(doc), _("Print the immunization card"));
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
}

DoseDialog::DoseDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& child,
                       const services::ImmunizationCard& card)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Record a dose — %s"), toWx(child.name))),
      m_workstation(workstation),
      m_child(child),
      m_card(card) {
    applyReadableFont(this);
    SetName("doseDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_child), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Dose given (预防接种)"), m_errors, 0, 2);
    auto* box = s.box();
    m_vaccine = new wxChoice(box, wxID_ANY);
    m_vaccine->SetName("vaccine");
    const auto& schedule = im::schedule(card.edition);
    for (const auto& v : schedule.vaccines) {
        m_codes.push_back(v.code);
        m_vaccine->Append(toWx(v.name + " (" + v.code + ")"));
    }
    s.add(_("Vaccine"), m_vaccine, "vaccine", 2);
    m_dose = numberBox(box, 50);
    m_dose->SetName("dose");
    s.add(_("Dose"), m_dose, "dose");
    m_date = makeDateCtrl(box);
    m_date->SetName("given_on");
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Date given"), m_date, "given_on");
    m_batch = textBox(box, 140);
    m_batch->SetName("batch");
    s.add(_("Batch"), m_batch, "batch");
    m_site = new CodeChoice(box, "injection_site", false);
    m_site->SetName("site");
    s.add(_("Injection site"), m_site, "site");
    m_givenBy = textBox(box, 140);
    m_givenBy->SetName("given_by");
    m_givenBy->ChangeValue(toWx(workstation.session().login));
    s.add(_("Given by"), m_givenBy, "given_by");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    // The first dose to give, as the card orders them.
    const auto next = im::catchUp(m_card.lines);
    const std::string first = next.empty() ? schedule.vaccines.front().code : next.front()->vaccine->code;
    for (std::size_t i = 0; i < m_codes.size(); ++i)
        if (m_codes[i] == first) m_vaccine->SetSelection(static_cast<int>(i));
    nextDoseOf(first);
    m_vaccine->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        nextDoseOf(m_codes[static_cast<std::size_t>(m_vaccine->GetSelection())]);
        CallAfter([this] { preview(); });
    });
    // After the form's own handler, which hides a field's reason as it changes.
    for (auto* t : {m_dose, m_date})
        t->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
            CallAfter([this] { preview(); });
            e.Skip();
        });
    m_errors.setWrapWidth(240);
    finishForm(this, sizer, m_errors, m_guard, m_batch, [this] { return save(); }, 640);  // room for a refusal's reason
}

void DoseDialog::nextDoseOf(const std::string& vaccine) {
    int next = 1;
    for (const auto& l : m_card.lines)
        if (l.vaccine->code == vaccine && l.given) next = std::max(next, l.dose + 1);
    m_dose->ChangeValue(wxString::Format("%d", next));
}

model::Vaccination DoseDialog::collect(std::vector<FieldError>& errors) const {
    model::Vaccination v;
    v.residentId = m_child.id;
    const int i = m_vaccine->GetSelection();
    if (i >= 0) v.vaccine = m_codes[static_cast<std::size_t>(i)];
    v.dose = readWholeNumber(m_dose, "dose", errors).value_or(0);
    v.givenOn = readDate(m_date, "given_on", errors);
    v.batch = toUtf8(m_batch->GetValue());
    v.site = m_site->code();
    v.givenBy = toUtf8(m_givenBy->GetValue());
    return v;
}

void DoseDialog::preview() {
    // The schedule's judgement of the vaccine, dose and date as typed (core decides; the
    // batch and site are asked on save).
    std::vector<FieldError> errors;
    const auto v = collect(errors);
    if (errors.empty() && v.givenOn) {
        services::Immunization immunization(m_workstation.database(), m_workstation.session());
        for (auto& e : immunization.check(v))
            if (e.field == "vaccine" || e.field == "dose" || e.field == "given_on") errors.push_back(std::move(e));
    }
    m_errors.clear();
    if (!errors.empty()) m_errors.show(errors);
    grow();
}

void DoseDialog::grow() {
    // A reason of two lines makes the form taller; it never jumps narrower or shorter.
    const wxSize best = GetBestSize(), now = GetSize();
    if (best.x > now.x || best.y > now.y) SetSize(std::max(best.x, now.x), std::max(best.y, now.y));
    Layout();
}

bool DoseDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto v = collect(errors);
    services::Immunization immunization(m_workstation.database(), m_workstation.session());
    const bool saved = storeOrShow(m_errors, std::move(errors), [&] { immunization.record(v); });
    if (saved) m_guard.take();
    grow();
    return saved;
}

ChildVisitDialog::ChildVisitDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& c,
                                   const services::ChildTimeline& timeline)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Child health visit — %s"), toWx(c.name))),
      m_workstation(workstation),
      m_child(c) {
    applyReadableFont(this);
    SetName("childVisitDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_child), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Child health visit (0-6岁儿童健康检查)"), m_errors, 0, 2);
    auto* box = s.box();
    m_visit = new wxChoice(box, wxID_ANY);
    m_visit->SetName("visit");
    // The visits not done yet, the one due first chosen (a missed one may still be recorded).
    int chosen = -1;
    for (const auto& l : timeline.visits) {
        if (l.status == child::VisitStatus::Done) continue;
        if (chosen < 0 && (l.status == child::VisitStatus::Due || l.status == child::VisitStatus::Overdue))
            chosen = static_cast<int>(m_rules.size());
        m_rules.push_back(l.rule);
        m_visit->Append(toWx(l.rule->name + "  ·  " + child::describeState(l)));
    }
    if (!m_rules.empty()) m_visit->SetSelection(std::max(chosen, 0));  // else the first to come
    s.add(_("Visit of the schedule"), m_visit, "visit", 2);
    m_date = makeDateCtrl(box);
    m_date->SetName("visit_date");
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Date"), m_date, "visit_date");
    m_discharge = makeDateCtrl(box);
    m_discharge->SetName("discharge");
    s.add(_("Left hospital on"), m_discharge, "discharge");
    m_weight = s.addNumber(_("Weight"), "kg", "weight");
    m_length = s.addNumber(_("Length/height"), "cm", "length");
    m_head = s.addNumber(_("Head circumference"), "cm", "head");
    m_feeding = new CodeChoice(box, "feeding", true);
    m_feeding->SetName("feeding");
    s.add(_("Feeding method"), m_feeding, "feeding");
    m_development = new CodeChoice(box, "development", false);
    m_development->SetName("development");
    m_development->setCode("normal");
    s.add(_("Development"), m_development, "development");
    m_guidance = new CodeChecks(box, "child_guidance", 4);
    s.add(_("Guidance"), m_guidance, "guidance", 2);
    m_note = textBox(box, 420);
    m_note->SetName("note");
    s.add(_("Remarks"), m_note, "note", 2);
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    m_growth = new wxStaticText(this, wxID_ANY, {});
    m_growth->SetName("growthAssessment");
    m_growth->SetFont(m_growth->GetFont().Bold());
    sizer->Add(m_growth, 0, wxLEFT | wxRIGHT, FromDIP(12));
    visitChosen();
    m_visit->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        visitChosen();
        CallAfter([this] { preview(); });
    });
    // After the form's own handler, which hides a field's reason as it changes.
    for (auto* t : {m_date, m_weight, m_length, m_head})
        t->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
            CallAfter([this] { preview(); });
            e.Skip();
        });
    m_errors.setWrapWidth(260);
    finishForm(this, sizer, m_errors, m_guard, m_weight, [this] { return save(); }, 700);
}

void ChildVisitDialog::visitChosen() {
    // The newborn visit asks when the child left hospital; head circumference is measured
    // to 3 years (the table's `head`).
    const int i = m_visit->GetSelection();
    const auto* rule = i >= 0 ? m_rules[static_cast<std::size_t>(i)] : nullptr;
    m_discharge->Enable(rule && rule->code == "newborn");
    m_head->Enable(!rule || rule->head);
    if (rule && !rule->head) m_head->ChangeValue({});
}

model::ChildVisit ChildVisitDialog::collect(std::vector<FieldError>& errors) const {
    model::ChildVisit v;
    v.residentId = m_child.id;
    const int i = m_visit->GetSelection();
    if (i >= 0) v.visitCode = m_rules[static_cast<std::size_t>(i)]->code;
    v.visitDate = readDate(m_date, "visit_date", errors);
    if (m_discharge->IsEnabled()) v.discharge = readDate(m_discharge, "discharge", errors);
    v.weightKg = readNumber(m_weight, "weight", errors);
    v.lengthCm = readNumber(m_length, "length", errors);
    if (m_head->IsEnabled()) v.headCm = readNumber(m_head, "head", errors);
    v.feeding = m_feeding->code();
    v.development = m_development->code();
    v.guidance = m_guidance->codes();
    v.note = toUtf8(m_note->GetValue());
    return v;
}

void ChildVisitDialog::preview() {
    // The z-scores of what is typed, by the same rule the saved visit is assessed with.
    std::vector<FieldError> errors;
    const auto v = collect(errors);
    wxString text;
    bool concern = false;
    if (errors.empty() && v.visitDate && (v.weightKg || v.lengthCm || v.headCm)) {
        try {
            services::ChildHealth health(m_workstation.database(), m_workstation.session());
            const auto list = health.assess(m_child.id, v);
            for (const auto& a : list) concern |= a.level != "normal";
            if (!list.empty()) text = _("Growth: ") + toWx(growth::describe(list));
        } catch (const std::exception&) {
            // A date the rules cannot place: the reason shows on save.
        }
    }
    m_growth->SetForegroundColour(concern ? wxColour(190, 30, 30) : wxColour(60, 120, 60));
    setWrapped(m_growth, text, FromDIP(680));
    const wxSize best = GetBestSize(), now = GetSize();
    if (best.y > now.y) SetSize(now.x, best.y);
    Layout();
}

wxString ChildVisitDialog::growthText() const { return m_growth->GetLabel(); }

bool ChildVisitDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto v = collect(errors);
    services::ChildHealth health(m_workstation.database(), m_workstation.session());
    const bool saved = storeOrShow(m_errors, std::move(errors), [&] { health.record(v); });
    if (saved) m_guard.take();
    const wxSize best = GetBestSize(), now = GetSize();
    if (best.x > now.x || best.y > now.y) SetSize(std::max(best.x, now.x), std::max(best.y, now.y));
    Layout();
    return saved;
}

}  // namespace jiayi::gui
