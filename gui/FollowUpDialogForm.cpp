// FollowUpDialog's sections, in the order a routine visit is typed: date and mode, then
// blood pressure, heart rate and weight, then what each programme's own form adds.
#include <wx/sizer.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"
#include "gui/ChronicText.h"
#include "gui/FollowUpDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

void FollowUpDialog::buildVisitSection(wxWindow* page, wxSizer* sizer) {
    FormSection s(page, _("Visit (随访)"), m_errors, 0, 3);
    m_date = makeDateCtrl(s.box());
    m_mode = new CodeChoice(s.box(), "follow_up_mode", false);
    s.add(_("Visit date"), m_date, "visit_date");
    s.add(_("Mode"), m_mode, "mode");
    if (m_correcting) {
        m_correctionReason = textBox(s.box(), 240);
        m_correctionReason->SetHint(_("Why the signed record is corrected"));
        s.add(_("Reason for correction"), m_correctionReason, "correction_reason");
    }
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
}

void FollowUpDialog::buildSignsSection(wxWindow* page, wxSizer* sizer) {
    // Blood pressure, heart rate and weight first: a routine visit is these and Enter.
    FormSection s(page, _("Signs (体征)"), m_errors, 0, 2);
    auto* box = s.box();
    s.addBloodPressure(m_systolic, m_diastolic);
    m_heartRate = numberBox(box);
    s.add(_("Heart rate"), withUnit(box, m_heartRate, _("/min")), m_heartRate, "heart_rate");
    m_weight = numberBox(box);
    s.add(_("Weight"), withUnit(box, m_weight, "kg"), m_weight, "weight");
    m_height = numberBox(box);
    s.add(_("Height"), withUnit(box, m_height, "cm"), m_height, "height");
    m_bmi = new wxStaticText(box, wxID_ANY, wxString::FromUTF8("—"));
    m_targetBmi = new wxStaticText(box, wxID_ANY, wxString::FromUTF8("—"));
    auto* bmi = new wxBoxSizer(wxHORIZONTAL);
    const auto gap = FromDIP(4);
    bmi->Add(m_bmi, 0, wxALIGN_CENTER_VERTICAL | wxTOP, FromDIP(6));
    bmi->Add(new wxStaticText(box, wxID_ANY, wxString::FromUTF8("kg/m²")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxTOP, gap);
    bmi->Add(new wxStaticText(box, wxID_ANY, _("target")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxTOP, FromDIP(12));
    bmi->Add(m_targetBmi, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxTOP, gap);
    s.add(_("BMI"), bmi, m_weight, "bmi");
    m_targetWeight = numberBox(box);
    s.add(_("Target weight"), withUnit(box, m_targetWeight, "kg"), m_targetWeight, "target_weight");
    m_temperature = numberBox(box);
    s.add(_("Temperature"), withUnit(box, m_temperature, wxString::FromUTF8("°C")), m_temperature, "temperature");
    m_signsOther = textBox(box, 200);
    s.add(_("Other signs"), m_signsOther, "signs_other");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
}

void FollowUpDialog::buildSymptomsSection(wxWindow* page, wxSizer* sizer) {
    auto raiseChoice = [&](wxWindow* box, const std::string& programme) {
        auto* c = new wxChoice(box, wxID_ANY);
        c->Append(_("As the findings give"));
        for (const char* code : {"controlled", "uncontrolled", "adverse", "complication"})
            c->Append(classificationText(code));
        c->SetSelection(0);
        m_raise[programme] = c;
        return c;
    };
    {
        FormSection s(page, _("Hypertension form (高血压)"), m_errors, 0, 2);
        m_htnSymptoms = new CodeChecks(s.box(), "htn_symptom", 5);
        s.add(_("Symptoms"), m_htnSymptoms, "htn:symptoms", 2);
        auto* now = new CodeChoice(s.box(), "salt");
        auto* target = new CodeChoice(s.box(), "salt");
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(now, 0);
        row->Add(new wxStaticText(s.box(), wxID_ANY, _("target")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(6));
        row->Add(target, 0);
        m_lifestyle["salt"] = {now, target};
        s.add(_("Salt intake"), row, now, "lifestyle.salt");
        s.add(_("Classification"), raiseChoice(s.box(), "htn"), "htn:classification");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["htn"].push_back(s.sizer());
    }
    {
        FormSection s(page, _("Type 2 diabetes form (2型糖尿病)"), m_errors, 0, 2);
        auto* box = s.box();
        m_t2dSymptoms = new CodeChecks(box, "t2d_symptom", 5);
        s.add(_("Symptoms"), m_t2dSymptoms, "t2d:symptoms", 2);
        m_glucose = numberBox(box);
        m_glucose->SetName("fasting_glucose");
        s.add(_("Fasting glucose"), withUnit(box, m_glucose, "mmol/L"), m_glucose, "fasting_glucose");
        m_dorsalPulse = new CodeChoice(box, "dorsal_pulse");
        s.add(_("Dorsal foot pulse"), m_dorsalPulse, "dorsal_pulse");
        m_hba1c = numberBox(box);
        s.add(_("HbA1c"), withUnit(box, m_hba1c, "%"), m_hba1c, "hba1c");
        m_hba1cDate = makeDateCtrl(box);
        s.add(_("HbA1c date"), m_hba1cDate, "hba1c_date");
        m_hypoglycaemia = new CodeChoice(box, "hypoglycaemia");
        s.add(_("Hypoglycaemia"), m_hypoglycaemia, "hypoglycaemia");
        m_insulin = textBox(box, 200);
        m_insulin->SetHint(_("type and dose"));
        s.add(_("Insulin"), m_insulin, "insulin");
        auto* now = numberBox(box), *target = numberBox(box);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(now, 0);
        row->Add(new wxStaticText(box, wxID_ANY, _("target")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(6));
        row->Add(withUnit(box, target, _("g/day")), 0);
        m_lifestyle["staple"] = {now, target};
        s.add(_("Staple food"), row, now, "lifestyle.staple");
        s.add(_("Classification"), raiseChoice(box, "t2d"), "t2d:classification");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["t2d"].push_back(s.sizer());
    }
    FormSection s(page, _("Other symptoms and urgent signs"), m_errors, 0, 1);
    m_symptomsOther = textBox(s.box(), 420);
    s.add(_("Other symptoms"), m_symptomsOther, "symptoms_other");
    auto* signs = new wxGridSizer(4, FromDIP(2), FromDIP(10));
    for (const auto& sign : chronic::urgentSigns()) {
        if (!(sign.hypertension && hasProgramme("htn")) && !(sign.diabetes && hasProgramme("t2d"))) continue;
        auto* box = new wxCheckBox(s.box(), wxID_ANY, wxGetTranslation(wxString::FromUTF8(sign.label)));
        signs->Add(box, 0);
        m_urgentSigns.emplace_back(sign.code, box);
    }
    s.add(_("Urgent signs"), signs, m_symptomsOther, "urgent_signs");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    m_sections["htn+t2d"].push_back(s.sizer());
}

void FollowUpDialog::buildLifestyleSection(wxWindow* page, wxSizer* sizer) {
    FormSection s(page, _("Lifestyle guidance (生活方式指导): this visit / target"), m_errors, 0, 2);
    for (const auto& item : rules::lifestyleItems()) {
        if (m_lifestyle.count(item.key)) continue;  // salt and staple food are in their forms
        wxWindow *now, *target;
        if (item.codeList) {
            now = new CodeChoice(s.box(), item.codeList);
            target = new CodeChoice(s.box(), item.codeList);
        } else {
            now = numberBox(s.box(), 55);
            target = numberBox(s.box(), 55);
        }
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(now, 0, wxALIGN_CENTER_VERTICAL);
        row->Add(new wxStaticText(s.box(), wxID_ANY, "/"), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(4));
        row->Add(target, 0, wxALIGN_CENTER_VERTICAL);
        if (*item.unit)
            row->Add(new wxStaticText(s.box(), wxID_ANY, wxGetTranslation(wxString::FromUTF8(item.unit))), 0,
                     wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(4));
        m_lifestyle[item.key] = {now, target};
        s.add(wxGetTranslation(wxString::FromUTF8(item.label)), row, now, std::string("lifestyle.") + item.key);
    }
    // The target's errors show on the line of its item.
    for (const auto& [key, pair] : m_lifestyle) {
        const auto base = "lifestyle." + key;
        m_errors.registerField(base + "_target", {m_errors.label(base), pair.second, 0});
    }
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    m_sections["htn+t2d"].push_back(s.sizer());
}

void FollowUpDialog::buildMedicationSection(wxWindow* page, wxSizer* sizer) {
    FormSection s(page, _("Medication (用药情况)"), m_errors, 0, 2);
    auto* box = s.box();
    m_adherence = new CodeChoice(box, "adherence");
    s.add(_("Adherence"), m_adherence, "adherence");
    m_testsOther = textBox(box, 220);
    s.add(_("Test results"), m_testsOther, "tests_other");
    m_adverse = new wxCheckBox(box, wxID_ANY, _("Adverse drug reaction:"));
    m_adverseText = textBox(box, 180);
    auto* adverse = new wxBoxSizer(wxHORIZONTAL);
    adverse->Add(m_adverse, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    adverse->Add(m_adverseText, 1, wxALIGN_CENTER_VERTICAL);
    s.add(_("Adverse reaction"), adverse, m_adverse, "adverse_reaction_text", 2);
    auto* flags = new wxBoxSizer(wxVERTICAL);
    m_adverseHard = new wxCheckBox(box, wxID_ANY, _("Adverse reaction hard to control"));
    m_complication = new wxCheckBox(box, wxID_ANY, _("New or worse complication"));
    m_pregnant = new wxCheckBox(box, wxID_ANY, _("Pregnant or breastfeeding"));
    m_cannotHandle = new wxCheckBox(box, wxID_ANY, _("Another condition the clinic cannot handle"));
    for (auto* c : {m_adverseHard, m_complication, m_pregnant, m_cannotHandle}) flags->Add(c, 0, wxBOTTOM, FromDIP(2));
    s.add(_("Also"), flags, m_adverseHard, "", 2);
    auto* grid = new wxFlexGridSizer(3, FromDIP(3), FromDIP(6));
    grid->AddGrowableCol(0, 1);
    for (const auto& head : {_("Medicine"), _("Times a day"), _("Dose each time")})
        grid->Add(new wxStaticText(box, wxID_ANY, head), 0);
    for (int i = 0; i < 3; ++i) {
        std::array<wxTextCtrl*, 3> row{textBox(box, 220), numberBox(box, 90), numberBox(box, 120)};
        for (auto* c : row) grid->Add(c, 0, wxEXPAND);
        m_medicines.push_back(row);
    }
    s.add(_("Medicines"), grid, m_medicines[0][0], "medicines.1", 2);
    for (std::size_t i = 1; i < m_medicines.size(); ++i)
        m_errors.registerField("medicines." + std::to_string(i + 1), {m_errors.label("medicines.1"), m_medicines[i][0], 0});
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
}

void FollowUpDialog::buildMentalSection(wxWindow* page, wxSizer* sizer) {
    if (hasProgramme("smi")) {
        FormSection s(page, _("Severe mental illness"), m_errors, 0, 1);
        m_danger = new wxChoice(s.box(), wxID_ANY);
        m_danger->Append(_("(not filled in)"));
        for (int g = 0; g <= 5; ++g)
            m_danger->Append(wxString::Format(wxString::FromUTF8("%d — %s"), g, toWx(chronic::dangerGradeDescription(g))));
        m_danger->SetSelection(0);
        s.add(_("Danger grade"), m_danger, "danger");
        m_smiFindings = new CodeChecks(s.box(), "smi_finding", 3);
        s.add(_("Findings"), m_smiFindings, "smi_findings");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["smi"].push_back(s.sizer());
    }
    if (hasProgramme("tb")) {
        FormSection s(page, _("Tuberculosis"), m_errors, 0, 3);
        m_tbPhase = new CodeChoice(s.box(), "tb_phase");
        m_tbSupervisor = new CodeChoice(s.box(), "tb_supervisor");
        m_missedDoses = numberBox(s.box());
        s.add(_("Treatment phase"), m_tbPhase, "tb_phase");
        s.add(_("Supervised by"), m_tbSupervisor, "tb_supervisor");
        s.add(_("Missed doses"), m_missedDoses, "missed_doses");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["tb"].push_back(s.sizer());
    }
}

void FollowUpDialog::buildPlanSection(wxWindow* page, wxSizer* sizer) {
    FormSection s(page, _("Next visit, referral, lost to follow-up, death"), m_errors, 0, 3);
    auto* box = s.box();
    m_nextVisit = makeDateCtrl(box);
    m_nextVisit->SetName("live_next_visit");
    m_nextVisit->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
        m_nextVisitTyped = !m_nextVisit->GetValue().Strip(wxString::both).empty();
        e.Skip();
    });
    s.add(_("Next visit (下次随访日期)"), m_nextVisit, "next_due", 3);
    m_referralReason = textBox(box, 150);
    m_referralInstitution = textBox(box, 150);
    m_referralDepartment = textBox(box, 120);
    s.add(_("Referral reason"), m_referralReason, "referral_reason");
    s.add(_("Institution"), m_referralInstitution, "referral_institution");
    s.add(_("Department"), m_referralDepartment, "referral_department");
    m_lostReason = textBox(box, 150);
    m_lostReason->SetHint(_("when lost to follow-up"));
    m_deathDate = makeDateCtrl(box);
    m_deathCause = textBox(box, 120);
    s.add(_("Why lost"), m_lostReason, "lost_reason");
    s.add(_("Date of death"), m_deathDate, "death_date");
    s.add(_("Cause of death"), m_deathCause, "death_cause");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
}

void FollowUpDialog::load(const model::FollowUp& f) {
    m_date->ChangeValue(dateText(f.visitDate));
    m_mode->setCode(f.mode);
    m_systolic->ChangeValue(numberText(f.systolic));
    m_diastolic->ChangeValue(numberText(f.diastolic));
    m_heartRate->ChangeValue(numberText(f.heartRate));
    m_weight->ChangeValue(numberText(f.weight));
    m_targetWeight->ChangeValue(numberText(f.targetWeight));
    m_height->ChangeValue(numberText(f.height));
    m_temperature->ChangeValue(numberText(f.temperature));
    m_signsOther->ChangeValue(toWx(f.signsOther));
    (f.programme == "t2d" ? m_t2dSymptoms : m_htnSymptoms)->setCodes(f.symptoms);
    m_symptomsOther->ChangeValue(toWx(f.symptomsOther));
    for (auto& [code, box] : m_urgentSigns)
        box->SetValue(std::find(f.urgentSigns.begin(), f.urgentSigns.end(), code) != f.urgentSigns.end());
    for (auto& [key, pair] : m_lifestyle) {
        auto put = [&](wxWindow* w, const std::string& k) {
            const auto it = f.lifestyle.find(k);
            const std::string value = it == f.lifestyle.end() ? "" : it->second;
            if (auto* c = dynamic_cast<CodeChoice*>(w)) c->setCode(value);
            else static_cast<wxTextCtrl*>(w)->ChangeValue(toWx(value));
        };
        put(pair.first, key);
        put(pair.second, key + "_target");
    }
    m_glucose->ChangeValue(numberText(f.fastingGlucose));
    m_hba1c->ChangeValue(numberText(f.hba1c));
    m_hba1cDate->ChangeValue(dateText(f.hba1cDate));
    m_testsOther->ChangeValue(toWx(f.testsOther));
    m_dorsalPulse->setCode(f.dorsalPulse);
    m_hypoglycaemia->setCode(f.hypoglycaemia);
    m_insulin->ChangeValue(toWx(f.insulin));
    m_adherence->setCode(f.adherence);
    m_adverse->SetValue(f.adverseReaction);
    m_adverseText->ChangeValue(toWx(f.adverseReactionText));
    m_adverseHard->SetValue(f.adverseReactionHardToControl);
    m_complication->SetValue(f.newOrWorseComplication);
    m_pregnant->SetValue(f.pregnantOrBreastfeeding);
    m_cannotHandle->SetValue(f.cannotHandle);
    for (std::size_t i = 0; i < m_medicines.size() && i < f.medicines.size(); ++i) {
        m_medicines[i][0]->ChangeValue(toWx(f.medicines[i].name));
        m_medicines[i][1]->ChangeValue(toWx(f.medicines[i].timesPerDay));
        m_medicines[i][2]->ChangeValue(toWx(f.medicines[i].dosePerTime));
    }
    // Only a raise shows as the doctor's choice: the computed one is the default.
    if (auto it = m_raise.find(f.programme); it != m_raise.end() && f.classification != f.computedClassification) {
        const char* codes[] = {"controlled", "uncontrolled", "adverse", "complication"};
        for (int i = 0; i < 4; ++i)
            if (f.classification == codes[i]) it->second->SetSelection(i + 1);
    }
    m_referralReason->ChangeValue(toWx(f.referralReason));
    m_referralInstitution->ChangeValue(toWx(f.referralInstitution));
    m_referralDepartment->ChangeValue(toWx(f.referralDepartment));
    m_lostReason->ChangeValue(toWx(f.lostReason));
    m_deathDate->ChangeValue(dateText(f.deathDate));
    m_deathCause->ChangeValue(toWx(f.deathCause));
    if (m_danger) m_danger->SetSelection(f.danger ? *f.danger + 1 : 0);
    if (m_smiFindings) m_smiFindings->setCodes(f.smiFindings);
    if (m_tbPhase) m_tbPhase->setCode(f.tbPhase);
    if (m_tbSupervisor) m_tbSupervisor->setCode(f.tbSupervisor);
    if (m_missedDoses) m_missedDoses->ChangeValue(numberText(f.missedDoses));
}

}  // namespace jiayi::gui
