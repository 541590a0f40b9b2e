#include "sync/SyncStore.h"

#include <algorithm>
#include <map>

#include "core/store/Database.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::sync {
namespace {

void requireReplicated(const std::string& table) {
    if (!store::isReplicatedTable(table)) throw StorageError("not a replicated table: " + table);
}

void requireColumn(const std::string& column) {
    for (const char c : column)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            throw StorageError("not a column name: " + column);
}

}  // namespace

std::int64_t SyncStore::cursor(const std::string& origin) {
    auto& st = m_db.cached("SELECT last_seq FROM sync_cursor WHERE origin = ?");
    st.bind(1, origin);
    const std::int64_t seq = st.step() ? st.integer(0) : 0;
    st.reset();
    return seq;
}

void SyncStore::setCursor(const std::string& origin, std::int64_t seq) {
    m_db.cached("INSERT INTO sync_cursor(origin, last_seq) VALUES(?, ?) "
                "ON CONFLICT(origin) DO UPDATE SET last_seq = excluded.last_seq")
        .bindAll(origin, seq)
        .run();
}

std::vector<std::pair<std::string, std::int64_t>> SyncStore::allCursors() {
    auto& st = m_db.cached("SELECT origin, last_seq FROM sync_cursor ORDER BY origin");
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.step()) out.emplace_back(st.text(0), st.integer(1));
    st.reset();
    return out;
}

void SyncStore::appendForeign(const store::ChangeEntry& e) {
    m_db.cached("INSERT INTO change_log(site, seq, hlc, tbl, row_id, op, fields, user, base) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(e.site, e.seq, e.hlc, e.table, e.rowId, e.op, e.fields, e.user)
        .bind(9, store::textOrNull(e.base))
        .run();
}

void SyncStore::park(const store::ChangeEntry& e, const std::string& reason, const std::string& detail) {
    m_db.cached("INSERT INTO parked_change(site, seq, hlc, tbl, row_id, op, fields, user, base, reason, detail, "
                "parked_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(site, seq) DO UPDATE SET reason = excluded.reason, detail = excluded.detail")
        .bindAll(e.site, e.seq, e.hlc, e.table, e.rowId, e.op, e.fields, e.user, e.base, reason, detail, timestampNow())
        .run();
}

void SyncStore::unpark(const store::ChangeEntry& e) {
    m_db.cached("DELETE FROM parked_change WHERE site = ? AND seq = ?").bindAll(e.site, e.seq).run();
}

std::vector<ParkedEntry> SyncStore::parked() {
    auto& st = m_db.cached("SELECT site, seq, hlc, tbl, row_id, op, fields, user, base, reason, detail, parked_at "
                           "FROM parked_change ORDER BY hlc, site, seq");
    std::vector<ParkedEntry> out;
    while (st.step()) {
        auto& p = out.emplace_back();
        p.entry = {st.text(0), st.integer(1), st.integer(2), st.text(3), st.text(4), st.text(5), st.text(6),
                   st.text(7), st.text(8)};
        p.reason = st.text(9);
        p.detail = st.text(10);
        p.parkedAt = st.text(11);
    }
    st.reset();
    return out;
}

std::vector<std::array<std::string, 3>> SyncStore::danglingReferences() {
    std::vector<std::array<std::string, 3>> out;
    // Only the tables that have references (Migrations.cpp); each check reads its table.
    for (const char* table : {"household", "household_member"}) {
        auto& st = m_db.cached(std::string("SELECT t.id, k.parent FROM pragma_foreign_key_check('") + table +
                               "') k JOIN " + table + " t ON t.rowid = k.rowid");
        while (st.step()) out.push_back({table, st.text(0), st.text(1)});
        st.reset();
    }
    return out;
}

void SyncStore::raiseSeen(std::int64_t hlc) {
    const auto seen = store::siteMeta(m_db, "hlc_seen");
    if (!seen || std::stoll(*seen) < hlc) store::setSiteMeta(m_db, "hlc_seen", std::to_string(hlc));
}

const std::set<std::string>& SyncStore::columns(const std::string& table) {
    requireReplicated(table);
    auto it = m_columns.find(table);
    if (it != m_columns.end()) return it->second;
    auto& st = m_db.cached("SELECT name FROM pragma_table_info(?)");
    st.bind(1, table);
    std::set<std::string> names;
    while (st.step()) names.insert(st.text(0));
    st.reset();
    names.erase("rid");  // local row number, never replicated
    names.erase("fv");
    return m_columns.emplace(table, std::move(names)).first->second;
}

std::int64_t SyncStore::lastOwnSeq() {
    auto& st = m_db.cached("SELECT coalesce(max(seq), 0) FROM change_log WHERE site = ?");
    st.bind(1, store::siteId(m_db));
    st.step();
    const auto seq = st.integer(0);
    st.reset();
    return seq;
}

RowState SyncStore::read(const std::string& table, const std::string& rowId,
                         const std::vector<std::string>& columns) {
    requireReplicated(table);
    std::string sql = "SELECT fv";
    for (const auto& c : columns) {
        requireColumn(c);
        sql += "," + c;
    }
    auto& st = m_db.cached(sql + " FROM " + table + " WHERE id = ?");
    st.bind(1, rowId);
    RowState state;
    if (st.step()) {
        state.exists = true;
        state.versions = store::FieldVersions::parse(st.text(0));
        for (std::size_t i = 0; i < columns.size(); ++i)
            state.values.emplace_back(columns[i], st.value(static_cast<int>(i + 1)));
    }
    st.reset();
    return state;
}

void SyncStore::insertRow(const std::string& table, const std::string& rowId,
                          const store::Fields& fields, const store::FieldVersions& versions) {
    requireReplicated(table);
    std::string columns = "id,fv", params = "?,?";
    for (const auto& f : fields) {
        requireColumn(f.first);
        columns += "," + f.first;
        params += ",?";
    }
    auto& st = m_db.cached("INSERT INTO " + table + "(" + columns + ") VALUES(" + params + ")");
    st.bind(1, rowId).bind(2, versions.json());
    int index = 3;
    for (const auto& f : fields) st.bind(index++, f.second);
    st.run();
}

void SyncStore::updateRow(const std::string& table, const std::string& rowId,
                          const store::Fields& fields, const store::FieldVersions& versions) {
    requireReplicated(table);
    std::string sql = "UPDATE " + table + " SET fv = ?";
    for (const auto& f : fields) {
        requireColumn(f.first);
        sql += "," + f.first + " = ?";
    }
    auto& st = m_db.cached(sql + " WHERE id = ?");
    st.bind(1, versions.json());
    int index = 2;
    for (const auto& f : fields) st.bind(index++, f.second);
    st.bind(index, rowId).run();
}

void SyncStore::recordConflict(const Conflict& c) {
    m_db.cached("INSERT INTO conflict(tbl, row_id, field, kept_value, kept_version, lost_value, "
                "lost_version, lost_user, detected_on) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(c.table, c.rowId, c.field, c.keptValue, c.keptVersion, c.lostValue,
                 c.lostVersion, c.lostUser, formatDate(today()))
        .run();
}

namespace {

constexpr const char* kConflictSelect =
    "SELECT id, tbl, row_id, field, kept_value, kept_version, lost_value, lost_version, "
    "lost_user, detected_on FROM conflict ";

Conflict readConflict(const store::Statement& st) {
    Conflict c;
    c.id = st.integer(0);
    c.table = st.text(1);
    c.rowId = st.text(2);
    c.field = st.text(3);
    c.keptValue = st.value(4);
    c.keptVersion = st.text(5);
    c.lostValue = st.value(6);
    c.lostVersion = st.text(7);
    c.lostUser = st.text(8);
    c.detectedOn = st.text(9);
    return c;
}

std::vector<Conflict> readConflicts(store::Statement& st) {
    std::vector<Conflict> out;
    while (st.step()) out.push_back(readConflict(st));
    st.reset();
    return out;
}

}  // namespace

std::vector<Conflict> SyncStore::conflicts() {
    return readConflicts(m_db.cached(std::string(kConflictSelect) + "ORDER BY id"));
}

std::vector<Conflict> SyncStore::openConflicts() {
    return readConflicts(
        m_db.cached(std::string(kConflictSelect) + "WHERE resolved_on IS NULL ORDER BY id"));
}

std::optional<Conflict> SyncStore::conflict(std::int64_t id, bool openOnly) {
    auto& st = m_db.cached(std::string(kConflictSelect) +
                           "WHERE id = ? AND (? = 0 OR resolved_on IS NULL)");
    st.bind(1, id).bind(2, openOnly ? 1 : 0);
    auto found = readConflicts(st);
    if (found.empty()) return std::nullopt;
    return found.front();
}

void SyncStore::resolveConflict(std::int64_t id, const std::string& user) {
    m_db.cached("UPDATE conflict SET resolved_on = ?, resolved_by = ? WHERE id = ?")
        .bindAll(formatDate(today()), user, id)
        .run();
}

void SyncStore::resolveMatching(const std::string& table, const std::string& rowId, const std::string& field,
                                const std::string& lostVersion, const std::string& user) {
    m_db.cached("UPDATE conflict SET resolved_on = ?, resolved_by = ? WHERE tbl = ? AND row_id = ? AND field = ? "
                "AND lost_version = ? AND resolved_on IS NULL")
        .bindAll(formatDate(today()), user, table, rowId, field, lostVersion)
        .run();
}

std::string SyncStore::villageOf(const std::string& table, const std::string& rowId) {
    if (!store::isReplicatedTable(table)) return {};
    // Every replicated table but household_member carries its row's village; an account
    // carries its area (a village, or a wider division for a township's staff).
    auto& st = m_db.cached(
        table == "household_member"
            ? std::string("SELECT h.village_code FROM household_member m JOIN household h ON h.id = m.household_id "
                          "WHERE m.id = ?")
            : "SELECT " + std::string(store::scopeColumn(table)) + " FROM " + table + " WHERE id = ?");
    st.bind(1, rowId);
    const auto village = st.step() ? st.text(0) : std::string();
    st.reset();
    return village;
}

std::vector<store::ChangeEntry> SyncStore::entriesFor(
    const std::string& except, const std::vector<std::pair<std::string, std::int64_t>>& cursors,
    std::size_t limit) {
    std::map<std::string, std::int64_t> from(cursors.begin(), cursors.end());
    // Every origin this database holds entries of: itself and those it has applied.
    std::vector<std::string> origins{store::siteId(m_db)};
    for (const auto& [origin, seq] : allCursors()) origins.push_back(origin);
    std::vector<store::ChangeEntry> out;
    for (const auto& origin : origins) {
        if (origin == except) continue;
        for (auto& e : store::changesSince(m_db, origin, from[origin], limit))
            out.push_back(std::move(e));
    }
    // Causal order: an edit of a row another site created has a later timestamp than the
    // creation (the editing site had received it). Within one origin this is seq order, so
    // the first `limit` entries are a gap-free prefix of each origin.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.hlc != b.hlc ? a.hlc < b.hlc : a.site < b.site;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace jiayi::sync
