#pragma once
// The supervisor's page (质控, issue 18, ../shared/domain/quality.md): the indicators of the
// area for a period, each traced village by village (a bar chart and a list) and month by
// month, down to the residents behind a figure and the visit that decided (Enter opens the
// chart on it); the data-quality scan per doctor and village with the records behind each
// signal; the review cases (draw a sample, verify, send back, close) and their scores. Export
// to XLSX and print with the definitions under the figures. Every figure comes from
// services::Supervision and services::Quality, as the CLI's.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <optional>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/services/Quality.h"
#include "core/services/Supervision.h"
#include "gui/VillageNames.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class RateChart;

class SupervisionPanel : public wxPanel {
public:
    SupervisionPanel(wxWindow* parent, services::Workstation& workstation);
    // Counts again for the period typed.
    void refresh();

    // Drill-down, as a click or Enter does.
    void chooseIndicator(rules::indicators::Indicator indicator);
    void chooseVillage(const std::string& villageCode);
    // Opens the chart of the member in row `row` of the members list on the record that decided.
    void openMember(long row);
    void scan();
    void drawSample(int size, bool weighted, const std::vector<std::string>& reviewers);

    const std::optional<services::IndicatorReport>& report() const { return m_report; }
    const std::vector<services::Member>& members() const { return m_members; }
    const std::optional<services::QualityScan>& lastScan() const { return m_scan; }
    wxListCtrl* indicatorList() const { return m_indicators; }
    wxListCtrl* villageList() const { return m_villages; }
    wxListCtrl* memberList() const { return m_memberList; }
    wxListCtrl* signalList() const { return m_signals; }
    wxListCtrl* caseList() const { return m_cases; }
    RateChart* villageChart() const { return m_villageChart; }
    RateChart* monthChart() const { return m_monthChart; }
    wxNotebook* pages() const { return m_pages; }
    wxTextCtrl* periodBox() const { return m_period; }

private:
    wxWindow* buildIndicatorsPage(wxWindow* parent);
    wxWindow* buildQualityPage(wxWindow* parent);
    wxWindow* buildReviewPage(wxWindow* parent);
    void showIndicator();
    void showMembers();
    void showSignalRecords();
    void showCases();
    void exportXlsx();
    void print();
    void reviewAction(const std::string& action);
    const services::ReviewView* selectedCase() const;
    std::optional<model::FollowUp> followUpOf(const std::string& id);

    services::Workstation& m_workstation;
    services::Supervision m_supervision;
    services::Quality m_quality;
    VillageNames m_villageNames;
    rules::indicators::Period m_periodValue{};
    std::optional<services::IndicatorReport> m_report;
    std::vector<services::IndicatorReport> m_byVillage, m_months;
    rules::indicators::Indicator m_indicator = rules::indicators::Indicator::HtnControl;
    std::string m_village;
    std::vector<services::Member> m_members;
    std::optional<services::QualityScan> m_scan;
    std::vector<const rules::quality::Signal*> m_signalRows;
    std::vector<services::ReviewView> m_caseRows;

    wxTextCtrl* m_period = nullptr;
    wxStaticText* m_summary = nullptr;
    wxNotebook* m_pages = nullptr;
    wxListCtrl* m_indicators = nullptr;
    RateChart* m_villageChart = nullptr;
    RateChart* m_monthChart = nullptr;
    wxListCtrl* m_villages = nullptr;
    wxStaticText* m_membersTitle = nullptr;
    wxListCtrl* m_memberList = nullptr;
    wxStaticText* m_definition = nullptr;
    wxListCtrl* m_signals = nullptr;
    wxListCtrl* m_signalRecords = nullptr;
    wxListCtrl* m_errors = nullptr;
    wxListCtrl* m_cases = nullptr;
    wxListCtrl* m_scores = nullptr;
};

}  // namespace jiayi::gui
