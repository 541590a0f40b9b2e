#pragma once
// What the hub keeps: enrolment codes, devices, and the merged change log with each
// entry's scope. An interface, so that the PostgreSQL store of a later issue plugs in
// beside the SQLite one (ARCHITECTURE.md, Deployment).
#include <cstdint>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store/ArchiveNumbers.h"
#include "core/store/AuditLog.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "sync/Merge.h"

namespace jiayi::sync {

struct EnrolmentCode {
    std::string id;       // the public first group of the code
    std::string keyHash;  // SHA-256 of the secret part (hex)
    std::string scope;    // division prefix the device will see
    std::string name;     // the site's name, for the administrator
    std::int64_t expiresAtMs = 0;
    std::string usedBy;   // site id once used
    int failures = 0;
    // The enrolled (or revoked) site this code may enrol again with a new key and scope, as
    // an administrator's explicit replacement; "" for a new site only.
    std::string replaces;
};

enum class EnrolOutcome {
    Enrolled,    // a new site
    Replaced,    // the site the code replaces: new key and scope, revocation cleared
    CodeUsed,    // the code was used meanwhile
    SiteExists,  // the site id is enrolled or revoked and the code does not replace it
};

struct Device {
    std::string site;
    std::string name;
    std::string scope;
    std::string publicKey;  // raw Ed25519 key
    std::string enrolledOn;
    std::string revokedOn;  // empty while active
};

struct PushOutcome {
    ApplyResult result;
    std::int64_t lastSeq = 0;  // the device's last seq the hub holds after this batch
};

struct PullOutcome {
    std::vector<store::ChangeEntry> entries;
    std::vector<std::int64_t> hubSeqs;  // the hub order of each entry
    std::int64_t next = 0;  // cursor to ask from next time
    bool more = false;
};

// The last entry of a site's audit trail the hub holds (seq 0 and "" before the first).
struct AuditHead {
    std::int64_t seq = 0;
    std::string hash;
};

// A row outside the device's scope: the whole batch is refused.
class ScopeError : public std::runtime_error {
public:
    ScopeError(const std::string& message, std::string rowId, std::string village)
        : std::runtime_error(message), rowId(std::move(rowId)), village(std::move(village)) {}
    std::string rowId, village;
};

// A merged row as the hub holds it: its non-null fields (not the id), by column name.
struct HubRow {
    std::string id;
    store::Fields fields;
    std::string versions;  // the fields' versions (store::FieldVersions' JSON)
};

// A page of a site's starting snapshot (issue 20): every row of its scope as the hub held it
// at one moment (`cursor`, a position of the hub's order), in table order, each as a
// "snapshot" entry of the pseudo-origin "snapshot-<id>" numbered 1, 2 … so that a cut page is
// asked again after its last number. The site pulls from `cursor` once it has the last page.
struct SnapshotPage {
    std::string id;
    std::int64_t cursor = 0;
    std::int64_t total = 0;  // rows in the snapshot
    std::vector<store::ChangeEntry> entries;
    std::int64_t next = 0;  // the last number sent
    bool more = false;
};

// The store cannot be reached (its server down, the connection lost, too many connections):
// the request can be tried again later; the hub answers 503 store_unavailable.
class StoreUnavailable : public StorageError {
public:
    using StorageError::StorageError;
};

// A snapshot the hub no longer holds (replaced by a newer one of the device, or expired).
class SnapshotGone : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "id|column=value|…", values as the change log writes them (a REAL 62.0 is 62): two rows
// held alike give the same text, whichever store or site holds them.
std::string rowText(const HubRow& row);

// What a hub holds, for its operator and tests.
struct HubStats {
    std::int64_t changes = 0;     // entries kept (every site's, and the hub's own)
    std::int64_t logEntries = 0;  // entries in hub order (a move is logged twice)
    std::int64_t snapshots = 0;   // rows sent whole to a scope they moved into
    std::int64_t devices = 0;     // enrolled, not revoked
};

class HubStore {
public:
    virtual ~HubStore() = default;

    virtual std::string hubId() = 0;
    virtual int schemaVersion() = 0;

    virtual void addCode(const EnrolmentCode& code) = 0;
    virtual std::optional<EnrolmentCode> code(const std::string& id) = 0;
    virtual void countFailure(const std::string& codeId) = 0;
    // Marks the code used and adds the device, atomically. A site id already known (active
    // or revoked) is enrolled again only with the code that replaces it, and the replacement
    // is recorded in the hub's event log; otherwise nothing is written.
    virtual EnrolOutcome enrol(const std::string& codeId, const Device& device) = 0;
    // The administrator's events (replaced devices, refused audit trails), oldest first:
    // time, kind, site, detail.
    virtual std::vector<std::array<std::string, 4>> events() = 0;
    virtual void recordEvent(const std::string& kind, const std::string& site, const std::string& detail) = 0;
    virtual std::optional<Device> device(const std::string& site) = 0;
    virtual std::vector<Device> devices() = 0;
    virtual bool revoke(const std::string& site) = 0;
    // Accepts a request number only if it is higher than every earlier one of the device.
    virtual bool acceptRequestNumber(const std::string& site, std::int64_t number) = 0;

    virtual std::int64_t lastSeq(const std::string& site) = 0;
    // Applies the device's own entries in one transaction; every row must lie in its scope.
    virtual PushOutcome push(const Device& device, const std::vector<store::ChangeEntry>& entries) = 0;
    // Archive numbering (docs/decisions.md, "Archive numbers"): records the blocks the device
    // granted itself before it enrolled, then grants it a new block for each village of
    // `need`. One transaction; ScopeError for a village outside the device's scope.
    virtual std::vector<store::SerialBlock> grantBlocks(const Device& device,
                                                        const std::vector<store::SerialBlock>& ledger,
                                                        const std::vector<std::string>& need) = 0;
    // Other sites' entries of rows in the device's scope after `after`, in hub order.
    virtual PullOutcome pull(const Device& device, std::int64_t after, std::size_t limit) = 0;

    // Audit trails (issue 16): each site's chain, as HubService verified it on arrival.
    virtual AuditHead auditHead(const std::string& site) = 0;
    // The hash of the site's entry `seq` the hub holds, if it holds it.
    virtual std::optional<std::string> auditHash(const std::string& site, std::int64_t seq) = 0;
    // Appends entries that continue the site's stored chain, in one transaction. StorageError,
    // and nothing written, when the first does not follow the head (another request stored
    // entries meanwhile). Returns the new head.
    virtual AuditHead appendAudit(const std::string& site, const std::vector<store::AuditEntry>& entries) = 0;
    // The site's stored entries after `after`, in order, at most `limit`.
    virtual std::vector<store::AuditEntry> auditTrail(const std::string& site, std::int64_t after,
                                                      std::size_t limit) = 0;

    // The merged rows of a replicated table lying in `scope` (a division prefix), by id:
    // what a site of that scope must hold, row for row (tests, the load generator's check).
    virtual std::vector<HubRow> rows(const std::string& table, const std::string& scope) = 0;
    // Every entry of `table` the hub keeps, in no order.
    virtual std::vector<store::ChangeEntry> changes(const std::string& table) = 0;
    // Concurrent edits the hub's merge recorded (the losing values), oldest first.
    virtual std::vector<Conflict> conflicts(bool openOnly) = 0;
    virtual HubStats stats() = 0;
    // The last position of the hub's order (0 when empty): one indexed read, for /health.
    virtual std::int64_t logHead() = 0;

    // Starts the device's snapshot (`id` empty: the rows of its scope now, replacing any
    // earlier snapshot of the device), or goes on with snapshot `id` after number `after`.
    // SnapshotGone when `id` is not held any more.
    virtual SnapshotPage snapshot(const Device& device, const std::string& id, std::int64_t after,
                                  std::size_t limit) = 0;
};

// The default store: a Jiayi SQLite database (the same schema as a site, plus the hub's
// tables). Thread-safe: each thread uses its own connection. `key`: 32 bytes that encrypt
// the store (AES-256, as a site's database; a plain store is encrypted on first use), or
// empty for a plain store (tests of the store alone).
std::unique_ptr<HubStore> openSqliteHubStore(const std::string& path, const std::string& key = {});

// The county's store (issue 20): a PostgreSQL database named by a libpq connection string
// ("host=… dbname=… user=…"; the password from ~/.pgpass or PGPASSFILE, never the config).
// Several hub processes may share one database. Thread-safe: a connection per thread.
std::unique_ptr<HubStore> openPostgresHubStore(const std::string& conninfo);

// Copies a SQLite hub store (`path`, encrypted under `key`) into an empty PostgreSQL store,
// in one transaction: devices, codes, events, every change with its hub order, the merged
// rows with their field versions, conflicts, archive grants, audit trails, and the hub's id
// (`jiayi-hub import-sqlite`, docs/hub.md).
struct CopiedStore {
    std::size_t devices = 0, changes = 0, rows = 0;
};
CopiedStore copySqliteHubStore(const std::string& path, const std::string& key, const std::string& conninfo);

// The merged rows of `table` in `scope` as a Jiayi database holds them (a site, or the SQLite
// hub): HubStore::rows' form, for comparing a site with its hub.
std::vector<HubRow> rowsOf(store::Database& db, const std::string& table, const std::string& scope);

}  // namespace jiayi::sync
