#pragma once
// Two-way referral (双向转诊, shared/domain/referrals.md): the up-referral slip, the return
// slip and the forward-only states. Each side writes its own columns, so when two sites
// change one referral offline both sides' notes stay.
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/Date.h"

namespace jiayi::model {

struct Referral {
    std::string id;
    std::string residentId;
    std::string villageCode;     // the resident's village (replication scope)
    std::string direction = "up";
    std::string followUpId;      // the follow-up that raised it, if any
    std::string fromSite;        // the workstation that wrote it (its outbox)
    std::string state = "draft"; // draft, sent, accepted, refused, returned, closed, cancelled
    std::int64_t stateEpoch = 0;
    std::string urgency = "routine";  // urgent, routine

    // 双向转诊（转出）单
    std::string toInstitution, toDepartment, toDoctor;
    std::string fromInstitution, fromDoctor, fromPhone;
    std::string impression;    // 初步印象
    std::string reason;        // 主要现病史（转出原因）
    std::string pastHistory;   // 主要既往史
    std::string treatment;     // 治疗经过
    std::string purpose;       // 转诊目的
    std::string payment;       // 费别
    bool consent = false;      // the patient agreed
    std::optional<Date> referredOn;

    // State changes: each written by the side that makes it.
    std::string sentAt, acceptedAt, acceptedBy, refusedAt, refusedBy, refuseReason;
    std::string cancelledAt, cancelledBy, cancelReason, closedAt, closedBy, closeNote;

    // 回转单
    std::string returnDiagnosis, returnRecordNo, returnTests, returnAdvice, returnOutcome;
    std::string returnedBy, returnInstitution;
    std::optional<Date> returnedOn;
};

}  // namespace jiayi::model
