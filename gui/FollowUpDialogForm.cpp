// FollowUpDialog's sections, in the order a routine visit is typed: date and mode, then
// blood pressure, heart rate and weight, then what each programme's own form adds.
#include <wx/sizer.h>

#include <algorithm>

#include "core/model/FollowUpFields.h"
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
    addField(s, "visit_date", m_date);
    addField(s, "mode", m_mode);
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
    m_plain.emplace_back(model::findFollowUpField("systolic"), m_systolic);
    m_plain.emplace_back(model::findFollowUpField("diastolic"), m_diastolic);
    m_heartRate = numberBox(box);
    addField(s, "heart_rate", m_heartRate, withUnit(box, m_heartRate, _("/min")));
    m_weight = numberBox(box);
    addField(s, "weight", m_weight, withUnit(box, m_weight, "kg"));
    m_height = numberBox(box);
    addField(s, "height", m_height, withUnit(box, m_height, "cm"));
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
    addField(s, "target_weight", m_targetWeight, withUnit(box, m_targetWeight, "kg"));
    m_temperature = numberBox(box);
    addField(s, "temperature", m_temperature, withUnit(box, m_temperature, wxString::FromUTF8("°C")));
    m_signsOther = textBox(box, 200);
    addField(s, "signs_other", m_signsOther);
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
        s.add(fieldLabel("symptoms"), m_htnSymptoms, "htn:symptoms", 2);
        auto* now = new CodeChoice(s.box(), "salt");
        auto* target = new CodeChoice(s.box(), "salt");
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(now, 0);
        row->Add(new wxStaticText(s.box(), wxID_ANY, _("target")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(6));
        row->Add(target, 0);
        m_lifestyle["salt"] = {now, target};
        s.add(_("Salt intake"), row, now, "lifestyle.salt");
        s.add(fieldLabel("classification"), raiseChoice(s.box(), "htn"), "htn:classification");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["htn"].push_back(s.sizer());
    }
    {
        FormSection s(page, _("Type 2 diabetes form (2型糖尿病)"), m_errors, 0, 2);
        auto* box = s.box();
        m_t2dSymptoms = new CodeChecks(box, "t2d_symptom", 5);
        s.add(fieldLabel("symptoms"), m_t2dSymptoms, "t2d:symptoms", 2);
        m_glucose = numberBox(box);
        m_glucose->SetName("fasting_glucose");
        addField(s, "fasting_glucose", m_glucose, withUnit(box, m_glucose, "mmol/L"));
        m_dorsalPulse = new CodeChoice(box, "dorsal_pulse");
        addField(s, "dorsal_pulse", m_dorsalPulse);
        m_hba1c = numberBox(box);
        addField(s, "hba1c", m_hba1c, withUnit(box, m_hba1c, "%"));
        m_hba1cDate = makeDateCtrl(box);
        addField(s, "hba1c_date", m_hba1cDate);
        m_hypoglycaemia = new CodeChoice(box, "hypoglycaemia");
        addField(s, "hypoglycaemia", m_hypoglycaemia);
        m_insulin = textBox(box, 200);
        m_insulin->SetHint(_("type and dose"));
        addField(s, "insulin", m_insulin);
        auto* now = numberBox(box), *target = numberBox(box);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(now, 0);
        row->Add(new wxStaticText(box, wxID_ANY, _("target")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, FromDIP(6));
        row->Add(withUnit(box, target, _("g/day")), 0);
        m_lifestyle["staple"] = {now, target};
        s.add(_("Staple food"), row, now, "lifestyle.staple");
        s.add(fieldLabel("classification"), raiseChoice(box, "t2d"), "t2d:classification");
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["t2d"].push_back(s.sizer());
    }
    FormSection s(page, _("Other symptoms and urgent signs"), m_errors, 0, 1);
    m_symptomsOther = textBox(s.box(), 420);
    addField(s, "symptoms_other", m_symptomsOther);
    auto* signs = new wxGridSizer(4, FromDIP(2), FromDIP(10));
    for (const auto& sign : chronic::urgentSigns()) {
        if (!(sign.hypertension && hasProgramme("htn")) && !(sign.diabetes && hasProgramme("t2d"))) continue;
        auto* box = new wxCheckBox(s.box(), wxID_ANY, wxGetTranslation(wxString::FromUTF8(sign.label)));
        signs->Add(box, 0);
        m_urgentSigns.emplace_back(sign.code, box);
    }
    s.add(fieldLabel("urgent_signs"), signs, m_symptomsOther, "urgent_signs");
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
    addField(s, "adherence", m_adherence);
    m_testsOther = textBox(box, 220);
    addField(s, "tests_other", m_testsOther);
    m_adverse = new wxCheckBox(box, wxID_ANY, _("Adverse drug reaction:"));
    m_adverseText = textBox(box, 180);
    auto* adverse = new wxBoxSizer(wxHORIZONTAL);
    adverse->Add(m_adverse, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    adverse->Add(m_adverseText, 1, wxALIGN_CENTER_VERTICAL);
    addField(s, "adverse_reaction_text", m_adverseText, adverse, 2, m_adverse);
    m_plain.emplace_back(model::findFollowUpField("adverse_reaction"), m_adverse);
    auto* flags = new wxBoxSizer(wxVERTICAL);
    // The conditions the referral rules read, each a tick with the table's label.
    const auto tick = [&](const char* name) {
        auto* c = new wxCheckBox(box, wxID_ANY, fieldLabel(name));
        m_plain.emplace_back(model::findFollowUpField(name), c);
        flags->Add(c, 0, wxBOTTOM, FromDIP(2));
        return c;
    };
    m_adverseHard = tick("adverse_hard_to_control");
    m_complication = tick("new_or_worse_complication");
    m_pregnant = tick("pregnant_or_breastfeeding");
    m_cannotHandle = tick("cannot_handle");
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
    s.add(fieldLabel("medicines"), grid, m_medicines[0][0], "medicines.1", 2);
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
        s.add(fieldLabel("danger"), m_danger, "danger");
        m_smiFindings = new CodeChecks(s.box(), "smi_finding", 3);
        addField(s, "smi_findings", m_smiFindings);
        sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
        m_sections["smi"].push_back(s.sizer());
    }
    if (hasProgramme("tb")) {
        FormSection s(page, _("Tuberculosis"), m_errors, 0, 3);
        m_tbPhase = new CodeChoice(s.box(), "tb_phase");
        m_tbSupervisor = new CodeChoice(s.box(), "tb_supervisor");
        m_missedDoses = numberBox(s.box());
        addField(s, "tb_phase", m_tbPhase);
        addField(s, "tb_supervisor", m_tbSupervisor);
        addField(s, "missed_doses", m_missedDoses);
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
    s.add(fieldLabel("next_due"), m_nextVisit, "next_due", 3);
    m_referralReason = textBox(box, 150);
    m_referralInstitution = textBox(box, 150);
    m_referralDepartment = textBox(box, 120);
    addField(s, "referral_reason", m_referralReason);
    addField(s, "referral_institution", m_referralInstitution);
    addField(s, "referral_department", m_referralDepartment);
    m_lostReason = textBox(box, 150);
    m_lostReason->SetHint(_("when lost to follow-up"));
    m_deathDate = makeDateCtrl(box);
    m_deathCause = textBox(box, 120);
    addField(s, "lost_reason", m_lostReason);
    addField(s, "death_date", m_deathDate);
    addField(s, "death_cause", m_deathCause);
    sizer->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
}

void FollowUpDialog::load(const model::FollowUp& f) {
    for (const auto& [field, control] : m_plain) setControlText(control, model::followUpFieldText(*field, f));
    (f.programme == "t2d" ? m_t2dSymptoms : m_htnSymptoms)->setCodes(f.symptoms);
    for (auto& [code, box] : m_urgentSigns)
        box->SetValue(std::find(f.urgentSigns.begin(), f.urgentSigns.end(), code) != f.urgentSigns.end());
    for (auto& [key, pair] : m_lifestyle) {
        auto put = [&](wxWindow* w, const std::string& k) {
            const auto it = f.lifestyle.find(k);
            setControlText(w, it == f.lifestyle.end() ? "" : it->second);
        };
        put(pair.first, key);
        put(pair.second, key + "_target");
    }
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
    if (m_danger) m_danger->SetSelection(f.danger ? *f.danger + 1 : 0);
}

void FollowUpDialog::addField(FormSection& s, const char* name, wxWindow* control, wxSizer* row, int span,
                              wxWindow* focus) {
    const auto* field = model::findFollowUpField(name);
    wxASSERT_MSG(field, name);
    m_plain.emplace_back(field, control);
    if (row) s.add(fieldLabel(name), row, focus ? focus : control, name, span);
    else s.add(fieldLabel(name), control, name, span);
}

wxString FollowUpDialog::fieldLabel(const char* name) {
    const auto* field = model::findFollowUpField(name);
    return field ? wxGetTranslation(wxString::FromUTF8(field->label)) : wxString::FromUTF8(name);
}

}  // namespace jiayi::gui
