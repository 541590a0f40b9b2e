#pragma once
// Children's public-health work of the demo township (issue 19): for every child under 7, the
// vaccine doses of the national schedule and the child health visits up to the demo's today,
// recorded through services::Immunization and services::ChildHealth as the village doctor
// would, each a transaction. Most families come on time (a few days after the dose or visit
// falls due), some come weeks or months late, a few stopped coming; growth follows each
// child's own line on the WHO standards. Deterministic by seed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/demo/DemoChronic.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct ChildDemoOptions {
    std::uint64_t seed = 1;
    Date today{};
    std::map<std::string, std::string> doctors;  // village code → the village doctor's user name
};

struct ChildDemoSummary {
    std::size_t children = 0;  // under 7 on the demo's today
    std::size_t doses = 0;
    std::size_t visits = 0;
    std::size_t late = 0;     // children whose family comes late
    std::size_t stopped = 0;  // children whose family stopped coming
};

ChildDemoSummary createDemoChildren(store::Database& db, const std::vector<DemoResident>& residents,
                                    const ChildDemoOptions& options);

}  // namespace jiayi::services
