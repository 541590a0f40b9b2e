#pragma once
// Public-health services for children (../shared/domain/groups.md): doses of the national
// immunization programme as given.
#include <optional>
#include <string>

#include "core/util/Date.h"

namespace jiayi::model {

// One dose given (the vaccination certificate's line). Replicated; never edited but to void
// it: a dose entered by mistake, or the second record of one dose made at two sites, is
// voided with a reason and stays in the history.
struct Vaccination {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::string vaccine;  // the schedule's code: HepB, DTaP …
    int dose = 0;         // 1, 2 … within the vaccine
    std::optional<Date> givenOn;
    std::string batch;        // 批号
    std::string site;         // injection_site code list
    std::string givenBy;      // who gave it (a login, or a name when given elsewhere)
    std::string edition;      // the schedule the dose was checked against
    std::string recordedBy;   // who recorded it
    std::string signedAt;
    bool voided = false;
    std::string voidReason;
    std::string voidedBy;
    std::optional<Date> voidedOn;
};

}  // namespace jiayi::model
