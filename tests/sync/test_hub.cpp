// Sync through a real hub over HTTPS on 127.0.0.1: enrolment, push and pull, scope.
#include <boost/test/unit_test.hpp>

#include "SyncTestSupport.h"
#include "HubFixture.h"
#include <fstream>

#include "core/store/KeyRing.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "sync/HubClient.h"
#include "sync/SyncStore.h"

using namespace jiayi;
using test::person;
using test::Station;

BOOST_AUTO_TEST_SUITE(hub_https)

BOOST_AUTO_TEST_CASE(two_villages_and_a_township_see_exactly_their_scope) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west"), east(dir.file("east.db"), "doctor-east"),
        town(dir.file("town.db"), "township");
    hub.enrol(*west.db, test::kVillageA, "西村卫生室");
    hub.enrol(*east.db, test::kVillageB, "东村卫生室");
    // The township written with 12 digits, as the division list has it, is the same area as
    // its 9-digit prefix (issue 15, defect 2: it used to be accepted and then match nothing).
    hub.enrol(*town.db, "371721001000", "曹城街道卫生院");
    BOOST_TEST(sync::syncStatus(*west.db).enrolled);
    BOOST_TEST(sync::syncStatus(*town.db).scope == "371721001");
    BOOST_CHECK_THROW(hub.code("37172100"), ValidationError);

    const auto w = west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    const auto e = east.registry->registerResident(test::registration(person("赵六", test::kVillageB, 2)));
    BOOST_TEST(sync::syncStatus(*west.db).waiting == 3);
    BOOST_TEST(west.sync().pushed == 3);
    BOOST_TEST(east.sync().pushed == 3);
    BOOST_TEST(sync::syncStatus(*west.db).waiting == 0);
    const auto townReport = town.sync();
    BOOST_TEST(townReport.pulled == 6);
    BOOST_TEST(town.registry->get(w.id).name == "王五");
    BOOST_TEST(town.registry->get(e.id).name == "赵六");
    // Each village receives nothing of the other.
    BOOST_TEST(west.sync().pulled == 0);
    BOOST_CHECK_THROW(west.registry->get(e.id), NotFoundError);

    // The township edits a western resident; the west receives it, the east does not.
    auto edited = town.registry->get(w.id);
    edited.phone = "13700000001";
    town.registry->edit(edited);
    BOOST_TEST(town.sync().pushed == 1);
    BOOST_TEST(west.sync().pulled == 1);
    BOOST_TEST(west.registry->get(w.id).phone == "13700000001");
    BOOST_TEST(east.sync().pulled == 0);
}

// Encryption at rest (issue 16): the hub's store and its WAL hold what the sites sent, and
// show none of it to someone who copies them; a wrong key does not open the store.
BOOST_AUTO_TEST_CASE(the_hub_store_reveals_no_resident_and_needs_its_key) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west");
    hub.enrol(*west.db, test::kVillageA, "西村卫生室");
    auto withPhone = person("王五", test::kVillageA, 1);
    withPhone.phone = "13912345678";
    const auto w = west.registry->registerResident(test::registration(withPhone));
    BOOST_TEST(west.sync().pushed == 3);
    const auto held = hub.store().rows("resident", test::kVillageA);
    BOOST_TEST((held.size() == 1u && held.front().id == w.id));
    // The PostgreSQL store's encryption at rest is the server's volume (docs/hub.md); the
    // file checks below are the SQLite store's.
    if (!hub.sqlite()) return;
    auto readAll = [](const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    for (const auto& file : {hub.databasePath(), hub.databasePath() + "-wal"}) {
        const auto bytes = readAll(file);
        BOOST_TEST_INFO("file " << file);
        BOOST_TEST(!bytes.empty());
        BOOST_TEST(bytes.find("王五") == std::string::npos);
        BOOST_TEST(bytes.find("13912345678") == std::string::npos);
        BOOST_TEST(bytes.find("SQLite format 3") == std::string::npos);
    }
    BOOST_CHECK_THROW(store::Database::open(hub.databasePath()), KeyError);
    BOOST_CHECK_THROW(store::Database::open(hub.databasePath(), store::KeyRing::newSiteKey()), KeyError);
    // With its key the store holds the resident the west sent.
    auto hubDb = store::Database::open(hub.databasePath(), hub.storeKey());
    BOOST_TEST(store::ResidentRepository(*hubDb).get(w.id).has_value());
}

BOOST_AUTO_TEST_CASE(a_row_outside_the_scope_is_refused_and_nothing_is_written) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west");
    west.selfNumbering();  // before it enrolled, the west numbered its own records, one in the east
    west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    west.registry->registerResident(test::registration(person("赵六", test::kVillageB, 2)));  // the east's
    hub.enrol(*west.db, test::kVillageA, "西村卫生室");
    // The hub took over numbering, and knows the serials the west used in both villages.
    BOOST_TEST(!store::ArchiveNumbers(*west.db).isAuthority());
    Station east(dir.file("east.db"), "doctor-east");
    hub.enrol(*east.db, test::kVillageB, "东村卫生室");
    const auto fromHub = east.registry->registerResident(test::registration(person("钱七", test::kVillageB, 3)));
    BOOST_TEST(fromHub.archiveNo == std::string(test::kVillageB) + "50001");  // the hub's range
    try {
        west.sync();
        BOOST_FAIL("an out-of-scope push must be refused");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "out_of_scope");
        BOOST_TEST(std::string(e.what()).find(test::kVillageB) != std::string::npos);
    }
    // The whole batch was refused: not even the in-scope resident reached the hub.
    BOOST_TEST(hub.store().lastSeq(store::siteId(*west.db)) == 0);
    BOOST_TEST(sync::syncStatus(*west.db).lastError.find(test::kVillageB) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sites_that_numbered_their_own_records_enrol_in_any_order) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    // The laptop enrols first, having numbered nothing; the clinic numbered its records
    // before the hub existed and enrols later. Neither is refused; no number meets another.
    Station laptop(dir.file("laptop.db"), "doctor-2"), clinic(dir.file("clinic.db"), "doctor-1");
    clinic.selfNumbering();
    const auto early = clinic.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    hub.enrol(*laptop.db, test::kVillageA, "随访笔记本");
    const auto fromLaptop = laptop.registry->registerResident(test::registration(person("赵六", test::kVillageA, 2)));
    hub.enrol(*clinic.db, test::kVillageA, "卫生室");
    const auto later = clinic.registry->registerResident(test::registration(person("钱七", test::kVillageA, 3)));
    BOOST_TEST(early.archiveNo == std::string(test::kVillageA) + "00001");
    BOOST_TEST(fromLaptop.archiveNo == std::string(test::kVillageA) + "50001");
    BOOST_TEST(later.archiveNo == std::string(test::kVillageA) + "00002");  // its own block goes on
    laptop.sync();
    clinic.sync();
    laptop.sync();
    BOOST_TEST(laptop.registry->get(early.id).archiveNo == early.archiveNo);
    BOOST_TEST(clinic.registry->get(fromLaptop.id).archiveNo == fromLaptop.archiveNo);
}

BOOST_AUTO_TEST_CASE(a_numbering_ledger_from_another_county_is_refused) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station west(dir.file("west.db"), "doctor-west");
    {  // A ledger claiming serials of a Beijing village: not this hub's county to reserve.
        store::Transaction tx(*west.db);
        store::ArchiveNumbers numbers(*west.db);
        numbers.setAuthority(true);
        numbers.grant("110101001001", store::siteId(*west.db));
        tx.commit();
    }
    try {
        hub.enrol(*west.db, test::kVillageA, "西村卫生室");
        BOOST_FAIL("the ledger must be refused");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "out_of_scope");
    }
    if (!hub.sqlite()) return;  // the ledger lies in the SQLite file
    auto hubDb = store::Database::open(hub.databasePath(), hub.storeKey());
    BOOST_TEST(store::ArchiveNumbers(*hubDb).grantsTo(store::siteId(*west.db)).empty());
}

BOOST_AUTO_TEST_CASE(a_stop_ends_a_request_in_flight_and_a_hub_that_is_gone_is_said_in_plain_words) {
    test::TempDir dir;
    auto hub = std::make_unique<testing::HubFixture>(dir.path());
    Station west(dir.file("west.db"), "doctor-west");
    hub->enrol(*west.db, test::kVillageA, "西村卫生室");
    west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    {
        sync::HubClient client(*west.db);
        client.setStopCheck([] { return true; });  // Stop pressed as the request goes out
        try {
            client.sync();
            BOOST_FAIL("a stopped sync must end");
        } catch (const sync::SyncError& e) {
            BOOST_TEST(e.code == "cancelled");
        }
    }
    BOOST_TEST(sync::syncStatus(*west.db).waiting == 3);  // nothing lost, all still to send
    BOOST_TEST(west.sync().pushed == 3);
    hub.reset();  // the hub is switched off
    try {
        west.sync();
        BOOST_FAIL("a sync without a hub must fail");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "network");
        const std::string message = e.what();
        BOOST_TEST(message.find("does not answer") != std::string::npos);
        BOOST_TEST(message.find("/v1/") == std::string::npos);  // no request path in the words
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(duplicates)

BOOST_AUTO_TEST_CASE(one_id_number_registered_at_two_sites_merges_on_the_hub_and_the_merge_can_be_undone) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station clinic(dir.file("clinic.db"), "doctor-1"), laptop(dir.file("laptop.db"), "doctor-2");
    hub.enrol(*clinic.db, test::kVillageA, "卫生室");
    hub.enrol(*laptop.db, test::kVillageA, "随访笔记本");
    // The same person (same ID number) registered offline on both computers.
    auto first = test::sampleResident();
    auto second = test::sampleResident();
    second.phone = "13911112222";  // the second visit noted another phone
    const auto a = clinic.registry->registerResident(test::registration(first, "西村1组1号"));
    const auto b = laptop.registry->registerResident(test::registration(second, "西村1组2号"));
    for (int round = 0; round < 2; ++round) {
        clinic.sync();
        laptop.sync();
    }
    const auto survivor = std::min(a.id, b.id);
    const auto merged = std::max(a.id, b.id);
    for (auto* s : {&clinic, &laptop}) {
        // Either record leads to the survivor; search shows the person once.
        BOOST_TEST(s->registry->get(merged).id == survivor);
        BOOST_TEST(s->registry->get(survivor).id == survivor);
        BOOST_TEST(s->registry->find("zs").size() == 1u);
        // Nothing was lost: the merged record keeps its own values and household.
        const auto kept = s->registry->getUnmerged(merged);
        BOOST_TEST(kept.mergedInto == survivor);
        BOOST_TEST(s->registry->householdOf(merged).has_value());
    }
    BOOST_TEST(clinic.registry->getUnmerged(b.id).phone == "13911112222");

    // Undo at the laptop: after syncs both records stand on their own everywhere.
    laptop.registry->unmerge(merged);
    laptop.sync();
    clinic.sync();
    for (auto* s : {&clinic, &laptop}) {
        BOOST_TEST(s->registry->get(merged).id == merged);
        BOOST_TEST(s->registry->find("zs").size() == 2u);
    }
}

BOOST_AUTO_TEST_SUITE_END()
