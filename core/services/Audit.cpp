#include "core/services/Audit.h"

#include "core/services/Guard.h"

#include "core/store/Database.h"
#include "core/util/Error.h"

namespace jiayi::services {

AuditCheck Audit::verify() {
    if (!m_session.can(rules::Right::ManageSite)) Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    AuditCheck out;
    store::Transaction tx(m_db, store::Transaction::Mode::Deferred);
    out.broken = store::AuditLog(m_db).verify(&out.entries);
    return out;
}

std::vector<store::AuditEntry> Audit::history(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    return store::AuditLog(m_db).ofResident(residentId);
}

}  // namespace jiayi::services
