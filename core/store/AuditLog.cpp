#include "core/store/AuditLog.h"

#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Date.h"
#include "core/util/Password.h"

namespace jiayi::store {

AuditEntry readAuditEntry(Statement& st) {
    AuditEntry e;
    e.seq = st.integer(0);
    e.at = st.text(1);
    e.site = st.text(2);
    e.user = st.text(3);
    e.role = st.text(4);
    e.action = st.text(5);
    e.table = st.text(6);
    e.rowId = st.text(7);
    e.residentId = st.text(8);
    e.detail = st.text(9);
    e.prev = st.text(10);
    e.hash = st.text(11);
    e.changeSeq = st.integer(12);
    e.changeFields = st.text(13);
    return e;
}

namespace {

// Each entry with the change-log fields it names (the values after).
constexpr const char* kSelect =
    "SELECT a.seq, a.at, a.site, a.user, a.role, a.action, a.tbl, a.row_id, a.resident_id, a.detail, a.prev, a.hash, "
    "a.change_seq, coalesce(c.fields, '') FROM audit_log a LEFT JOIN change_log c ON a.change_seq > 0 AND "
    "c.site = a.site AND c.seq = a.change_seq ";

}  // namespace

std::string AuditLog::hashOf(const AuditEntry& e) {
    // Fields separated by a byte no field holds (text fields refuse control characters).
    const char sep = '\x1f';
    std::string text = e.prev;
    for (const auto* field : {&e.at, &e.site, &e.user, &e.role, &e.action, &e.table, &e.rowId, &e.residentId,
                              &e.detail}) {
        text += sep;
        text += *field;
    }
    text += sep + std::to_string(e.seq);
    text += sep + std::to_string(e.changeSeq);
    text += sep + e.changeFields;
    return password::sha256Hex(text);
}

void AuditLog::append(const std::string& user, const std::string& action, const std::string& table,
                      const std::string& rowId, const std::string& residentId, const std::string& detail,
                      std::int64_t changeSeq, const std::string& changeFields) {
    // The last entry, the site and the roles are read once per transaction.
    auto& cursor = m_db.auditCursor();
    if (cursor.transaction != m_db.transactionSerial() || !m_db.inTransaction()) {
        cursor = {};
        cursor.transaction = m_db.transactionSerial();
        auto& last = m_db.cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            cursor.seq = last.integer(0);
            cursor.prev = last.text(1);
        }
        last.reset();
        cursor.site = siteMeta(m_db, "site_id").value_or("");
    }
    auto role = cursor.roles.find(user);
    if (role == cursor.roles.end()) {
        auto& st = m_db.cached("SELECT role FROM user_account WHERE login = ? ORDER BY id LIMIT 1");
        st.bind(1, user);
        role = cursor.roles.emplace(user, st.step() ? st.text(0) : std::string()).first;
        st.reset();
    }
    AuditEntry e;
    e.seq = cursor.seq + 1;
    e.prev = cursor.prev;
    e.role = role->second;
    e.at = timestampNow();
    e.site = cursor.site;
    e.user = user;
    e.action = action;
    e.table = table;
    e.rowId = rowId;
    e.residentId = residentId;
    e.detail = detail;
    e.changeSeq = changeSeq;
    e.changeFields = changeFields;
    e.hash = hashOf(e);
    m_db.cached("INSERT INTO audit_log(seq, at, site, user, role, action, tbl, row_id, resident_id, detail, prev, "
                "hash, change_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(e.seq, e.at, e.site, e.user, e.role, e.action, e.table, e.rowId, e.residentId, e.detail, e.prev,
                 e.hash, e.changeSeq)
        .run();
    cursor.seq = e.seq;
    cursor.prev = e.hash;
}

std::optional<AuditBreak> AuditLog::link(const AuditEntry& e, std::int64_t expected, const std::string& prev) {
    if (e.seq != expected) return AuditBreak{expected, e.seq > expected ? "missing" : "out of order"};
    if (e.prev != prev) return AuditBreak{e.seq, "does not follow the entry before"};
    if (hashOf(e) != e.hash) return AuditBreak{e.seq, "changed"};
    return std::nullopt;
}

std::optional<AuditBreak> AuditLog::verifyChain(const std::vector<AuditEntry>& entries, std::int64_t lastSeq,
                                                const std::string& lastHash) {
    std::string prev = lastHash;
    std::int64_t expected = lastSeq + 1;
    for (const auto& e : entries) {
        if (auto broken = link(e, expected, prev)) return broken;
        prev = e.hash;
        ++expected;
    }
    return std::nullopt;
}

std::optional<AuditBreak> AuditLog::verify(std::size_t* checked) {
    auto& st = m_db.cached(std::string(kSelect) + "ORDER BY a.seq");
    std::int64_t expected = 1;
    std::string prev;
    std::size_t n = 0;
    std::optional<AuditBreak> broken;
    while (st.step()) {
        const auto e = readAuditEntry(st);
        ++n;
        if ((broken = link(e, expected, prev))) break;
        prev = e.hash;
        ++expected;
    }
    st.reset();
    if (checked) *checked = n;
    return broken;
}

std::vector<AuditEntry> AuditLog::after(std::int64_t seq, std::size_t limit) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE a.seq > ? ORDER BY a.seq LIMIT ?");
    st.bind(1, seq).bind(2, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back(readAuditEntry(st));
    st.reset();
    return out;
}

std::int64_t AuditLog::lastSeq() {
    auto& st = m_db.cached("SELECT coalesce(max(seq), 0) FROM audit_log");
    st.step();
    const auto n = st.integer(0);
    st.reset();
    return n;
}

std::vector<AuditEntry> AuditLog::ofResident(const std::string& residentId) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE a.resident_id = ? ORDER BY a.seq");
    st.bind(1, residentId);
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back(readAuditEntry(st));
    st.reset();
    return out;
}

std::size_t AuditLog::count() {
    auto& st = m_db.cached("SELECT count(*) FROM audit_log");
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

}  // namespace jiayi::store
