// Maternal care (groups.md "Maternal care", issue 19): gestational-age windows at their
// boundaries, missed visits, postpartum visits from the delivery, a premature delivery, the
// urgent-referral rules for high blood pressure or glucose with the slip prefilled, and the
// delivery registering the newborn at once into the mother's household.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/services/ChildHealth.h"
#include "core/services/Maternal.h"
#include "core/services/Registry.h"
#include "core/services/Worklist.h"
#include "core/store/HouseholdRepository.h"
#include "core/store/ResidentRepository.h"

using namespace jiayi;
namespace mat = rules::maternal;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

std::string status(const std::vector<mat::VisitLine>& lines, const char* code) {
    for (const auto& l : lines)
        if (l.rule->code == code) return mat::statusCode(l.status);
    return "none";
}

const mat::VisitLine& line(const std::vector<mat::VisitLine>& lines, const char* code) {
    for (const auto& l : lines)
        if (l.rule->code == code) return l;
    throw std::runtime_error("no visit");
}

bool has(const std::vector<FieldError>& errors, const char* field) {
    for (const auto& e : errors)
        if (e.field == field) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(maternal_rules)

BOOST_AUTO_TEST_CASE(gestational_age_and_the_antenatal_windows) {
    const auto lmp = d("2026-03-01");
    BOOST_TEST(formatDate(mat::expectedDelivery(lmp)) == "2026-12-06");  // LMP + 280 days
    BOOST_TEST(mat::text(mat::gestationalAge(lmp, d("2026-06-21"))) == "16+0 weeks");
    BOOST_TEST(mat::text(mat::gestationalAge(lmp, d("2026-06-20"))) == "15+6 weeks");
    const auto& t = mat::visitTable();
    const mat::PregnancyDates p{lmp, std::nullopt, std::nullopt, false};
    // Before 13 weeks: through 12w6d (2026-05-30); overdue from 13w0d.
    auto plan = mat::visitPlan(t, p, {}, d("2026-05-30"));
    BOOST_TEST(status(plan, "an1") == "due");
    BOOST_TEST(mat::describe(line(plan, "an1")).find("2026-05-30") != std::string::npos);
    plan = mat::visitPlan(t, p, {}, d("2026-05-31"));
    BOOST_TEST(status(plan, "an1") == "overdue");
    // 16-20 weeks: 16w0d (2026-06-21) through 20w6d (2026-07-25).
    BOOST_TEST(formatDate(*line(plan, "an2").from) == "2026-06-21");
    BOOST_TEST(formatDate(*line(plan, "an2").to) == "2026-07-25");
    plan = mat::visitPlan(t, p, {}, d("2026-06-20"));
    BOOST_TEST(status(plan, "an2") == "upcoming");
    plan = mat::visitPlan(t, p, {}, d("2026-07-25"));
    BOOST_TEST(status(plan, "an2") == "due");
    BOOST_TEST(status(plan, "an1") == "missed");  // the second visit's window has begun
    // 21w0d: the 16-20 week visit not done is missed, the 21-24 week one due.
    plan = mat::visitPlan(t, p, {}, d("2026-07-26"));
    BOOST_TEST(status(plan, "an2") == "missed");
    BOOST_TEST(status(plan, "an3") == "due");
    // 28-36 weeks, 37-40 weeks; the postpartum visits wait for the delivery.
    BOOST_TEST(formatDate(*line(plan, "an4").from) == "2026-09-13");
    BOOST_TEST(formatDate(*line(plan, "an5").to) == "2026-12-12");  // 40w6d
    BOOST_TEST(status(plan, "pp_home") == "after_delivery");
}

BOOST_AUTO_TEST_CASE(a_premature_delivery_ends_the_antenatal_visits_and_starts_the_postpartum_ones) {
    const auto lmp = d("2026-03-01");
    // Born at 33 weeks (2026-10-18), discharged on the 22nd.
    const mat::PregnancyDates p{lmp, d("2026-10-18"), d("2026-10-22"), false};
    auto plan = mat::visitPlan(mat::visitTable(), p, {{"a", "an4", d("2026-09-20")}}, d("2026-10-25"));
    BOOST_TEST(status(plan, "an4") == "done");
    BOOST_TEST(status(plan, "an5") == "missed");
    // Within a week of the discharge: 2026-10-22 … 10-29.
    BOOST_TEST(status(plan, "pp_home") == "due");
    BOOST_TEST(formatDate(*line(plan, "pp_home").to) == "2026-10-29");
    // Around 42 days after the delivery: 2026-11-29 … 2026-12-13.
    BOOST_TEST(formatDate(*line(plan, "pp42").from) == "2026-11-29");
    BOOST_TEST(status(plan, "pp42") == "upcoming");
    BOOST_TEST(status(mat::visitPlan(mat::visitTable(), p, {}, d("2026-12-14")), "pp42") == "overdue");
}

BOOST_AUTO_TEST_CASE(registration_and_visit_forms_refuse_what_cannot_be) {
    const auto today = d("2026-07-01");
    BOOST_TEST(mat::validateRegistration({d("2026-03-01"), 2, 1, d("1995-05-01"), "2"}, today).empty());
    BOOST_TEST(has(mat::validateRegistration({d("2026-03-01"), 2, 1, d("1995-05-01"), "1"}, today), "resident"));
    BOOST_TEST(has(mat::validateRegistration({d("2026-07-02"), 2, 1, d("1995-05-01"), "2"}, today), "lmp"));
    BOOST_TEST(has(mat::validateRegistration({d("2025-08-01"), 2, 1, d("1995-05-01"), "2"}, today), "lmp"));  // 48 weeks
    BOOST_TEST(has(mat::validateRegistration({d("2026-03-01"), 1, 1, d("1995-05-01"), "2"}, today), "parity"));
    const mat::PregnancyDates p{d("2026-03-01"), std::nullopt, std::nullopt, false};
    mat::VisitForm f{"an2", d("2026-06-07"), 118, 76, 60.0, std::nullopt, std::nullopt};
    BOOST_TEST(mat::validateVisit(mat::visitTable(), f, p, {}, today).empty());  // 14 days before 16w0d
    f.date = d("2026-06-06");
    BOOST_TEST(has(mat::validateVisit(mat::visitTable(), f, p, {}, today), "visit_date"));
    f = {"pp_home", d("2026-06-20"), 118, 76, std::nullopt, std::nullopt, std::nullopt};
    BOOST_TEST(has(mat::validateVisit(mat::visitTable(), f, p, {}, today), "visit"));  // no delivery yet
    f = {"an2", d("2026-06-25"), 80, 90, std::nullopt, std::nullopt, std::nullopt};
    BOOST_TEST(has(mat::validateVisit(mat::visitTable(), f, p, {}, today), "diastolic"));
}

BOOST_AUTO_TEST_CASE(high_blood_pressure_or_glucose_in_pregnancy_is_an_urgent_referral) {
    mat::VisitForm f{"an3", d("2026-08-01"), 150, 95, std::nullopt, std::nullopt, std::nullopt};
    auto urgent = mat::urgentFindings(f, d("2026-08-01"), 30);
    BOOST_REQUIRE_EQUAL(urgent.size(), 1u);
    BOOST_TEST(urgent[0].criterion == "pregnancy_bp");
    f.systolic = 118;
    f.diastolic = 76;
    BOOST_TEST(mat::urgentFindings(f, d("2026-08-01"), 30).empty());
    f.fastingGlucose = 7.5;
    urgent = mat::urgentFindings(f, d("2026-08-01"), 30);
    BOOST_REQUIRE_EQUAL(urgent.size(), 1u);
    BOOST_TEST(urgent[0].criterion == "pregnancy_glucose");
    f.systolic = 182;  // and the general criterion, once
    urgent = mat::urgentFindings(f, d("2026-08-01"), 30);
    BOOST_TEST(urgent.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct MotherFixture : test::DbFixture {
    std::string motherId;
    MotherFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        auto m = test::child("李秀英", "1990-04-10");  // a woman of village A
        motherId = registry.registerResident(test::registration(m, "西村 5 号")).id;
    }
    services::Maternal service(const char* today) {
        services::Maternal m(*db, services::Session::bootstrap("doctor1"));
        m.setToday(d(today));
        return m;
    }
    model::Pregnancy pregnancy(const char* lmp) {
        model::Pregnancy p;
        p.residentId = motherId;
        p.lmp = d(lmp);
        p.gravidity = 2;
        p.parity = 1;
        p.risks = {"anaemia"};
        return p;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(maternal, MotherFixture)

BOOST_AUTO_TEST_CASE(a_pregnancy_is_registered_visited_and_referred_with_the_slip_filled) {
    auto svc = service("2026-05-10");
    const auto p = svc.registerPregnancy(pregnancy("2026-03-01"));
    BOOST_TEST(formatDate(*p.edd) == "2026-12-06");
    BOOST_TEST(p.risks.front() == "advanced_age");  // 36 at the expected delivery
    BOOST_CHECK_THROW(svc.registerPregnancy(pregnancy("2026-03-05")), ConflictError);  // one open at a time
    model::MaternalVisit v;
    v.pregnancyId = p.id;
    v.visitCode = "an1";
    v.visitDate = d("2026-05-10");
    v.systolic = 152;
    v.diastolic = 96;
    v.weightKg = 62;
    const auto saved = svc.recordVisit(v);
    BOOST_REQUIRE_EQUAL(saved.urgent.size(), 1u);
    const auto slip = svc.draftReferral(saved.visit.id);
    BOOST_TEST(slip.urgency == "urgent");
    BOOST_TEST(slip.residentId == motherId);
    BOOST_TEST(slip.reason.find("152/96") != std::string::npos, slip.reason);
    BOOST_TEST(slip.impression.find("10+0") != std::string::npos, slip.impression);  // 10 weeks
    BOOST_TEST(slip.pastHistory.find("2026-12-06") != std::string::npos);
    const auto view = svc.view(p.id);
    BOOST_TEST(status(view.plan, "an1") == "done");
    BOOST_TEST(status(view.plan, "an2") == "upcoming");
    BOOST_TEST(view.today.weeks == 10);
    // The due list on 2026-06-25 (16+4 weeks): the 16-20 week visit.
    const auto due = svc.due("371721001", d("2026-06-25"));
    BOOST_REQUIRE_EQUAL(due.size(), 1u);
    BOOST_TEST(due[0].visit.rule->code == "an2");
    BOOST_TEST(due[0].ga->weeks == 16);
    // On the worklist, with the gestational age and the window in words.
    bool listed = false;
    for (const auto& item : services::Worklist(*db, services::Session::bootstrap("reader")).build({}, d("2026-06-25")))
        if (item.kind == services::WorkKind::Maternal) {
            listed = true;
            BOOST_TEST(item.reason.find("16+4") != std::string::npos, item.reason);
            BOOST_TEST(item.reason.find("2026-07-25") != std::string::npos, item.reason);
            BOOST_TEST(item.enrolmentId == p.id);
        }
    BOOST_TEST(listed);
}

BOOST_AUTO_TEST_CASE(the_delivery_registers_the_newborn_in_the_mothers_household) {
    auto svc = service("2026-11-30");
    const auto p = svc.registerPregnancy(pregnancy("2026-03-01"));
    services::DeliveryRequest req;
    req.pregnancyId = p.id;
    req.deliveredOn = d("2026-11-28");
    req.dischargedOn = d("2026-11-30");
    req.place = "hospital";
    req.mode = "vaginal";
    req.babies = {{"", "2", ""}};
    const auto done = svc.recordDelivery(req);
    BOOST_TEST(done.pregnancy.state == "delivered");
    BOOST_REQUIRE_EQUAL(done.babies.size(), 1u);
    const auto& baby = done.babies[0];
    BOOST_TEST(baby.name == "李秀英之女");
    BOOST_TEST(!baby.archiveNo.empty());  // a record number at once
    BOOST_TEST(formatDate(*baby.birthDate) == "2026-11-28");
    store::HouseholdRepository households(*db);
    BOOST_TEST(households.currentMembership(baby.id)->householdId == households.currentMembership(motherId)->householdId);
    BOOST_TEST(households.currentMembership(baby.id)->relation == "3");  // the head's daughter
    BOOST_CHECK_THROW(svc.recordDelivery(req), ConflictError);  // recorded once
    // A baby already on record is linked, not registered again; it must be born that day.
    services::Registry people(*db, services::Session::bootstrap("doctor1"));
    auto twin = test::child("王小宝", "2026-11-27", "1");
    const auto twinId = people.registerResident(test::registration(twin, "西村 7 号")).id;
    auto second = pregnancy("2026-02-20");
    second.residentId = people.registerResident(test::registration(test::child("王芳", "1994-01-01"), "西村 7 号")).id;
    const auto q2 = svc.registerPregnancy(second);
    services::DeliveryRequest link{q2.id, d("2026-11-28"), std::nullopt, "hospital", "vaginal", {{"", "1", twinId}}};
    BOOST_CHECK_THROW(svc.recordDelivery(link), ValidationError);  // born the 27th
    link.deliveredOn = d("2026-11-27");
    const std::size_t before = store::ResidentRepository(*db).count();
    const auto linked = svc.recordDelivery(link);
    BOOST_TEST(linked.babies.at(0).id == twinId);
    BOOST_TEST(store::ResidentRepository(*db).count() == before);
    // The postpartum home visit is due; the baby's newborn visit counts from the birth.
    BOOST_TEST(status(svc.view(p.id).plan, "pp_home") == "due");
    services::ChildHealth children(*db, services::Session::bootstrap("doctor1"));
    children.setToday(d("2026-11-30"));
    const auto newborn = children.timeline(baby.id).visits.front();
    BOOST_TEST(rules::child::statusCode(newborn.status) == std::string("due"));
    // A delivery before 20 weeks is refused (an ended pregnancy is recorded instead).
    services::Registry registry(*db, services::Session::bootstrap("doctor1"));
    auto other = test::child("张丽", "1996-02-02");
    const auto otherId = registry.registerResident(test::registration(other, "西村 6 号")).id;
    auto q = pregnancy("2026-09-01");
    q.residentId = otherId;
    const auto early = svc.registerPregnancy(q);
    req.pregnancyId = early.id;
    req.deliveredOn = d("2026-11-20");
    BOOST_CHECK_THROW(svc.recordDelivery(req), ValidationError);
    const auto ended = svc.endPregnancy(early.id, d("2026-11-20"), "miscarriage");
    BOOST_TEST(ended.state == "ended");
    // The two postpartum home visits; the ended pregnancy has none.
    BOOST_TEST(svc.due("371721001", d("2026-11-30")).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
