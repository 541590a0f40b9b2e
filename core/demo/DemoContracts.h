#pragma once
// Family-doctor teams and contracts of the demo township (issue 17): one team for every few
// villages (the township hospital's doctor leads, a nurse, the villages' doctors), and the
// residents signed through services::Contracts by their village doctor at realistic
// coverage — about 70 % of priority groups, fewer of the others — on days spread over the
// last year (so renewals fall due), with personalised packages for some elderly and chronic
// patients, and a year of delivery: the chronic demo's follow-ups and checks count by
// themselves; health-education sessions and home visits are recorded as service entries.
// Deterministic by seed.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/demo/DemoPopulation.h"
#include "core/util/Date.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct ContractDemoOptions {
    std::uint64_t seed = 1;
    Date today{};
    std::string hospital;        // the township hospital's name
    std::string hospitalDoctor;  // its doctor's login, who leads the teams
    std::map<std::string, std::string> villageDoctors;  // village code → login
    std::size_t villagesPerTeam = 4;
};

struct ContractDemoSummary {
    std::size_t teams = 0;
    std::size_t contracts = 0;
    std::size_t priorityPeople = 0, prioritySigned = 0;
    std::size_t services = 0;
    std::vector<std::string> nurses;  // the teams' nurses' logins (users of a demo with users)
};

ContractDemoSummary createDemoContracts(store::Database& db, const std::vector<demo::DemoVillage>& villages,
                                        const ContractDemoOptions& options);

}  // namespace jiayi::services
