#include "core/store/Site.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/rules/Divisions.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/FieldVersions.h"
#include "core/util/Error.h"
#include "core/util/Json.h"
#include "core/util/Uuid.h"

namespace jiayi::store {

std::uint64_t wallClockMillis() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

void initSiteIdentity(Database& db) {
    if (!siteMeta(db, "site_id")) setSiteMeta(db, "site_id", randomHex128());
}

std::optional<std::string> siteMeta(Database& db, std::string_view key) {
    auto& st = db.cached("SELECT value FROM site_meta WHERE key = ?");
    st.bind(1, key);
    std::optional<std::string> value;
    if (st.step()) value = st.text(0);
    st.reset();
    return value;
}

void setSiteMeta(Database& db, std::string_view key, std::string_view value) {
    auto& st = db.cached(
        "INSERT INTO site_meta(key, value) VALUES(?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::string siteId(Database& db) {
    auto id = siteMeta(db, "site_id");
    if (!id) throw StorageError("database has no site id (not initialised)");
    return *id;
}

const std::vector<StateMachineColumns>& stateMachines(std::string_view table) {
    // The states of each machine, least far along first ("" and unknown states rank 0).
    static const std::vector<StateMachineColumns> resident{
        {"status", "status_epoch", {"status_date", "status_reason"}, {"active", "lost", "moved", "dead"}}};
    // chronic.md, "All programmes": closing (died, moved, lost, cured) ends a programme;
    // enrolling again raises the epoch.
    static const std::vector<StateMachineColumns> enrolment{
        {"status", "status_epoch", {"closed_on", "close_reason", "close_note"}, {"active", "closed"}}};
    // referrals.md, "States": a receiver's answer beats a concurrent cancel, and an acceptance
    // a concurrent refusal (the patient is there); each side's note is a column of its own,
    // so both stay.
    static const std::vector<StateMachineColumns> referral{
        {"state", "state_epoch", {}, {"draft", "sent", "cancelled", "refused", "accepted", "returned", "closed"}}};
    // contracts.md "Status": pending → signed → renewed | terminated | expired. A
    // termination's date, reason and author merge with it. (Expired is never written: it is
    // read from the end date.)
    static const std::vector<StateMachineColumns> contract{
        {"state", "state_epoch", {"ended_on", "end_reason", "end_note", "ended_by"},
         {"pending", "signed", "renewed", "expired", "terminated"}}};
    // quality.md "Review workflow": a case only moves forward; a verification, a send-back, the
    // author's correction and the closing each keep their own columns.
    static const std::vector<StateMachineColumns> review{
        {"state", "state_epoch", {}, {"open", "verified", "sent_back", "corrected", "closed"}}};
    // groups.md "Maternal care": a delivery or an ended pregnancy is never undone by a site
    // that had not heard of it; each keeps its own columns.
    static const std::vector<StateMachineColumns> pregnancy{
        {"state", "state_epoch", {}, {"pregnant", "ended", "delivered"}}};
    static const std::vector<StateMachineColumns> none;
    if (table == "resident") return resident;
    if (table == "programme_enrolment") return enrolment;
    if (table == "referral") return referral;
    if (table == "contract") return contract;
    if (table == "review_case") return review;
    if (table == "pregnancy") return pregnancy;
    return none;
}

int StateMachineColumns::rank(std::string_view value) const {
    for (std::size_t i = 0; i < order.size(); ++i)
        if (value == order[i]) return static_cast<int>(i);
    return 0;
}

std::string clinicName(Database& db) {
    if (auto name = siteMeta(db, "clinic.name"); name && !name->empty()) return *name;
    return siteMeta(db, "sync.name").value_or("");
}

void setClinicName(Database& db, std::string_view name) { setSiteMeta(db, "clinic.name", name); }

std::string displayName(Database& db, const std::string& login) {
    // A user's account names them (issue 16); before accounts, the clinic settings did. Of
    // two accounts with one login (made offline at two sites) the earlier holds it.
    auto& st = db.cached("SELECT display_name FROM user_account WHERE login = ? ORDER BY id LIMIT 1");
    st.bind(1, login);
    std::string account = st.step() ? st.text(0) : std::string();
    st.reset();
    if (!account.empty()) return account;
    if (auto name = siteMeta(db, "user_name." + login); name && !name->empty()) return *name;
    return login;
}

void setDisplayName(Database& db, const std::string& login, std::string_view name) {
    auto& st = db.cached("SELECT id FROM user_account WHERE login = ? ORDER BY id LIMIT 1");
    st.bind(1, login);
    const auto id = st.step() ? st.text(0) : std::string();
    st.reset();
    if (id.empty()) {
        setSiteMeta(db, "user_name." + login, name);
        return;
    }
    // Accounts replicate: the new name is a change like any other, written by the user.
    std::optional<Transaction> tx;
    if (!db.inTransaction()) tx.emplace(db);
    db.changes().update("user_account", id, {{"display_name", std::string(name)}}, login);
    if (tx) tx->commit();
}

std::string siteScope(Database& db) { return rules::divisionPrefix(siteMeta(db, kSiteScopeKey).value_or("")); }

std::string areaScope(Database& db) {
    // Databases written before scopes were kept as prefixes hold the 12-digit code.
    if (auto enrolled = siteScope(db); !enrolled.empty()) return enrolled;
    return rules::divisionPrefix(siteMeta(db, "scope").value_or(""));
}

namespace {

struct ReplicatedTable {
    const char* name;
    int sinceSchema;
};
const ReplicatedTable kReplicatedTables[] = {
    {"resident", 1},           {"household", 1},         {"household_member", 1},
    {"conflict_resolution", 7}, {"programme_enrolment", 8}, {"follow_up", 8},
    {"health_check", 8},       {"referral", 8},          {"bp_screening", 9},
    {"user_account", 14},      {"care_team", 15},        {"care_team_member", 15},
    {"package_edition", 15},   {"contract", 15},         {"service_entry", 15},
    {"priority_tag", 15},      {"population", 16},       {"review_case", 16},
    {"vaccination", 19},       {"child_visit", 20},      {"pregnancy", 21},
    {"maternal_visit", 21},
};

}  // namespace

std::vector<std::string> replicatedTables() {
    std::vector<std::string> out;
    for (const auto& t : kReplicatedTables) out.emplace_back(t.name);
    return out;
}

bool isReplicatedTable(std::string_view table) {
    for (const auto& t : kReplicatedTables)
        if (table == t.name) return true;
    return false;
}

const char* scopeColumn(std::string_view table) {
    // Rows of a wider area than a village: accounts, and a township's teams and packages.
    for (const char* wide : {"user_account", "care_team", "care_team_member", "package_edition"})
        if (table == wide) return "division";
    return "village_code";
}

int tableSinceSchema(std::string_view table) {
    for (const auto& t : kReplicatedTables)
        if (table == t.name) return t.sinceSchema;
    return 1;
}

namespace {

void requireIdentifier(std::string_view name) {
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            throw std::logic_error("not an SQL identifier: " + std::string(name));
    }
}

}  // namespace

void appendJsonValue(std::string& out, const Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) {
        out += std::to_string(std::get<std::int64_t>(v));
    } else if (std::holds_alternative<double>(v)) {
        // Shortest text that reads back as the same double (24.2, not 24.199999999999999).
        char buf[32];
        const auto end = std::to_chars(buf, buf + sizeof buf, std::get<double>(v)).ptr;
        out.append(buf, end);
    } else if (std::holds_alternative<std::string>(v)) {
        appendJsonString(out, std::get<std::string>(v));
    } else {
        out += "null";
    }
}

namespace {

// An insert leaves out NULL columns (absent = NULL), which halves a typical entry; an
// update keeps them, since setting a field to NULL is a change.
std::string fieldsJson(const Fields& fields, bool skipNulls) {
    std::string out = "{";
    for (const auto& [column, value] : fields) {
        if (skipNulls && isNull(value)) continue;
        if (out.size() > 1) out.push_back(',');
        appendJsonString(out, column);
        out.push_back(':');
        appendJsonValue(out, value);
    }
    out.push_back('}');
    return out;
}

// The resident a written row belongs to, for the audit trail's per-resident history.
std::string residentOfRow(Database& db, std::string_view table, const std::string& rowId, const Fields& fields) {
    if (table == "resident") return rowId;
    for (const auto& [column, value] : fields)
        if (column == "resident_id" && std::holds_alternative<std::string>(value)) return std::get<std::string>(value);
    static const std::string_view kWithResident[] = {"programme_enrolment", "follow_up", "health_check",
                                                     "bp_screening", "referral", "household_member",
                                                     "contract", "service_entry", "priority_tag",
                                                     "review_case", "vaccination", "child_visit",
                                                     "pregnancy", "maternal_visit"};
    if (std::find(std::begin(kWithResident), std::end(kWithResident), table) == std::end(kWithResident)) return {};
    auto& st = db.cached("SELECT resident_id FROM " + std::string(table) + " WHERE id = ?");
    st.bind(1, rowId);
    std::string out = st.step() ? st.text(0) : std::string();
    st.reset();
    return out;
}

}  // namespace

ChangeCapture::ChangeCapture(Database& db)
    : m_db(db), m_site(store::siteId(db)), m_wallClock(&wallClockMillis) {}

void ChangeCapture::loadState() {
    // The last entry of this site gives both the last seq and the last local timestamp;
    // hlc_seen holds the latest timestamp received from other sites.
    auto& st = m_db.cached(
        "SELECT seq, hlc FROM change_log WHERE site = ? ORDER BY seq DESC LIMIT 1");
    st.bind(1, m_site);
    m_lastSeq = 0;
    m_lastHlc = Hlc{};
    if (st.step()) {
        m_lastSeq = st.integer(0);
        m_lastHlc = Hlc::unpack(st.integer(1));
    }
    st.reset();
    if (auto seen = siteMeta(m_db, "hlc_seen")) {
        const Hlc remote = Hlc::unpack(std::stoll(*seen));
        if (remote.pack() > m_lastHlc.pack()) m_lastHlc = remote;
    }
    m_loadedFor = m_db.transactionSerial();
}

Hlc ChangeCapture::nextHlc() {
    if (!m_db.inTransaction())
        throw std::logic_error("replicated writes must run inside a transaction");
    if (m_loadedFor != m_db.transactionSerial()) loadState();
    // Taken at once: a write that fails after this only skips a timestamp, never reuses one.
    m_lastHlc = Hlc::next(m_lastHlc, m_wallClock());
    return m_lastHlc;
}

std::string ChangeCapture::append(std::string_view table, const std::string& rowId, const char* op,
                                  const Fields& fields, const std::string& user, Hlc hlc,
                                  const std::string& base) {
    auto text = fieldsJson(fields, std::string_view(op) == "insert");
    auto& st = m_db.cached(
        "INSERT INTO change_log(site, seq, hlc, tbl, row_id, op, fields, user, base) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, m_site)
        .bind(2, m_lastSeq + 1)
        .bind(3, hlc.pack())
        .bind(4, table)
        .bind(5, rowId)
        .bind(6, std::string_view(op))
        .bind(7, text)
        .bind(8, user)
        .bind(9, textOrNull(base))
        .run();
    ++m_lastSeq;
    return text;
}

std::int64_t ChangeCapture::insert(std::string_view table, const std::string& rowId,
                           const Fields& fields, const std::string& user) {
    if (!isReplicatedTable(table)) throw std::logic_error("not replicated: " + std::string(table));
    const Hlc hlc = nextHlc();
    std::string sql = "INSERT INTO " + std::string(table) + "(id,fv";
    std::string params = "?,?";
    for (const auto& [column, value] : fields) {
        requireIdentifier(column);
        sql += "," + column;
        params += ",?";
    }
    sql += ") VALUES(" + params + ")";
    auto& st = m_db.cached(sql);
    st.bind(1, rowId).bind(2, FieldVersions::inserted(versionString(hlc.pack(), m_site)).json());
    int index = 3;
    for (const auto& field : fields) st.bind(index++, field.second);
    st.run();
    const std::int64_t localRow = m_db.lastInsertRowid();
    const auto logged = append(table, rowId, "insert", fields, user, hlc, {});
    // The values after are the change log's entry, which the audit entry names and hashes.
    if (m_db.auditTrail())
        AuditLog(m_db).append(user, "insert", std::string(table), rowId, residentOfRow(m_db, table, rowId, fields),
                              "{}", m_lastSeq, logged);
    return localRow;
}

Fields ChangeCapture::update(std::string_view table, const std::string& rowId,
                             const Fields& fields, const std::string& user) {
    if (!isReplicatedTable(table)) throw std::logic_error("not replicated: " + std::string(table));
    std::string select = "SELECT ";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        requireIdentifier(fields[i].first);
        select += (i ? "," : "") + fields[i].first;
    }
    select += std::string(fields.empty() ? "" : ",") + "fv FROM " + std::string(table) +
              " WHERE id = ?";
    auto& current = m_db.cached(select);
    current.bind(1, rowId);
    if (!current.step()) {
        current.reset();
        throw NotFoundError(std::string(table) + " " + rowId + " does not exist");
    }
    Fields changed, before;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto old = current.value(static_cast<int>(i));
        if (old != fields[i].second) {
            changed.push_back(fields[i]);
            before.emplace_back(fields[i].first, std::move(old));
        }
    }
    auto versions = FieldVersions::parse(current.text(static_cast<int>(fields.size())));
    current.reset();
    if (changed.empty()) return changed;
    // A state's epoch travels with every change of the state, even unchanged, so that a
    // receiver can rank the write (docs/sync-design.md, "State machines").
    for (const auto& machine : stateMachines(table)) {
        const char* state = machine.state;
        const char* epoch = machine.epoch;
        const auto has = [&](const char* name) {
            return std::any_of(changed.begin(), changed.end(), [&](const auto& f) { return f.first == name; });
        };
        if (has(state) && !has(epoch))
            for (const auto& f : fields)
                if (f.first == epoch) changed.push_back(f);
    }

    // Each changed field records the version it replaced (for conflict detection) and
    // takes this write's version.
    const Hlc hlc = nextHlc();
    const auto version = versionString(hlc.pack(), m_site);
    std::string base = "{";
    for (const auto& [column, value] : changed) {
        if (base.size() > 1) base.push_back(',');
        appendJsonString(base, column);
        base.push_back(':');
        appendJsonString(base, versions.of(column));
        versions.set(column, version);
    }
    base.push_back('}');

    std::string sql = "UPDATE " + std::string(table) + " SET ";
    for (std::size_t i = 0; i < changed.size(); ++i) sql += (i ? "," : "") + changed[i].first + "=?";
    sql += ",fv=? WHERE id = ?";
    auto& st = m_db.cached(sql);
    int index = 1;
    for (const auto& field : changed) st.bind(index++, field.second);
    st.bind(index++, versions.json());
    st.bind(index, rowId).run();
    const auto logged = append(table, rowId, "update", changed, user, hlc, base);
    if (m_db.auditTrail())
        AuditLog(m_db).append(user, "update", std::string(table), rowId, residentOfRow(m_db, table, rowId, changed),
                              "{\"before\":" + fieldsJson(before, false) + "}", m_lastSeq, logged);
    return changed;
}

void ChangeCapture::adopt(std::string_view table, const std::string& rowId, const std::string& user) {
    if (!isReplicatedTable(table)) throw std::logic_error("not replicated: " + std::string(table));
    auto& st = m_db.cached("SELECT * FROM " + std::string(table) + " WHERE id = ?");
    st.bind(1, rowId);
    if (!st.step()) {
        st.reset();
        throw NotFoundError(std::string(table) + " " + rowId + " does not exist");
    }
    Fields fields;
    for (int i = 0; i < st.columnCount(); ++i) {
        const auto column = st.columnName(i);
        if (column != "id" && column != "fv" && column != "rid") fields.emplace_back(column, st.value(i));
    }
    st.reset();
    const Hlc hlc = nextHlc();
    m_db.cached("UPDATE " + std::string(table) + " SET fv = ? WHERE id = ?")
        .bindAll(FieldVersions::inserted(versionString(hlc.pack(), m_site)).json(), rowId)
        .run();
    const auto logged = append(table, rowId, "insert", fields, user, hlc, {});
    if (m_db.auditTrail())
        AuditLog(m_db).append(user, "insert", std::string(table), rowId, residentOfRow(m_db, table, rowId, fields),
                              "{}", m_lastSeq, logged);
}

std::vector<ChangeEntry> changesSince(Database& db, const std::string& site, std::int64_t afterSeq,
                                      std::size_t limit) {
    auto& st = db.cached(
        "SELECT site, seq, hlc, tbl, row_id, op, fields, user, coalesce(base, '') FROM change_log "
        "WHERE site = ? AND seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, site).bind(2, afterSeq).bind(3, static_cast<std::int64_t>(limit));
    std::vector<ChangeEntry> out;
    while (st.step()) {
        out.push_back({st.text(0), st.integer(1), st.integer(2), st.text(3), st.text(4), st.text(5),
                       st.text(6), st.text(7), st.text(8)});
    }
    st.reset();
    return out;
}

}  // namespace jiayi::store
