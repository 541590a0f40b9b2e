#include "core/store/AuditLog.h"

#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Date.h"
#include "core/util/Password.h"

namespace jiayi::store {
namespace {

AuditEntry read(Statement& st) {
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
    return e;
}

constexpr const char* kSelect =
    "SELECT seq, at, site, user, role, action, tbl, row_id, resident_id, detail, prev, hash FROM audit_log ";

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
    return password::sha256Hex(text);
}

void AuditLog::append(const std::string& user, const std::string& action, const std::string& table,
                      const std::string& rowId, const std::string& residentId, const std::string& detail) {
    AuditEntry e;
    auto& last = m_db.cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
        e.seq = last.integer(0) + 1;
        e.prev = last.text(1);
    } else {
        e.seq = 1;
    }
    last.reset();
    auto& role = m_db.cached("SELECT role FROM user_account WHERE login = ?");
    role.bind(1, user);
    if (role.step()) e.role = role.text(0);
    role.reset();
    e.at = timestampNow();
    e.site = siteMeta(m_db, "site_id").value_or("");
    e.user = user;
    e.action = action;
    e.table = table;
    e.rowId = rowId;
    e.residentId = residentId;
    e.detail = detail;
    e.hash = hashOf(e);
    m_db.cached("INSERT INTO audit_log(seq, at, site, user, role, action, tbl, row_id, resident_id, detail, prev, "
                "hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(e.seq, e.at, e.site, e.user, e.role, e.action, e.table, e.rowId, e.residentId, e.detail, e.prev,
                 e.hash)
        .run();
}

std::optional<AuditBreak> AuditLog::verify(std::size_t* checked) {
    // In file order (rowid), not by seq: an entry moved in the file shows where it sits.
    auto& st = m_db.cached(std::string(kSelect) + "ORDER BY rowid");
    std::int64_t expected = 1;
    std::string prev;
    std::size_t n = 0;
    std::optional<AuditBreak> broken;
    while (st.step()) {
        const auto e = read(st);
        ++n;
        if (e.seq != expected)
            broken = AuditBreak{expected, e.seq > expected ? "missing" : "out of order"};
        else if (e.prev != prev)
            broken = AuditBreak{e.seq, "does not follow the entry before"};
        else if (hashOf(e) != e.hash)
            broken = AuditBreak{e.seq, "changed"};
        if (broken) break;
        prev = e.hash;
        ++expected;
    }
    st.reset();
    if (checked) *checked = n;
    return broken;
}

std::vector<AuditEntry> AuditLog::ofResident(const std::string& residentId) {
    auto& st = m_db.cached(std::string(kSelect) + "WHERE resident_id = ? ORDER BY seq");
    st.bind(1, residentId);
    std::vector<AuditEntry> out;
    while (st.step()) out.push_back(read(st));
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
