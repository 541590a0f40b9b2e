#pragma once
// The installation's identity and the generic change capture every replicated table
// inherits (ARCHITECTURE.md, Replication; issue 2 "Storage that every later table
// inherits").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/Hlc.h"
#include "core/store/Value.h"

namespace jiayi::store {

class Database;

// Called by migration 1: a random 128-bit site id, made once per installation.
void initSiteIdentity(Database& db);
std::string siteId(Database& db);
// The division prefix this site may write (its scope at the hub), "" before it enrolled.
inline constexpr const char* kSiteScopeKey = "sync.scope";
std::string siteScope(Database& db);
// The area this site keeps records of, as a division prefix: the hub's scope once enrolled,
// else the one set at installation ("" = every loaded division).
std::string areaScope(Database& db);
std::optional<std::string> siteMeta(Database& db, std::string_view key);
void setSiteMeta(Database& db, std::string_view key, std::string_view value);

// The clinic this workstation serves, as slips, forms and printouts name it: the clinic
// settings' name, else the name it enrolled at the hub with ("" when neither).
std::string clinicName(Database& db);
void setClinicName(Database& db, std::string_view name);
// The name a user signs slips and printouts with (黄海涛), else the login (huanghaitao).
std::string displayName(Database& db, const std::string& login);
void setDisplayName(Database& db, const std::string& login, std::string_view name);

// Tables whose rows replicate; all have a TEXT `id` primary key made on the site.
bool isReplicatedTable(std::string_view table);
// Their names, a referenced table before those that refer to it (a household before its
// members): the order a whole scope is sent in.
std::vector<std::string> replicatedTables();
// The schema version that created a replicated table (a hub sends older sites none of it).
int tableSinceSchema(std::string_view table);
// The column that says where a row lies, its scope at the hub: `village_code`, or for an
// account `division` (its area, which may be wider than a village). household_member has
// none (its household's village).
const char* scopeColumn(std::string_view table);
// A state machine of a replicated table (docs/sync-design.md, "State machines"): its state
// column, the epoch column that travels with every change of the state, and the columns
// written with each transition (date, reason), which merge together with the state.
struct StateMachineColumns {
    const char* state;
    const char* epoch;
    std::vector<const char*> companions;
    std::vector<const char*> order;  // states, least far along first
    // How far along a state is (ARCHITECTURE.md, Replication: "the state furthest along wins").
    int rank(std::string_view value) const;
};
const std::vector<StateMachineColumns>& stateMachines(std::string_view table);

struct ChangeEntry {
    std::string site;
    std::int64_t seq = 0;
    std::int64_t hlc = 0;
    std::string table;
    std::string rowId;
    std::string op;      // "insert" or "update"
    std::string fields;  // JSON object: column → new value
    std::string user;
    std::string base;    // update: JSON object column → version it replaced ("" for insert)
};

// Writes rows of replicated tables and appends their change-log entries in the caller's
// transaction: an insert logs the whole row, an update only the fields that changed.
// There is no delete: closing a record is a status change.
class ChangeCapture {
public:
    explicit ChangeCapture(Database& db);

    // Returns the new row's local rowid (the table's INTEGER PRIMARY KEY, if it has one).
    std::int64_t insert(std::string_view table, const std::string& rowId, const Fields& fields,
                        const std::string& user);
    // Returns the fields that really changed (empty: nothing written, nothing logged).
    Fields update(std::string_view table, const std::string& rowId, const Fields& fields,
                  const std::string& user);
    // Logs a row written before its table replicated (a migration) as an insert of the
    // values it holds now, and gives it its field versions.
    void adopt(std::string_view table, const std::string& rowId, const std::string& user);

    const std::string& siteId() const { return m_site; }
    // Wall clock source, replaceable in tests.
    void setWallClock(std::function<std::uint64_t()> clock) { m_wallClock = std::move(clock); }

private:
    // The next timestamp of this site (loads the sequence state once per transaction).
    Hlc nextHlc();
    // Returns the fields text it logged (the audit trail's entry hashes it).
    std::string append(std::string_view table, const std::string& rowId, const char* op,
                       const Fields& fields, const std::string& user, Hlc hlc,
                       const std::string& base);
    void loadState();

    Database& m_db;
    std::string m_site;
    std::uint64_t m_loadedFor = 0;  // transaction serial the cached seq/hlc belong to
    std::int64_t m_lastSeq = 0;
    Hlc m_lastHlc;
    std::function<std::uint64_t()> m_wallClock;
};

std::vector<ChangeEntry> changesSince(Database& db, const std::string& site, std::int64_t afterSeq,
                                      std::size_t limit);

}  // namespace jiayi::store
