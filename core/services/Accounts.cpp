#include "core/services/Accounts.h"

#include <algorithm>
#include <chrono>

#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/store/AccountRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/Site.h"
#include "core/services/Guard.h"
#include "core/util/Date.h"
#include "core/util/I18n.h"
#include "core/util/Password.h"
#include "core/util/Utf8.h"
#include "core/util/Uuid.h"

namespace jiayi::services {
namespace {

std::optional<std::string> loginFormatProblem(const std::string& login) {
    if (login.empty()) return tr("Required");
    const bool plain = std::all_of(login.begin(), login.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!plain || login.size() > 32) return tr("A login is 1 to 32 lower-case letters, digits, '.', '_' or '-'");
    return std::nullopt;
}

std::optional<std::string> loginProblem(store::AccountRepository& repo, const std::string& login) {
    if (auto problem = loginFormatProblem(login)) return problem;
    if (repo.byLogin(login)) return format(tr("The login {0} is already taken"), {login});
    return std::nullopt;
}

// Accounts replicate (docs/security.md): an administrator manages those of the site's area
// and of their own; one of a wider area that reached this site (a township doctor's at a
// village clinic) is managed where it belongs, and a village's administrator signed in at
// the township manages their village's only.
void requireManagedHere(store::Database& db, const Session& admin, const model::UserAccount& user) {
    const auto area = store::areaScope(db);
    if (!area.empty() && !user.division.empty() && user.division.compare(0, area.size(), area) != 0)
        throw PermissionError(format(tr("The account {0} belongs to the area {1}: its administrator there manages it"),
                                     {user.login, user.division}));
    admin.requireArea(user.division);
}

// An account that two sites gave the same login offline, the later one (docs/decisions.md).
SignInError heldAccount(const std::string& login) {
    return SignInError(SignInError::Why::Held,
                       format(tr("The login {0} was also given at another site, earlier: this account cannot sign in "
                                 "until an administrator gives it a new login"),
                              {login}));
}

}  // namespace

void Session::require(rules::Right right) const {
    if (!can(right))
        throw PermissionError(format(tr("{0} ({1}) may not {2}"),
                                     {displayName.empty() ? login : displayName, rules::roleName(role),
                                      rules::rightName(right)}));
}

bool Session::covers(const std::string& villageCode) const {
    return division.empty() || villageCode.compare(0, division.size(), division) == 0;
}

void Session::requireArea(const std::string& villageCode) const {
    if (!covers(villageCode))
        throw PermissionError(format(tr("{0} works in {1}: this record of {2} is outside their area"),
                                     {displayName.empty() ? login : displayName, division, villageCode}));
}

Session Session::bootstrap(const std::string& login) {
    Session s;
    s.login = login;
    s.displayName = login;
    s.role = rules::Role::TownshipDoctor;
    return s;
}

Accounts::Accounts(store::Database& db, std::function<std::int64_t()> clock) : m_db(db), m_clock(std::move(clock)) {
    if (!m_clock)
        m_clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
}

std::optional<store::KeyRing> Accounts::keyRing() {
    if (m_db.key().empty()) return std::nullopt;
    return store::KeyRing(m_db.path());
}

std::string Accounts::temporaryPassword() {
    const auto t = password::randomToken();
    return t.substr(0, 4) + "-" + t.substr(4, 4) + "-" + t.substr(8, 4);
}

std::int64_t Accounts::lockMs(int failures) {
    if (failures < kFailuresBeforeLock) return 0;
    const int doublings = std::min(failures - kFailuresBeforeLock, 20);
    return std::min(kFirstLockMs << doublings, kLongestLockMs);
}

bool Accounts::any() { return store::AccountRepository(m_db).count() > 0; }

std::optional<std::string> Accounts::passwordProblem(const std::string& login, const std::string& password) {
    if (utf8::length(password) < 8) return tr("A password has at least 8 characters");
    if (password == login) return tr("The password must not be the login");
    if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); }))
        return tr("The password must not be one character repeated");
    return std::nullopt;
}

std::vector<FieldError> Accounts::check(const NewUser& u) {
    rules::Checker check(today());
    if (const auto problem = loginFormatProblem(u.login)) check.add("login", *problem);
    if (rules::trimmed(u.displayName).empty()) check.add("display_name", tr("Required"));
    check.length("display_name", u.displayName, 40);
    if (!rules::roleFromCode(u.role))
        check.add("role", format(tr("\"{0}\" is not a role (village_doctor, township_doctor, nurse, public_health, "
                                    "supervisor, administrator)"),
                                 {u.role}));
    if (!u.division.empty() && rules::divisionPrefix(u.division).empty())
        check.add("division", format(tr("{0} is not a division code"), {u.division}));
    if (const auto problem = passwordProblem(u.login, u.password)) check.add("password", *problem);
    return check.take();
}

std::vector<FieldError> Accounts::validate(const NewUser& u) {
    auto errors = check(u);
    auto has = [&](const char* field) {
        return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
    };
    store::AccountRepository repo(m_db);
    if (!has("login") && repo.byLogin(u.login))
        errors.insert(errors.begin(), {"login", format(tr("The login {0} is already taken"), {u.login})});
    const auto area = store::areaScope(m_db);
    if (!has("division") && !u.division.empty() && !area.empty() &&
        rules::divisionPrefix(u.division).compare(0, area.size(), area) != 0)
        errors.push_back({"division", format(tr("{0} lies outside this site's area {1}"), {u.division, area})});
    return errors;
}

model::UserAccount Accounts::store(const NewUser& u, const std::string& createdBy) {
    model::UserAccount user;
    user.id = newUuidV7();
    user.login = u.login;
    user.displayName = rules::trimmed(u.displayName);
    user.role = *rules::roleFromCode(u.role);
    user.division = rules::divisionPrefix(u.division);
    user.passwordHash = password::hash(u.password);
    user.createdAt = timestampNow();
    user.createdBy = createdBy;
    return user;
}

Session Accounts::sessionOf(const model::UserAccount& u) const {
    return {u.id, u.login, u.displayName, u.role, u.division, u.mustChangePassword};
}

Session Accounts::createFirstAdministrator(const NewUser& given) {
    NewUser u = given;
    u.role = std::string(rules::roleCode(rules::Role::Administrator));
    if (auto errors = validate(u); !errors.empty()) throw ValidationError(std::move(errors));
    auto user = store(u, u.login);
    store::Transaction tx(m_db);
    if (store::AccountRepository(m_db).count() > 0)
        throw ConflictError(tr("This workstation already has an administrator: sign in"));
    store::AccountRepository(m_db).insert(user);
    if (auto ring = keyRing()) ring->setPassword(m_db.key(), user.id, u.login, u.password);
    tx.commit();
    return sessionOf(user);
}

void Accounts::refuse(const std::string& login) {
    // Every failure counts, for unknown logins too (so a guess learns nothing); from the
    // fifth the login is locked, 30 s and twice as long after each further failure.
    store::Transaction tx(m_db);
    store::AccountRepository repo(m_db);
    auto f = repo.failures(login);
    ++f.failures;
    if (f.failures >= kFailuresBeforeLock) f.lockedUntilMs = m_clock() + lockMs(f.failures);
    repo.setFailures(login, f);
    tx.commit();
    throw failure(f.failures, f.lockedUntilMs - m_clock());
}

SignInError Accounts::failure(int failures, std::int64_t lockedForMs) {
    if (failures >= kFailuresBeforeLock) {
        const auto seconds = (lockedForMs + 999) / 1000;
        return SignInError(SignInError::Why::Locked,
                           format(tr("Wrong login or password. After {0} failures the login is locked for {1} s."),
                                  {std::to_string(failures), std::to_string(seconds)}),
                           seconds);
    }
    return SignInError(SignInError::Why::Wrong, tr("Wrong login or password"));
}

SignInError Accounts::locked(std::int64_t lockedForMs) {
    const auto seconds = (lockedForMs + 999) / 1000;
    return SignInError(SignInError::Why::Locked,
                       format(tr("Too many wrong passwords: try again in {0} s, or ask the administrator"),
                              {std::to_string(seconds)}),
                       seconds);
}

Session Accounts::recoverAdministrator(const std::string& login, const std::string& newPassword) {
    store::AccountRepository repo(m_db);
    const auto user = repo.byLogin(login);
    if (!user || user->role != rules::Role::Administrator)
        throw NotFoundError(format(tr("{0} is not an administrator of this site"), {login}));
    if (const auto problem = passwordProblem(login, newPassword)) throw ValidationError("password", *problem);
    store::Transaction tx(m_db);
    repo.setPassword(user->id, password::hash(newPassword), false);
    repo.setDisabled(user->id, false, login);
    repo.clearFailures(login);
    if (auto ring = keyRing()) {
        ring->setPassword(m_db.key(), user->id, login, newPassword);
        ring->setFailures(login, {});
    }
    store::AuditLog(m_db).append(login, "recover", "user_account", user->id, "", "{\"recovery_code\":true}");
    tx.commit();
    auto session = sessionOf(*user);
    session.mustChangePassword = false;
    return session;
}

Session Accounts::signIn(const std::string& login, const std::string& pw) {
    store::AccountRepository repo(m_db);
    const auto f = repo.failures(login);
    if (f.lockedUntilMs > m_clock()) throw locked(f.lockedUntilMs - m_clock());
    const auto user = repo.byLogin(login);
    // The hash is computed even for an unknown login: the time taken tells nothing.
    static const std::string kDecoy = password::hash("decoy password", password::kIterations);
    const bool match = password::verify(pw, user ? user->passwordHash : kDecoy);
    if (!user || !match) {
        // A later account with this login, made offline at another site, waits for a new one.
        for (const auto& held : repo.heldWithLogin(login))
            if (password::verify(pw, held.passwordHash))
                throw heldAccount(login);
        refuse(login);
    }
    if (user->disabled)
        throw SignInError(SignInError::Why::Disabled, tr("This account is disabled: ask the administrator"));
    store::Transaction tx(m_db);
    repo.clearFailures(login);
    // Hashes made with fewer iterations than today's are upgraded while the password is known.
    if (password::iterationsOf(user->passwordHash) < password::kIterations)
        repo.setPassword(user->id, password::hash(pw), user->mustChangePassword);
    // A user from another site of the township signing in here for the first time, at a
    // workstation already unlocked: from now on their password opens this site too.
    if (auto ring = keyRing(); ring && !ring->hasUser(user->id)) ring->setPassword(m_db.key(), user->id, login, pw);
    tx.commit();
    return sessionOf(*user);
}

Session Accounts::signInWithToken(const std::string& token) {
    store::AccountRepository repo(m_db);
    const auto userId = token.empty() ? std::nullopt : repo.tokenUser(password::sha256Hex(token));
    const auto user = userId ? repo.byId(*userId) : std::nullopt;
    if (!user) throw SignInError(SignInError::Why::Wrong, tr("Unknown or revoked token"));
    if (user->held)
        throw heldAccount(user->login);
    if (user->disabled)
        throw SignInError(SignInError::Why::Disabled, tr("This account is disabled: ask the administrator"));
    return sessionOf(*user);
}

void Accounts::changePassword(const Session& session, const std::string& oldPassword, const std::string& newPassword) {
    store::AccountRepository repo(m_db);
    const auto user = repo.byId(session.userId);
    if (!user) throw NotFoundError(tr("No such user"));
    if (!password::verify(oldPassword, user->passwordHash))
        throw ValidationError("old_password", tr("The current password is wrong"));
    if (const auto problem = passwordProblem(user->login, newPassword)) throw ValidationError("password", *problem);
    if (newPassword == oldPassword) throw ValidationError("password", tr("Choose a password other than the current one"));
    store::Transaction tx(m_db);
    repo.setPassword(user->id, password::hash(newPassword), false);
    if (auto ring = keyRing()) ring->setPassword(m_db.key(), user->id, user->login, newPassword);
    tx.commit();
}

model::UserAccount Accounts::addUser(const Session& admin, const NewUser& u, bool mustChangePassword) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    if (auto errors = validate(u); !errors.empty()) throw ValidationError(std::move(errors));
    admin.requireArea(u.division.empty() ? store::areaScope(m_db) : rules::divisionPrefix(u.division));
    auto user = store(u, admin.login);
    user.mustChangePassword = mustChangePassword;  // the administrator knows this password
    store::Transaction tx(m_db);
    store::AccountRepository(m_db).insert(user);
    if (auto ring = keyRing()) ring->setPassword(m_db.key(), user.id, user.login, u.password);
    tx.commit();
    user.passwordHash.clear();
    return user;
}

std::vector<model::UserAccount> Accounts::users(const Session& admin) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    auto all = store::AccountRepository(m_db).all();
    for (auto& u : all) u.passwordHash.clear();
    return all;
}

void Accounts::resetPassword(const Session& admin, const std::string& login, const std::string& newPassword) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    store::AccountRepository repo(m_db);
    const auto user = repo.byLogin(login);
    if (!user) throw NotFoundError(format(tr("No user {0}"), {login}));
    requireManagedHere(m_db, admin, *user);
    if (const auto problem = passwordProblem(login, newPassword)) throw ValidationError("password", *problem);
    store::Transaction tx(m_db);
    repo.setPassword(user->id, password::hash(newPassword), true, admin.login);
    repo.clearFailures(login);
    if (auto ring = keyRing()) {
        ring->setPassword(m_db.key(), user->id, login, newPassword);
        ring->setFailures(login, {});
    }
    tx.commit();
}

void Accounts::setDisabled(const Session& admin, const std::string& login, bool disabled) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    store::AccountRepository repo(m_db);
    const auto user = repo.byLogin(login);
    if (!user) throw NotFoundError(format(tr("No user {0}"), {login}));
    if (disabled && user->id == admin.userId)
        throw ConflictError(tr("An administrator cannot disable their own account"));
    requireManagedHere(m_db, admin, *user);
    store::Transaction tx(m_db);
    repo.setDisabled(user->id, disabled, admin.login);
    // A disabled user's password no longer opens the site; enabled again, the
    // administrator resets the password, which seals the key for it anew.
    if (auto ring = keyRing(); ring && disabled) ring->removeUser(user->id);
    tx.commit();
}

std::string Accounts::createToken(const Session& admin, const std::string& login, const std::string& name) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    store::AccountRepository repo(m_db);
    const auto user = repo.byLogin(login);
    if (!user) throw NotFoundError(format(tr("No user {0}"), {login}));
    requireManagedHere(m_db, admin, *user);
    if (rules::trimmed(name).empty()) throw ValidationError("name", tr("Required"));
    const auto token = password::randomToken();
    store::Transaction tx(m_db);
    repo.insertToken(newUuidV7(), password::sha256Hex(token), rules::trimmed(name), user->id, timestampNow());
    if (auto ring = keyRing()) ring->addToken(m_db.key(), token);
    tx.commit();
    return token;
}

model::UserAccount Accounts::renameUser(const Session& admin, const std::string& who, const std::string& newLogin) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    store::AccountRepository repo(m_db);
    auto user = repo.byId(who);
    if (!user) user = repo.byLogin(who);
    if (!user) throw NotFoundError(format(tr("No user {0}"), {who}));
    requireManagedHere(m_db, admin, *user);
    if (const auto problem = loginProblem(repo, newLogin)) throw ValidationError("login", *problem);
    store::Transaction tx(m_db);
    repo.setLogin(user->id, newLogin, admin.login);
    // The account's seal of the site key follows it to its new login.
    if (auto ring = keyRing()) ring->renameLogin(user->id, newLogin);
    tx.commit();
    user->login = newLogin;
    user->held = false;
    user->passwordHash.clear();
    return *user;
}

bool Accounts::revokeToken(const Session& admin, const std::string& name) {
    Guard(m_db, admin).require(rules::Right::ManageUsers);
    store::Transaction tx(m_db);
    store::AccountRepository repo(m_db);
    const auto hashes = repo.activeTokenHashes(name);
    const bool revoked = repo.revokeToken(name, timestampNow());
    if (auto ring = keyRing())
        for (const auto& hash : hashes) ring->removeToken(hash);
    tx.commit();
    return revoked;
}

}  // namespace jiayi::services
