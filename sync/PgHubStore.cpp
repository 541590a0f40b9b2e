// The hub's PostgreSQL store (issue 20): a county's hub, several jiayi-hub processes on one
// database. The same HubStore contract and the same merge rules as the SQLite store
// (applyEntries over a MergeTarget), with rows kept generically: each replicated row as its
// fields (a JSON object) and their field versions, where it lies, and who wrote it last. A
// batch reads the rows it touches in one query, merges in memory and writes them back in one
// statement per table. Every write that orders the hub's log (a push, a duplicate merge) holds
// one transaction-level advisory lock, so hub order is commit order for every process.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "core/store/ArchiveNumbers.h"
#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Hlc.h"
#include "core/util/Date.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "core/util/Uuid.h"
#include "sync/Crypto.h"
#include "sync/HubRules.h"
#include "sync/HubStore.h"
#include "sync/Merge.h"
#include "sync/Pg.h"
#include "sync/SyncStore.h"

namespace jiayi::sync {
namespace {

using pg::number;
using pg::Param;
using pg::text;

constexpr std::int64_t kOrderLock = 730120;  // pg_advisory_xact_lock key: writes that order the log

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS hub_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_code(
    id TEXT PRIMARY KEY, key_hash TEXT NOT NULL, scope TEXT NOT NULL, name TEXT NOT NULL,
    expires_at BIGINT NOT NULL, used_by TEXT, failures INTEGER NOT NULL DEFAULT 0,
    replaces TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS hub_event(
    id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, site TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_device(
    site TEXT PRIMARY KEY, name TEXT NOT NULL, scope TEXT NOT NULL, public_key TEXT NOT NULL,
    enrolled_on TEXT NOT NULL, revoked_on TEXT, last_request BIGINT NOT NULL DEFAULT 0);
-- Every applied entry as its site wrote it (the hub's own: duplicate merges).
CREATE TABLE IF NOT EXISTS hub_change(
    site TEXT NOT NULL, seq BIGINT NOT NULL, hlc BIGINT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL,
    op TEXT NOT NULL, fields TEXT NOT NULL, usr TEXT NOT NULL, base TEXT, PRIMARY KEY (site, seq));
CREATE INDEX IF NOT EXISTS hub_change_row ON hub_change(tbl, row_id);
-- Hub order (the pull cursor) and the village each entry's row lies in.
CREATE TABLE IF NOT EXISTS hub_log(
    hub_seq BIGINT PRIMARY KEY, site TEXT NOT NULL, seq BIGINT NOT NULL, scope TEXT NOT NULL,
    snapshot BOOLEAN NOT NULL DEFAULT false);
CREATE INDEX IF NOT EXISTS hub_log_entry ON hub_log(site, seq);
-- The merged rows: fields and field versions as JSON objects.
CREATE TABLE IF NOT EXISTS hub_row(
    tbl TEXT NOT NULL, row_id TEXT NOT NULL, village TEXT NOT NULL, fields TEXT NOT NULL,
    versions TEXT NOT NULL, last_user TEXT NOT NULL, last_hlc BIGINT NOT NULL,
    id_number TEXT, merged_into TEXT, PRIMARY KEY (tbl, row_id));
CREATE INDEX IF NOT EXISTS hub_row_identity ON hub_row(id_number) WHERE id_number IS NOT NULL;
CREATE TABLE IF NOT EXISTS hub_conflict(
    id BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
    kept_value TEXT, kept_version TEXT NOT NULL, lost_value TEXT, lost_version TEXT NOT NULL,
    lost_user TEXT NOT NULL, detected_on TEXT NOT NULL, resolved_on TEXT, resolved_by TEXT);
CREATE TABLE IF NOT EXISTS hub_grant(
    village_code TEXT NOT NULL, first_serial BIGINT NOT NULL, last_serial BIGINT NOT NULL,
    site_id TEXT NOT NULL, granted_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS hub_grant_village ON hub_grant(village_code, last_serial);
CREATE TABLE IF NOT EXISTS hub_snapshot(
    id TEXT PRIMARY KEY, site TEXT NOT NULL, scope TEXT NOT NULL, cursor BIGINT NOT NULL, total BIGINT NOT NULL,
    created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_snapshot_row(
    snapshot TEXT NOT NULL, n BIGINT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL, fields TEXT NOT NULL,
    versions TEXT NOT NULL, usr TEXT NOT NULL, hlc BIGINT NOT NULL, PRIMARY KEY (snapshot, n));
CREATE TABLE IF NOT EXISTS hub_audit(
    site TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, usr TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL, resident_id TEXT NOT NULL,
    detail TEXT NOT NULL, change_seq BIGINT NOT NULL, change_fields TEXT NOT NULL, prev TEXT NOT NULL,
    hash TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (site, seq));
)sql";

Param valueParam(const store::Value& v) {
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    std::string out;
    store::appendJsonValue(out, v);
    return out;
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    if (json.empty()) return new Poco::JSON::Object;
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

// One merged row as the hub holds it.
struct Row {
    bool exists = false;
    bool dirty = false;
    std::map<std::string, store::Value> fields;
    store::FieldVersions versions;
    std::string lastUser;
    std::int64_t lastHlc = 0;

    std::string text(const std::string& column) const {
        const auto it = fields.find(column);
        if (it == fields.end()) return {};
        const auto* s = std::get_if<std::string>(&it->second);
        return s ? *s : std::string();
    }
    std::string json() const {
        std::string out = "{";
        for (const auto& [column, value] : fields) {
            if (out.size() > 1) out.push_back(',');
            appendJsonString(out, column);
            out.push_back(':');
            store::appendJsonValue(out, value);
        }
        return out + "}";
    }
};

Row rowOf(const pg::Result& r, int i, int firstColumn) {
    Row row;
    row.exists = true;
    const auto fields = parseObject(r.text(i, firstColumn));
    for (const auto& [column, value] : *fields) row.fields[column] = toValue(value);
    row.versions = store::FieldVersions::parse(r.text(i, firstColumn + 1));
    row.lastUser = r.text(i, firstColumn + 2);
    row.lastHlc = r.integer(i, firstColumn + 3);
    return row;
}

using RowKey = std::pair<std::string, std::string>;  // table, row id

// The rows, log entries and conflicts of one transaction, merged in memory and written at
// the end (flush). Rows are read on first use, or for a whole batch at once (prefetch).
class PgTarget final : public MergeTarget {
public:
    PgTarget(pg::Connection& c, std::string self, const std::function<const std::set<std::string>&(const std::string&)>& columns)
        : m_conn(c), m_self(std::move(self)), m_columns(columns) {}

    void prefetch(const std::vector<RowKey>& keys) {
        std::vector<Param> tables, ids;
        for (const auto& k : keys)
            if (!m_rows.count(k)) {
                tables.push_back(k.first);
                ids.push_back(k.second);
                m_rows.emplace(k, Row{});  // absent unless found below
            }
        if (tables.empty()) return;
        const auto r = m_conn.exec(
            "SELECT r.tbl, r.row_id, r.fields, r.versions, r.last_user, r.last_hlc FROM hub_row r "
            "JOIN unnest($1::text[], $2::text[]) AS k(tbl, row_id) ON r.tbl = k.tbl AND r.row_id = k.row_id",
            {pg::arrayOf(tables), pg::arrayOf(ids)});
        for (int i = 0; i < r.rows(); ++i) m_rows[{r.text(i, 0), r.text(i, 1)}] = rowOf(r, i, 2);
    }

    Row& row(const std::string& table, const std::string& rowId) {
        const RowKey key{table, rowId};
        auto it = m_rows.find(key);
        if (it != m_rows.end()) return it->second;
        prefetch({key});
        return m_rows[key];
    }

    std::string villageOf(const std::string& table, const std::string& rowId) {
        if (!store::isReplicatedTable(table)) return {};
        const auto& r = row(table, rowId);
        if (!r.exists) return {};
        if (table == "household_member") return villageOf("household", r.text("household_id"));
        return r.text(store::scopeColumn(table));
    }

    // MergeTarget
    std::string self() override { return m_self; }
    std::int64_t cursor(const std::string& origin) override {
        auto it = m_cursors.find(origin);
        if (it == m_cursors.end()) {
            const auto r = m_conn.exec("SELECT coalesce(max(seq), 0) FROM hub_change WHERE site = $1", {origin});
            it = m_cursors.emplace(origin, r.integer(0, 0)).first;
        }
        return it->second;
    }
    void setCursor(const std::string& origin, std::int64_t seq) override { m_cursors[origin] = seq; }
    const std::set<std::string>& columns(const std::string& table) override { return m_columns(table); }
    RowState read(const std::string& table, const std::string& rowId, const std::vector<std::string>& columns) override {
        const auto& r = row(table, rowId);
        RowState state;
        state.exists = r.exists;
        if (!r.exists) return state;
        for (const auto& c : columns) {
            const auto it = r.fields.find(c);
            state.values.emplace_back(c, it == r.fields.end() ? store::Value{} : it->second);
        }
        state.versions = r.versions;
        return state;
    }
    void insertRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                   const store::FieldVersions& versions) override {
        auto& r = row(table, rowId);
        if (r.exists) throw StorageError("UNIQUE constraint failed: " + table + ".id");
        r.exists = true;
        r.dirty = true;
        for (const auto& [c, v] : fields)
            if (!store::isNull(v)) r.fields[c] = v;
        r.versions = versions;
    }
    void updateRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                   const store::FieldVersions& versions) override {
        auto& r = row(table, rowId);
        r.dirty = true;
        for (const auto& [c, v] : fields) {
            if (store::isNull(v)) r.fields.erase(c);
            else r.fields[c] = v;
        }
        r.versions = versions;
    }
    void recordConflict(const Conflict& c) override { m_conflicts.push_back(c); }
    void resolveMatching(const std::string& table, const std::string& rowId, const std::string& field,
                         const std::string& lostVersion, const std::string& user) override {
        m_conn.exec("UPDATE hub_conflict SET resolved_on = $1, resolved_by = $2 WHERE tbl = $3 AND row_id = $4 AND "
                    "field = $5 AND lost_version = $6 AND resolved_on IS NULL",
                    {formatDate(today()), user, table, rowId, field, lostVersion});
    }
    void appendForeign(const store::ChangeEntry& e) override {
        auto& r = row(e.table, e.rowId);
        if (e.hlc >= r.lastHlc) {
            r.lastHlc = e.hlc;
            r.lastUser = e.user;
            r.dirty = true;
        }
        m_changes.push_back(e);
    }
    void raiseSeen(std::int64_t hlc) override { m_seen = std::max(m_seen, hlc); }
    std::string lastUser(const std::string& table, const std::string& rowId) override { return row(table, rowId).lastUser; }
    void reindex(const std::set<std::string>&) override {}  // no search index at a hub

    // The hub log entries of this transaction, in order.
    void log(const std::string& site, std::int64_t seq, const std::string& scope, bool snapshot) {
        m_log.push_back({site, seq, scope, snapshot});
    }
    // Whether an entry of the row logged in `scope` is pending in this transaction.
    bool loggedIn(const std::string& table, const std::string& rowId, const std::string& scope) const {
        for (const auto& l : m_log)
            if (inScope(l.scope, scope))
                for (const auto& e : m_changes)
                    if (e.site == l.site && e.seq == l.seq && e.table == table && e.rowId == rowId) return true;
        return false;
    }

    void flush() {
        writeRows();
        if (!m_changes.empty()) {
            std::vector<Param> site, seq, hlc, tbl, row, op, fields, user, base;
            for (const auto& e : m_changes) {
                site.push_back(e.site);
                seq.push_back(std::to_string(e.seq));
                hlc.push_back(std::to_string(e.hlc));
                tbl.push_back(e.table);
                row.push_back(e.rowId);
                op.push_back(e.op);
                fields.push_back(e.fields);
                user.push_back(e.user);
                base.push_back(e.base.empty() ? Param() : Param(e.base));
            }
            m_conn.exec("INSERT INTO hub_change(site, seq, hlc, tbl, row_id, op, fields, usr, base) "
                        "SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], "
                        "$6::text[], $7::text[], $8::text[], $9::text[])",
                        {pg::arrayOf(site), pg::arrayOf(seq), pg::arrayOf(hlc), pg::arrayOf(tbl), pg::arrayOf(row),
                         pg::arrayOf(op), pg::arrayOf(fields), pg::arrayOf(user), pg::arrayOf(base)});
            m_changes.clear();
        }
        if (!m_log.empty()) {
            const auto r = m_conn.exec("SELECT coalesce(max(hub_seq), 0) FROM hub_log");
            std::int64_t next = r.integer(0, 0);
            std::vector<Param> hubSeq, site, seq, scope, snapshot;
            for (const auto& l : m_log) {
                hubSeq.push_back(std::to_string(++next));
                site.push_back(l.site);
                seq.push_back(std::to_string(l.seq));
                scope.push_back(l.scope);
                snapshot.push_back(l.snapshot ? "t" : "f");
            }
            m_conn.exec("INSERT INTO hub_log(hub_seq, site, seq, scope, snapshot) SELECT * FROM unnest($1::bigint[], "
                        "$2::text[], $3::bigint[], $4::text[], $5::boolean[])",
                        {pg::arrayOf(hubSeq), pg::arrayOf(site), pg::arrayOf(seq), pg::arrayOf(scope),
                         pg::arrayOf(snapshot)});
            m_log.clear();
        }
        const auto day = formatDate(today());
        for (const auto& c : m_conflicts)
            m_conn.exec("INSERT INTO hub_conflict(tbl, row_id, field, kept_value, kept_version, lost_value, lost_version, "
                        "lost_user, detected_on) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        {c.table, c.rowId, c.field, valueParam(c.keptValue), c.keptVersion, valueParam(c.lostValue),
                         c.lostVersion, c.lostUser, day});
        m_conflicts.clear();
        if (m_seen)
            m_conn.exec("INSERT INTO hub_meta(key, value) VALUES('hlc_seen', $1) ON CONFLICT (key) DO UPDATE SET "
                        "value = greatest(hub_meta.value::bigint, excluded.value::bigint)::text",
                        {std::to_string(m_seen)});
    }

private:
    void writeRows() {
        std::vector<Param> tbl, id, village, fields, versions, user, hlc, idNumber, mergedInto;
        for (auto& [key, r] : m_rows) {
            if (!r.dirty) continue;
            tbl.push_back(key.first);
            id.push_back(key.second);
            village.push_back(key.first == "household_member" ? std::string() : r.text(store::scopeColumn(key.first)));
            fields.push_back(r.json());
            versions.push_back(r.versions.json());
            user.push_back(r.lastUser);
            hlc.push_back(std::to_string(r.lastHlc));
            const bool resident = key.first == "resident";
            idNumber.push_back(resident && !r.text("id_number").empty() ? Param(r.text("id_number")) : Param());
            mergedInto.push_back(resident && !r.text("merged_into").empty() ? Param(r.text("merged_into")) : Param());
            r.dirty = false;
        }
        if (tbl.empty()) return;
        m_conn.exec("INSERT INTO hub_row(tbl, row_id, village, fields, versions, last_user, last_hlc, id_number, "
                    "merged_into) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], "
                    "$6::text[], $7::bigint[], $8::text[], $9::text[]) ON CONFLICT (tbl, row_id) DO UPDATE SET "
                    "village = excluded.village, fields = excluded.fields, versions = excluded.versions, "
                    "last_user = excluded.last_user, last_hlc = excluded.last_hlc, id_number = excluded.id_number, "
                    "merged_into = excluded.merged_into",
                    {pg::arrayOf(tbl), pg::arrayOf(id), pg::arrayOf(village), pg::arrayOf(fields),
                     pg::arrayOf(versions), pg::arrayOf(user), pg::arrayOf(hlc), pg::arrayOf(idNumber),
                     pg::arrayOf(mergedInto)});
    }

    struct LogEntry {
        std::string site;
        std::int64_t seq;
        std::string scope;
        bool snapshot;
    };
    pg::Connection& m_conn;
    std::string m_self;
    const std::function<const std::set<std::string>&(const std::string&)>& m_columns;
    std::map<RowKey, Row> m_rows;
    std::map<std::string, std::int64_t> m_cursors;
    std::vector<store::ChangeEntry> m_changes;
    std::vector<LogEntry> m_log;
    std::vector<Conflict> m_conflicts;
    std::int64_t m_seen = 0;
};

class PgHubStore final : public HubStore {
public:
    explicit PgHubStore(std::string conninfo) : m_conninfo(std::move(conninfo)) {
        // The schema of this build (the tables' columns, the schema version) from an
        // in-memory site database migrated as every site's is.
        m_template = store::Database::open(":memory:");
        auto& c = connection();
        pg::Transaction tx(c);
        c.exec("SELECT pg_advisory_xact_lock($1)", {number(kOrderLock)});
        c.exec(kSchema);
        c.exec("INSERT INTO hub_meta(key, value) VALUES('hub_id', $1) ON CONFLICT (key) DO NOTHING", {randomHex128()});
        m_hubId = c.exec("SELECT value FROM hub_meta WHERE key = 'hub_id'").text(0, 0);
        tx.commit();
        m_schemaVersion = m_template->userVersion();
    }

    std::string hubId() override { return m_hubId; }
    int schemaVersion() override { return m_schemaVersion; }

    void addCode(const EnrolmentCode& c) override {
        connection().exec("INSERT INTO hub_code(id, key_hash, scope, name, expires_at, replaces) VALUES($1, $2, $3, $4, $5, $6)",
                          {c.id, c.keyHash, c.scope, c.name, number(c.expiresAtMs), c.replaces});
    }

    std::optional<EnrolmentCode> code(const std::string& id) override {
        const auto r = connection().exec(
            "SELECT id, key_hash, scope, name, expires_at, coalesce(used_by, ''), failures, replaces FROM hub_code "
            "WHERE id = $1",
            {id});
        if (!r.rows()) return std::nullopt;
        return EnrolmentCode{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.integer(0, 4),
                             r.text(0, 5), static_cast<int>(r.integer(0, 6)), r.text(0, 7)};
    }

    void countFailure(const std::string& codeId) override {
        connection().exec("UPDATE hub_code SET failures = failures + 1 WHERE id = $1", {codeId});
    }

    EnrolOutcome enrol(const std::string& codeId, const Device& d) override {
        auto& c = connection();
        pg::Transaction tx(c);
        const auto code = c.exec("SELECT replaces FROM hub_code WHERE id = $1 AND used_by IS NULL FOR UPDATE", {codeId});
        if (!code.rows()) return EnrolOutcome::CodeUsed;
        const bool replaces = code.text(0, 0) == d.site;
        const bool exists = c.exec("SELECT 1 FROM hub_device WHERE site = $1 FOR UPDATE", {d.site}).rows() > 0;
        if (exists && !replaces) return EnrolOutcome::SiteExists;
        c.exec("UPDATE hub_code SET used_by = $1 WHERE id = $2", {d.site, codeId});
        const auto key = crypto::base64(d.publicKey);
        if (exists) {
            c.exec("UPDATE hub_device SET name = $1, scope = $2, public_key = $3, enrolled_on = $4, revoked_on = NULL "
                   "WHERE site = $5",
                   {d.name, d.scope, key, formatDate(today()), d.site});
            c.exec("INSERT INTO hub_event(at, kind, site, detail) VALUES($1, 'replaced', $2, $3)",
                   {timestampNow(), d.site, "code " + codeId + ", scope " + d.scope + ", name " + d.name});
        } else {
            try {
                c.exec("INSERT INTO hub_device(site, name, scope, public_key, enrolled_on) VALUES($1, $2, $3, $4, $5)",
                       {d.site, d.name, d.scope, key, formatDate(today())});
            } catch (const pg::UniqueViolation&) {
                return EnrolOutcome::SiteExists;  // enrolled by another process meanwhile
            }
        }
        tx.commit();
        return exists ? EnrolOutcome::Replaced : EnrolOutcome::Enrolled;
    }

    std::vector<std::array<std::string, 4>> events() override {
        const auto r = connection().exec("SELECT at, kind, site, detail FROM hub_event ORDER BY id");
        std::vector<std::array<std::string, 4>> out;
        for (int i = 0; i < r.rows(); ++i) out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3)});
        return out;
    }

    void recordEvent(const std::string& kind, const std::string& site, const std::string& detail) override {
        connection().exec("INSERT INTO hub_event(at, kind, site, detail) VALUES($1, $2, $3, $4)",
                          {timestampNow(), kind, site, detail});
    }

    std::optional<Device> device(const std::string& site) override {
        auto found = readDevices(connection().exec(kDeviceSelect + std::string(" WHERE site = $1"), {site}));
        if (found.empty()) return std::nullopt;
        return found.front();
    }

    std::vector<Device> devices() override {
        return readDevices(connection().exec(kDeviceSelect + std::string(" ORDER BY name, site")));
    }

    bool revoke(const std::string& site) override {
        auto& c = connection();
        pg::Transaction tx(c);
        const auto r = c.exec("UPDATE hub_device SET revoked_on = $1 WHERE site = $2 AND revoked_on IS NULL RETURNING site",
                              {formatDate(today()), site});
        if (r.rows() != 1) return false;
        c.exec("INSERT INTO hub_event(at, kind, site, detail) VALUES($1, 'revoked', $2, '')", {timestampNow(), site});
        tx.commit();
        return true;
    }

    bool acceptRequestNumber(const std::string& site, std::int64_t n) override {
        // One statement: two hub processes taking requests of one device agree on which is new.
        return connection()
                   .exec("UPDATE hub_device SET last_request = $1 WHERE site = $2 AND last_request < $1 RETURNING site",
                         {number(n), site})
                   .rows() == 1;
    }

    std::int64_t lastSeq(const std::string& site) override {
        return connection().exec("SELECT coalesce(max(seq), 0) FROM hub_change WHERE site = $1", {site}).integer(0, 0);
    }

    PushOutcome push(const Device& device, const std::vector<store::ChangeEntry>& entries) override {
        for (const auto& e : entries)
            if (e.site != device.site || e.op == "snapshot")
                throw ScopeError("a device pushes only its own changes", e.rowId, "");
        auto& c = connection();
        pg::Transaction tx(c);
        c.exec("SELECT pg_advisory_xact_lock($1)", {number(kOrderLock)});
        PgTarget target(c, m_hubId, m_columnsOf);
        // The rows of the batch, and the households its memberships join, in one read.
        std::vector<RowKey> keys;
        for (const auto& e : entries) {
            keys.emplace_back(e.table, e.rowId);
            if (e.table == "household_member" && e.op == "insert") {
                const auto f = parseObject(e.fields);
                keys.emplace_back("household", f->optValue<std::string>("household_id", ""));
            }
        }
        target.prefetch(keys);
        ApplyOptions options;
        std::set<std::string> identities;
        Placement placement;
        options.before = [&](const store::ChangeEntry& e, const Poco::JSON::Object& fields) {
            placement = place(c, target, device, e, fields);
        };
        options.after = [&](const store::ChangeEntry& e, const Poco::JSON::Object& fields) {
            if (!placement.movedFrom.empty()) placement.village = target.villageOf(e.table, e.rowId);
            if (!placement.movedFrom.empty() && placement.movedFrom != placement.village) {
                target.log(e.site, e.seq, placement.movedFrom, false);
                target.log(e.site, e.seq, placement.village, true);
            } else {
                target.log(e.site, e.seq, placement.village, false);
            }
            if (e.table == "resident") {
                const auto idNumber = fields.optValue<std::string>("id_number", "");
                if (!idNumber.empty()) identities.insert(idNumber);
            }
        };
        PushOutcome out;
        out.result = applyEntries(target, entries, options);
        target.flush();
        for (const auto& idNumber : identities) mergeDuplicates(c, idNumber);
        out.lastSeq = c.exec("SELECT coalesce(max(seq), 0) FROM hub_change WHERE site = $1", {device.site}).integer(0, 0);
        tx.commit();
        return out;
    }

    std::vector<store::SerialBlock> grantBlocks(const Device& device, const std::vector<store::SerialBlock>& ledger,
                                                const std::vector<std::string>& need) override {
        auto& c = connection();
        pg::Transaction tx(c);
        c.exec("SELECT pg_advisory_xact_lock($1)", {number(kOrderLock)});
        const auto county = device.scope.substr(0, std::min<std::size_t>(6, device.scope.size()));
        const auto day = formatDate(today());
        for (const auto& b : ledger) {
            if (b.villageCode.size() != 12 || !inScope(b.villageCode, county))
                throw ScopeError("village " + b.villageCode + " lies outside the device's county " + county, "",
                                 b.villageCode);
            // store::ArchiveNumbers::recordGrant's rule: the same block again is nothing new;
            // an overlap with another site's is refused.
            const auto r = c.exec("SELECT site_id, first_serial = $1 AND last_serial = $2 FROM hub_grant "
                                  "WHERE village_code = $3 AND first_serial <= $2 AND last_serial >= $1",
                                  {number(b.first), number(b.last), b.villageCode});
            bool same = false;
            for (int i = 0; i < r.rows(); ++i) {
                if (r.text(i, 0) != device.site || r.text(i, 1) != "t")
                    throw ConflictError(format(tr("Archive serials {0}–{1} of village {2} were handed out by two "
                                                  "computers before the hub existed"),
                                               {std::to_string(b.first), std::to_string(b.last), b.villageCode}));
                same = true;
            }
            if (!same)
                c.exec("INSERT INTO hub_grant(village_code, first_serial, last_serial, site_id, granted_on) "
                       "VALUES($1, $2, $3, $4, $5)",
                       {b.villageCode, number(b.first), number(b.last), device.site, day});
        }
        std::vector<store::SerialBlock> out;
        for (const auto& village : need) {
            if (village.size() != 12 || !inScope(village, device.scope))
                throw ScopeError("village " + village + " is outside the device's scope " + device.scope, "", village);
            const auto r = c.exec("SELECT coalesce(max(last_serial), 0) FROM hub_grant WHERE village_code = $1", {village});
            const std::int64_t first = std::max(r.integer(0, 0) + 1, store::ArchiveNumbers::kHubFirstSerial);
            if (first > store::ArchiveNumbers::kMaxSerial)
                throw ConflictError(format(tr("All 99,999 archive serial numbers of village {0} are used"), {village}));
            const std::int64_t last = std::min(first + store::ArchiveNumbers::kBlockSize - 1, store::ArchiveNumbers::kMaxSerial);
            c.exec("INSERT INTO hub_grant(village_code, first_serial, last_serial, site_id, granted_on) "
                   "VALUES($1, $2, $3, $4, $5)",
                   {village, number(first), number(last), device.site, day});
            out.push_back({village, first, last});
        }
        tx.commit();
        return out;
    }

    PullOutcome pull(const Device& device, std::int64_t after, std::size_t limit) override {
        auto& c = connection();
        pg::Transaction tx(c);
        c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");  // one snapshot
        PullOutcome out;
        const auto r = c.exec(
            "SELECT h.hub_seq, c.site, c.seq, c.hlc, c.tbl, c.row_id, c.op, c.fields, c.usr, coalesce(c.base, ''), "
            "h.snapshot FROM hub_log h JOIN hub_change c ON c.site = h.site AND c.seq = h.seq "
            "WHERE h.hub_seq > $1 AND h.site <> $2 AND (left(h.scope, $3) = $4 OR "
            "(h.scope <> '' AND left($4, length(h.scope)) = h.scope)) ORDER BY h.hub_seq LIMIT $5",
            {number(after), device.site, number(static_cast<std::int64_t>(device.scope.size())), device.scope,
             number(static_cast<std::int64_t>(limit))});
        std::int64_t last = after;
        std::vector<std::size_t> snapshots;
        for (int i = 0; i < r.rows(); ++i) {
            last = r.integer(i, 0);
            out.entries.push_back({r.text(i, 1), r.integer(i, 2), r.integer(i, 3), r.text(i, 4), r.text(i, 5),
                                   r.text(i, 6), r.text(i, 7), r.text(i, 8), r.text(i, 9)});
            out.hubSeqs.push_back(last);
            if (r.text(i, 10) == "t") snapshots.push_back(out.entries.size() - 1);
        }
        if (!snapshots.empty()) {
            PgTarget rows(c, m_hubId, m_columnsOf);
            for (const auto i : snapshots) out.entries[i] = snapshotOf(rows, out.entries[i]);
        }
        out.more = out.entries.size() >= limit;
        if (!out.more) last = std::max(last, c.exec("SELECT coalesce(max(hub_seq), 0) FROM hub_log").integer(0, 0));
        out.next = last;
        tx.commit();
        return out;
    }

    AuditHead auditHead(const std::string& site) override { return headOf(connection(), site); }

    std::optional<std::string> auditHash(const std::string& site, std::int64_t seq) override {
        const auto r = connection().exec("SELECT hash FROM hub_audit WHERE site = $1 AND seq = $2", {site, number(seq)});
        if (!r.rows()) return std::nullopt;
        return r.text(0, 0);
    }

    AuditHead appendAudit(const std::string& site, const std::vector<store::AuditEntry>& entries) override {
        auto& c = connection();
        pg::Transaction tx(c);
        auto head = headOf(c, site);
        if (!entries.empty() && (entries.front().seq != head.seq + 1 || entries.front().prev != head.hash))
            throw StorageError("the audit entries of site " + site + " do not follow entry " + std::to_string(head.seq) +
                               " the hub holds");
        const auto now = timestampNow();
        try {
            for (const auto& e : entries) {
                c.exec("INSERT INTO hub_audit(site, seq, at, usr, role, action, tbl, row_id, resident_id, detail, "
                       "change_seq, change_fields, prev, hash, received_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                       "$10, $11, $12, $13, $14, $15)",
                       {site, number(e.seq), e.at, e.user, e.role, e.action, e.table, e.rowId, e.residentId, e.detail,
                        number(e.changeSeq), e.changeFields, e.prev, e.hash, now});
                head = {e.seq, e.hash};
            }
        } catch (const pg::UniqueViolation&) {
            throw StorageError("the audit entries of site " + site + " were stored by another request meanwhile");
        }
        tx.commit();
        return head;
    }

    std::vector<store::AuditEntry> auditTrail(const std::string& site, std::int64_t after, std::size_t limit) override {
        const auto r = connection().exec(
            "SELECT seq, at, site, usr, role, action, tbl, row_id, resident_id, detail, prev, hash, change_seq, "
            "change_fields FROM hub_audit WHERE site = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            {site, number(after), number(static_cast<std::int64_t>(limit))});
        std::vector<store::AuditEntry> out;
        for (int i = 0; i < r.rows(); ++i) {
            store::AuditEntry e;
            e.seq = r.integer(i, 0);
            e.at = r.text(i, 1);
            e.site = r.text(i, 2);
            e.user = r.text(i, 3);
            e.role = r.text(i, 4);
            e.action = r.text(i, 5);
            e.table = r.text(i, 6);
            e.rowId = r.text(i, 7);
            e.residentId = r.text(i, 8);
            e.detail = r.text(i, 9);
            e.prev = r.text(i, 10);
            e.hash = r.text(i, 11);
            e.changeSeq = r.integer(i, 12);
            e.changeFields = r.text(i, 13);
            out.push_back(std::move(e));
        }
        return out;
    }

    std::vector<HubRow> rows(const std::string& table, const std::string& scope) override {
        // Where each row lies (a membership where its household does) within the scope, as
        // rowsOf reads a site.
        const auto r = connection().exec(
            "SELECT r.row_id, r.fields, r.versions, r.last_user, r.last_hlc FROM hub_row r "
            "LEFT JOIN hub_row h ON r.tbl = 'household_member' AND h.tbl = 'household' AND "
            "h.row_id = (r.fields::json ->> 'household_id') "
            "CROSS JOIN LATERAL (SELECT CASE WHEN r.tbl = 'household_member' THEN coalesce(h.village, '') "
            "ELSE r.village END AS village) v "
            "WHERE r.tbl = $1 AND left(v.village, $2) = $3 ORDER BY r.row_id COLLATE \"C\"",
            {table, number(static_cast<std::int64_t>(scope.size())), scope});
        std::vector<HubRow> out;
        for (int i = 0; i < r.rows(); ++i) {
            const auto row = rowOf(r, i, 1);
            HubRow h{r.text(i, 0), {}, row.versions.json()};
            for (const auto& [column, value] : row.fields)
                if (column != "id") h.fields.emplace_back(column, value);
            out.push_back(std::move(h));
        }
        return out;
    }

    std::vector<store::ChangeEntry> changes(const std::string& table) override {
        const auto r = connection().exec(
            "SELECT site, seq, hlc, tbl, row_id, op, fields, usr, coalesce(base, '') FROM hub_change WHERE tbl = $1", {table});
        std::vector<store::ChangeEntry> out;
        for (int i = 0; i < r.rows(); ++i)
            out.push_back({r.text(i, 0), r.integer(i, 1), r.integer(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                           r.text(i, 6), r.text(i, 7), r.text(i, 8)});
        return out;
    }

    std::vector<Conflict> conflicts(bool openOnly) override {
        const auto r = connection().exec(
            std::string("SELECT id, tbl, row_id, field, kept_value, kept_version, lost_value, lost_version, lost_user, "
                        "detected_on FROM hub_conflict ") +
            (openOnly ? "WHERE resolved_on IS NULL " : "") + "ORDER BY id");
        std::vector<Conflict> out;
        for (int i = 0; i < r.rows(); ++i) {
            Conflict c;
            c.id = r.integer(i, 0);
            c.table = r.text(i, 1);
            c.rowId = r.text(i, 2);
            c.field = r.text(i, 3);
            c.keptValue = r.isNull(i, 4) ? store::Value{} : store::Value{r.text(i, 4)};
            c.keptVersion = r.text(i, 5);
            c.lostValue = r.isNull(i, 6) ? store::Value{} : store::Value{r.text(i, 6)};
            c.lostVersion = r.text(i, 7);
            c.lostUser = r.text(i, 8);
            c.detectedOn = r.text(i, 9);
            out.push_back(std::move(c));
        }
        return out;
    }

    SnapshotPage snapshot(const Device& device, const std::string& id, std::int64_t after,
                          std::size_t limit) override {
        auto& c = connection();
        const auto sid = id.empty() ? buildSnapshot(c, device) : id;
        SnapshotPage page;
        page.id = sid;
        // Only the device's own, of the scope it has now (a replacement enrolment may change it).
        const auto head = c.exec("SELECT cursor, total FROM hub_snapshot WHERE id = $1 AND site = $2 AND scope = $3",
                                 {sid, device.site, device.scope});
        if (!head.rows()) throw SnapshotGone("snapshot " + sid + " is not held any more");
        page.cursor = head.integer(0, 0);
        page.total = head.integer(0, 1);
        const auto r = c.exec("SELECT n, tbl, row_id, fields, versions, usr, hlc FROM hub_snapshot_row "
                              "WHERE snapshot = $1 AND n > $2 ORDER BY n LIMIT $3",
                              {sid, number(after), number(static_cast<std::int64_t>(limit))});
        page.next = after;
        for (int i = 0; i < r.rows(); ++i) {
            page.next = r.integer(i, 0);
            const auto row = rowOf(r, i, 3);
            const auto fields = snapshotFields(row, m_columnsOf(r.text(i, 1)), true);
            page.entries.push_back({"snapshot-" + sid, page.next, r.integer(i, 6), r.text(i, 1), r.text(i, 2), "snapshot",
                                    fields, r.text(i, 5), r.text(i, 4)});
        }
        page.more = page.next < page.total;
        return page;
    }

    std::int64_t logHead() override {
        return connection().exec("SELECT coalesce(max(hub_seq), 0) FROM hub_log").integer(0, 0);
    }

    HubStats stats() override {
        const auto r = connection().exec(
            "SELECT (SELECT count(*) FROM hub_change), (SELECT count(*) FROM hub_log), "
            "(SELECT count(*) FROM hub_log WHERE snapshot), (SELECT count(*) FROM hub_device WHERE revoked_on IS NULL)");
        return {r.integer(0, 0), r.integer(0, 1), r.integer(0, 2), r.integer(0, 3)};
    }

private:
    // Every row of the device's scope now, in table order (SqliteHubStore::buildSnapshot):
    // one statement in one snapshot of the database, with the hub order's head of that moment.
    static std::string buildSnapshot(pg::Connection& c, const Device& device) {
        const auto now = static_cast<std::int64_t>(store::wallClockMillis());
        {
            // The device's earlier snapshots and any a day old go first, in a transaction of
            // their own: two builds at once (two sites, two hub processes) never meet in the
            // snapshot's own transaction.
            pg::Transaction cleanup(c);
            const auto old = c.exec("DELETE FROM hub_snapshot WHERE site = $1 OR created_at < $2 RETURNING id",
                                    {device.site, number(now - 86'400'000)});
            std::vector<Param> ids;
            for (int i = 0; i < old.rows(); ++i) ids.push_back(old.text(i, 0));
            if (!ids.empty())
                c.exec("DELETE FROM hub_snapshot_row WHERE snapshot = ANY($1::text[])", {pg::arrayOf(ids)});
            cleanup.commit();
        }
        pg::Transaction tx(c);
        c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        const auto cursor = c.exec("SELECT coalesce(max(hub_seq), 0) FROM hub_log").integer(0, 0);
        const auto sid = randomHex128();
        std::vector<Param> tables;
        for (const auto& t : store::replicatedTables()) tables.push_back(t);
        const auto inserted = c.exec(
            "INSERT INTO hub_snapshot_row(snapshot, n, tbl, row_id, fields, versions, usr, hlc) "
            "SELECT $1, row_number() OVER (ORDER BY array_position($2::text[], r.tbl), r.row_id COLLATE \"C\"), r.tbl, "
            "r.row_id, r.fields, r.versions, r.last_user, r.last_hlc FROM hub_row r "
            "LEFT JOIN hub_row h ON r.tbl = 'household_member' AND h.tbl = 'household' AND "
            "h.row_id = (r.fields::json ->> 'household_id') "
            "CROSS JOIN LATERAL (SELECT CASE WHEN r.tbl = 'household_member' THEN coalesce(h.village, '') "
            "ELSE r.village END AS village) v "
            "WHERE (left(v.village, $3) = $4 OR (v.village <> '' AND left($4, length(v.village)) = v.village)) "
            // a row every field of which the device wrote itself is at the device as it is
            "AND (r.versions IN ('', '{}') OR EXISTS (SELECT 1 FROM json_each_text(r.versions::json) j "
            "WHERE right(j.value, length($5) + 1) <> '@' || $5))",
            {sid, pg::arrayOf(tables), number(static_cast<std::int64_t>(device.scope.size())), device.scope,
             device.site});
        (void)inserted;
        const auto total = c.exec("SELECT count(*) FROM hub_snapshot_row WHERE snapshot = $1", {sid}).integer(0, 0);
        c.exec("INSERT INTO hub_snapshot(id, site, scope, cursor, total, created_at) VALUES($1, $2, $3, $4, $5, $6)",
               {sid, device.site, device.scope, number(cursor), number(total), number(now)});
        tx.commit();
        return sid;
    }

    static AuditHead headOf(pg::Connection& c, const std::string& site) {
        const auto r = c.exec("SELECT seq, hash FROM hub_audit WHERE site = $1 ORDER BY seq DESC LIMIT 1", {site});
        if (!r.rows()) return {};
        return {r.integer(0, 0), r.text(0, 1)};
    }

    static constexpr const char* kDeviceSelect =
        "SELECT site, name, scope, public_key, enrolled_on, coalesce(revoked_on, '') FROM hub_device";

    static std::vector<Device> readDevices(const pg::Result& r) {
        std::vector<Device> out;
        for (int i = 0; i < r.rows(); ++i)
            out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), crypto::unbase64(r.text(i, 3)), r.text(i, 4),
                           r.text(i, 5)});
        return out;
    }

    // The scope rule (HubRules) over the rows the hub holds here and those of the batch.
    static Placement place(pg::Connection& c, PgTarget& target, const Device& device, const store::ChangeEntry& e,
                           const Poco::JSON::Object& fields) {
        const RowLookup rows{
            [&](const std::string& table, const std::string& id) { return target.villageOf(table, id); },
            [&](const std::string& id) { return target.row("user_account", id).text("login"); },
            [&](const std::string& table, const std::string& id, const std::string& scope) {
                return wasInScope(c, target, table, id, scope);
            }};
        return placeEntry(rows, device, e, fields);
    }

    static bool wasInScope(pg::Connection& c, const PgTarget& target, const std::string& table,
                           const std::string& rowId, const std::string& scope) {
        if (target.loggedIn(table, rowId, scope)) return true;
        return c.exec("SELECT 1 FROM hub_change c JOIN hub_log h ON h.site = c.site AND h.seq = c.seq "
                      "WHERE c.tbl = $1 AND c.row_id = $2 AND left(h.scope, $3) = $4 LIMIT 1",
                      {table, rowId, number(static_cast<std::int64_t>(scope.size())), scope})
                   .rows() > 0;
    }

    // The whole row as the hub holds it now, with its field versions, in place of `e`.
    store::ChangeEntry snapshotOf(PgTarget& rows, store::ChangeEntry e) {
        const auto& r = rows.row(e.table, e.rowId);
        e.op = "snapshot";
        e.fields = snapshotFields(r, m_columnsOf(e.table), false);
        e.base = r.versions.json();
        return e;
    }

    // A row's fields as a snapshot entry carries them: every column of the table, absent ones
    // null; `compact` (a starting snapshot, as SqliteHubStore's): a null column never written
    // since the row's insert (no version of its own) is left out, as an insert leaves it out.
    static std::string snapshotFields(const Row& row, const std::set<std::string>& columns, bool compact) {
        std::string out = "{";
        for (const auto& column : columns) {
            const auto it = row.fields.find(column);
            if (column == "id" || (compact && it == row.fields.end() && !row.versions.has(column))) continue;
            if (out.size() > 1) out.push_back(',');
            appendJsonString(out, column);
            out.push_back(':');
            store::appendJsonValue(out, it == row.fields.end() ? store::Value{} : it->second);
        }
        return out + "}";
    }

    // SqliteHubStore::mergeDuplicates: the earliest record of an ID number survives; each
    // later one gets a link to it, written as the hub's own change.
    void mergeDuplicates(pg::Connection& c, const std::string& idNumber) {
        const auto found = c.exec("SELECT row_id, village FROM hub_row WHERE tbl = 'resident' AND id_number = $1 AND "
                                  "merged_into IS NULL ORDER BY row_id COLLATE \"C\"",
                                  {idNumber});
        if (found.rows() < 2) return;
        const auto survivor = found.text(0, 0);
        PgTarget target(c, m_hubId, m_columnsOf);
        auto seq = c.exec("SELECT coalesce(max(seq), 0) FROM hub_change WHERE site = $1", {m_hubId}).integer(0, 0);
        const auto seen = c.exec("SELECT value FROM hub_meta WHERE key = 'hlc_seen'");
        store::Hlc last = store::Hlc::unpack(seen.rows() ? std::stoll(seen.text(0, 0)) : 0);
        for (int i = 1; i < found.rows(); ++i) {
            const auto id = found.text(i, 0);
            auto& row = target.row("resident", id);
            last = store::Hlc::next(last, store::wallClockMillis());
            const auto version = store::versionString(last.pack(), m_hubId);
            std::string base = "{";
            appendJsonString(base, "merged_into");
            base.push_back(':');
            appendJsonString(base, row.versions.of("merged_into"));
            base.push_back('}');
            store::Fields fields{{"merged_into", survivor}};
            auto versions = row.versions;
            versions.set("merged_into", version);
            target.updateRow("resident", id, fields, versions);
            store::ChangeEntry e{m_hubId, ++seq, last.pack(), "resident", id, "update",
                                 "{\"merged_into\":\"" + survivor + "\"}", "hub", base};
            target.appendForeign(e);
            target.log(m_hubId, seq, found.text(i, 1), false);
            target.raiseSeen(last.pack());
        }
        target.flush();
    }

    const std::set<std::string>& columnsOf(const std::string& table) {
        std::lock_guard lock(m_mutex);
        auto it = m_columns.find(table);
        if (it == m_columns.end()) it = m_columns.emplace(table, SyncStore(*m_template).columns(table)).first;
        return it->second;
    }

    pg::Connection& connection() {
        std::lock_guard lock(m_mutex);
        auto& slot = m_connections[std::this_thread::get_id()];
        if (!slot) slot = std::make_unique<pg::Connection>(m_conninfo);
        return *slot;
    }

    std::string m_conninfo;
    std::string m_hubId;
    int m_schemaVersion = 0;
    std::unique_ptr<store::Database> m_template;
    std::mutex m_mutex;
    std::map<std::string, std::set<std::string>> m_columns;
    std::function<const std::set<std::string>&(const std::string&)> m_columnsOf =
        [this](const std::string& table) -> const std::set<std::string>& { return columnsOf(table); };
    std::unordered_map<std::thread::id, std::unique_ptr<pg::Connection>> m_connections;
};

// Inserts `columns` rows in chunks through unnest: one statement per chunk.
class BulkInsert {
public:
    BulkInsert(pg::Connection& c, std::string table, std::vector<std::string> columns, std::vector<std::string> types)
        : m_conn(c), m_table(std::move(table)), m_columns(std::move(columns)), m_types(std::move(types)),
          m_values(m_columns.size()) {}
    void add(std::vector<Param> row) {
        for (std::size_t i = 0; i < row.size(); ++i) m_values[i].push_back(std::move(row[i]));
        if (m_values.front().size() >= 5000) flush();
    }
    void flush() {
        if (m_values.front().empty()) return;
        std::string sql = "INSERT INTO " + m_table + "(", from;
        std::vector<Param> params;
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            sql += (i ? ", " : "") + m_columns[i];
            from += (i ? ", $" : "$") + std::to_string(i + 1) + "::" + m_types[i] + "[]";
            params.push_back(pg::arrayOf(m_values[i]));
            m_values[i].clear();
        }
        m_conn.exec(sql + ") SELECT * FROM unnest(" + from + ")", params);
    }

private:
    pg::Connection& m_conn;
    std::string m_table;
    std::vector<std::string> m_columns, m_types;
    std::vector<std::vector<Param>> m_values;
};

Param optText(store::Statement& st, int column) {
    return st.isNull(column) ? Param() : Param(st.text(column));
}

}  // namespace

std::unique_ptr<HubStore> openPostgresHubStore(const std::string& conninfo) {
    return std::make_unique<PgHubStore>(conninfo);
}

CopiedStore copySqliteHubStore(const std::string& path, const std::string& key, const std::string& conninfo) {
    // The PostgreSQL store's tables, and the hub's identity carried over: sites know the hub's
    // own entries by its id.
    { PgHubStore create(conninfo); }
    auto from = store::Database::openReadOnly(path, key);
    pg::Connection c(conninfo);
    pg::Transaction tx(c);
    c.exec("SELECT pg_advisory_xact_lock($1)", {number(kOrderLock)});
    if (c.exec("SELECT 1 FROM hub_change LIMIT 1").rows() || c.exec("SELECT 1 FROM hub_device LIMIT 1").rows())
        throw StorageError("the PostgreSQL store already holds a hub's data: copy into an empty database");
    CopiedStore out;
    c.exec("UPDATE hub_meta SET value = $1 WHERE key = 'hub_id'", {store::siteId(*from)});
    if (const auto seen = store::siteMeta(*from, "hlc_seen"))
        c.exec("INSERT INTO hub_meta(key, value) VALUES('hlc_seen', $1) ON CONFLICT (key) DO UPDATE SET value = $1", {*seen});
    auto copy = [&](const std::string& select, const std::string& table, std::vector<std::string> columns,
                    std::vector<std::string> types) {
        BulkInsert insert(c, table, std::move(columns), std::move(types));
        store::Statement st(*from, select);
        std::size_t n = 0;
        while (st.step()) {
            std::vector<Param> row;
            for (int i = 0; i < st.columnCount(); ++i) row.push_back(optText(st, i));
            insert.add(std::move(row));
            ++n;
        }
        insert.flush();
        return n;
    };
    copy("SELECT id, key_hash, scope, name, expires_at, used_by, failures, replaces FROM hub_code", "hub_code",
         {"id", "key_hash", "scope", "name", "expires_at", "used_by", "failures", "replaces"},
         {"text", "text", "text", "text", "bigint", "text", "integer", "text"});
    copy("SELECT at, kind, site, detail FROM hub_event ORDER BY id", "hub_event", {"at", "kind", "site", "detail"},
         {"text", "text", "text", "text"});
    out.devices = copy("SELECT site, name, scope, public_key, enrolled_on, revoked_on, last_request FROM hub_device",
                       "hub_device", {"site", "name", "scope", "public_key", "enrolled_on", "revoked_on", "last_request"},
                       {"text", "text", "text", "text", "text", "text", "bigint"});
    out.changes = copy("SELECT site, seq, hlc, tbl, row_id, op, fields, user, base FROM change_log", "hub_change",
                       {"site", "seq", "hlc", "tbl", "row_id", "op", "fields", "usr", "base"},
                       {"text", "bigint", "bigint", "text", "text", "text", "text", "text", "text"});
    copy("SELECT hub_seq, site, seq, scope, CASE snapshot WHEN 1 THEN 't' ELSE 'f' END FROM hub_log", "hub_log",
         {"hub_seq", "site", "seq", "scope", "snapshot"}, {"bigint", "text", "bigint", "text", "boolean"});
    copy("SELECT tbl, row_id, field, kept_value, kept_version, lost_value, lost_version, lost_user, detected_on, "
         "resolved_on, resolved_by FROM conflict ORDER BY id",
         "hub_conflict",
         {"tbl", "row_id", "field", "kept_value", "kept_version", "lost_value", "lost_version", "lost_user",
          "detected_on", "resolved_on", "resolved_by"},
         {"text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text"});
    copy("SELECT village_code, first_serial, last_serial, site_id, granted_on FROM archive_grant", "hub_grant",
         {"village_code", "first_serial", "last_serial", "site_id", "granted_on"},
         {"text", "bigint", "bigint", "text", "text"});
    copy("SELECT site, seq, at, user, role, action, tbl, row_id, resident_id, detail, change_seq, change_fields, prev, "
         "hash, received_at FROM hub_audit",
         "hub_audit",
         {"site", "seq", "at", "usr", "role", "action", "tbl", "row_id", "resident_id", "detail", "change_seq",
          "change_fields", "prev", "hash", "received_at"},
         {"text", "bigint", "text", "text", "text", "text", "text", "text", "text", "text", "bigint", "text", "text",
          "text", "text"});
    // The merged rows with their field versions, and who wrote each last.
    std::map<RowKey, std::pair<std::string, std::int64_t>> last;
    {
        store::Statement st(*from, "SELECT tbl, row_id, user, hlc FROM change_log ORDER BY hlc");
        while (st.step()) last[{st.text(0), st.text(1)}] = {st.text(2), st.integer(3)};
    }
    BulkInsert rows(c, "hub_row",
                    {"tbl", "row_id", "village", "fields", "versions", "last_user", "last_hlc", "id_number", "merged_into"},
                    {"text", "text", "text", "text", "text", "text", "bigint", "text", "text"});
    SyncStore sync(*from);
    std::set<std::string> tables;
    for (const auto& [k, v] : last) tables.insert(k.first);
    for (const auto& table : tables) {
        std::vector<std::string> columns;
        for (const auto& col : sync.columns(table))
            if (col != "id") columns.push_back(col);
        store::Statement ids(*from, "SELECT id FROM " + table);
        while (ids.step()) {
            const auto id = ids.text(0);
            const auto state = sync.read(table, id, columns);
            Row row;
            row.exists = true;
            for (const auto& [col, value] : state.values)
                if (!store::isNull(value)) row.fields[col] = value;
            const auto& [user, hlc] = last[{table, id}];
            const bool resident = table == "resident";
            rows.add({table, id, table == "household_member" ? std::string() : row.text(store::scopeColumn(table)),
                      row.json(), state.versions.json(), user, std::to_string(hlc),
                      resident && !row.text("id_number").empty() ? Param(row.text("id_number")) : Param(),
                      resident && !row.text("merged_into").empty() ? Param(row.text("merged_into")) : Param()});
            ++out.rows;
        }
    }
    rows.flush();
    tx.commit();
    return out;
}

}  // namespace jiayi::sync
