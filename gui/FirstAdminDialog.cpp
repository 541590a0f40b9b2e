#include "gui/FirstAdminDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "core/util/Error.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

FirstAdminDialog::FirstAdminDialog(wxWindow* parent, services::SiteAccess& access)
    : wxDialog(parent, wxID_ANY, _("First start: the site's administrator"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE),
      m_access(access) {
    applyReadableFont(this);
    SetName("firstAdminDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Welcome to Jiayi"));
    title->SetFont(title->GetFont().Bold().Larger());
    sizer->Add(title, 0, wxALL, FromDIP(14));
    // Explicit line breaks: Wrap() does not break Chinese text.
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("This workstation has no users yet. Create its administrator, who then adds\n"
                                  "the doctors and nurses. From now on the records are encrypted and open only\n"
                                  "after signing in.")),
               0, wxLEFT | wxRIGHT, FromDIP(14));
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
    grid->AddGrowableCol(1, 1);
    auto field = [&](const wxString& label, const char* name, long style) {
        auto* ctrl = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(260, -1)), style);
        ctrl->SetName(name);
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(ctrl, 1, wxEXPAND);
        return ctrl;
    };
    m_login = field(_("&Login (lower-case letters and digits)"), "login", 0);
    m_name = field(_("Your &name"), "displayName", 0);
    m_password = field(_("&Password (at least 8 characters)"), "password", wxTE_PASSWORD);
    m_repeat = field(_("&Repeat it"), "repeat", wxTE_PASSWORD);
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(14));
    m_error = new wxStaticText(this, wxID_ANY, {});
    m_error->SetForegroundColour(wxColour(200, 0, 0));
    m_error->SetName("firstAdminError");
    sizer->Add(m_error, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(14));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    auto* ok = new wxButton(this, wxID_ANY, _("&Create and sign in"));
    ok->SetDefault();
    buttons->Add(ok, 0, wxRIGHT, FromDIP(8));
    buttons->Add(new wxButton(this, wxID_CANCEL, _("Cancel")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(14));
    SetSizerAndFit(sizer);
    ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (submit()) EndModal(wxID_OK);
    });
    CentreOnParent();
    m_login->SetFocus();
}

void FirstAdminDialog::showError(const wxString& text, wxWindow* field) {
    m_error->SetLabel(text);
    Layout();
    Fit();
    if (field) field->SetFocus();
}

bool FirstAdminDialog::submit() {
    const auto password = toUtf8(m_password->GetValue());
    if (password != toUtf8(m_repeat->GetValue())) {
        showError(_("The two passwords differ"), m_repeat);
        return false;
    }
    try {
        auto created = m_access.createFirstAdministrator({toUtf8(m_login->GetValue().Strip(wxString::both)),
                                                          toUtf8(m_name->GetValue()), "", "", password});
        m_workstation = std::move(created.workstation);
        m_recoveryCode = created.recoveryCode;
        return true;
    } catch (const ValidationError& e) {
        // The core's checks, named by field: the same ones the CLI's init --admin meets.
        const auto& f = e.field();
        wxWindow* where = f == "login" ? m_login : f == "display_name" ? m_name : m_password;
        const wxString label = f == "login" ? _("Login") : f == "display_name" ? _("Your name") : _("Password");
        showError(wxString::Format(_("%s: %s"), label, toWx(e.reason())), where);
    } catch (const std::exception& e) {
        showError(toWx(e.what()), nullptr);
    }
    return false;
}

void showRecoveryCode(wxWindow* parent, const std::string& code) {
    wxDialog dialog(parent, wxID_ANY, _("Recovery code"));
    applyReadableFont(&dialog);
    dialog.SetName("recoveryCodeDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY,
                                _("Write this code down or print it, and keep it locked away.\n"
                                  "When every password of this site is lost, it opens the site again.\n"
                                  "It is shown only now.")),
               0, wxALL, dialog.FromDIP(14));
    auto* text = new wxTextCtrl(&dialog, wxID_ANY, toWx(code), wxDefaultPosition, wxDefaultSize,
                                wxTE_READONLY | wxTE_CENTRE);
    text->SetName("recoveryCode");
    text->SetFont(wxFont(wxFontInfo(16).Family(wxFONTFAMILY_TELETYPE).Bold()));
    sizer->Add(text, 0, wxEXPAND | wxLEFT | wxRIGHT, dialog.FromDIP(14));
    sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK), 0, wxEXPAND | wxALL, dialog.FromDIP(14));
    dialog.SetSizerAndFit(sizer);
    dialog.CentreOnParent();
    dialog.ShowModal();
}

}  // namespace jiayi::gui
