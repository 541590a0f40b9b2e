#pragma once
// The clinic's name and the doctor's name as slips, forms and printouts show them
// (store::clinicName, store::displayName).
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ClinicSettingsDialog : public wxDialog {
public:
    ClinicSettingsDialog(wxWindow* parent, services::Workstation& workstation);
    // Stores both names; false (errors shown beside the fields) when one is blank.
    bool save();
    wxTextCtrl* clinicCtrl() const { return m_clinic; }
    wxTextCtrl* doctorCtrl() const { return m_doctor; }

private:
    services::Workstation& m_workstation;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxTextCtrl* m_clinic = nullptr;
    wxTextCtrl* m_doctor = nullptr;
};

}  // namespace jiayi::gui
