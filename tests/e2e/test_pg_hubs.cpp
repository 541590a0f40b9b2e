// Two jiayi-hub processes on one PostgreSQL database behind one address (issue 20): a county's
// hub behind a load balancer (here a TCP proxy that moves to the other process). Real binaries
// over HTTPS: a township pushes its demo data through one process, which is killed with
// SIGKILL in the middle; the balancer moves to the other and the push finishes there, with no
// gap and nothing twice; a village enrols with a code the other process made, works through
// both; afterwards every site's rows of its scope are the hub's, row for row.
// Skipped unless JIAYI_TEST_PG names a cluster (CTest: e2e_tests_postgresql).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "../core/TestSupport.h"
#include "E2eSupport.h"
#include "HubFixture.h"
#include "core/store/Database.h"
#include "sync/HubStore.h"

// GCC 12 warns inside boost::function when the precondition decorator copies its predicate
// (a false positive).
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

using namespace jiayi;
using namespace jiayi::e2e;

namespace {

boost::test_tools::assertion_result hasPostgres(boost::unit_test::test_unit_id) {
    const char* pg = std::getenv("JIAYI_TEST_PG");
    boost::test_tools::assertion_result r(pg && *pg);
    r.message() << "JIAYI_TEST_PG is not set (ctest -R e2e_tests_postgresql starts a cluster)";
    return r;
}

struct County {
    test::TempDir dir;
    testing::PgDatabase pg{std::getenv("JIAYI_TEST_PG")};
    HubProcess a{JIAYI_HUB_EXE, dir.path() / "a"}, b{JIAYI_HUB_EXE, dir.path() / "b"};

    County() {
        std::filesystem::create_directories(dir.path() / "a");
        std::filesystem::create_directories(dir.path() / "b");
        a.makeCertificate();
        b.shareCertificateOf(a);
        a.usePostgres(pg.conninfo());
        b.usePostgres(pg.conninfo());
    }
    std::string file(const std::string& name) const { return (dir.path() / name).string(); }
    RunResult cli(const std::string& db, const std::string& user, std::vector<std::string> args) {
        std::vector<std::string> argv{JIAYI_CLI_EXE, "--db", db, "--user", user};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv, file("cli-stderr.txt"));
    }
    int sync(const std::string& db) { return cli(db, "doctor", {"sync"}).code; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(postgresql_hubs, *boost::unit_test::precondition(hasPostgres))

BOOST_AUTO_TEST_CASE(two_hub_processes_on_one_database_serve_one_address_and_survive_a_kill) {
    County c;
    c.a.start();
    c.b.start();
    CuttingProxy balancer(c.a.port());
    const auto url = "https://127.0.0.1:" + std::to_string(balancer.port());
    const auto town = c.file("town.db"), village = c.file("village.db"), office = c.file("office.db");
    const auto demo = c.cli(town, "doctor", {"demo", "--residents", "1500", "--seed", "7", "--json"});
    BOOST_REQUIRE_MESSAGE(demo.code == 0, readFile(c.file("cli-stderr.txt")));
    const auto township = demo.out.substr(demo.out.find("\"township\":\"") + 12, 9);
    const auto villageCode = text(town, "SELECT village_code FROM resident GROUP BY village_code "
                                        "ORDER BY count(*) DESC, village_code LIMIT 1");
    // Codes from either process enrol through the one address.
    BOOST_REQUIRE(c.cli(town, "doctor", {"sync", "enrol", "--hub", url, "--code", c.a.code(township, "town"), "--name",
                                         "town"}).code == 0);
    BOOST_REQUIRE(c.cli(village, "doctor", {"sync", "enrol", "--hub", url, "--code", c.b.code(villageCode, "village"),
                                            "--name", "village"}).code == 0);
    const auto own = scalar(town, "SELECT count(*) FROM change_log");
    BOOST_TEST_MESSAGE("town holds " << own << " changes");

    // The township's large push: process a is killed in the middle of it.
    {
        Process p({JIAYI_CLI_EXE, "--db", town, "--user", "doctor", "sync"}, 2, c.file("cli-stdout.txt"));
        std::string line;
        for (int sent = 0; sent < 2 && p.readLine(line);)
            if (line.rfind("sent ", 0) == 0) ++sent;
        c.a.kill();
        p.drain();
        const int code = p.wait();
        // The kill hit the push in flight: the CLI says the hub could not be reached.
        BOOST_TEST(code == 4, "sync exit code " << code << ":\n" << p.output());
    }
    auto store = sync::openPostgresHubStore(c.pg.conninfo());
    const auto townId = text(town, "SELECT value FROM site_meta WHERE key = 'site_id'");
    const auto held = store->lastSeq(townId);
    BOOST_TEST_MESSAGE("the hub held " << held << " of them when a was killed");
    BOOST_TEST((held > 0 && held < own && held % 1000 == 0));  // whole batches only
    balancer.retarget(c.b.port());
    BOOST_TEST(c.sync(town) == 0);
    BOOST_TEST(store->lastSeq(townId) == own);  // every change once, none missing
    BOOST_TEST(store->stats().changes == own);

    // The village pulls its part through b, works, and pushes through a (restarted).
    BOOST_TEST(c.sync(village) == 0);
    const char* const names[] = {"赵甲", "钱乙", "孙丙", "李丁", "周戊"};
    const char* const houses[] = {"一", "二", "三", "四", "五"};
    for (int i = 0; i < 5; ++i)
        BOOST_REQUIRE(c.cli(village, "doctor",
                            {"resident", "add", "--name", names[i], "--sex", "女", "--birth-date",
                             "196" + std::to_string(i) + "-05-0" + std::to_string(i + 1), "--village", villageCode,
                             "--address", std::string("新村") + houses[i] + "号"})
                          .code == 0);
    c.a.start(c.a.port());
    balancer.retarget(c.a.port());
    BOOST_TEST(c.sync(village) == 0);
    // A second township PC pulls everything through both processes in turn.
    BOOST_REQUIRE(c.cli(office, "doctor", {"sync", "enrol", "--hub", url, "--code", c.a.code(township, "office"),
                                           "--name", "office"}).code == 0);
    balancer.retarget(c.b.port());
    BOOST_TEST(c.sync(office) == 0);
    for (const auto& db : {town, village, office}) BOOST_TEST(c.sync(db) == 0);

    const std::pair<std::string, std::string> sites[] = {{town, township}, {village, villageCode}, {office, township}};
    for (const auto& [db, scope] : sites) {
        BOOST_TEST_CONTEXT(db) {
            auto site = store::Database::open(db);
            for (const char* table : {"resident", "household", "household_member"}) {
                const auto mine = sync::rowsOf(*site, table, scope);
                const auto held = store->rows(table, scope);
                BOOST_TEST_REQUIRE(mine.size() == held.size(), table);
                for (std::size_t i = 0; i < mine.size(); ++i)
                    BOOST_TEST((mine[i].id == held[i].id && mine[i].fields == held[i].fields), table << " " << mine[i].id);
            }
        }
    }
    BOOST_TEST(c.a.stop() == 0);
    BOOST_TEST(c.b.stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
