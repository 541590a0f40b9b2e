#pragma once
// A resident's chronic-care chart: the programmes with the next due date and why, every
// follow-up version as a table (corrections marked), the BP / glucose trend with the
// target band, and the annual health checks; the latest blood-pressure screening outcome
// under the name. Enrol, close, follow up, correct, check and screen from here.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <string>

#include "core/model/Resident.h"
#include "core/services/ChronicCare.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class TrendChart;

class ChartPanel : public wxPanel {
public:
    ChartPanel(wxWindow* parent, services::Workstation& workstation, const std::string& residentId);
    // Reads the chart again (after any change).
    void reload();

    // Actions (each opens its modal dialog, then reloads).
    void enrol();
    void closeProgramme();
    void reopenProgramme();
    void newFollowUp(const std::string& programme = {});
    void correctFollowUp();
    void newHealthCheck();
    void newScreening();

    const services::Chart& chart() const { return m_chart; }
    const model::Resident& resident() const { return m_resident; }
    wxListCtrl* programmeList() const { return m_programmes; }
    wxListCtrl* historyList() const { return m_history; }
    wxListCtrl* checkList() const { return m_checks; }
    // The latest screening outcome ("" and hidden before any reading).
    wxString screeningText() const { return m_screening->IsShown() ? m_screening->GetLabel() : wxString(); }
    wxNotebook* notebook() const { return m_book; }
    TrendChart* trend() const { return m_trend; }
    // Selects the history row of a follow-up version (for "Correct…").
    void selectFollowUp(const std::string& id);
    // The follow-up of the history row selected (nullptr: none).
    const model::FollowUp* selectedFollowUp() const;

private:
    wxWindow* buildProgrammes(wxWindow* parent);
    wxWindow* buildHistory(wxWindow* parent);
    wxWindow* buildChecks(wxWindow* parent);
    void fillProgrammes();
    void fillHistory();
    void fillTrend();
    void fillChecks();
    void fillScreening();
    void updateButtons();
    const services::ProgrammePlan* selectedPlan() const;
    bool isCurrent(const model::FollowUp& f) const;

    services::Workstation& m_workstation;
    services::ChronicCare m_care;
    std::string m_residentId;
    model::Resident m_resident;
    services::Chart m_chart;
    wxStaticText* m_title = nullptr;
    wxStaticText* m_screening = nullptr;
    wxListCtrl* m_programmes = nullptr;
    wxListCtrl* m_history = nullptr;
    wxListCtrl* m_checks = nullptr;
    wxNotebook* m_book = nullptr;
    TrendChart* m_trend = nullptr;
    wxButton *m_closeButton = nullptr, *m_reopenButton = nullptr, *m_followUpButton = nullptr;
    wxButton *m_correctButton = nullptr, *m_checkButton = nullptr, *m_screenButton = nullptr;
};

}  // namespace jiayi::gui
