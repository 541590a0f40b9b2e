#pragma once
// Import residents from a village spreadsheet saved as CSV: check first (nothing written),
// then import; the report lists every rejected row with its line, column and reason.
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

#include <string>
#include <vector>

#include "core/services/CsvImport.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ImportDialog : public wxDialog {
public:
    ImportDialog(wxWindow* parent, services::Workstation& workstation, const wxString& file);

    // What the buttons do (also called by tests).
    bool check() { return run(true); }
    bool importNow() { return run(false); }
    const services::ImportReport& report() const { return m_report; }
    wxListCtrl* problems() const { return m_problems; }
    wxStaticText* summary() const { return m_summary; }

private:
    bool run(bool dryRun);
    void showReport(bool dryRun);

    services::Workstation& m_workstation;
    wxString m_file;
    std::vector<std::string> m_villageCodes;  // index 0 = "from the file"
    wxChoice* m_village = nullptr;
    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_problems = nullptr;
    services::ImportReport m_report;
};

}  // namespace jiayi::gui
