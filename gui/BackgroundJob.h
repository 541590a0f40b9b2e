#pragma once
// Runs network work (sync, enrolment) off the UI thread so the window never freezes.
// The worker opens its own connection to the site database (a SQLite connection is never
// shared across threads) and hands everything back to the UI thread through CallAfter.
#include <wx/event.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

namespace jiayi::store {
class Database;
}

namespace jiayi::gui {

// Why a job failed, in plain words (already translated by core).
struct JobFailure {
    std::string code;     // SyncError code ("network", …), "invalid" for bad input, else ""
    std::string field;    // the input field at fault, when it is one ("hub", "code")
    std::string message;
};

class BackgroundJob {
public:
    // `owner` receives the calls back; it must own this job so it outlives the thread.
    explicit BackgroundJob(wxEvtHandler* owner) : m_owner(owner) {}
    // Asks the work to stop and waits for the thread.
    ~BackgroundJob();
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    using Work = std::function<void(store::Database&, BackgroundJob&)>;
    using Done = std::function<void(const std::optional<JobFailure>&)>;
    // Runs `work` on a new thread with a connection of its own to `database`; then `done`
    // runs on the UI thread with the failure, if any. Returns false if a job still runs.
    bool start(const std::filesystem::path& database, Work work, Done done);
    bool running() const { return m_running; }

    // From the worker: runs `call` on the UI thread (dropped when the owner is gone).
    void post(std::function<void()> call);
    // From the UI: asks the work to stop at its next check.
    void requestStop() { m_stop = true; }
    bool stopRequested() const { return m_stop; }

private:
    void join();

    wxEvtHandler* m_owner;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_stop{false};
};

}  // namespace jiayi::gui
