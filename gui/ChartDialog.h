#pragma once
// The resident's chronic-care chart (ChartPanel) in a window of its own, opened from the
// resident list and the worklist.
#include <wx/dialog.h>

#include <string>

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ChartPanel;

class ChartDialog : public wxDialog {
public:
    ChartDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId);
    ChartPanel* panel() const { return m_panel; }

private:
    ChartPanel* m_panel;
};

}  // namespace jiayi::gui
