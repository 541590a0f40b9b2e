#pragma once
// Helpers for chronic-care tests: enrol a resident and sign a clinic visit through the
// real ChronicCare service.
#include <string>

#include "core/services/ChronicCare.h"
#include "core/store/Database.h"

namespace jiayi::test {

inline model::Enrolment enrolIn(store::Database& db, const std::string& residentId, const char* programme,
                                const char* enrolledOn, const std::string& doctor = "doctor1") {
    services::ChronicCare care(db, doctor);
    care.setToday(*parseDate("2027-12-31"));
    services::EnrolmentRequest req;
    req.residentId = residentId;
    req.programme = programme;
    req.enrolledOn = parseDate(enrolledOn);
    return care.enrol(req);
}

// A clinic visit with a blood pressure reading, weight and height filled in.
inline model::FollowUp clinicVisit(const std::string& residentId, const char* programme, const char* date, int systolic,
                                   int diastolic) {
    model::FollowUp f;
    f.residentId = residentId;
    f.programme = programme;
    f.visitDate = parseDate(date);
    f.mode = "clinic";
    f.systolic = systolic;
    f.diastolic = diastolic;
    f.weight = 65;
    f.height = 170;
    return f;
}

inline model::FollowUp signVisit(store::Database& db, const model::FollowUp& f, const std::string& doctor = "doctor1") {
    services::ChronicCare care(db, doctor);
    care.setToday(*parseDate("2027-12-31"));
    return care.recordVisit({f}).records.at(0);
}

}  // namespace jiayi::test
