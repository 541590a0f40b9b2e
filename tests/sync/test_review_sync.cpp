// Review cases across sites through a real HTTPS hub (issue 18, quality.md "Review workflow"):
// a supervisor at the township draws the village clinic's follow-ups and sends one back; the
// village doctor sees the request after a sync and corrects the record; the correction and
// the answered case reach the supervisor after the next, who closes it; the population a
// supervisor entered reaches the village.
#include <boost/test/unit_test.hpp>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Quality.h"
#include "core/services/Supervision.h"
#include "core/services/Worklist.h"
#include "core/store/ChronicRepository.h"

using namespace jiayi;

namespace {

Date d(const char* text) {
    return parseDate(text).value();
}

struct Township {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    test::Station village{dir.file("village.db"), "doctor-village"};
    test::Station town{dir.file("town.db"), "supervisor"};
    std::string patient, visit;

    Township() {
        hub.enrol(*village.db, test::kVillageA, "西村卫生室");
        hub.enrol(*town.db, "371721001", "曹城街道卫生院");
        services::Registration r;
        r.resident = test::person("王建国", test::kVillageA, 15);
        r.newHouseholdAddress = "西村 1 号";
        patient = village.registry->registerResident(r).id;
        services::ChronicCare care(*village.db, services::Session::bootstrap("doctor-village"));
        care.setToday(d("2026-12-31"));
        services::EnrolmentRequest e;
        e.residentId = patient;
        e.programme = "htn";
        e.enrolledOn = d("2026-01-05");
        care.enrol(e);
        model::FollowUp f;
        f.residentId = patient;
        f.programme = "htn";
        f.visitDate = d("2026-03-02");
        f.mode = "clinic";
        f.systolic = 130;
        f.diastolic = 80;
        f.weight = 66;
        f.height = 168;
        visit = care.recordVisit({f}).records.at(0).id;
        village.sync();
        town.sync();
    }
    services::Quality supervisor() {
        services::Quality q(*town.db, services::Session::bootstrap("supervisor"));
        q.setToday(d("2026-04-01"));
        return q;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(reviews_through_the_hub, Township)

BOOST_AUTO_TEST_CASE(a_request_goes_to_the_village_and_its_answer_comes_back) {
    auto q = supervisor();
    services::SampleRequest req;
    req.period = rules::indicators::parsePeriod("2026");
    req.size = 5;
    req.reviewers = {"supervisor"};
    req.seed = 9;
    const auto drawn = q.drawSample(req);
    BOOST_REQUIRE_EQUAL(drawn.size(), 1U);
    BOOST_TEST(drawn[0].review.recordId == visit);
    const auto id = drawn[0].review.id;
    services::Verification v;
    v.method = "phone";
    v.outcome = "data_error";
    v.systolic = 148;
    v.diastolic = 92;
    v.note = "患者自述当天血压148/92";
    q.verify(id, v);
    q.sendBack(id, "请核对血压");
    // Before a sync the village knows nothing of it.
    services::Quality author(*village.db, services::Session::bootstrap("doctor-village"));
    BOOST_TEST(author.requests().empty());
    town.sync();
    village.sync();
    const auto requests = author.requests();
    BOOST_REQUIRE_EQUAL(requests.size(), 1U);
    BOOST_TEST(requests[0].review.sendBackNote == "请核对血压");
    // … and on the village doctor's worklist, in words.
    const auto items =
        services::Worklist(*village.db, services::Session::bootstrap("doctor-village"))
            .build({}, d("2026-04-02"));
    const auto line = std::find_if(items.begin(), items.end(), [](const services::WorkItem& i) {
        return i.kind == services::WorkKind::Review;
    });
    BOOST_REQUIRE(line != items.end());
    BOOST_TEST(line->reason.find("2026-03-02") != std::string::npos);
    BOOST_TEST(line->reason.find("请核对血压") != std::string::npos);
    // The author corrects with a reason: a new version; the case is answered in the same write.
    services::ChronicCare care(*village.db, services::Session::bootstrap("doctor-village"));
    care.setToday(d("2026-04-03"));
    auto corrected = store::ChronicRepository(*village.db).followUp(visit).value();
    corrected.systolic = 148;
    corrected.diastolic = 92;
    corrected.classification.clear();
    const auto fixed = care.correct(visit, corrected, "按质控核实更正");
    BOOST_TEST(author.requests().empty());
    village.sync();
    town.sync();
    const auto answered = q.view(id);
    BOOST_TEST(answered.review.state == "corrected");
    BOOST_TEST(answered.review.correctionId == fixed.id);
    BOOST_TEST(store::ChronicRepository(*town.db).followUp(fixed.id).has_value());
    BOOST_TEST(q.close(id, "").review.state == "closed");
    town.sync();
    village.sync();
    BOOST_TEST(services::Quality(*village.db, services::Session::bootstrap("doctor-village"))
                   .view(id)
                   .review.state == "closed");
}

BOOST_AUTO_TEST_CASE(the_population_entered_at_the_township_reaches_the_village) {
    services::Supervision s(*town.db, services::Session::bootstrap("supervisor"));
    s.setPopulation(test::kVillageA, 2026, 1200);
    town.sync();
    village.sync();
    services::Supervision there(*village.db, services::Session::bootstrap("doctor-village"));
    BOOST_TEST(there.populations(test::kVillageA, 2026).at(test::kVillageA) == 1200);
}

BOOST_AUTO_TEST_SUITE_END()
