#pragma once
// A woman's maternal-care page (issue 19, groups.md "Maternal care"): her pregnancy with the
// expected delivery and the gestational age today, each antenatal and postpartum visit with
// its window and state, the visits recorded; a pregnancy is registered and a visit recorded
// from here. A visit whose readings call for an urgent referral (chronic.md) opens the slip
// filled in. Everything shown comes from core (services::Maternal); opened from the worklist.
#include <wx/dialog.h>

#include <optional>
#include <string>

#include "core/model/Resident.h"
#include "core/services/Maternal.h"
#include "gui/FormWidgets.h"

class wxListCtrl;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class PregnancyDialog : public wxDialog {
public:
    PregnancyDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId);
    wxListCtrl* planList() const { return m_plan; }
    wxListCtrl* visitList() const { return m_visits; }
    wxString summary() const;
    void reload();
    void registerPregnancy();
    void recordVisit();
    void recordDelivery();
    void endPregnancy();
    void openBaby();

private:
    services::Workstation& m_workstation;
    model::Resident m_woman;
    std::optional<services::PregnancyView> m_current;  // the latest pregnancy
    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_plan = nullptr;
    wxListCtrl* m_visits = nullptr;
    wxButton* m_register = nullptr;
    wxButton* m_visit = nullptr;
    wxButton* m_deliver = nullptr;
    wxButton* m_end = nullptr;
    wxButton* m_baby = nullptr;
};

// The delivery (分娩): the date, discharge, place and mode, and each newborn: registered at
// once in the mother's household with a record number, or linked to a baby of the household
// already on record.
class DeliveryDialog : public wxDialog {
public:
    static constexpr int kMaxBabies = 3;
    DeliveryDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& mother,
                   const services::PregnancyView& pregnancy);
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* dischargeCtrl() const { return m_discharge; }
    CodeChoice* placeChoice() const { return m_place; }
    CodeChoice* modeChoice() const { return m_mode; }
    wxChoice* babyChoice(int i) const { return m_babies[i].record; }
    wxTextCtrl* babyName(int i) const { return m_babies[i].name; }
    CodeChoice* babySex(int i) const { return m_babies[i].sex; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    bool save();
    const std::optional<services::Maternal::Delivered>& delivered() const { return m_delivered; }

private:
    void babyChosen(int i);

    struct BabyRow {
        wxChoice* record = nullptr;  // —, a new record, or a baby of the household
        wxTextCtrl* name = nullptr;
        CodeChoice* sex = nullptr;
    };
    services::Workstation& m_workstation;
    model::Resident m_mother;
    services::PregnancyView m_pregnancy;
    std::vector<model::Resident> m_known;  // the household's babies on record, after "—" and "new"
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxTextCtrl *m_date = nullptr, *m_discharge = nullptr;
    CodeChoice *m_place = nullptr, *m_mode = nullptr;
    BabyRow m_babies[kMaxBabies];
    std::optional<services::Maternal::Delivered> m_delivered;
};

// A pregnancy that ended without a birth (miscarriage, termination …): the date and reason.
class EndPregnancyDialog : public wxDialog {
public:
    EndPregnancyDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& woman,
                       const services::PregnancyView& pregnancy);
    wxTextCtrl* dateCtrl() const { return m_date; }
    CodeChoice* reasonChoice() const { return m_reason; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    bool save();

private:
    services::Workstation& m_workstation;
    model::Resident m_woman;
    std::string m_pregnancyId;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxTextCtrl* m_date = nullptr;
    CodeChoice* m_reason = nullptr;
};

// An antenatal or postpartum visit: the visit of the schedule, the date, blood pressure,
// weight, glucose, haemoglobin. The urgent findings of the readings show while typing
// (Maternal::urgentFindings, the same rule the saved visit answers with).
class MaternalVisitDialog : public wxDialog {
public:
    MaternalVisitDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& woman,
                        const services::PregnancyView& pregnancy);
    wxTextCtrl* systolicCtrl() const { return m_systolic; }
    wxTextCtrl* diastolicCtrl() const { return m_diastolic; }
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxString urgentText() const;
    bool save();
    const std::optional<services::Maternal::SavedVisit>& saved() const { return m_saved; }

private:
    model::MaternalVisit collect(std::vector<FieldError>& errors) const;
    void preview();

    services::Workstation& m_workstation;
    model::Resident m_woman;
    services::PregnancyView m_pregnancy;
    std::vector<std::string> m_codes;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxChoice* m_visitChoice = nullptr;
    wxTextCtrl *m_date = nullptr, *m_systolic = nullptr, *m_diastolic = nullptr, *m_weight = nullptr,
               *m_glucose = nullptr, *m_hemoglobin = nullptr;
    wxStaticText* m_urgent = nullptr;
    std::optional<services::Maternal::SavedVisit> m_saved;
};

// A pregnancy's registration: the last menstrual period, gravidity, parity, risk factors.
class RegisterPregnancyDialog : public wxDialog {
public:
    RegisterPregnancyDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& woman);
    wxTextCtrl* lmpCtrl() const { return m_lmp; }
    wxTextCtrl* gravidityCtrl() const { return m_gravidity; }
    wxTextCtrl* parityCtrl() const { return m_parity; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    bool save();

private:
    services::Workstation& m_workstation;
    model::Resident m_woman;
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxTextCtrl *m_lmp = nullptr, *m_gravidity = nullptr, *m_parity = nullptr;
    CodeChecks* m_risks = nullptr;
};

}  // namespace jiayi::gui
