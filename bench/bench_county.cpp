// bench_county: a county's day of work syncing through one hub (issue 20, docs/performance.md
// "A county's day"). N village clinics (one site per village of the county's townships, a
// second PC at a village once every village has one) each do a day of work — registrations,
// edits, chronic-care enrolments and follow-ups — then all sync at once through an
// in-process HTTPS hub on 127.0.0.1 (`HubFixture`, SQLite store, or PostgreSQL with
// --store postgresql and JIAYI_TEST_PG naming a cluster), T sites at a time; then once more,
// so that each site receives what the others of its village sent. Reports the wall time to
// clear the county's day, changes per second, p50 / p99 of one site's sync, the hub store's
// size and this process's peak memory, and checks afterwards that every site's rows of its
// scope are the hub's, row for row. Measurements only; nothing here asserts a time.
//
//   bench_county [--quick] [--sites N] [--threads T] [--store sqlite|postgresql] [--data DIR]
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "HubFixture.h"
#include "bench/BenchCommon.h"
#include "core/demo/DemoData.h"
#include "core/services/ChronicCare.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/util/Uuid.h"
#include "sync/HubClient.h"
#include "sync/HubStore.h"
#include "sync/Pg.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

struct Setup {
    bool quick = false;
    std::size_t sites = 1000;
    std::size_t threads = 16;
    std::string store = "sqlite";
    fs::path data = "/tmp/jiayi-bench";
};

Setup parse(int argc, char** argv) {
    Setup s;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] {
            if (i + 1 >= argc) {
                std::cerr << "bench_county: " << a << " needs a value\n";
                std::exit(2);
            }
            return std::string(argv[++i]);
        };
        if (a == "--quick") s.quick = true;
        else if (a == "--sites") s.sites = static_cast<std::size_t>(std::stoul(next()));
        else if (a == "--threads") s.threads = static_cast<std::size_t>(std::stoul(next()));
        else if (a == "--store") s.store = next();
        else if (a == "--data") s.data = next();
        else {
            std::cerr << "usage: bench_county [--quick] [--sites N] [--threads T] [--store sqlite|postgresql] [--data DIR]\n";
            std::exit(2);
        }
    }
    if (s.quick) s.sites = std::min<std::size_t>(s.sites, 20);
    return s;
}

struct Site {
    fs::path file;
    std::string village;
    std::size_t pc = 0;  // 0: the village's first PC, 1: its second
    double firstSync = 0, secondSync = 0;
    std::int64_t pushed = 0, pulled = 0;
    std::string error;
};

const char* const kFamily[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"};

// A day at a village clinic: five people registered (each a household), the phone of three
// of them corrected, two enrolled for hypertension and seen once.
void dayOfWork(Site& s, std::size_t index) {
    auto ws = services::Workstation::open(s.file, "doctor");
    const auto today = referenceDay();
    ws->registry().setToday(today);
    std::vector<model::Resident> people;
    for (int i = 0; i < 5; ++i) {
        model::Resident r;
        const auto n = index * 5 + static_cast<std::size_t>(i);
        r.name = std::string(kFamily[n % 10]) + kGiven[(n / 10) % 10] + kGiven[(n / 100) % 10];
        r.sex = i % 2 ? "1" : "2";
        r.birthDate = parseDate(std::to_string(1940 + static_cast<int>(n % 45)) + "-0" + std::to_string(1 + i) + "-1" +
                                std::to_string(i));
        r.villageCode = s.village;
        r.residenceType = "1";
        r.ethnicity = "01";
        services::Registration reg;
        reg.resident = r;
        reg.newHouseholdAddress = "村" + std::to_string(index) + "-" + std::to_string(i) + "号";
        reg.confirmedNotDuplicate = true;
        people.push_back(ws->registry().registerResident(reg));
    }
    for (int i = 0; i < 3; ++i) {
        auto r = ws->registry().get(people[static_cast<std::size_t>(i)].id);
        r.phone = "139" + std::to_string(10000000 + index * 10 + static_cast<std::size_t>(i));
        ws->registry().edit(r);
    }
    services::ChronicCare care(ws->database(), ws->session());
    care.setToday(today);
    for (int i = 3; i < 5; ++i) {
        services::EnrolmentRequest e;
        e.residentId = people[static_cast<std::size_t>(i)].id;
        e.programme = "htn";
        care.enrol(e);
        model::FollowUp f;
        f.residentId = e.residentId;
        f.programme = "htn";
        f.visitDate = today;
        f.mode = "clinic";
        f.systolic = 138;
        f.diastolic = 86;
        f.weight = 62;
        f.height = 165;
        care.recordVisit({f});
    }
}

std::int64_t peakKb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const auto setup = parse(argc, argv);
    printPreamble("bench_county: a county's day through one hub (issue 20)", argc, argv);
    const auto dir = setup.data / ("county-" + std::to_string(setup.sites) + "-" + setup.store);
    fs::remove_all(dir);
    fs::create_directories(dir);
    if (setup.store == "postgresql") {
        const char* pg = std::getenv("JIAYI_TEST_PG");
        if (!pg || !*pg) {
            std::cerr << "bench_county: --store postgresql needs JIAYI_TEST_PG (a libpq connection string)\n";
            return 2;
        }
    } else {
        unsetenv("JIAYI_TEST_PG");  // HubFixture: the SQLite store
    }
    try {
        // One site database with the shipped divisions, copied for each site under its own id.
        const auto templateFile = dir / "template.db";
        std::vector<rules::Division> villages;
        {
            auto ws = services::Workstation::open(templateFile, "doctor");
            const auto biggest = services::biggestTownship(*ws);
            const auto county = biggest.code.substr(0, 6);
            for (const auto& t : ws->townships())
                if (t.code.rfind(county, 0) == 0)
                    for (const auto& v : ws->villagesOf(t.code)) villages.push_back(v);
            ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        std::vector<Site> sites(setup.sites);
        for (std::size_t i = 0; i < sites.size(); ++i) {
            sites[i].village = villages[i % villages.size()].code;
            sites[i].pc = i / villages.size();
            sites[i].file = dir / ("site-" + std::to_string(i) + ".db");
            fs::copy_file(templateFile, sites[i].file);
            auto db = store::Database::open(sites[i].file);
            store::Transaction tx(*db);
            store::setSiteMeta(*db, "site_id", randomHex128());
            tx.commit();
        }
        testing::HubFixture hub(dir);
        Stopwatch enrolTime;
        for (std::size_t i = 0; i < sites.size(); ++i) {
            auto db = store::Database::open(sites[i].file);
            hub.enrol(*db, sites[i].village, "site-" + std::to_string(i));
        }
        const double enrolSeconds = enrolTime.seconds();
        Stopwatch workTime;
        {
            std::atomic<std::size_t> next{0};
            std::vector<std::thread> workers;
            for (std::size_t t = 0; t < setup.threads; ++t)
                workers.emplace_back([&] {
                    for (std::size_t i; (i = next++) < sites.size();) {
                        try {
                            dayOfWork(sites[i], i);
                        } catch (const std::exception& e) {
                            sites[i].error = std::string("day of work: ") + e.what();
                        }
                    }
                });
            for (auto& w : workers) w.join();
        }
        const double workSeconds = workTime.seconds();
        std::int64_t changes = 0;
        for (const auto& s : sites) {
            auto db = store::Database::open(s.file);
            changes += scalar(*db, "SELECT count(*) FROM change_log", {});
        }

        // The county's day: every site syncs once (push, then pull), T at a time; then once more.
        auto round = [&](bool first) {
            std::atomic<std::size_t> next{0};
            std::vector<std::thread> workers;
            Stopwatch wall;
            for (std::size_t t = 0; t < setup.threads; ++t)
                workers.emplace_back([&] {
                    for (std::size_t i; (i = next++) < sites.size();) {
                        auto& s = sites[i];
                        try {
                            auto db = store::Database::open(s.file);
                            Stopwatch one;
                            const auto r = sync::HubClient(*db).sync();
                            (first ? s.firstSync : s.secondSync) = one.seconds();
                            s.pushed += r.pushed;
                            s.pulled += r.pulled;
                        } catch (const std::exception& e) {
                            s.error = e.what();
                        }
                    }
                });
            for (auto& w : workers) w.join();
            return wall.seconds();
        };
        const double firstWall = round(true);
        const double secondWall = round(false);

        std::vector<double> firsts, seconds;
        std::int64_t pushed = 0, pulled = 0;
        std::size_t failed = 0;
        for (const auto& s : sites) {
            firsts.push_back(s.firstSync * 1000);
            seconds.push_back(s.secondSync * 1000);
            pushed += s.pushed;
            pulled += s.pulled;
            if (!s.error.empty()) {
                if (failed++ < 5) std::cerr << "site " << s.file.filename() << ": " << s.error << "\n";
            }
        }
        const auto one = summarize(firsts), two = summarize(seconds);
        // Every site's rows of its scope are the hub's, row for row.
        std::size_t mismatched = 0, rowsChecked = 0;
        for (const auto& s : sites) {
            auto db = store::Database::open(s.file);
            for (const char* table : {"resident", "household", "household_member", "programme_enrolment", "follow_up"}) {
                const auto mine = sync::rowsOf(*db, table, s.village);
                const auto held = hub.store().rows(table, s.village);
                rowsChecked += mine.size();
                // Compared as the wire writes values: a REAL 62.0 at the site is the 62 the
                // change log and the PostgreSQL store hold.
                bool same = mine.size() == held.size();
                for (std::size_t k = 0; same && k < mine.size(); ++k)
                    same = sync::rowText(mine[k]) == sync::rowText(held[k]);
                if (!same) ++mismatched;
            }
        }
        std::int64_t storeBytes = 0;
        if (setup.store == "postgresql") {
            storeBytes = std::stoll(sync::pg::Connection(hub.pgConninfo())
                                        .exec("SELECT pg_database_size(current_database())")
                                        .text(0, 0));
        } else {
            for (const auto* suffix : {"", "-wal"})
                if (fs::exists(hub.databasePath() + suffix)) storeBytes += static_cast<std::int64_t>(fs::file_size(hub.databasePath() + suffix));
        }
        const auto stats = hub.store().stats();

        std::cout << "County: " << grouped(static_cast<double>(sites.size())) << " sites on "
                  << grouped(static_cast<double>(std::min(sites.size(), villages.size()))) << " villages of "
                  << grouped(static_cast<double>(villages.size())) << " (a second PC at a village once each has one); "
                  << "a day's work each (5 registrations, 3 edits, 2 enrolments with a follow-up): "
                  << grouped(static_cast<double>(changes)) << " changes, made in " << fixed(workSeconds, 1)
                  << " s (not counted). Hub: in-process HTTPS on 127.0.0.1, " << setup.store << " store, "
                  << "4 server threads; " << setup.threads << " sites syncing at once. Enrolment of all sites "
                  << fixed(enrolSeconds, 1) << " s (not counted).\n\n";
        printTable({"round", "wall s", "changes pushed", "changes/s", "p50 one site ms", "p99 one site ms", "max ms"},
                   {{"1: every site pushes its day and pulls", fixed(firstWall, 2), grouped(static_cast<double>(pushed)),
                     grouped(static_cast<double>(pushed) / firstWall), fixed(one.p50, 1), fixed(one.p99, 1),
                     fixed(one.max, 1)},
                    {"2: every site pulls what the others sent", fixed(secondWall, 2), "—", "—", fixed(two.p50, 1),
                     fixed(two.p99, 1), fixed(two.max, 1)}});
        std::cout << "\nPulled in all: " << grouped(static_cast<double>(pulled)) << " changes. Failed syncs: " << failed
                  << ". Hub: " << grouped(static_cast<double>(stats.changes)) << " changes kept, store "
                  << grouped(static_cast<double>(storeBytes)) << " bytes; peak memory of this process (hub and "
                  << "clients) " << grouped(static_cast<double>(peakKb())) << " kB.\n"
                  << "Check: " << (mismatched == 0 ? "every" : "NOT every") << " site's rows of its scope are the hub's, "
                  << "row for row (" << grouped(static_cast<double>(rowsChecked)) << " rows; " << mismatched
                  << " tables differ).\n"
                  << "Targets: a county's day of 1,000 sites cleared in ≤ 2 minutes; p99 of one site's sync ≤ 2 s.\n"
                  << loadAverage() << " at the end.\n";
        if (!std::getenv("JIAYI_BENCH_KEEP")) fs::remove_all(dir);
        return mismatched == 0 && failed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "bench_county: " << e.what() << "\n";
        return 1;
    }
}
