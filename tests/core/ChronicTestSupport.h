#pragma once
// Helpers for chronic-care tests: enrol a resident and sign a clinic visit through the
// real ChronicCare service.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/services/ChronicCare.h"
#include "core/store/Database.h"

namespace jiayi::test {

inline model::Enrolment enrolIn(store::Database& db, const std::string& residentId, const char* programme,
                                const char* enrolledOn, const std::string& doctor = "doctor1") {
    services::ChronicCare care(db, services::Session::bootstrap(doctor));
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

// Signs `forms` after checking that ChronicCare::preview of the same forms (what the live
// rules panel shows) is what signing records: the same refusal or the same rules' result.
inline services::VisitOutcome signPreviewed(services::ChronicCare care, std::vector<model::FollowUp> forms) {
    const auto previews = care.preview(forms);
    bool refusedInPreview = false;
    for (const auto& p : previews) refusedInPreview = refusedInPreview || !p.errors.empty();
    services::VisitOutcome out;
    try {
        out = care.recordVisit(std::move(forms));
    } catch (const ValidationError&) {
        BOOST_TEST(refusedInPreview, "signing refused what the preview accepted");
        throw;
    }
    BOOST_TEST(!refusedInPreview, "the preview refused what signing accepted");
    BOOST_REQUIRE_EQUAL(previews.size(), out.records.size());
    for (std::size_t i = 0; i < previews.size(); ++i) {
        const auto& p = previews[i].record;
        const auto& r = out.records[i];
        BOOST_TEST(p.classification == r.classification);
        BOOST_TEST(p.computedClassification == r.computedClassification);
        BOOST_TEST((p.controlled == r.controlled));
        BOOST_TEST(p.nextStep == r.nextStep);
        BOOST_TEST((p.nextDue == r.nextDue));
        BOOST_TEST(p.planCause == r.planCause);
        BOOST_TEST((p.planPrevious == r.planPrevious));
        BOOST_TEST(p.planDetail == r.planDetail);
        BOOST_TEST((p.bmi == r.bmi));
        BOOST_TEST((p.height == r.height));
        BOOST_TEST(p.tbPhase == r.tbPhase);
        BOOST_TEST(previews[i].judged == (!r.nextStep.empty() || r.mode == "dead"));
    }
    return out;
}

inline model::FollowUp signVisit(store::Database& db, const model::FollowUp& f, const std::string& doctor = "doctor1") {
    services::ChronicCare care(db, services::Session::bootstrap(doctor));
    care.setToday(*parseDate("2027-12-31"));
    return signPreviewed(care, {f}).records.at(0);
}

}  // namespace jiayi::test
