#include "sync/HubRules.h"

#include <Poco/JSON/Object.h>

#include "sync/HubStore.h"

namespace jiayi::sync {

namespace {

// An account of a wider area than the device's (a township doctor's, at a village clinic):
// the device holds it, and its user may change their own password there (an entry written
// by that login), nothing else.
bool ownPasswordChange(const store::ChangeEntry& e, const Poco::JSON::Object& fields) {
    if (e.table != "user_account" || e.op != "update") return false;
    for (const auto& [column, value] : fields) {
        if (column == "must_change") {
            if (!value.isInteger() || value.convert<std::int64_t>() != 0) return false;
        } else if (column != "password") {
            return false;
        }
    }
    return true;
}

}  // namespace

bool inScope(const std::string& village, const std::string& scope) {
    return village.size() >= scope.size() && village.compare(0, scope.size(), scope) == 0;
}

Placement placeEntry(const RowLookup& rows, const Device& device, const store::ChangeEntry& e,
                     const Poco::JSON::Object& fields) {
    const bool insert = e.op == "insert";
    const std::string scopeColumn = store::scopeColumn(e.table);
    std::string village;
    if (e.table == "household_member")
        village = insert ? rows.villageOf("household", fields.optValue<std::string>("household_id", ""))
                         : rows.villageOf(e.table, e.rowId);
    else
        village = insert ? fields.optValue<std::string>(scopeColumn, "") : rows.villageOf(e.table, e.rowId);
    // An account whose area is "" means the whole area of the site that made it, the
    // device's (the site writes the area out next, before other sites see it).
    if (e.table == "user_account" && village.empty()) village = device.scope;
    if (!village.empty() && !inScope(village, device.scope) && inScope(device.scope, village) &&
        ownPasswordChange(e, fields) && e.user == rows.loginOf(e.rowId))
        return {village, ""};
    const auto moved =
        !insert && e.table != "household_member" ? fields.optValue<std::string>(scopeColumn, "") : std::string();
    // An edit of a row that was in the device's scope when it was made, before the row
    // moved away elsewhere (a concurrent move), is the device's to send.
    const bool earlierEdit =
        !insert && !inScope(village, device.scope) && rows.wasInScope(e.table, e.rowId, device.scope);
    for (const std::string* v : std::initializer_list<const std::string*>{&village, &moved}) {
        if (v == &moved && moved.empty()) continue;
        if (v == &village && earlierEdit) continue;
        if (!inScope(*v, device.scope))
            throw ScopeError("row " + e.table + " " + e.rowId + " lies in " +
                                 (v->empty() ? std::string("an unknown division") : *v) +
                                 ", outside the device's scope " + device.scope,
                             e.rowId, *v);
    }
    if (!moved.empty() && moved != village) return {moved, village};
    return {village, ""};
}

}  // namespace jiayi::sync
