#pragma once
// Finds and picks one resident (to join a household, to add a member).
#include <wx/dialog.h>
#include <wx/srchctrl.h>
#include <wx/timer.h>

#include <string>

#include "gui/ResidentListView.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ResidentPicker : public wxDialog {
public:
    ResidentPicker(wxWindow* parent, services::Workstation& workstation, const wxString& title);
    std::string selectedId() const { return m_selected; }
    wxSearchCtrl* searchBox() const { return m_search; }
    ResidentListView* residentList() const { return m_list; }
    void searchNow();

private:
    void accept();

    services::Workstation& m_workstation;
    wxSearchCtrl* m_search;
    ResidentListView* m_list;
    wxTimer m_timer;
    std::string m_selected;
};

}  // namespace jiayi::gui
