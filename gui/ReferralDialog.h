#pragma once
// 双向转诊（转出）单: the up-referral slip with its stub, every field of referrals.md. A new
// slip (from a follow-up or on its own) is sent or kept as a draft; a draft can be edited
// and sent; a slip past draft is shown read-only.
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/scrolwin.h>
#include <wx/textctrl.h>

#include "core/model/Referral.h"
#include "core/model/Resident.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ReferralPrintout;

class ReferralDialog : public wxDialog {
public:
    ReferralDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident,
                   model::Referral referral);

    // Stores the slip (sent, or as a draft); true when stored (the dialog then ends wxID_OK).
    bool save(bool send);
    // The slip on A4 as the form shows it now (the caller owns it).
    ReferralPrintout* printout();
    void printPreview();
    const model::Referral& referral() const { return m_referral; }
    wxButton* sendButton() const { return m_send; }
    wxTextCtrl* reasonCtrl() const { return m_reason; }
    wxTextCtrl* toInstitutionCtrl() const { return m_toInstitution; }
    wxTextCtrl* toDepartmentCtrl() const { return m_toDepartment; }
    wxCheckBox* consentBox() const { return m_consent; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    wxScrolledWindow* body() const { return m_body; }

private:
    wxSizer* buildStub();
    wxString householdAddress();
    void fitToScreen();
    void load();
    model::Referral collect(std::vector<FieldError>& errors) const;

    services::Workstation& m_workstation;
    model::Resident m_resident;
    model::Referral m_referral;
    bool m_editable;
    FormErrors m_errors;
    wxScrolledWindow* m_body = nullptr;
    DiscardGuard m_guard;
    wxButton* m_send = nullptr;
    wxTextCtrl *m_toInstitution, *m_toDepartment, *m_toDoctor, *m_referredOn, *m_payment;
    wxTextCtrl *m_impression, *m_reason, *m_pastHistory, *m_treatment, *m_purpose;
    wxTextCtrl *m_fromInstitution, *m_fromDoctor, *m_fromPhone;
    CodeChoice* m_urgency;
    wxCheckBox* m_consent;
};

}  // namespace jiayi::gui
