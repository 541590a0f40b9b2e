#include "core/services/Audit.h"

#include "core/services/Guard.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "core/model/ResidentFields.h"
#include "core/rules/FollowUpForm.h"
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

namespace {

Poco::JSON::Object::Ptr objectOf(const std::string& json) {
    if (json.empty()) return nullptr;
    try {
        return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

std::string valueText(const Poco::Dynamic::Var& v) {
    if (v.isEmpty()) return "—";
    const auto text = v.toString();
    return text.empty() ? "—" : text;
}

// Identifiers and bookkeeping a supervisor does not read.
bool internal(const std::string& field) {
    return field == "id" || field == "rid" || field.ends_with("_id") || field == "updated_at" ||
           field == "created_at" || field == "hlc" || field == "site";
}

std::string labelOf(const std::string& field) {
    const auto form = rules::formFieldLabel(field);
    if (!form.empty()) return form;
    return model::fieldLabel(field);
}

}  // namespace

std::string Audit::describe(const store::AuditEntry& entry) {
    const auto after = objectOf(entry.changeFields);
    const auto detail = objectOf(entry.detail);
    const auto before = detail ? detail->getObject("before") : nullptr;
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    if (before) {
        for (const auto& [field, old] : *before) {
            if (internal(field)) continue;
            add(labelOf(field) + ": " + valueText(old) + " → " +
                (after && after->has(field) ? valueText(after->get(field)) : "—"));
        }
        return out;
    }
    if (after)
        for (const auto& [field, value] : *after)
            if (!internal(field) && !value.isEmpty() && !value.toString().empty())
                add(labelOf(field) + ": " + valueText(value));
    if (out.empty() && detail)
        if (const auto refused = detail->optValue<std::string>("refused", ""); !refused.empty()) out = refused;
    return out;
}

}  // namespace jiayi::services
