#pragma once
// A child's page (issue 19, groups.md "Children 0-6" and "Immunization"): the health visits
// and the doses of the immunization schedule, each done, due, overdue or to come with its
// date, and the growth chart on the WHO standards. A dose is recorded from here (DoseDialog)
// and the immunization card printed. Everything shown comes from core (ChildHealth,
// Immunization); opened from the worklist's children's lines.
#include <wx/dialog.h>

#include <string>

#include "core/model/Resident.h"
#include "core/services/ChildHealth.h"
#include "gui/FormWidgets.h"

class wxButton;
class wxChoice;
class wxListCtrl;
class wxTextCtrl;

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class GrowthChart;

class ChildDialog : public wxDialog {
public:
    ChildDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId);
    wxListCtrl* visitList() const { return m_visits; }
    wxListCtrl* doseList() const { return m_doses; }
    GrowthChart* chart() const { return m_chart; }
    wxStaticText* motherLine() const { return m_mother; }
    void reload();
    void recordDose();
    void recordVisit();
    void printCard();
    void openMother();

private:
    void showChart();

    services::Workstation& m_workstation;
    model::Resident m_resident;
    services::ChildTimeline m_timeline;
    wxListCtrl* m_visits = nullptr;
    wxListCtrl* m_doses = nullptr;
    wxChoice* m_indicator = nullptr;
    GrowthChart* m_chart = nullptr;
    wxStaticText* m_mother = nullptr;
    wxButton* m_motherButton = nullptr;
};

// A child health visit (0-6岁儿童健康检查记录表): the visit of the schedule, the date, the
// newborn's discharge, weight, length or height, head circumference to 3 years, feeding,
// development and guidance. The z-scores of the measurements show while typing
// (ChildHealth::assess, the same function that assesses the saved visit).
class ChildVisitDialog : public wxDialog {
public:
    ChildVisitDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& child,
                     const services::ChildTimeline& timeline);
    wxChoice* visitChoice() const { return m_visit; }
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* weightCtrl() const { return m_weight; }
    wxTextCtrl* lengthCtrl() const { return m_length; }
    wxTextCtrl* headCtrl() const { return m_head; }
    wxTextCtrl* dischargeCtrl() const { return m_discharge; }
    CodeChoice* feedingChoice() const { return m_feeding; }
    wxString growthText() const;
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    bool save();

private:
    model::ChildVisit collect(std::vector<FieldError>& errors) const;
    void visitChosen();
    void preview();

    services::Workstation& m_workstation;
    model::Resident m_child;
    std::vector<const rules::child::VisitRule*> m_rules;  // the choice's visits
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxChoice* m_visit = nullptr;
    wxTextCtrl *m_date = nullptr, *m_discharge = nullptr, *m_weight = nullptr, *m_length = nullptr,
               *m_head = nullptr, *m_note = nullptr;
    CodeChoice *m_feeding = nullptr, *m_development = nullptr;
    CodeChecks* m_guidance = nullptr;
    wxStaticText* m_growth = nullptr;
};

// A dose given (the vaccination certificate's line): the vaccine of the schedule, the dose
// number, the date, batch, site and who gave it. What core would refuse shows next to the
// field while typing; Save records it.
class DoseDialog : public wxDialog {
public:
    DoseDialog(wxWindow* parent, services::Workstation& workstation, const model::Resident& child,
               const services::ImmunizationCard& card);
    wxChoice* vaccineChoice() const { return m_vaccine; }
    wxTextCtrl* doseCtrl() const { return m_dose; }
    wxTextCtrl* dateCtrl() const { return m_date; }
    wxTextCtrl* batchCtrl() const { return m_batch; }
    CodeChoice* siteChoice() const { return m_site; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }
    bool save();

private:
    model::Vaccination collect(std::vector<FieldError>& errors) const;
    void preview();
    void grow();
    void nextDoseOf(const std::string& vaccine);

    services::Workstation& m_workstation;
    model::Resident m_child;
    services::ImmunizationCard m_card;
    std::vector<std::string> m_codes;  // the choice's vaccine codes
    FormErrors m_errors;
    DiscardGuard m_guard;
    wxChoice* m_vaccine = nullptr;
    wxTextCtrl *m_dose = nullptr, *m_date = nullptr, *m_batch = nullptr, *m_givenBy = nullptr;
    CodeChoice* m_site = nullptr;
};

}  // namespace jiayi::gui
