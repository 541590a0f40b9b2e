#pragma once
// Signs a resident — or the whole household in one go — with a family-doctor team
// (contracts.md; issue 17): the team serving the village, the responsible doctor, the
// packages with their fees, the dates and term, the insured part, the agreement read and
// signed (or who signed for the resident), and 重签 when the resident holds a contract with
// another team. What the form shows while it is filled in (the fee, the shares, the end date,
// why it would be refused) comes from services::Contracts::preview, the same checks signing
// runs. A nurse of the team prepares the contract instead (pending, signed later).
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/services/Contracts.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class SignContractDialog : public wxDialog {
public:
    SignContractDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident);

    // Signs (or prepares, for a user who cannot sign): true when stored.
    bool save();
    const std::vector<services::ContractView>& saved() const { return m_saved; }

    // For tests and the keyboard: the controls by role.
    wxChoice* teamChoice() const { return m_team; }
    wxCheckListBox* packageList() const { return m_packages; }
    wxTextCtrl* insuranceBox() const { return m_insurance; }
    wxCheckBox* agreementBox() const { return m_agreement; }
    wxCheckBox* householdBox() const { return m_household; }
    wxCheckListBox* memberList() const { return m_members; }
    wxCheckBox* replaceBox() const { return m_replace; }
    wxString summary() const { return m_summary->GetLabel(); }
    bool signs() const { return m_signs; }

private:
    void fillTeams();
    void fillDoctors();
    void fillPackages();
    // The draft from the form; the form's own mistakes (an unreadable date) into `errors`.
    services::ContractDraft draft(std::vector<FieldError>& errors);
    void updatePreview();
    void fitOnScreen();

    services::Workstation& m_workstation;
    model::Resident m_resident;
    services::Contracts m_contracts;
    std::vector<services::TeamView> m_teams;
    std::vector<std::string> m_doctorLogins;
    std::vector<std::string> m_packageCodes;
    std::vector<std::string> m_memberIds;
    std::string m_inForceId;  // a contract in force with another team (重签)
    bool m_signs = true;      // the user signs; else prepares
    FormErrors m_errors;
    wxChoice* m_team = nullptr;
    wxChoice* m_doctor = nullptr;
    wxTextCtrl* m_signedOn = nullptr;
    wxTextCtrl* m_start = nullptr;
    wxSpinCtrl* m_years = nullptr;
    wxCheckListBox* m_packages = nullptr;
    wxTextCtrl* m_insurance = nullptr;
    wxCheckBox* m_agreement = nullptr;
    wxTextCtrl* m_signedFor = nullptr;
    wxCheckBox* m_household = nullptr;
    wxCheckListBox* m_members = nullptr;
    wxCheckBox* m_replace = nullptr;
    wxStaticText* m_summary = nullptr;
    std::vector<services::ContractView> m_saved;
    DiscardGuard m_guard;
};

}  // namespace jiayi::gui
