#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

#include "TestSupport.h"
#include "core/demo/DemoData.h"
#include "core/services/Workstation.h"
#include "core/services/Worklist.h"
#include "core/store/ChronicRepository.h"

using namespace jiayi;

namespace {

std::vector<std::string> rows(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    std::vector<std::string> out;
    while (st.step()) {
        std::string row;
        for (int i = 0; i < st.columnCount(); ++i) row += (i ? "|" : "") + st.text(i);
        out.push_back(row);
    }
    return out;
}

double number(store::Database& db, const std::string& sql) { return std::stod(rows(db, sql).at(0)); }

// One small demo township shared by the tests that only read it.
struct SmallTownship {
    test::TempDir dir;
    std::unique_ptr<services::Workstation> ws;
    services::DemoSummary summary;
    Date day = today();
    SmallTownship() {
        ws = services::Workstation::open(dir.file("demo.db"), "demo");
        services::DemoOptions options;
        options.residents = 2000;
        options.seed = 3;
        summary = services::createDemoTownship(*ws, options);
    }
    store::Database& db() { return ws->database(); }
};

SmallTownship& township() {
    static SmallTownship t;
    return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(demo_chronic)

BOOST_AUTO_TEST_CASE(demo_enrols_each_programme_at_plausible_rates) {
    auto& t = township();
    auto& db = t.db();
    const double residents = 2000;
    const auto enrolled = [&](const char* programme) {
        return number(db, std::string("SELECT count(*) FROM programme_enrolment WHERE programme = '") + programme +
                              "'");
    };
    // population.md: hypertension 27.5% of adults and diabetes 11-12%, of whom about half
    // are under management from 35; SMI 0.4-0.5%; TB 40-60 per 100,000 a year.
    BOOST_TEST(enrolled("htn") / residents > 0.06);
    BOOST_TEST(enrolled("htn") / residents < 0.14);
    BOOST_TEST(enrolled("t2d") / residents > 0.02);
    BOOST_TEST(enrolled("t2d") / residents < 0.06);
    BOOST_TEST(enrolled("smi") / residents > 0.0015);
    BOOST_TEST(enrolled("smi") / residents < 0.01);
    BOOST_TEST(enrolled("tb") <= 6);
    BOOST_TEST(t.summary.chronic.patients / residents > 0.08);
    BOOST_TEST(t.summary.chronic.patients / residents < 0.16);
    BOOST_TEST(number(db, "SELECT count(DISTINCT resident_id) FROM programme_enrolment") == t.summary.chronic.patients);
    // chronic.md "Who": hypertension and diabetes from 35 on the enrolment date.
    BOOST_TEST(number(db, "SELECT count(*) FROM programme_enrolment e JOIN resident r ON r.id = e.resident_id "
                          "WHERE e.programme IN ('htn', 't2d') AND date(r.birth_date, '+35 years') > e.enrolled_on") ==
               0);
    // The responsible doctor is the village doctor, one per village.
    for (const auto& row : rows(db, "SELECT village_code, doctor FROM programme_enrolment")) {
        const auto bar = row.find('|');
        BOOST_TEST(t.summary.chronic.doctors.at(row.substr(0, bar)) == row.substr(bar + 1));
    }
    std::set<std::string> names;
    for (const auto& [village, doctor] : t.summary.chronic.doctors) names.insert(doctor);
    BOOST_TEST(names.size() == t.summary.villages);
    BOOST_TEST(!names.count(t.summary.chronic.hospitalDoctor));
}

BOOST_AUTO_TEST_CASE(demo_year_of_follow_ups_leaves_overdue_lost_and_uncontrolled_patients) {
    auto& t = township();
    auto& db = t.db();
    const auto today = formatDate(t.day);
    const auto yearAgo = formatDate(addMonths(t.day, -12));
    BOOST_TEST(t.summary.chronic.followUps == number(db, "SELECT count(*) FROM follow_up"));
    // Mostly quarterly: 3-8 visits a year for a patient followed all year.
    const double perPatient = number(db, "SELECT avg(n) FROM (SELECT count(*) n FROM follow_up f JOIN "
                                         "programme_enrolment e ON e.id = f.enrolment_id WHERE f.programme = 'htn' "
                                         "AND e.enrolled_on < '" + yearAgo + "' AND f.visit_date >= '" + yearAgo +
                                         "' GROUP BY f.enrolment_id)");
    BOOST_TEST(perPatient > 3.0);
    BOOST_TEST(perPatient < 8.0);
    BOOST_TEST(number(db, "SELECT count(*) FROM follow_up WHERE visit_date > '" + today + "'") == 0);
    // Every kind of visit and of plan is there.
    for (const char* mode : {"clinic", "home", "phone", "lost"})
        BOOST_TEST(number(db, std::string("SELECT count(*) FROM follow_up WHERE mode = '") + mode + "'") > 0, mode);
    for (const char* step : {"routine", "recheck", "refer", "urgent_refer", "keep_schedule"})
        BOOST_TEST(number(db, std::string("SELECT count(*) FROM follow_up WHERE next_step = '") + step + "'") > 0,
                   step);
    // One visit serves both forms of a patient in both programmes.
    BOOST_TEST(number(db, "SELECT count(*) FROM (SELECT visit_id FROM follow_up GROUP BY visit_id "
                          "HAVING count(*) = 2)") > 0);

    // Where the active hypertension patients stand today, by their latest visit.
    std::size_t active = 0, measured = 0, controlled = 0, overdue = 0, lost = 0, refer = 0;
    for (const auto& s : store::ChronicRepository(db).activeEnrolments("", "")) {
        if (s.enrolment.programme != "htn" || !s.latest) continue;
        ++active;
        if (s.latest->controlled) {
            ++measured;
            controlled += *s.latest->controlled;
        }
        if (s.latest->nextDue && *s.latest->nextDue < t.day) ++overdue;
        if (*s.latest->visitDate < addMonths(t.day, -12)) ++lost;
        if (s.latest->nextStep == "refer") ++refer;
    }
    BOOST_TEST(active > 100u);
    // population.md: 50-70% controlled at the last visit (a little slack for a small township).
    BOOST_TEST(controlled > 0.45 * measured);
    BOOST_TEST(controlled < 0.80 * measured);
    BOOST_TEST(overdue > active / 20);
    BOOST_TEST(overdue < active / 2);
    BOOST_TEST(lost > 0u);
    BOOST_TEST(lost < active / 10);
    BOOST_TEST(refer > 0u);
    // A few deaths close the record; annual health checks for part of the 65+.
    BOOST_TEST(number(db, "SELECT count(*) FROM resident WHERE status = 'dead'") == t.summary.chronic.deaths);
    const double elderly = number(db, "SELECT count(*) FROM resident WHERE birth_date <= date('" + today +
                                          "', '-65 years')");
    const double checked = number(db, "SELECT count(DISTINCT h.resident_id) FROM health_check h JOIN resident r "
                                      "ON r.id = h.resident_id WHERE r.birth_date <= date('" + today +
                                      "', '-65 years')");
    BOOST_TEST(checked > 0.3 * elderly);
    BOOST_TEST(checked < 0.85 * elderly);
    BOOST_TEST(number(db, "SELECT count(*) FROM health_check WHERE visit_id <> ''") > 0);
    BOOST_TEST(number(db, "SELECT count(*) FROM referral") == t.summary.chronic.referrals);
    BOOST_TEST(t.summary.chronic.referrals > 0u);
}

BOOST_AUTO_TEST_CASE(demo_gives_every_worklist_content) {
    auto& t = township();
    std::map<services::WorkKind, std::size_t> kinds;
    for (const auto& item : services::Worklist(t.db(), services::Session::bootstrap("reader")).build({}, t.day)) ++kinds[item.kind];
    using K = services::WorkKind;
    for (const auto kind : {K::Overdue, K::DueThisWeek, K::Referral, K::AnnualCheck, K::Lost})
        BOOST_TEST(kinds[kind] > 0u, services::code(kind));
    // One village doctor's own list.
    const auto& doctor = t.summary.chronic.doctors.begin()->second;
    for (const auto& item : services::Worklist(t.db(), services::Session::bootstrap("reader")).build({"", doctor}, t.day)) BOOST_TEST(item.doctor == doctor);
}

BOOST_AUTO_TEST_CASE(demo_children_have_doses_and_visits_and_some_families_are_late) {
    auto& t = township();
    auto& db = t.db();
    const auto& c = t.summary.children;
    BOOST_TEST(c.children > 50u);
    BOOST_TEST(number(db, "SELECT count(*) FROM vaccination") == c.doses);
    BOOST_TEST(number(db, "SELECT count(*) FROM child_visit") == c.visits);
    BOOST_TEST(c.doses > c.children * 10);  // most of the schedule for most children
    BOOST_TEST(c.late > 0u);
    BOOST_TEST(c.stopped > 0u);
    // Not every child is behind: the worklist lists the late ones, not the whole village.
    std::set<std::string> behind;
    for (const auto& item : services::Worklist(db, services::Session::bootstrap("reader")).build({}, t.day))
        if (item.kind == services::WorkKind::Vaccination && item.daysOverdue > 0) behind.insert(item.residentId);
    BOOST_TEST(behind.size() > 0u);
    BOOST_TEST(behind.size() * 4 < c.children);
    // Pregnancies at the birth rate (7.5 per 1,000 a year): about 0.58 % of residents pregnant
    // today, 0.12 % delivered in the last eight weeks, each delivery a newborn registered.
    const auto& m = t.summary.maternal;
    BOOST_TEST(m.pregnant >= 8u);
    BOOST_TEST(m.pregnant <= 16u);
    BOOST_TEST(number(db, "SELECT count(*) FROM pregnancy") == m.pregnant + m.delivered);
    BOOST_TEST(number(db, "SELECT count(*) FROM pregnancy WHERE state = 'delivered' AND babies <> ''") == m.delivered);
    BOOST_TEST(number(db, "SELECT count(*) FROM maternal_visit") == m.visits);
    // Every dose written through the service passed the schedule: none recorded twice.
    BOOST_TEST(number(db, "SELECT count(*) FROM (SELECT 1 FROM vaccination GROUP BY resident_id, vaccine, dose "
                          "HAVING count(*) > 1)") == 0);
}

BOOST_AUTO_TEST_CASE(demo_chronic_care_is_deterministic_by_seed) {
    test::TempDir dir;
    const auto history = [&](const std::string& file, std::uint64_t seed) {
        auto ws = services::Workstation::open(dir.file(file), "demo");
        services::DemoOptions options;
        options.residents = 500;
        options.seed = seed;
        services::createDemoTownship(*ws, options);
        return rows(ws->database(),
                    "SELECT r.archive_no, f.programme, f.visit_date, f.mode, f.systolic, f.diastolic, "
                    "f.fasting_glucose, f.danger, f.classification, f.next_step, f.next_due, f.doctor "
                    "FROM follow_up f JOIN resident r ON r.id = f.resident_id "
                    "ORDER BY r.archive_no, f.programme, f.visit_date");
    };
    const auto a = history("a.db", 5);
    BOOST_TEST(a.size() > 100u);
    BOOST_TEST(a == history("b.db", 5));
    BOOST_TEST(a != history("c.db", 6));
}

BOOST_AUTO_TEST_CASE(demo_without_chronic_years_registers_residents_only) {
    test::TempDir dir;
    auto ws = services::Workstation::open(dir.file("a.db"), "demo");
    services::DemoOptions options;
    options.residents = 300;
    options.chronicYears = 0;
    const auto summary = services::createDemoTownship(*ws, options);
    BOOST_TEST(summary.chronic.followUps == 0u);
    BOOST_TEST(number(ws->database(), "SELECT count(*) FROM programme_enrolment") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
