#pragma once
// The audit trail's page (issue 16, 数据全程留痕; docs/security.md): for supervisors and
// administrators, whether the chain holds (or the first entry where it breaks); for
// supervisors, who did what when to one resident's records. services::Audit checks the
// rights; this page only shows what it answers.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/store/AuditLog.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class AuditPanel : public wxPanel {
public:
    AuditPanel(wxWindow* parent, services::Workstation& workstation);

    // Checks the whole chain and shows the answer; true when it holds.
    bool verify();
    // The history of the resident named by record id, archive number or ID number; the
    // refusal or "not found" shows in words.
    void showHistory(const std::string& who);

    wxStaticText* verdict() const { return m_verdict; }
    wxListCtrl* history() const { return m_history; }
    wxTextCtrl* residentBox() const { return m_resident; }
    const std::vector<store::AuditEntry>& entries() const { return m_entries; }

private:
    services::Workstation& m_workstation;
    std::vector<store::AuditEntry> m_entries;
    wxStaticText* m_verdict = nullptr;
    wxTextCtrl* m_resident = nullptr;
    wxStaticText* m_historyNote = nullptr;
    wxListCtrl* m_history = nullptr;
};

}  // namespace jiayi::gui
