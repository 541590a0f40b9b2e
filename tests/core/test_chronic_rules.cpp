// One test per rule of shared/domain/chronic.md, with the values at each threshold.
#include <boost/test/unit_test.hpp>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"

using namespace jiayi;
using namespace jiayi::rules::chronic;

namespace jiayi::rules::chronic {
std::ostream& operator<<(std::ostream& out, Classification c) { return out << code(c); }
std::ostream& operator<<(std::ostream& out, SmiClass c) { return out << code(c); }
}  // namespace jiayi::rules::chronic

namespace {

Date d(const char* text) { return parseDate(text).value(); }

VisitFindings bp(int systolic, int diastolic, int age, const char* on = "2026-03-10") {
    VisitFindings v;
    v.date = d(on);
    v.ageOnVisit = age;
    v.systolic = systolic;
    v.diastolic = diastolic;
    return v;
}

VisitFindings glucose(double value, const char* on = "2026-03-10") {
    VisitFindings v;
    v.date = d(on);
    v.ageOnVisit = 60;
    v.fastingGlucose = value;
    return v;
}

bool hasCriterion(const std::vector<UrgentFinding>& found, const std::string& criterion) {
    for (const auto& f : found)
        if (f.criterion == criterion) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(chronic_rules)

// chronic.md, Hypertension, "Control target", by age on the visit date.
BOOST_AUTO_TEST_CASE(bp_target_at_64_and_65) {
    BOOST_TEST(bpControlled(139, 89, 64));
    BOOST_TEST(!bpControlled(140, 89, 64));
    BOOST_TEST(!bpControlled(139, 90, 64));
    BOOST_TEST(bpControlled(139, 89, 65));
    BOOST_TEST(bpControlled(149, 89, 65));
    BOOST_TEST(!bpControlled(150, 89, 65));
    BOOST_TEST(!bpControlled(140, 90, 65));  // DBP target stays < 90 at 65+
    BOOST_TEST(bpControlled(149, 89, 70));
    BOOST_TEST(!bpControlled(150, 85, 70));
    BOOST_TEST(!bpControlled(120, 90, 70));
}

BOOST_AUTO_TEST_CASE(glucose_target_7_0) {
    BOOST_TEST(glucoseControlled(6.9));
    BOOST_TEST(!glucoseControlled(7.0));
    BOOST_TEST(!glucoseControlled(7.1));
}

// chronic.md, "Urgent referral": SBP ≥ 180 and/or DBP ≥ 110.
BOOST_AUTO_TEST_CASE(urgent_blood_pressure_thresholds) {
    BOOST_TEST(urgentFindings(Programme::Hypertension, bp(179, 109, 50)).empty());
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Hypertension, bp(180, 100, 50)), "sbp"));
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Hypertension, bp(150, 110, 50)), "dbp"));
    const auto both = urgentFindings(Programme::Hypertension, bp(182, 112, 50));
    BOOST_TEST(both.size() == 2u);
    BOOST_TEST(both[0].reason.find("182") != std::string::npos);
    // The diabetes programme has the same blood pressure criterion.
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Diabetes, bp(180, 80, 50)), "sbp"));
}

// chronic.md, Type 2 diabetes, "Urgent referral": glucose ≥ 16.7 or ≤ 3.9.
BOOST_AUTO_TEST_CASE(urgent_glucose_thresholds) {
    BOOST_TEST(urgentFindings(Programme::Diabetes, glucose(16.6)).empty());
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Diabetes, glucose(16.7)), "glucose_high"));
    BOOST_TEST(urgentFindings(Programme::Diabetes, glucose(4.0)).empty());
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Diabetes, glucose(3.9)), "glucose_low"));
    // Glucose is not a hypertension criterion.
    BOOST_TEST(urgentFindings(Programme::Hypertension, glucose(20.0)).empty());
}

BOOST_AUTO_TEST_CASE(urgent_heart_rate_temperature_pregnancy_and_signs) {
    auto v = glucose(6.0);
    v.heartRate = 100;
    v.temperature = 39.0;
    BOOST_TEST(urgentFindings(Programme::Diabetes, v).empty());
    v.heartRate = 101;
    v.temperature = 39.1;
    const auto found = urgentFindings(Programme::Diabetes, v);
    BOOST_TEST(hasCriterion(found, "heart_rate"));
    BOOST_TEST(hasCriterion(found, "temperature"));
    // Heart rate and temperature are diabetes criteria only.
    BOOST_TEST(urgentFindings(Programme::Hypertension, v).empty());

    auto pregnant = bp(139, 89, 30);
    pregnant.pregnantOrBreastfeeding = true;
    BOOST_TEST(urgentFindings(Programme::Hypertension, pregnant).empty());
    pregnant.systolic = 140;
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Hypertension, pregnant), "pregnancy_bp"));
    auto pregnantGlucose = glucose(7.0);
    pregnantGlucose.pregnantOrBreastfeeding = true;
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Diabetes, pregnantGlucose), "pregnancy_glucose"));

    auto signs = bp(130, 80, 50);
    signs.urgentSigns = {"chest_tightness", "acetone_breath"};
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Hypertension, signs), "sign:chest_tightness"));
    BOOST_TEST(!hasCriterion(urgentFindings(Programme::Hypertension, signs), "sign:acetone_breath"));
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Diabetes, signs), "sign:acetone_breath"));
    signs.urgentSigns.clear();
    signs.cannotHandle = true;
    BOOST_TEST(hasCriterion(urgentFindings(Programme::Hypertension, signs), "cannot_handle"));
}

// chronic.md, "Classification of the visit": the most severe wins; raise, never lower.
BOOST_AUTO_TEST_CASE(classification_most_severe_wins) {
    auto v = bp(150, 95, 50);
    BOOST_TEST(classify(Programme::Hypertension, v) == Classification::Uncontrolled);
    v.adverseReaction = true;
    BOOST_TEST(classify(Programme::Hypertension, v) == Classification::AdverseReaction);
    v.newOrWorseComplication = true;
    BOOST_TEST(classify(Programme::Hypertension, v) == Classification::Complication);
    BOOST_TEST(classify(Programme::Hypertension, bp(130, 80, 50)) == Classification::Controlled);

    const auto raised = chooseClassification(Classification::Controlled, Classification::Uncontrolled);
    BOOST_TEST(!raised.refusal);
    BOOST_TEST(raised.value == Classification::Uncontrolled);
    const auto lowered = chooseClassification(Classification::Uncontrolled, Classification::Controlled);
    BOOST_TEST(lowered.refusal.has_value());
    BOOST_TEST(lowered.value == Classification::Uncontrolled);
    BOOST_TEST(chooseClassification(Classification::AdverseReaction, std::nullopt).value ==
               Classification::AdverseReaction);
}

// chronic.md, the next-step table: 3 months, 2 weeks, referral.
BOOST_AUTO_TEST_CASE(next_step_controlled_first_and_second_uncontrolled) {
    const auto controlled = bp(130, 80, 50, "2026-01-31");
    const auto routine = planAfterVisit(Programme::Hypertension, controlled, Classification::Controlled, {}, {});
    BOOST_TEST(code(routine.step) == "routine");
    BOOST_TEST(formatDate(routine.due) == "2026-04-30");  // 3 calendar months

    const auto high = bp(150, 92, 50, "2026-03-10");
    const auto first = planAfterVisit(Programme::Hypertension, high, Classification::Uncontrolled,
                                      PreviousVisit{d("2025-12-10"), true, std::nullopt}, {});
    BOOST_TEST(code(first.step) == "recheck");
    BOOST_TEST(formatDate(first.due) == "2026-03-24");
    BOOST_TEST(!first.suggestReferral);

    // Two uncontrolled in a row → refer.
    const auto second = planAfterVisit(Programme::Hypertension, bp(152, 94, 50, "2026-03-24"),
                                       Classification::Uncontrolled,
                                       PreviousVisit{d("2026-03-10"), false, std::nullopt}, {});
    BOOST_TEST(code(second.step) == "refer");
    BOOST_TEST(second.suggestReferral);
    BOOST_TEST(second.reason.find("2026-03-24") != std::string::npos);
    BOOST_TEST(second.reason.find("2026-03-10") != std::string::npos);

    // Uncontrolled – controlled – uncontrolled: the last one is a first uncontrolled visit.
    const auto again = planAfterVisit(Programme::Hypertension, bp(152, 94, 50, "2026-07-01"),
                                      Classification::Uncontrolled,
                                      PreviousVisit{d("2026-04-01"), true, std::nullopt}, {});
    BOOST_TEST(code(again.step) == "recheck");
}

BOOST_AUTO_TEST_CASE(next_step_adverse_complication_urgent_and_phone) {
    auto adverse = bp(130, 80, 50);
    adverse.adverseReaction = true;
    BOOST_TEST(code(planAfterVisit(Programme::Hypertension, adverse, Classification::AdverseReaction, {}, {}).step) ==
               "recheck");
    adverse.adverseReactionHardToControl = true;
    BOOST_TEST(code(planAfterVisit(Programme::Hypertension, adverse, Classification::AdverseReaction, {}, {}).step) ==
               "refer");
    auto complication = bp(130, 80, 50);
    complication.newOrWorseComplication = true;
    BOOST_TEST(code(planAfterVisit(Programme::Hypertension, complication, Classification::Complication, {}, {}).step) ==
               "refer");
    const auto urgent = planAfterVisit(Programme::Hypertension, bp(182, 112, 50), Classification::Uncontrolled, {}, {});
    BOOST_TEST(code(urgent.step) == "urgent_refer");
    BOOST_TEST(urgent.urgent.size() == 2u);
    BOOST_TEST(formatDate(urgent.due) == "2026-03-24");

    // A phone call without a reading keeps the face-to-face visit due.
    VisitFindings phone;
    phone.date = d("2026-03-10");
    phone.ageOnVisit = 50;
    phone.faceToFace = false;
    const auto kept = planAfterVisit(Programme::Hypertension, phone, Classification::Controlled, {},
                                     PreviousVisit{d("2026-01-05"), true, d("2026-04-05")});
    BOOST_TEST(code(kept.step) == "keep_schedule");
    BOOST_TEST(formatDate(kept.due) == "2026-04-05");
    // A phone call with a good home reading is not one of the 4 face-to-face visits: the
    // visit that was due stays due. Seen in person without a reading: 3 months.
    auto call = bp(130, 80, 50);
    call.faceToFace = false;
    const auto byPhone = planAfterVisit(Programme::Hypertension, call, Classification::Controlled, {},
                                        PreviousVisit{d("2026-01-05"), true, d("2026-04-05")});
    BOOST_TEST(code(byPhone.step) == "keep_schedule");
    BOOST_TEST(formatDate(byPhone.due) == "2026-04-05");
    VisitFindings seen;
    seen.date = d("2026-03-10");
    seen.ageOnVisit = 50;
    const auto noGlucose = planAfterVisit(Programme::Diabetes, seen, Classification::Controlled, {}, {});
    BOOST_TEST(code(noGlucose.step) == "routine");
    BOOST_TEST(formatDate(noGlucose.due) == "2026-06-10");
    // Diabetes: the same table with glucose.
    BOOST_TEST(code(planAfterVisit(Programme::Diabetes, glucose(6.9), Classification::Controlled, {}, {}).step) ==
               "routine");
    BOOST_TEST(code(planAfterVisit(Programme::Diabetes, glucose(7.0), Classification::Uncontrolled, {}, {}).step) ==
               "recheck");
}

BOOST_AUTO_TEST_CASE(bmi_weight_and_alcohol) {
    BOOST_TEST(*bmi(70.0, 170.0) == 24.2);
    BOOST_TEST(!bmi(70.0, std::nullopt));
    BOOST_TEST(!bmi(70.0, 17.0));  // height typed in decimetres
    BOOST_TEST(weightRequired(24.0, d("2026-03-01"), d("2026-03-10")));
    BOOST_TEST(!weightRequired(23.9, d("2026-03-01"), d("2026-03-10")));
    BOOST_TEST(weightRequired(23.9, d("2025-03-10"), d("2026-03-10")));  // a year since
    BOOST_TEST(weightRequired(std::nullopt, std::nullopt, d("2026-03-10")));
    BOOST_TEST(liquorEquivalent(10.0, Drink::Beer) == 1.0);
    BOOST_TEST(liquorEquivalent(2.0, Drink::Wine) == 0.5);
    BOOST_TEST(liquorEquivalent(5.0, Drink::RiceWine) == 1.0);
    BOOST_TEST(liquorEquivalent(1.5, Drink::Liquor) == 1.5);
}

// chronic.md, Hypertension, "Screening".
BOOST_AUTO_TEST_CASE(screening_three_high_days_and_high_risk) {
    const auto today = d("2026-05-01");
    BOOST_TEST(formatDate(*screen({}, false, today).due) == "2026-05-01");
    const std::vector<ScreeningReading> oneHigh{{d("2026-04-01"), 142, 85}};
    const auto recheck = screen(oneHigh, false, today);
    BOOST_TEST(recheck.recheck);
    BOOST_TEST(!recheck.suspected);
    // Two high readings on the same day count as one day.
    const std::vector<ScreeningReading> sameDay{
        {d("2026-04-01"), 142, 85}, {d("2026-04-01"), 145, 91}, {d("2026-04-08"), 150, 95}};
    BOOST_TEST(screen(sameDay, false, today).highDays == 2);
    BOOST_TEST(!screen(sameDay, false, today).suspected);
    const std::vector<ScreeningReading> three{
        {d("2026-04-01"), 142, 85}, {d("2026-04-08"), 150, 95}, {d("2026-04-15"), 139, 90}};
    const auto suspected = screen(three, false, today);
    BOOST_TEST(suspected.suspected);
    BOOST_TEST(formatDate(*suspected.due) == "2026-04-29");
    // A normal day between restarts the count.
    const std::vector<ScreeningReading> broken{
        {d("2026-04-01"), 142, 85}, {d("2026-04-08"), 130, 80}, {d("2026-04-15"), 150, 95},
        {d("2026-04-22"), 150, 95}};
    BOOST_TEST(!screen(broken, false, today).suspected);
    // Normal: yearly; high risk: every 6 months.
    const std::vector<ScreeningReading> normal{{d("2026-04-01"), 128, 80}};
    BOOST_TEST(formatDate(*screen(normal, false, today).due) == "2027-04-01");
    BOOST_TEST(formatDate(*screen(normal, true, today).due) == "2026-10-01");

    RiskFactors r;
    r.age = 54;
    r.male = true;
    r.waistCm = 89.0;
    BOOST_TEST(highRiskReasons(r, ScreeningReading{today, 129, 84}).empty());
    BOOST_TEST(highRiskReasons(r, ScreeningReading{today, 130, 84}).size() == 1u);
    BOOST_TEST(highRiskReasons(r, ScreeningReading{today, 129, 85}).size() == 1u);
    r.waistCm = 90.0;
    BOOST_TEST(highRiskReasons(r, std::nullopt).size() == 1u);
    r.male = false;
    r.waistCm = 85.0;
    r.age = 55;
    r.dailyLiquorMl = 100.0;
    BOOST_TEST(highRiskReasons(r, std::nullopt).size() == 3u);
}

// chronic.md, "Severe mental illness": danger grades 0-5 and the classes.
BOOST_AUTO_TEST_CASE(smi_grades_and_classes) {
    SmiFindings f;
    f.date = d("2026-03-10");
    const SmiClass expected[] = {SmiClass::Stable, SmiClass::BasicallyStable, SmiClass::BasicallyStable,
                                 SmiClass::Unstable, SmiClass::Unstable, SmiClass::Unstable};
    for (int grade = 0; grade <= 5; ++grade) {
        f.danger = grade;
        BOOST_TEST(classifySmi(f) == expected[grade], "danger grade " << grade);
        BOOST_TEST(!dangerGradeDescription(grade).empty());
    }
    f.danger = 0;
    f.poorSocialFunction = true;
    BOOST_TEST(classifySmi(f) == SmiClass::BasicallyStable);
    f.noInsight = true;
    BOOST_TEST(classifySmi(f) == SmiClass::Unstable);

    SmiFindings stable;
    stable.date = d("2026-03-10");
    BOOST_TEST(formatDate(planAfterSmiVisit(stable, classifySmi(stable), std::nullopt).due) == "2026-06-10");
    SmiFindings basic = stable;
    basic.danger = 2;
    BOOST_TEST(formatDate(planAfterSmiVisit(basic, classifySmi(basic), SmiClass::Stable).due) == "2026-03-24");
    // Still basically stable after the 2-week observation: a psychiatrist, 1 month.
    const auto month = planAfterSmiVisit(basic, classifySmi(basic), SmiClass::BasicallyStable);
    BOOST_TEST(code(month.step) == "observe_month");
    BOOST_TEST(formatDate(month.due) == "2026-04-10");
    // Stable at the observation visit: 3 months.
    BOOST_TEST(formatDate(planAfterSmiVisit(stable, classifySmi(stable), SmiClass::BasicallyStable).due) == "2026-06-10");
    SmiFindings unstable = stable;
    unstable.danger = 3;
    const auto refer = planAfterSmiVisit(unstable, classifySmi(unstable), std::nullopt);
    BOOST_TEST(code(refer.step) == "urgent_refer");
    BOOST_TEST(refer.suggestReferral);
}

// chronic.md, "Pulmonary tuberculosis": intervals by phase and supervisor.
BOOST_AUTO_TEST_CASE(tb_phases_and_supervisors) {
    const auto visit = d("2026-03-10");
    BOOST_TEST(formatDate(planAfterTbVisit(visit, TbPhase::Intensive, TbSupervisor::Family).due) == "2026-03-20");
    BOOST_TEST(formatDate(planAfterTbVisit(visit, TbPhase::Continuation, TbSupervisor::Family).due) == "2026-04-10");
    BOOST_TEST(formatDate(planAfterTbVisit(visit, TbPhase::Intensive, TbSupervisor::MedicalWorker).due) ==
               "2026-04-10");
    BOOST_TEST(formatDate(tbFirstVisitDue(visit)) == "2026-03-13");
    BOOST_TEST(!tbReportToCounty(1));
    BOOST_TEST(tbReportToCounty(2));
    BOOST_TEST(formatDate(tbSuspectedCallDue(visit)) == "2026-03-17");
}

BOOST_AUTO_TEST_CASE(dates_add_months_clamped) {
    BOOST_TEST(formatDate(addMonths(d("2026-01-31"), 1)) == "2026-02-28");
    BOOST_TEST(formatDate(addMonths(d("2024-01-31"), 1)) == "2024-02-29");
    BOOST_TEST(formatDate(addMonths(d("2026-11-30"), 3)) == "2027-02-28");
    BOOST_TEST(formatDate(addDays(d("2026-12-25"), 14)) == "2027-01-08");
    BOOST_TEST(daysBetween(d("2026-03-01"), d("2026-02-01")) == -28);
}

// Issue 15, Structure: one split of a visit into its forms, for the GUI and the CLI (the
// CLI used to leave the other form's urgent signs on each form).
BOOST_AUTO_TEST_CASE(a_visit_splits_into_forms_that_keep_their_own_items) {
    model::FollowUp visit;
    visit.systolic = 150;
    visit.fastingGlucose = 8.2;
    visit.hypoglycaemia = "none";
    visit.urgentSigns = {"chest_tightness", "acetone_breath", "palpitations"};
    visit.lifestyle = {{"salt", "2"}, {"salt_target", "1"}, {"staple", "350"}, {"smoking", "5"}};
    visit.danger = 2;
    const auto htn = rules::formOfProgramme(visit, "htn");
    BOOST_TEST(htn.programme == "htn");
    BOOST_TEST(*htn.systolic == 150);
    BOOST_TEST(!htn.fastingGlucose.has_value());
    BOOST_TEST(htn.hypoglycaemia.empty());
    BOOST_TEST((htn.urgentSigns == std::vector<std::string>{"chest_tightness", "palpitations"}));
    BOOST_TEST(htn.lifestyle.count("salt") == 1u);
    BOOST_TEST(htn.lifestyle.count("staple") == 0u);
    BOOST_TEST(!htn.danger.has_value());
    const auto t2d = rules::formOfProgramme(visit, "t2d");
    BOOST_TEST(*t2d.fastingGlucose == 8.2);
    BOOST_TEST((t2d.urgentSigns == std::vector<std::string>{"acetone_breath", "palpitations"}));
    BOOST_TEST(t2d.lifestyle.count("salt") == 0u);
    BOOST_TEST(t2d.lifestyle.count("staple") == 1u);
    BOOST_TEST(t2d.lifestyle.count("smoking") == 1u);
    const auto smi = rules::formOfProgramme(visit, "smi");
    BOOST_TEST(*smi.danger == 2);
    BOOST_TEST(smi.urgentSigns.empty());
}

BOOST_AUTO_TEST_SUITE_END()
