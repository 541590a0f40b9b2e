// Blood-pressure screening on a real SQLite file (chronic.md, Hypertension, "Screening"):
// recheck after a high reading, suspected hypertension after 3 high days, high-risk
// factors from the record and the readings, the worklist entry, bad input.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/Screening.h"
#include "core/services/Worklist.h"

using namespace jiayi;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct ScreeningFixture : test::DbFixture {
    std::string residentId;
    ScreeningFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        services::Registration reg;
        reg.resident = test::sampleResident();  // 张三, male, born 1960
        reg.resident.familyHistory.father = {"2"};  // hypertension
        reg.newHouseholdAddress = "西村 1 号";
        residentId = registry.registerResident(reg).id;
    }
    services::Screening screening(const char* today = "2026-05-01") {
        services::Screening s(*db, services::Session::bootstrap("doctor1"));
        s.setToday(d(today));
        return s;
    }
    void reading(const char* date, int sbp, int dbp) {
        model::BpScreening s;
        s.residentId = residentId;
        s.screenedOn = d(date);
        s.systolic = sbp;
        s.diastolic = dbp;
        s.weight = 80;
        s.height = 170;
        screening().record(s);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(screening, ScreeningFixture)

BOOST_AUTO_TEST_CASE(recheck_then_suspected_after_three_high_days) {
    reading("2026-04-01", 146, 88);
    auto status = screening().status(residentId);
    BOOST_TEST(status.outcome.recheck);
    BOOST_TEST(formatDate(*status.outcome.due) == "2026-04-08");
    // High-risk: family history, BMI 27.7 and age 65 (55 or older).
    BOOST_TEST(status.highRisk.size() == 3u);
    reading("2026-04-08", 150, 95);
    reading("2026-04-15", 142, 90);
    status = screening().status(residentId);
    BOOST_TEST(status.outcome.suspected);
    BOOST_TEST(status.outcome.reason.find("3") != std::string::npos);

    const auto items = services::Worklist(*db, services::Session::bootstrap("reader")).build({test::kVillageA, ""}, d("2026-05-01"));
    const auto screeningItem = std::find_if(items.begin(), items.end(), [](const services::WorkItem& i) {
        return i.kind == services::WorkKind::Screening;
    });
    BOOST_REQUIRE(screeningItem != items.end());
    BOOST_TEST(screeningItem->priority == 1);
    BOOST_TEST(formatDate(*screeningItem->due) == "2026-04-29");

    // Once under hypertension management, screening no longer lists him.
    test::enrolIn(*db, residentId, "htn", "2026-04-20");
    const auto after = services::Worklist(*db, services::Session::bootstrap("reader")).build({test::kVillageA, ""}, d("2026-05-01"));
    BOOST_TEST(std::none_of(after.begin(), after.end(),
                            [](const services::WorkItem& i) { return i.kind == services::WorkKind::Screening; }));
}

BOOST_AUTO_TEST_CASE(normal_readings_come_back_in_six_months_when_high_risk) {
    reading("2026-04-01", 128, 80);
    const auto status = screening().status(residentId);
    BOOST_TEST(!status.outcome.recheck);
    BOOST_TEST(formatDate(*status.outcome.due) == "2026-10-01");
}

BOOST_AUTO_TEST_CASE(bad_readings_are_refused_with_the_field) {
    model::BpScreening s;
    s.residentId = residentId;
    s.screenedOn = d("2026-04-01");
    s.systolic = 80;
    s.diastolic = 95;
    s.waist = 500;
    try {
        screening().record(s);
        BOOST_FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.errors().size() == 2u);
        BOOST_TEST(e.errors()[0].field == "diastolic");
        BOOST_TEST(e.errors()[1].field == "waist");
    }
    BOOST_TEST(screening().status(residentId).readings.empty());
}

BOOST_AUTO_TEST_SUITE_END()
