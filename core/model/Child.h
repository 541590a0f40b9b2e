#pragma once
// Public-health services for children (../shared/domain/groups.md): doses of the national
// immunization programme as given.
#include <optional>
#include <string>
#include <vector>

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

// A child health visit (0-6岁儿童健康管理, groups.md "Children 0-6"): the visit of the
// schedule it is, growth, development, feeding and guidance, as on the national forms.
// Replicated, append-only; growth is assessed when read (the WHO tables may be updated).
struct ChildVisit {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::string visitCode;  // newborn, m1, m3 … y6 (resources/child/visits-2021.json)
    std::optional<Date> visitDate;
    std::optional<Date> discharge;  // the newborn visit: the day the child left hospital
    std::optional<double> weightKg, lengthCm, headCm;
    std::string feeding;      // code list "feeding"
    std::string development;  // code list "development"
    std::vector<std::string> guidance;  // code list "child_guidance"
    std::string note;
    std::string doctor;
    std::string signedAt;
};

}  // namespace jiayi::model
