#pragma once
// Data-quality review (质控, issue 18, ../shared/domain/quality.md "Signals" and "Review
// workflow"): the scan that scores each doctor and village for signs of fabricated or
// careless follow-up, and the review cases — a sample drawn at random or weighted by those
// signals, assigned to reviewers, verified by phone or a home visit with values measured
// again, sent back to the record's author, corrected by the author (a new version, through
// ChronicCare::correct), closed. Scores per doctor and village from the outcomes. Supervisors
// (review_quality) draw, verify, send back and close; they never edit a clinical entry.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Review.h"
#include "core/rules/Indicators.h"
#include "core/rules/QualitySignals.h"
#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct QualityScan {
    rules::indicators::Period period;
    std::string scope;
    std::size_t visits = 0;
    std::map<std::string, std::size_t> visitsByDoctor, visitsByVillage;
    std::vector<rules::quality::Signal> doctors;   // subject: login; highest score first
    std::vector<rules::quality::Signal> villages;  // subject: village code
    // Records with logic errors (rules::quality::logicErrors), oldest first.
    struct RecordError {
        std::string recordId, residentId, villageCode, doctor;
        Date date;
        std::string reason;
    };
    std::vector<RecordError> errors;
    // A subject's total score (the sum of its signals' scores), for ranking and weighting.
    double scoreOf(const std::string& subject) const;
};

struct SampleRequest {
    std::string scope;
    rules::indicators::Period period;
    int size = 20;
    bool weighted = false;               // by the scan's signals, else uniform
    std::vector<std::string> reviewers;  // assigned in turn
    std::optional<unsigned> seed;        // reproducible draws (tests)
};

struct Verification {
    std::string method;   // phone, home
    std::string outcome;  // confirmed, not_confirmed, data_error
    std::optional<int> systolic, diastolic;
    std::optional<double> fastingGlucose;
    std::string note;
};

// A case with what a list shows of the record behind it.
struct ReviewView {
    model::ReviewCase review;
    std::string residentName, archiveNo;
    std::optional<Date> visitDate;
    std::optional<int> systolic, diastolic;
    std::optional<double> fastingGlucose;
    std::string comparison;  // the values measured again beside the recorded ones, in words
};

// Outcomes per doctor (the record's author) or village.
struct ReviewScore {
    std::string subject;
    int cases = 0, verified = 0, confirmed = 0, notConfirmed = 0, dataErrors = 0, corrected = 0;
    std::optional<double> confirmedShare() const {
        if (verified == 0) return std::nullopt;
        return static_cast<double>(confirmed) / verified;
    }
};

class Quality {
public:
    Quality(store::Database& db, Session session);

    QualityScan scan(const std::string& scope, const rules::indicators::Period& period);

    // Draws follow-ups (hypertension and diabetes, readings or not, not lost or death
    // entries, not already under review) and opens a case for each, in one transaction.
    std::vector<ReviewView> drawSample(const SampleRequest& request);
    ReviewView verify(const std::string& caseId, const Verification& v);
    // Sends the record back to its author with what to correct (after a verification that
    // did not confirm it).
    ReviewView sendBack(const std::string& caseId, const std::string& note);
    ReviewView close(const std::string& caseId, const std::string& note);
    ReviewView view(const std::string& caseId);
    // Cases of an area (the user's), filtered by state and reviewer.
    std::vector<ReviewView> cases(const std::string& scope, const std::string& state = {},
                                  const std::string& assignedTo = {});
    // The records sent back to the signed-in doctor, to correct.
    std::vector<ReviewView> requests();
    std::vector<ReviewScore> scoresByDoctor(const std::string& scope);
    std::vector<ReviewScore> scoresByVillage(const std::string& scope);

    // Called by ChronicCare::correct in its transaction: a case that sent `oldId` back is
    // answered by the correction `newId`.
    static void recordCorrection(store::Database& db, const std::string& oldId,
                                 const std::string& newId, const std::string& user, const Date& on);

    void setToday(Date today) { m_today = today; }

private:
    std::string area(const std::string& scope);
    ReviewView makeView(model::ReviewCase c);
    model::ReviewCase load(const std::string& caseId);
    std::vector<ReviewScore> scores(const std::string& scope, bool byDoctor);
    Date today() const;

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
};

std::string reviewStateName(const std::string& state);
std::string reviewOutcomeName(const std::string& outcome);

}  // namespace jiayi::services
