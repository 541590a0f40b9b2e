#pragma once
// 健康体检表, the annual health check (groups.md, Elderly), on one screen laid out like the
// paper form: the check date; 老年人生活自理能力评估表 as five rows of four levels with their
// points, the total and the level shown as they are chosen; the general condition with BMI
// as it is typed; the examination, organ function and test results; the guidance. Signing
// stores it through ChronicCare::recordHealthCheck. Enter signs.
#include <wx/dialog.h>
#include <wx/radiobut.h>
#include <wx/scrolwin.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/model/Resident.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class ChronicCare;
}

namespace jiayi::gui {

class HealthCheckDialog : public wxDialog {
public:
    HealthCheckDialog(wxWindow* parent, services::ChronicCare& care, const model::Resident& resident);

    // Signs the check; true when stored (the dialog then ends with wxID_OK).
    bool save();
    const model::HealthCheck& check() const { return m_check; }

    // Self-care: the button of `item` ("eating", …) at `level` (0 independent … 3 dependent;
    // -1 "not assessed"); nullptr for a level the paper form leaves out ("—").
    wxRadioButton* selfCareButton(const std::string& item, int level) const;
    // The points chosen so far and the level they give, as shown ("9 points — 中度依赖").
    wxString selfCareText() const;
    wxString bmiText() const { return m_bmi->GetLabel(); }
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* systolicCtrl() const { return m_systolic; }
    wxTextCtrl* diastolicCtrl() const { return m_diastolic; }
    wxTextCtrl* heightCtrl() const { return m_height; }
    wxTextCtrl* weightCtrl() const { return m_weight; }
    wxTextCtrl* glucoseCtrl() const { return m_glucose; }
    // The free-text box of an item of HealthCheck::items ("heart", "ecg", …).
    wxTextCtrl* itemCtrl(const std::string& key) const;
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    // Recomputes the self-care total and BMI now (they also follow every change).
    void updateLive();

private:
    wxSizer* buildSelfCare(wxWindow* page);
    wxSizer* buildGeneral(wxWindow* page);
    wxSizer* buildItems(wxWindow* page, const wxString& title,
                        std::initializer_list<std::pair<const char*, wxString>> items, int pairsPerRow);
    model::HealthCheck collect(std::vector<FieldError>& errors) const;

    services::ChronicCare& m_care;
    model::Resident m_resident;
    model::HealthCheck m_check;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxScrolledWindow* m_body = nullptr;
    wxTextCtrl* m_date = nullptr;
    // Per self-care item: "not assessed", then the four levels (nullptr where the form has "—").
    std::vector<std::array<wxRadioButton*, 5>> m_selfCare;
    wxStaticText* m_selfCareTotal = nullptr;
    wxTextCtrl *m_temperature, *m_pulse, *m_respiration, *m_systolic, *m_diastolic;
    wxTextCtrl *m_height, *m_weight, *m_waist, *m_glucose;
    wxStaticText* m_bmi = nullptr;
    std::map<std::string, wxTextCtrl*> m_items;
};

}  // namespace jiayi::gui
