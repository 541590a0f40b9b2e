#pragma once
// Conflicts to review: a value edited at two places at once, where sync kept one and logged
// the other. For each the doctor sees both values, who wrote the lost one and when, and
// keeps the current value or restores the lost one (a new change that syncs like any edit).
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

#include <string>
#include <vector>

#include "sync/ConflictReview.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ConflictDialog : public wxDialog {
public:
    ConflictDialog(wxWindow* parent, services::Workstation& workstation);

    // What the buttons do for the selected row (also called by tests); false when nothing
    // is selected or the conflict could not be resolved (the reason is shown).
    bool keepCurrent() { return resolve(false); }
    bool restoreLost() { return resolve(true); }
    void reload();

    wxListCtrl* list() const { return m_list; }
    const std::vector<sync::ConflictView>& conflicts() const { return m_conflicts; }
    void select(long row);
    wxButton* keepButton() const { return m_keep; }
    wxButton* restoreButton() const { return m_restore; }
    wxStaticText* messageText() const { return m_message; }

private:
    bool resolve(bool restore);
    void updateButtons();

    sync::ConflictReview m_review;
    std::vector<sync::ConflictView> m_conflicts;
    wxStaticText* m_summary = nullptr;
    wxListCtrl* m_list = nullptr;
    wxButton* m_keep = nullptr;
    wxButton* m_restore = nullptr;
    wxStaticText* m_message = nullptr;
};

}  // namespace jiayi::gui
