#include "gui/EnrolDialog.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "sync/HubClient.h"
#include "gui/WxText.h"

namespace jiayi::gui {

EnrolDialog::EnrolDialog(wxWindow* parent, std::filesystem::path database)
    : wxDialog(parent, wxID_ANY, _("Join the township hub")), m_database(std::move(database)) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        _("Records are shared with the township through its hub. Ask the township for the hub's "
          "address and a one-time enrolment code; each code works once, for one workstation."));
    intro->Wrap(FromDIP(560));
    sizer->Add(intro, 0, wxALL, FromDIP(12));

    FormSection fields(this, _("Hub"), m_errors, 0, 1);
    m_hub = new wxTextCtrl(fields.box(), wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(380, -1)));
    m_hub->SetHint("https://");
    m_code = new wxTextCtrl(fields.box(), wxID_ANY);
    m_code->SetHint("ABCD-EFGH-JKMN-PQRS");
    m_name = new wxTextCtrl(fields.box(), wxID_ANY);
    m_name->SetHint(_("e.g. Xicun village clinic"));
    fields.add(_("Hub address"), m_hub, "hub");
    fields.add(_("Enrolment code"), m_code, "code");
    fields.add(_("Clinic name"), m_name, "name");
    sizer->Add(fields.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));

    m_message = new wxStaticText(this, wxID_ANY, {});
    m_message->SetForegroundColour(wxColour(200, 0, 0));
    m_message->Hide();
    m_errors.setFallback(m_message);
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));

    auto* buttons = new wxStdDialogButtonSizer;
    m_join = new wxButton(this, wxID_OK, _("Join"));
    buttons->AddButton(m_join);
    buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();

    m_join->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { enrol(); });
    // Closing while the hub is being asked would leave the answer nowhere to go.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (busy() && e.CanVeto()) e.Veto();
        else e.Skip();
    });
}

void EnrolDialog::enrol() {
    if (busy()) return;
    m_errors.clear();
    const auto hub = toUtf8(m_hub->GetValue().Strip(wxString::both));
    const auto code = toUtf8(m_code->GetValue().Strip(wxString::both));
    const auto name = toUtf8(m_name->GetValue().Strip(wxString::both));
    std::vector<FieldError> missing;
    if (hub.empty()) missing.push_back({"hub", toUtf8(_("Enter the hub's address, starting with https://"))});
    if (code.empty()) missing.push_back({"code", toUtf8(_("Enter the enrolment code from the township."))});
    if (name.empty())
        missing.push_back({"name", toUtf8(_("Enter this clinic's name, as the township should see it."))});
    if (!missing.empty()) {
        m_errors.show(missing);
        Fit();
        return;
    }
    setBusy(true);
    m_job.start(
        m_database,
        [hub, code, name](store::Database& db, BackgroundJob&) {
            sync::HubClient(db).enrol(hub, code, name);
        },
        [this](const std::optional<JobFailure>& failure) { finished(failure); });
}

void EnrolDialog::finished(const std::optional<JobFailure>& failure) {
    setBusy(false);
    if (!failure) {
        EndModal(wxID_OK);
        return;
    }
    // A refused code is the code's fault, an unreachable hub the address's; the rest is said
    // under the fields.
    auto field = failure->field;
    if (field.empty() && (failure->code == "enrol_refused" || failure->code == "code_used" ||
                          failure->code == "code_expired" || failure->code == "code_locked"))
        field = "code";
    if (field.empty() && failure->code == "network") field = "hub";
    if (const auto first = m_errors.show({{field, failure->message}}); first && first->control)
        first->control->SetFocus();
    Fit();
}

void EnrolDialog::setBusy(bool busy) {
    for (wxWindow* w : {static_cast<wxWindow*>(m_hub), static_cast<wxWindow*>(m_code),
                        static_cast<wxWindow*>(m_name), static_cast<wxWindow*>(m_join)})
        w->Enable(!busy);
    if (auto* cancel = FindWindow(wxID_CANCEL)) cancel->Enable(!busy);
    if (busy) {
        m_message->SetForegroundColour(wxColour(90, 90, 90));
        m_message->SetLabel(_("Asking the hub…"));
        m_message->Show();
    } else {
        m_message->SetForegroundColour(wxColour(200, 0, 0));
        m_message->Hide();
    }
    Layout();
    Fit();
}

}  // namespace jiayi::gui
