#pragma once
// A review case of the supervision workflow (quality.md "Review workflow", issue 18): a
// sampled record, the reviewer it is assigned to, the verification by phone or a home visit
// with the values measured again, the send-back to the record's author and the author's
// correction, and the closing. Replicated; the state only moves forward.
#include <cstdint>
#include <optional>
#include <string>

#include "core/util/Date.h"

namespace jiayi::model {

struct ReviewCase {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::string recordTable = "follow_up";
    std::string recordId;        // the version sampled
    std::string author;          // the doctor who signed it
    std::string sampleId;        // the draw it came from
    std::string drawnFor;        // "random", or the signal codes that weighed it
    std::string assignedTo;      // the reviewer's login
    std::string state = "open";  // open, verified, sent_back, corrected, closed
    std::int64_t stateEpoch = 0;
    std::string method;      // phone, home
    std::string outcome;     // confirmed, not_confirmed, data_error
    std::string remeasured;  // JSON {"systolic":…,"diastolic":…,"fasting_glucose":…}
    std::string verifyNote, verifiedBy;
    std::optional<Date> verifiedOn;
    std::string sendBackNote;
    std::optional<Date> sentBackOn;
    std::string correctionId, correctedBy;
    std::optional<Date> correctedOn;
    std::string closedBy, closeNote;
    std::optional<Date> closedOn;
    std::string createdBy;
    std::optional<Date> createdOn;
};

}  // namespace jiayi::model
