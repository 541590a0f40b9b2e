#pragma once
// Joining the township hub: its https:// address, the one-time enrolment code the township
// gave, and this clinic's name. The enrolment talks to the hub on a worker thread; errors
// show next to the field at fault or, in plain words, under the fields.
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <filesystem>
#include <optional>

#include "gui/BackgroundJob.h"
#include "gui/FormWidgets.h"

namespace jiayi::gui {

class EnrolDialog : public wxDialog {
public:
    EnrolDialog(wxWindow* parent, std::filesystem::path database);

    // What "Join" does (also called by tests): checks the fields and starts the enrolment;
    // the dialog closes with wxID_OK once the hub accepted it.
    void enrol();
    bool busy() const { return m_job.running(); }

    wxTextCtrl* hubCtrl() const { return m_hub; }
    wxTextCtrl* codeCtrl() const { return m_code; }
    wxTextCtrl* nameCtrl() const { return m_name; }
    wxButton* joinButton() const { return m_join; }
    wxStaticText* errorText(const std::string& field) const { return m_errors.label(field); }
    wxStaticText* messageText() const { return m_message; }

private:
    void finished(const std::optional<JobFailure>& failure);
    void setBusy(bool busy);

    std::filesystem::path m_database;
    FormErrors m_errors;
    wxTextCtrl* m_hub = nullptr;
    wxTextCtrl* m_code = nullptr;
    wxTextCtrl* m_name = nullptr;
    wxButton* m_join = nullptr;
    wxStaticText* m_message = nullptr;
    BackgroundJob m_job{this};
};

}  // namespace jiayi::gui
