#pragma once
// Maternal care of the demo township (issue 19): pregnancies at the birth rate of
// ../shared/domain/population.md (7-8 births per 1,000 residents a year), of women 20-42:
// those pregnant on the demo's today, registered around 8-12 weeks (some late), with their
// antenatal visits (a few missed, a few with blood pressure above normal), and the mothers of
// the population's babies of the last eight weeks, whose delivery links the baby on record,
// with the postpartum home visit for most. Recorded through services::Maternal; deterministic by seed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/demo/DemoChronic.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct MaternalDemoOptions {
    std::uint64_t seed = 1;
    Date today{};
    double birthsPerThousand = 7.5;
    std::map<std::string, std::string> doctors;  // village code → the village doctor's user name
};

struct MaternalDemoSummary {
    std::size_t pregnant = 0;   // open pregnancies on the demo's today
    std::size_t delivered = 0;  // delivered in the last eight weeks (a baby on record each)
    std::size_t visits = 0;
    std::size_t highBloodPressure = 0;  // visits with an urgent finding
};

MaternalDemoSummary createDemoMaternal(store::Database& db, const std::vector<DemoResident>& residents,
                                       const MaternalDemoOptions& options);

}  // namespace jiayi::services
