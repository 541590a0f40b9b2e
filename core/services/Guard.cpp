#include "core/services/Guard.h"

#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/util/Error.h"
#include "core/util/Json.h"

namespace jiayi::services {

void Guard::refuse(const std::string& what, const std::string& message) const {
    const auto user = m_session.login;
    std::string detail = "{\"refused\":";
    appendJsonString(detail, what);
    detail += "}";
    m_db.afterTransaction([user, detail](store::Database& db) {
        store::AuditLog(db).append(user, "refused", "", "", "", detail);
    });
    throw PermissionError(message);
}

void Guard::require(rules::Right right) const {
    try {
        m_session.require(right);
    } catch (const PermissionError& e) {
        refuse(std::string(rules::rightCode(right)), e.what());
    }
}

std::string Guard::withinArea(const std::string& scope) const {
    const auto& area = m_session.division;
    if (area.empty() || (!scope.empty() && scope.compare(0, area.size(), area) == 0)) return scope;
    if (!scope.empty() && area.compare(0, scope.size(), scope) != 0) requireArea(scope);
    return area;
}

void Guard::requireArea(const std::string& villageCode) const {
    try {
        m_session.requireArea(villageCode);
    } catch (const PermissionError& e) {
        refuse("area " + villageCode, e.what());
    }
}

}  // namespace jiayi::services
