#pragma once
// 高血压/2型糖尿病患者随访服务记录表 (and the SMI and TB follow-ups) as one visit: the
// findings both forms share are entered once, each programme's own items in its section.
// The rules run as values are typed (classification, BMI, next date and why, urgent
// criteria); signing stores one record per programme, and when the rules advise a referral
// the dialog offers the slip prefilled with the findings. Enter signs.
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/model/FollowUpFields.h"
#include "core/model/Referral.h"
#include "core/model/Resident.h"
#include "core/services/ChronicCare.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class FollowUpRulesPanel;

class FollowUpDialog : public wxDialog {
public:
    // A new visit for the resident's active programmes (`programme` alone when given), or,
    // with `correcting`, a correction of that signed record (a new version with a reason).
    FollowUpDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident,
                   std::optional<model::FollowUp> correcting = std::nullopt,
                   const std::string& programme = {});

    // Signs the visit (or the correction); true when stored. When the rules advise a
    // referral the dialog stays open with the referral prompt; otherwise it ends with wxID_OK.
    bool sign();
    // Opens the referral slip prefilled from the signed follow-up; true when it was sent.
    bool createReferral();

    const services::VisitOutcome& outcome() const { return m_outcome; }
    const std::optional<model::Referral>& referral() const { return m_referral; }
    // For tests and screenshots.
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* systolicCtrl() const { return m_systolic; }
    wxTextCtrl* diastolicCtrl() const { return m_diastolic; }
    wxTextCtrl* heartRateCtrl() const { return m_heartRate; }
    wxTextCtrl* weightCtrl() const { return m_weight; }
    wxTextCtrl* glucoseCtrl() const { return m_glucose; }
    wxTextCtrl* reasonCtrl() const { return m_correctionReason; }
    wxTextCtrl* nextVisitCtrl() const { return m_nextVisit; }
    const DiscardGuard& guard() const { return m_guard; }
    // The medicine rows: name, times a day, dose.
    const std::vector<std::array<wxTextCtrl*, 3>>& medicineCtrls() const { return m_medicines; }
    CodeChecks* htnSymptoms() const { return m_htnSymptoms; }
    CodeChecks* t2dSymptoms() const { return m_t2dSymptoms; }
    wxWindow* urgentBanner() const { return m_urgentBanner; }
    wxString urgentText() const;
    wxButton* signButton() const { return m_sign; }
    FollowUpRulesPanel* rulesPanel() const { return m_rules; }
    // The prompt shown after signing when the rules advise a referral.
    wxWindow* referralPrompt() const { return m_prompt; }
    wxString referralPromptText() const;
    wxButton* referButton() const { return m_referButton; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    // Recomputes the live rules now (they also run on every change).
    void updateRules();

private:
    // FollowUpDialogForm.cpp: the sections of the paper form.
    void buildHeader(wxSizer* sizer);
    void buildVisitSection(wxWindow* page, wxSizer* sizer);
    void buildSignsSection(wxWindow* page, wxSizer* sizer);
    void buildSymptomsSection(wxWindow* page, wxSizer* sizer);
    void buildLifestyleSection(wxWindow* page, wxSizer* sizer);
    void buildMedicationSection(wxWindow* page, wxSizer* sizer);
    void buildPlanSection(wxWindow* page, wxSizer* sizer);
    void buildMentalSection(wxWindow* page, wxSizer* sizer);
    void buildPromptPanel(wxSizer* sizer);
    void load(const model::FollowUp& f);
    // A control of a model::followUpFields() entry, placed in `s` with the table's label and
    // read and filled as the table's text; `row` holds it with its unit when given.
    void addField(FormSection& s, const char* name, wxWindow* control, wxSizer* row = nullptr, int span = 1,
                  wxWindow* focus = nullptr);
    static wxString fieldLabel(const char* name);
    void carryOver();
    // The shared findings, then one form per chosen programme.
    model::FollowUp collectShared(std::vector<FieldError>& errors) const;
    std::vector<model::FollowUp> collect(std::vector<FieldError>& errors) const;
    std::vector<std::string> chosenProgrammes() const;
    void updateSections();
    void bindLiveRules(wxWindow* root);
    void showErrors(const std::vector<FieldError>& errors);
    void showReferralPrompt();
    void finish();

    bool hasProgramme(const char* code) const;

    services::Workstation& m_workstation;
    services::ChronicCare m_care;
    model::Resident m_resident;
    services::Chart m_chart;
    std::optional<model::FollowUp> m_correcting;
    services::VisitOutcome m_outcome;
    std::optional<model::Referral> m_referral;
    FormErrors m_errors;

    // Programmes this visit records: code → its box (only the active ones).
    std::vector<std::pair<std::string, wxCheckBox*>> m_programmes;
    wxWindow* m_urgentBanner = nullptr;
    wxStaticText* m_urgentText = nullptr;
    wxScrolledWindow* m_body = nullptr;
    FollowUpRulesPanel* m_rules = nullptr;
    wxWindow* m_prompt = nullptr;
    wxStaticText* m_promptText = nullptr;
    wxButton* m_referButton = nullptr;
    wxButton* m_sign = nullptr;
    wxButton* m_cancel = nullptr;
    wxStaticText* m_generalError = nullptr;
    std::map<std::string, std::vector<wxSizer*>> m_sections;  // programme → its sections

    // The controls that show one table field each (text, number, date, code, codes, tick).
    std::vector<std::pair<const model::FollowUpField*, wxWindow*>> m_plain;
    wxTextCtrl* m_correctionReason = nullptr;
    wxTextCtrl* m_date = nullptr;
    CodeChoice* m_mode = nullptr;
    wxTextCtrl *m_systolic, *m_diastolic, *m_heartRate, *m_weight, *m_targetWeight, *m_height;
    wxTextCtrl *m_temperature, *m_signsOther;
    wxStaticText *m_bmi, *m_targetBmi;
    CodeChoice* m_dorsalPulse;
    CodeChecks *m_htnSymptoms, *m_t2dSymptoms;
    wxTextCtrl* m_symptomsOther;
    std::vector<std::pair<std::string, wxCheckBox*>> m_urgentSigns;
    // Lifestyle: key → this visit / target (a text box or a code choice).
    std::map<std::string, std::pair<wxWindow*, wxWindow*>> m_lifestyle;
    wxTextCtrl *m_glucose, *m_hba1c, *m_hba1cDate, *m_testsOther;
    CodeChoice *m_adherence, *m_hypoglycaemia;
    wxCheckBox *m_adverse, *m_adverseHard, *m_complication, *m_pregnant, *m_cannotHandle;
    wxTextCtrl *m_adverseText, *m_insulin;
    std::vector<std::array<wxTextCtrl*, 3>> m_medicines;
    std::map<std::string, wxChoice*> m_raise;  // programme → the doctor's classification
    wxTextCtrl *m_referralReason, *m_referralInstitution, *m_referralDepartment;
    wxTextCtrl *m_lostReason, *m_deathDate, *m_deathCause;
    // 下次随访日期: follows the rules' date until the doctor types one.
    wxTextCtrl* m_nextVisit = nullptr;
    bool m_nextVisitTyped = false;
    DiscardGuard m_guard;
    wxChoice* m_danger = nullptr;
    CodeChecks* m_smiFindings = nullptr;
    CodeChoice *m_tbPhase = nullptr, *m_tbSupervisor = nullptr;
    wxTextCtrl* m_missedDoses = nullptr;
};

}  // namespace jiayi::gui
