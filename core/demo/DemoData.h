#pragma once
// `jiayi-cli demo`: a deterministic synthetic township registered through the real
// registry (validation, archive numbers, households, change log), so demo data is exactly
// what a doctor's registrations would produce.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/demo/DemoChildren.h"
#include "core/demo/DemoChronic.h"
#include "core/demo/DemoContracts.h"
#include "core/demo/DemoMaternal.h"
#include "core/demo/DemoPopulation.h"
#include "core/rules/Divisions.h"
#include "core/services/Registry.h"

namespace jiayi::services {

class Workstation;

struct DemoOptions {
    std::size_t residents = 3000;
    std::uint64_t seed = 1;
    std::string townshipCode;  // 12 digits; empty: the first township in scope
    // Called after each committed chunk with (registered so far, total).
    std::function<void(std::size_t, std::size_t)> progress;
    // Years of chronic-disease work (enrolments, follow-ups, health checks, referrals)
    // ending today, recorded after the registration (DemoChronic.h); 0: none.
    int chronicYears = 1;
    // Called every few hundred residents of that phase with (done, total).
    std::function<void(std::size_t, std::size_t)> chronicProgress;
    // On a site without users: the demo's users too (an administrator, each village's
    // doctor, the township hospital's doctor, a supervisor), all with `password`, and the
    // site encrypted as a first administrator makes it (services::SiteAccess).
    bool users = false;
    std::string password = "jiayi-demo-2026";
    // Family-doctor teams and contracts with a year of delivery (DemoContracts.h), after the
    // chronic-disease work.
    bool contracts = true;
    // Children under 7: their vaccine doses and health visits up to today (DemoChildren.h);
    // pregnancies at the birth rate with their visits and recent deliveries (DemoMaternal.h).
    bool children = true;
};

struct DemoUser {
    std::string login, displayName, role, division;
};

struct DemoSummary {
    std::string townshipCode;
    std::string townshipName;
    std::size_t villages = 0;
    std::size_t households = 0;
    std::size_t residents = 0;
    std::size_t hypertension = 0;
    std::size_t diabetes = 0;
    ChronicDemoSummary chronic;
    ContractDemoSummary contracts;
    ChildDemoSummary children;
    MaternalDemoSummary maternal;
    std::vector<DemoUser> users;  // with DemoOptions::users
    std::string recoveryCode;     // with DemoOptions::users
};

// A generated person as the registry receives it (also used by bench/).
Registration demoRegistration(const demo::DemoPerson& person, const std::string& villageCode,
                              const Date& today);

// The township with the most villages: a rural 镇 or 乡 like the ones village doctors serve,
// not an urban street office (街道) of 居委会. `jiayi-cli demo` and the benchmarks use it.
rules::Division biggestTownship(Workstation& workstation);

// Registers the township into the workstation's database and sets the site's scope to
// the township. Refuses a database that already holds residents (ConflictError).
DemoSummary createDemoTownship(Workstation& workstation, const DemoOptions& options);

// All or nothing: builds the demo township into a copy of the database at `dbPath`
// (`<dbPath>.demo-partial`) and moves it in place only once complete. A killed demo leaves
// the database as it was; the next run starts again from a fresh copy.
// `key`: the site key of an encrypted site (its signed-in workstation's), else empty.
DemoSummary createDemoDatabase(const std::filesystem::path& dbPath, const std::string& user,
                               const DemoOptions& options, std::string_view key = {});
// Throws ConflictError when the database at `dbPath` already holds residents (the demo
// goes into a new database); createDemoDatabase checks it too.
void requireEmptyForDemo(const std::filesystem::path& dbPath, const std::string& user, std::string_view key = {});

}  // namespace jiayi::services
