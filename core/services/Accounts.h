#pragma once
// Users, sign-in and rights (issue 16, docs/security.md). Every session of the workstation
// and of the CLI starts here: a password (PBKDF2-SHA256) or, for scripts, a token an
// administrator made. Five wrong passwords lock the login, for 30 s and then twice as long
// at each further failure (at most an hour).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/User.h"
#include "core/store/KeyRing.h"
#include "core/rules/Roles.h"
#include "core/services/Session.h"
#include "core/util/Error.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct NewUser {
    std::string login;
    std::string displayName;
    std::string role;      // rules::roleCode
    std::string division;  // "" or a division code of the site's area
    std::string password;  // the first password; the user must change it at first sign-in
};

class Accounts {
public:
    static constexpr int kFailuresBeforeLock = 5;
    static constexpr std::int64_t kFirstLockMs = 30'000;
    static constexpr std::int64_t kLongestLockMs = 3'600'000;

    // `clock`: Unix milliseconds (tests set it); the system clock by default.
    explicit Accounts(store::Database& db, std::function<std::int64_t()> clock = nullptr);

    // Whether the site has any user yet (none: the first administrator is created next).
    bool any();
    // The first administrator of a site without users; ConflictError once one exists.
    Session createFirstAdministrator(const NewUser& user);

    // SignInError on a wrong login or password (one message for both), a locked or a
    // disabled account; each failure counts, a success clears the count.
    Session signIn(const std::string& login, const std::string& password);
    // A script's token (jiayi-cli user token); SignInError when unknown or revoked.
    Session signInWithToken(const std::string& token);

    // The user's own password; ValidationError "old_password" when the old one is wrong.
    void changePassword(const Session& session, const std::string& oldPassword, const std::string& newPassword);

    // Administrator only (rules::Right::ManageUsers).
    // The user changes the password at the first sign-in unless `mustChangePassword` is false
    // (the demo's users, whose password is printed for everyone).
    model::UserAccount addUser(const Session& admin, const NewUser& user, bool mustChangePassword = true);
    std::vector<model::UserAccount> users(const Session& admin);
    // A new password the user must change at the next sign-in; the lock is lifted.
    void resetPassword(const Session& admin, const std::string& login, const std::string& newPassword);
    void setDisabled(const Session& admin, const std::string& login, bool disabled);
    // A token for scripts acting as `admin`'s chosen user (`login`); shown once, kept hashed.
    std::string createToken(const Session& admin, const std::string& login, const std::string& name);
    bool revokeToken(const Session& admin, const std::string& name);
    // A new login for an account (`who`: its id, or a login for the account holding it),
    // e.g. one held because another site gave the same login earlier.
    model::UserAccount renameUser(const Session& admin, const std::string& who, const std::string& newLogin);

    // Recovery (SiteAccess::recover): the administrator `login` gets `newPassword`, is
    // enabled and unlocked; the act is an audit entry. NotFoundError when `login` is not
    // an administrator of this site.
    Session recoverAdministrator(const std::string& login, const std::string& newPassword);

    // The refusals of a failed sign-in after `failures` in a row (locked from the fifth),
    // and of a locked login: one wording for the key ring and the database.
    static SignInError failure(int failures, std::int64_t lockedForMs);
    static SignInError locked(std::int64_t lockedForMs);

    // The checks of a new user's fields that need no database (all but a taken login), in
    // field order; empty when acceptable. A new site checks its administrator first.
    static std::vector<FieldError> check(const NewUser& user);

    // A first password an administrator hands over (new user, reset), to read aloud or
    // write on paper: 12 random hex digits in groups of four.
    static std::string temporaryPassword();

    // How long the login stays locked after `failures` failures in a row (0 below five).
    static std::int64_t lockMs(int failures);

    // Password rules: at least 8 characters, not the login. Empty when acceptable.
    static std::optional<std::string> passwordProblem(const std::string& login, const std::string& password);

private:
    // The key ring of an encrypted site (each password, reset and token also seals the site
    // key, docs/security.md); nullopt for a plain database.
    std::optional<store::KeyRing> keyRing();
    Session sessionOf(const model::UserAccount& user) const;
    std::vector<FieldError> validate(const NewUser& user);
    model::UserAccount store(const NewUser& user, const std::string& createdBy);
    [[noreturn]] void refuse(const std::string& login);

    store::Database& m_db;
    std::function<std::int64_t()> m_clock;
};

}  // namespace jiayi::services
