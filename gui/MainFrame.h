#pragma once
// The workstation's main window: the worklist as the home page, residents found as you type
// (open the record, the household, the chronic-care chart, or close the record), and the
// referral inbox/outbox; sync with the township hub from the strip at its foot.
#include <wx/button.h>
#include <wx/eventfilter.h>
#include <wx/frame.h>
#include <wx/notebook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <string>

#include "core/services/Session.h"
#include "gui/BackgroundJob.h"
#include "gui/ReferralsPanel.h"
#include "gui/ResidentListView.h"
#include "gui/AuditPanel.h"
#include "gui/ContractsPanel.h"
#include "gui/SupervisionPanel.h"
#include "gui/SyncPanel.h"
#include "gui/UsersPanel.h"
#include "gui/WorklistPanel.h"

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
    // The resident's chronic-care chart (programmes, follow-ups, trend), modal.
    void openChart(const std::string& residentId);
    // The resident's family-doctor contract page, modal.
    void openContract(const std::string& residentId);

    // The pages: worklist (home), residents, referrals.
    enum Page { WorklistPage, ResidentsPage, ReferralsPage, ContractsPage };
    wxNotebook* notebook() const { return m_book; }
    void showPage(Page page);
    // The keyboard into the list of the page shown (what Down does in the search box).
    void focusList();
    WorklistPanel* worklist() const { return m_worklist; }
    ReferralsPanel* referrals() const { return m_referrals; }
    ContractsPanel* contracts() const { return m_contracts; }
    // The administrator's page (nullptr for anyone without the right to manage users).
    UsersPanel* usersPanel() const { return m_users; }
    // The audit trail's page (supervisors and administrators; nullptr for others).
    AuditPanel* auditPanel() const { return m_audit; }
    // The supervisor's page (right review_quality; nullptr for others).
    SupervisionPanel* supervisionPanel() const { return m_supervision; }
    // Checks a CSV file, shows the report, and imports when the user says so.
    void importResidents(const wxString& file);

    // Sync (MainFrameSync.cpp). startSync asks to enrol first when this workstation has not
    // joined a hub; the sync itself runs on a worker thread and returns at once.
    void startSync();
    bool enrolAtHub();  // modal; true when the workstation joined a hub
    void reviewConflicts();  // modal
    void refreshSyncStatus();
    bool syncRunning() const { return m_syncJob.running(); }
    SyncPanel* syncPanel() const { return m_syncPanel; }
    wxButton* syncButton() const { return m_syncButton; }

    // The idle lock (issue 16): after the site's idle time without a key or a click, the
    // window's content is hidden and the signed-in user signs in again (another user's
    // wrong password cannot unlock it). Only on a site with users. True when unlocked; on
    // "Exit" the program closes.
    bool lockNow();
    // At the lock, "Switch user": another user signed in on the open site; the owner of the
    // window (the application) replaces it with one for `session`.
    void onSwitchUser(std::function<void(const services::Session&)> handler) { m_onSwitchUser = std::move(handler); }
    // Seconds without use before the lock (site setting security.idle_lock_minutes,
    // default 10 minutes).
    int idleLockSeconds() const { return m_idleLockSeconds; }
    void noteActivity();

private:
    wxWindow* buildSearchBar(wxWindow* parent);
    wxWindow* buildEmptyState(wxWindow* parent);
    wxWindow* buildResidentsPage(wxWindow* parent);
    void buildMenu();
    void buildSyncMenu(wxMenuBar* bar);
    void syncFinished(const sync::SyncReport* report, const wxString& failure);
    void updateStatus();
    void showResults(bool haveQuery);
    std::string selectedOrTell();

    services::Workstation& m_workstation;
    wxString m_databasePath;
    wxSearchCtrl* m_search = nullptr;
    wxNotebook* m_book = nullptr;
    WorklistPanel* m_worklist = nullptr;
    UsersPanel* m_users = nullptr;
    std::function<void(const services::Session&)> m_onSwitchUser;
    AuditPanel* m_audit = nullptr;
    SupervisionPanel* m_supervision = nullptr;
    ReferralsPanel* m_referrals = nullptr;
    ContractsPanel* m_contracts = nullptr;
    ResidentListView* m_list = nullptr;
    wxWindow* m_emptyState = nullptr;
    wxStaticText* m_emptyCount = nullptr;
    wxStaticText* m_resultInfo = nullptr;
    SyncPanel* m_syncPanel = nullptr;
    wxButton* m_syncButton = nullptr;
    wxTimer m_searchTimer;
    wxTimer m_idleTimer;
    wxLongLong m_lastActivityMs = 0;
    int m_idleLockSeconds = 600;
    bool m_locked = false;
    wxWindow* m_content = nullptr;
    std::unique_ptr<wxEventFilter> m_activity;
    std::size_t m_residentCount = 0;
    BackgroundJob m_syncJob{this};  // last member: its thread is joined first
};

}  // namespace jiayi::gui
