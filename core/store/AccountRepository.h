#pragma once
// Storage of users, failed sign-ins and script tokens (migration 12).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/User.h"

namespace jiayi::store {

class Database;

struct SignInFailures {
    int failures = 0;
    std::int64_t lockedUntilMs = 0;
};

class AccountRepository {
public:
    explicit AccountRepository(Database& db) : m_db(db) {}
    std::size_t count();
    std::optional<model::UserAccount> byLogin(const std::string& login);
    std::optional<model::UserAccount> byId(const std::string& id);
    std::vector<model::UserAccount> all();
    void insert(const model::UserAccount& user);
    void setPassword(const std::string& id, const std::string& hash, bool mustChange);
    void setDisabled(const std::string& id, bool disabled);
    void setDisplayName(const std::string& id, const std::string& name);

    SignInFailures failures(const std::string& login);
    void setFailures(const std::string& login, const SignInFailures& f);
    void clearFailures(const std::string& login);

    void insertToken(const std::string& id, const std::string& hash, const std::string& name,
                     const std::string& userId, const std::string& createdAt);
    // The user of an unrevoked token with this hash.
    std::optional<std::string> tokenUser(const std::string& hash);
    bool revokeToken(const std::string& name, const std::string& at);
    // Hashes of the unrevoked tokens named `name`.
    std::vector<std::string> activeTokenHashes(const std::string& name);

private:
    Database& m_db;
};

}  // namespace jiayi::store
