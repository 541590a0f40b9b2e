#pragma once
// 回转单: the receiving hospital's answer to an up-referral — diagnosis, inpatient record
// number, main test results, treatment and advice, outcome.
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include "core/model/Referral.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ReturnSlipDialog : public wxDialog {
public:
    ReturnSlipDialog(wxWindow* parent, services::Workstation& workstation, model::Referral referral);
    bool save();
    const model::Referral& referral() const { return m_referral; }

private:
    services::Workstation& m_workstation;
    model::Referral m_referral;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxTextCtrl *m_diagnosis, *m_recordNo, *m_tests, *m_advice, *m_institution, *m_doctor, *m_date;
    CodeChoice* m_outcome;
};

}  // namespace jiayi::gui
