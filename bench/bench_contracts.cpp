// bench_contracts: the family-doctor contract figures of issue 17 (docs/performance.md,
// "Family-doctor contracts (issue 17)"). A township of 50,000 residents with a year of
// chronic-disease work and its contracts as `jiayi-cli demo` writes them (DemoChronic,
// DemoContracts: teams of four villages, about 70 % of priority groups signed, service
// entries), then, each beside the plain SQL count of the same rows in the same run:
//   1. the delivery status (履约) of every standing contract of the township (target ≤ 300 ms);
//   2. a team's dashboard: coverage, renewals, overdue services, review (target ≤ 100 ms);
//   3. the whole township's coverage, and its worklist now that it lists contract lines.
// Median and p95 of repeated runs. Measurements only; nothing here asserts a time.
#include <iostream>
#include <map>

#include "bench/BenchCommon.h"
#include "core/demo/DemoChronic.h"
#include "core/demo/DemoContracts.h"
#include "core/demo/DemoData.h"
#include "core/services/Contracts.h"
#include "core/services/Workstation.h"
#include "core/services/Worklist.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";
constexpr std::uint64_t kSeed = 1;

struct Setup {
    std::size_t residents;
    int runs;
};

// Builds (once; cached in the data folder) the township with a year of care and contracts.
fs::path ensureDatabase(const Setup& s, const Options& o) {
    fs::create_directories(o.data);
    const auto path = o.data / ("contracts-" + std::to_string(s.residents) + ".db");
    if (fs::exists(path)) {
        auto db = store::Database::open(path);
        if (store::siteMeta(*db, "bench_contracts_built")) return path;
    }
    const fs::path partial = path.string() + ".partial";
    removeDatabase(partial);
    {
        auto ws = services::Workstation::open(partial, "bench");
        const Date today = referenceDay();
        ws->registry().setToday(today);
        const auto township = services::biggestTownship(*ws);
        ws->setScope(township.code);
        std::vector<demo::DemoVillage> villages;
        for (const auto& v : ws->villagesOf(township.code)) villages.push_back({v.code, v.name});
        std::cerr << "building " << s.residents << " residents, a year of care and contracts → " << path << "\n";
        const auto households = demo::generateTownship(demo::loadDemoParams(), villages, s.residents, kSeed, today);
        std::vector<services::DemoResident> residents;
        Stopwatch reg;
        for (auto& chunk : toChunks(households, today))
            for (const auto& r : ws->registry().registerHouseholds(std::move(chunk)))
                residents.push_back(services::demoResident(r));
        std::cerr << "  registered in " << fixed(reg.seconds(), 1) << " s\n";
        services::ChronicDemoOptions c;
        c.years = 1;
        c.seed = kSeed;
        c.today = today;
        c.hospital = township.name + "卫生院";
        const auto place = ws->placeName(township.code);
        c.countyHospital = place.substr(0, place.find(' ')) + "人民医院";
        Stopwatch chronicTime;
        const auto chronic = services::createDemoChronicCare(ws->database(), residents, villages, c);
        std::cerr << "  a year of chronic care in " << fixed(chronicTime.seconds(), 1) << " s\n";
        services::ContractDemoOptions k;
        k.seed = kSeed;
        k.today = today;
        k.hospital = c.hospital;
        k.hospitalDoctor = chronic.hospitalDoctor;
        k.villageDoctors = chronic.doctors;
        Stopwatch contractTime;
        const auto made = services::createDemoContracts(ws->database(), villages, k);
        std::cerr << "  " << made.contracts << " contracts, " << made.services << " service entries in "
                  << fixed(contractTime.seconds(), 1) << " s\n";
        store::Transaction tx(ws->database());
        store::setSiteMeta(ws->database(), "bench_contracts_built", "1");
        tx.commit();
        ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
    fs::rename(partial, path);
    return path;
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = parseOptions(argc, argv, kUsage);
    const Setup s = o.quick ? Setup{3000, 3} : Setup{50000, 20};
    printPreamble("bench_contracts: family-doctor contracts (issue 17)", argc, argv);
    const auto path = ensureDatabase(s, o);
    auto db = store::Database::open(path);
    const Date day = referenceDay();
    const auto session = services::Session::bootstrap("bench");
    services::Contracts contracts(*db, session);
    contracts.setToday(day);
    const auto scope = store::areaScope(*db);
    const auto teams = contracts.teams();
    if (teams.empty()) {
        std::cerr << "no team in " << path << "\n";
        return 1;
    }
    // The team with the most villages' residents: the first (four villages).
    const auto& team = teams.front();
    std::cout << "Database: " << path.string() << " (" << grouped(static_cast<double>(fs::file_size(path)))
              << " bytes), " << scalar(*db, "SELECT count(*) FROM resident", {}) << " residents, "
              << scalar(*db, "SELECT count(*) FROM contract", {}) << " contracts, "
              << scalar(*db, "SELECT count(*) FROM follow_up", {}) << " follow-ups, "
              << scalar(*db, "SELECT count(*) FROM service_entry", {}) << " service entries, " << teams.size()
              << " teams; day " << formatDate(day) << "\n\n";

    std::vector<std::vector<std::string>> rows;
    std::size_t statuses = 0;
    int due = 0, delivered = 0;
    rows.push_back(measure("delivery of every standing contract (Contracts::deliveryIn)", "", s.runs, [&] {
        const auto all = contracts.deliveryIn(scope, {}, day, /*links=*/false);
        statuses = all.size();
        due = delivered = 0;
        for (const auto& st : all) {
            due += st.dueSoFar;
            delivered += st.delivered;
        }
    }));
    rows.back()[1] = grouped(static_cast<double>(statuses)) + " contracts, " + grouped(delivered) + "/" +
                     grouped(due) + " services";
    const auto from = formatDate(addDays(day, -365)), to = formatDate(day);
    std::int64_t plainRows = 0;
    rows.push_back(measure("  baseline: plain SQL count of the same contracts and records", "", s.runs, [&] {
        plainRows = scalar(*db,
                           "SELECT (SELECT count(*) FROM contract WHERE state IN ('signed','renewed') AND start_on <= ?2 "
                           "AND end_on >= ?2) + (SELECT count(*) FROM follow_up WHERE visit_date BETWEEN ?1 AND ?2) + "
                           "(SELECT count(*) FROM health_check WHERE check_date BETWEEN ?1 AND ?2) + "
                           "(SELECT count(*) FROM bp_screening WHERE screened_on BETWEEN ?1 AND ?2) + "
                           "(SELECT count(*) FROM referral WHERE referred_on BETWEEN ?1 AND ?2) + "
                           "(SELECT count(*) FROM service_entry WHERE service_date BETWEEN ?1 AND ?2)",
                           {from, to});
    }));
    rows.back()[1] = grouped(static_cast<double>(plainRows)) + " rows";

    services::Coverage teamCoverage;
    rows.push_back(measure("team dashboard (Contracts::coverage of " + team.team.name + ")", "", s.runs,
                           [&] { teamCoverage = contracts.coverage({}, team.team.id, day); }));
    rows.back()[1] = grouped(teamCoverage.all.people) + " residents, " + grouped(teamCoverage.contracts) + " contracts";
    std::string villages;
    for (const auto& v : team.team.villages) villages += (villages.empty() ? "'" : ",'") + v + "'";
    std::int64_t teamPlain = 0;
    rows.push_back(measure("  baseline: plain SQL count of the team's residents and contracts", "", s.runs, [&] {
        teamPlain = scalar(*db,
                           "SELECT (SELECT count(*) FROM resident WHERE status = 'active' AND village_code IN (" +
                               villages + ")) + (SELECT count(*) FROM contract WHERE team_id = ?1 AND state IN "
                                          "('signed','renewed'))",
                           {team.team.id});
    }));
    rows.back()[1] = grouped(static_cast<double>(teamPlain)) + " rows";

    services::Coverage township;
    rows.push_back(measure("township coverage (Contracts::coverage, every team)", "", std::max(3, s.runs / 4),
                           [&] { township = contracts.coverage(scope, {}, day); }));
    rows.back()[1] = grouped(township.priority.signedPeople) + "/" + grouped(township.priority.people) +
                     " priority signed";
    std::size_t behind = 0;
    rows.push_back(measure("  of which the contract lines (Contracts::behindOrEnding)", "", std::max(3, s.runs / 4),
                           [&] { behind = contracts.behindOrEnding(scope, day).size(); }));
    rows.back()[1] = grouped(static_cast<double>(behind)) + " contracts read";
    std::size_t items = 0, contractLines = 0;
    services::Worklist worklist(*db, session);
    rows.push_back(measure("township worklist with contract lines (Worklist::build)", "", std::max(3, s.runs / 4), [&] {
        const auto all = worklist.build({scope, ""}, day);
        items = all.size();
        contractLines = 0;
        for (const auto& i : all) contractLines += i.kind == services::WorkKind::Contract;
    }));
    rows.back()[1] = grouped(static_cast<double>(items)) + " items (" + grouped(static_cast<double>(contractLines)) +
                     " contract lines)";
    printTable({"operation", "result", "first ms", "median ms", "p95 ms", "runs"}, rows);
    return 0;
}
