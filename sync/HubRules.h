#pragma once
// The hub's scope rule (ARCHITECTURE.md, Replication, Scope), shared by its stores: every row
// a device writes lies in its scope — where the row is now and, for a move, where it goes.
#include <functional>
#include <string>

#include "core/store/Site.h"

namespace Poco::JSON {
class Object;
}

namespace jiayi::sync {

struct Device;

bool inScope(const std::string& village, const std::string& scope);

// Where an entry's row lies as the store holds it.
struct Placement {
    std::string village;    // where the row lies after the entry
    std::string movedFrom;  // where it lay before, when the entry moves it
};

// What the rule asks of the store.
struct RowLookup {
    // The village a row lies in now ("" when unknown); a membership lies in its household's.
    std::function<std::string(const std::string& table, const std::string& rowId)> villageOf;
    std::function<std::string(const std::string& accountId)> loginOf;
    // Whether an entry of the row was ever logged in `scope`.
    std::function<bool(const std::string& table, const std::string& rowId, const std::string& scope)> wasInScope;
};

// The placement of `e`, or ScopeError when its row lies outside the device's scope.
Placement placeEntry(const RowLookup& rows, const Device& device, const store::ChangeEntry& e,
                     const Poco::JSON::Object& fields);

}  // namespace jiayi::sync
