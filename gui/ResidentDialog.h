#pragma once
// 个人基本信息表: every field of a resident's record, grouped on pages as on the paper
// form. Registers a new resident or saves changes; core's validation errors are shown in
// red next to their fields.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/notebook.h>
#include <wx/radiobut.h>
#include <wx/textctrl.h>

#include <optional>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "gui/FormWidgets.h"
#include "gui/HistoryEditors.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ResidentDialog : public wxDialog {
public:
    // `existing` empty = a new registration.
    ResidentDialog(wxWindow* parent, services::Workstation& workstation,
                   std::optional<model::Resident> existing);

    // Validates and stores; true when saved (the dialog then ends with wxID_OK).
    bool save();
    // The stored record after a successful save (or the record being edited).
    const model::Resident& resident() const { return m_resident; }

    // For tests and for jumping to a field.
    wxNotebook* notebook() const { return m_book; }
    wxButton* saveButton() const { return m_save; }
    wxTextCtrl* nameCtrl() const { return m_name; }
    wxTextCtrl* idNumberCtrl() const { return m_idNumber; }
    wxTextCtrl* phoneCtrl() const { return m_phone; }
    wxTextCtrl* addressCtrl() const { return m_address; }
    wxChoice* villageChoice() const { return m_village; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }

private:
    enum Page { Basic, Social, History, Family, Living, Status };
    wxWindow* newPage(const wxString& title);
    void buildBasicPage();
    void buildHouseholdSection(wxWindow* page, wxSizer* sizer);
    void buildSocialPage();
    void buildHistoryPage();
    void buildFamilyPage();
    void buildLivingPage();
    void buildStatusPage();

    void load(const model::Resident& r);
    model::Resident collect(std::vector<FieldError>& errors) const;
    void showErrors(const std::vector<FieldError>& errors);
    void prefillFromIdNumber();
    void chooseHousehold();
    void updateHouseholdControls();
    bool registerNew(model::Resident r, bool confirmedNotDuplicate);
    void finish();

    services::Workstation& m_workstation;
    model::Resident m_resident;
    bool m_isNew;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxNotebook* m_book = nullptr;
    wxButton* m_save = nullptr;
    wxStaticText* m_generalError = nullptr;

    // 基本信息
    wxTextCtrl *m_name, *m_birth, *m_idNumber, *m_phone, *m_contactName, *m_contactPhone;
    CodeChoice *m_sex, *m_residenceType, *m_ethnicity;
    wxChoice* m_village;
    std::vector<std::string> m_villageCodes;
    wxRadioButton *m_newHousehold = nullptr, *m_joinHousehold = nullptr;
    wxTextCtrl* m_address = nullptr;
    wxStaticText* m_householdText = nullptr;
    wxButton* m_chooseHousehold = nullptr;
    CodeChoice* m_relation = nullptr;
    std::string m_householdId;
    // 社会信息
    wxTextCtrl *m_employer, *m_paymentOther;
    CodeChoice *m_education, *m_occupation, *m_marital, *m_bloodType, *m_rh;
    CodeChecks* m_payment;
    // 既往史 / 家族史
    CodeChecks *m_drugAllergy, *m_exposure, *m_disability;
    wxTextCtrl *m_drugAllergyOther, *m_hereditary, *m_disabilityOther;
    DiseaseHistoryPanel* m_diseases;
    EventListEditor *m_surgeries, *m_injuries, *m_transfusions;
    FamilyHistoryGrid* m_family;
    // 生活环境
    CodeChoice *m_kitchen, *m_fuel, *m_water, *m_toilet, *m_animalPen;
    // 档案状态 (read-only here: closing a record is its own dialog)
    wxTextCtrl *m_status, *m_statusDate, *m_statusReason, *m_archiveNo, *m_created, *m_updated;
};

}  // namespace jiayi::gui
