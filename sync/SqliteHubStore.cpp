// The hub's SQLite store: a Jiayi database plus the hub's own tables.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Hlc.h"
#include "core/util/Date.h"
#include "core/util/Error.h"
#include "core/util/Json.h"
#include "core/util/Uuid.h"
#include "sync/Crypto.h"
#include "sync/HubRules.h"
#include "sync/HubStore.h"
#include "sync/SyncStore.h"

namespace jiayi::sync {
namespace {

// Hub-only tables; created on open, versioned apart from the site schema.
constexpr const char* kHubSchema = R"sql(
CREATE TABLE IF NOT EXISTS hub_code(
    id         TEXT PRIMARY KEY,
    key_hash   TEXT NOT NULL,
    scope      TEXT NOT NULL,
    name       TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by    TEXT,
    failures   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- What an administrator did that changes who may sync (a device replaced), for review.
CREATE TABLE IF NOT EXISTS hub_event(
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    kind   TEXT NOT NULL,
    site   TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_device(
    site         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL,
    public_key   TEXT NOT NULL,  -- base64 Ed25519
    enrolled_on  TEXT NOT NULL,
    revoked_on   TEXT,
    last_request INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
-- Hub order of applied entries (the pull cursor) and the village each entry's row lies in.
CREATE TABLE IF NOT EXISTS hub_log(
    hub_seq INTEGER PRIMARY KEY,
    site    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    scope   TEXT NOT NULL,
    -- 1: the row moved into this scope with this entry; a pull sends it whole
    snapshot INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS hub_log_entry ON hub_log(site, seq);
-- Each site's audit trail as it arrived, verified link by link (issue 16); never sent on.
CREATE TABLE IF NOT EXISTS hub_audit(
    site          TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    at            TEXT    NOT NULL,
    user          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    tbl           TEXT    NOT NULL,
    row_id        TEXT    NOT NULL,
    resident_id   TEXT    NOT NULL,
    detail        TEXT    NOT NULL,
    change_seq    INTEGER NOT NULL,
    change_fields TEXT    NOT NULL,
    prev          TEXT    NOT NULL,
    hash          TEXT    NOT NULL,
    received_at   TEXT    NOT NULL,
    PRIMARY KEY (site, seq)
);
-- Starting snapshots of a site's scope (issue 20): the rows as of hub order `cursor`.
CREATE TABLE IF NOT EXISTS hub_snapshot(
    id         TEXT PRIMARY KEY,
    site       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    cursor     INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hub_snapshot_row(
    snapshot TEXT NOT NULL,
    n        INTEGER NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    fields   TEXT NOT NULL,
    versions TEXT NOT NULL,
    user     TEXT NOT NULL,
    hlc      INTEGER NOT NULL,
    PRIMARY KEY (snapshot, n)
);
)sql";

class SqliteHubStore final : public HubStore {
public:
    SqliteHubStore(std::string path, std::string key) : m_path(std::move(path)), m_key(std::move(key)) {
        // A store made before encryption at rest is encrypted in place once a key is given.
        if (!m_key.empty() && std::filesystem::exists(m_path) && !store::Database::isEncrypted(m_path))
            store::Database::encryptFile(m_path, m_key);
        auto& db = connection();
        store::Transaction tx(db);
        db.exec(kHubSchema);
        // Hubs made before replacement codes existed: add the column.
        bool hasReplaces = false;
        auto& columns = db.cached("SELECT 1 FROM pragma_table_info('hub_code') WHERE name = 'replaces'");
        hasReplaces = columns.step();
        columns.reset();
        if (!hasReplaces) db.exec("ALTER TABLE hub_code ADD COLUMN replaces TEXT NOT NULL DEFAULT ''");
        tx.commit();
        m_hubId = store::siteId(db);
    }

    std::string hubId() override { return m_hubId; }
    int schemaVersion() override { return connection().userVersion(); }

    void addCode(const EnrolmentCode& c) override {
        connection().cached("INSERT INTO hub_code(id, key_hash, scope, name, expires_at, replaces) "
                            "VALUES(?, ?, ?, ?, ?, ?)")
            .bindAll(c.id, c.keyHash, c.scope, c.name, c.expiresAtMs, c.replaces)
            .run();
    }

    std::optional<EnrolmentCode> code(const std::string& id) override {
        auto& st = connection().cached(
            "SELECT id, key_hash, scope, name, expires_at, coalesce(used_by, ''), failures, replaces "
            "FROM hub_code WHERE id = ?");
        st.bind(1, id);
        std::optional<EnrolmentCode> out;
        if (st.step())
            out = EnrolmentCode{st.text(0), st.text(1), st.text(2), st.text(3), st.integer(4),
                                st.text(5), static_cast<int>(st.integer(6)), st.text(7)};
        st.reset();
        return out;
    }

    void countFailure(const std::string& codeId) override {
        connection().cached("UPDATE hub_code SET failures = failures + 1 WHERE id = ?").bindAll(codeId).run();
    }

    EnrolOutcome enrol(const std::string& codeId, const Device& d) override {
        auto& db = connection();
        store::Transaction tx(db);
        auto& code = db.cached("SELECT replaces FROM hub_code WHERE id = ? AND used_by IS NULL");
        code.bind(1, codeId);
        if (!code.step()) {
            code.reset();
            return EnrolOutcome::CodeUsed;
        }
        const bool replaces = code.text(0) == d.site;
        code.reset();
        auto& known = db.cached("SELECT 1 FROM hub_device WHERE site = ?");
        known.bind(1, d.site);
        const bool exists = known.step();
        known.reset();
        // A known site id is never taken over by an ordinary code (it would clear a
        // revocation and replace the key): only its replacement code enrols it again.
        if (exists && !replaces) return EnrolOutcome::SiteExists;
        db.cached("UPDATE hub_code SET used_by = ? WHERE id = ? AND used_by IS NULL").bindAll(d.site, codeId).run();
        if (db.rowsChanged() != 1) return EnrolOutcome::CodeUsed;
        if (exists) {
            db.cached("UPDATE hub_device SET name = ?, scope = ?, public_key = ?, enrolled_on = ?, revoked_on = NULL "
                      "WHERE site = ?")
                .bindAll(d.name, d.scope, crypto::base64(d.publicKey), formatDate(today()), d.site)
                .run();
            db.cached("INSERT INTO hub_event(at, kind, site, detail) VALUES(?, 'replaced', ?, ?)")
                .bindAll(timestampNow(), d.site, "code " + codeId + ", scope " + d.scope + ", name " + d.name)
                .run();
        } else {
            db.cached("INSERT INTO hub_device(site, name, scope, public_key, enrolled_on) VALUES(?, ?, ?, ?, ?)")
                .bindAll(d.site, d.name, d.scope, crypto::base64(d.publicKey), formatDate(today()))
                .run();
        }
        tx.commit();
        return exists ? EnrolOutcome::Replaced : EnrolOutcome::Enrolled;
    }

    std::vector<std::array<std::string, 4>> events() override {
        auto& st = connection().cached("SELECT at, kind, site, detail FROM hub_event ORDER BY id");
        std::vector<std::array<std::string, 4>> out;
        while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
        st.reset();
        return out;
    }

    void recordEvent(const std::string& kind, const std::string& site, const std::string& detail) override {
        connection()
            .cached("INSERT INTO hub_event(at, kind, site, detail) VALUES(?, ?, ?, ?)")
            .bindAll(timestampNow(), kind, site, detail)
            .run();
    }

    std::optional<Device> device(const std::string& site) override {
        auto& st = connection().cached(kDeviceSelect + std::string(" WHERE site = ?"));
        st.bind(1, site);
        auto found = readDevices(st);
        if (found.empty()) return std::nullopt;
        return found.front();
    }

    std::vector<Device> devices() override {
        return readDevices(connection().cached(kDeviceSelect + std::string(" ORDER BY name, site")));
    }

    bool revoke(const std::string& site) override {
        auto& db = connection();
        store::Transaction tx(db);
        db.cached("UPDATE hub_device SET revoked_on = ? WHERE site = ? AND revoked_on IS NULL")
            .bindAll(formatDate(today()), site)
            .run();
        if (db.rowsChanged() != 1) return false;
        db.cached("INSERT INTO hub_event(at, kind, site, detail) VALUES(?, 'revoked', ?, '')")
            .bindAll(timestampNow(), site)
            .run();
        tx.commit();
        return true;
    }

    bool acceptRequestNumber(const std::string& site, std::int64_t number) override {
        auto& db = connection();
        db.cached("UPDATE hub_device SET last_request = ? WHERE site = ? AND last_request < ?")
            .bindAll(number, site, number)
            .run();
        return db.rowsChanged() == 1;
    }

    std::int64_t lastSeq(const std::string& site) override { return SyncStore(connection()).cursor(site); }

    PushOutcome push(const Device& device, const std::vector<store::ChangeEntry>& entries) override {
        auto& db = connection();
        for (const auto& e : entries)
            if (e.site != device.site || e.op == "snapshot")
                throw ScopeError("a device pushes only its own changes", e.rowId, "");
        ApplyOptions options;
        std::set<std::string> identities;  // ID numbers written by this batch
        Placement placement;               // where the entry being applied puts its row
        options.before = [&](const store::ChangeEntry& e, const Poco::JSON::Object& fields) {
            placement = place(db, device, e, fields);
        };
        options.after = [&](const store::ChangeEntry& e, const Poco::JSON::Object& fields) {
            if (!placement.movedFrom.empty()) {
                // The move may have lost to a later one: log where the row is now.
                placement.village = villageOf(db, e.table, e.rowId);
            }
            if (!placement.movedFrom.empty() && placement.movedFrom != placement.village) {
                // A move: the old village learns the row left; sites of the new village
                // that never had the row receive it whole.
                logEntry(db, e.site, e.seq, placement.movedFrom);
                logEntry(db, e.site, e.seq, placement.village, true);
            } else {
                logEntry(db, e.site, e.seq, placement.village);
            }
            if (e.table == "resident") {
                const auto idNumber = fields.optValue<std::string>("id_number", "");
                if (!idNumber.empty()) identities.insert(idNumber);
            }
        };
        options.commitWith = [&] {
            for (const auto& idNumber : identities) mergeDuplicates(db, idNumber);
        };
        PushOutcome out;
        out.result = applyChanges(db, entries, options);
        out.lastSeq = SyncStore(db).cursor(device.site);
        return out;
    }

    std::vector<store::SerialBlock> grantBlocks(const Device& device, const std::vector<store::SerialBlock>& ledger,
                                                const std::vector<std::string>& need) override {
        auto& db = connection();
        store::Transaction tx(db);
        store::ArchiveNumbers numbers(db);
        // Serials the device used are recorded even outside its scope (but within its county),
        // so that nobody is granted them again; new blocks only come for villages of its scope.
        const auto county = device.scope.substr(0, std::min<std::size_t>(6, device.scope.size()));
        for (const auto& b : ledger) {
            if (b.villageCode.size() != 12 || !inScope(b.villageCode, county))
                throw ScopeError("village " + b.villageCode + " lies outside the device's county " + county, "",
                                 b.villageCode);
            numbers.recordGrant(b, device.site);
        }
        std::vector<store::SerialBlock> out;
        for (const auto& village : need) {
            requireInScope(device, village);
            out.push_back(numbers.grant(village, device.site, store::ArchiveNumbers::kBlockSize,
                                        store::ArchiveNumbers::kHubFirstSerial));
        }
        tx.commit();
        return out;
    }

    PullOutcome pull(const Device& device, std::int64_t after, std::size_t limit) override {
        auto& db = connection();
        store::Transaction tx(db, store::Transaction::Mode::Deferred);  // one snapshot
        PullOutcome out;
        std::vector<std::size_t> snapshots;
        auto& st = db.cached(
            "SELECT h.hub_seq, c.site, c.seq, c.hlc, c.tbl, c.row_id, c.op, c.fields, c.user, "
            "coalesce(c.base, ''), h.snapshot FROM hub_log h JOIN change_log c ON c.site = h.site AND c.seq = h.seq "
            "WHERE h.hub_seq > ?1 AND h.site <> ?2 AND (substr(h.scope, 1, ?3) = ?4 OR "
            // an account of a wider area (a township's staff) reaches every site inside it
            "(h.scope <> '' AND substr(?4, 1, length(h.scope)) = h.scope)) "
            "ORDER BY h.hub_seq LIMIT ?5");
        st.bind(1, after).bind(2, device.site).bind(3, static_cast<std::int64_t>(device.scope.size()));
        st.bind(4, device.scope).bind(5, static_cast<std::int64_t>(limit));
        std::int64_t last = after;
        while (st.step()) {
            last = st.integer(0);
            out.entries.push_back({st.text(1), st.integer(2), st.integer(3), st.text(4), st.text(5),
                                   st.text(6), st.text(7), st.text(8), st.text(9)});
            out.hubSeqs.push_back(last);
            if (st.integer(10)) snapshots.push_back(out.entries.size() - 1);
        }
        st.reset();
        if (!snapshots.empty()) {
            SyncStore syncStore(db);
            for (const auto i : snapshots) out.entries[i] = snapshotOf(syncStore, out.entries[i]);
        }
        out.more = out.entries.size() >= limit;
        if (!out.more) {  // nothing else for this device up to the end of the hub's log
            auto& max = db.cached("SELECT coalesce(max(hub_seq), 0) FROM hub_log");
            max.step();
            last = std::max(last, max.integer(0));
            max.reset();
        }
        out.next = last;
        tx.commit();
        return out;
    }

    AuditHead auditHead(const std::string& site) override { return headOf(connection(), site); }

    std::optional<std::string> auditHash(const std::string& site, std::int64_t seq) override {
        auto& st = connection().cached("SELECT hash FROM hub_audit WHERE site = ? AND seq = ?");
        st.bind(1, site).bind(2, seq);
        std::optional<std::string> out;
        if (st.step()) out = st.text(0);
        st.reset();
        return out;
    }

    AuditHead appendAudit(const std::string& site, const std::vector<store::AuditEntry>& entries) override {
        auto& db = connection();
        store::Transaction tx(db);
        auto head = headOf(db, site);
        if (!entries.empty() && (entries.front().seq != head.seq + 1 || entries.front().prev != head.hash))
            throw StorageError("the audit entries of site " + site + " do not follow entry " +
                               std::to_string(head.seq) + " the hub holds");
        const auto now = timestampNow();
        for (const auto& e : entries) {
            db.cached("INSERT INTO hub_audit(site, seq, at, user, role, action, tbl, row_id, resident_id, detail, "
                      "change_seq, change_fields, prev, hash, received_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?)")
                .bindAll(site, e.seq, e.at, e.user, e.role, e.action, e.table, e.rowId, e.residentId, e.detail,
                         e.changeSeq, e.changeFields, e.prev, e.hash, now)
                .run();
            head = {e.seq, e.hash};
        }
        tx.commit();
        return head;
    }

    std::vector<store::AuditEntry> auditTrail(const std::string& site, std::int64_t after,
                                              std::size_t limit) override {
        auto& st = connection().cached(
            "SELECT seq, at, site, user, role, action, tbl, row_id, resident_id, detail, prev, hash, change_seq, "
            "change_fields FROM hub_audit WHERE site = ? AND seq > ? ORDER BY seq LIMIT ?");
        st.bind(1, site).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
        std::vector<store::AuditEntry> out;
        while (st.step()) out.push_back(store::readAuditEntry(st));
        st.reset();
        return out;
    }

    std::vector<HubRow> rows(const std::string& table, const std::string& scope) override {
        return rowsOf(connection(), table, scope);
    }

    SnapshotPage snapshot(const Device& device, const std::string& id, std::int64_t after,
                          std::size_t limit) override {
        auto& db = connection();
        const auto sid = id.empty() ? buildSnapshot(db, device) : id;
        SnapshotPage page;
        page.id = sid;
        {
            // Only the device's own, of the scope it has now (a replacement enrolment may change it).
            auto& head = db.cached("SELECT cursor, total FROM hub_snapshot WHERE id = ? AND site = ? AND scope = ?");
            head.bindAll(sid, device.site, device.scope);
            const bool found = head.step();
            if (found) {
                page.cursor = head.integer(0);
                page.total = head.integer(1);
            }
            head.reset();
            if (!found) throw SnapshotGone("snapshot " + sid + " is not held any more");
        }
        auto& st = db.cached("SELECT n, tbl, row_id, fields, versions, user, hlc FROM hub_snapshot_row "
                             "WHERE snapshot = ? AND n > ? ORDER BY n LIMIT ?");
        st.bindAll(sid, after, static_cast<std::int64_t>(limit));
        page.next = after;
        while (st.step()) {
            page.next = st.integer(0);
            page.entries.push_back({"snapshot-" + sid, page.next, st.integer(6), st.text(1), st.text(2), "snapshot",
                                    st.text(3), st.text(5), st.text(4)});
        }
        st.reset();
        page.more = page.next < page.total;
        return page;
    }

    std::vector<store::ChangeEntry> changes(const std::string& table) override {
        auto& st = connection().cached("SELECT site, seq, hlc, tbl, row_id, op, fields, user, coalesce(base, '') "
                                       "FROM change_log WHERE tbl = ?");
        st.bind(1, table);
        std::vector<store::ChangeEntry> out;
        while (st.step())
            out.push_back({st.text(0), st.integer(1), st.integer(2), st.text(3), st.text(4), st.text(5), st.text(6),
                           st.text(7), st.text(8)});
        st.reset();
        return out;
    }

    std::vector<Conflict> conflicts(bool openOnly) override {
        SyncStore sync(connection());
        return openOnly ? sync.openConflicts() : sync.conflicts();
    }

    std::int64_t logHead() override {
        auto& st = connection().cached("SELECT coalesce(max(hub_seq), 0) FROM hub_log");
        st.step();
        const auto head = st.integer(0);
        st.reset();
        return head;
    }

    HubStats stats() override {
        auto& st = connection().cached(
            "SELECT (SELECT count(*) FROM change_log), (SELECT count(*) FROM hub_log), "
            "(SELECT count(*) FROM hub_log WHERE snapshot = 1), (SELECT count(*) FROM hub_device WHERE revoked_on IS NULL)");
        st.step();
        HubStats out{st.integer(0), st.integer(1), st.integer(2), st.integer(3)};
        st.reset();
        return out;
    }

private:
    // Every row of the device's scope now, in table order, with its field versions and its
    // last writer, kept under a new id; the device's earlier snapshots and any older than a
    // day are dropped. One write transaction: the rows and the cursor are of one moment.
    static std::string buildSnapshot(store::Database& db, const Device& device) {
        store::Transaction tx(db);
        const auto now = static_cast<std::int64_t>(store::wallClockMillis());
        db.cached("DELETE FROM hub_snapshot_row WHERE snapshot IN (SELECT id FROM hub_snapshot WHERE site = ? OR "
                  "created_at < ?)")
            .bindAll(device.site, now - 86'400'000)
            .run();
        db.cached("DELETE FROM hub_snapshot WHERE site = ? OR created_at < ?").bindAll(device.site, now - 86'400'000).run();
        auto& head = db.cached("SELECT coalesce(max(hub_seq), 0) FROM hub_log");
        head.step();
        const auto cursor = head.integer(0);
        head.reset();
        const auto sid = randomHex128();
        // A row lies in the scope, or is an account of a wider area that holds the scope.
        const auto inScope = [](const std::string& c) {
            return "(substr(" + c + ", 1, ?1) = ?2 OR (" + c + " <> '' AND substr(?2, 1, length(" + c + ")) = " + c + "))";
        };
        std::int64_t n = 0;
        SyncStore syncStore(db);
        auto& insert = db.cached("INSERT INTO hub_snapshot_row(snapshot, n, tbl, row_id, fields, versions, user, hlc) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& table : store::replicatedTables()) {
            const std::string select =
                table == "household_member"
                    ? "SELECT m.id, m.fv FROM household_member m JOIN household h ON h.id = m.household_id WHERE " +
                          inScope("h.village_code") + " ORDER BY m.id"
                    : "SELECT id, fv FROM " + table + " WHERE " + inScope(store::scopeColumn(table)) + " ORDER BY id";
            store::Statement ids(db, select);
            ids.bind(1, static_cast<std::int64_t>(device.scope.size())).bind(2, device.scope);
            while (ids.step()) {
                // A row every field of which the device wrote itself is at the device as it is.
                if (store::FieldVersions::parse(ids.text(1)).onlyBy(device.site)) continue;
                store::ChangeEntry e;
                e.table = table;
                e.rowId = ids.text(0);
                auto& last = db.cached("SELECT user, hlc FROM change_log WHERE tbl = ? AND row_id = ? "
                                       "ORDER BY hlc DESC LIMIT 1");
                last.bindAll(table, e.rowId);
                if (last.step()) {
                    e.user = last.text(0);
                    e.hlc = last.integer(1);
                }
                last.reset();
                e = snapshotOf(syncStore, std::move(e), true);
                insert.bindAll(sid, ++n, table, e.rowId, e.fields, e.base, e.user, e.hlc).run();
            }
        }
        db.cached("INSERT INTO hub_snapshot(id, site, scope, cursor, total, created_at) VALUES(?, ?, ?, ?, ?, ?)")
            .bindAll(sid, device.site, device.scope, cursor, n, now)
            .run();
        tx.commit();
        return sid;
    }

    static AuditHead headOf(store::Database& db, const std::string& site) {
        auto& st = db.cached("SELECT seq, hash FROM hub_audit WHERE site = ? ORDER BY seq DESC LIMIT 1");
        st.bind(1, site);
        AuditHead head;
        if (st.step()) head = {st.integer(0), st.text(1)};
        st.reset();
        return head;
    }

    static constexpr const char* kDeviceSelect =
        "SELECT site, name, scope, public_key, enrolled_on, coalesce(revoked_on, '') FROM hub_device";

    static std::vector<Device> readDevices(store::Statement& st) {
        std::vector<Device> out;
        while (st.step())
            out.push_back({st.text(0), st.text(1), st.text(2), crypto::unbase64(st.text(3)), st.text(4), st.text(5)});
        st.reset();
        return out;
    }

    static int sqlite3Changes(store::Database& db);

    // The village a row lies in, as the hub holds it now ("" when unknown).
    static std::string villageOf(store::Database& db, const std::string& table, const std::string& rowId) {
        return SyncStore(db).villageOf(table, rowId);
    }

    static void logEntry(store::Database& db, const std::string& site, std::int64_t seq, const std::string& scope,
                         bool snapshot = false) {
        db.cached("INSERT INTO hub_log(site, seq, scope, snapshot) VALUES(?, ?, ?, ?)")
            .bindAll(site, seq, scope, snapshot ? 1 : 0)
            .run();
    }

    // The whole row as the hub holds it now, with its field versions, in place of `e`.
    // `compact` (a starting snapshot): a null column whose value was never written (no
    // version of its own) is left out, as an insert leaves it out.
    static store::ChangeEntry snapshotOf(SyncStore& syncStore, store::ChangeEntry e, bool compact = false) {
        const auto& names = syncStore.columns(e.table);
        std::vector<std::string> columns;
        for (const auto& n : names)
            if (n != "id") columns.push_back(n);
        const auto row = syncStore.read(e.table, e.rowId, columns);
        std::string fields = "{";
        for (const auto& [column, value] : row.values) {
            if (compact && store::isNull(value) && !row.versions.has(column)) continue;
            if (fields.size() > 1) fields.push_back(',');
            appendJsonString(fields, column);
            fields.push_back(':');
            store::appendJsonValue(fields, value);
        }
        e.op = "snapshot";
        e.fields = fields + "}";
        e.base = row.versions.json();
        return e;
    }

    // Duplicates (issue 3): the same ID number registered at two sites. The earliest record
    // (UUIDv7 ids grow with time) survives; each later one gets a link to it, written as
    // the hub's own change so that every site in scope receives it. Rows stay as they are,
    // so undoing the merge (clearing the link) loses nothing.
    void mergeDuplicates(store::Database& db, const std::string& idNumber) {
        auto& st = db.cached("SELECT id, village_code FROM resident WHERE id_number = ? AND merged_into IS NULL "
                             "ORDER BY id");
        st.bind(1, idNumber);
        std::vector<std::pair<std::string, std::string>> found;
        while (st.step()) found.emplace_back(st.text(0), st.text(1));
        st.reset();
        for (std::size_t i = 1; i < found.size(); ++i) {
            db.changes().update("resident", found[i].first, {{"merged_into", found.front().first}}, "hub");
            logEntry(db, m_hubId, SyncStore(db).lastOwnSeq(), found[i].second);
        }
    }

    static std::string loginOf(store::Database& db, const std::string& accountId) {
        auto& st = db.cached("SELECT login FROM user_account WHERE id = ?");
        st.bind(1, accountId);
        auto login = st.step() ? st.text(0) : std::string();
        st.reset();
        return login;
    }

    static bool wasInScope(store::Database& db, const std::string& table, const std::string& rowId,
                           const std::string& scope) {
        auto& st = db.cached("SELECT 1 FROM change_log c JOIN hub_log h ON h.site = c.site AND h.seq = c.seq "
                             "WHERE c.tbl = ? AND c.row_id = ? AND substr(h.scope, 1, ?) = ? LIMIT 1");
        st.bind(1, table).bind(2, rowId).bind(3, static_cast<std::int64_t>(scope.size())).bind(4, scope);
        const bool found = st.step();
        st.reset();
        return found;
    }

    static void requireInScope(const Device& device, const std::string& village) {
        if (village.size() != 12 || !inScope(village, device.scope))
            throw ScopeError("village " + village + " is outside the device's scope " + device.scope, "", village);
    }

    static Placement place(store::Database& db, const Device& device, const store::ChangeEntry& e,
                           const Poco::JSON::Object& fields) {
        const RowLookup rows{[&](const std::string& table, const std::string& id) { return villageOf(db, table, id); },
                             [&](const std::string& id) { return loginOf(db, id); },
                             [&](const std::string& table, const std::string& id, const std::string& scope) {
                                 return wasInScope(db, table, id, scope);
                             }};
        return placeEntry(rows, device, e, fields);
    }

    store::Database& connection() {
        std::lock_guard lock(m_mutex);
        auto& slot = m_connections[std::this_thread::get_id()];
        if (!slot) slot = store::Database::open(m_path, m_key);
        return *slot;
    }

    std::string m_path;
    std::string m_key;
    std::string m_hubId;
    std::mutex m_mutex;
    std::unordered_map<std::thread::id, std::unique_ptr<store::Database>> m_connections;
};

}  // namespace

std::string rowText(const HubRow& row) {
    std::string out = row.id;
    for (const auto& [column, value] : row.fields) {
        out += "|" + column + "=";
        store::appendJsonValue(out, value);
    }
    return out;
}

std::vector<HubRow> rowsOf(store::Database& db, const std::string& table, const std::string& scope) {
    if (!store::isReplicatedTable(table)) throw std::logic_error("not replicated: " + table);
    SyncStore sync(db);
    std::vector<std::string> columns;
    for (const auto& c : sync.columns(table))
        if (c != "id") columns.push_back(c);
    store::Statement ids(db, "SELECT id FROM " + table + " ORDER BY id");
    std::vector<HubRow> out;
    while (ids.step()) {
        const auto id = ids.text(0);
        if (!inScope(sync.villageOf(table, id), scope)) continue;
        const auto state = sync.read(table, id, columns);
        HubRow row{id, {}, state.versions.json()};
        for (const auto& [column, value] : state.values)
            if (!store::isNull(value)) row.fields.emplace_back(column, value);
        out.push_back(std::move(row));
    }
    return out;
}

std::unique_ptr<HubStore> openSqliteHubStore(const std::string& path, const std::string& key) {
    return std::make_unique<SqliteHubStore>(path, key);
}

}  // namespace jiayi::sync
