#pragma once
// Maternal care (孕产妇健康管理, groups.md "Maternal care"): a pregnancy as registered, and its
// antenatal and postpartum visits.
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::model {

// Replicated. The state only moves forward (pregnant → delivered, or pregnant → ended).
struct Pregnancy {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::optional<Date> lmp;        // 末次月经
    std::optional<Date> edd;        // 预产期 = LMP + 280 days
    std::optional<int> gravidity;   // 孕次, this pregnancy included
    std::optional<int> parity;      // 产次, before this pregnancy
    std::vector<std::string> risks;  // code list "pregnancy_risk"
    std::optional<Date> registeredOn;
    std::string doctor;
    std::string state = "pregnant";  // pregnant, delivered, ended
    std::int64_t stateEpoch = 0;
    std::optional<Date> deliveredOn;
    std::string deliveryPlace;  // hospital, home, other
    std::string deliveryMode;   // vaginal, caesarean
    std::optional<Date> dischargedOn;
    std::vector<std::string> babies;  // resident ids of the newborns registered from the delivery
    std::optional<Date> endedOn;
    std::string endReason;  // miscarriage, termination, other
    std::string note;
};

// Replicated, append-only.
struct MaternalVisit {
    std::string id;
    std::string pregnancyId;
    std::string residentId;
    std::string villageCode;
    std::string visitCode;  // an1 … an5, pp_home, pp42
    std::optional<Date> visitDate;
    std::optional<int> systolic, diastolic;
    std::optional<double> weightKg, fastingGlucose, hemoglobin;
    std::string note;
    std::string doctor;
    std::string signedAt;
};

}  // namespace jiayi::model
