#pragma once
// The resident table shared by the main window and the resident picker: one row per
// resident with everything a doctor checks to be sure it is the right person.
#include <wx/dataview.h>

#include <map>
#include <string>
#include <vector>

#include "core/model/Resident.h"

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

private:
    wxString villageText(const std::string& code);

    services::Workstation& m_workstation;
    std::vector<model::Resident> m_residents;
    std::map<std::string, wxString> m_villageNames;
};

}  // namespace jiayi::gui
