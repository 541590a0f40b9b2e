#pragma once
// Households (家庭 / 户): shared/domain/records.md, "Households".
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::model {

struct HouseholdMember {
    std::string id;  // membership row id
    std::string householdId;
    std::string residentId;
    std::string relation;  // CodeLists "relation": 0 本人 (head) … 7 其他
    Date joinedOn;
    std::optional<Date> leftOn;
    std::string leftReason;
    // Filled when read for display.
    std::string residentName;
};

struct Household {
    std::string id;
    std::string villageCode;
    std::string address;
    std::string headId;
    std::string status = "active";  // active | closed
    std::optional<Date> createdOn;
    std::vector<HouseholdMember> members;  // current members first, then history
};

}  // namespace jiayi::model
