#pragma once
// Ends a resident's management in one programme: died, moved away, lost to follow-up,
// tuberculosis cured or treatment completed, or another reason, with the date.
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include "core/model/Chronic.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class ChronicCare;
}

namespace jiayi::gui {

class CloseProgrammeDialog : public wxDialog {
public:
    CloseProgrammeDialog(wxWindow* parent, services::ChronicCare& care, model::Enrolment enrolment);
    bool save();

private:
    services::ChronicCare& m_care;
    model::Enrolment m_enrolment;
    FormErrors m_errors;
    CodeChoice* m_reason;
    wxTextCtrl *m_date, *m_note;
};

}  // namespace jiayi::gui
