#pragma once
// Closes a record (注销): moved away with date and destination, dead with date and cause,
// or lost to follow-up with a reason. Records are never deleted.
#include <wx/dialog.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

#include "core/model/Resident.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class CloseRecordDialog : public wxDialog {
public:
    CloseRecordDialog(wxWindow* parent, services::Workstation& workstation,
                      model::Resident resident);
    bool save();

private:
    model::RecordStatus chosenStatus() const;
    void updateReasonHint();

    services::Workstation& m_workstation;
    model::Resident m_resident;
    FormErrors m_errors;
    wxRadioBox* m_status;
    wxTextCtrl* m_date;
    wxTextCtrl* m_reason;
};

}  // namespace jiayi::gui
