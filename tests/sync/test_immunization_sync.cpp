// Children's and mothers' records across sites through a real HTTPS hub (issue 19): a child's
// dose recorded offline at the village clinic and at the township hospital arrives everywhere
// as two records; both are kept, the later is flagged on the card and in the due list, and
// voiding one at either site settles it everywhere after the next syncs. A pregnancy
// delivered at the township while the village records a check offline: delivered everywhere,
// the check and the newborn kept.
#include <boost/test/unit_test.hpp>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/services/Immunization.h"
#include "core/services/Maternal.h"
#include "core/store/MaternalRepository.h"

using namespace jiayi;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct TwoSites {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    test::Station village{dir.file("village.db"), "doctor-village"};
    test::Station town{dir.file("town.db"), "doctor-town"};
    std::string childId;
    TwoSites() {
        hub.enrol(*village.db, test::kVillageA, "西村卫生室");
        hub.enrol(*town.db, "371721001", "曹城街道卫生院");
        auto c = test::person("李小宝", test::kVillageA, 0);
        c.birthDate = d("2026-01-10");
        services::Registration reg;
        reg.resident = c;
        reg.newHouseholdAddress = "西村 3 号";
        childId = village.registry->registerResident(reg).id;
        village.sync();
        town.sync();
    }
    services::Immunization at(test::Station& s, const std::string& user) {
        services::Immunization i(*s.db, services::Session::bootstrap(user));
        i.setToday(d("2026-05-20"));
        return i;
    }
    model::Vaccination dtap1(const char* on, const char* batch) {
        model::Vaccination v;
        v.residentId = childId;
        v.vaccine = "DTaP";
        v.dose = 1;
        v.givenOn = d(on);
        v.batch = batch;
        v.site = "right_arm";
        return v;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(immunization_sync, TwoSites)

BOOST_AUTO_TEST_CASE(one_dose_recorded_at_two_sites_offline_keeps_both_and_flags_the_second) {
    // Offline, each site records DTaP 1: the township on the 10th, the village on the 12th
    // (from the mother's word, say). Neither site knows of the other's.
    at(town, "doctor-town").record(dtap1("2026-04-10", "T-0410"));
    at(village, "doctor-village").record(dtap1("2026-04-12", "V-0412"));
    village.sync();
    town.sync();
    village.sync();
    std::string later;
    for (auto* s : {&village, &town}) {
        const auto card = at(*s, "reader").card(childId);
        BOOST_REQUIRE_EQUAL(card.records.size(), 2u);  // both kept
        BOOST_TEST(card.duplicates == 1u);
        for (const auto& l : card.lines)
            if (l.vaccine->code == "DTaP" && l.dose == 1) {
                BOOST_TEST(formatDate(l.given->date) == "2026-04-10");  // the first given is the dose
                BOOST_REQUIRE_EQUAL(l.duplicates.size(), 1u);
                BOOST_TEST(formatDate(l.duplicates[0].date) == "2026-04-12");
                later = l.duplicates[0].id;
            }
        // The due list flags the record made twice beside the doses due.
        const auto due = at(*s, "reader").due("371721001", d("2026-05-20"));
        BOOST_REQUIRE_EQUAL(due.size(), 1u);
        BOOST_TEST(due[0].duplicates == 1u);
    }
    // The village doctor voids the record made from hearsay; after the syncs no site flags it.
    at(village, "doctor-village").voidRecord(later, "重复登记：卫生院已于4月10日接种");
    village.sync();
    town.sync();
    for (auto* s : {&village, &town}) {
        const auto card = at(*s, "reader").card(childId);
        BOOST_TEST(card.records.size() == 2u);
        BOOST_TEST(card.duplicates == 0u);
    }
}

BOOST_AUTO_TEST_CASE(a_delivery_at_the_township_and_a_check_at_the_village_offline_both_stay) {
    auto mother = test::person("王秀梅", test::kVillageA, 1);
    mother.sex = "2";
    mother.birthDate = d("1995-04-04");
    services::Registration reg;
    reg.resident = mother;
    reg.newHouseholdAddress = "西村 8 号";
    const auto motherId = village.registry->registerResident(reg).id;
    services::Maternal atVillage(*village.db, services::Session::bootstrap("doctor-village"));
    atVillage.setToday(d("2026-05-20"));
    model::Pregnancy p;
    p.residentId = motherId;
    p.lmp = d("2025-09-01");
    p.gravidity = 1;
    p.parity = 0;
    const auto registered = atVillage.registerPregnancy(p);
    village.sync();
    town.sync();
    // Offline: the township records the delivery on 06-02; the village a check on 06-01.
    services::Maternal atTown(*town.db, services::Session::bootstrap("doctor-town"));
    atTown.setToday(d("2026-06-03"));
    services::DeliveryRequest delivery{registered.id, d("2026-06-02"), d("2026-06-03"), "hospital", "vaginal",
                                       {{"", "1", ""}}};
    const auto born = atTown.recordDelivery(delivery);
    model::MaternalVisit check;
    check.pregnancyId = registered.id;
    check.visitCode = "an5";
    check.visitDate = d("2026-06-01");
    check.systolic = 118;
    check.diastolic = 76;
    atVillage.setToday(d("2026-06-01"));
    atVillage.recordVisit(check);
    village.sync();
    town.sync();
    village.sync();
    for (auto* s : {&village, &town}) {
        const auto view = services::Maternal(*s->db, services::Session::bootstrap("reader")).ofResident(motherId).back();
        BOOST_TEST(view.pregnancy.state == "delivered");
        BOOST_TEST(formatDate(*view.pregnancy.deliveredOn) == "2026-06-02");
        BOOST_TEST(view.visits.size() == 1u);  // the village's check
        BOOST_REQUIRE_EQUAL(view.pregnancy.babies.size(), 1u);
        BOOST_TEST(view.pregnancy.babies[0] == born.babies[0].id);
        BOOST_TEST(s->registry->get(born.babies[0].id).name == "王秀梅之子");  // the newborn's record too
    }
}

BOOST_AUTO_TEST_SUITE_END()
