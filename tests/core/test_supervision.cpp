// Supervision indicators on a real SQLite file (issue 18, ../shared/domain/quality.md): a
// hand-built village whose every figure is known in advance — the most-recent-visit rule, a
// lost patient, a patient who moved mid-year, one enrolled mid-period, the 65-year boundary,
// timely follow-up with its grace days, the permanent population — and each figure traced
// to its people and each person to the records that counted.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/rules/Indicators.h"
#include "core/services/ChronicCare.h"
#include "core/services/Contracts.h"
#include "core/services/Supervision.h"
#include "core/store/ChronicRepository.h"

using namespace jiayi;
using rules::Role;
using rules::indicators::Indicator;
using rules::indicators::parsePeriod;

namespace {

Date d(const char* text) {
    return parseDate(text).value();
}

struct Village : test::DbFixture {
    services::Session supervisor = test::signedIn(Role::Supervisor);
    std::string steady, zhang, lost, moved, late, sugar, oldA, oldB, young;

    services::Registry registry(const char* today = "2025-01-01") {
        services::Registry r(*db, services::Session::bootstrap("village_doctor"));
        r.setToday(d(today));
        return r;
    }
    std::string person(const char* name, const char* birth) {
        auto r = test::sampleResident();
        r.name = name;
        r.birthDate = parseDate(birth);
        r.idNumber.clear();
        return registry().registerResident(test::registration(r, std::string(name) + "家")).id;
    }
    services::ChronicCare care(const char* today = "2025-12-31") {
        services::ChronicCare c(*db, services::Session::bootstrap("village_doctor"));
        c.setToday(d(today));
        return c;
    }
    void visit(const std::string& who, const char* date, int sys, int dia,
               const char* mode = "clinic") {
        auto f = test::clinicVisit(who, "htn", date, sys, dia);
        f.mode = mode;
        care().recordVisit({f});
    }
    void sugarVisit(const std::string& who, const char* date, double glucose) {
        model::FollowUp f;
        f.residentId = who;
        f.programme = "t2d";
        f.visitDate = parseDate(date);
        f.mode = "clinic";
        f.systolic = 128;
        f.diastolic = 80;
        f.weight = 65;
        f.height = 170;
        f.fastingGlucose = glucose;
        f.dorsalPulse = "normal";
        care().recordVisit({f});
    }
    void lostEntry(const std::string& who, const char* date) {
        model::FollowUp f;
        f.residentId = who;
        f.programme = "htn";
        f.visitDate = parseDate(date);
        f.mode = "lost";
        f.lostReason = "外出务工，电话无法接通";
        care().recordVisit({f});
    }

    Village() {
        // Hypertension: five patients under management in 2025, aged 55.
        steady = person("李稳", "1970-03-01");  // a face-to-face visit each quarter, controlled
        zhang =
            person("张高", "1970-03-01");  // first reading high, the latest controlled (by phone)
        lost = person("王失", "1970-03-01");   // latest entry a lost-to-follow-up entry
        moved = person("赵迁", "1970-03-01");  // moved away on 2025-06-30
        late = person("孙晚", "1970-03-01");   // enrolled 2025-09-01, uncontrolled
        sugar = person("周糖", "1970-03-01");  // diabetes, controlled at the latest visit
        for (const auto& id : {steady, zhang, lost, moved})
            test::enrolIn(*db, id, "htn", "2025-01-02", "village_doctor");
        test::enrolIn(*db, late, "htn", "2025-09-01", "village_doctor");
        test::enrolIn(*db, sugar, "t2d", "2025-01-02", "village_doctor");
        for (const char* date : {"2025-02-01", "2025-05-01", "2025-08-01", "2025-11-01"})
            visit(steady, date, 128, 80);
        visit(zhang, "2025-01-15", 128, 80);           // due 04-15
        visit(zhang, "2025-04-20", 150, 95);           // met within 7 days; recheck due in 2 weeks
        visit(zhang, "2025-08-10", 130, 80);           // late
        visit(zhang, "2025-11-10", 135, 85, "phone");  // the latest reading: controlled, by phone
        visit(lost, "2025-03-01", 130, 80);
        lostEntry(lost, "2025-06-01");
        visit(moved, "2025-02-01", 128, 80);
        registry("2025-12-31").close(moved, model::RecordStatus::Moved, d("2025-06-30"), "去北京");
        visit(late, "2025-09-05", 170, 100);
        for (const auto& [date, glucose] :
             std::vector<std::pair<const char*, double>>{{"2025-02-02", 8.0},
                                                         {"2025-05-02", 7.5},
                                                         {"2025-08-02", 7.2},
                                                         {"2025-11-02", 6.5}})
            sugarVisit(sugar, date, glucose);
        // The 65-year boundary on 2025-12-31.
        oldA = person("老甲", "1960-12-31");   // 65 on the last day, checked
        oldB = person("老乙", "1950-01-01");   // 75, not checked
        young = person("少丙", "1961-01-01");  // 64 on the last day: not counted
        model::HealthCheck h;
        h.residentId = oldA;
        h.checkDate = d("2025-06-01");
        h.systolic = 135;
        h.diastolic = 85;
        h.height = 165;
        h.weight = 60;
        care().recordHealthCheck(h);
    }
    services::Supervision supervision() {
        services::Supervision s(*db, supervisor);
        s.setToday(d("2026-01-05"));
        return s;
    }
    double rate(const services::IndicatorReport& r, Indicator i) {
        return r.figure(i)->rate().value_or(-1);
    }
};

const services::Member* find(const std::vector<services::Member>& members,
                             const std::string& residentId) {
    for (const auto& m : members)
        if (m.residentId == residentId) return &m;
    return nullptr;
}

bool contains(const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(supervision)

BOOST_AUTO_TEST_CASE(periods_and_settings) {
    const auto q2 = parsePeriod("2025-Q2");
    BOOST_TEST(formatDate(q2.from) == "2025-04-01");
    BOOST_TEST(formatDate(q2.to) == "2025-06-30");
    BOOST_TEST(formatDate(parsePeriod("2024-02").to) == "2024-02-29");
    BOOST_TEST(rules::indicators::quartersOf(parsePeriod("2025")).size() == 4u);
    BOOST_TEST(rules::indicators::quartersOf(parsePeriod("2025-02-15..2025-05-01")).size() == 2u);
    BOOST_TEST(rules::indicators::monthsOf(parsePeriod("2025")).size() == 12u);
    for (const char* bad :
         {"25", "2025-Q5", "2025-13", "2025-06-31..2025-07-01", "2025-07-01..2025-06-01", "abc"}) {
        try {
            parsePeriod(bad);
            BOOST_ERROR("accepted " << bad);
        } catch (const ValidationError& e) {
            BOOST_TEST(e.field() == "period");
        }
    }
    rules::indicators::Config c;
    rules::indicators::set(c, "grace_days", "10");
    BOOST_TEST(c.graceDays == 10);
    BOOST_TEST(rules::indicators::parse(rules::indicators::serialize(c)).graceDays == 10);
    for (const auto& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"grace_days", "-1"},
                                                          {"grace_days", "1.5"},
                                                          {"htn_prevalence", "2"},
                                                          {"htn_prevalence", "x"},
                                                          {"nope", "1"}}) {
        try {
            rules::indicators::set(c, name, value);
            BOOST_ERROR("accepted " << name << "=" << value);
        } catch (const ValidationError& e) {
            BOOST_TEST(e.field() == name);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(figures_known_in_advance, Village) {
    const auto year = parsePeriod("2025");
    const auto r = supervision().report(test::kVillageA, year);
    // Hypertension: five under management (the moved and the late one stay in).
    BOOST_TEST(r.figure(Indicator::HtnManagement)->numerator == 5);
    BOOST_TEST(r.figure(Indicator::HtnStandard)->numerator ==
               1);  // only 李稳: 张高's Q4 was a phone call
    BOOST_TEST(r.figure(Indicator::HtnStandard)->denominator.value() == 5);
    // Control: 李稳, 张高 (most recent 135/85), 赵迁 (before the move); not 王失 (lost), 孙晚.
    BOOST_TEST(r.figure(Indicator::HtnControl)->numerator == 3);
    BOOST_TEST(r.figure(Indicator::HtnControl)->denominator.value() == 5);
    BOOST_TEST(rate(r, Indicator::T2dControl) == 1.0);
    BOOST_TEST(rate(r, Indicator::T2dStandard) == 1.0);
    // 65+: 老甲 (65 on 2025-12-31, checked) and 老乙; not 少丙 (64).
    BOOST_TEST(r.figure(Indicator::ElderlyCheck)->numerator == 1);
    BOOST_TEST(r.figure(Indicator::ElderlyCheck)->denominator.value() == 2);
    // Open records on 2025-12-31: nine registered, less the one who moved away.
    BOOST_TEST(r.figure(Indicator::RecordUse)->denominator.value() == 8);
    // Record use: the six patients but 赵迁 (moved), and 老甲's check → 5 + 1.
    BOOST_TEST(r.figure(Indicator::RecordUse)->numerator == 6);
    // Expected hypertensives: the open records aged 35+ (all eight) × 27.5 %.
    BOOST_TEST(r.figure(Indicator::HtnManagement)->denominator.value() == 2.2);
    // No population entered: coverage has no denominator, and says why.
    BOOST_TEST(!r.figure(Indicator::RecordCoverage)->denominator);
    BOOST_TEST(!r.figure(Indicator::RecordCoverage)->note.empty());
    // Every figure has its definition with the settings in force.
    BOOST_TEST(r.definitions.size() == r.figures.size());
    BOOST_TEST(
        contains(r.definitions[static_cast<int>(Indicator::HtnManagement)].denominator, "27.5%"));
}

BOOST_FIXTURE_TEST_CASE(timely_follow_up_with_grace_days, Village) {
    const auto year = parsePeriod("2025");
    // 李稳: due 05-01, 08-01, 11-01, all met on the day. 张高: due 04-15 met 04-20 (grace 7),
    // the recheck due two weeks after 04-20 missed, due 11-08 after 08-10 … (read back below).
    auto s = supervision();
    const auto items = s.members(Indicator::TimelyFollowUp, test::kVillageA, year);
    int steadyMet = 0, zhangItems = 0, zhangMet = 0;
    for (const auto& m : items) {
        if (m.residentId == steady) steadyMet += m.counted;
        if (m.residentId == zhang) {
            ++zhangItems;
            zhangMet += m.counted;
        }
    }
    BOOST_TEST(steadyMet == 3);
    BOOST_TEST(zhangMet == 1);  // only 04-15 → 04-20
    BOOST_TEST(zhangItems >= 3);
    // A grace of 0 days: 04-20 no longer meets 04-15.
    s.setSetting("grace_days", "0");
    int zhangMetStrict = 0;
    for (const auto& m : s.members(Indicator::TimelyFollowUp, test::kVillageA, year))
        if (m.residentId == zhang) zhangMetStrict += m.counted;
    BOOST_TEST(zhangMetStrict == 0);
    BOOST_TEST(contains(s.report(test::kVillageA, year)
                            .definitions[static_cast<int>(Indicator::TimelyFollowUp)]
                            .numerator,
                        "+ 0"));
}

BOOST_FIXTURE_TEST_CASE(traced_both_ways, Village) {
    const auto year = parsePeriod("2025");
    auto s = supervision();
    const auto control = s.members(Indicator::HtnControl, test::kVillageA, year);
    BOOST_TEST(control.size() == 5u);
    BOOST_TEST(control.front().counted);  // numerator first
    const auto* z = find(control, zhang);
    BOOST_REQUIRE(z);
    BOOST_TEST(z->counted);
    BOOST_TEST(contains(z->reason, "2025-11-10"));
    BOOST_TEST(contains(z->reason, "135/85"));
    // The record behind the figure is the phone follow-up of 2025-11-10.
    const auto record = store::ChronicRepository(*db).followUp(z->recordId);
    BOOST_REQUIRE(record);
    BOOST_TEST(record->mode == "phone");
    const auto* l = find(control, lost);
    BOOST_REQUIRE(l);
    BOOST_TEST(!l->counted);
    BOOST_TEST(contains(l->reason, "lost"));
    // From the resident: what counted, and why not.
    const auto why = s.explain(zhang, year);
    bool standard = false, controlled = false;
    for (const auto& e : why) {
        if (e.indicator == Indicator::HtnStandard) {
            standard = true;
            BOOST_TEST(!e.counted);
            BOOST_TEST(contains(e.reason, "2025-Q4"));
        }
        if (e.indicator == Indicator::HtnControl) controlled = e.counted;
    }
    BOOST_TEST(standard);
    BOOST_TEST(controlled);
    // A period after the last visit: "older than the period".
    const auto next = s.members(Indicator::HtnControl, test::kVillageA, parsePeriod("2026-Q1"));
    const auto* later = find(next, steady);
    BOOST_REQUIRE(later);
    BOOST_TEST(!later->counted);
    BOOST_TEST(contains(later->reason, "2025-11-01"));
    BOOST_TEST(contains(later->reason, "older than the period"));
}

BOOST_FIXTURE_TEST_CASE(population_gives_coverage_and_villages_compare, Village) {
    auto s = supervision();
    s.setPopulation(test::kVillageA, 2025, 10);
    const auto r = s.report(test::kVillageA, parsePeriod("2025"));
    BOOST_TEST(r.figure(Indicator::RecordCoverage)->numerator == 8);
    BOOST_TEST(r.figure(Indicator::RecordCoverage)->denominator.value() == 10);
    // Entered again: one row, the new figure.
    s.setPopulation(test::kVillageA, 2025, 16);
    BOOST_TEST(s.populations(test::kVillageA, 2025).at(test::kVillageA) == 16);
    try {
        s.setPopulation(test::kVillageA, 2025, -3);
        BOOST_ERROR("a negative population was accepted");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.field() == "population");
    }
    // The township, village by village: village B has nobody.
    services::IndicatorReport township;
    const auto villages = s.byDivision("371721001", parsePeriod("2025"), &township);
    // The township's figures from the same reading are the report's.
    const auto direct = s.report("371721001", parsePeriod("2025"));
    for (const auto& f : direct.figures) {
        BOOST_TEST(township.figure(f.indicator)->numerator == f.numerator);
        BOOST_TEST((township.figure(f.indicator)->denominator == f.denominator));
    }
    BOOST_REQUIRE(villages.size() >= 1u);
    BOOST_TEST(villages.front().scope == test::kVillageA);
    BOOST_TEST(villages.front().scopeName == "西村");
    // Month by month from January: by the end of March four patients, each controlled at
    // their latest reading (孙晚 is enrolled in September); by November as the whole year.
    const auto months = s.monthly(test::kVillageA, parsePeriod("2025"));
    BOOST_TEST(months.size() == 12u);
    BOOST_TEST(months[2].figure(Indicator::HtnControl)->numerator == 4);
    BOOST_TEST(months[2].figure(Indicator::HtnControl)->denominator.value() == 4);
    BOOST_TEST(months[10].figure(Indicator::HtnControl)->numerator == 3);
    BOOST_TEST(months[10].figure(Indicator::HtnControl)->denominator.value() == 5);
    BOOST_TEST(!months[10].figure(Indicator::RecordCoverage));
}

BOOST_FIXTURE_TEST_CASE(per_doctor_and_rights, Village) {
    auto s = supervision();
    const auto mine = s.report(test::kVillageA, parsePeriod("2025"), "village_doctor");
    BOOST_TEST(mine.figure(Indicator::HtnControl)->numerator == 3);
    BOOST_TEST(!mine.figure(Indicator::RecordUse));  // per area
    BOOST_TEST(!mine.figure(Indicator::HtnManagement)->denominator);
    const auto other = s.report(test::kVillageA, parsePeriod("2025"), "someone_else");
    BOOST_TEST(other.figure(Indicator::HtnControl)->denominator.value() == 0);
    // A village doctor has no right to the indicators.
    services::Supervision doctor(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    BOOST_CHECK_THROW(doctor.report(test::kVillageA, parsePeriod("2025")), PermissionError);
    BOOST_CHECK_THROW(doctor.setSetting("grace_days", "3"), PermissionError);
    // A supervisor of village B may not read village A.
    services::Supervision elsewhere(*db, test::signedIn(Role::Supervisor, test::kVillageB));
    BOOST_CHECK_THROW(elsewhere.report(test::kVillageA, parsePeriod("2025")), PermissionError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(entry_checks, Village)

BOOST_AUTO_TEST_CASE(a_correction_dated_after_the_death_is_refused) {
    // 赵迁 moved away on 2025-06-30; his 2025-02-01 visit corrected to a date after the move.
    const auto visits = store::ChronicRepository(*db).followUpsOf(moved);
    BOOST_REQUIRE(!visits.empty());
    auto corrected = test::clinicVisit(moved, "htn", "2025-07-05", 128, 80);
    try {
        care().correct(visits.front().id, corrected, "日期写错");
        BOOST_ERROR("a visit after the move-away was accepted");
    } catch (const ValidationError& e) {
        bool named = false;
        for (const auto& f : e.errors())
            named = named || (f.field == "visit_date" && contains(f.reason, "2025-06-30"));
        BOOST_TEST(named);
    }
    // Before the move it is a correction like any other.
    corrected.visitDate = d("2025-02-03");
    BOOST_TEST(care().correct(visits.front().id, corrected, "日期写错").version == 2);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(contract_indicators, Village)

BOOST_AUTO_TEST_CASE(contract_figures_agree_with_the_contract_pages) {
    // A team signs 老甲 (65+) and 李稳 (hypertension) on 2025-03-01.
    services::Contracts setup(*db, test::signedIn(Role::PublicHealth));
    model::CareTeam t;
    t.name = "西村团队";
    t.lead = "township_doctor";
    t.villages = {test::kVillageA};
    const auto team = setup.createTeam(t, {test::teamMember("nurse", "nurse")}).team.id;
    services::Contracts doctor(*db, test::signedIn(Role::TownshipDoctor));
    doctor.setToday(d("2025-03-01"));
    for (const auto& who : {oldA, steady}) {
        services::ContractDraft draft;
        draft.residentId = who;
        draft.teamId = team;
        draft.signedOn = d("2025-03-01");
        draft.agreementSigned = true;
        doctor.sign(draft);
    }
    const auto r = supervision().report(test::kVillageA, parsePeriod("2025"));
    BOOST_TEST(r.figure(Indicator::ContractRate)->numerator == 2);
    BOOST_TEST(r.figure(Indicator::ContractRate)->denominator.value() == 8);
    // The priority groups as the team's dashboard counts them, on the same day.
    const auto cov = services::Contracts(*db, supervisor).coverage(test::kVillageA, "", d("2025-12-31"));
    BOOST_TEST(r.figure(Indicator::PriorityContractRate)->numerator == cov.priority.signedPeople);
    BOOST_TEST(r.figure(Indicator::PriorityContractRate)->denominator.value() == cov.priority.people);
    BOOST_TEST(cov.priority.signedPeople == 2);
    BOOST_TEST(r.figure(Indicator::DeliveryRate)->numerator == cov.delivered);
    BOOST_TEST(r.figure(Indicator::DeliveryRate)->denominator.value() == cov.dueSoFar);
    // Terms ending in 2026: no renewal yet to count in 2025.
    BOOST_TEST(r.figure(Indicator::RenewalRate)->denominator.value() == 0);
    const auto next = supervision().members(Indicator::RenewalRate, test::kVillageA, parsePeriod("2026"));
    BOOST_TEST(next.size() == 2u);
    BOOST_TEST(!next.front().counted);
}

BOOST_AUTO_TEST_SUITE_END()
