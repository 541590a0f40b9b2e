// Child health visits (groups.md "Children 0-6", issue 19): the schedule at its boundaries
// (a child born on 31 January, a leap-day birth, the newborn visit from the discharge), missed
// visits, the form's refusals, and through the service the growth assessed, the timeline and
// the due list.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/services/ChildHealth.h"
#include "core/services/Registry.h"

using namespace jiayi;
namespace child = rules::child;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

const child::VisitLine& line(const std::vector<child::VisitLine>& lines, const char* code) {
    for (const auto& l : lines)
        if (l.rule->code == code) return l;
    throw std::runtime_error("no visit");
}

std::string status(const std::vector<child::VisitLine>& lines, const char* code) {
    return child::statusCode(line(lines, code).status);
}

child::VisitForm form(const char* code, const char* date) {
    child::VisitForm f;
    f.code = code;
    f.date = d(date);
    f.weightKg = 7.5;
    f.lengthCm = 66;
    f.headCm = 42;
    f.development = "normal";
    return f;
}

bool has(const std::vector<FieldError>& errors, const char* field) {
    for (const auto& e : errors)
        if (e.field == field) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(child_health_rules)

BOOST_AUTO_TEST_CASE(a_child_born_on_31_january) {
    const auto& t = child::visitTable();
    BOOST_TEST(t.visits.size() == 13u);
    const auto birth = d("2026-01-31");
    // The 1-month visit at 28-30 days: 2026-02-28 … 2026-03-02, overdue from 03-03.
    auto plan = child::visitPlan(t, birth, std::nullopt, {}, d("2026-03-02"));
    BOOST_TEST(formatDate(line(plan, "m1").from) == "2026-02-28");
    BOOST_TEST(status(plan, "m1") == "due");
    BOOST_TEST(child::describe(line(plan, "m1")).find("2026-03-02") != std::string::npos);
    plan = child::visitPlan(t, birth, std::nullopt, {}, d("2026-03-03"));
    BOOST_TEST(status(plan, "m1") == "overdue");
    // The 3-month visit is due on its anniversary, clamped: 2026-04-30.
    BOOST_TEST(formatDate(line(plan, "m3").from) == "2026-04-30");
    BOOST_TEST(status(plan, "m3") == "upcoming");
    // Once the 3-month window opens, the 1-month visit not done is missed: do the current one.
    plan = child::visitPlan(t, birth, std::nullopt, {}, d("2026-04-30"));
    BOOST_TEST(status(plan, "m1") == "missed");
    BOOST_TEST(status(plan, "m3") == "due");
    // The newborn home visit: within 7 days of the discharge (day 0), else of the birth.
    plan = child::visitPlan(t, birth, d("2026-02-03"), {}, d("2026-02-10"));
    BOOST_TEST(status(plan, "newborn") == "due");
    plan = child::visitPlan(t, birth, d("2026-02-03"), {}, d("2026-02-11"));
    BOOST_TEST(status(plan, "newborn") == "overdue");
    BOOST_TEST(status(child::visitPlan(t, birth, std::nullopt, {}, d("2026-02-08")), "newborn") == "overdue");
    // Done.
    plan = child::visitPlan(t, birth, std::nullopt, {{"x", "m1", d("2026-03-01")}}, d("2026-03-05"));
    BOOST_TEST(status(plan, "m1") == "done");
}

BOOST_AUTO_TEST_CASE(a_leap_day_birth_has_its_anniversaries_on_28_february) {
    const auto plan = child::visitPlan(child::visitTable(), d("2024-02-29"), std::nullopt, {}, d("2024-03-01"));
    BOOST_TEST(formatDate(line(plan, "m12").from) == "2025-02-28");
    BOOST_TEST(formatDate(line(plan, "m24").from) == "2026-02-28");
    BOOST_TEST(formatDate(line(plan, "y4").from) == "2028-02-29");
    BOOST_TEST(formatDate(line(plan, "y4").lastOnTime) == "2028-05-29");  // 90 days on time
}

BOOST_AUTO_TEST_CASE(the_form_refuses_what_cannot_be) {
    const auto& t = child::visitTable();
    const auto birth = d("2026-01-31");
    const auto today = d("2026-12-07");
    BOOST_TEST(child::validateVisit(t, form("m3", "2026-04-30"), birth, std::nullopt, {}, today).empty());
    // Up to 14 days early (a vaccination day), not more.
    BOOST_TEST(child::validateVisit(t, form("m3", "2026-04-16"), birth, std::nullopt, {}, today).empty());
    BOOST_TEST(has(child::validateVisit(t, form("m3", "2026-04-15"), birth, std::nullopt, {}, today), "visit_date"));
    // Done already; not a visit of the table; in the future; before birth.
    BOOST_TEST(has(child::validateVisit(t, form("m3", "2026-05-02"), birth, std::nullopt, {{"a", "m3", d("2026-05-01")}}, today),
                   "visit"));
    BOOST_TEST(has(child::validateVisit(t, form("m4", "2026-05-02"), birth, std::nullopt, {}, today), "visit"));
    BOOST_TEST(has(child::validateVisit(t, form("m6", "2026-12-08"), birth, std::nullopt, {}, today), "visit_date"));
    // Measurements: required, in a child's range; head circumference to 3 years only.
    auto f = form("m6", "2026-07-31");
    f.weightKg.reset();
    f.lengthCm = 250;
    f.headCm.reset();
    f.development.clear();
    const auto errors = child::validateVisit(t, f, birth, std::nullopt, {}, today);
    BOOST_TEST(has(errors, "weight"));
    BOOST_TEST(has(errors, "length"));
    BOOST_TEST(has(errors, "head"));
    BOOST_TEST(has(errors, "development"));
    auto preschool = form("y4", "2030-02-01");
    preschool.headCm.reset();
    BOOST_TEST(child::validateVisit(t, preschool, birth, std::nullopt, {}, d("2030-02-02")).empty());
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct ChildFixture : test::DbFixture {
    std::string childId;
    ChildFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        childId = registry.registerResident(test::registration(test::child("王小花", "2026-01-31"), "西村 2 号")).id;
    }
    services::ChildHealth service(const char* today, services::Session s = services::Session::bootstrap("doctor1")) {
        services::ChildHealth c(*db, std::move(s));
        c.setToday(d(today));
        return c;
    }
    model::ChildVisit visit(const char* code, const char* date, double weight, double length, std::optional<double> head) {
        model::ChildVisit v;
        v.residentId = childId;
        v.visitCode = code;
        v.visitDate = d(date);
        v.weightKg = weight;
        v.lengthCm = length;
        v.headCm = head;
        v.development = "normal";
        v.feeding = "breast";
        v.guidance = {"feeding", "injury"};
        return v;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(child_health, ChildFixture)

BOOST_AUTO_TEST_CASE(a_visit_is_saved_with_its_growth_and_shows_on_the_timeline) {
    auto svc = service("2026-05-10");
    auto newborn = visit("newborn", "2026-02-05", 3.4, 50.5, 34.5);
    newborn.discharge = d("2026-02-03");
    svc.record(newborn);
    // A light girl at 3 months: weight-for-age below -2 SD (girls, 3 months: SD2neg 4.5 kg).
    const auto saved = svc.record(visit("m3", "2026-04-30", 4.3, 59.8, 39.5));
    BOOST_REQUIRE(!saved.growth.empty());
    BOOST_TEST(std::string(rules::growth::code(saved.growth[0].indicator)) == "wfa");
    BOOST_TEST(saved.growth[0].z < -2);
    BOOST_TEST(saved.growth[0].label == "Underweight");
    const auto t = svc.timeline(childId);
    BOOST_TEST(formatDate(*t.discharge) == "2026-02-03");
    BOOST_TEST(status(t.visits, "newborn") == "done");
    BOOST_TEST(status(t.visits, "m1") == "missed");
    BOOST_TEST(status(t.visits, "m3") == "done");
    BOOST_TEST(status(t.visits, "m6") == "upcoming");
    BOOST_REQUIRE_EQUAL(t.growth.size(), 2u);
    BOOST_TEST(t.growth[1].ageMonths > 2.9);
    BOOST_TEST(t.records[1].guidance.size() == 2u);  // stored and read back
    BOOST_TEST(!t.immunization.lines.empty());       // the doses on the same timeline
}

BOOST_AUTO_TEST_CASE(a_refused_visit_writes_nothing_and_the_due_list_names_the_visit) {
    auto svc = service("2026-08-05");
    auto bad = visit("m6", "2026-07-31", 0.2, 66, std::nullopt);
    bool refused = false;
    try {
        svc.record(bad);
    } catch (const ValidationError& e) {
        refused = true;
        BOOST_TEST(e.errors().size() >= 2u);  // weight and head at once
    }
    BOOST_TEST(refused);
    BOOST_TEST(svc.timeline(childId).records.empty());
    const auto due = svc.due("371721001", d("2026-08-05"));
    BOOST_REQUIRE_EQUAL(due.size(), 1u);
    BOOST_TEST(due[0].visit.rule->code == "m6");
    BOOST_TEST(child::describe(due[0].visit).find("2026-08-30") != std::string::npos);
    // Another village's doctor: nothing, and no signing.
    auto other = service("2026-08-05", test::signedIn(rules::Role::VillageDoctor, test::kVillageB));
    BOOST_TEST(other.due("", d("2026-08-05")).empty());
    BOOST_CHECK_THROW(other.record(visit("m6", "2026-08-01", 7.5, 66, 42)), PermissionError);
}

BOOST_AUTO_TEST_SUITE_END()
