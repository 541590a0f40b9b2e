#pragma once
// The administrator's page (issue 16, docs/security.md): the site's users with their role,
// area and state; adding a user, resetting a password, disabling and enabling, renaming an
// account held by a login given earlier at another site, and a new recovery code. Every
// action is services::Accounts' (rights checked in core); first passwords are made by the
// program and shown once to hand over.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>

#include <string>
#include <vector>

#include "core/model/User.h"
#include "core/services/Accounts.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class UsersPanel : public wxPanel {
public:
    UsersPanel(wxWindow* parent, services::Workstation& workstation);
    void refresh();

    // The actions without their dialogs (the dialogs call these): each returns the first
    // password to hand over, or throws the core's refusal.
    std::string add(const services::NewUser& user);
    std::string resetSelected();
    void toggleDisabledSelected();
    void renameSelected(const std::string& newLogin);

    // With their dialogs (buttons and keyboard).
    void addWithDialog();
    void resetWithDialog();
    void renameWithDialog();
    void newRecoveryCode();

    const std::vector<model::UserAccount>& users() const { return m_users; }
    wxListCtrl* list() const { return m_list; }
    void select(long row);

private:
    const model::UserAccount* selected() const;
    void updateButtons();
    void showPassword(const std::string& login, const std::string& password);

    services::Workstation& m_workstation;
    std::vector<model::UserAccount> m_users;
    wxListCtrl* m_list = nullptr;
    wxButton* m_reset = nullptr;
    wxButton* m_disable = nullptr;
    wxButton* m_rename = nullptr;
};

}  // namespace jiayi::gui
