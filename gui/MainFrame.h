#pragma once
// The workstation's main window: find a resident as you type, then open the record,
// the household, or close the record.
#include <wx/frame.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <string>

#include "gui/ResidentListView.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class MainFrame : public wxFrame {
public:
    MainFrame(services::Workstation& workstation, const wxString& databasePath);

    wxSearchCtrl* searchBox() const { return m_search; }
    ResidentListView* residentList() const { return m_list; }
    // Runs the search for the box's text now instead of after the typing pause.
    void searchNow();

    // Each opens a modal dialog and refreshes the list afterwards.
    void newResident();
    void openResident(const std::string& residentId);
    void openHousehold(const std::string& residentId);
    void closeRecord(const std::string& residentId);
    // Checks a CSV file, shows the report, and imports when the user says so.
    void importResidents(const wxString& file);

private:
    wxWindow* buildSearchBar(wxWindow* parent);
    wxWindow* buildEmptyState(wxWindow* parent);
    void buildMenu();
    void updateStatus();
    void showResults(bool haveQuery);
    std::string selectedOrTell();

    services::Workstation& m_workstation;
    wxString m_databasePath;
    wxSearchCtrl* m_search = nullptr;
    ResidentListView* m_list = nullptr;
    wxWindow* m_emptyState = nullptr;
    wxStaticText* m_emptyCount = nullptr;
    wxStaticText* m_resultInfo = nullptr;
    wxTimer m_searchTimer;
    std::size_t m_residentCount = 0;
};

}  // namespace jiayi::gui
