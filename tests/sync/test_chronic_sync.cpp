// Chronic care across sites through a real HTTPS hub (issue 4; ARCHITECTURE.md merge rules):
// follow-ups are append-only events (a correction made at another site arrives as a new
// version, nothing is overwritten); a referral changed at both ends offline converges to
// the state furthest along with both sides' notes kept; a programme closed at one site
// and edited at another keeps both, and a reopen wins by its raised epoch.
#include <boost/test/unit_test.hpp>

#include "../core/ChronicTestSupport.h"
#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/services/Referrals.h"
#include "core/store/ChronicRepository.h"
#include "core/store/ReferralRepository.h"

using namespace jiayi;

namespace {

struct TwoSites {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    test::Station village{dir.file("village.db"), "doctor-village"};
    test::Station town{dir.file("town.db"), "doctor-town"};
    std::string residentId;
    TwoSites() {
        hub.enrol(*village.db, test::kVillageA, "西村卫生室");
        hub.enrol(*town.db, "371721001", "曹城街道卫生院");
        services::Registration reg;
        reg.resident = test::person("王建国", test::kVillageA, 15);  // born 1955
        reg.newHouseholdAddress = "西村 1 号";
        residentId = village.registry->registerResident(reg).id;
    }
    void syncAll() {
        village.sync();
        town.sync();
        village.sync();
    }
    model::Referral sentReferral() {
        model::Referral r;
        r.residentId = residentId;
        r.toInstitution = "曹城街道卫生院";
        r.reason = "血压控制不满意";
        r.consent = true;
        r.referredOn = parseDate("2026-03-01");
        return services::Referrals(*village.db, services::Session::bootstrap("doctor-village")).create(r, true);
    }
};

std::size_t rows(store::Database& db, const char* sql) {
    auto& st = db.cached(sql);
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(chronic_sync, TwoSites)

BOOST_AUTO_TEST_CASE(follow_ups_and_corrections_arrive_as_versions_everywhere) {
    const auto enrolment = test::enrolIn(*village.db, residentId, "htn", "2026-01-05", "doctor-village");
    const auto first = test::signVisit(*village.db, test::clinicVisit(residentId, "htn", "2026-03-01", 150, 92),
                                       "doctor-village");
    syncAll();
    // The township corrects the village's record; the village adds the next visit.
    services::ChronicCare townCare(*town.db, services::Session::bootstrap("doctor-town"));
    townCare.setToday(*parseDate("2026-12-31"));
    townCare.correct(first.id, test::clinicVisit(residentId, "htn", "2026-03-01", 130, 82), "抄错了数字");
    test::signVisit(*village.db, test::clinicVisit(residentId, "htn", "2026-06-01", 132, 80), "doctor-village");
    syncAll();
    for (auto* db : {village.db.get(), town.db.get()}) {
        BOOST_TEST(rows(*db, "SELECT count(*) FROM follow_up") == 3u);
        services::ChronicCare care(*db, services::Session::bootstrap("reader"));
        const auto versions = care.versions(first.id);
        BOOST_REQUIRE_EQUAL(versions.size(), 2u);
        BOOST_TEST(*versions[0].systolic == 150);  // the original stays
        BOOST_TEST(*versions[1].systolic == 130);
        const auto current = store::ChronicRepository(*db).currentFollowUps(enrolment.id);
        BOOST_TEST(current.size() == 2u);
        BOOST_TEST(rows(*db, "SELECT count(*) FROM conflict") == 0u);  // events never conflict
    }
}

BOOST_AUTO_TEST_CASE(a_referral_cancelled_and_accepted_offline_converges_to_accepted_with_both_notes) {
    const auto sent = sentReferral();
    syncAll();
    // Offline at the same time: the village cancels, the township accepts.
    services::Referrals(*village.db, services::Session::bootstrap("doctor-village")).cancel(sent.id, "患者自行去了县医院");
    services::Referrals(*town.db, services::Session::bootstrap("doctor-town")).accept(sent.id);
    syncAll();
    town.sync();
    for (auto* db : {village.db.get(), town.db.get()}) {
        const auto r = store::ReferralRepository(*db).get(sent.id);
        BOOST_REQUIRE(r);
        BOOST_TEST(r->state == "accepted");               // furthest along
        BOOST_TEST(r->cancelReason == "患者自行去了县医院");  // the sender's note stays
        BOOST_TEST(r->acceptedBy == "doctor-town");
    }
    // The answer then moves on and reaches the village.
    model::Referral slip;
    slip.returnDiagnosis = "原发性高血压2级";
    slip.returnOutcome = "improved";
    services::Referrals(*town.db, services::Session::bootstrap("doctor-town")).returnSlip(sent.id, slip);
    syncAll();
    BOOST_TEST(store::ReferralRepository(*village.db).get(sent.id)->state == "returned");
}

BOOST_AUTO_TEST_CASE(a_programme_closed_here_while_edited_there_keeps_both_and_a_reopen_wins) {
    const auto e = test::enrolIn(*village.db, residentId, "htn", "2026-01-05", "doctor-village");
    syncAll();
    // Offline at the same time: the village closes the programme, the township hands the
    // patient to another doctor. Different fields: both stay, no conflict.
    services::ChronicCare villageCare(*village.db, services::Session::bootstrap("doctor-village"));
    villageCare.close(e.id, "moved", parseDate("2026-05-01"), "去外地");
    auto handed = *store::ChronicRepository(*town.db).enrolment(e.id);
    handed.doctor = "doctor-town";
    {
        store::Transaction tx(*town.db);
        store::ChronicRepository(*town.db).update(handed, "doctor-town");
        tx.commit();
    }
    syncAll();
    town.sync();
    for (auto* db : {village.db.get(), town.db.get()}) {
        const auto merged = *store::ChronicRepository(*db).enrolment(e.id);
        BOOST_TEST(merged.status == "closed");
        BOOST_TEST(merged.closeReason == "moved");
        BOOST_TEST(merged.doctor == "doctor-town");
        BOOST_TEST(rows(*db, "SELECT count(*) FROM conflict") == 0u);
    }
    // The township reopens it (the move was a mistake): the raised epoch wins everywhere.
    services::ChronicCare townCare(*town.db, services::Session::bootstrap("doctor-town"));
    townCare.reopen(e.id);
    syncAll();
    for (auto* db : {village.db.get(), town.db.get()}) {
        const auto merged = *store::ChronicRepository(*db).enrolment(e.id);
        BOOST_TEST(merged.status == "active");
        BOOST_TEST(merged.closeReason.empty());
    }
}

BOOST_AUTO_TEST_SUITE_END()
