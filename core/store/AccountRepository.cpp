#include "core/store/AccountRepository.h"

#include "core/store/Database.h"

namespace jiayi::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, login, display_name, role, division, password, must_change, disabled, created_at, created_by "
    "FROM user_account ";

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
    auto& st = m_db.cached(std::string(kColumns) + "WHERE login = ?");
    st.bind(1, login);
    return one(st);
}

std::optional<model::UserAccount> AccountRepository::byId(const std::string& id) {
    auto& st = m_db.cached(std::string(kColumns) + "WHERE id = ?");
    st.bind(1, id);
    return one(st);
}

std::vector<model::UserAccount> AccountRepository::all() {
    auto& st = m_db.cached(std::string(kColumns) + "ORDER BY login");
    std::vector<model::UserAccount> out;
    while (st.step()) out.push_back(read(st));
    st.reset();
    return out;
}

void AccountRepository::insert(const model::UserAccount& u) {
    m_db.cached("INSERT INTO user_account(id, login, display_name, role, division, password, must_change, disabled, "
                "created_at, created_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(u.id, u.login, u.displayName, std::string(rules::roleCode(u.role)), u.division, u.passwordHash,
                 u.mustChangePassword ? 1 : 0, u.disabled ? 1 : 0, u.createdAt, u.createdBy)
        .run();
}

void AccountRepository::setPassword(const std::string& id, const std::string& hash, bool mustChange) {
    m_db.cached("UPDATE user_account SET password = ?, must_change = ? WHERE id = ?")
        .bindAll(hash, mustChange ? 1 : 0, id)
        .run();
}

void AccountRepository::setDisabled(const std::string& id, bool disabled) {
    m_db.cached("UPDATE user_account SET disabled = ? WHERE id = ?").bindAll(disabled ? 1 : 0, id).run();
}

void AccountRepository::setDisplayName(const std::string& id, const std::string& name) {
    m_db.cached("UPDATE user_account SET display_name = ? WHERE id = ?").bindAll(name, id).run();
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
