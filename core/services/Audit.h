#pragma once
// Reading the audit trail (issue 16): whether the chain holds, and who did what when to a
// resident's records. Supervisors (ReviewQuality) and administrators (ManageSite) verify;
// supervisors read a resident's history.
#include <optional>
#include <vector>

#include "core/services/Session.h"
#include "core/store/AuditLog.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct AuditCheck {
    std::size_t entries = 0;
    std::optional<store::AuditBreak> broken;
};

class Audit {
public:
    Audit(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}
    AuditCheck verify();
    std::vector<store::AuditEntry> history(const std::string& residentId);

    // An entry's change in words, for a supervisor: each field by its label, "label: before
    // → after" for an update, "label: value" for a new row; ids and internal columns left out.
    static std::string describe(const store::AuditEntry& entry);

private:
    store::Database& m_db;
    Session m_session;
};

}  // namespace jiayi::services
