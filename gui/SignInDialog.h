#pragma once
// Signing in (issue 16, docs/security.md): at start on a site with users, and again after
// the idle lock, where the login stays that of the locked session. A password set by the
// administrator is changed here before anything else opens.
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <memory>
#include <optional>
#include <string>

#include "core/services/Session.h"
#include "core/services/SiteAccess.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::gui {

class SignInDialog : public wxDialog {
public:
    // What ShowModal returns when, at the lock, another user wants the PC ("Switch user").
    static constexpr int kSwitchUser = wxID_HIGHEST + 700;

    // On an open site: `locked` for a session locked while idle (the login cannot be changed).
    SignInDialog(wxWindow* parent, store::Database& db, const std::string& login = {}, bool locked = false);
    // At start: the password also unlocks the encrypted site (services::SiteAccess); the
    // opened workstation is then taken with takeWorkstation().
    SignInDialog(wxWindow* parent, services::SiteAccess& access, const std::string& login = {});
    std::unique_ptr<services::Workstation> takeWorkstation() { return std::move(m_workstation); }

    // Signs in with what is typed (and, when the password must be changed, sets the new one);
    // true when done, else the reason shows in the dialog. Enter does this.
    bool submit();
    const std::optional<services::Session>& session() const { return m_session; }

    wxTextCtrl* loginCtrl() const { return m_login; }
    wxTextCtrl* passwordCtrl() const { return m_password; }
    wxTextCtrl* newPasswordCtrl() const { return m_newPassword; }
    wxTextCtrl* repeatCtrl() const { return m_repeat; }
    wxStaticText* errorLabel() const { return m_error; }
    bool changingPassword() const { return m_changing; }

private:
    void showError(const wxString& text);
    void askForNewPassword();

    void build(const std::string& title, const std::string& login);
    store::Database* m_db = nullptr;
    services::SiteAccess* m_access = nullptr;
    std::unique_ptr<services::Workstation> m_workstation;
    bool m_locked;
    bool m_changing = false;
    std::string m_signedInWith;  // the current password, kept until the new one is set
    std::optional<services::Session> m_session;
    wxStaticText* m_title = nullptr;
    wxTextCtrl* m_login = nullptr;
    wxTextCtrl* m_password = nullptr;
    wxTextCtrl* m_newPassword = nullptr;
    wxTextCtrl* m_repeat = nullptr;
    wxWindow* m_newPanel = nullptr;
    wxStaticText* m_error = nullptr;
    wxButton* m_ok = nullptr;
};

}  // namespace jiayi::gui
