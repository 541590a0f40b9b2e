#pragma once
// Supervision indicators (质控, ../shared/domain/quality.md "Indicators" and "Conventions";
// contracts.md "Indicators"), as data and pure functions (issue 18). Each indicator's
// definition lives here once: its numerator, its denominator and the settings it reads
// (prevalence, grace days, targets), printed under every report with the values in force.
// The judgement of one patient or resident for one indicator is a pure function of the
// records of the period and gives the reason in words, so that a figure can be traced to
// the people behind it and a person to the records that counted, or why they did not.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::rules::indicators {

enum class Indicator {
    RecordCoverage,        // 健康档案建档率
    RecordUse,             // 健康档案使用率
    RecordCompleteness,    // 电子档案规范率
    HtnManagement,         // 高血压患者管理率
    HtnStandard,           // 高血压患者规范管理率
    HtnControl,            // 管理人群血压控制率
    T2dManagement,         // 糖尿病患者管理率
    T2dStandard,           // 糖尿病患者规范管理率
    T2dControl,            // 管理人群血糖控制率
    ElderlyCheck,          // 65岁以上老年人健康管理率
    TimelyFollowUp,        // 随访及时率
    ContractRate,          // 签约率
    PriorityContractRate,  // 重点人群签约率
    RenewalRate,           // 续约率
    DeliveryRate,          // 履约率
};

std::vector<Indicator> allIndicators();
std::string_view code(Indicator i);  // "record_coverage", "htn_control", …
std::optional<Indicator> indicatorFromCode(std::string_view code);
std::string indicatorName(Indicator i);  // translated: 管理人群血压控制率 …

// The settings every definition reads; each configurable (docs/decisions.md), printed with
// the definition. Defaults: quality.md "Conventions" and population.md.
struct Config {
    double htnPrevalence = 0.275;  // expected hypertensives among residents of `expectedFromAge`+
    double t2dPrevalence = 0.115;  // expected diabetics (population.md: 11-12 % of adults)
    int expectedFromAge = 35;      // quality.md: population 35+ × prevalence
    int faceToFacePerQuarter = 1;  // standard management: face-to-face follow-ups in each quarter
    int graceDays = 7;             // timely follow-up: due + 7 days
    double glucoseTarget = 7.0;    // fasting glucose < 7.0 mmol/L
    int elderlyAge = 65;           // 65+ on the period's last day
    // Signals (quality.md "Signals"); a signal is a reason to look, never a verdict.
    int digitMinReadings = 20;     // terminal-digit preference needs this many readings
    double digitZeroShare = 0.30;  // share of readings ending in 0 above which a doctor is flagged
    double digitZeroFiveShare = 0.50;  // share ending in 0 or 5
    double flatSpreadMmHg = 3.0;  // a patient's SBP standard deviation below this over ≥ 4 visits
    int flatMinVisits = 4;
    double flatPatientShare = 0.3;  // share of a doctor's patients with flat readings
    double bandSpreadMmHg = 7.0;    // a doctor's SBP readings (≥ digit_min_readings) spread less than this
    int burstMinutes = 3;          // visits saved less than this apart are one burst
    int burstMinVisits = 6;        // a burst of this many visits or more
    int dayMaxFaceToFace = 40;     // more face-to-face visits in one day than could be seen
    int quarterEndDays = 10;       // the last days of a quarter
    double quarterEndShare = 0.5;  // share of a doctor's quarter's visits in its last days
    int lateEntryDays = 30;        // entry more than this many days after the visit
    double lateEntryShare = 0.1;   // share of a subject's visits entered late
    int copyMinRecords = 3;        // identical vitals + text + selections on this many records
};

// Setting names ("htn_prevalence", "grace_days", …) with their current values, in order.
std::vector<std::pair<std::string, std::string>> settings(const Config& c);
// Sets one setting from text; a ValidationError names the setting and the reason.
void set(Config& c, const std::string& name, const std::string& value);
// "name=value" lines (the stored form) and back; unknown names are refused.
std::string serialize(const Config& c);
Config parse(const std::string& text);

// The definition in words with the settings in force, printed under every report.
struct Definition {
    Indicator indicator;
    std::string name;
    std::string numerator;
    std::string denominator;
    std::string source;  // the domain paragraph it implements
};
Definition definition(Indicator i, const Config& c);

// A period of whole days. Written "2025" (a year), "2025-Q2", "2025-06" or
// "2025-01-01..2025-06-30"; ValidationError("period", …) otherwise.
struct Period {
    Date from, to;
    std::string label;
};
Period parsePeriod(std::string_view text);
// The calendar quarters that overlap the period (standard management asks one in each).
std::vector<Period> quartersOf(const Period& p);
// The months of the period (monthly trends), each clipped to the period.
std::vector<Period> monthsOf(const Period& p);

// ---- Judging one patient or resident -------------------------------------------------

// A programme's follow-up as the indicators read it (current versions only).
struct VisitFact {
    std::string id;
    Date date;
    std::string mode;  // clinic, home, phone, lost, dead
    std::optional<int> systolic, diastolic;
    std::optional<double> fastingGlucose;
    std::optional<Date> nextDue;
};

// One enrolment of hypertension or diabetes in a period.
struct PatientFacts {
    std::string programme;  // htn, t2d
    std::optional<Date> enrolledOn;
    std::optional<Date> closedOn;
    std::string closeReason;  // died, moved, lost, …
    std::optional<Date> birthDate;
    std::optional<Date> residentGoneOn;  // the record's death or move-away date
    std::vector<VisitFact> visits;       // every current follow-up, any date, oldest first
};

// `explain` false: the judgement without its reason (a count, not a list: reasons cost more
// than judging).
struct Judgement {
    bool counted = false;  // in the numerator
    std::string reason;    // why, in words, with the dates
    std::string recordId;  // the record that decided ("" when none)
};

// quality.md "Conventions": under management in the period — enrolled on or before its end
// and not closed before its start.
bool underManagement(const PatientFacts& p, const Period& period);
// Services dated after the record's death or move-away count for no indicator.
bool countable(const PatientFacts& p, const VisitFact& v);
// Standard management: a face-to-face follow-up in each calendar quarter of the period.
Judgement standard(const PatientFacts& p, const Period& period, const Config& c, bool explain = true);
// Control: the latest follow-up in the period that carries readings, judged by the target
// for the age on its date (hypertension) or fasting glucose < target (diabetes); lost or no
// reading counts as not controlled.
Judgement control(const PatientFacts& p, const Period& period, const Config& c, bool explain = true);

// Timely follow-up: each signed form's next due date (in the period, not after the
// enrolment closed) is one item, met by a face-to-face follow-up on or before due + grace.
struct DueItem {
    std::string formId;  // the form that set the due date
    Date due;
    Judgement met;
};
std::vector<DueItem> dueItems(const PatientFacts& p, const Period& period, const Config& c,
                              bool explain = true);

// Record completeness: ID number, phone, ethnicity, blood type and address all filled.
struct RecordFacts {
    bool idNumber = false, phone = false, ethnicity = false, bloodType = false, address = false;
};
Judgement completeness(const RecordFacts& r);

}  // namespace jiayi::rules::indicators
