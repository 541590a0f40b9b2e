#include "gui/UsersPanel.h"

#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "core/rules/Divisions.h"
#include "core/services/SiteAccess.h"
#include "core/services/Workstation.h"
#include "core/util/Error.h"
#include "gui/FirstAdminDialog.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {
namespace {

// A new user's fields: login, name, role and area (the whole site or one village).
class AddUserDialog : public wxDialog {
public:
    AddUserDialog(wxWindow* parent, services::Workstation& ws)
        : wxDialog(parent, wxID_ANY, _("Add a user"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE) {
        applyReadableFont(this);
        SetName("addUserDialog");
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
        grid->AddGrowableCol(1, 1);
        m_login = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(260, -1)));
        m_name = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(260, -1)));
        m_role = new wxChoice(this, wxID_ANY);
        for (const auto role : rules::allRoles()) {
            m_role->Append(toWx(rules::roleName(role)));
            m_roles.push_back(std::string(rules::roleCode(role)));
        }
        m_role->SetSelection(0);
        m_area = new wxChoice(this, wxID_ANY);
        m_area->Append(_("The whole site"));
        m_areas.push_back("");
        for (const auto& v : ws.villages()) {
            m_area->Append(toWx(rules::shortVillageName(v.name)));
            m_areas.push_back(v.code);
        }
        m_area->SetSelection(0);
        const std::pair<wxString, wxWindow*> rows[] = {{_("&Login (lower-case letters and digits)"), m_login},
                                                       {_("&Name on slips and printouts"), m_name},
                                                       {_("&Role"), m_role},
                                                       {_("&Area"), m_area}};
        for (const auto& [label, control] : rows) {
            grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
            grid->Add(control, 1, wxEXPAND);
        }
        sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(14));
        m_error = new wxStaticText(this, wxID_ANY, {});
        m_error->SetForegroundColour(wxColour(200, 0, 0));
        sizer->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(14));
        sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, FromDIP(14));
        SetSizerAndFit(sizer);
        CentreOnParent();
        m_login->SetFocus();
    }
    services::NewUser user() const {
        return {toUtf8(m_login->GetValue().Strip(wxString::both)), toUtf8(m_name->GetValue()),
                m_roles.at(static_cast<std::size_t>(m_role->GetSelection())),
                m_areas.at(static_cast<std::size_t>(m_area->GetSelection())), ""};
    }
    void showError(const wxString& text) {
        m_error->SetLabel(text);
        Layout();
        Fit();
    }

private:
    wxTextCtrl* m_login;
    wxTextCtrl* m_name;
    wxChoice* m_role;
    wxChoice* m_area;
    wxStaticText* m_error;
    std::vector<std::string> m_roles, m_areas;
};

wxString fieldLabel(const std::string& field) {
    if (field == "login") return _("Login");
    if (field == "display_name") return _("Name");
    if (field == "division") return _("Area");
    if (field == "role") return _("Role");
    return toWx(field);
}

}  // namespace

UsersPanel::UsersPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent), m_workstation(workstation) {
    SetName("usersPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    const std::pair<wxString, int> columns[] = {
        {_("Login"), 150}, {_("Name"), 120}, {_("Role"), 130}, {_("Area"), 260}, {_("State"), 420}};
    int i = 0;
    for (const auto& [title, width] : columns) m_list->InsertColumn(i++, title, wxLIST_FORMAT_LEFT, FromDIP(width));
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    sizer->Add(m_list, 1, wxEXPAND | wxALL, FromDIP(8));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto button = [&](const wxString& label, std::function<void()> action) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, [action](wxCommandEvent&) { action(); });
        buttons->Add(b, 0, wxRIGHT, FromDIP(8));
        return b;
    };
    button(_("&Add user…"), [this] { addWithDialog(); });
    m_reset = button(_("&Reset password…"), [this] { resetWithDialog(); });
    m_disable = button(_("&Disable"), [this] {
        try {
            toggleDisabledSelected();
        } catch (const std::exception& e) {
            wxMessageBox(toWx(e.what()), _("Users"), wxOK | wxICON_WARNING, this);
        }
    });
    m_rename = button(_("Re&name…"), [this] { renameWithDialog(); });
    buttons->AddStretchSpacer();
    button(_("New recovery &code…"), [this] { newRecoveryCode(); });
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(sizer);
    refresh();
}

void UsersPanel::refresh() {
    try {
        m_users = services::Accounts(m_workstation.database()).users(m_workstation.session());
    } catch (const std::exception& e) {
        m_users.clear();
    }
    m_list->Freeze();
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& u : m_users) {
        m_list->InsertItem(row, toWx(u.login));
        m_list->SetItem(row, 1, toWx(u.displayName));
        m_list->SetItem(row, 2, toWx(rules::roleName(u.role)));
        m_list->SetItem(row, 3, u.division.empty() ? _("The whole site") : toWx(m_workstation.placeName(u.division)));
        wxString state = u.disabled ? _("Disabled") : _("In use");
        if (u.held) state = _("Held: this login was given earlier at another site; rename it");
        else if (u.mustChangePassword) state += _(", first password not yet changed");
        m_list->SetItem(row, 4, state);
        ++row;
    }
    m_list->Thaw();
    updateButtons();
}

void UsersPanel::select(long row) {
    m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    updateButtons();
}

const model::UserAccount* UsersPanel::selected() const {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row >= 0 && static_cast<std::size_t>(row) < m_users.size() ? &m_users[static_cast<std::size_t>(row)] : nullptr;
}

void UsersPanel::updateButtons() {
    const auto* u = selected();
    m_reset->Enable(u && !u->held);
    m_disable->Enable(u != nullptr);
    m_disable->SetLabel(u && u->disabled ? _("&Enable") : _("&Disable"));
    m_rename->Enable(u != nullptr);
    Layout();
}

std::string UsersPanel::add(const services::NewUser& given) {
    auto user = given;
    user.password = services::Accounts::temporaryPassword();
    services::Accounts(m_workstation.database()).addUser(m_workstation.session(), user);
    refresh();
    return user.password;
}

std::string UsersPanel::resetSelected() {
    const auto* u = selected();
    if (!u) throw NotFoundError(toUtf8(_("Choose a user first")));
    const auto password = services::Accounts::temporaryPassword();
    services::Accounts(m_workstation.database()).resetPassword(m_workstation.session(), u->login, password);
    refresh();
    return password;
}

void UsersPanel::toggleDisabledSelected() {
    const auto* u = selected();
    if (!u) throw NotFoundError(toUtf8(_("Choose a user first")));
    services::Accounts(m_workstation.database()).setDisabled(m_workstation.session(), u->login, !u->disabled);
    refresh();
}

void UsersPanel::renameSelected(const std::string& newLogin) {
    const auto* u = selected();
    if (!u) throw NotFoundError(toUtf8(_("Choose a user first")));
    services::Accounts(m_workstation.database()).renameUser(m_workstation.session(), u->id, newLogin);
    refresh();
}

void UsersPanel::showPassword(const std::string& login, const std::string& password) {
    wxMessageBox(wxString::Format(_("First password of %s (hand it over; it must be changed at the first "
                                    "sign-in):\n\n%s"),
                                  toWx(login), toWx(password)),
                 _("Users"), wxOK | wxICON_INFORMATION, this);
}

void UsersPanel::addWithDialog() {
    AddUserDialog dialog(this, m_workstation);
    while (dialog.ShowModal() == wxID_OK) {
        try {
            const auto user = dialog.user();
            showPassword(user.login, add(user));
            return;
        } catch (const ValidationError& e) {
            // The core's checks, named by field (the password is the program's own).
            for (const auto& f : e.errors())
                if (f.field != "password") {
                    dialog.showError(wxString::Format(_("%s: %s"), fieldLabel(f.field), toWx(f.reason)));
                    break;
                }
        } catch (const std::exception& e) {
            dialog.showError(toWx(e.what()));
        }
    }
}

void UsersPanel::resetWithDialog() {
    const auto* u = selected();
    if (!u) return;
    const auto login = u->login;
    if (wxMessageBox(wxString::Format(_("Give %s a new first password? Their current password stops working."),
                                      toWx(login)),
                     _("Users"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES)
        return;
    try {
        showPassword(login, resetSelected());
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Users"), wxOK | wxICON_WARNING, this);
    }
}

void UsersPanel::renameWithDialog() {
    const auto* u = selected();
    if (!u) return;
    wxTextEntryDialog ask(this, wxString::Format(_("New login for %s:"), toWx(u->displayName)), _("Rename"),
                          toWx(u->login));
    if (ask.ShowModal() != wxID_OK) return;
    try {
        renameSelected(toUtf8(ask.GetValue().Strip(wxString::both)));
    } catch (const ValidationError& e) {
        wxMessageBox(toWx(e.reason()), _("Users"), wxOK | wxICON_WARNING, this);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Users"), wxOK | wxICON_WARNING, this);
    }
}

void UsersPanel::newRecoveryCode() {
    if (wxMessageBox(_("Make a new recovery code? The old code stops working."), _("Recovery code"),
                     wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES)
        return;
    try {
        showRecoveryCode(this, services::SiteAccess::newRecoveryCode(m_workstation));
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Recovery code"), wxOK | wxICON_WARNING, this);
    }
}

}  // namespace jiayi::gui
