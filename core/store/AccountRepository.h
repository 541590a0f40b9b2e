#pragma once
// Storage of users, failed sign-ins and script tokens (migration 12). Accounts replicate
// through the hub (migration 14): every write of `user_account` goes through the change
// capture, naming who made it. Failed sign-ins and tokens stay local to the PC.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/User.h"
#include "core/store/Value.h"

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
    // The account that holds the login: of two made offline at two sites with the same
    // login, the earlier (docs/decisions.md, "Accounts replicate").
    std::optional<model::UserAccount> byLogin(const std::string& login);
    // Later accounts with the same login, waiting for a new one (UserAccount::held).
    std::vector<model::UserAccount> heldWithLogin(const std::string& login);
    std::optional<model::UserAccount> byId(const std::string& id);
    std::vector<model::UserAccount> all();
    // Written by `user.createdBy`. An empty division becomes this site's area, so that the
    // account means the same wherever it replicates.
    void insert(const model::UserAccount& user);
    // `by`: who writes (the account's own login when empty: a change of one's own password).
    void setPassword(const std::string& id, const std::string& hash, bool mustChange, const std::string& by = {});
    void setDisabled(const std::string& id, bool disabled, const std::string& by);
    void setDisplayName(const std::string& id, const std::string& name, const std::string& by);
    void setLogin(const std::string& id, const std::string& login, const std::string& by);
    // Accounts whose area is "" (this site's whole area), written out as `area`; returns how
    // many (at enrolment, before they first replicate).
    std::size_t writeOutAreas(const std::string& area, const std::string& by);

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
    void write(const std::string& id, const std::string& column, const Value& value, const std::string& by);

    Database& m_db;
};

}  // namespace jiayi::store
