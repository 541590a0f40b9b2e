#pragma once
// The site key and who may unlock it (issue 16, encryption at rest; docs/security.md).
//
// A site database is encrypted under a random 32-byte site key. The key is never stored
// as is: the key ring beside the database (<db>.keys, owner-only JSON) holds it sealed
// with AES-256-GCM once per way in — under each user's password (PBKDF2-SHA256, 600,000
// iterations, its own salt), under each script token an administrator made, and under the
// recovery code printed when the site was created. A copied database without a password
// is noise; a copied key ring without a password is noise too.
//
// The ring also counts failed unlocks per login: five wrong passwords lock the login
// before the database can even be read (the same delays as services::Accounts).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jiayi::store {

class KeyRing {
public:
    explicit KeyRing(std::filesystem::path databasePath);

    static std::filesystem::path fileFor(const std::filesystem::path& databasePath);
    static std::string newSiteKey();
    // "ABCDE-FGHIJ-…": 25 characters of a 32-letter alphabet (125 bits), no 0/O or 1/I.
    static std::string newRecoveryCode();

    const std::filesystem::path& file() const { return m_file; }
    bool exists() const;

    // A new ring for `key` with the recovery code's seal; StorageError when one exists.
    void create(const std::string& key, const std::string& recoveryCode);

    // The site key, or nullopt when the secret does not unseal it. Two accounts may share a
    // login for a while (docs/security.md, a login given at two sites): each seal is tried.
    std::optional<std::string> unlock(const std::string& login, const std::string& password) const;
    std::optional<std::string> unlockWithToken(const std::string& token) const;
    std::optional<std::string> unlockWithRecovery(const std::string& code) const;

    // Seals `key` under the password of the account `userId` (signing in as `login`),
    // replacing that account's earlier seal. The seal is bound to the account, not to the
    // login: a renamed account keeps it (renameLogin).
    void setPassword(const std::string& key, const std::string& userId, const std::string& login,
                     const std::string& password);
    void removeUser(const std::string& userId);
    void renameLogin(const std::string& userId, const std::string& login);
    bool hasLogin(const std::string& login) const;
    bool hasUser(const std::string& userId) const;
    std::vector<std::string> logins() const;
    void addToken(const std::string& key, const std::string& token);
    // `tokenHash`: password::sha256Hex of the token, as services::Accounts keeps it.
    void removeToken(const std::string& tokenHash);
    void setRecoveryCode(const std::string& key, const std::string& code);

    struct Failures {
        int count = 0;
        std::int64_t lockedUntil = 0;  // Unix milliseconds
    };
    Failures failures(const std::string& login) const;
    void setFailures(const std::string& login, const Failures& failures);

    // A copy of the ring for the database copy `targetDatabase` (a backup).
    void copyFor(const std::filesystem::path& targetDatabase) const;

private:
    std::filesystem::path m_file;
};

}  // namespace jiayi::store
