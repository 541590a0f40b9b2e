#include "gui/SignInDialog.h"

#include <wx/sizer.h>

#include "core/services/Accounts.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

SignInDialog::SignInDialog(wxWindow* parent, store::Database& db, const std::string& login, bool locked)
    : wxDialog(parent, wxID_ANY, locked ? _("Locked") : _("Sign in"), wxDefaultPosition, wxDefaultSize,
               locked ? wxCAPTION : wxDEFAULT_DIALOG_STYLE),
      m_db(&db),
      m_locked(locked) {
    const auto clinic = store::clinicName(db);
    build(locked ? toUtf8(wxString::Format(_("Locked after a while without use. %s, sign in again."),
                                           toWx(store::displayName(db, login))))
                 : (clinic.empty() ? toUtf8(_("Jiayi Village Clinic")) : clinic),
          login);
}

SignInDialog::SignInDialog(wxWindow* parent, services::SiteAccess& access, const std::string& login)
    : wxDialog(parent, wxID_ANY, _("Sign in"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE),
      m_access(&access),
      m_locked(false) {
    // The site is still encrypted: nothing of it (not even the clinic's name) is read yet.
    build(toUtf8(_("Jiayi Village Clinic")), login);
}

void SignInDialog::build(const std::string& title, const std::string& login) {
    const bool locked = m_locked;
    applyReadableFont(this);
    SetName("signInDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_title = new wxStaticText(this, wxID_ANY, toWx(title));
    m_title->SetFont(m_title->GetFont().Bold().Larger());
    sizer->Add(m_title, 0, wxALL, FromDIP(14));
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
    grid->AddGrowableCol(1, 1);
    m_login = new wxTextCtrl(this, wxID_ANY, toWx(login), wxDefaultPosition, FromDIP(wxSize(240, -1)));
    m_login->SetName("login");
    m_login->Enable(!locked);
    m_password = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(240, -1)), wxTE_PASSWORD);
    m_password->SetName("password");
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Login")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_login, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Password")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(m_password, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(14));

    // Shown when the administrator set the password: the user chooses their own first.
    m_newPanel = new wxPanel(this);
    auto* newSizer = new wxBoxSizer(wxVERTICAL);
    // Two lines: Wrap() does not break Chinese text, which has no spaces.
    auto* why = new wxStaticText(m_newPanel, wxID_ANY,
                                 _("Your password was set by the administrator.\nChoose your own (at least 8 "
                                   "characters):"));
    newSizer->Add(why, 0, wxBOTTOM, FromDIP(6));
    auto* newGrid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
    newGrid->AddGrowableCol(1, 1);
    m_newPassword = new wxTextCtrl(m_newPanel, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(240, -1)), wxTE_PASSWORD);
    m_repeat = new wxTextCtrl(m_newPanel, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(240, -1)), wxTE_PASSWORD);
    newGrid->Add(new wxStaticText(m_newPanel, wxID_ANY, _("&New password")), 0, wxALIGN_CENTER_VERTICAL);
    newGrid->Add(m_newPassword, 1, wxEXPAND);
    newGrid->Add(new wxStaticText(m_newPanel, wxID_ANY, _("&Repeat it")), 0, wxALIGN_CENTER_VERTICAL);
    newGrid->Add(m_repeat, 1, wxEXPAND);
    newSizer->Add(newGrid, 0, wxEXPAND);
    m_newPanel->SetSizer(newSizer);
    m_newPanel->Hide();
    sizer->Add(m_newPanel, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(14));

    m_error = new wxStaticText(this, wxID_ANY, {});
    m_error->SetForegroundColour(wxColour(200, 0, 0));
    m_error->SetName("signInError");
    sizer->Add(m_error, 0, wxEXPAND | wxALL, FromDIP(14));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    // Not wxID_OK: Enter must reach submit(), which keeps the dialog open on a refusal.
    m_ok = new wxButton(this, wxID_ANY, _("&Sign in"));
    m_ok->SetDefault();
    buttons->Add(m_ok, 0, wxRIGHT, FromDIP(8));
    // A locked session is not cancelled: it is signed in again, handed to another user of
    // the PC, or the program is closed.
    if (locked) {
        auto* other = new wxButton(this, wxID_ANY, _("S&witch user"));
        other->SetName("switchUser");
        other->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(kSwitchUser); });
        buttons->Add(other, 0, wxRIGHT, FromDIP(8));
    }
    buttons->Add(new wxButton(this, wxID_CANCEL, locked ? _("E&xit Jiayi") : _("Cancel")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(14));
    SetSizerAndFit(sizer);
    m_ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (submit()) EndModal(wxID_OK);
    });
    CentreOnParent();
    (login.empty() ? m_login : m_password)->SetFocus();
}

void SignInDialog::showError(const wxString& text) {
    m_error->SetLabel(text);
    m_error->Wrap(GetClientSize().x - FromDIP(28));
    Layout();
    Fit();
}

void SignInDialog::askForNewPassword() {
    m_changing = true;
    m_login->Disable();
    m_password->Disable();
    m_newPanel->Show();
    m_ok->SetLabel(_("&Save and sign in"));
    m_error->SetLabel({});
    Layout();
    Fit();
    m_newPassword->SetFocus();
}

bool SignInDialog::submit() {
    try {
        if (m_changing) {
            const auto next = toUtf8(m_newPassword->GetValue());
            if (next != toUtf8(m_repeat->GetValue())) {
                showError(_("The two new passwords differ"));
                m_repeat->SetFocus();
                return false;
            }
            auto& db = m_workstation ? m_workstation->database() : *m_db;
            services::Accounts(db).changePassword(*m_session, m_signedInWith, next);
            m_signedInWith.clear();
            m_session->mustChangePassword = false;
            return true;
        }
        const auto login = toUtf8(m_login->GetValue().Strip(wxString::both));
        const auto password = toUtf8(m_password->GetValue());
        if (login.empty()) {
            showError(_("Type your login"));
            m_login->SetFocus();
            return false;
        }
        services::Session session;
        if (m_access) {
            m_workstation = m_access->signIn(login, password);
            session = m_workstation->session();
        } else {
            session = services::Accounts(*m_db).signIn(login, password);
        }
        m_session = session;
        if (session.mustChangePassword) {
            m_signedInWith = password;
            askForNewPassword();
            return false;
        }
        return true;
    } catch (const SignInError& e) {
        showError(toWx(e.what()));
        m_password->Clear();
        m_password->SetFocus();
    } catch (const ValidationError& e) {
        showError(toWx(e.reason()));
        m_newPassword->SetFocus();
    } catch (const std::exception& e) {
        showError(toWx(e.what()));
    }
    return false;
}

}  // namespace jiayi::gui
