// ChronicCare on a real SQLite file: enrolment, signing follow-ups with the rules applied,
// combined visits, corrections as versions, bad input, death, the chart's plan and the
// annual health check (shared/domain/chronic.md, groups.md Elderly).
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/store/ChronicRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"

using namespace jiayi;
using jiayi::services::ChronicCare;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct ChronicFixture : test::DbFixture {
    std::string residentId;
    ChronicFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        services::Registration reg;
        reg.resident = test::sampleResident();  // born 1960-05-01
        reg.newHouseholdAddress = "西村 1 号";
        residentId = registry.registerResident(reg).id;
    }
    ChronicCare care(const char* today = "2026-12-31") {
        ChronicCare c(*db, services::Session::bootstrap("doctor1"));
        c.setToday(d(today));
        return c;
    }
    model::Enrolment enrol(const char* programme, const char* on = "2026-01-05") {
        services::EnrolmentRequest req;
        req.residentId = residentId;
        req.programme = programme;
        req.enrolledOn = d(on);
        req.diagnosedBy = "县医院";
        return care().enrol(req);
    }
    model::FollowUp form(const char* programme, const char* date, int sbp, int dbp) {
        model::FollowUp f;
        f.residentId = residentId;
        f.programme = programme;
        f.visitDate = d(date);
        f.mode = "clinic";
        f.systolic = sbp;
        f.diastolic = dbp;
        f.weight = 68.0;
        f.height = 170.0;
        return f;
    }
    model::FollowUp visit(const char* date, int sbp, int dbp) {
        return test::signPreviewed(care(), {form("htn", date, sbp, dbp)}).records.at(0);
    }
    std::size_t followUpRows() {
        auto& st = db->cached("SELECT count(*) FROM follow_up");
        st.step();
        const auto n = static_cast<std::size_t>(st.integer(0));
        st.reset();
        return n;
    }
};

bool hasField(const ValidationError& e, const std::string& field) {
    for (const auto& x : e.errors())
        if (x.field == field) return true;
    return false;
}

template <typename F>
ValidationError refusal(F&& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e;
    }
    BOOST_FAIL("expected a ValidationError");
    return ValidationError("", "");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(chronic_care, ChronicFixture)

BOOST_AUTO_TEST_CASE(enrol_validates_age_duplicates_and_programme_fields) {
    const auto e = enrol("htn");
    BOOST_TEST(e.status == "active");
    BOOST_TEST(e.villageCode == test::kVillageA);
    BOOST_TEST(hasField(refusal([&] { enrol("htn", "2026-02-01"); }), "programme"));  // already enrolled
    BOOST_TEST(hasField(refusal([&] { enrol("flu"); }), "programme"));
    BOOST_TEST(hasField(refusal([&] { enrol("smi"); }), "diagnosis"));  // SMI needs the condition
    BOOST_TEST(hasField(refusal([&] { enrol("tb"); }), "tb_phase"));
    BOOST_TEST(hasField(refusal([&] { enrol("t2d", "2030-01-01"); }), "enrolled_on"));  // in the future

    // Under 35: hypertension management is refused with the age.
    services::Registry registry(*db, services::Session::bootstrap("doctor1"));
    services::Registration young;
    young.resident = test::sampleResident();
    young.resident.idNumber.clear();
    young.resident.name = "李小";
    young.resident.birthDate = d("1995-03-01");
    young.newHouseholdAddress = "西村 2 号";
    const auto youngId = registry.registerResident(young).id;
    services::EnrolmentRequest req;
    req.residentId = youngId;
    req.programme = "htn";
    req.enrolledOn = d("2026-01-05");
    const auto error = refusal([&] { care().enrol(req); });
    BOOST_TEST(hasField(error, "programme"));
    BOOST_TEST(error.reason().find("35") != std::string::npos);
    BOOST_TEST(care().enrolments(youngId).empty());
}

BOOST_AUTO_TEST_CASE(a_year_of_visits_follows_the_rules) {
    enrol("htn");
    // Controlled → 3 months.
    auto v1 = visit("2026-01-10", 132, 84);
    BOOST_TEST(v1.classification == "controlled");
    BOOST_TEST(v1.nextStep == "routine");
    BOOST_TEST(formatDate(*v1.nextDue) == "2026-04-10");
    BOOST_TEST(*v1.bmi == 23.5);
    // First uncontrolled → 2 weeks.
    auto v2 = visit("2026-04-09", 150, 92);
    BOOST_TEST(v2.classification == "uncontrolled");
    BOOST_TEST(v2.nextStep == "recheck");
    BOOST_TEST(formatDate(*v2.nextDue) == "2026-04-23");
    // Second uncontrolled in a row → refer, and the reason names both dates.
    auto v3 = visit("2026-04-22", 152, 95);
    BOOST_TEST(v3.nextStep == "refer");
    const auto chart = care("2026-04-22").chart(residentId);
    BOOST_REQUIRE_EQUAL(chart.programmes.size(), 1u);
    BOOST_TEST(chart.programmes[0].reason.find("2026-04-22") != std::string::npos);
    BOOST_TEST(chart.programmes[0].reason.find("2026-04-09") != std::string::npos);
    BOOST_TEST(chart.programmes[0].faceToFaceThisYear == 3);
    // A phone call without a reading neither breaks nor makes the pair; keeps the date.
    auto phone = form("htn", "2026-05-01", 0, 0);
    phone.systolic.reset();
    phone.diastolic.reset();
    phone.weight.reset();
    phone.mode = "phone";
    const auto call = test::signPreviewed(care(), {phone}).records.at(0);
    BOOST_TEST(call.nextStep == "keep_schedule");
    BOOST_TEST(formatDate(*call.nextDue) == "2026-05-06");
    auto v4 = visit("2026-05-06", 138, 86);
    BOOST_TEST(v4.nextStep == "routine");
    auto v5 = visit("2026-08-06", 152, 88);  // uncontrolled–controlled–uncontrolled: first again
    BOOST_TEST(v5.nextStep == "recheck");
}

BOOST_AUTO_TEST_CASE(target_follows_age_on_the_visit_date) {
    enrol("htn", "2025-01-05");
    // Born 1960-05-01: 64 on 2025-04-30 (target < 140/90), 65 the next day (< 150/90).
    BOOST_TEST(visit("2025-04-30", 145, 85).classification == "uncontrolled");
    BOOST_TEST(visit("2025-05-01", 145, 85).classification == "controlled");
    BOOST_TEST(visit("2025-08-01", 150, 85).classification == "uncontrolled");
}

BOOST_AUTO_TEST_CASE(urgent_values_plan_an_urgent_referral) {
    enrol("htn");
    const auto outcome = test::signPreviewed(care(), {form("htn", "2026-03-01", 182, 112)});
    BOOST_TEST(outcome.referralSuggested);
    BOOST_TEST(outcome.records[0].nextStep == "urgent_refer");
    BOOST_TEST(outcome.records[0].planDetail.find("182") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_preview_judges_nothing_from_missing_or_impossible_readings) {
    enrol("htn");
    auto f = form("htn", "2026-03-01", 0, 0);
    f.systolic.reset();
    f.diastolic.reset();
    auto p = care().preview({f}).at(0);
    BOOST_TEST(!p.judged);
    BOOST_TEST(p.record.classification.empty());  // not "controlled" before a reading is typed
    BOOST_TEST(p.record.nextStep.empty());
    f.systolic = 1320;  // a typo, not a reading
    f.diastolic = 90;
    p = care().preview({f}).at(0);
    BOOST_TEST(!p.judged);
    BOOST_TEST(p.urgent.empty());
    BOOST_TEST(std::any_of(p.errors.begin(), p.errors.end(), [](const FieldError& e) { return e.field == "systolic"; }));
    f.systolic = 182;
    f.diastolic = 112;
    p = care().preview({f}).at(0);
    BOOST_TEST(p.judged);
    BOOST_TEST(p.record.nextStep == "urgent_refer");
    BOOST_TEST(!p.urgent.empty());
    BOOST_TEST(!p.planReason.empty());
    // A weight still to be typed (required) does not hide the judgement of the pressure.
    f.weight.reset();
    f.height.reset();
    p = care().preview({f}).at(0);
    BOOST_TEST(p.judged);
    BOOST_TEST(p.record.nextStep == "urgent_refer");
    BOOST_TEST(followUpRows() == 0u);  // nothing written
}

BOOST_AUTO_TEST_CASE(one_visit_serves_both_forms) {
    enrol("htn");
    enrol("t2d");
    auto h = form("htn", "2026-03-01", 130, 80);
    auto t = form("t2d", "2026-03-01", 130, 80);
    t.fastingGlucose = 7.4;
    t.symptoms = {"2", "4"};
    t.dorsalPulse = "normal";
    const auto out = test::signPreviewed(care(), {h, t});
    BOOST_REQUIRE_EQUAL(out.records.size(), 2u);
    BOOST_TEST(out.records[0].visitId == out.records[1].visitId);
    BOOST_TEST(out.records[0].classification == "controlled");
    BOOST_TEST(out.records[1].classification == "uncontrolled");
    BOOST_TEST(followUpRows() == 2u);

    // Shared findings that disagree: refused, nothing written.
    auto t2 = t;
    t2.visitDate = d("2026-06-01");
    auto h2 = h;
    h2.visitDate = d("2026-06-01");
    h2.systolic = 140;
    const auto error = refusal([&] { test::signPreviewed(care(), {h2, t2}); });
    BOOST_TEST(hasField(error, "systolic"));
    BOOST_TEST(followUpRows() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_field_and_writes_nothing) {
    enrol("htn");
    auto f = form("htn", "2026-03-01", 80, 120);  // diastolic above systolic
    f.heartRate = 400;
    f.symptoms = {"1", "3"};       // "none" with others
    f.lifestyle["salt"] = "9";
    f.lifestyle["staple"] = "300";  // diabetes item on the hypertension form
    f.hypoglycaemia = "none";
    const auto error = refusal([&] { test::signPreviewed(care(), {f}); });
    for (const char* field : {"diastolic", "heart_rate", "symptoms", "lifestyle.salt", "lifestyle.staple", "hypoglycaemia"})
        BOOST_TEST(hasField(error, field), field);
    BOOST_TEST(followUpRows() == 0u);

    auto noBp = form("htn", "2026-03-01", 0, 0);
    noBp.systolic.reset();
    noBp.diastolic.reset();
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {noBp}); }), "systolic"));
    auto future = form("htn", "2027-03-01", 130, 80);
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {future}); }), "visit_date"));
    auto beforeEnrolment = form("htn", "2025-03-01", 130, 80);
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {beforeEnrolment}); }), "visit_date"));
    auto notManaged = form("t2d", "2026-03-01", 130, 80);
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {notManaged}); }), "programme"));
    auto lowered = form("htn", "2026-03-01", 150, 95);
    lowered.classification = "controlled";
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {lowered}); }), "classification"));
    BOOST_TEST(followUpRows() == 0u);
}

BOOST_AUTO_TEST_CASE(weight_every_visit_when_overweight) {
    enrol("htn");
    auto heavy = form("htn", "2026-03-01", 130, 80);
    heavy.weight = 80.0;  // BMI 27.7
    test::signPreviewed(care(), {heavy});
    auto next = form("htn", "2026-06-01", 130, 80);
    next.weight.reset();
    const auto error = refusal([&] { test::signPreviewed(care(), {next}); });
    BOOST_TEST(hasField(error, "weight"));
    // Normal weight: once a year is enough.
    enrol("t2d");
    auto normal = form("t2d", "2026-03-02", 130, 80);
    normal.weight = 60.0;
    normal.fastingGlucose = 6.0;
    test::signPreviewed(care(), {normal});
    auto within = form("t2d", "2026-06-02", 130, 80);
    within.weight.reset();
    within.fastingGlucose = 6.2;
    BOOST_TEST(test::signPreviewed(care(), {within}).records.size() == 1u);  // weighed this year
    auto yearLater = form("t2d", "2027-03-02", 130, 80);
    yearLater.weight.reset();
    yearLater.fastingGlucose = 6.2;
    BOOST_TEST(hasField(refusal([&] { ChronicCare c(*db, services::Session::bootstrap("doctor1")); c.setToday(d("2027-12-31"));
                                      c.recordVisit({yearLater}); }),
                        "weight"));
}

BOOST_AUTO_TEST_CASE(raise_but_never_lower_the_classification) {
    enrol("htn");
    auto f = form("htn", "2026-03-01", 130, 80);
    f.classification = "uncontrolled";
    const auto v = test::signPreviewed(care(), {f}).records.at(0);
    BOOST_TEST(v.classification == "uncontrolled");
    BOOST_TEST(v.computedClassification == "controlled");
    BOOST_TEST(v.nextStep == "recheck");
    BOOST_TEST(*v.controlled == false);
}

BOOST_AUTO_TEST_CASE(corrections_are_new_versions) {
    enrol("htn");
    const auto v1 = visit("2026-03-01", 150, 92);
    auto fixed = form("htn", "2026-03-01", 130, 82);
    BOOST_TEST(hasField(refusal([&] { care().correct(v1.id, fixed, " "); }), "correction_reason"));
    const auto v2 = care().correct(v1.id, fixed, "typed 150 instead of 130");
    BOOST_TEST(v2.version == 2);
    BOOST_TEST(v2.supersedes == v1.id);
    BOOST_TEST(v2.visitId == v1.visitId);
    BOOST_TEST(v2.classification == "controlled");
    // The old version is untouched and both are in the history.
    const auto versions = care().versions(v2.id);
    BOOST_REQUIRE_EQUAL(versions.size(), 2u);
    BOOST_TEST(*versions[0].systolic == 150);
    BOOST_TEST(*versions[1].systolic == 130);
    BOOST_TEST(care().chart(residentId).followUps.size() == 2u);
    // The chart plans from the current version; correcting an old version is refused.
    BOOST_TEST(care().chart(residentId).programmes[0].step == "routine");
    BOOST_CHECK_THROW(care().correct(v1.id, fixed, "again"), ConflictError);
    // Signed rows are never updated: only inserts in the change log.
    auto& st = db->cached("SELECT count(*) FROM change_log WHERE tbl = 'follow_up' AND op <> 'insert'");
    st.step();
    BOOST_TEST(st.integer(0) == 0);
    st.reset();
}

BOOST_AUTO_TEST_CASE(lost_and_death_entries) {
    enrol("htn");
    visit("2026-03-01", 130, 80);
    model::FollowUp lost;
    lost.residentId = residentId;
    lost.programme = "htn";
    lost.visitDate = d("2026-06-05");
    lost.mode = "lost";
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {lost}); }), "lost_reason"));
    lost.lostReason = "外出务工";
    const auto l = test::signPreviewed(care(), {lost}).records.at(0);
    BOOST_TEST(formatDate(*l.nextDue) == "2026-06-01");  // the visit stays due
    BOOST_TEST(care().chart(residentId).programmes[0].reason.find("外出务工") != std::string::npos);

    model::FollowUp dead = lost;
    dead.mode = "dead";
    dead.lostReason.clear();
    dead.deathDate = d("2026-07-01");
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {dead}); }), "death_cause"));
    dead.deathCause = "脑卒中";
    test::signPreviewed(care(), {dead});
    const auto r = store::ResidentRepository(*db).get(residentId);
    BOOST_TEST(model::statusCode(r->status) == std::string("dead"));
    const auto enrolments = care().enrolments(residentId);
    BOOST_TEST(enrolments[0].status == "closed");
    BOOST_TEST(enrolments[0].closeReason == "died");
}

BOOST_AUTO_TEST_CASE(a_move_takes_the_programme_and_a_dead_resident_has_no_follow_up) {
    const auto e = enrol("htn");
    services::Registry registry(*db, services::Session::bootstrap("doctor1"));
    auto r = registry.get(residentId);
    r.villageCode = test::kVillageB;
    registry.edit(r);
    BOOST_TEST(care().enrolments(residentId).at(0).villageCode == test::kVillageB);
    BOOST_TEST(visit("2026-03-01", 130, 80).villageCode == test::kVillageB);

    registry.close(residentId, model::RecordStatus::Dead, d("2026-04-01"), "脑卒中");
    BOOST_TEST(care().enrolments(residentId).at(0).status == "closed");
    BOOST_CHECK_THROW(care().reopen(e.id), ConflictError);
    BOOST_CHECK_THROW(test::signPreviewed(care(), {form("htn", "2026-04-05", 130, 80)}), ConflictError);
}

BOOST_AUTO_TEST_CASE(close_and_reopen) {
    const auto e = enrol("htn");
    BOOST_TEST(hasField(refusal([&] { care().close(e.id, "cured", d("2026-06-01"), ""); }), "close_reason"));
    const auto closed = care().close(e.id, "moved", d("2026-06-01"), "去北京");
    BOOST_TEST(closed.status == "closed");
    BOOST_TEST(care().chart(residentId).programmes[0].step == "closed");
    const auto reopened = care().reopen(e.id);
    BOOST_TEST(reopened.status == "active");
    BOOST_TEST(reopened.statusEpoch == 1);
}

BOOST_AUTO_TEST_CASE(smi_and_tb_plans) {
    services::EnrolmentRequest smi;
    smi.residentId = residentId;
    smi.programme = "smi";
    smi.diagnosis = "schizophrenia";
    smi.enrolledOn = d("2026-01-05");
    care().enrol(smi);
    model::FollowUp f;
    f.residentId = residentId;
    f.programme = "smi";
    f.visitDate = d("2026-02-01");
    f.mode = "home";
    BOOST_TEST(hasField(refusal([&] { test::signPreviewed(care(), {f}); }), "danger"));
    f.danger = 2;
    auto v = test::signPreviewed(care(), {f}).records.at(0);
    BOOST_TEST(v.classification == "basically_stable");
    BOOST_TEST(formatDate(*v.nextDue) == "2026-02-15");
    f.visitDate = d("2026-02-15");
    v = test::signPreviewed(care(), {f}).records.at(0);
    BOOST_TEST(v.nextStep == "observe_month");
    f.visitDate = d("2026-03-15");
    f.danger = 4;
    v = test::signPreviewed(care(), {f}).records.at(0);
    BOOST_TEST(v.classification == "unstable");
    BOOST_TEST(v.nextStep == "urgent_refer");

    services::EnrolmentRequest tb;
    tb.residentId = residentId;
    tb.programme = "tb";
    tb.tbPhase = "intensive";
    tb.tbSupervisor = "family";
    tb.enrolledOn = d("2026-03-01");
    tb.tbNotifiedOn = d("2026-03-01");
    const auto e = care().enrol(tb);
    const auto chart = care("2026-03-01").chart(residentId);
    const auto tbPlan = std::find_if(chart.programmes.begin(), chart.programmes.end(),
                                     [&](const services::ProgrammePlan& p) { return p.enrolment.id == e.id; });
    BOOST_REQUIRE(tbPlan != chart.programmes.end());
    BOOST_TEST(formatDate(*tbPlan->due) == "2026-03-04");  // 72 hours
    model::FollowUp t;
    t.residentId = residentId;
    t.programme = "tb";
    t.visitDate = d("2026-03-03");
    t.mode = "home";
    BOOST_TEST(formatDate(*test::signPreviewed(care(), {t}).records.at(0).nextDue) == "2026-03-13");
}

BOOST_AUTO_TEST_CASE(tb_two_failed_first_visits_are_reported_to_the_county) {
    services::EnrolmentRequest tb;
    tb.residentId = residentId;
    tb.programme = "tb";
    tb.tbPhase = "intensive";
    tb.tbSupervisor = "medical";
    tb.enrolledOn = d("2026-03-01");
    tb.tbNotifiedOn = d("2026-03-01");
    care().enrol(tb);
    model::FollowUp failed;
    failed.residentId = residentId;
    failed.programme = "tb";
    failed.mode = "lost";
    failed.lostReason = "家中无人";
    failed.visitDate = d("2026-03-02");
    test::signPreviewed(care(), {failed});
    BOOST_TEST(care().chart(residentId).programmes.at(0).step != "report_county");
    failed.visitDate = d("2026-03-04");
    test::signPreviewed(care(), {failed});
    const auto plan = care().chart(residentId).programmes.at(0);
    BOOST_TEST(plan.step == "report_county");
    BOOST_TEST(plan.reason.find("2026-03-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(health_check_self_care_score) {
    model::HealthCheck h;
    h.residentId = residentId;
    h.checkDate = d("2026-05-01");
    h.selfCare = {{"eating", 3}, {"grooming", 1}, {"dressing", 0}, {"toileting", 5}, {"moving", 0}};
    h.systolic = 135;
    h.diastolic = 85;
    h.height = 165;
    h.weight = 60;
    const auto saved = care().recordHealthCheck(h);
    BOOST_TEST(*saved.selfCareTotal == 9);
    BOOST_TEST(saved.selfCareLevel == "moderate");
    BOOST_TEST(*saved.bmi == 22.0);
    auto bad = h;
    bad.selfCare["eating"] = 2;  // not a level of eating (0, 0, 3, 5)
    bad.selfCare.erase("moving");
    const auto error = refusal([&] { care().recordHealthCheck(bad); });
    BOOST_TEST(hasField(error, "self_care.eating"));
    BOOST_TEST(hasField(error, "self_care.moving"));
    BOOST_TEST(care().chart(residentId).healthChecks.size() == 1u);
    // The 66-year-old has had this year's check; next year it is due again.
    BOOST_TEST(store::ChronicRepository(*db).healthChecksDue(test::kVillageA, 2026).empty());
    BOOST_TEST(store::ChronicRepository(*db).healthChecksDue(test::kVillageA, 2027).size() == 1u);
    // A year before the latest check: due, and the latest check shown is the one after it
    // (the per-resident summary holds the latest; the year's checks are searched).
    const auto before = store::ChronicRepository(*db).healthChecksDue(test::kVillageA, 2025);
    BOOST_REQUIRE_EQUAL(before.size(), 1u);
    BOOST_TEST(formatDate(*before[0].lastCheck) == "2026-05-01");
    auto earlier = h;
    earlier.checkDate = d("2025-03-01");
    care().recordHealthCheck(earlier);
    BOOST_TEST(store::ChronicRepository(*db).healthChecksDue(test::kVillageA, 2025).empty());
    const auto next = store::ChronicRepository(*db).healthChecksDue(test::kVillageA, 2027);
    BOOST_REQUIRE_EQUAL(next.size(), 1u);
    BOOST_TEST(formatDate(*next[0].lastCheck) == "2026-05-01");  // an earlier check never lowers it
}

BOOST_AUTO_TEST_SUITE_END()
