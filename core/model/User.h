#pragma once
// A user of the site (issue 16): who signs in, with which role, for which area.
#include <string>

#include "core/rules/Roles.h"

namespace jiayi::model {

struct UserAccount {
    std::string id;  // UUIDv7
    std::string login;
    std::string displayName;  // what slips, forms and printouts show
    rules::Role role = rules::Role::VillageDoctor;
    // Division prefix of the user's area; "" = the site's whole area. A replicated account
    // carries its area written out (the creating site's area when none was given), so that
    // it means the same at every site it reaches.
    std::string division;
    std::string passwordHash;  // util/Password; never the password
    bool mustChangePassword = false;
    bool disabled = false;
    std::string createdAt;
    std::string createdBy;
    // Another account, created earlier (a smaller UUIDv7 id), has the same login: two sites
    // made it offline. The earlier one keeps the login; this one replicates and is kept but
    // cannot sign in until an administrator gives it a new login (docs/decisions.md).
    bool held = false;
};

}  // namespace jiayi::model
