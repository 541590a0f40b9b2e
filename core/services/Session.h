#pragma once
// The signed-in user as every service call receives it (issue 16, docs/security.md).
#include <string>

#include "core/rules/Roles.h"

namespace jiayi::services {

struct Session {
    std::string userId;
    std::string login;
    std::string displayName;
    rules::Role role = rules::Role::VillageDoctor;
    std::string division;  // the user's area (division prefix); "" = the site's whole area
    bool mustChangePassword = false;

    bool can(rules::Right right) const { return rules::allows(role, right); }
    // Throws PermissionError naming the user, the role and the right when the role lacks it.
    void require(rules::Right right) const;
    // Whether a record of `villageCode` lies in the user's area.
    bool covers(const std::string& villageCode) const;
    // Throws PermissionError when it does not.
    void requireArea(const std::string& villageCode) const;

    // The session of a site that has no users yet (installation, the demo, tests and
    // benchmarks): `login` as a township doctor of the whole site. Once the site has users,
    // the CLI and the workstation sign in instead (services::Accounts).
    static Session bootstrap(const std::string& login);
};

}  // namespace jiayi::services
