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

void FollowUpRulesPanel::update(const std::vector<services::FormPreview>& forms, std::optional<Date> birthDate) {
    Freeze();
    m_lines->Clear(true);
    m_urgent.clear();
    m_criteria.clear();
    auto* title = new wxStaticText(this, wxID_ANY, _("What the rules say"));
    title->SetFont(title->GetFont().Bold().Larger());
    m_lines->Add(title, 0, wxBOTTOM, FromDIP(8));
    if (!forms.empty()) {
        // Signing fills the height of earlier visits when it was not measured today; an
        // impossible weight or height gives no BMI.
        const auto& errors = forms.front().errors;
        const bool measurable = std::none_of(errors.begin(), errors.end(), [](const FieldError& e) {
            return e.field == "weight" || e.field == "height";
        });
        if (const auto bmi = forms.front().record.bmi; bmi && measurable) {
            const wxString what = *bmi >= chronic::kObeseBmi       ? _("obese: weigh at every visit")
                                  : *bmi >= chronic::kOverweightBmi ? _("overweight: weigh at every visit")
                                                                    : _("normal: weigh once a year");
            addLine(wxString::Format(_("BMI %.1f kg/m² — %s"), *bmi, what), false,
                    *bmi >= chronic::kOverweightBmi ? kWarn : wxNullColour);
        }
    }
    for (const auto& form : forms) describe(form, birthDate);
    if (forms.empty()) addLine(_("Tick the programme this visit records."));
    Layout();
    Thaw();
}

void FollowUpRulesPanel::describe(const services::FormPreview& preview, std::optional<Date> birthDate) {
    const auto& f = preview.record;
    m_lines->AddSpacer(FromDIP(6));
    addLine(programmeText(f.programme), true);
    const auto programme = chronic::programmeFromCode(f.programme);
    if (!programme || !f.visitDate) {
        addLine(_("Enter the visit date."));
        return;
    }
    if (f.mode == "lost") {
        addLine(_("Lost to follow-up: the reason is recorded instead of findings."));
        return;
    }
    if (f.mode == "dead") {
        addLine(_("Death: the record and every programme are closed."), false, kUrgent);
        return;
    }
    const bool bpOrGlucose =
        *programme == chronic::Programme::Hypertension || *programme == chronic::Programme::Diabetes;
    if (*programme == chronic::Programme::Hypertension) {
        const auto t = chronic::bpTarget(birthDate ? jiayi::ageOn(*birthDate, *f.visitDate) : 0);
        addLine(wxString::Format(_("Target at age %d: below %d/%d mmHg"),
                                 birthDate ? jiayi::ageOn(*birthDate, *f.visitDate) : 0, t.systolicBelow,
                                 t.diastolicBelow));
    } else if (*programme == chronic::Programme::Diabetes) {
        addLine(wxString::Format(_("Target: fasting glucose below %.1f mmol/L"), chronic::kFastingGlucoseTarget));
    }
    if (!preview.judged) {
        // A missing or impossible value is not judged: nothing is shown that signing would not record.
        addLine(_("Type the readings: the rules judge them once they are complete and possible."));
        return;
    }
    for (const auto& u : preview.urgent) {
        m_criteria.insert(u.criterion);
        if (std::find(m_urgent.begin(), m_urgent.end(), u.reason) == m_urgent.end()) m_urgent.push_back(u.reason);
    }
    if (bpOrGlucose && !f.controlled && f.classification == f.computedClassification) {
        addLine(_("No reading yet: nothing to judge."));
    } else if (bpOrGlucose) {
        const auto chosen = chronic::classificationFromCode(f.classification);
        const bool good = chosen == chronic::Classification::Controlled;
        addLine(wxString::Format(_("Classification: %s"), toWx(chosen ? chronic::classificationName(*chosen) : "")), true,
                good ? kGood : kWarn);
    } else if (*programme == chronic::Programme::MentalIllness) {
        const auto c = chronic::smiClassFromCode(f.classification);
        addLine(wxString::Format(_("Classification: %s"), toWx(c ? chronic::smiClassName(*c) : "")), true,
                c == chronic::SmiClass::Unstable ? kUrgent : wxNullColour);
    }
    for (const auto& e : preview.errors)
        if (e.field == "classification") addLine(toWx(e.reason), false, kUrgent);
    const auto step = f.nextStep;
    const bool refer = step == "refer" || step == "urgent_refer";
    if (f.nextDue)
        addLine(wxString::Format(_("Next: %s by %s"), nextStepText(step), toWx(formatDate(*f.nextDue))), true,
                refer ? kUrgent : wxNullColour);
    addLine(toWx(preview.planReason));
}

}  // namespace jiayi::gui
