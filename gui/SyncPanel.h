#pragma once
// The sync strip at the foot of the main window: when this workstation last synced, how
// many changes wait to be sent, how many conflicts wait for a person (a button that opens
// the review), the last error in plain words, and — while a sync runs — a gauge with the
// count so far and a Cancel button.
#include <wx/button.h>
#include <wx/gauge.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <functional>

#include "sync/HubClient.h"

namespace jiayi::gui {

class SyncPanel : public wxPanel {
public:
    explicit SyncPanel(wxWindow* parent);

    void showStatus(const sync::SyncStatus& status);
    void showStarted();
    void showProgress(const sync::SyncProgress& progress);
    // After a sync: what it did, or (report null) why it failed. The message stays until
    // the next sync or a new error.
    void showFinished(const sync::SyncReport* report, const wxString& failure = {});

    void onReviewConflicts(std::function<void()> handler) { m_review = std::move(handler); }
    void onCancel(std::function<void()> handler) { m_cancel = std::move(handler); }

    // For tests and screenshots.
    wxStaticText* lastSyncText() const { return m_lastSync; }
    wxStaticText* waitingText() const { return m_waiting; }
    wxButton* conflictsButton() const { return m_conflicts; }
    wxStaticText* messageText() const { return m_message; }
    wxStaticText* progressText() const { return m_progressText; }
    wxGauge* gauge() const { return m_gauge; }
    wxButton* cancelButton() const { return m_cancelButton; }

private:
    void showMessage(const wxString& text, const wxColour& colour, bool sticky = false);
    void showProgressControls(bool show);
    void relayout();

    wxStaticText* m_lastSync = nullptr;
    wxStaticText* m_waiting = nullptr;
    wxStaticText* m_parked = nullptr;  // received changes that cannot apply here yet
    wxButton* m_conflicts = nullptr;
    wxGauge* m_gauge = nullptr;
    wxStaticText* m_progressText = nullptr;
    wxButton* m_cancelButton = nullptr;
    wxStaticText* m_message = nullptr;
    bool m_sticky = false;  // the last sync's outcome stays on later refreshes
    std::function<void()> m_review, m_cancel;
};

}  // namespace jiayi::gui
