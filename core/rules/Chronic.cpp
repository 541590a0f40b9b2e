#include "core/rules/Chronic.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/util/I18n.h"

namespace jiayi::rules::chronic {

namespace {

std::string number(double v, int decimals = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// Readings are typed with at most one decimal; a threshold compares with that precision.
bool atLeast(double value, double threshold) { return value >= threshold - 1e-9; }
bool atMost(double value, double threshold) { return value <= threshold + 1e-9; }

struct ProgrammeRow {
    Programme programme;
    const char* code;
    const char* name;
    std::optional<int> minimumAge;
};

// chronic.md, "Who" of each programme.
const ProgrammeRow kProgrammeRows[] = {
    {Programme::Hypertension, "htn", N_("Hypertension"), 35},
    {Programme::Diabetes, "t2d", N_("Type 2 diabetes"), 35},
    {Programme::MentalIllness, "smi", N_("Severe mental illness"), std::nullopt},
    {Programme::Tuberculosis, "tb", N_("Pulmonary tuberculosis"), std::nullopt},
};

const ProgrammeRow& row(Programme p) {
    for (const auto& r : kProgrammeRows)
        if (r.programme == p) return r;
    return kProgrammeRows[0];
}

// chronic.md, Hypertension, "Classification of the visit", in order of severity.
const char* const kClassificationCodes[] = {"controlled", "uncontrolled", "adverse", "complication"};
const char* const kClassificationNames[] = {N_("Controlled"), N_("Uncontrolled"), N_("Adverse reaction"),
                                           N_("Complication")};

// chronic.md, Hypertension and Type 2 diabetes, "Urgent referral": measured thresholds.
inline constexpr int kUrgentSystolic = 180;
inline constexpr int kUrgentDiastolic = 110;
inline constexpr double kUrgentGlucoseHigh = 16.7;
inline constexpr double kUrgentGlucoseLow = 3.9;
inline constexpr int kUrgentHeartRateAbove = 100;
inline constexpr double kUrgentTemperatureAbove = 39.0;
// Pregnant or breastfeeding "with BP above normal": above the normal 140/90 (project decision).
inline constexpr int kNormalSystolicBelow = 140;
inline constexpr int kNormalDiastolicBelow = 90;

// chronic.md, Hypertension, "Screening": high-risk factors.
inline constexpr int kHighNormalSystolic = 130;
inline constexpr int kHighNormalDiastolic = 85;
inline constexpr double kWaistMen = 90.0;
inline constexpr double kWaistWomen = 85.0;
inline constexpr double kHeavyDrinkingMl = 100.0;
inline constexpr int kHighRiskAge = 55;

std::string dateText(const Date& d) { return formatDate(d); }

}  // namespace

std::string_view code(Programme p) { return row(p).code; }

std::optional<Programme> programmeFromCode(std::string_view c) {
    for (const auto& r : kProgrammeRows)
        if (c == r.code) return r.programme;
    return std::nullopt;
}

std::string programmeName(Programme p) { return tr(row(p).name); }
std::optional<int> minimumEnrolmentAge(Programme p) { return row(p).minimumAge; }

BpTarget bpTarget(int ageOnVisit) {
    // chronic.md, Hypertension, "Control target".
    return ageOnVisit >= 65 ? BpTarget{150, 90} : BpTarget{140, 90};
}

bool bpControlled(int systolic, int diastolic, int ageOnVisit) {
    const auto t = bpTarget(ageOnVisit);
    return systolic < t.systolicBelow && diastolic < t.diastolicBelow;
}

bool glucoseControlled(double fastingGlucose) { return !atLeast(fastingGlucose, kFastingGlucoseTarget); }

std::string_view code(Classification c) { return kClassificationCodes[static_cast<int>(c)]; }

std::optional<Classification> classificationFromCode(std::string_view c) {
    for (int i = 0; i < 4; ++i)
        if (c == kClassificationCodes[i]) return static_cast<Classification>(i);
    return std::nullopt;
}

std::string classificationName(Classification c) { return tr(kClassificationNames[static_cast<int>(c)]); }

const std::vector<UrgentSign>& urgentSigns() {
    // chronic.md, "Urgent referral" lists of hypertension and type 2 diabetes.
    static const std::vector<UrgentSign> signs{
        {"consciousness", N_("Altered consciousness or behaviour"), true, true},
        {"severe_headache", N_("Severe headache or dizziness"), true, false},
        {"nausea_vomiting", N_("Nausea or vomiting"), true, true},
        {"blurred_vision", N_("Blurred vision"), true, false},
        {"eye_pain", N_("Eye pain"), true, false},
        {"palpitations", N_("Palpitations"), true, true},
        {"chest_tightness", N_("Chest tightness"), true, false},
        {"orthopnoea", N_("Breathless, cannot lie flat"), true, false},
        {"acetone_breath", N_("Acetone breath"), false, true},
        {"sweating", N_("Sweating"), false, true},
        {"poor_appetite", N_("Poor appetite"), false, true},
        {"polydipsia_polyuria", N_("Much thirst and urine"), false, true},
        {"abdominal_pain", N_("Abdominal pain"), false, true},
        {"deep_breathing", N_("Deep laboured breathing"), false, true},
        {"flushed_skin", N_("Flushed skin"), false, true},
        {"vision_loss", N_("Sudden loss of vision"), false, true},
    };
    return signs;
}

std::vector<UrgentFinding> urgentFindings(Programme p, const VisitFindings& v) {
    std::vector<UrgentFinding> out;
    if (p != Programme::Hypertension && p != Programme::Diabetes) return out;
    const bool diabetes = p == Programme::Diabetes;
    // Both: SBP ≥ 180 and/or DBP ≥ 110.
    if (v.systolic && *v.systolic >= kUrgentSystolic)
        out.push_back({"sbp", format(tr("Systolic pressure {0} mmHg, urgent from {1}"),
                                     {std::to_string(*v.systolic), std::to_string(kUrgentSystolic)})});
    if (v.diastolic && *v.diastolic >= kUrgentDiastolic)
        out.push_back({"dbp", format(tr("Diastolic pressure {0} mmHg, urgent from {1}"),
                                     {std::to_string(*v.diastolic), std::to_string(kUrgentDiastolic)})});
    if (diabetes && v.fastingGlucose) {
        if (atLeast(*v.fastingGlucose, kUrgentGlucoseHigh))
            out.push_back({"glucose_high", format(tr("Blood glucose {0} mmol/L, urgent from {1}"),
                                                  {number(*v.fastingGlucose), number(kUrgentGlucoseHigh)})});
        if (atMost(*v.fastingGlucose, kUrgentGlucoseLow))
            out.push_back({"glucose_low", format(tr("Blood glucose {0} mmol/L, urgent at {1} or below"),
                                                 {number(*v.fastingGlucose), number(kUrgentGlucoseLow)})});
    }
    if (diabetes && v.heartRate && *v.heartRate > kUrgentHeartRateAbove)
        out.push_back({"heart_rate", format(tr("Heart rate {0}/min, urgent above {1}"),
                                            {std::to_string(*v.heartRate), std::to_string(kUrgentHeartRateAbove)})});
    if (diabetes && v.temperature && *v.temperature > kUrgentTemperatureAbove + 1e-9)
        out.push_back({"temperature", format(tr("Temperature {0} °C, urgent above {1}"),
                                             {number(*v.temperature), number(kUrgentTemperatureAbove)})});
    if (v.pregnantOrBreastfeeding) {
        const bool highBp = (v.systolic && *v.systolic >= kNormalSystolicBelow) ||
                            (v.diastolic && *v.diastolic >= kNormalDiastolicBelow);
        if (!diabetes && highBp)
            out.push_back({"pregnancy_bp", tr("Pregnant or breastfeeding with blood pressure above normal")});
        if (diabetes && v.fastingGlucose && !glucoseControlled(*v.fastingGlucose))
            out.push_back({"pregnancy_glucose", tr("Pregnant or breastfeeding with high blood glucose")});
    }
    for (const auto& sign : urgentSigns()) {
        if (!(diabetes ? sign.diabetes : sign.hypertension)) continue;
        if (v.urgentSigns.count(sign.code)) out.push_back({std::string("sign:") + sign.code, tr(sign.label)});
    }
    if (v.cannotHandle)
        out.push_back({"cannot_handle", tr("Another condition the clinic cannot handle")});
    return out;
}

std::optional<bool> controlled(Programme p, const VisitFindings& v) {
    if (p == Programme::Hypertension) {
        if (!v.systolic || !v.diastolic) return std::nullopt;
        return bpControlled(*v.systolic, *v.diastolic, v.ageOnVisit);
    }
    if (p == Programme::Diabetes) {
        if (!v.fastingGlucose) return std::nullopt;
        return glucoseControlled(*v.fastingGlucose);
    }
    return std::nullopt;
}

Classification classify(Programme p, const VisitFindings& v) {
    // chronic.md, "Classification of the visit": complication > adverse reaction >
    // uncontrolled > controlled.
    if (v.newOrWorseComplication) return Classification::Complication;
    if (v.adverseReaction || v.adverseReactionHardToControl) return Classification::AdverseReaction;
    if (controlled(p, v) == false) return Classification::Uncontrolled;
    return Classification::Controlled;
}

ChosenClassification chooseClassification(Classification computed, std::optional<Classification> doctor) {
    if (!doctor) return {computed, std::nullopt};
    if (*doctor < computed)
        return {computed, format(tr("The findings make this visit \"{0}\"; it can be raised, not lowered to \"{1}\""),
                                 {classificationName(computed), classificationName(*doctor)})};
    return {*doctor, std::nullopt};
}

std::string_view code(NextStep s) {
    switch (s) {
        case NextStep::Routine: return "routine";
        case NextStep::Recheck: return "recheck";
        case NextStep::Refer: return "refer";
        case NextStep::UrgentRefer: return "urgent_refer";
        case NextStep::KeepSchedule: return "keep_schedule";
        case NextStep::ObserveMonth: return "observe_month";
    }
    return "routine";
}

namespace {

// Why a plan was made, as stored with the visit; the reason in words is made from it when
// shown (so it reads in the viewer's language). {0} visit date, {1} due date, {2} the
// earlier visit, {3} details.
struct CauseRow {
    const char* cause;
    const char* pattern;
};
const CauseRow kCauses[] = {
    {"urgent", N_("Urgent referral on {0} ({3}): follow up the referral by {1}")},
    {"complication", N_("New or worse complication on {0}: refer, follow up the referral by {1}")},
    {"adverse_hard", N_("Adverse reaction hard to control on {0}: refer, follow up the referral by {1}")},
    {"second_uncontrolled",
     N_("Second uncontrolled visit in a row on {0} (the last on {2}): refer, follow up the referral by {1}")},
    {"first_uncontrolled", N_("First uncontrolled visit on {0}: adjust the medicines, see again by {1}")},
    {"adverse", N_("Adverse drug reaction on {0}: adjust the medicines, see again by {1}")},
    {"no_reading", N_("No reading on {0}: the face-to-face visit stays due on {1}")},
    {"controlled", N_("Controlled on {0}: next routine visit by {1}")},
    {"phone", N_("Phone call on {0}: the face-to-face visit stays due on {1}")},
    {"seen_no_reading", N_("Seen on {0} without a reading to judge control: next routine visit by {1}")},
    {"smi_unstable", N_("Unstable on {0} (danger grade {3}): refer at once, with the police if needed; if not "
                        "admitted, follow up by {1}")},
    {"smi_not_stable", N_("Still not stable after two weeks on {0}: ask a psychiatrist's guidance, see again by {1}")},
    {"smi_basically_stable", N_("Basically stable on {0}: adjust treatment, observe, see again by {1}")},
    {"smi_stable", N_("Stable on {0}: keep the hospital's plan, next visit by {1}")},
    {"tb_intensive_family", N_("Intensive phase, supervised by family: next visit by {1} (every 10 days)")},
    {"tb_continuation_family", N_("Continuation phase, supervised by family: next visit by {1} (monthly)")},
    {"tb_medical", N_("Supervised by a medical worker: next assessment by {1} (monthly)")},
    {"lost", N_("Lost to follow-up on {0} ({3}): the visit stays due on {1}")},
    {"first", N_("Enrolled on {0}: first follow-up due by {1}")},
    {"tb_first", N_("Notified on {0}: first home visit within 72 hours, by {1}")},
    {"tb_report", N_("Two home visits failed within 72 hours of the notification on {0}: report to the county TB "
                     "agency")},
};

Plan makePlan(NextStep step, const char* cause, const Date& visit, const Date& due,
              std::optional<Date> previous = std::nullopt, std::string detail = {}) {
    Plan plan;
    plan.step = step;
    plan.cause = cause;
    plan.due = due;
    plan.previous = previous;
    plan.detail = std::move(detail);
    plan.suggestReferral = step == NextStep::Refer || step == NextStep::UrgentRefer;
    plan.reason = describePlan(plan.cause, visit, due, previous, plan.detail);
    return plan;
}

}  // namespace

std::string describePlan(std::string_view cause, const Date& visit, const Date& due, std::optional<Date> previous,
                         std::string_view detail) {
    for (const auto& row : kCauses)
        if (cause == row.cause)
            return format(tr(row.pattern), {formatDate(visit), formatDate(due), previous ? formatDate(*previous) : "",
                                            std::string(detail)});
    return formatDate(due);
}

std::optional<NextStep> nextStepFromCode(std::string_view c) {
    for (auto s : {NextStep::Routine, NextStep::Recheck, NextStep::Refer, NextStep::UrgentRefer,
                   NextStep::KeepSchedule, NextStep::ObserveMonth})
        if (c == code(s)) return s;
    return std::nullopt;
}

Plan planAfterVisit(Programme p, const VisitFindings& v, Classification recorded,
                    const std::optional<PreviousVisit>& previousMeasured,
                    const std::optional<PreviousVisit>& previousAny) {
    const auto inTwoWeeks = addDays(v.date, 14);
    const auto urgent = urgentFindings(p, v);
    if (!urgent.empty()) {
        // chronic.md, "Urgent referral": refer after first aid, follow up within 2 weeks.
        std::string why;
        for (const auto& f : urgent) why += (why.empty() ? "" : "; ") + f.reason;
        auto plan = makePlan(NextStep::UrgentRefer, "urgent", v.date, inTwoWeeks, std::nullopt, why);
        plan.urgent = urgent;
        return plan;
    }
    const auto measured = controlled(p, v);
    const bool uncontrolled = measured == false || recorded == Classification::Uncontrolled;
    // chronic.md, the table under "Classification of the visit", third row: refer.
    if (recorded == Classification::Complication) return makePlan(NextStep::Refer, "complication", v.date, inTwoWeeks);
    if (v.adverseReactionHardToControl) return makePlan(NextStep::Refer, "adverse_hard", v.date, inTwoWeeks);
    if (uncontrolled && previousMeasured && previousMeasured->controlled == false)
        return makePlan(NextStep::Refer, "second_uncontrolled", v.date, inTwoWeeks, previousMeasured->date);
    // Second row: first uncontrolled visit or an adverse reaction.
    if (uncontrolled) return makePlan(NextStep::Recheck, "first_uncontrolled", v.date, inTwoWeeks);
    if (recorded == Classification::AdverseReaction) return makePlan(NextStep::Recheck, "adverse", v.date, inTwoWeeks);
    if (!v.faceToFace) {
        // chronic.md: at least 4 face-to-face follow-ups a year, and a phone call is not one:
        // after a call that finds nothing to act on, the face-to-face visit that was due
        // stays due (project decision).
        const auto due = previousAny && previousAny->due ? *previousAny->due : v.date;
        return makePlan(NextStep::KeepSchedule, measured ? "phone" : "no_reading", v.date, due);
    }
    if (!measured)  // seen in person without a reading to judge control: the routine interval
        return makePlan(NextStep::Routine, "seen_no_reading", v.date, addMonths(v.date, 3));
    // First row: controlled.
    return makePlan(NextStep::Routine, "controlled", v.date, addMonths(v.date, 3));
}

std::optional<double> bmi(std::optional<double> weightKg, std::optional<double> heightCm) {
    if (!weightKg || !heightCm || *heightCm < 50 || *heightCm > 250 || *weightKg < 2 || *weightKg > 400)
        return std::nullopt;
    const double m = *heightCm / 100.0;
    return std::round(*weightKg / (m * m) * 10.0) / 10.0;
}

bool weightRequired(std::optional<double> lastBmi, std::optional<Date> lastWeighed, const Date& visit) {
    if (lastBmi && atLeast(*lastBmi, kOverweightBmi)) return true;
    return !lastWeighed || addMonths(*lastWeighed, 12) <= visit;
}

double liquorEquivalent(double liang, Drink kind) {
    switch (kind) {
        case Drink::Liquor: return liang;
        case Drink::Beer: return liang / 10.0;
        case Drink::Wine: return liang / 4.0;
        case Drink::RiceWine: return liang / 5.0;
    }
    return liang;
}

bool screeningHigh(int systolic, int diastolic) {
    return systolic >= kNormalSystolicBelow || diastolic >= kNormalDiastolicBelow;
}

std::vector<std::string> highRiskReasons(const RiskFactors& r, const std::optional<ScreeningReading>& last) {
    // chronic.md, Hypertension, "Screening": any one makes a person high-risk.
    std::vector<std::string> out;
    if (last && !screeningHigh(last->systolic, last->diastolic) &&
        (last->systolic >= kHighNormalSystolic || last->diastolic >= kHighNormalDiastolic))
        out.push_back(format(tr("Blood pressure {0}/{1} mmHg on {2} (130-139/85-89)"),
                             {std::to_string(last->systolic), std::to_string(last->diastolic), dateText(last->date)}));
    if (r.bmi && atLeast(*r.bmi, kOverweightBmi))
        out.push_back(format(tr("BMI {0} (24 or more)"), {number(*r.bmi)}));
    if (r.waistCm && atLeast(*r.waistCm, r.male ? kWaistMen : kWaistWomen))
        out.push_back(format(tr("Waist {0} cm ({1} cm or more)"),
                             {number(*r.waistCm, 0), number(r.male ? kWaistMen : kWaistWomen, 0)}));
    if (r.familyHistory) out.push_back(tr("Family history of hypertension"));
    if (r.highSaltDiet) out.push_back(tr("Long-term high-salt diet"));
    if (r.dailyLiquorMl && atLeast(*r.dailyLiquorMl, kHeavyDrinkingMl))
        out.push_back(format(tr("Drinks {0} ml of liquor a day (100 ml or more)"), {number(*r.dailyLiquorMl, 0)}));
    if (r.age >= kHighRiskAge) out.push_back(format(tr("Age {0} (55 or older)"), {std::to_string(r.age)}));
    return out;
}

ScreeningOutcome screen(const std::vector<ScreeningReading>& readings, bool highRisk, const Date& today) {
    ScreeningOutcome out;
    if (readings.empty()) {
        out.due = today;
        out.reason = tr("No blood pressure measured yet: measure once a year from age 35");
        return out;
    }
    // The last reading of each day, newest day first.
    std::map<Date, ScreeningReading, std::greater<>> byDay;
    for (const auto& r : readings) byDay[r.date] = r;
    // High on 3 different days in a row of measured days (a normal day restarts the count).
    for (const auto& [day, r] : byDay) {
        if (!screeningHigh(r.systolic, r.diastolic)) break;
        ++out.highDays;
    }
    const auto& latest = byDay.begin()->second;
    if (out.highDays >= 3) {
        out.suspected = true;
        out.due = addDays(latest.date, 14);
        out.reason = format(tr("High blood pressure on {0} different days (last {1}/{2} on {3}): suspected "
                               "hypertension, refer to confirm and follow up by {4}"),
                            {std::to_string(out.highDays), std::to_string(latest.systolic),
                             std::to_string(latest.diastolic), dateText(latest.date), formatDate(*out.due)});
    } else if (out.highDays > 0) {
        // "Recheck on another day": within a week (project decision).
        out.recheck = true;
        out.due = addDays(latest.date, 7);
        out.reason = format(tr("High blood pressure {0}/{1} on {2} ({3} of 3 days): recheck on another day by {4}"),
                            {std::to_string(latest.systolic), std::to_string(latest.diastolic),
                             dateText(latest.date), std::to_string(out.highDays), formatDate(*out.due)});
    } else {
        out.due = addMonths(latest.date, highRisk ? 6 : 12);
        out.reason = highRisk ? format(tr("High risk: measure again by {0} (every 6 months)"), {formatDate(*out.due)})
                              : format(tr("Normal on {0}: measure again by {1}"),
                                       {dateText(latest.date), formatDate(*out.due)});
    }
    return out;
}

std::string_view code(SmiClass c) {
    switch (c) {
        case SmiClass::Stable: return "stable";
        case SmiClass::BasicallyStable: return "basically_stable";
        case SmiClass::Unstable: return "unstable";
    }
    return "stable";
}

std::optional<SmiClass> smiClassFromCode(std::string_view c) {
    for (auto k : {SmiClass::Stable, SmiClass::BasicallyStable, SmiClass::Unstable})
        if (c == code(k)) return k;
    return std::nullopt;
}

std::string smiClassName(SmiClass c) {
    switch (c) {
        case SmiClass::Stable: return tr("Stable");
        case SmiClass::BasicallyStable: return tr("Basically stable");
        case SmiClass::Unstable: return tr("Unstable");
    }
    return {};
}

std::string dangerGradeDescription(int grade) {
    // chronic.md, "Severe mental illness": danger grades 0-5.
    static const char* const kGrades[] = {
        N_("0: no dangerous behaviour"),
        N_("1: verbal threats or shouting, no smashing"),
        N_("2: smashing things at home, stops when persuaded"),
        N_("3: obvious smashing anywhere, does not stop when persuaded"),
        N_("4: persistent smashing of property or attacks on people, self-harm or suicide"),
        N_("5: any violence with a weapon, arson or explosives"),
    };
    if (grade < 0 || grade > 5) return {};
    return tr(kGrades[grade]);
}

SmiClass classifySmi(const SmiFindings& f) {
    // chronic.md, "Severe mental illness", classification table.
    if (f.danger >= 3 || f.obviousSymptoms || f.noInsight || f.seriousAdverseReaction || f.seriousPhysicalIllness)
        return SmiClass::Unstable;
    if (f.danger >= 1 || f.someSymptoms || f.poorInsight || f.poorSocialFunction) return SmiClass::BasicallyStable;
    return SmiClass::Stable;
}

Plan planAfterSmiVisit(const SmiFindings& f, SmiClass recorded, std::optional<SmiClass> previous) {
    switch (recorded) {
        case SmiClass::Unstable:
            return makePlan(NextStep::UrgentRefer, "smi_unstable", f.date, addDays(f.date, 14), std::nullopt,
                            std::to_string(f.danger));
        case SmiClass::BasicallyStable:
            if (previous == SmiClass::BasicallyStable)
                return makePlan(NextStep::ObserveMonth, "smi_not_stable", f.date, addMonths(f.date, 1));
            return makePlan(NextStep::Recheck, "smi_basically_stable", f.date, addDays(f.date, 14));
        case SmiClass::Stable:
            break;
    }
    return makePlan(NextStep::Routine, "smi_stable", f.date, addMonths(f.date, 3));
}

std::optional<TbPhase> tbPhaseFromCode(std::string_view c) {
    if (c == "intensive") return TbPhase::Intensive;
    if (c == "continuation") return TbPhase::Continuation;
    return std::nullopt;
}

std::optional<TbSupervisor> tbSupervisorFromCode(std::string_view c) {
    if (c == "medical") return TbSupervisor::MedicalWorker;
    if (c == "family") return TbSupervisor::Family;
    return std::nullopt;
}

Date tbFirstVisitDue(const Date& notified) { return addDays(notified, 3); }
bool tbReportToCounty(int failedFirstVisits) { return failedFirstVisits >= 2; }
Date tbSuspectedCallDue(const Date& referred) { return addDays(referred, 7); }

Plan planAfterTbVisit(const Date& visit, TbPhase phase, TbSupervisor supervisor) {
    // chronic.md, "Pulmonary tuberculosis": a medical worker supervising assesses at least
    // monthly; family supervision: every 10 days (intensive), every month (continuation).
    if (supervisor == TbSupervisor::Family && phase == TbPhase::Intensive)
        return makePlan(NextStep::Routine, "tb_intensive_family", visit, addDays(visit, 10));
    return makePlan(NextStep::Routine, supervisor == TbSupervisor::Family ? "tb_continuation_family" : "tb_medical",
                    visit, addMonths(visit, 1));
}

}  // namespace jiayi::rules::chronic
