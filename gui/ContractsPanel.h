#pragma once
// The family-doctor team's dashboard (issue 17, contracts.md "Priority groups", 应签尽签): for
// a team's villages (or the whole area) on a day — residents signed, the priority groups'
// coverage group by group and village by village, renewals due within 30 days, contracts
// with services overdue, the share of services delivered (履约率), residents signed twice
// waiting for review, and doctors past 2,000 signed residents. Each figure opens its list;
// a list's resident opens their contract page.
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/services/Contracts.h"
#include "gui/VillageNames.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ContractsPanel : public wxPanel {
public:
    ContractsPanel(wxWindow* parent, services::Workstation& workstation);
    // Reads the teams and the figures again.
    void refresh();
    // Opens a resident's contract page (the main window's).
    void onOpenResident(std::function<void(const std::string&)> open) { m_open = std::move(open); }

    enum class List { Unsigned, Signed, Renewals, Overdue, Review };
    void showList(List list);
    const std::optional<services::Coverage>& coverage() const { return m_coverage; }
    wxListCtrl* list() const { return m_list; }
    wxListCtrl* groupList() const { return m_groups; }
    wxChoice* teamChoice() const { return m_team; }
    wxButton* figure(List list) const { return m_figures[static_cast<int>(list)]; }
    wxString summary() const { return m_summary->GetLabel(); }

private:
    void compute();
    void openSelected();

    services::Workstation& m_workstation;
    services::Contracts m_contracts;
    VillageNames m_villageNames;
    std::vector<services::TeamView> m_teams;
    std::optional<services::Coverage> m_coverage;
    List m_shown = List::Unsigned;
    std::vector<std::string> m_rowResidents;
    std::function<void(const std::string&)> m_open;
    wxChoice* m_team = nullptr;
    wxTextCtrl* m_day = nullptr;
    wxStaticText* m_summary = nullptr;
    wxStaticText* m_warning = nullptr;
    wxButton* m_figures[5] = {};
    wxListCtrl* m_groups = nullptr;
    wxListCtrl* m_villages = nullptr;
    wxStaticText* m_listTitle = nullptr;
    wxListCtrl* m_list = nullptr;
};

}  // namespace jiayi::gui
