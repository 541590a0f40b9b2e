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
    std::string division;      // division prefix of the user's area; "" = the site's whole area
    std::string passwordHash;  // util/Password; never the password
    bool mustChangePassword = false;
    bool disabled = false;
    std::string createdAt;
    std::string createdBy;
};

}  // namespace jiayi::model
