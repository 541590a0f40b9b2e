#include "core/services/SiteAccess.h"

#include <chrono>

#include "core/services/Guard.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::services {

SiteAccess::SiteAccess(std::filesystem::path databasePath, std::function<std::int64_t()> clock)
    : m_path(std::move(databasePath)), m_clock(std::move(clock)) {
    if (!m_clock)
        m_clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                .count();
        };
}

bool SiteAccess::encrypted() const { return store::Database::isEncrypted(m_path) || store::KeyRing(m_path).exists(); }

bool SiteAccess::needsSignIn() {
    if (encrypted()) return true;
    if (!std::filesystem::exists(m_path)) return false;
    auto db = store::Database::open(m_path);
    return Accounts(*db).any();
}

std::unique_ptr<store::Database> SiteAccess::openKeyed(const std::string& key) {
    // A site whose first administrator was made but whose encryption a crash interrupted:
    // the key ring exists, the file is still plain. Finish it now.
    if (!store::Database::isEncrypted(m_path)) store::Database::encryptFile(m_path, key);
    return store::Database::open(m_path, key);
}

std::unique_ptr<Workstation> SiteAccess::signIn(const std::string& login, const std::string& password) {
    std::unique_ptr<store::Database> db;
    if (!encrypted()) {
        db = store::Database::open(m_path);
    } else {
        store::KeyRing ring(m_path);
        auto failures = ring.failures(login);
        if (failures.lockedUntil > m_clock()) throw Accounts::locked(failures.lockedUntil - m_clock());
        const auto key = ring.unlock(login, password);
        if (!key) {
            ++failures.count;
            failures.lockedUntil =
                failures.count >= Accounts::kFailuresBeforeLock ? m_clock() + Accounts::lockMs(failures.count) : 0;
            ring.setFailures(login, failures);
            throw Accounts::failure(failures.count, failures.lockedUntil - m_clock());
        }
        if (failures.count) ring.setFailures(login, {});
        db = openKeyed(*key);
    }
    auto session = Accounts(*db, m_clock).signIn(login, password);
    return Workstation::open(std::move(db), std::move(session));
}

std::unique_ptr<Workstation> SiteAccess::signInWithToken(const std::string& token) {
    std::unique_ptr<store::Database> db;
    if (!encrypted()) {
        db = store::Database::open(m_path);
    } else {
        const auto key = token.empty() ? std::nullopt : store::KeyRing(m_path).unlockWithToken(token);
        if (!key) throw SignInError(SignInError::Why::Wrong, tr("Unknown or revoked token"));
        db = openKeyed(*key);
    }
    auto session = Accounts(*db, m_clock).signInWithToken(token);
    return Workstation::open(std::move(db), std::move(session));
}

SiteAccess::Created SiteAccess::createFirstAdministrator(const NewUser& admin) {
    if (encrypted()) throw ConflictError(tr("This workstation already has an administrator: sign in"));
    // Refused before anything is written: no database is made for a form with a mistake.
    {
        NewUser checked = admin;
        checked.role = std::string(rules::roleCode(rules::Role::Administrator));
        if (auto errors = Accounts::check(checked); !errors.empty()) throw ValidationError(std::move(errors));
    }
    Session session;
    {
        // The site as `init` makes it (division list, numbering), then its administrator.
        auto ws = Workstation::open(m_path, Session::bootstrap(admin.login));
        session = Accounts(ws->database(), m_clock).createFirstAdministrator(admin);
        ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // The key ring first, then the file: a crash between the two leaves a ring whose
    // password opens the plain file and encrypts it at the next sign-in (openKeyed).
    const auto key = store::KeyRing::newSiteKey();
    Created created;
    created.recoveryCode = store::KeyRing::newRecoveryCode();
    store::KeyRing ring(m_path);
    ring.create(key, created.recoveryCode);
    ring.setPassword(key, session.userId, admin.login, admin.password);
    created.workstation = Workstation::open(openKeyed(key), std::move(session));
    return created;
}

std::string SiteAccess::encrypt(const std::string& login, const std::string& password) {
    if (encrypted()) throw ConflictError(tr("This site is encrypted already"));
    std::string code;
    Session session;
    {
        auto db = store::Database::open(m_path);
        session = Accounts(*db, m_clock).signIn(login, password);
        Guard(*db, session).require(rules::Right::ManageSite);
        db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const auto key = store::KeyRing::newSiteKey();
    code = store::KeyRing::newRecoveryCode();
    store::KeyRing ring(m_path);
    ring.create(key, code);
    ring.setPassword(key, session.userId, login, password);
    store::Database::encryptFile(m_path, key);
    return code;
}

std::unique_ptr<Workstation> SiteAccess::recover(const std::string& code, const std::string& login,
                                                 const std::string& newPassword) {
    if (!encrypted()) throw NotFoundError(tr("This site is not encrypted: there is no recovery code to use"));
    const auto key = store::KeyRing(m_path).unlockWithRecovery(code);
    if (!key) throw SignInError(SignInError::Why::Wrong, tr("This recovery code does not open the site"));
    auto db = openKeyed(*key);
    auto session = Accounts(*db, m_clock).recoverAdministrator(login, newPassword);
    return Workstation::open(std::move(db), std::move(session));
}

std::string SiteAccess::newRecoveryCode(Workstation& workstation) {
    auto& db = workstation.database();
    Guard(db, workstation.session()).require(rules::Right::ManageSite);
    if (db.key().empty()) throw NotFoundError(tr("This site is not encrypted: there is no recovery code to use"));
    const auto code = store::KeyRing::newRecoveryCode();
    store::KeyRing(db.path()).setRecoveryCode(db.key(), code);
    return code;
}

}  // namespace jiayi::services
