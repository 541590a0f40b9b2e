#pragma once
// Sets up a family-doctor team (issue 17; township doctors, public-health staff and
// administrators): its name and hospital, the family doctor who leads it, its nurses,
// family doctors and village doctors (logins), and the villages it serves. The checks are
// core's (services::Contracts::createTeam): a lead who is a doctor, at least one nurse,
// users of this site, villages of its area.
#include <wx/checklst.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/services/Contracts.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class TeamDialog : public wxDialog {
public:
    TeamDialog(wxWindow* parent, services::Workstation& workstation);
    bool save();
    const std::string& teamId() const { return m_teamId; }

    wxTextCtrl* nameBox() const { return m_name; }
    wxTextCtrl* leadBox() const { return m_lead; }
    wxTextCtrl* nursesBox() const { return m_nurses; }
    wxTextCtrl* villageDoctorsBox() const { return m_villageDoctors; }
    wxCheckListBox* villageList() const { return m_villages; }

private:
    services::Workstation& m_workstation;
    services::Contracts m_contracts;
    std::vector<std::string> m_villageCodes;
    FormErrors m_errors;
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_institution = nullptr;
    wxTextCtrl* m_lead = nullptr;
    wxTextCtrl* m_doctors = nullptr;
    wxTextCtrl* m_villageDoctors = nullptr;
    wxTextCtrl* m_nurses = nullptr;
    wxCheckListBox* m_villages = nullptr;
    std::string m_teamId;
    DiscardGuard m_guard;
};

}  // namespace jiayi::gui
