// The contract rules of ../shared/domain/contracts.md (issue 17), at their boundaries, and
// the service packages as data.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "TestSupport.h"
#include "core/rules/Contracts.h"
#include "core/rules/Packages.h"
#include "core/util/Error.h"

using namespace jiayi;
using namespace jiayi::rules::contracts;

namespace {

Date d(const char* text) { return *parseDate(text); }

Term signedFrom(const char* start) { return {d(start), termEnd(d(start)), State::Signed, std::nullopt}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(contract_rules)

BOOST_AUTO_TEST_CASE(a_term_ends_the_day_before_its_anniversary) {
    BOOST_TEST(formatDate(termEnd(d("2026-03-01"))) == "2027-02-28");
    BOOST_TEST(formatDate(termEnd(d("2027-03-01"))) == "2028-02-29");  // into a leap year
    BOOST_TEST(formatDate(termEnd(d("2026-01-01"))) == "2026-12-31");
    BOOST_TEST(formatDate(termEnd(d("2024-02-29"))) == "2025-02-27");  // anniversary on the 28th
    BOOST_TEST(formatDate(termEnd(d("2026-03-01"), 3)) == "2029-02-28");
}

BOOST_AUTO_TEST_CASE(states_move_forward_only) {
    BOOST_TEST(canMove(State::Pending, State::Signed));
    BOOST_TEST(canMove(State::Pending, State::Terminated));
    BOOST_TEST(!canMove(State::Pending, State::Renewed));
    BOOST_TEST(canMove(State::Signed, State::Renewed));
    BOOST_TEST(canMove(State::Signed, State::Expired));
    BOOST_TEST(canMove(State::Renewed, State::Terminated));
    BOOST_TEST(!canMove(State::Signed, State::Pending));
    BOOST_TEST(!canMove(State::Terminated, State::Signed));
    BOOST_TEST(!canMove(State::Expired, State::Renewed));
    for (const auto s : {State::Pending, State::Signed, State::Renewed, State::Terminated, State::Expired})
        BOOST_TEST((stateFromCode(code(s)) == s));
    for (const auto r : {EndReason::Lost, EndReason::Moved, EndReason::Dead, EndReason::Refused, EndReason::Resigned,
                         EndReason::Other})
        BOOST_TEST((endReasonFromCode(code(r)) == r));
    BOOST_TEST(!stateFromCode("active").has_value());
}

BOOST_AUTO_TEST_CASE(in_force_on_both_dates_and_expired_the_day_after) {
    const auto t = signedFrom("2026-03-01");
    BOOST_TEST(!inForce(t, d("2026-02-28")));
    BOOST_TEST(inForce(t, d("2026-03-01")));
    BOOST_TEST(inForce(t, d("2027-02-28")));
    BOOST_TEST(!inForce(t, d("2027-03-01")));
    BOOST_TEST(!expiredOn(t, d("2027-02-28")));
    BOOST_TEST(expiredOn(t, d("2027-03-01")));
    auto pending = t;
    pending.state = State::Pending;
    BOOST_TEST(!inForce(pending, d("2026-06-01")));
}

BOOST_AUTO_TEST_CASE(a_termination_is_the_last_day_in_force) {
    auto t = signedFrom("2026-03-01");
    t.state = State::Terminated;
    BOOST_TEST(!inForce(t, d("2026-06-01")));  // a terminated contract is no longer in force
    auto dying = signedFrom("2026-03-01");
    dying.terminatedOn = d("2026-06-10");
    BOOST_TEST(inForce(dying, d("2026-06-10")));
    BOOST_TEST(!inForce(dying, d("2026-06-11")));
    // A visit on the day counts; one after it does not.
    BOOST_TEST(countsToward(dying, d("2026-06-10")));
    BOOST_TEST(!countsToward(dying, d("2026-06-11")));
    // 重签: the old contract ends the day before the new one starts.
    BOOST_TEST(formatDate(resignedEnd(d("2026-09-01"))) == "2026-08-31");
}

BOOST_AUTO_TEST_CASE(renewal_reminders_from_thirty_days_before_the_end) {
    const auto t = signedFrom("2026-03-01");  // ends 2027-02-28
    BOOST_TEST(!renewalDue(t, d("2027-01-28")));
    BOOST_TEST(renewalDue(t, d("2027-01-29")));  // end − 30 days
    BOOST_TEST(renewalDue(t, d("2027-02-28")));
    BOOST_TEST(!renewalDue(t, d("2027-03-01")));
}

BOOST_AUTO_TEST_CASE(visits_count_inside_the_contract_year_only) {
    const auto t = signedFrom("2026-03-01");
    BOOST_TEST(!countsToward(t, d("2026-02-28")));
    BOOST_TEST(countsToward(t, d("2026-03-01")));
    BOOST_TEST(countsToward(t, d("2027-02-28")));
    BOOST_TEST(!countsToward(t, d("2027-03-01")));
}

BOOST_AUTO_TEST_CASE(occurrences_fall_due_through_the_year) {
    const auto t = signedFrom("2026-01-01");  // 365 days
    BOOST_TEST(occurrencesDue(4, t, d("2025-12-31")) == 0);
    BOOST_TEST(occurrencesDue(4, t, d("2026-01-01")) == 0);
    BOOST_TEST(occurrencesDue(4, t, d("2026-04-01")) == 0);  // day 91 of 365: 91 × 4 < 365
    BOOST_TEST(occurrencesDue(4, t, d("2026-04-02")) == 1);  // day 92: 368 ≥ 365
    BOOST_TEST(occurrencesDue(4, t, d("2026-07-02")) == 2);
    BOOST_TEST(occurrencesDue(4, t, d("2026-12-31")) == 4);
    BOOST_TEST(occurrencesDue(4, t, d("2027-06-01")) == 4);
    BOOST_TEST(occurrencesDue(1, t, d("2026-12-30")) == 0);  // an annual check: due at the end
    BOOST_TEST(occurrencesDue(1, t, d("2026-12-31")) == 1);
    BOOST_TEST(occurrencesDue(0, t, d("2026-12-31")) == 0);
}

BOOST_AUTO_TEST_CASE(each_occurrence_has_the_day_it_falls_due) {
    const auto t = signedFrom("2026-01-01");  // 365 days
    // The day occurrencesDue first reaches k, for each k.
    for (int n : {1, 2, 4, 6, 12})
        for (int k = 1; k <= n; ++k) {
            const auto day = occurrenceDueOn(k, n, t);
            BOOST_TEST(occurrencesDue(n, t, day) >= k);
            BOOST_TEST(occurrencesDue(n, t, addDays(day, -1)) < k);
        }
    BOOST_TEST(formatDate(occurrenceDueOn(1, 4, t)) == "2026-04-02");
    BOOST_TEST(formatDate(occurrenceDueOn(4, 4, t)) == "2026-12-31");
}

BOOST_AUTO_TEST_CASE(an_item_is_done_due_or_overdue) {
    const auto t = signedFrom("2026-01-01");
    // 4 follow-ups a year, one delivered by 2 July (2 due): overdue, the 2nd owed since its day.
    auto p = progress(4, t, 1, d("2026-07-02"));
    BOOST_TEST((p.status == ItemStatus::Overdue));
    BOOST_TEST(p.dueSoFar == 2);
    BOOST_TEST(p.countedDelivered() == 1);
    BOOST_TEST(formatDate(*p.nextDue) == formatDate(occurrenceDueOn(2, 4, t)));
    p = progress(4, t, 2, d("2026-07-02"));
    BOOST_TEST((p.status == ItemStatus::Due));
    BOOST_TEST(formatDate(*p.nextDue) == formatDate(occurrenceDueOn(3, 4, t)));
    // Delivered ahead of time: done, and the rate counts no more than is due.
    p = progress(4, t, 5, d("2026-03-01"));
    BOOST_TEST((p.status == ItemStatus::Done));
    BOOST_TEST(p.countedDelivered() == 0);
    // Terminated on 10 June: nothing falls due after it.
    auto ended = t;
    ended.state = State::Terminated;
    ended.terminatedOn = d("2026-06-10");
    p = progress(4, ended, 1, d("2026-12-31"));
    BOOST_TEST(p.dueSoFar == 1);
    BOOST_TEST((p.status == ItemStatus::Ended));
    BOOST_TEST(inForce(ended, d("2026-06-10")));  // history: it was in force up to its end
    BOOST_TEST(!inForce(ended, d("2026-06-11")));
}

BOOST_AUTO_TEST_CASE(priority_groups_at_the_age_boundaries) {
    PersonFacts elder{d("1961-05-10"), false, {}, {}};
    BOOST_TEST(priorityGroups(elder, d("2026-05-09")).empty());  // the day before the 65th birthday
    BOOST_TEST((priorityGroups(elder, d("2026-05-10")) == std::vector<Group>{Group::Elderly65}));
    PersonFacts child{d("2019-08-20"), false, {}, {}};
    BOOST_TEST((priorityGroups(child, d("2026-08-19")) == std::vector<Group>{Group::Child0to6}));
    BOOST_TEST(priorityGroups(child, d("2026-08-20")).empty());  // the 7th birthday
    // 29 February: the birthday falls on 28 February in a common year.
    PersonFacts leap{d("1960-02-29"), false, {}, {}};
    BOOST_TEST(priorityGroups(leap, d("2025-02-27")).empty());
    BOOST_TEST((priorityGroups(leap, d("2025-02-28")) == std::vector<Group>{Group::Elderly65}));
    BOOST_TEST(completedYears(d("2020-02-29"), d("2027-02-28")) == 7);
    BOOST_TEST(completedYears(d("2020-02-29"), d("2028-02-28")) == 7);  // a leap year: the 29th
    BOOST_TEST(completedYears(d("2020-02-29"), d("2028-02-29")) == 8);
    // Programmes and hand-set tags, in one order.
    PersonFacts sick{d("1970-01-01"), false, {"t2d", "htn"}, {Group::Dibao}};
    BOOST_TEST((priorityGroups(sick, d("2026-01-01")) ==
                std::vector<Group>{Group::Hypertension, Group::Diabetes, Group::Dibao}));
    PersonFacts mother{d("1996-01-01"), true, {}, {}};
    BOOST_TEST((priorityGroups(mother, d("2026-01-01")) == std::vector<Group>{Group::Pregnant}));
    for (const auto g : allGroups()) BOOST_TEST((groupFromCode(code(g)) == g));
}

BOOST_AUTO_TEST_CASE(a_doctor_past_two_thousand_signed_residents_is_warned) {
    BOOST_TEST(!pastDoctorLimit(2000));
    BOOST_TEST(pastDoctorLimit(2001));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(service_packages)

BOOST_AUTO_TEST_CASE(the_shipped_packages_load_and_say_what_is_due_for_whom) {
    const auto set = loadPackages(2026);
    BOOST_TEST(set.edition == "2026");
    const auto* basic = set.find("basic");
    BOOST_REQUIRE(basic);
    BOOST_TEST(basic->basic);
    BOOST_TEST(basic->name == "基础服务包");
    const auto item = [&](const char* code) {
        for (const auto& i : basic->items)
            if (i.code == code) return i;
        BOOST_FAIL("no item");
        return PackageItem{};
    };
    // A hypertensive 70-year-old: the follow-ups of hypertension and the annual check, not
    // the diabetes follow-ups; the guidance item applies to everyone.
    const std::vector<Group> groups{Group::Elderly65, Group::Hypertension};
    BOOST_TEST(appliesTo(item("htn_followup"), groups));
    BOOST_TEST(item("htn_followup").timesPerYear == 4);
    BOOST_TEST(!appliesTo(item("t2d_followup"), groups));
    BOOST_TEST(appliesTo(item("annual_check"), groups));
    BOOST_TEST(appliesTo(item("health_guidance"), {}));
    // One combined hypertension and diabetes visit counts for both programmes' items.
    const Delivery htn{"followup", "htn", "clinic", ""}, t2d{"followup", "t2d", "clinic", ""};
    BOOST_TEST(delivers(item("htn_followup"), htn));
    BOOST_TEST(!delivers(item("htn_followup"), t2d));
    BOOST_TEST(delivers(item("t2d_followup"), t2d));
    BOOST_TEST(delivers(item("annual_check"), Delivery{"health_check", "", "", ""}));
    const auto* home = set.find("elderly_home");
    BOOST_REQUIRE(home);
    BOOST_TEST(!home->basic);
    BOOST_TEST(delivers(home->items.front(), Delivery{"followup", "htn", "home", ""}));
    BOOST_TEST(!delivers(home->items.front(), Delivery{"followup", "htn", "clinic", ""}));
}

BOOST_AUTO_TEST_CASE(a_mistake_in_a_package_file_is_named) {
    test::TempDir dir;
    const auto write = [&](const std::string& text) {
        std::ofstream(dir.file("p.json")) << text;
        return dir.file("p.json");
    };
    const auto refused = [&](const std::string& text, const std::string& field, const std::string& words) {
        try {
            loadPackages(write(text));
        } catch (const ValidationError& e) {
            BOOST_TEST(e.field() == field);
            BOOST_TEST(e.reason().find(words) != std::string::npos, e.reason());
            return;
        }
        BOOST_FAIL("accepted: " + text);
    };
    const std::string head = R"({"edition":"2026","packages":[{"code":"basic","name":"基础包","kind":"basic","items":[)";
    refused(head + R"({"code":"x","name":"X","times_per_year":0}]}]})", "times_per_year", "basic / x");
    refused(head + R"({"code":"x","name":"X","times_per_year":4,"for":["elderly"]}]}]})", "for", "elderly");
    refused(head + R"({"code":"x","name":"X","times_per_year":4,"counted_by":["visit"]}]}]})", "counted_by", "visit");
    refused(head + R"({"code":"x","name":"X","times_per_year":4},{"code":"x","name":"Y","times_per_year":1}]}]})",
            "items", "twice");
    refused(R"({"edition":"2026","packages":[{"code":"p","name":"P","kind":"personalised","items":[{"code":"x","name":"X","times_per_year":1}]}]})",
            "packages", "no basic package");
    refused("{not json", "file", "JSON");
}

BOOST_AUTO_TEST_SUITE_END()
