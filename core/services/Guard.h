#pragma once
// Rights checks that leave a trace (issue 16): like Session::require and requireArea, but a
// refusal is also an audit entry ("refused", what was asked), kept even though the refused
// request writes nothing else.
#include <string>

#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

class Guard {
public:
    Guard(store::Database& db, const Session& session) : m_db(db), m_session(session) {}
    void require(rules::Right right) const;
    void requireArea(const std::string& villageCode) const;
    // A list's `scope` (a division prefix, "" = the site) within the user's area: the user's
    // area when the scope holds it, the scope when it lies inside it; refused when it lies
    // outside (a village doctor asking for another village).
    std::string withinArea(const std::string& scope) const;
    // Refuses with `message` (a PermissionError), leaving the audit entry: for a right that
    // a service decides beyond the rights table (a team's doctors sign its contracts).
    [[noreturn]] void refuse(const std::string& what, const std::string& message) const;

private:
    store::Database& m_db;
    const Session& m_session;
};

}  // namespace jiayi::services
