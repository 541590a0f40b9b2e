#include "gui/PregnancyDialog.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/choicdlg.h>
#include <wx/textctrl.h>

#include "core/rules/CodeLists.h"
#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "gui/ChildDialog.h"
#include "gui/ReferralDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace mat = rules::maternal;

namespace {

wxColour stateColour(mat::VisitStatus s) {
    switch (s) {
        case mat::VisitStatus::Overdue: return wxColour(190, 30, 30);
        case mat::VisitStatus::Due: return wxColour(190, 110, 0);
        case mat::VisitStatus::Done: return wxColour(60, 120, 60);
        default: return wxColour(90, 90, 90);
    }
}

std::optional<model::Resident> residentOrNone(services::Workstation& ws, const std::string& id) {
    try {
        return ws.registry().get(id);
    } catch (const std::exception&) {
        return std::nullopt;  // not on this site, or outside the user's area
    }
}

wxString reading(const std::optional<double>& v, const char* format) {
    return v ? wxString::Format(format, *v) : wxString();
}

}  // namespace

PregnancyDialog::PregnancyDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId)
    : wxDialog(parent, wxID_ANY, _("Maternal care"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_woman(workstation.registry().get(residentId)) {
    applyReadableFont(this);
    SetName("pregnancyDialog");
    SetTitle(wxString::Format(_("Maternal care — %s"), toWx(m_woman.name)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_woman), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    m_summary = new wxStaticText(this, wxID_ANY, {});
    m_summary->SetName("pregnancySummary");
    sizer->Add(m_summary, 0, wxALL, FromDIP(10));
    sizer->Add(new wxStaticText(this, wxID_ANY, _("&Schedule of visits")), 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_plan = reportList(this, {{_("Check of the schedule"), 200}, {_("On time"), 220}, {_("State"), 220}});
    m_plan->SetName("pregnancyPlan");
    sizer->Add(m_plan, 3, wxEXPAND | wxALL, FromDIP(10));
    sizer->Add(new wxStaticText(this, wxID_ANY, _("&Visits recorded")), 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_visits = reportList(this, {{_("Date"), 110}, {_("Check of the schedule"), 200}, {_("Blood pressure"), 110}, {_("Weight"), 80},
                                 {_("Fasting glucose"), 110}, {_("Haemoglobin"), 100}});
    m_visits->SetName("pregnancyVisits");
    sizer->Add(m_visits, 2, wxEXPAND | wxALL, FromDIP(10));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_register = new wxButton(this, wxID_ANY, _("Re&gister a pregnancy…"));
    m_register->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { registerPregnancy(); });
    m_visit = new wxButton(this, wxID_ANY, _("&Record a visit…"));
    m_visit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recordVisit(); });
    m_deliver = new wxButton(this, wxID_ANY, _("Record the &delivery…"));
    m_deliver->SetName("recordDelivery");
    m_deliver->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recordDelivery(); });
    m_end = new wxButton(this, wxID_ANY, _("&End without a birth…"));
    m_end->SetName("endPregnancy");
    m_end->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { endPregnancy(); });
    m_baby = new wxButton(this, wxID_ANY, _("&Baby's page…"));
    m_baby->SetName("openBaby");
    m_baby->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openBaby(); });
    buttons->Add(m_visit, 0, wxRIGHT, FromDIP(8));
    buttons->Add(m_deliver, 0, wxRIGHT, FromDIP(8));
    buttons->Add(m_baby, 0, wxRIGHT, FromDIP(8));
    buttons->Add(m_end, 0, wxRIGHT, FromDIP(8));
    buttons->Add(m_register, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CANCEL, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    SetSizer(sizer);
    reload();
    sizeToScreen(this, parent, {900, 640});
    CentreOnParent();
}

void PregnancyDialog::reload() {
    services::Maternal maternal(m_workstation.database(), m_workstation.session());
    auto all = maternal.ofResident(m_woman.id);
    m_current.reset();
    if (!all.empty()) m_current = std::move(all.back());
    m_plan->DeleteAllItems();
    m_visits->DeleteAllItems();
    const bool open = m_current && m_current->pregnancy.state != "ended";
    const bool pregnant = m_current && m_current->pregnancy.state == "pregnant";
    m_visit->Enable(open);
    m_register->Enable(!pregnant);
    m_deliver->Enable(pregnant);
    m_end->Enable(pregnant);
    m_baby->Enable(m_current && !m_current->pregnancy.babies.empty());
    if (!m_current) {
        m_summary->SetLabel(_("No pregnancy registered."));
        Layout();
        return;
    }
    const auto& p = m_current->pregnancy;
    wxString risks;
    const auto dot = wxString::FromUTF8("  ·  ");
    for (const auto& r : p.risks)
        risks += (risks.empty() ? wxString() : wxString::FromUTF8("、")) + toWx(rules::codeLabel("pregnancy_risk", r));
    wxString text = wxString::Format(_("Last menstrual period %s, expected delivery %s"), toWx(formatDate(*p.lmp)),
                                     toWx(formatDate(*p.edd)));
    if (p.state == "pregnant") text += dot + toWx(mat::text(m_current->today));
    if (p.state == "delivered" && p.deliveredOn) text += dot + wxString::Format(_("delivered on %s"), toWx(formatDate(*p.deliveredOn)));
    if (p.state == "ended") text += dot + _("ended");
    text += "\n" + wxString::Format(_("Gravidity %d, parity %d"), p.gravidity.value_or(0), p.parity.value_or(0));
    if (!risks.empty()) text += dot + wxString::Format(_("Risk factors: %s"), risks);
    wxString babies;
    for (const auto& id : p.babies)
        if (const auto baby = residentOrNone(m_workstation, id))
            babies += (babies.empty() ? wxString() : wxString::FromUTF8("、")) + toWx(baby->name + " " + baby->archiveNo);
    if (!babies.empty()) text += "\n" + wxString::Format(_("Newborns: %s"), babies);
    m_summary->SetLabel(text);
    Layout();
    long row = 0;
    for (const auto& l : m_current->plan) {
        const wxString window =
            l.from ? toWx(formatDate(*l.from)) + wxString::FromUTF8(" – ") + toWx(formatDate(*l.to)) : _("after the delivery");
        appendRow(m_plan, row, {toWx(l.rule->name), window, toWx(mat::describeState(l))});
        m_plan->SetItemTextColour(row, stateColour(l.status));
        ++row;
    }
    row = 0;
    for (const auto& v : m_current->visits) {
        const auto* rule = mat::visitTable().find(v.visitCode);
        const wxString bp = v.systolic && v.diastolic ? wxString::Format("%d/%d", *v.systolic, *v.diastolic) : wxString();
        appendRow(m_visits, row++,
                  {toWx(v.visitDate ? formatDate(*v.visitDate) : ""), toWx(rule ? rule->name : v.visitCode), bp,
                   reading(v.weightKg, "%.1f"), reading(v.fastingGlucose, "%.1f"), reading(v.hemoglobin, "%.0f")});
    }
}

wxString PregnancyDialog::summary() const { return m_summary->GetLabel(); }

void PregnancyDialog::recordDelivery() {
    if (!m_current) return;
    DeliveryDialog dialog(this, m_workstation, m_woman, *m_current);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    if (dialog.delivered()) {
        wxString names;
        for (const auto& b : dialog.delivered()->babies)
            names += (names.empty() ? wxString() : wxString("\n")) + toWx(b.name + "  " + b.archiveNo);
        wxMessageBox(wxString::Format(_("Delivery recorded. The newborns' records:\n%s"), names), _("Jiayi"),
                     wxOK | wxICON_INFORMATION, this);
    }
}

void PregnancyDialog::endPregnancy() {
    if (!m_current) return;
    EndPregnancyDialog dialog(this, m_workstation, m_woman, *m_current);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void PregnancyDialog::openBaby() {
    if (!m_current || m_current->pregnancy.babies.empty()) return;
    const auto& ids = m_current->pregnancy.babies;
    std::size_t pick = 0;
    if (ids.size() > 1) {
        wxArrayString names;
        for (const auto& id : ids) {
            const auto baby = residentOrNone(m_workstation, id);
            names.Add(toWx(baby ? baby->name + " " + baby->archiveNo : id));
        }
        const int i = wxGetSingleChoiceIndex(_("Which baby?"), _("Baby's page"), names, this);
        if (i < 0) return;
        pick = static_cast<std::size_t>(i);
    }
    try {
        ChildDialog page(this, m_workstation, ids[pick]);
        page.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
}

void PregnancyDialog::registerPregnancy() {
    RegisterPregnancyDialog dialog(this, m_workstation, m_woman);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void PregnancyDialog::recordVisit() {
    if (!m_current) return;
    MaternalVisitDialog dialog(this, m_workstation, m_woman, *m_current);
    if (dialog.ShowModal() != wxID_OK) return;
    reload();
    // chronic.md: an urgent finding in pregnancy is a referral; the slip opens filled in.
    if (dialog.saved() && !dialog.saved()->urgent.empty()) {
        try {
            services::Maternal maternal(m_workstation.database(), m_workstation.session());
            ReferralDialog slip(this, m_workstation, m_woman, maternal.draftReferral(dialog.saved()->visit.id));
            slip.ShowModal();
        } catch (const std::exception& e) {
            wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
        }
    }
}

MaternalVisitDialog::MaternalVisitDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& woman,
                                         const services::PregnancyView& pregnancy)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Maternal visit — %s"), toWx(woman.name))),
      m_workstation(workstation),
      m_woman(woman),
      m_pregnancy(pregnancy) {
    applyReadableFont(this);
    SetName("maternalVisitDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_woman), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Antenatal or postpartum visit (孕产妇健康管理)"), m_errors, 0, 2);
    auto* box = s.box();
    m_visitChoice = new wxChoice(box, wxID_ANY);
    m_visitChoice->SetName("visit");
    int chosen = 0;
    for (const auto& l : m_pregnancy.plan) {
        if ((l.status == mat::VisitStatus::Due || l.status == mat::VisitStatus::Overdue) && chosen == 0)
            chosen = static_cast<int>(m_codes.size());
        m_codes.push_back(l.rule->code);
        m_visitChoice->Append(toWx(l.rule->name));
    }
    m_visitChoice->SetSelection(chosen);
    s.add(_("Check of the schedule"), m_visitChoice, "visit", 2);
    m_date = makeDateCtrl(box);
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Date"), m_date, "visit_date");
    s.addBloodPressure(m_systolic, m_diastolic);
    m_weight = s.addNumber(_("Weight"), "kg", "weight");
    m_glucose = s.addNumber(_("Fasting glucose"), "mmol/L", "fasting_glucose");
    m_hemoglobin = s.addNumber(_("Haemoglobin"), "g/L", "hemoglobin");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    m_urgent = new wxStaticText(this, wxID_ANY, {});
    m_urgent->SetName("maternalUrgent");
    m_urgent->SetForegroundColour(wxColour(190, 30, 30));
    m_urgent->SetFont(m_urgent->GetFont().Bold());
    sizer->Add(m_urgent, 0, wxLEFT | wxRIGHT, FromDIP(12));
    for (auto* t : {m_systolic, m_diastolic, m_glucose, m_date})
        t->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
            CallAfter([this] { preview(); });
            e.Skip();
        });
    m_errors.setWrapWidth(240);
    finishForm(this, sizer, m_errors, m_guard, m_systolic, [this] { return save(); }, 640);
}

model::MaternalVisit MaternalVisitDialog::collect(std::vector<FieldError>& errors) const {
    model::MaternalVisit v;
    v.pregnancyId = m_pregnancy.pregnancy.id;
    const int i = m_visitChoice->GetSelection();
    if (i >= 0) v.visitCode = m_codes[static_cast<std::size_t>(i)];
    v.visitDate = readDate(m_date, "visit_date", errors);
    v.systolic = readWholeNumber(m_systolic, "systolic", errors);
    v.diastolic = readWholeNumber(m_diastolic, "diastolic", errors);
    v.weightKg = readNumber(m_weight, "weight", errors);
    v.fastingGlucose = readNumber(m_glucose, "fasting_glucose", errors);
    v.hemoglobin = readNumber(m_hemoglobin, "hemoglobin", errors);
    return v;
}

void MaternalVisitDialog::preview() {
    std::vector<FieldError> errors;
    const auto v = collect(errors);
    wxString text;
    if (errors.empty()) {
        services::Maternal maternal(m_workstation.database(), m_workstation.session());
        for (const auto& u : maternal.urgentFindings(m_pregnancy.pregnancy.id, v))
            text += (text.empty() ? _("Urgent referral: ") : wxString("; ")) + toWx(u.reason);
    }
    m_urgent->SetLabel(text);
    m_urgent->Wrap(FromDIP(600));
    const wxSize best = GetBestSize(), now = GetSize();
    if (best.y > now.y) SetSize(now.x, best.y);
    Layout();
}

wxString MaternalVisitDialog::urgentText() const { return m_urgent->GetLabel(); }

bool MaternalVisitDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto v = collect(errors);
    services::Maternal maternal(m_workstation.database(), m_workstation.session());
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] { m_saved = maternal.recordVisit(v); });
    if (stored) m_guard.take();
    Layout();
    return stored;
}

RegisterPregnancyDialog::RegisterPregnancyDialog(wxWindow* parent, services::Workstation& workstation,
                                                 const model::Resident& woman)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Register a pregnancy — %s"), toWx(woman.name))),
      m_workstation(workstation),
      m_woman(woman) {
    applyReadableFont(this);
    SetName("registerPregnancyDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_woman), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Pregnancy (孕产妇登记)"), m_errors, 0, 2);
    auto* box = s.box();
    m_lmp = makeDateCtrl(box);
    s.add(_("Last menstrual period"), m_lmp, "lmp", 2);
    m_gravidity = numberBox(box, 50);
    s.add(_("Gravidity"), m_gravidity, "gravidity");
    m_parity = numberBox(box, 50);
    s.add(_("Parity"), m_parity, "parity");
    m_risks = new CodeChecks(box, "pregnancy_risk", 4);
    s.add(_("Risk factors"), m_risks, "risks", 2);
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    finishForm(this, sizer, m_errors, m_guard, m_lmp, [this] { return save(); });
}

bool RegisterPregnancyDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    model::Pregnancy p;
    p.residentId = m_woman.id;
    p.lmp = readDate(m_lmp, "lmp", errors);
    p.gravidity = readWholeNumber(m_gravidity, "gravidity", errors);
    p.parity = readWholeNumber(m_parity, "parity", errors);
    p.risks = m_risks->codes();
    services::Maternal maternal(m_workstation.database(), m_workstation.session());
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] { maternal.registerPregnancy(p); });
    if (stored) m_guard.take();
    Fit();
    return stored;
}

DeliveryDialog::DeliveryDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& mother,
                               const services::PregnancyView& pregnancy)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Delivery — %s"), toWx(mother.name))),
      m_workstation(workstation),
      m_mother(mother),
      m_pregnancy(pregnancy) {
    applyReadableFont(this);
    SetName("deliveryDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_mother), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Delivery (分娩)"), m_errors, 0, 2);
    auto* box = s.box();
    m_date = makeDateCtrl(box);
    m_date->SetName("delivered_on");
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Delivered on"), m_date, "delivered_on");
    m_discharge = makeDateCtrl(box);
    m_discharge->SetName("discharged_on");
    s.add(_("Left hospital on"), m_discharge, "discharged_on");
    m_place = new CodeChoice(box, "delivery_place", true);
    m_place->SetName("place");
    s.add(_("Place of delivery"), m_place, "place");
    m_mode = new CodeChoice(box, "delivery_mode", true);
    m_mode->SetName("mode");
    s.add(_("Mode of delivery"), m_mode, "mode");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));

    // The household's babies already on record (born after the 20th week): a baby
    // registered at the hospital or by the household is linked, not registered twice.
    if (const auto household = m_workstation.registry().householdOf(m_mother.id)) {
        const auto earliest = addDays(*m_pregnancy.pregnancy.lmp, 20 * 7);
        for (const auto& m : household->members) {
            if (m.leftOn || m.residentId == m_mother.id) continue;
            const auto r = residentOrNone(m_workstation, m.residentId);
            if (r && r->birthDate && *r->birthDate >= earliest) m_known.push_back(*r);
        }
    }
    FormSection b(this, _("Newborns"), m_errors, 0, 1);
    for (int i = 0; i < kMaxBabies; ++i) {
        auto& row = m_babies[i];
        row.record = new wxChoice(b.box(), wxID_ANY);
        row.record->SetName(wxString::Format("baby%d", i + 1));
        row.record->Append(_("— none —"));
        row.record->Append(_("New record in the mother's household"));
        for (const auto& k : m_known)
            row.record->Append(wxString::Format(_("On record: %s, born %s"), toWx(k.name + " " + k.archiveNo),
                                                 toWx(k.birthDate ? formatDate(*k.birthDate) : "")));
        row.record->SetSelection(i == 0 ? 1 : 0);
        row.name = textBox(b.box(), 160);
        row.name->SetName(wxString::Format("baby%dName", i + 1));
        row.name->SetHint(_("empty: the mother's name + 之子/之女"));
        row.sex = new CodeChoice(b.box(), "sex", true);
        row.sex->SetName(wxString::Format("baby%dSex", i + 1));
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        line->Add(row.record, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
        line->Add(new wxStaticText(b.box(), wxID_ANY, _("Name")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        line->Add(row.name, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
        line->Add(new wxStaticText(b.box(), wxID_ANY, _("Sex")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
        line->Add(row.sex, 0, wxALIGN_CENTER_VERTICAL);
        b.add(wxString::Format(_("Baby %d"), i + 1), line, row.record, i == 0 ? "babies" : "");
        row.record->Bind(wxEVT_CHOICE, [this, i](wxCommandEvent&) { babyChosen(i); });
        babyChosen(i);
    }
    sizer->Add(b.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    finishForm(this, sizer, m_errors, m_guard, m_date, [this] { return save(); });
}

void DeliveryDialog::babyChosen(int i) {
    // Name and sex are asked of a new record only; a baby on record has its own.
    const bool isNew = m_babies[i].record->GetSelection() == 1;
    m_babies[i].name->Enable(isNew);
    m_babies[i].sex->Enable(isNew);
}

bool DeliveryDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    services::DeliveryRequest d;
    d.pregnancyId = m_pregnancy.pregnancy.id;
    d.deliveredOn = readDate(m_date, "delivered_on", errors);
    d.dischargedOn = readDate(m_discharge, "discharged_on", errors);
    d.place = m_place->code();
    d.mode = m_mode->code();
    for (const auto& row : m_babies) {
        const int sel = row.record->GetSelection();
        if (sel <= 0) continue;
        services::NewbornRequest baby;
        if (sel == 1) {
            baby.name = toUtf8(row.name->GetValue());
            baby.sex = row.sex->code();
        } else {
            baby.existingId = m_known[static_cast<std::size_t>(sel - 2)].id;
        }
        d.babies.push_back(std::move(baby));
    }
    services::Maternal maternal(m_workstation.database(), m_workstation.session());
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] { m_delivered = maternal.recordDelivery(d); });
    if (stored) m_guard.take();
    Fit();
    return stored;
}

EndPregnancyDialog::EndPregnancyDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& woman,
                                       const services::PregnancyView& pregnancy)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Pregnancy ended — %s"), toWx(woman.name))),
      m_workstation(workstation),
      m_woman(woman),
      m_pregnancyId(pregnancy.pregnancy.id) {
    applyReadableFont(this);
    SetName("endPregnancyDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_woman), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    FormSection s(this, _("Pregnancy ended without a birth"), m_errors, 0, 2);
    m_date = makeDateCtrl(s.box());
    m_date->SetName("ended_on");
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Ended on"), m_date, "ended_on");
    m_reason = new CodeChoice(s.box(), "pregnancy_end", true);
    m_reason->SetName("reason");
    s.add(_("Reason"), m_reason, "reason");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    finishForm(this, sizer, m_errors, m_guard, m_date, [this] { return save(); });
}

bool EndPregnancyDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    const auto on = readDate(m_date, "ended_on", errors);
    services::Maternal maternal(m_workstation.database(), m_workstation.session());
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] {
        if (!on) throw ValidationError("ended_on", toUtf8(_("Required")));
        maternal.endPregnancy(m_pregnancyId, *on, m_reason->code());
    });
    if (stored) m_guard.take();
    Fit();
    return stored;
}

}  // namespace jiayi::gui
