#pragma once
// Opening a site as a person (issue 16, encryption at rest; docs/security.md). A site with
// users is an encrypted database: a password, a script token or the recovery code unseals
// the site key from the key ring (store/KeyRing), the key opens the database, and the
// database then checks the account (disabled, password to change). Five wrong passwords
// lock a login at the key ring already, as services::Accounts does once a site is open.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/services/Accounts.h"
#include "core/services/Workstation.h"

namespace jiayi::services {

class SiteAccess {
public:
    explicit SiteAccess(std::filesystem::path databasePath, std::function<std::int64_t()> clock = nullptr);

    // Whether a person must sign in to open the site: it is encrypted, or (a plain site
    // made before encryption) it has users. False for a new site or one without users.
    bool needsSignIn();
    bool encrypted() const;

    std::unique_ptr<Workstation> signIn(const std::string& login, const std::string& password);
    std::unique_ptr<Workstation> signInWithToken(const std::string& token);

    struct Created {
        std::unique_ptr<Workstation> workstation;
        // Shown once: it opens the site when every password is lost (recover).
        std::string recoveryCode;
    };
    // The first administrator of a new site or of a site without users (the installation,
    // `jiayi-cli init --admin`, the workstation's first start). The database is encrypted
    // under a new site key from then on. ConflictError when the site has users already.
    Created createFirstAdministrator(const NewUser& admin);

    // Encrypts a plain site that has users (made before encryption at rest) as its
    // administrator `login`; returns the new recovery code.
    std::string encrypt(const std::string& login, const std::string& password);

    // When every password is lost: the recovery code opens the site and gives the
    // administrator `login` a new password (audited). SignInError for a wrong code.
    std::unique_ptr<Workstation> recover(const std::string& code, const std::string& login,
                                         const std::string& newPassword);

    // A new recovery code replacing the old one (administrators; the old code stops working).
    static std::string newRecoveryCode(Workstation& workstation);

private:
    // The database opened with the site key (its encryption finished first if a crash cut it).
    std::unique_ptr<store::Database> openKeyed(const std::string& key);
    std::filesystem::path m_path;
    std::function<std::int64_t()> m_clock;
};

}  // namespace jiayi::services
