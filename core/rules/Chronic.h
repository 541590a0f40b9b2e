#pragma once
// Chronic-disease management rules (shared/domain/chronic.md): control targets,
// classification of a visit, urgent-referral criteria, next due dates, screening, severe
// mental illness and tuberculosis intervals. Pure functions over data tables; every rule
// names the paragraph it implements. Reasons are sentences for a person (translated).
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::rules::chronic {

// chronic.md, "All programmes".
enum class Programme { Hypertension, Diabetes, MentalIllness, Tuberculosis };
inline constexpr Programme kProgrammes[] = {Programme::Hypertension, Programme::Diabetes,
                                            Programme::MentalIllness, Programme::Tuberculosis};
// Stored codes: "htn", "t2d", "smi", "tb".
std::string_view code(Programme p);
std::optional<Programme> programmeFromCode(std::string_view code);
// "Hypertension" etc., translated.
std::string programmeName(Programme p);
// Minimum age at enrolment (chronic.md, "Who": 35+ for hypertension and diabetes).
std::optional<int> minimumEnrolmentAge(Programme p);

// ---- Hypertension and diabetes visits --------------------------------------------------

// chronic.md, Hypertension, "Control target": SBP < 140 and DBP < 90; 65+: SBP < 150 and
// DBP < 90; by the patient's age on the visit date (project decision).
struct BpTarget {
    int systolicBelow;
    int diastolicBelow;
};
BpTarget bpTarget(int ageOnVisit);
bool bpControlled(int systolic, int diastolic, int ageOnVisit);
// chronic.md, Type 2 diabetes, "Control target": fasting glucose < 7.0 mmol/L.
inline constexpr double kFastingGlucoseTarget = 7.0;
bool glucoseControlled(double fastingGlucose);

// chronic.md, Hypertension, "Classification of the visit": most severe first.
enum class Classification { Controlled = 0, Uncontrolled = 1, AdverseReaction = 2, Complication = 3 };
std::string_view code(Classification c);  // "controlled", "uncontrolled", "adverse", "complication"
std::optional<Classification> classificationFromCode(std::string_view code);
std::string classificationName(Classification c);

// What the rules need to know about a visit (a subset of the form).
struct VisitFindings {
    Date date{};
    int ageOnVisit = 0;
    bool faceToFace = true;  // clinic or home; phone is not face-to-face
    std::optional<int> systolic, diastolic, heartRate;
    std::optional<double> fastingGlucose, temperature;
    std::set<std::string> symptoms;      // codes of the form's symptom lists
    std::set<std::string> urgentSigns;   // codes of kUrgentSigns (ticked by the doctor)
    bool pregnantOrBreastfeeding = false;
    bool adverseReaction = false;
    bool adverseReactionHardToControl = false;
    bool newOrWorseComplication = false;
    bool cannotHandle = false;           // another condition the clinic cannot handle
};

// Urgent-referral signs a doctor ticks (chronic.md, "Urgent referral" of each programme),
// beside the measured ones. Codes are stable; labels are translated where shown.
struct UrgentSign {
    const char* code;
    const char* label;  // English, marked for translation
    bool hypertension;
    bool diabetes;
};
const std::vector<UrgentSign>& urgentSigns();

// One urgent criterion that holds, in words ("SBP 182 mmHg ≥ 180").
struct UrgentFinding {
    std::string criterion;  // stable code, e.g. "sbp", "glucose_high", "sign:chest_tightness"
    std::string reason;     // translated sentence
};
// chronic.md, Hypertension / Type 2 diabetes, "Urgent referral": every criterion that holds
// for the programme (empty: no urgent referral).
std::vector<UrgentFinding> urgentFindings(Programme p, const VisitFindings& v);

// Whether the visit's readings meet the programme's target; nullopt when the visit has no
// reading to judge (a phone call without a home reading).
std::optional<bool> controlled(Programme p, const VisitFindings& v);
// chronic.md, "Classification of the visit": the most severe that applies.
Classification classify(Programme p, const VisitFindings& v);
// The doctor may raise the classification, never lower it: the recorded one, or the reason
// it is refused.
struct ChosenClassification {
    Classification value;
    std::optional<std::string> refusal;
};
ChosenClassification chooseClassification(Classification computed, std::optional<Classification> doctor);

enum class NextStep {
    Routine,          // next routine visit in 3 months
    Recheck,          // adjust drugs; re-visit within 2 weeks
    Refer,            // advise referral; follow up the referral within 2 weeks
    UrgentRefer,      // urgent referral after first aid; follow up within 2 weeks
    KeepSchedule,     // nothing measured (phone): the face-to-face visit stays due
    ObserveMonth,     // SMI: not yet stable after 2 weeks: psychiatrist's guidance, 1 month
};
std::string_view code(NextStep s);

std::optional<NextStep> nextStepFromCode(std::string_view code);

struct Plan {
    NextStep step = NextStep::Routine;
    Date due{};                    // the next visit (or the follow-up of the referral)
    std::string cause;             // stable code of why ("second_uncontrolled", …), stored
    std::optional<Date> previous;  // the earlier visit the cause refers to
    std::string detail;            // e.g. the urgent findings or the danger grade
    std::string reason;            // why, in words, naming the dates (describePlan)
    std::vector<UrgentFinding> urgent;
    bool suggestReferral = false;
};
// The reason of a stored plan in the reader's language.
std::string describePlan(std::string_view cause, const Date& visit, const Date& due, std::optional<Date> previous,
                         std::string_view detail);

// The previous visit of the same programme, as far as the rules need it.
struct PreviousVisit {
    Date date{};
    std::optional<bool> controlled;  // nullopt: nothing measured
    std::optional<Date> due;         // the due date it set
};

// chronic.md, Hypertension, the table under "Classification of the visit" (and "as for
// hypertension" for diabetes): the next step and date after a visit. `previous` is the
// last earlier visit of the programme that had a reading (two consecutive uncontrolled
// visits count only measured visits: a phone call without a reading neither breaks nor
// makes the pair; project decision).
Plan planAfterVisit(Programme p, const VisitFindings& v, Classification recorded,
                    const std::optional<PreviousVisit>& previousMeasured,
                    const std::optional<PreviousVisit>& previousAny);

// ---- Body measures and lifestyle -------------------------------------------------------

// BMI = kg / m², one decimal; nullopt without a plausible height and weight.
std::optional<double> bmi(std::optional<double> weightKg, std::optional<double> heightCm);
// Chinese adult criteria: overweight from 24, obese from 28 (chronic.md, "Overweight/obese
// patients are weighed at every visit").
inline constexpr double kOverweightBmi = 24.0;
inline constexpr double kObeseBmi = 28.0;
// chronic.md: overweight/obese patients are weighed each visit; normal weight once a year.
bool weightRequired(std::optional<double> lastBmi, std::optional<Date> lastWeighed, const Date& visit);
// chronic.md, lifestyle: alcohol in 两 of 白酒 a day; beer ÷10, wine ÷4, 黄酒 ÷5.
enum class Drink { Liquor, Beer, Wine, RiceWine };
double liquorEquivalent(double liang, Drink kind);

// ---- Screening (chronic.md, Hypertension, "Screening") --------------------------------

inline constexpr int kScreeningAge = 35;
bool screeningHigh(int systolic, int diastolic);
struct ScreeningReading {
    Date date{};
    int systolic = 0;
    int diastolic = 0;
};
struct ScreeningOutcome {
    bool suspected = false;       // high on 3 different days: suggest referral to confirm
    int highDays = 0;             // distinct days with a high reading
    bool recheck = false;         // a first high reading: recheck on another day
    std::optional<Date> due;      // next measurement (recheck, confirmation follow-up, yearly)
    std::string reason;
};
struct RiskFactors {
    int age = 0;
    bool male = false;
    std::optional<double> bmi, waistCm;
    bool familyHistory = false;
    bool highSaltDiet = false;
    std::optional<double> dailyLiquorMl;  // 白酒 equivalent
};
// Reasons the person is at high risk (empty: not high risk); high-risk people are measured
// at least every 6 months.
std::vector<std::string> highRiskReasons(const RiskFactors& r, const std::optional<ScreeningReading>& last);
ScreeningOutcome screen(const std::vector<ScreeningReading>& readings, bool highRisk, const Date& today);

// ---- Severe mental illness (chronic.md, "Severe mental illness") ----------------------

enum class SmiClass { Stable = 0, BasicallyStable = 1, Unstable = 2 };
std::string_view code(SmiClass c);  // "stable", "basically_stable", "unstable"
std::optional<SmiClass> smiClassFromCode(std::string_view code);
std::string smiClassName(SmiClass c);
// Danger grades 0-5 with their descriptions (translated).
std::string dangerGradeDescription(int grade);
struct SmiFindings {
    Date date{};
    int danger = 0;                   // 0-5
    bool obviousSymptoms = false;     // obvious psychotic symptoms
    bool someSymptoms = false;        // symptoms present but not obvious
    bool noInsight = false;
    bool poorInsight = false;
    bool poorSocialFunction = false;
    bool seriousAdverseReaction = false;
    bool seriousPhysicalIllness = false;
};
SmiClass classifySmi(const SmiFindings& f);
// The next step after an SMI visit of class `recorded` (classifySmi, or the doctor's raise
// of it); `previous` is the class of the last visit.
Plan planAfterSmiVisit(const SmiFindings& f, SmiClass recorded, std::optional<SmiClass> previous);

// ---- Tuberculosis (chronic.md, "Pulmonary tuberculosis") ------------------------------

enum class TbPhase { Intensive, Continuation };
enum class TbSupervisor { MedicalWorker, Family };
std::optional<TbPhase> tbPhaseFromCode(std::string_view code);          // "intensive", "continuation"
std::optional<TbSupervisor> tbSupervisorFromCode(std::string_view code);  // "medical", "family"
// First home visit within 72 hours of notification.
Date tbFirstVisitDue(const Date& notified);
// Two failed visits within 72 hours: report to the county TB agency.
bool tbReportToCounty(int failedFirstVisits);
Plan planAfterTbVisit(const Date& visit, TbPhase phase, TbSupervisor supervisor);
// A suspected case: referral slip, then a phone call within a week to check they went.
Date tbSuspectedCallDue(const Date& referred);

// ---- Schedules shared by the programmes ------------------------------------------------

// chronic.md: at least 4 face-to-face follow-ups a year (hypertension, diabetes, SMI).
inline constexpr int kFaceToFacePerYear = 4;
// Patients not seen for more than 12 months are listed apart as lost (issue 4, worklist).
inline constexpr int kLostAfterMonths = 12;

}  // namespace jiayi::rules::chronic
