// The worklist on hand-built data (issue 4, Worklists): due today / this week, overdue in
// risk order, lost apart, referrals awaiting follow-up, annual checks, reasons in words.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Immunization.h"
#include "core/services/Referrals.h"
#include "core/services/Worklist.h"

using namespace jiayi;
using services::WorkKind;

namespace jiayi::services {
std::ostream& operator<<(std::ostream& out, WorkKind k) { return out << code(k); }
}  // namespace jiayi::services

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct WorklistFixture : test::DbFixture {
    int serial = 0;
    // A hypertension patient enrolled on 2025-01-05 with visits at the given dates/readings.
    std::string patient(const char* name, std::vector<std::tuple<const char*, int, int>> visits,
                        const char* doctor = "doctor1") {
        services::Registry registry(*db, services::Session::bootstrap(doctor));
        services::Registration reg;
        reg.resident = test::sampleResident();
        reg.resident.idNumber.clear();
        reg.resident.name = name;
        reg.resident.birthDate = d("1970-01-01");
        reg.newHouseholdAddress = std::string("西村 ") + std::to_string(++serial) + " 号";
        const auto id = registry.registerResident(reg).id;
        test::enrolIn(*db, id, "htn", "2025-01-05", doctor);
        for (const auto& [date, sbp, dbp] : visits) test::signVisit(*db, test::clinicVisit(id, "htn", date, sbp, dbp), doctor);
        return id;
    }
    std::vector<services::WorkItem> build(const char* today, const std::string& doctor = {}) {
        return services::Worklist(*db, services::Session::bootstrap("reader")).build({test::kVillageA, doctor}, d(today));
    }
};

// The programme or referral item of a person (everyone is also due an annual check).
const services::WorkItem* find(const std::vector<services::WorkItem>& items, const std::string& name) {
    for (const auto& i : items)
        if (i.residentName == name && i.kind != WorkKind::AnnualCheck) return &i;
    return nullptr;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(worklist, WorklistFixture)

BOOST_AUTO_TEST_CASE(kinds_order_and_reasons) {
    patient("王稳", {{"2026-08-20", 130, 80}});                        // due 2026-11-20: overdue 10 days
    patient("李急", {{"2026-11-10", 185, 100}});                       // urgent, due 11-24: overdue 6
    patient("张高", {{"2026-10-20", 150, 95}, {"2026-11-03", 152, 96}});  // refer, due 11-17: overdue 13
    patient("赵一", {{"2026-11-10", 150, 92}});                        // first uncontrolled, due 11-24
    patient("陈今", {{"2026-08-30", 130, 80}});                        // due 2026-11-30: today
    patient("刘周", {{"2026-09-03", 130, 80}});                        // due 2026-12-03: this week
    patient("周远", {{"2026-11-28", 130, 80}});                        // due 2027-02-28: not listed
    patient("孙失", {{"2025-10-01", 130, 80}});                        // lost: > 12 months
    const auto items = build("2026-11-30");

    BOOST_TEST(!find(items, "周远"));
    BOOST_REQUIRE(find(items, "孙失"));
    BOOST_TEST(services::code(find(items, "孙失")->kind) == std::string("lost"));
    BOOST_TEST(find(items, "孙失")->reason.find("2025-10-01") != std::string::npos);
    BOOST_TEST(find(items, "陈今")->kind == WorkKind::DueToday);
    BOOST_TEST(find(items, "刘周")->kind == WorkKind::DueThisWeek);

    // Overdue: urgent, then referral advised, then uncontrolled, then routine.
    std::vector<std::string> overdue;
    for (const auto& i : items)
        if (i.kind == WorkKind::Overdue) overdue.push_back(i.residentName);
    const std::vector<std::string> expected{"李急", "张高", "赵一", "王稳"};
    BOOST_TEST(overdue == expected, boost::test_tools::per_element());
    const auto* second = find(items, "张高");
    BOOST_TEST(second->reason.find("2026-11-03") != std::string::npos);  // second uncontrolled on …
    BOOST_TEST(second->reason.find("2026-10-20") != std::string::npos);
    BOOST_TEST(second->daysOverdue == 13);
    // Lost is the last group.
    BOOST_TEST(items.back().kind == WorkKind::Lost);
}

BOOST_AUTO_TEST_CASE(a_lost_entry_is_not_a_patient_seen) {
    const auto id = patient("钱外", {{"2025-01-10", 130, 80}});
    model::FollowUp lost;
    lost.residentId = id;
    lost.programme = "htn";
    lost.visitDate = d("2026-02-20");
    lost.mode = "lost";
    lost.lostReason = "外出务工";
    test::signVisit(*db, lost);
    const auto* item = find(build("2026-03-01"), "钱外");
    BOOST_REQUIRE(item);
    BOOST_TEST(item->kind == WorkKind::Lost);
    BOOST_TEST(item->reason.find("2025-01-10") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(referrals_checks_and_the_doctor_filter) {
    const auto id = patient("吴转", {{"2026-11-01", 130, 80}}, "doctor2");
    services::Referrals refs(*db, services::Session::bootstrap("doctor2"));
    refs.setNow(std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::sys_days{d("2026-11-05")}.time_since_epoch())
                    .count());
    model::Referral r;
    r.residentId = id;
    r.toInstitution = "庄寨镇卫生院";
    r.reason = "头晕";
    r.consent = true;
    r.referredOn = d("2026-11-05");
    refs.create(r, true);
    patient("郑一", {{"2026-11-01", 130, 80}}, "doctor1");

    const auto all = build("2026-11-25");
    const auto* referral = find(all, "吴转");
    BOOST_REQUIRE(referral);
    BOOST_TEST(referral->kind == WorkKind::Referral);
    BOOST_TEST(referral->daysOverdue == 6);
    // Issue 15, defect 7: a referral line showed age 0 and no phone.
    BOOST_TEST(referral->age == 56);  // born 1970-01-01
    BOOST_TEST(referral->phone == test::sampleResident().phone);
    BOOST_TEST(referral->reason.find("庄寨镇卫生院") != std::string::npos);
    // Everyone under management is due an annual check this year.
    int checks = 0;
    for (const auto& i : all) checks += i.kind == WorkKind::AnnualCheck;
    BOOST_TEST(checks == 2);

    const auto mine = build("2026-11-25", "doctor1");
    BOOST_TEST(!find(mine, "吴转"));
    for (const auto& i : mine) BOOST_TEST(i.doctor == "doctor1");
}

BOOST_AUTO_TEST_CASE(children_with_vaccines_due_or_overdue_say_which_doses_in_words) {
    // Two children of village A: one born 2026-01-31 given only HepB 1, one born 2026-10-20
    // given nothing yet; seen on 2026-11-25.
    services::Registry registry(*db, services::Session::bootstrap("doctor1"));
    auto child = [&](const char* name, const char* birth) {
        auto c = test::sampleResident();
        c.idNumber.clear();
        c.name = name;
        c.birthDate = d(birth);
        return registry.registerResident(test::registration(c, std::string("西村 ") + name)).id;
    };
    const auto older = child("王小花", "2026-01-31");
    child("李小宝", "2026-10-20");
    patient("郑一", {{"2026-11-01", 130, 80}});  // due an annual check
    services::Immunization vaccines(*db, services::Session::bootstrap("doctor1"));
    vaccines.setToday(d("2026-02-01"));
    model::Vaccination v;
    v.residentId = older;
    v.vaccine = "HepB";
    v.dose = 1;
    v.givenOn = d("2026-01-31");
    v.batch = "A1";
    v.site = "left_arm";
    vaccines.record(v);
    const auto items = build("2026-11-25");
    std::vector<const services::WorkItem*> lines;
    for (const auto& i : items)
        if (i.kind == WorkKind::Vaccination) lines.push_back(&i);
    BOOST_REQUIRE_EQUAL(lines.size(), 2u);
    // The longer overdue first: 王小花's BCG was due by 2026-02-28 (overdue since 03-01).
    BOOST_TEST(lines[0]->residentName == "王小花");
    BOOST_TEST(lines[0]->daysOverdue == daysBetween(d("2026-03-01"), d("2026-11-25")) + 1);
    BOOST_TEST(lines[0]->reason.find("BCG") != std::string::npos);
    BOOST_TEST(lines[0]->reason.find("2026-03-01") != std::string::npos);
    BOOST_TEST(lines[0]->reason.find("more") != std::string::npos);  // the card has the rest
    // The newborn: HepB 1 and BCG at birth, overdue since 2026-11-21.
    BOOST_TEST(lines[1]->residentName == "李小宝");
    BOOST_TEST(lines[1]->reason.find("HepB") != std::string::npos);
    BOOST_TEST(lines[1]->reason.find("2026-11-21") != std::string::npos);
    // Their health visits: 王小花's 8-month visit is overdue since 2026-10-31; the newborn's
    // 1-month visit (2026-11-17 … 11-19) is overdue too.
    std::vector<const services::WorkItem*> visits;
    for (const auto& i : items)
        if (i.kind == WorkKind::ChildVisit) visits.push_back(&i);
    BOOST_REQUIRE_EQUAL(visits.size(), 2u);
    BOOST_TEST(visits[0]->residentName == "王小花");
    BOOST_TEST(visits[0]->reason.find("2026-10-31") != std::string::npos);
    BOOST_TEST(visits[0]->daysOverdue == 26);
    BOOST_TEST(visits[1]->reason.find("2026-11-20") != std::string::npos);
    // Vaccination lines come after the annual checks and before the lost.
    std::optional<std::size_t> firstVaccine, lastCheck;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].kind == WorkKind::Vaccination && !firstVaccine) firstVaccine = i;
        if (items[i].kind == WorkKind::AnnualCheck) lastCheck = i;
    }
    BOOST_REQUIRE(lastCheck.has_value());
    BOOST_TEST(*firstVaccine > *lastCheck);
}

BOOST_AUTO_TEST_SUITE_END()
