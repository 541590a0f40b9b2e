#pragma once
// The home screen: who needs the doctor, grouped as the issue lists them (overdue, due
// today, this week, referrals awaiting their 2-week follow-up, blood-pressure screening,
// annual checks due, lost), each with why. Enter or a double-click opens what the row asks
// for: the follow-up form for a follow-up due, the health check form for an annual check,
// the screening form for a screening, the chart for a lost patient; printable.
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <vector>

#include "core/services/Worklist.h"
#include "gui/VillageNames.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

// The kinds present, in the order Worklist::build lists them (the groups of the page).
std::vector<services::WorkKind> kindsInListOrder(const std::vector<services::WorkItem>& items);

class WorklistPanel : public wxPanel {
public:
    enum Column { Name, Age, Village, Programme, Due, Overdue, Reason, Phone, Archive, Doctor };

    WorklistPanel(wxWindow* parent, services::Workstation& workstation);
    // Builds the list again (site scope, "my patients only").
    void refresh();
    // Opens the chart of the selected entry.
    void openSelected();
    // What Enter or a double-click does: the form the selected entry asks for (follow-up,
    // health check, screening), else (a lost patient) the chart.
    void actOnSelected();
    void followUpSelected();
    void printPreview();

    const std::vector<services::WorkItem>& items() const { return m_items; }
    wxListCtrl* list() const { return m_list; }
    wxCheckBox* mineOnly() const { return m_mine; }
    // The item shown on a row (nullptr for a group heading).
    const services::WorkItem* itemAt(long row) const;
    long rowOf(const std::string& residentId, services::WorkKind kind) const;
    void selectRow(long row);
    // Puts the keyboard in the list on its selected row, else the first entry (not a heading).
    void focusList();
    // Called after a dialog opened from the list changed something (e.g. the main window's counts).
    void onChanged(std::function<void()> callback) { m_changed = std::move(callback); }

private:
    const services::WorkItem* selectedItem() const;
    void afterDialog();
    wxString scopeText();

    services::Workstation& m_workstation;
    VillageNames m_villages;
    std::vector<services::WorkItem> m_items;
    std::vector<long> m_rowItem;  // row → index in m_items, -1 for a heading
    wxStaticText* m_summary = nullptr;
    wxCheckBox* m_mine = nullptr;
    wxListCtrl* m_list = nullptr;
    std::function<void()> m_changed;
};

}  // namespace jiayi::gui
