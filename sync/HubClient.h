#pragma once
// The site's side of sync over HTTPS (libcurl): enrolment with a one-time code and the
// hub's certificate pinned, then signed requests that push this site's changes and pull
// its scope's, batch by batch; each pulled batch commits with its cursor.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/HubService.h"
#include "sync/SyncStore.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::sync {

// A sync that could not be done, in plain words (translated) and with a stable code
// ("network", "certificate", "clock_ahead", "out_of_scope", …) for scripts.
class SyncError : public std::runtime_error {
public:
    SyncError(std::string code, const std::string& message)
        : std::runtime_error(message), code(std::move(code)) {}
    std::string code;
};

struct EnrolResult {
    std::string hubId, scope, name;
};

struct SyncProgress {
    enum class Phase { Push, Pull } phase = Phase::Push;
    std::int64_t done = 0;
    std::int64_t total = 0;  // push: known; pull: 0 until the last batch
};

struct SyncReport {
    std::int64_t pushed = 0;     // this site's changes the hub now holds anew
    std::int64_t pulled = 0;     // other sites' changes applied here
    std::int64_t conflicts = 0;  // concurrent edits recorded while applying
    std::int64_t parked = 0;     // received entries parked: they cannot apply here yet
    std::int64_t batches = 0;
    std::int64_t auditPushed = 0;  // audit entries the hub now holds anew
};

struct SyncStatus {
    bool enrolled = false;
    std::string hubUrl, scope, name;
    std::string lastSync;   // "YYYY-MM-DD HH:MM" local time, empty before the first
    std::string lastError;  // of the last attempt, empty when it succeeded
    std::int64_t waiting = 0;  // own changes not yet acknowledged by the hub
    std::int64_t openConflicts = 0;
    // Other sites' changes that cannot apply here yet, with why (sync/Parked.h words it).
    std::vector<ParkedEntry> parked;
};


class HubClient {
public:
    explicit HubClient(store::Database& db);
    ~HubClient();
    HubClient(const HubClient&) = delete;
    HubClient& operator=(const HubClient&) = delete;

    EnrolResult enrol(const std::string& url, const std::string& code, const std::string& name);
    // Returning false from `progress` stops after the current batch (SyncError "cancelled").
    SyncReport sync(const std::function<bool(const SyncProgress&)>& progress = {});
    // Asked during every request (on the syncing thread): true ends the sync now, also in
    // the middle of a request (SyncError "cancelled"); what was committed stays, the rest is
    // repeated by the next sync.
    void setStopCheck(std::function<bool()> check) { m_stopCheck = std::move(check); }
    bool stopRequested() const { return m_stopCheck && m_stopCheck(); }

    // Tests: a wrong wall clock, and a timeout to notice a cut line quickly.
    void setWallClock(std::function<std::int64_t()> clock) { m_clock = std::move(clock); }
    void setTimeoutSeconds(long seconds) { m_timeout = seconds; }
    // Whether a site that has never pulled starts from a snapshot of its scope (the default)
    // or replays every change (tests and benchmarks compare the two).
    void setStartFromSnapshot(bool snapshot) { m_startFromSnapshot = snapshot; }
    // Tests that run many scenarios: requests go straight to a hub service in this process
    // (signing, scope, batches all as over HTTPS; only TLS and HTTP framing are skipped).
    // `pin` stands for the pin of the hub's certificate.
    using Transport = std::function<HubResponse(const HubRequest&)>;
    void setTransport(Transport transport, std::string pin) {
        m_transport = std::move(transport);
        m_transportPin = std::move(pin);
    }

private:
    struct Reply {
        long status = 0;
        std::string body;
        std::string next, more;
        std::string snapshot, cursor, total;  // a snapshot page's
    };
    Reply request(const std::string& method, const std::string& pathAndQuery, const std::string& body,
                  const std::string& contentType);
    Reply transfer(const std::string& url, const std::string& method, const std::string& body,
                   const std::string& contentType, const std::vector<std::string>& headers,
                   const std::string& pin, std::string* certificate);
    [[noreturn]] void failFromReply(const Reply& reply);
    SyncReport run(const std::function<bool(const SyncProgress&)>& progress);
    // Hands the hub this site's own numbering ledger (once) and asks for a new archive
    // block for every village of the scope that is running low.
    void refreshBlocks();
    // Sends the audit entries after `held` (what the hub holds) in batches; returns how many
    // the hub stored. SyncError "audit_broken" when the hub refuses the chain.
    std::int64_t pushAudit(std::int64_t held, const std::function<bool()>& cancelled);
    // A site that has never pulled starts from a snapshot of its scope, page by page, each
    // page applied and remembered in one transaction (a cut page is asked again); the last
    // page sets the pull cursor where the snapshot was taken. Returns the rows applied.
    std::int64_t bootstrap(SyncReport& report, const std::function<bool(const SyncProgress&)>& progress);

    store::Database& m_db;
    std::function<std::int64_t()> m_clock;
    long m_timeout = 60;
    bool m_startFromSnapshot = true;
    std::function<bool()> m_stopCheck;
    Transport m_transport;
    std::string m_transportPin;
};

// What the status bar and `jiayi-cli sync status` show.
SyncStatus syncStatus(store::Database& db);

}  // namespace jiayi::sync
