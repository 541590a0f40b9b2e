#pragma once
// The resident table shared by the main window and the resident picker: one row per
// resident with everything a doctor checks to be sure it is the right person.
#include <wx/dataview.h>

#include <map>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "gui/VillageNames.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ResidentListView : public wxDataViewListCtrl {
public:
    ResidentListView(wxWindow* parent, services::Workstation& workstation);
    void setResidents(std::vector<model::Resident> residents);
    const std::vector<model::Resident>& residents() const { return m_residents; }
    // The selected resident's id, or "" when nothing is selected.
    std::string selectedId() const;
    void selectRow(int row);
    // The text in a cell, for tests and for copying.
    wxString cellText(int row, int column) const;

    // The village column: wide enough for every village of the site.
    static constexpr int kVillageColumn = 7;

private:
    services::Workstation& m_workstation;
    std::vector<model::Resident> m_residents;
    VillageNames m_villages;
};

}  // namespace jiayi::gui
