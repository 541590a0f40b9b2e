#include "core/store/AccountRepository.h"

#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {
namespace {

// `held`: an earlier account (smaller UUIDv7 id) has the same login.
constexpr const char* kColumns =
    "SELECT id, login, display_name, role, division, password, must_change, disabled, created_at, created_by, "
    "EXISTS(SELECT 1 FROM user_account e WHERE e.login = u.login AND e.id < u.id) "
    "FROM user_account u ";

model::UserAccount read(Statement& st) {
    model::UserAccount u;
    u.id = st.text(0);
    u.login = st.text(1);
    u.displayName = st.text(2);
    u.role = rules::roleFromCode(st.text(3)).value_or(rules::Role::VillageDoctor);
    u.division = st.text(4);
    u.passwordHash = st.text(5);
    u.mustChangePassword = st.integer(6) != 0;
    u.disabled = st.integer(7) != 0;
    u.createdAt = st.text(8);
    u.createdBy = st.text(9);
    u.held = st.integer(10) != 0;
    return u;
}

std::optional<model::UserAccount> one(Statement& st) {
    std::optional<model::UserAccount> out;
    if (st.step()) out = read(st);
    st.reset();
    return out;
}

}  // namespace

std::size_t AccountRepository::count() {
    auto& st = m_db.cached("SELECT count(*) FROM user_account");
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

std::optional<model::UserAccount> AccountRepository::byLogin(const std::string& login) {
    auto& st = m_db.cached(std::string(kColumns) + "WHERE login = ? ORDER BY id LIMIT 1");
    st.bind(1, login);
    return one(st);
}

std::vector<model::UserAccount> AccountRepository::heldWithLogin(const std::string& login) {
    auto& st = m_db.cached(std::string(kColumns) + "WHERE login = ? ORDER BY id LIMIT -1 OFFSET 1");
    st.bind(1, login);
    std::vector<model::UserAccount> out;
    while (st.step()) out.push_back(read(st));
    st.reset();
    return out;
}

std::optional<model::UserAccount> AccountRepository::byId(const std::string& id) {
    auto& st = m_db.cached(std::string(kColumns) + "WHERE id = ?");
    st.bind(1, id);
    return one(st);
}

std::vector<model::UserAccount> AccountRepository::all() {
    auto& st = m_db.cached(std::string(kColumns) + "ORDER BY login, id");
    std::vector<model::UserAccount> out;
    while (st.step()) out.push_back(read(st));
    st.reset();
    return out;
}

void AccountRepository::insert(const model::UserAccount& u) {
    m_db.changes().insert("user_account", u.id,
                          {{"login", u.login},
                           {"display_name", u.displayName},
                           {"role", std::string(rules::roleCode(u.role))},
                           {"division", u.division.empty() ? areaScope(m_db) : u.division},
                           {"password", u.passwordHash},
                           {"must_change", std::int64_t{u.mustChangePassword ? 1 : 0}},
                           {"disabled", std::int64_t{u.disabled ? 1 : 0}},
                           {"created_at", u.createdAt},
                           {"created_by", u.createdBy}},
                          u.createdBy);
}

void AccountRepository::write(const std::string& id, const std::string& column, const Value& value,
                              const std::string& by) {
    m_db.changes().update("user_account", id, {{column, value}}, by);
}

void AccountRepository::setPassword(const std::string& id, const std::string& hash, bool mustChange,
                                    const std::string& by) {
    std::string writer = by;
    if (writer.empty())
        if (const auto user = byId(id)) writer = user->login;
    // One write: the hash and whether it must change merge as one decision.
    m_db.changes().update("user_account", id,
                          {{"password", hash}, {"must_change", std::int64_t{mustChange ? 1 : 0}}}, writer);
}

void AccountRepository::setDisabled(const std::string& id, bool disabled, const std::string& by) {
    write(id, "disabled", std::int64_t{disabled ? 1 : 0}, by);
}

void AccountRepository::setDisplayName(const std::string& id, const std::string& name, const std::string& by) {
    write(id, "display_name", name, by);
}

void AccountRepository::setLogin(const std::string& id, const std::string& login, const std::string& by) {
    write(id, "login", login, by);
}

std::size_t AccountRepository::writeOutAreas(const std::string& area, const std::string& by) {
    std::vector<std::string> ids;
    auto& st = m_db.cached("SELECT id FROM user_account WHERE division = '' ORDER BY id");
    while (st.step()) ids.push_back(st.text(0));
    st.reset();
    for (const auto& id : ids) write(id, "division", area, by);
    return ids.size();
}

SignInFailures AccountRepository::failures(const std::string& login) {
    auto& st = m_db.cached("SELECT failures, locked_until FROM signin_failure WHERE login = ?");
    st.bind(1, login);
    SignInFailures f;
    if (st.step()) f = {static_cast<int>(st.integer(0)), st.integer(1)};
    st.reset();
    return f;
}

void AccountRepository::setFailures(const std::string& login, const SignInFailures& f) {
    m_db.cached("INSERT INTO signin_failure(login, failures, locked_until) VALUES(?, ?, ?) "
                "ON CONFLICT(login) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until")
        .bindAll(login, f.failures, f.lockedUntilMs)
        .run();
}

void AccountRepository::clearFailures(const std::string& login) {
    m_db.cached("DELETE FROM signin_failure WHERE login = ?").bindAll(login).run();
}

void AccountRepository::insertToken(const std::string& id, const std::string& hash, const std::string& name,
                                    const std::string& userId, const std::string& createdAt) {
    m_db.cached("INSERT INTO api_token(id, hash, name, user_id, created_at) VALUES(?, ?, ?, ?, ?)")
        .bindAll(id, hash, name, userId, createdAt)
        .run();
}

std::optional<std::string> AccountRepository::tokenUser(const std::string& hash) {
    auto& st = m_db.cached("SELECT user_id FROM api_token WHERE hash = ? AND revoked_at IS NULL");
    st.bind(1, hash);
    std::optional<std::string> out;
    if (st.step()) out = st.text(0);
    st.reset();
    return out;
}

std::vector<std::string> AccountRepository::activeTokenHashes(const std::string& name) {
    auto& st = m_db.cached("SELECT hash FROM api_token WHERE name = ? AND revoked_at IS NULL");
    st.bind(1, name);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    st.reset();
    return out;
}

bool AccountRepository::revokeToken(const std::string& name, const std::string& at) {
    m_db.cached("UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL").bindAll(at, name).run();
    return m_db.rowsChanged() > 0;
}

}  // namespace jiayi::store
