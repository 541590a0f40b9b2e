#include "gui/FollowUpRulesPanel.h"

#include <wx/settings.h>
#include <wx/stattext.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"
#include "gui/ChronicText.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

namespace {

const wxColour kUrgent(190, 0, 0);
const wxColour kWarn(170, 90, 0);
const wxColour kGood(0, 120, 40);

bool has(const std::vector<std::string>& list, const char* code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

// The latest current version of the programme's visits before `day` (with a reading when
// `measured`), as ChronicRepository::latestBefore picks it at signing.
std::optional<chronic::PreviousVisit> previousVisit(const std::vector<model::FollowUp>& history,
                                                    const model::FollowUp& form, const Date& day,
                                                    const std::string& excludeId, bool measured) {
    const model::FollowUp* best = nullptr;
    for (const auto& f : history) {
        if (f.programme != form.programme || !f.visitDate || *f.visitDate > day || f.id == excludeId) continue;
        const bool superseded = std::any_of(history.begin(), history.end(),
                                            [&](const model::FollowUp& g) { return g.supersedes == f.id; });
        if (superseded || (measured && !f.controlled)) continue;
        if (!best || *f.visitDate > *best->visitDate) best = &f;
    }
    if (!best) return std::nullopt;
    return chronic::PreviousVisit{*best->visitDate, best->controlled, best->nextDue};
}

}  // namespace

FollowUpRulesPanel::FollowUpRulesPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetName("followUpRules");
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));
    m_lines = new wxBoxSizer(wxVERTICAL);
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(m_lines, 1, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(outer);
}

void FollowUpRulesPanel::addLine(const wxString& text, bool bold, const wxColour& colour) {
    auto* line = new wxStaticText(this, wxID_ANY, {});
    if (bold) line->SetFont(line->GetFont().Bold());
    if (colour.IsOk()) line->SetForegroundColour(colour);
    setWrapped(line, text, FromDIP(285));
    m_lines->Add(line, 0, wxBOTTOM, FromDIP(bold ? 4 : 3));
}

wxString FollowUpRulesPanel::text() const {
    wxString out;
    for (auto* item : m_lines->GetChildren())
        if (auto* w = dynamic_cast<wxStaticText*>(item->GetWindow())) out += w->GetLabel() + "\n";
    return out;
}

void FollowUpRulesPanel::update(const std::vector<model::FollowUp>& forms, std::optional<Date> birthDate,
                                const std::vector<model::FollowUp>& history, const std::string& excludeId) {
    Freeze();
    m_lines->Clear(true);
    m_urgent.clear();
    m_criteria.clear();
    auto* title = new wxStaticText(this, wxID_ANY, _("What the rules say"));
    title->SetFont(title->GetFont().Bold().Larger());
    m_lines->Add(title, 0, wxBOTTOM, FromDIP(8));
    if (!forms.empty()) {
        const auto& f = forms.front();
        if (const auto bmi = chronic::bmi(f.weight, f.height)) {
            const wxString what = *bmi >= chronic::kObeseBmi       ? _("obese: weigh at every visit")
                                  : *bmi >= chronic::kOverweightBmi ? _("overweight: weigh at every visit")
                                                                    : _("normal: weigh once a year");
            addLine(wxString::Format(_("BMI %.1f kg/m² — %s"), *bmi, what), false,
                    *bmi >= chronic::kOverweightBmi ? kWarn : wxNullColour);
        }
    }
    for (const auto& form : forms) describe(form, birthDate, history, excludeId);
    if (forms.empty()) addLine(_("Tick the programme this visit records."));
    Layout();
    Thaw();
}

void FollowUpRulesPanel::describe(const model::FollowUp& form, std::optional<Date> birthDate,
                                  const std::vector<model::FollowUp>& history, const std::string& excludeId) {
    m_lines->AddSpacer(FromDIP(6));
    addLine(programmeText(form.programme), true);
    const auto programme = chronic::programmeFromCode(form.programme);
    if (!programme || !form.visitDate) {
        addLine(_("Enter the visit date."));
        return;
    }
    if (form.mode == "lost") {
        addLine(_("Lost to follow-up: the reason is recorded instead of findings."));
        return;
    }
    if (form.mode == "dead") {
        addLine(_("Death: the record and every programme are closed."), false, kUrgent);
        return;
    }
    const auto day = *form.visitDate;
    chronic::Plan plan;
    if (*programme == chronic::Programme::Hypertension || *programme == chronic::Programme::Diabetes) {
        const int age = birthDate ? jiayi::ageOn(*birthDate, day) : 0;
        const auto v = rules::findingsOf(form, age);
        for (const auto& u : chronic::urgentFindings(*programme, v)) {
            m_criteria.insert(u.criterion);
            if (std::find(m_urgent.begin(), m_urgent.end(), u.reason) == m_urgent.end()) m_urgent.push_back(u.reason);
        }
        if (*programme == chronic::Programme::Hypertension) {
            const auto t = chronic::bpTarget(age);
            addLine(wxString::Format(_("Target at age %d: below %d/%d mmHg"), age, t.systolicBelow, t.diastolicBelow));
        } else {
            addLine(wxString::Format(_("Target: fasting glucose below %.1f mmol/L"), chronic::kFastingGlucoseTarget));
        }
        const auto computed = chronic::classify(*programme, v);
        auto chosen = chronic::chooseClassification(
            computed, form.classification.empty() ? std::nullopt : chronic::classificationFromCode(form.classification));
        const auto controlled = chronic::controlled(*programme, v);
        const wxColour colour = computed == chronic::Classification::Controlled ? kGood : kWarn;
        addLine(wxString::Format(_("Classification: %s"), toWx(chronic::classificationName(chosen.value))), true,
                controlled ? colour : wxNullColour);
        if (chosen.refusal) addLine(toWx(*chosen.refusal), false, kUrgent);
        if (!controlled) addLine(_("No reading yet: nothing to judge."));
        plan = chronic::planAfterVisit(*programme, v, chosen.value, previousVisit(history, form, day, excludeId, true),
                                       previousVisit(history, form, day, excludeId, false));
    } else if (*programme == chronic::Programme::MentalIllness) {
        chronic::SmiFindings s;
        s.date = day;
        s.danger = form.danger.value_or(0);
        s.obviousSymptoms = has(form.smiFindings, "obvious_symptoms");
        s.someSymptoms = has(form.smiFindings, "some_symptoms");
        s.noInsight = has(form.smiFindings, "no_insight");
        s.poorInsight = has(form.smiFindings, "poor_insight");
        s.poorSocialFunction = has(form.smiFindings, "poor_social_function");
        s.seriousAdverseReaction = has(form.smiFindings, "serious_adverse_reaction");
        s.seriousPhysicalIllness = has(form.smiFindings, "serious_physical_illness");
        const auto c = chronic::classifySmi(s);
        addLine(wxString::Format(_("Classification: %s"), toWx(chronic::smiClassName(c))), true,
                c == chronic::SmiClass::Unstable ? kUrgent : wxNullColour);
        std::optional<chronic::SmiClass> before;
        for (const auto& f : history)
            if (f.programme == "smi" && f.id != excludeId && f.visitDate && *f.visitDate <= day) {
                before = chronic::smiClassFromCode(f.classification);
                break;  // newest first
            }
        plan = chronic::planAfterSmiVisit(s, c, before);
    } else {
        const auto phase = chronic::tbPhaseFromCode(form.tbPhase).value_or(chronic::TbPhase::Intensive);
        const auto by = chronic::tbSupervisorFromCode(form.tbSupervisor).value_or(chronic::TbSupervisor::Family);
        plan = chronic::planAfterTbVisit(day, phase, by);
    }
    const std::string step(chronic::code(plan.step));
    const bool refer = plan.step == chronic::NextStep::Refer || plan.step == chronic::NextStep::UrgentRefer;
    addLine(wxString::Format(_("Next: %s by %s"), nextStepText(step), toWx(formatDate(plan.due))), true,
            refer ? kUrgent : wxNullColour);
    addLine(toWx(plan.reason));
}

}  // namespace jiayi::gui
