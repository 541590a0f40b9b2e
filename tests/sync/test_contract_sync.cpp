// Family-doctor contracts across sites through a real HTTPS hub (issue 17): teams set up at
// the township reach the village clinic; a household signed offline at the village with one
// team and at the township with another ends, after syncs, with one standing contract per
// member — the same one at both sites — and the other kept for review; a doctor's decision
// at one site closes the review everywhere.
#include <boost/test/unit_test.hpp>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/services/Contracts.h"

using namespace jiayi;
using services::Contracts;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct Township {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    test::Station village{dir.file("village.db"), "doctor-village"};
    test::Station town{dir.file("town.db"), "doctor-town"};
    std::string household, head, wife, teamVillage, teamTown;

    Township() {
        hub.enrol(*village.db, test::kVillageA, "西村卫生室");
        hub.enrol(*town.db, "371721001", "曹城街道卫生院");
        // The township hospital sets up two teams serving village A.
        Contracts setup(*town.db, services::Session::bootstrap("doctor-town"));
        model::CareTeam a;
        a.name = "西村团队";
        a.lead = "doctor-lead";
        a.villages = {test::kVillageA};
        teamVillage = setup.createTeam(a, {test::teamMember("doctor-village", "village_doctor"), test::teamMember("nurse-a", "nurse")})
                          .team.id;
        model::CareTeam b;
        b.name = "街道团队";
        b.lead = "doctor-town";
        b.villages = {test::kVillageA};
        teamTown = setup.createTeam(b, {test::teamMember("nurse-b", "nurse")}).team.id;
        // The village clinic registers a couple.
        services::Registration first;
        first.resident = test::person("王建国", test::kVillageA, 15);
        first.newHouseholdAddress = "西村 1 号";
        head = village.registry->registerResident(first).id;
        household = village.registry->householdOf(head)->id;
        services::Registration second;
        second.resident = test::person("李秀英", test::kVillageA, 17);
        second.householdId = household;
        second.relation = "1";
        wife = village.registry->registerResident(second).id;
        syncAll();
    }
    void syncAll() {
        village.sync();
        town.sync();
        village.sync();
    }
    Contracts at(test::Station& s, const char* login) {
        Contracts c(*s.db, services::Session::bootstrap(login));
        c.setToday(d("2026-03-10"));
        return c;
    }
    services::ContractDraft draft(const std::string& team) {
        services::ContractDraft x;
        x.teamId = team;
        x.signedOn = d("2026-03-10");
        x.agreementSigned = true;
        return x;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(contracts_through_the_hub, Township)

BOOST_AUTO_TEST_CASE(teams_set_up_at_the_township_reach_the_village) {
    const auto teams = at(village, "doctor-village").teams();
    BOOST_REQUIRE_EQUAL(teams.size(), 2U);
    const auto mine = at(village, "doctor-village").team(teamVillage);
    BOOST_TEST(mine.signs("doctor-village"));
    BOOST_TEST(!mine.signs("nurse-a"));
}

BOOST_AUTO_TEST_CASE(a_household_signed_offline_at_two_sites_keeps_one_standing_contract_and_one_for_review) {
    // Offline: the village doctor signs the couple with the village team; the township
    // doctor signs them with the township team.
    at(village, "doctor-village").signHousehold(household, draft(teamVillage));
    at(town, "doctor-town").signHousehold(household, draft(teamTown));
    syncAll();
    // Each member: two contracts in force, one stands — the same at both sites.
    for (const auto& person : {head, wife}) {
        const auto here = at(village, "doctor-village").current(person, d("2026-03-10"));
        const auto there = at(town, "doctor-town").current(person, d("2026-03-10"));
        BOOST_REQUIRE(here && there);
        BOOST_TEST(here->contract.id == there->contract.id);
        const auto all = at(village, "doctor-village").ofResident(person);
        BOOST_REQUIRE_EQUAL(all.size(), 2U);
        int review = 0;
        for (const auto& v : all) review += v.effectiveState == "review" ? 1 : 0;
        BOOST_TEST(review == 1);
    }
    // Both sites list the same two cases and count each member once.
    const auto villageCases = at(village, "doctor-village").inReview({}, d("2026-03-10"));
    const auto townCases = at(town, "doctor-town").inReview({}, d("2026-03-10"));
    BOOST_REQUIRE_EQUAL(villageCases.size(), 2U);
    BOOST_REQUIRE_EQUAL(townCases.size(), 2U);
    const auto coverage = at(town, "doctor-town").coverage(test::kVillageA, {}, d("2026-03-10"));
    BOOST_TEST(coverage.all.people == 2);
    BOOST_TEST(coverage.all.signedPeople == 2);

    // The couple chose the township team: its doctor keeps those contracts at the township.
    for (const auto& c : townCases) {
        const auto& keep = c.standing.contract.teamId == teamTown ? c.standing : c.waiting;
        at(town, "doctor-town").resolveReview(keep.contract.id, "居民选择街道团队");
    }
    syncAll();
    BOOST_TEST(at(village, "doctor-village").inReview({}, d("2026-03-10")).empty());
    BOOST_TEST(at(town, "doctor-town").inReview({}, d("2026-03-10")).empty());
    for (const auto& person : {head, wife}) {
        const auto here = at(village, "doctor-village").current(person, d("2026-03-10"));
        BOOST_REQUIRE(here);
        BOOST_TEST(here->contract.teamId == teamTown);
        for (const auto& v : at(village, "doctor-village").ofResident(person))
            if (v.contract.teamId == teamVillage) {
                BOOST_TEST(v.contract.state == "terminated");
                BOOST_TEST(v.contract.endReason == "other");
            }
    }
}

BOOST_AUTO_TEST_CASE(a_death_recorded_at_the_village_ends_the_contract_everywhere) {
    const auto signedHere = at(town, "doctor-town").signHousehold(household, draft(teamTown));
    syncAll();
    village.registry->close(head, model::RecordStatus::Dead, d("2026-06-01"), "脑卒中");
    syncAll();
    const auto there = at(town, "doctor-town").view(signedHere.front().contract.id);
    BOOST_TEST(there.contract.state == "terminated");
    BOOST_TEST(there.contract.endReason == "dead");
    BOOST_TEST(formatDate(*there.contract.endedOn) == "2026-06-01");
    BOOST_TEST(at(town, "doctor-town").current(wife, d("2026-06-02")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
