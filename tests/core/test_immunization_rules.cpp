// The immunization schedule (../shared/domain/groups.md, "Immunization" and "Date
// conventions") at its boundaries: due and overdue days by the birth date (a child born on
// 31 January, a leap-day birth), the minimum age and interval, duplicates, the alternatives
// of one protection, a person outside the schedule's ages, catch-up order; both editions.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/rules/Immunization.h"

using namespace jiayi;
using namespace jiayi::rules::immunization;

namespace {

Date d(const char* text) { return *parseDate(text); }

const DoseLine& line(const std::vector<DoseLine>& lines, const std::string& vaccine, int dose) {
    for (const auto& l : lines)
        if (l.vaccine->code == vaccine && l.dose == dose) return l;
    throw std::runtime_error("no line " + vaccine + " " + std::to_string(dose));
}

Given given(const std::string& vaccine, int dose, const char* date) {
    return {vaccine + "-" + std::to_string(dose) + "-" + date, vaccine, dose, d(date), std::string(date) + "T08:00:00Z"};
}

std::string reasonOf(const std::optional<FieldError>& e) { return e ? e->field + ": " + e->reason : "accepted"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(immunization_rules)

BOOST_AUTO_TEST_CASE(both_editions_load_and_differ_only_in_dtap) {
    const auto& s2021 = schedule("2021");
    const auto& s2025 = schedule("2025");
    BOOST_TEST(s2021.vaccines.size() == 13u);
    BOOST_TEST(s2021.find("DTaP")->doses.size() == 4u);
    BOOST_TEST(s2021.find("DT") != nullptr);
    // 2025: DTaP at 2, 4, 6, 18 months and 6 years, replacing DT at 6 years.
    const auto* dtap = s2025.find("DTaP");
    BOOST_REQUIRE_EQUAL(dtap->doses.size(), 5u);
    const int ages[] = {2, 4, 6, 18, 72};
    for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(dtap->doses[i].ageMonths == ages[i]);
    BOOST_TEST(s2025.find("DT") == nullptr);
    BOOST_CHECK_THROW(schedule("2019"), ValidationError);
}

BOOST_AUTO_TEST_CASE(a_child_born_on_31_january_is_due_on_clamped_month_ends) {
    const auto& s = schedule("2021");
    const auto birth = d("2026-01-31");
    // groups.md: 1 month = 2026-02-28; 6 months = 2026-07-31; a dose before 12 months of age
    // has 1 month of grace counted from the age: the last day not overdue is birth + (age + 1)
    // months, overdue from the next day.
    auto lines = plan(s, birth, {given("HepB", 1, "2026-01-31"), given("BCG", 1, "2026-01-31")}, d("2026-03-31"));
    const auto& hepb2 = line(lines, "HepB", 2);
    BOOST_TEST(formatDate(hepb2.scheduled) == "2026-02-28");
    BOOST_TEST(formatDate(hepb2.overdueFrom) == "2026-04-01");  // birth + 2 months = 03-31 is the last day
    BOOST_TEST(statusCode(hepb2.status) == std::string("due"));
    BOOST_TEST(describe(hepb2).find("2026-03-31") != std::string::npos);
    lines = plan(s, birth, {given("HepB", 1, "2026-01-31")}, d("2026-04-01"));
    BOOST_TEST(statusCode(line(lines, "HepB", 2).status) == std::string("overdue"));
    BOOST_TEST(describe(line(lines, "HepB", 2)).find("2026-04-01") != std::string::npos);
    // The 6-month dose: due from 2026-07-31, overdue from 2026-09-01.
    const auto& hepb3 = line(plan(s, birth, {given("HepB", 1, "2026-01-31"), given("HepB", 2, "2026-02-28")},
                                  d("2026-07-30")),
                             "HepB", 3);
    BOOST_TEST(formatDate(hepb3.scheduled) == "2026-07-31");
    BOOST_TEST(statusCode(hepb3.status) == std::string("upcoming"));
    BOOST_TEST(formatDate(hepb3.overdueFrom) == "2026-09-01");
    // From 12 months the grace is 3 months: DTaP 4 at 18 months (2027-07-31), overdue from
    // 2027-11-01.
    BOOST_TEST(formatDate(line(lines, "DTaP", 4).overdueFrom) == "2027-11-01");
    // The 6-month dose may be given on its day and not the day before.
    const std::vector<Given> before = {given("HepB", 1, "2026-01-31"), given("HepB", 2, "2026-02-28")};
    BOOST_TEST(reasonOf(refusal(s, birth, before, given("HepB", 3, "2026-07-31"), d("2026-08-01"))) == "accepted");
    const auto early = refusal(s, birth, before, given("HepB", 3, "2026-07-30"), d("2026-08-01"));
    BOOST_REQUIRE(early);
    BOOST_TEST(early->field == "given_on");
    BOOST_TEST(early->reason.find("2026-07-31") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_leap_day_birth_counts_each_age_from_the_birth_date) {
    const auto& s = schedule("2021");
    const auto birth = d("2024-02-29");
    const auto lines = plan(s, birth, {}, d("2024-03-01"));
    BOOST_TEST(formatDate(line(lines, "HepB", 2).scheduled) == "2024-03-29");
    BOOST_TEST(formatDate(line(lines, "DTaP", 4).scheduled) == "2025-08-29");
    // "N years" = 12N months: a 29 February birthday falls on 28 February in other years.
    BOOST_TEST(formatDate(line(lines, "MPSV-AC", 1).scheduled) == "2027-02-28");
    BOOST_TEST(formatDate(line(lines, "bOPV", 2).scheduled) == "2028-02-29");
    BOOST_TEST(formatDate(line(lines, "DT", 1).scheduled) == "2030-02-28");
}

BOOST_AUTO_TEST_CASE(too_early_too_soon_twice_or_out_of_order_is_refused_with_the_reason) {
    const auto& s = schedule("2021");
    const auto birth = d("2026-01-10");
    const auto today = d("2026-12-01");
    const std::vector<Given> done = {given("DTaP", 1, "2026-04-10")};
    // Dose 2 at 4 months (2026-05-10) and at least 28 days after dose 1.
    BOOST_TEST(reasonOf(refusal(s, birth, done, given("DTaP", 2, "2026-05-10"), today)) == "accepted");
    const auto young = refusal(s, birth, {}, given("DTaP", 1, "2026-04-09"), today);
    BOOST_REQUIRE(young);
    BOOST_TEST(young->reason.find("Too early") != std::string::npos);
    // A late dose 1 pushes dose 2 past its age: 28 days after it.
    const std::vector<Given> late = {given("DTaP", 1, "2026-05-01")};
    const auto soon = refusal(s, birth, late, given("DTaP", 2, "2026-05-28"), today);
    BOOST_REQUIRE(soon);
    BOOST_TEST(soon->reason.find("2026-05-29") != std::string::npos);
    BOOST_TEST(reasonOf(refusal(s, birth, late, given("DTaP", 2, "2026-05-29"), today)) == "accepted");
    // Twice.
    const auto twice = refusal(s, birth, done, given("DTaP", 1, "2026-06-01"), today);
    BOOST_REQUIRE(twice);
    BOOST_TEST(twice->field == "dose");
    BOOST_TEST(twice->reason.find("2026-04-10") != std::string::npos);
    // A dose whose previous one is not recorded.
    const auto gap = refusal(s, birth, done, given("DTaP", 3, "2026-07-01"), today);
    BOOST_REQUIRE(gap);
    BOOST_TEST(gap->field == "dose");
    // No dose 5 in 2021; a vaccine the table does not have; a day ahead of today.
    BOOST_TEST(refusal(s, birth, {}, given("DTaP", 5, "2026-07-01"), today)->field == "dose");
    BOOST_TEST(refusal(s, birth, {}, given("Rabies", 1, "2026-07-01"), today)->field == "vaccine");
    BOOST_TEST(refusal(s, birth, {}, given("HepB", 1, "2026-12-02"), today)->field == "given_on");
    // Another vaccine's dose: bOPV 1 at least 28 days after IPV 2.
    const std::vector<Given> ipv = {given("IPV", 1, "2026-03-10"), given("IPV", 2, "2026-05-01")};
    BOOST_REQUIRE(refusal(s, birth, ipv, given("bOPV", 1, "2026-05-20"), today));
    BOOST_TEST(reasonOf(refusal(s, birth, ipv, given("bOPV", 1, "2026-05-29"), today)) == "accepted");
}

BOOST_AUTO_TEST_CASE(a_forty_year_old_and_bcg_after_four_are_outside_the_schedule) {
    const auto& s = schedule("2021");
    const auto adult = refusal(s, d("1986-05-01"), {}, given("HepB", 1, "2026-06-01"), d("2026-12-01"));
    BOOST_REQUIRE(adult);
    BOOST_TEST(adult->reason.find("Outside the schedule's ages") != std::string::npos);
    BOOST_TEST(adult->reason.find("2004-05-01") != std::string::npos);  // the 18th birthday
    const auto lines = plan(s, d("1986-05-01"), {}, d("2026-12-01"));
    BOOST_TEST(catchUp(lines).empty());
    for (const auto& l : lines)  // the forms not in use stay skipped
        BOOST_TEST((l.status == DoseStatus::TooOld || l.status == DoseStatus::Skipped));
    // BCG is not caught up from 4 years of age.
    BOOST_TEST(reasonOf(refusal(s, d("2022-03-01"), {}, given("BCG", 1, "2026-02-28"), d("2026-12-01"))) == "accepted");
    BOOST_TEST(refusal(s, d("2022-03-01"), {}, given("BCG", 1, "2026-03-01"), d("2026-12-01")).has_value());
}

BOOST_AUTO_TEST_CASE(the_inactivated_form_once_begun_replaces_the_live_one) {
    const auto& s = schedule("2021");
    const auto birth = d("2025-01-15");
    // Default: the live JE vaccine (2 doses), the inactivated one skipped.
    auto lines = plan(s, birth, {}, d("2025-10-01"));
    BOOST_TEST(statusCode(line(lines, "JE-L", 1).status) == std::string("due"));
    BOOST_TEST(statusCode(line(lines, "JE-I", 1).status) == std::string("skipped"));
    // JE-I begun: its four doses apply, the second 7 days after the first.
    const std::vector<Given> ji = {given("JE-I", 1, "2025-09-15")};
    lines = plan(s, birth, ji, d("2025-09-20"));
    BOOST_TEST(statusCode(line(lines, "JE-L", 1).status) == std::string("skipped"));
    BOOST_TEST(formatDate(line(lines, "JE-I", 2).earliest) == "2025-09-22");
    BOOST_TEST(statusCode(line(lines, "JE-I", 2).status) == std::string("upcoming"));
    const auto live = refusal(s, birth, ji, given("JE-L", 1, "2025-09-25"), d("2025-10-01"));
    BOOST_REQUIRE(live);
    BOOST_TEST(live->reason.find("JE-I") != std::string::npos);
    BOOST_TEST(reasonOf(refusal(s, birth, ji, given("JE-I", 2, "2025-09-22"), d("2025-10-01"))) == "accepted");
}

BOOST_AUTO_TEST_CASE(a_late_child_catches_up_the_longest_overdue_first) {
    const auto& s = schedule("2021");
    // Born 2025-06-10, given only the birth doses, seen on 2026-03-01 (8 months 19 days).
    const auto birth = d("2025-06-10");
    const std::vector<Given> done = {given("HepB", 1, "2025-06-10"), given("BCG", 1, "2025-06-10")};
    const auto lines = plan(s, birth, done, d("2026-03-01"));
    const auto order = catchUp(lines);
    std::vector<std::string> names;
    for (const auto* l : order) names.push_back(l->vaccine->code + "/" + std::to_string(l->dose));
    // Overdue first, by the age each was scheduled at: HepB 2 (1 month), IPV 1 (2), DTaP 1
    // (3), MPSV-A 1 (6); then the doses due now: MMR 1 and JE-L 1 (8 months). Second doses
    // wait their interval after the first (given today at the earliest).
    const std::vector<std::string> expected = {"HepB/2", "IPV/1", "DTaP/1", "MPSV-A/1", "MMR/1", "JE-L/1"};
    BOOST_TEST(names == expected, boost::test_tools::per_element());
    BOOST_TEST(formatDate(line(lines, "DTaP", 2).earliest) == "2026-03-29");  // 28 days after today
    BOOST_TEST(statusCode(line(lines, "HepB", 3).status) == std::string("upcoming"));
}

BOOST_AUTO_TEST_CASE(two_records_of_one_dose_keep_both_and_flag_the_later) {
    const auto& s = schedule("2021");
    const auto birth = d("2026-01-10");
    const std::vector<Given> both = {given("DTaP", 1, "2026-04-12"), given("DTaP", 1, "2026-04-10")};
    const auto& l = line(plan(s, birth, both, d("2026-04-20")), "DTaP", 1);
    BOOST_TEST(formatDate(l.given->date) == "2026-04-10");
    BOOST_REQUIRE_EQUAL(l.duplicates.size(), 1u);
    BOOST_TEST(formatDate(l.duplicates[0].date) == "2026-04-12");
}

BOOST_AUTO_TEST_CASE(a_bad_table_is_refused_with_what_is_wrong) {
    BOOST_CHECK_THROW(parseSchedule("{", "x.json"), ValidationError);
    BOOST_CHECK_THROW(parseSchedule(R"({"edition":"x","vaccines":[{"code":"A","name":"a","doses":[]}]})", "x.json"),
                      ValidationError);
    BOOST_CHECK_THROW(parseSchedule(R"({"edition":"x","vaccines":[{"code":"A","name":"a","doses":[{"age_months":6},{"age_months":2}]}]})",
                                    "x.json"),
                      ValidationError);
    BOOST_CHECK_THROW(parseSchedule(R"({"edition":"x","vaccines":[{"code":"A","name":"a","doses":[{"age_months":1,"after":{"vaccine":"B","dose":1}}]}]})",
                                    "x.json"),
                      ValidationError);
}

BOOST_AUTO_TEST_SUITE_END()
