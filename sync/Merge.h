#pragma once
// Applying other sites' changes (ARCHITECTURE.md, Replication; docs/sync-design.md):
// per-field last writer wins by (hlc, site); a concurrent edit's losing value goes to the
// conflict log, never lost; entries already applied are skipped, so a repeated batch
// changes nothing.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/store/Site.h"
#include "sync/SyncStore.h"

namespace Poco::JSON {
class Object;
}
namespace Poco::Dynamic {
class Var;
}

namespace jiayi::store {
class Database;
}

namespace jiayi::sync {

struct ApplyResult {
    std::size_t applied = 0;
    std::size_t skipped = 0;    // already applied (a repeated batch)
    std::size_t conflicts = 0;  // concurrent field edits recorded
    std::size_t parked = 0;     // with ApplyOptions::park: entries parked instead of applied
};

struct ApplyOptions {
    // The hub receives every entry of a site, in order: a gap is an error. A site receives
    // only the entries of its scope, so gaps there are expected.
    bool requireContiguous = true;
    // A site: no entry can block the others. One that cannot be applied (it needs a row that
    // is not at this site, or clashes with one) is parked with its reason and the rest
    // applies; retryParked tries it again (docs/sync-design.md, "Parked entries"). The hub
    // keeps all-or-nothing: a site's batch that does not apply there is refused whole.
    bool park = false;
    // Inside the transaction, before each new entry is applied (the hub's scope check);
    // throwing refuses the whole batch.
    // Both get the entry's fields parsed once.
    std::function<void(const store::ChangeEntry&, const Poco::JSON::Object& fields)> before;
    // Inside the transaction, after each new entry is applied.
    std::function<void(const store::ChangeEntry&, const Poco::JSON::Object& fields)> after;
    // Inside the transaction, last: a cursor that must commit with the batch it covers.
    std::function<void()> commitWith;
};

// Where the merge keeps rows, their field versions, cursors and conflicts: a site's or the
// SQLite hub's database (through SyncStore), or the PostgreSQL hub's rows. The merge rules
// themselves (per-field last writer wins, state machines, conflicts) are applyEntries', the
// same for every target.
class MergeTarget {
public:
    virtual ~MergeTarget() = default;
    virtual std::string self() = 0;  // the target's own site id: its entries coming back are skipped
    virtual std::int64_t cursor(const std::string& origin) = 0;
    virtual void setCursor(const std::string& origin, std::int64_t seq) = 0;
    virtual const std::set<std::string>& columns(const std::string& table) = 0;
    virtual RowState read(const std::string& table, const std::string& rowId, const std::vector<std::string>& columns) = 0;
    virtual void insertRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                           const store::FieldVersions& versions) = 0;
    virtual void updateRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                           const store::FieldVersions& versions) = 0;
    virtual void recordConflict(const Conflict& conflict) = 0;
    virtual void resolveMatching(const std::string& table, const std::string& rowId, const std::string& field,
                                 const std::string& lostVersion, const std::string& user) = 0;
    // Keeps the entry (as applied) in the target's log, to pass on.
    virtual void appendForeign(const store::ChangeEntry& entry) = 0;
    virtual void raiseSeen(std::int64_t hlc) = 0;
    // Who wrote the row last (the local side of a lost value).
    virtual std::string lastUser(const std::string& table, const std::string& rowId) = 0;
    // After the batch: residents whose searched columns changed.
    virtual void reindex(const std::set<std::string>& residents) = 0;
};

// Applies entries to `target` inside the caller's transaction (the caller commits); the same
// rules and options as applyChanges, without parking.
ApplyResult applyEntries(MergeTarget& target, const std::vector<store::ChangeEntry>& entries,
                         const ApplyOptions& options = {});

// Applies entries of other sites in one transaction. With requireContiguous, entries of an
// origin must follow its cursor without a gap (StorageError otherwise, nothing written).
// Fields of columns this database does not have (an older schema) are not applied but stay
// in the kept change-log entry, so a later migration can fill them in.
ApplyResult applyChanges(store::Database& db, const std::vector<store::ChangeEntry>& entries,
                         const ApplyOptions& options = {});

// Tries the parked entries again, oldest first; those that apply now leave the parked list.
// Returns how many applied.
std::size_t retryParked(store::Database& db);

// A field's value as a change entry's JSON holds it.
store::Value toValue(const Poco::Dynamic::Var& v);

// Compares two versions "hlc@site": by timestamp, then by site id.
bool versionLess(const std::string& a, const std::string& b);

}  // namespace jiayi::sync
