// bench_children: the children's and mothers' due lists of issue 19 (docs/performance.md,
// "Children, mothers and immunization (issue 19)"). A township of 50,000 residents registered
// as `jiayi-cli demo` registers it, every child under 7 with its vaccine doses and health
// visits, and pregnancies at the birth rate with their visits (DemoChildren, DemoMaternal),
// then the due list of every child and pregnancy of the township — the doses
// (Immunization::due), the child visits (ChildHealth::due) and the antenatal and postpartum
// visits (Maternal::due) — beside a plain SQL count of the same rows in the same run (target
// ≤ 100 ms). Median and p95 of repeated runs. Measurements only; nothing here asserts a time.
#include <filesystem>
#include <iostream>

#include "bench/BenchCommon.h"
#include "core/demo/DemoChildren.h"
#include "core/demo/DemoData.h"
#include "core/demo/DemoMaternal.h"
#include "core/rules/Immunization.h"
#include "core/services/ChildHealth.h"
#include "core/services/Immunization.h"
#include "core/services/Maternal.h"
#include "core/services/Workstation.h"
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

// Builds (once; cached in the data folder) the township with its children and pregnancies.
fs::path ensureDatabase(const Setup& s, const Options& o) {
    fs::create_directories(o.data);
    const auto path = o.data / ("children-" + std::to_string(s.residents) + ".db");
    if (fs::exists(path)) {
        auto db = store::Database::open(path);
        if (store::siteMeta(*db, "bench_children_built")) return path;
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
        std::cerr << "building " << s.residents << " residents with their children's and mothers' records → " << path
                  << "\n";
        const auto households = demo::generateTownship(demo::loadDemoParams(), villages, s.residents, kSeed, today);
        std::vector<services::DemoResident> residents;
        Stopwatch reg;
        for (auto& chunk : toChunks(households, today))
            for (const auto& r : ws->registry().registerHouseholds(std::move(chunk)))
                residents.push_back(services::demoResident(r));
        std::cerr << "  registered in " << fixed(reg.seconds(), 1) << " s\n";
        Stopwatch kids;
        services::ChildDemoOptions c;
        c.seed = kSeed;
        c.today = today;
        const auto children = services::createDemoChildren(ws->database(), residents, c);
        std::cerr << "  " << children.children << " children, " << children.doses << " doses, " << children.visits
                  << " visits in " << fixed(kids.seconds(), 1) << " s\n";
        Stopwatch mothers;
        services::MaternalDemoOptions m;
        m.seed = kSeed;
        m.today = today;
        const auto maternal = services::createDemoMaternal(ws->database(), residents, m);
        std::cerr << "  " << maternal.pregnant << " pregnant, " << maternal.delivered << " delivered, "
                  << maternal.visits << " visits in " << fixed(mothers.seconds(), 1) << " s\n";
        store::Transaction tx(ws->database());
        store::setSiteMeta(ws->database(), "bench_children_built", "1");
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
    printPreamble("bench_children: children, mothers and immunization (issue 19)", argc, argv);
    const auto path = ensureDatabase(s, o);
    auto db = store::Database::open(path);
    const Date day = referenceDay();
    const auto session = services::Session::bootstrap("bench");
    const auto scope = store::areaScope(*db);
    std::cout << "Database: " << path.string() << " (" << grouped(static_cast<double>(fs::file_size(path)))
              << " bytes), " << scalar(*db, "SELECT count(*) FROM resident", {}) << " residents, "
              << scalar(*db, "SELECT count(*) FROM vaccination", {}) << " doses, "
              << scalar(*db, "SELECT count(*) FROM child_visit", {}) << " child visits, "
              << scalar(*db, "SELECT count(*) FROM pregnancy", {}) << " pregnancies, "
              << scalar(*db, "SELECT count(*) FROM maternal_visit", {}) << " maternal visits; day " << formatDate(day)
              << "\n\n";
    services::Immunization vaccines(*db, session);
    services::ChildHealth children(*db, session);
    services::Maternal mothers(*db, session);
    std::size_t dosesDue = 0, childrenDue = 0, visitsDue = 0, maternalDue = 0;
    std::vector<std::vector<std::string>> rows;
    rows.push_back(measure("every child's and pregnancy's due list (doses, child visits, maternal visits)", "", s.runs, [&] {
        const auto d = vaccines.due(scope, day);
        childrenDue = d.size();
        dosesDue = 0;
        for (const auto& c : d) dosesDue += c.doses.size();
        visitsDue = children.due(scope, day).size();
        maternalDue = mothers.due(scope, day).size();
    }));
    rows.back()[1] = grouped(static_cast<double>(childrenDue)) + " children with " + grouped(static_cast<double>(dosesDue)) +
                     " doses, " + grouped(static_cast<double>(visitsDue)) + " child visits, " +
                     grouped(static_cast<double>(maternalDue)) + " maternal visits";
    rows.push_back(measure("  of which the doses (Immunization::due)", "", s.runs, [&] { vaccines.due(scope, day); }));
    rows.push_back(measure("  of which the child visits (ChildHealth::due)", "", s.runs, [&] { children.due(scope, day); }));
    rows.push_back(measure("  of which the maternal visits (Maternal::due)", "", s.runs, [&] { mothers.due(scope, day); }));
    const auto bornFrom = formatDate(addDays(addMonths(day, -rules::immunization::kRoutineAgeMonths), 1));
    std::int64_t plain = 0;
    rows.push_back(measure("  baseline: plain SQL count of the same children, doses, visits and pregnancies", "", s.runs, [&] {
        plain = scalar(*db,
                       "SELECT (SELECT count(*) FROM resident WHERE birth_date >= ?1 AND village_code >= ?2 AND "
                       "village_code < ?2 || x'7f') + (SELECT count(*) FROM vaccination v JOIN resident r ON r.id = "
                       "v.resident_id WHERE r.birth_date >= ?1) + (SELECT count(*) FROM child_visit c JOIN resident r ON "
                       "r.id = c.resident_id WHERE r.birth_date >= ?1) + (SELECT count(*) FROM pregnancy) + "
                       "(SELECT count(*) FROM maternal_visit)",
                       {bornFrom, scope});
    }));
    rows.back()[1] = grouped(static_cast<double>(plain)) + " rows";
    printTable({"operation", "result", "first ms", "median ms", "p95 ms", "runs"}, rows);
    std::cout << "\nTarget: the due list of every child and pregnancy of a 50,000-resident township ≤ 100 ms.\n";
    return 0;
}
