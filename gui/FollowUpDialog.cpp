#include "gui/FollowUpDialog.h"

#include <wx/sizer.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"
#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "gui/ChronicText.h"
#include "gui/FollowUpRulesPanel.h"
#include "gui/ReferralDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

namespace {
const wxColour kUrgentBack(255, 228, 225);
const wxColour kUrgentText(170, 0, 0);
const char* const kClassificationCodes[] = {"controlled", "uncontrolled", "adverse", "complication"};

bool refers(const model::FollowUp& f) { return f.nextStep == "refer" || f.nextStep == "urgent_refer"; }
}  // namespace

FollowUpDialog::FollowUpDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident,
                               std::optional<model::FollowUp> correcting, const std::string& programme)
    : wxDialog(parent, wxID_ANY,
               correcting ? wxString::Format(_("Correct the follow-up of %s"), toWx(resident.name))
                          : wxString::Format(_("Follow-up — %s"), toWx(resident.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_care(workstation.database(), workstation.session()),
      m_resident(std::move(resident)),
      m_correcting(std::move(correcting)) {
    applyReadableFont(this);
    SetName("followUpDialog");
    m_chart = m_care.chart(m_resident.id);
    for (const auto& p : m_chart.programmes) {
        const auto& code = p.enrolment.programme;
        if (m_correcting ? code == m_correcting->programme : p.enrolment.status == "active")
            m_programmes.emplace_back(code, nullptr);
    }
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    buildHeader(sizer);
    // Ticks: the programme asked for, else hypertension and diabetes (one visit serves both).
    const bool anyHtnT2d = hasProgramme("htn") || hasProgramme("t2d");
    for (auto& [code, box] : m_programmes)
        box->SetValue(!programme.empty() ? code == programme
                      : anyHtnT2d        ? code == "htn" || code == "t2d"
                                         : true);

    m_urgentBanner = new wxPanel(this);
    m_urgentBanner->SetBackgroundColour(kUrgentBack);
    auto* bannerSizer = new wxBoxSizer(wxVERTICAL);
    m_urgentText = new wxStaticText(m_urgentBanner, wxID_ANY, {});
    m_urgentText->SetForegroundColour(kUrgentText);
    m_urgentText->SetName("urgentText");
    bannerSizer->Add(m_urgentText, 0, wxEXPAND | wxALL, FromDIP(8));
    m_urgentBanner->SetSizer(bannerSizer);
    m_urgentBanner->Hide();
    sizer->Add(m_urgentBanner, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    buildPromptPanel(sizer);

    auto* middle = new wxBoxSizer(wxHORIZONTAL);
    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL);
    m_body->SetScrollRate(0, FromDIP(20));
    auto* form = new wxBoxSizer(wxVERTICAL);
    buildVisitSection(m_body, form);
    buildSignsSection(m_body, form);
    buildSymptomsSection(m_body, form);
    buildMentalSection(m_body, form);
    buildLifestyleSection(m_body, form);
    buildMedicationSection(m_body, form);
    buildPlanSection(m_body, form);
    auto* padded = new wxBoxSizer(wxVERTICAL);
    padded->Add(form, 1, wxEXPAND | wxRIGHT, FromDIP(12));
    m_body->SetSizer(padded);
    middle->Add(m_body, 1, wxEXPAND);
    m_rules = new FollowUpRulesPanel(this);
    m_rules->SetMinSize(FromDIP(wxSize(310, -1)));
    middle->Add(m_rules, 0, wxEXPAND | wxLEFT, FromDIP(8));
    sizer->Add(middle, 1, wxEXPAND | wxALL, FromDIP(10));

    m_generalError = new wxStaticText(this, wxID_ANY, {});
    m_generalError->SetForegroundColour(wxColour(200, 0, 0));
    m_errors.setFallback(m_generalError);
    sizer->Add(m_generalError, 0, wxLEFT | wxRIGHT, FromDIP(12));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* hint = new wxStaticText(this, wxID_ANY, _("Tab moves to the next field; Enter signs the visit."));
    hint->SetForegroundColour(wxColour(90, 90, 90));
    buttons->Add(hint, 0, wxALIGN_CENTER_VERTICAL);
    buttons->AddStretchSpacer();
    // Not wxID_OK: Enter must reach our handler, which validates first.
    m_sign = new wxButton(this, wxID_ANY, m_correcting ? _("&Sign the correction") : _("&Sign"));
    m_sign->SetDefault();
    buttons->Add(m_sign, 0, wxRIGHT, FromDIP(8));
    m_cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    buttons->Add(m_cancel, 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    m_sign->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sign(); });

    if (m_correcting) {
        load(*m_correcting);
    } else {
        m_date->ChangeValue(toWx(formatDate(today())));
        m_mode->setCode("clinic");
        // The height of the last visit: BMI shows as soon as the weight is typed.
        for (const auto& f : m_chart.followUps)
            if (f.height) {
                m_height->ChangeValue(numberText(f.height));
                break;
            }
        carryOver();
    }
    m_errors.clear();
    // Two pairs a row: a reason wraps to one pair's width, or the section would grow past
    // the window's edge.
    m_errors.setWrapWidth(240);
    bindLiveRules(this);
    updateSections();
    sizeToScreen(this, parent, {1220, 770});
    CentreOnParent();
    (m_correcting ? m_correctionReason : m_systolic)->SetFocus();
    remeasureWhenShown(this, m_body);
    keepFocusInView(m_body);
    m_guard.watch(this);
}

void FollowUpDialog::carryOver() {
    // What rarely changes between routine visits comes from the last signed visit, to be
    // corrected where it did change: the medicines, adherence, target weight, insulin.
    const auto& visits = m_chart.followUps;  // every version, newest visit first
    const auto signedVisit = [&](const model::FollowUp& f, bool diabetesOnly) {
        const bool current = std::none_of(visits.begin(), visits.end(),
                                          [&](const model::FollowUp& g) { return g.supersedes == f.id; });
        return current && f.mode != "lost" && f.mode != "dead" &&
               (f.programme == "t2d" || (!diabetesOnly && f.programme == "htn"));
    };
    const auto last = std::find_if(visits.begin(), visits.end(), [&](const auto& f) { return signedVisit(f, false); });
    if (last == visits.end()) return;
    for (std::size_t i = 0; i < m_medicines.size() && i < last->medicines.size(); ++i) {
        m_medicines[i][0]->ChangeValue(toWx(last->medicines[i].name));
        m_medicines[i][1]->ChangeValue(toWx(last->medicines[i].timesPerDay));
        m_medicines[i][2]->ChangeValue(toWx(last->medicines[i].dosePerTime));
    }
    m_adherence->setCode(last->adherence);
    m_targetWeight->ChangeValue(numberText(last->targetWeight));
    // The insulin of the last diabetes visit (its latest version).
    const auto diabetes = std::find_if(visits.begin(), visits.end(), [&](const auto& f) { return signedVisit(f, true); });
    if (diabetes != visits.end()) m_insulin->ChangeValue(toWx(diabetes->insulin));
}

void FollowUpDialog::buildHeader(wxSizer* sizer) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* who = residentHeading(this, m_resident);
    row->Add(who, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(24));
    row->Add(new wxStaticText(this, wxID_ANY, _("This visit records:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
             FromDIP(8));
    for (auto& [code, box] : m_programmes) {
        box = new wxCheckBox(this, wxID_ANY, programmeText(code));
        box->Enable(!m_correcting);
        box->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updateSections(); });
        row->Add(box, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    }
    if (m_programmes.empty())
        row->Add(new wxStaticText(this, wxID_ANY, _("Not under management: enrol the resident first.")), 0,
                 wxALIGN_CENTER_VERTICAL);
    sizer->Add(row, 0, wxEXPAND | wxALL, FromDIP(10));
}

void FollowUpDialog::buildPromptPanel(wxSizer* sizer) {
    m_prompt = new wxPanel(this);
    m_prompt->SetName("referralPrompt");
    m_prompt->SetBackgroundColour(kUrgentBack);
    auto* s = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(m_prompt, wxID_ANY, _("Signed. The rules advise a referral:"));
    title->SetFont(title->GetFont().Bold().Larger());
    title->SetForegroundColour(kUrgentText);
    s->Add(title, 0, wxALL, FromDIP(8));
    m_promptText = new wxStaticText(m_prompt, wxID_ANY, {});
    s->Add(m_promptText, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_referButton = new wxButton(m_prompt, wxID_ANY, _("&Create the referral slip…"));
    auto* later = new wxButton(m_prompt, wxID_ANY, _("&Not now"));
    buttons->Add(m_referButton, 0, wxRIGHT, FromDIP(8));
    buttons->Add(later, 0);
    s->Add(buttons, 0, wxALL, FromDIP(8));
    m_prompt->SetSizer(s);
    m_prompt->Hide();
    sizer->Add(m_prompt, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    m_referButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { createReferral(); });
    later->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });
}

bool FollowUpDialog::hasProgramme(const char* code) const {
    return std::any_of(m_programmes.begin(), m_programmes.end(), [&](const auto& p) { return p.first == code; });
}

std::vector<std::string> FollowUpDialog::chosenProgrammes() const {
    std::vector<std::string> out;
    for (const auto& [code, box] : m_programmes)
        if (box->GetValue()) out.push_back(code);
    return out;
}

void FollowUpDialog::updateSections() {
    const auto chosen = chosenProgrammes();
    auto isChosen = [&](const std::string& c) { return std::find(chosen.begin(), chosen.end(), c) != chosen.end(); };
    for (auto& [key, sizers] : m_sections) {
        const bool show = key == "htn+t2d" ? isChosen("htn") || isChosen("t2d") : isChosen(key);
        for (auto* s : sizers) m_body->GetSizer()->Show(s, show, true);
    }
    const std::string mode = m_mode->code();
    m_lostReason->Enable(mode == "lost");
    m_deathDate->Enable(mode == "dead");
    m_deathCause->Enable(mode == "dead");
    m_body->FitInside();
    m_body->Layout();
    updateRules();
}

void FollowUpDialog::bindLiveRules(wxWindow* root) {
    for (auto* child : root->GetChildren()) {
        if (child == m_prompt) continue;
        child->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) { e.Skip(); updateRules(); });
        child->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) { e.Skip(); updateSections(); });
        child->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& e) { e.Skip(); updateRules(); });
        bindLiveRules(child);
    }
}

void FollowUpDialog::updateRules() {
    if (!m_rules) return;
    // What cannot be read as a number is left empty, so the rules judge nothing from it; the
    // reasons are shown when signing, not while typing.
    std::vector<FieldError> unreadable;
    const auto forms = collect(unreadable);
    const auto previews = m_care.preview(forms, m_correcting ? m_correcting->id : "");
    m_rules->update(previews, m_resident.birthDate);
    if (!m_nextVisitTyped) {
        // The earliest date the rules give for the programmes of this visit.
        std::optional<Date> due;
        for (const auto& p : previews)
            if (p.judged && p.record.nextDue && (!due || *p.record.nextDue < *due)) due = p.record.nextDue;
        m_nextVisit->ChangeValue(due ? toWx(formatDate(*due)) : wxString());
    }
    if (!forms.empty()) {
        const auto& f = forms.front();
        // A dash until weight and height give a value.
        auto shown = [](std::optional<double> v) { return v ? numberText(v) : wxString::FromUTF8("—"); };
        m_bmi->SetLabel(shown(chronic::bmi(f.weight, f.height)));
        m_targetBmi->SetLabel(shown(chronic::bmi(f.targetWeight, f.height)));
    }
    // Urgent criteria: a red banner over the form and the readings at fault in red.
    wxString text;
    for (const auto& reason : m_rules->urgent()) text += (text.empty() ? "" : "\n") + wxString::FromUTF8("● ") + toWx(reason);
    const bool urgent = !text.empty();
    const auto& criteria = m_rules->urgentCriteria();
    auto mark = [&](wxTextCtrl* ctrl, std::initializer_list<const char*> codes) {
        const bool hit = std::any_of(codes.begin(), codes.end(), [&](const char* c) { return criteria.count(c) > 0; });
        ctrl->SetBackgroundColour(hit ? kUrgentBack : wxNullColour);
        ctrl->SetForegroundColour(hit ? kUrgentText : wxNullColour);
        ctrl->Refresh();
    };
    mark(m_systolic, {"sbp"});
    mark(m_diastolic, {"dbp"});
    mark(m_glucose, {"glucose_high", "glucose_low"});
    mark(m_heartRate, {"heart_rate"});
    mark(m_temperature, {"temperature"});
    const bool changed = urgent != m_urgentBanner->IsShown() || m_urgentText->GetLabel() != text;
    if (changed && !m_prompt->IsShown()) {
        m_urgentText->SetLabel(urgent ? _("Urgent referral (紧急转诊) after first aid:") + "\n" + text : wxString());
        m_urgentText->SetFont(m_urgentText->GetFont().Bold());
        m_urgentBanner->Show(urgent);
        Layout();
    }
    m_rules->Layout();
}

model::FollowUp FollowUpDialog::collectShared(std::vector<FieldError>& errors) const {
    model::FollowUp f;
    f.residentId = m_resident.id;
    // Every plain control through the table; a box switched off by the mode (why lost, date
    // of death) is not read.
    for (const auto& [field, control] : m_plain) {
        if (!control->IsThisEnabled()) continue;
        if (auto error = model::setFollowUpFieldText(*field, f, controlText(control))) errors.push_back(*error);
    }
    f.targetBmi = chronic::bmi(f.targetWeight, f.height);
    for (const auto& [code, box] : m_urgentSigns)
        if (box->GetValue()) f.urgentSigns.push_back(code);
    for (const auto& [key, pair] : m_lifestyle) {
        if (auto v = controlText(pair.first); !v.empty()) f.lifestyle[key] = v;
        if (auto v = controlText(pair.second); !v.empty()) f.lifestyle[key + "_target"] = v;
    }
    for (const auto& row : m_medicines) {
        model::Medicine m{toUtf8(row[0]->GetValue()), toUtf8(row[1]->GetValue()), toUtf8(row[2]->GetValue())};
        if (!m.name.empty() || !m.timesPerDay.empty() || !m.dosePerTime.empty()) f.medicines.push_back(m);
    }
    if (m_danger && m_danger->GetSelection() > 0) f.danger = m_danger->GetSelection() - 1;
    if (m_nextVisitTyped) {
        if (auto error = model::setFollowUpFieldText(*model::findFollowUpField("next_due"), f,
                                                     toUtf8(m_nextVisit->GetValue())))
            errors.push_back(*error);
    }
    return f;
}

std::vector<model::FollowUp> FollowUpDialog::collect(std::vector<FieldError>& errors) const {
    // The visit as typed once; core splits it into each chosen programme's form with that
    // form's own symptoms and classification.
    const auto visit = collectShared(errors);
    std::map<std::string, rules::FormChoices> choices;
    for (const auto& code : {std::string("htn"), std::string("t2d")}) {
        auto& own = choices[code];
        own.symptoms = (code == "t2d" ? m_t2dSymptoms : m_htnSymptoms)->codes();
        if (auto it = m_raise.find(code); it != m_raise.end() && it->second->GetSelection() > 0)
            own.classification = kClassificationCodes[it->second->GetSelection() - 1];
    }
    return rules::splitVisit(visit, chosenProgrammes(), choices);
}

void FollowUpDialog::showErrors(const std::vector<FieldError>& errors) {
    // Both forms have their own symptoms and classification: show such an error in the
    // section of each chosen form it can be about.
    std::vector<FieldError> routed;
    for (const auto& e : errors) {
        if (e.field == "symptoms" || e.field == "classification") {
            bool placed = false;
            for (const auto& code : chosenProgrammes()) {
                if (code != "htn" && code != "t2d") continue;
                const bool atFault = e.field == "symptoms"
                                         ? !(code == "t2d" ? m_t2dSymptoms : m_htnSymptoms)->codes().empty()
                                         : m_raise.at(code)->GetSelection() > 0;
                if (atFault) {
                    routed.push_back({code + ":" + e.field, e.reason});
                    placed = true;
                }
            }
            if (placed) continue;
        }
        routed.push_back(e);
    }
    // Several forms give the same reason for a shared field once each: show it once.
    std::vector<FieldError> unique;
    for (auto& e : routed)
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const FieldError& u) { return u.field == e.field && u.reason == e.reason; }))
            unique.push_back(std::move(e));
    const auto first = m_errors.show(unique);
    m_body->FitInside();
    m_body->Layout();
    Layout();
    if (first) {
        first->control->SetFocus();
        // Bring the field into view in the scrolled form.
        int x = 0, y = 0;
        m_body->CalcUnscrolledPosition(0, first->control->GetScreenPosition().y - m_body->GetScreenPosition().y, &x, &y);
        int unit = 1;
        m_body->GetScrollPixelsPerUnit(nullptr, &unit);
        m_body->Scroll(-1, std::max(0, y - FromDIP(60)) / std::max(1, unit));
    }
}

bool FollowUpDialog::sign() {
    if (m_prompt->IsShown()) return true;  // already signed
    m_errors.clear();
    std::vector<FieldError> errors;
    auto forms = collect(errors);
    if (!errors.empty()) {
        showErrors(errors);
        return false;
    }
    try {
        if (m_correcting) {
            m_outcome = {};
            m_outcome.records.push_back(
                m_care.correct(m_correcting->id, forms.front(), toUtf8(m_correctionReason->GetValue())));
            m_outcome.referralSuggested = refers(m_outcome.records.front());
        } else {
            m_outcome = m_care.recordVisit(std::move(forms));
        }
    } catch (const ValidationError& e) {
        showErrors(e.errors());
        return false;
    } catch (const std::exception& e) {
        showErrors({{"", e.what()}});
        return false;
    }
    m_guard.take();  // signed: closing now loses nothing
    if (m_outcome.referralSuggested) showReferralPrompt();
    else finish();
    return true;
}

void FollowUpDialog::showReferralPrompt() {
    wxString text;
    for (const auto& f : m_outcome.records) {
        if (!refers(f) || !f.visitDate || !f.nextDue) continue;
        text += wxString::Format("%s: %s\n", programmeText(f.programme),
                                 toWx(chronic::describePlan(f.planCause, *f.visitDate, *f.nextDue, f.planPrevious,
                                                            f.planDetail)));
    }
    m_promptText->SetLabel(text.Strip(wxString::trailing));
    m_promptText->Wrap(GetClientSize().x - FromDIP(60));
    m_urgentBanner->Hide();
    m_body->Disable();
    m_sign->Disable();
    m_cancel->SetLabel(_("Close"));  // the visit is signed: nothing is cancelled any more
    m_prompt->Show();
    Layout();
    m_referButton->SetDefault();
    m_referButton->SetFocus();
}

wxString FollowUpDialog::referralPromptText() const { return m_promptText->GetLabel(); }

wxString FollowUpDialog::urgentText() const { return m_urgentText->GetLabel(); }

bool FollowUpDialog::createReferral() {
    const auto record = std::find_if(m_outcome.records.begin(), m_outcome.records.end(), refers);
    if (record == m_outcome.records.end()) return false;
    try {
        services::Referrals referrals(m_workstation.database(), m_workstation.session());
        ReferralDialog dialog(this, m_workstation, m_resident, referrals.draftFromFollowUp(record->id));
        if (dialog.ShowModal() != wxID_OK) return false;
        m_referral = dialog.referral();
    } catch (const std::exception& e) {
        showErrors({{"", e.what()}});
        return false;
    }
    finish();
    return true;
}

void FollowUpDialog::finish() { endOk(this); }

}  // namespace jiayi::gui
