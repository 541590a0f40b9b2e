#pragma once
// The workstation's first start on a site without users (issue 16): the person installing
// it becomes the site's first administrator, the site is encrypted from then on, and its
// recovery code is shown once.
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <memory>
#include <string>

#include "core/services/SiteAccess.h"

namespace jiayi::gui {

class FirstAdminDialog : public wxDialog {
public:
    FirstAdminDialog(wxWindow* parent, services::SiteAccess& access);

    // Creates the administrator from what is typed; true when done, else the reason shows
    // beside the form. Enter does this.
    bool submit();
    std::unique_ptr<services::Workstation> takeWorkstation() { return std::move(m_workstation); }
    const std::string& recoveryCode() const { return m_recoveryCode; }

    wxTextCtrl* loginCtrl() const { return m_login; }
    wxTextCtrl* nameCtrl() const { return m_name; }
    wxTextCtrl* passwordCtrl() const { return m_password; }
    wxTextCtrl* repeatCtrl() const { return m_repeat; }
    wxStaticText* errorLabel() const { return m_error; }

private:
    void showError(const wxString& text, wxWindow* field);
    services::SiteAccess& m_access;
    std::unique_ptr<services::Workstation> m_workstation;
    std::string m_recoveryCode;
    wxTextCtrl* m_login = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxTextCtrl* m_repeat = nullptr;
    wxStaticText* m_error = nullptr;
};

// Shows a new recovery code with what it is for, large enough to copy by hand.
void showRecoveryCode(wxWindow* parent, const std::string& code);

}  // namespace jiayi::gui
