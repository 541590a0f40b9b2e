// No row can block a site (issue 15, defect 3): what cannot apply at a site yet is parked
// with its reason, said in sync status, applied once what it needs arrives, and everything
// else keeps arriving. Through a real hub over HTTPS on 127.0.0.1.
#include <boost/test/unit_test.hpp>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/store/Database.h"
#include "sync/HubClient.h"
#include "sync/Parked.h"

using namespace jiayi;
using test::person;
using test::Station;

namespace {

// A real hub with the west and east villages' sites and the township's, each enrolled.
struct Township {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    Station west{dir.file("west.db"), "doctor-west"}, east{dir.file("east.db"), "doctor-east"},
        town{dir.file("town.db"), "township"};
    Township() {
        hub.enrol(*west.db, test::kVillageA, "西村卫生室");
        hub.enrol(*east.db, test::kVillageB, "东村卫生室");
        hub.enrol(*town.db, "371721001", "曹城街道卫生院");
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(parking)

BOOST_AUTO_TEST_CASE(a_member_from_another_village_does_not_stop_the_household_village_syncing) {
    Township t;
    auto &west = t.west, &east = t.east, &town = t.town;

    // The township registers 王五 of the west village into a household of the east village.
    const auto eastHead = town.registry->registerResident(test::registration(person("赵六", test::kVillageB, 2)));
    const auto eastHome = town.registry->householdOf(eastHead.id)->id;
    const auto wangWu = town.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    town.registry->addMember(eastHome, wangWu.id, "7");
    BOOST_TEST(town.sync().pushed > 0);

    // The east site receives its household and head; the membership of someone it does not
    // hold waits apart, said in words, instead of failing every sync with a foreign key.
    const auto first = east.sync();
    BOOST_TEST(first.parked >= 1);
    BOOST_TEST(east.registry->get(eastHead.id).name == "赵六");
    auto status = sync::syncStatus(*east.db);
    BOOST_REQUIRE(!status.parked.empty());
    BOOST_TEST(status.parked.front().entry.table == "household_member");
    BOOST_TEST(status.parked.front().reason == "missing_row");
    BOOST_TEST(!sync::parkedText(status.parked.front()).empty());
    BOOST_TEST(status.lastError.empty());

    // Later work still arrives at the east site, and a second sync is not refused.
    auto edited = town.registry->get(eastHead.id);
    edited.phone = "13700000002";
    town.registry->edit(edited);
    town.sync();
    BOOST_CHECK_NO_THROW(east.sync());
    BOOST_TEST(east.registry->get(eastHead.id).phone == "13700000002");
    // The west site holds 王五 and is not blocked either.
    BOOST_CHECK_NO_THROW(west.sync());
    BOOST_TEST(west.registry->get(wangWu.id).name == "王五");
}

BOOST_AUTO_TEST_CASE(a_parked_entry_applies_once_what_it_needs_arrives) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station east(dir.file("east.db"), "doctor-east"), town(dir.file("town.db"), "township");
    hub.enrol(*east.db, test::kVillageB, "东村卫生室");
    hub.enrol(*town.db, "371721001", "曹城街道卫生院");
    const auto head = town.registry->registerResident(test::registration(person("赵六", test::kVillageB, 2)));
    const auto home = town.registry->householdOf(head.id)->id;
    const auto wangWu = town.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    town.registry->addMember(home, wangWu.id, "7");
    town.sync();
    BOOST_TEST(east.sync().parked >= 1);
    // 王五 moves to the east village: his record arrives, and the waiting membership with it.
    auto moved = town.registry->get(wangWu.id);
    moved.villageCode = test::kVillageB;
    town.registry->edit(moved);
    town.sync();
    east.sync();
    BOOST_TEST(east.registry->get(wangWu.id).name == "王五");
    BOOST_TEST(sync::syncStatus(*east.db).parked.empty());
    BOOST_TEST(east.registry->householdOf(wangWu.id).has_value());
}

// Issue 15, defect 3b: a move made at the township left the old village's site showing the
// person as active, and its later edit reached the new village.
BOOST_AUTO_TEST_CASE(a_move_made_at_the_township_closes_the_record_at_the_old_village_site) {
    Township t;
    auto &west = t.west, &east = t.east, &town = t.town;
    const auto wangWu = west.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    west.sync();
    town.sync();
    auto moved = town.registry->get(wangWu.id);
    moved.villageCode = test::kVillageB;
    town.registry->edit(moved);
    town.sync();
    west.sync();
    east.sync();
    // The west site keeps the record as history, shown as moved away, and changes it no more.
    const auto atWest = west.registry->get(wangWu.id);
    BOOST_TEST(west.registry->movedAway(atWest));
    BOOST_TEST((west.registry->statusHere(atWest) == model::RecordStatus::Moved));
    auto edit = atWest;
    edit.phone = "13700000003";
    BOOST_CHECK_THROW(west.registry->edit(edit), ConflictError);
    BOOST_CHECK_THROW(west.registry->close(wangWu.id, model::RecordStatus::Dead, std::nullopt, "x"), ConflictError);
    // The east site holds it as its own, active.
    const auto atEast = east.registry->get(wangWu.id);
    BOOST_TEST(!east.registry->movedAway(atEast));
    BOOST_TEST((east.registry->statusHere(atEast) == model::RecordStatus::Active));
    BOOST_TEST(sync::syncStatus(*west.db).waiting == 0);
}

// Issue 15, defect 3c: enrolment that stopped on an archive-number clash left the site
// enrolled, and every sync then failed with a raw UNIQUE constraint message.
BOOST_AUTO_TEST_CASE(an_enrolment_refused_for_clashing_numbers_leaves_the_site_as_it_was) {
    test::TempDir dir;
    testing::HubFixture hub(dir.path());
    Station clinic(dir.file("clinic.db"), "doctor-1"), laptop(dir.file("laptop.db"), "doctor-2");
    clinic.selfNumbering();
    laptop.selfNumbering();  // both numbered the same village before the hub existed
    clinic.registry->registerResident(test::registration(person("王五", test::kVillageA, 1)));
    laptop.registry->registerResident(test::registration(person("赵六", test::kVillageA, 2)));
    hub.enrol(*clinic.db, test::kVillageA, "卫生室");
    try {
        hub.enrol(*laptop.db, test::kVillageA, "随访笔记本");
        BOOST_FAIL("the clashing ledger must be refused");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(std::string(e.what()).find("did not join") != std::string::npos, e.what());
    }
    BOOST_TEST(!sync::syncStatus(*laptop.db).enrolled);
    BOOST_TEST(sync::syncStatus(*laptop.db).scope.empty());
    // It keeps numbering its own records, as before.
    const auto more = laptop.registry->registerResident(test::registration(person("钱七", test::kVillageA, 3)));
    BOOST_TEST(more.archiveNo == std::string(test::kVillageA) + "00002");
}

BOOST_AUTO_TEST_SUITE_END()
