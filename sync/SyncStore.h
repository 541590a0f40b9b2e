#pragma once
// The storage side of replication: cursors, other sites' change-log entries, rows written
// without change capture (they are someone else's changes), and the conflict log.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/store/FieldVersions.h"
#include "core/store/Site.h"
#include "core/store/Value.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::sync {

struct RowState {
    bool exists = false;
    store::Fields values;  // the asked columns, in order
    store::FieldVersions versions;
};

struct Conflict {
    std::int64_t id = 0;  // filled when read
    std::string table, rowId, field;
    store::Value keptValue;
    std::string keptVersion;
    store::Value lostValue;
    std::string lostVersion;
    std::string lostUser;
    std::string detectedOn;  // filled when read
};

// Another site's entry that cannot be applied here yet, with why (docs/sync-design.md,
// "Parked entries"): `reason` is a stable code, `detail` what it is about.
struct ParkedEntry {
    store::ChangeEntry entry;
    std::string reason;  // "missing_row", "unknown_row", "clash", "error"
    std::string detail;
    std::string parkedAt;
};

class SyncStore {
public:
    explicit SyncStore(store::Database& db) : m_db(db) {}

    // Highest seq of `origin` applied here (0 when none).
    std::int64_t cursor(const std::string& origin);
    void setCursor(const std::string& origin, std::int64_t seq);
    // Keeps another site's entry in the local change log, so it can be passed on.
    void appendForeign(const store::ChangeEntry& entry);
    // Records a timestamp received from another site (the local clock stays ahead of it).
    void raiseSeen(std::int64_t hlc);

    // The columns of a replicated table in this database's schema (cached).
    const std::set<std::string>& columns(const std::string& table);
    // Highest seq of this site's own change log (0 when it has written nothing).
    std::int64_t lastOwnSeq();

    RowState read(const std::string& table, const std::string& rowId,
                  const std::vector<std::string>& columns);
    void insertRow(const std::string& table, const std::string& rowId,
                   const store::Fields& fields, const store::FieldVersions& versions);
    void updateRow(const std::string& table, const std::string& rowId,
                   const store::Fields& fields, const store::FieldVersions& versions);
    void recordConflict(const Conflict& conflict);
    std::vector<Conflict> conflicts();  // all, oldest first
    std::vector<Conflict> openConflicts();
    std::optional<Conflict> conflict(std::int64_t id, bool openOnly);
    void resolveConflict(std::int64_t id, const std::string& user);
    // Closes open conflicts over the same lost write (a resolution made at another site).
    void resolveMatching(const std::string& table, const std::string& rowId, const std::string& field,
                         const std::string& lostVersion, const std::string& user);
    // Parked entries (oldest timestamp first); parking again updates the reason.
    void park(const store::ChangeEntry& entry, const std::string& reason, const std::string& detail);
    void unpark(const store::ChangeEntry& entry);
    std::vector<ParkedEntry> parked();
    // Rows of tables with references whose referenced row is missing (deferred foreign
    // keys not yet satisfied in this transaction): (table, row id, referenced table).
    std::vector<std::array<std::string, 3>> danglingReferences();

    // The village a row of a replicated table lies in ("" when unknown); for an account, its
    // area (store::scopeColumn).
    std::string villageOf(const std::string& table, const std::string& rowId);

    // Entries of every origin but `except` after `cursors` (a pull), per origin in seq order.
    std::vector<store::ChangeEntry> entriesFor(const std::string& except,
                                               const std::vector<std::pair<std::string, std::int64_t>>& cursors,
                                               std::size_t limit);
    std::vector<std::pair<std::string, std::int64_t>> allCursors();

private:
    store::Database& m_db;
    std::map<std::string, std::set<std::string>> m_columns;
};

}  // namespace jiayi::sync
