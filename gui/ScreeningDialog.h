#pragma once
// 血压筛查 (chronic.md, Hypertension, "Screening"): one blood-pressure reading with the risk
// factors measured alongside it (weight, height, waist, a high-salt diet, liquor a day).
// Saving stores it through services::Screening and then shows what the readings call for
// (recheck on another day, suspected hypertension, the next measurement) and why the
// person is at high risk, if they are.
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/model/Chronic.h"
#include "core/model/Resident.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class Screening;
struct ScreeningStatus;
}  // namespace jiayi::services

namespace jiayi::gui {

// "Recheck …" and the high-risk reasons of a resident's screening, one line each.
wxString screeningOutcomeText(const services::ScreeningStatus& status);

class ScreeningDialog : public wxDialog {
public:
    ScreeningDialog(wxWindow* parent, services::Screening& screening, const model::Resident& resident);

    // Stores the reading; true when stored (the dialog then shows the outcome and stays open).
    bool save();
    const model::BpScreening& reading() const { return m_reading; }
    // What the readings call for, shown after saving (tests read it).
    wxString outcomeText() const { return m_outcome->GetLabel(); }
    wxWindow* outcomePanel() const { return m_outcomePanel; }
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* systolicCtrl() const { return m_systolic; }
    wxTextCtrl* diastolicCtrl() const { return m_diastolic; }
    wxTextCtrl* weightCtrl() const { return m_weight; }
    wxTextCtrl* heightCtrl() const { return m_height; }
    wxTextCtrl* waistCtrl() const { return m_waist; }
    wxTextCtrl* liquorCtrl() const { return m_liquor; }
    wxCheckBox* highSaltBox() const { return m_highSalt; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }

private:
    model::BpScreening collect(std::vector<FieldError>& errors) const;
    void showOutcome();

    services::Screening& m_screening;
    model::Resident m_resident;
    model::BpScreening m_reading;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxWindow* m_form = nullptr;
    wxTextCtrl *m_date, *m_systolic, *m_diastolic, *m_weight, *m_height, *m_waist, *m_liquor;
    wxCheckBox* m_highSalt = nullptr;
    wxWindow* m_outcomePanel = nullptr;
    wxStaticText* m_outcome = nullptr;
};

}  // namespace jiayi::gui
