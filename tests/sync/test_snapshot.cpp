// A fresh site starts from a snapshot of its scope (issue 20): the rows as the hub held them at
// one moment, page by page, then the pull goes on from that moment. Through a real HTTPS hub
// on either store (sync_tests_postgresql runs this against PostgreSQL).
#include <boost/test/unit_test.hpp>

#include <functional>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/store/Database.h"
#include "sync/HubStore.h"

using namespace jiayi;
using test::person;
using test::Station;

namespace {

const char* const kFamily[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
const char* const kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"};

std::string nameOf(int i) { return std::string(kFamily[i % 10]) + kGiven[(i / 10) % 10] + kGiven[(i / 100) % 10]; }

void registerMany(Station& s, const char* village, int from, int count) {
    for (int i = from; i < from + count; ++i) {
        auto reg = test::registration(person(nameOf(i), village, i % 50), "村" + nameOf(i));
        reg.confirmedNotDuplicate = true;
        s.registry->registerResident(reg);
    }
}

// Every replicated row of `scope` at `db`, as the hub's form (id and non-null fields).
std::vector<std::string> rowsText(store::Database& db, const std::string& scope) {
    std::vector<std::string> out;
    for (const auto& table : store::replicatedTables())
        for (const auto& r : sync::rowsOf(db, table, scope)) out.push_back(table + "|" + sync::rowText(r));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(snapshot_start)

BOOST_AUTO_TEST_CASE(a_site_started_from_a_snapshot_while_others_write_ends_as_one_that_replayed_the_log) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west"), east(dir.file("east.db"), "doctor-east");
    hub.enrol(*west.db, test::kVillageA, "西村卫生室");
    hub.enrol(*east.db, test::kVillageB, "东村卫生室");
    registerMany(west, test::kVillageA, 0, 250);
    registerMany(east, test::kVillageB, 300, 200);
    auto r = west.registry->get(west.registry->find("王伟伟").front().id);
    r.phone = "13800000001";
    west.registry->edit(r);
    west.sync();
    east.sync();

    // The township starts from a snapshot, in pages of 1,000 rows (1,350 here); between its
    // pages the villages go on writing and syncing.
    Station town(dir.file("town.db"), "township");
    hub.enrol(*town.db, "371721001", "卫生院");
    int pages = 0;
    sync::HubClient client(*town.db);
    const auto report = client.sync([&](const sync::SyncProgress& p) {
        if (p.phase == sync::SyncProgress::Phase::Pull && p.total > 0 && ++pages == 1) {
            registerMany(west, test::kVillageA, 600, 3);
            auto again = west.registry->get(r.id);
            again.phone = "13800000002";
            west.registry->edit(again);
            west.sync();
        }
        return true;
    });
    BOOST_TEST(pages >= 2);
    BOOST_TEST(report.pulled >= 1350);
    // Another township PC replays every change instead.
    Station replay(dir.file("replay.db"), "township");
    hub.enrol(*replay.db, "371721001", "卫生院2");
    sync::HubClient replaying(*replay.db);
    replaying.setStartFromSnapshot(false);
    replaying.sync();
    // One more sync each (the snapshot's site catches what was written during it): the same rows.
    town.sync();
    replaying.sync();
    const auto started = rowsText(*town.db, "371721001");
    BOOST_TEST(started.size() == 1359u);  // 453 residents, households and memberships
    BOOST_TEST((started == rowsText(*replay.db, "371721001")));
    BOOST_TEST(town.registry->get(r.id).phone == "13800000002");
    // Later syncs continue from the snapshot's moment: nothing new, nothing twice.
    const auto quiet = town.sync();
    BOOST_TEST(quiet.pulled == 0);
    BOOST_TEST(quiet.conflicts == 0);
}

BOOST_AUTO_TEST_CASE(a_snapshot_cut_in_the_middle_resumes_after_its_last_page) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west");
    hub.enrol(*west.db, test::kVillageA, "西村卫生室");
    registerMany(west, test::kVillageA, 0, 800);  // 2,400 rows: three pages
    west.sync();
    Station village(dir.file("village.db"), "doctor-west-2");
    hub.enrol(*village.db, test::kVillageA, "西村卫生室二");
    // The line drops on the third page: the sync fails, the two pages applied stay.
    std::vector<std::string> asked;
    sync::HubClient client(*village.db);
    client.setTransport(
        [&](const sync::HubRequest& request) {
            if (request.path.rfind("/v1/snapshot", 0) == 0) {
                asked.push_back(request.path);
                if (asked.size() == 3) throw sync::SyncError("network", "the connection broke off");
            }
            return hub.service().handle(request);
        },
        sync::pinOfCertificateFile(hub.certificate().certificate));
    BOOST_CHECK_THROW(client.sync(), sync::SyncError);
    BOOST_TEST(rowsText(*village.db, test::kVillageA).size() == 2000u);
    // The next sync asks for the rows after the last it applied, of the same snapshot.
    client.sync();
    BOOST_REQUIRE(asked.size() == 4u);
    BOOST_TEST(asked[3] == asked[2]);
    BOOST_TEST(asked[2].find("after=2000") != std::string::npos, asked[2]);
    const auto held = rowsText(*village.db, test::kVillageA);
    BOOST_TEST(held.size() == 2400u);
    BOOST_TEST((held == rowsText(*west.db, test::kVillageA)));
    BOOST_TEST(client.sync().pulled == 0);
}

BOOST_AUTO_TEST_SUITE_END()
