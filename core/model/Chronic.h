#pragma once
// Chronic-disease management records (shared/domain/chronic.md): programme enrolment
// (纳入管理), follow-up records of the national forms, and the annual health check
// (健康体检表, shared/domain/groups.md, Elderly). Follow-ups and checks are clinical events:
// never changed once signed; a correction is a new version that names the one it replaces.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::model {

struct Enrolment {
    std::string id;  // UUIDv7
    std::string residentId;
    std::string villageCode;  // the resident's village (the row's replication scope)
    std::string programme;    // rules::chronic code: htn, t2d, smi, tb
    std::optional<Date> enrolledOn;
    std::optional<Date> diagnosedOn;
    std::string diagnosedBy;  // the diagnosing institution
    std::string doctor;       // the responsible doctor
    std::string diagnosis;    // SMI: the condition; TB: the case type (free text)
    std::string tbPhase;      // intensive, continuation
    std::string tbSupervisor; // medical, family
    std::optional<Date> tbNotifiedOn;
    std::string status = "active";  // active, closed
    std::optional<Date> closedOn;
    std::string closeReason;  // died, moved, lost, cured, completed, other
    std::string closeNote;
    std::int64_t statusEpoch = 0;
};

// 用药情况: name, times a day, dose per time.
struct Medicine {
    std::string name;
    std::string timesPerDay;
    std::string dosePerTime;
    friend bool operator==(const Medicine&, const Medicine&) = default;
};

// One programme's follow-up record of a visit (高血压/2型糖尿病患者随访服务记录表, the SMI and
// TB follow-ups). A visit that serves two programmes gives two records with one visitId.
struct FollowUp {
    std::string id;
    std::string visitId;
    std::string residentId;
    std::string villageCode;
    std::string enrolmentId;
    std::string programme;
    std::optional<Date> visitDate;
    std::string mode;  // clinic, home, phone; lost, dead (instead of findings)

    // 症状 (codes of the programme's list) and other symptoms.
    std::vector<std::string> symptoms;
    std::string symptomsOther;
    std::vector<std::string> urgentSigns;  // rules::chronic::urgentSigns codes
    // 体征
    std::optional<int> systolic, diastolic, heartRate;
    std::optional<double> weight, targetWeight, height, bmi, targetBmi, temperature;
    std::string dorsalPulse;  // diabetes: normal, weak_both, weak_left, weak_right, absent_both, absent_left, absent_right
    std::string signsOther;
    // 生活方式指导, this visit / target (rules::chronic lifestyle field codes → value).
    std::map<std::string, std::string> lifestyle;
    // 辅助检查
    std::optional<double> fastingGlucose, hba1c;
    std::optional<Date> hba1cDate;
    std::string testsOther;
    std::string adherence;      // regular, intermittent, none
    bool adverseReaction = false;
    std::string adverseReactionText;
    bool adverseReactionHardToControl = false;
    bool newOrWorseComplication = false;
    bool pregnantOrBreastfeeding = false;
    bool cannotHandle = false;
    std::string hypoglycaemia;  // diabetes: none, occasional, frequent
    std::vector<Medicine> medicines;
    std::string insulin;        // diabetes: type and dose
    // Severe mental illness.
    std::optional<int> danger;  // 0-5
    std::vector<std::string> smiFindings;  // obvious_symptoms, some_symptoms, no_insight, poor_insight, …
    // Tuberculosis.
    std::string tbPhase, tbSupervisor;
    std::optional<int> missedDoses;
    // 转诊 (reason, institution, department) when the visit refers.
    std::string referralReason, referralInstitution, referralDepartment;
    // Lost to follow-up: the reason instead of findings; dead: date and cause.
    std::string lostReason;
    std::optional<Date> deathDate;
    std::string deathCause;

    // The national form's 下次随访日期 as the doctor set it: on or before the date the rules
    // give (an earlier visit is always allowed, a later one is not). Input only: signing
    // stores the date in nextDue.
    std::optional<Date> chosenNextDue;

    // Computed by the rules at signing; classification may have been raised by the doctor.
    std::string classification;          // rules::chronic Classification or SmiClass code
    std::string computedClassification;  // what the findings alone gave
    std::optional<bool> controlled;      // readings met the target (nullopt: nothing measured)
    std::string nextStep;                // rules::chronic NextStep code
    std::optional<Date> nextDue;
    std::string planCause;
    std::optional<Date> planPrevious;
    std::string planDetail;

    std::string doctor;
    std::string signedAt;  // ISO 8601 UTC time of signing
    int version = 1;
    std::string supersedes;  // the version this one corrects
    std::string correctionReason;
};

// A screening blood-pressure reading (chronic.md, Hypertension, "Screening") with the risk
// factors measured or asked that day.
struct BpScreening {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::optional<Date> screenedOn;
    int systolic = 0;
    int diastolic = 0;
    std::optional<double> weight, height, waist;
    bool highSalt = false;
    std::optional<double> dailyLiquorMl;  // 白酒 equivalent
    std::string doctor;
    std::string signedAt;
};

// 老年人生活自理能力评估表 item scores and the physical examination of 健康体检表.
struct HealthCheck {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::optional<Date> checkDate;
    std::string visitId;  // the follow-up visit it was combined with, if any
    std::map<std::string, int> selfCare;  // eating, grooming, dressing, toileting, moving → points
    std::optional<int> selfCareTotal;
    std::string selfCareLevel;  // independent, mild, moderate, dependent
    std::optional<int> systolic, diastolic, heartRate, respiration;
    std::optional<double> temperature, height, weight, waist, bmi, fastingGlucose;
    // Every other item of the form (examination, tests, guidance), by code.
    std::map<std::string, std::string> items;
    std::string doctor;
    std::string signedAt;
    int version = 1;
    std::string supersedes;
    std::string correctionReason;
};

}  // namespace jiayi::model
