// The main window's sync: the Sync menu, enrolment, the sync on its worker thread with its
// progress in the strip at the foot of the window, and the conflict review.
#include <wx/menu.h>

#include <memory>

#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "gui/ConflictDialog.h"
#include "gui/EnrolDialog.h"
#include "gui/MainFrame.h"
#include "gui/WxText.h"
#include "sync/HubClient.h"

namespace jiayi::gui {

void MainFrame::buildSyncMenu(wxMenuBar* bar) {
    auto* menu = new wxMenu;
    const auto syncNow = menu->Append(wxID_ANY, _("&Sync now\tF5"))->GetId();
    const auto join = menu->Append(wxID_ANY, _("&Join the township hub…"))->GetId();
    const auto review = menu->Append(wxID_ANY, _("&Review conflicts…"))->GetId();
    bar->Append(menu, _("S&ync"));
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { startSync(); }, syncNow);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { enrolAtHub(); }, join);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { reviewConflicts(); }, review);
}

void MainFrame::refreshSyncStatus() {
    try {
        m_syncPanel->showStatus(sync::syncStatus(m_workstation.database()));
    } catch (const std::exception& e) {
        sync::SyncStatus unknown;
        unknown.lastError = e.what();
        m_syncPanel->showStatus(unknown);
    }
}

bool MainFrame::enrolAtHub() {
    if (syncRunning()) return false;
    EnrolDialog dialog(this, m_workstation.database().path());
    const bool joined = dialog.ShowModal() == wxID_OK;
    refreshSyncStatus();
    return joined;
}

void MainFrame::startSync() {
    if (syncRunning()) return;
    if (!sync::syncStatus(m_workstation.database()).enrolled && !enrolAtHub()) return;
    auto report = std::make_shared<sync::SyncReport>();
    m_syncButton->Disable();
    m_syncPanel->showStarted();
    m_syncJob.start(
        m_workstation.database().path(),
        [this, report](store::Database& db, BackgroundJob& job) {
            sync::HubClient client(db);
            client.setStopCheck([&job] { return job.stopRequested(); });  // also mid-request
            *report = client.sync([this, &job](const sync::SyncProgress& p) {
                job.post([this, p] { m_syncPanel->showProgress(p); });
                return !job.stopRequested();
            });
        },
        [this, report](const std::optional<JobFailure>& failure) {
            syncFinished(failure ? nullptr : report.get(), failure ? toWx(failure->message) : wxString());
        });
}

void MainFrame::syncFinished(const sync::SyncReport* report, const wxString& failure) {
    m_syncButton->Enable();
    m_syncPanel->showFinished(report, failure);
    // Received changes may touch the residents on screen and their count, the worklist, and
    // the referrals (the township's answers arrive with a sync).
    if (!m_search->GetValue().empty()) searchNow();
    else showResults(false);
    m_worklist->refresh();
    m_referrals->refresh();
    updateStatus();
}

void MainFrame::reviewConflicts() {
    ConflictDialog dialog(this, m_workstation);
    dialog.ShowModal();
    if (!m_search->GetValue().empty()) searchNow();
    refreshSyncStatus();
}

}  // namespace jiayi::gui
