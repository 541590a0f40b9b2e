#pragma once
// Chronic-disease management (慢性病患者健康管理, shared/domain/chronic.md) and the annual
// health check (groups.md, Elderly): enrol and close programmes, record follow-ups with the
// rules applied at signing, correct a signed record by a new version, and read a chart.
// Each call: validate → one transaction → rows + change log → values.
#include <map>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/model/Chronic.h"
#include "core/rules/Chronic.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct EnrolmentRequest {
    std::string residentId;
    std::string programme;  // htn, t2d, smi, tb
    std::optional<Date> enrolledOn;  // default: today
    std::optional<Date> diagnosedOn;
    std::string diagnosedBy;
    std::string doctor;  // default: the signed-in user
    std::string diagnosis;
    std::string tbPhase, tbSupervisor;
    std::optional<Date> tbNotifiedOn;
};

// What a chart shows for one programme: where it stands and what comes next, and why.
struct ProgrammePlan {
    model::Enrolment enrolment;
    std::optional<model::FollowUp> latest;  // latest current follow-up
    std::optional<Date> due;                // next visit (or referral follow-up)
    std::string step;                       // rules::chronic NextStep code ("first" before any visit)
    std::string reason;                     // in words, with the dates
    int faceToFaceThisYear = 0;             // in the calendar year of `today`
};

struct Chart {
    std::vector<ProgrammePlan> programmes;         // active first, then closed
    std::vector<model::FollowUp> followUps;        // every version, newest visit first
    std::vector<model::HealthCheck> healthChecks;  // every version, newest first
};

// The outcome of signing a visit: the records written, one per programme.
struct VisitOutcome {
    std::vector<model::FollowUp> records;
    // True when any record's plan is an urgent or advised referral (the form offers one).
    bool referralSuggested = false;
};

// What signing a visit would record, computed without writing: the live rules panel shows
// it while the doctor types, so what the screen shows is what the signature stores.
struct FormPreview {
    model::FollowUp record;           // as signing would fill it (BMI, classification, plan)
    std::vector<FieldError> errors;   // what signing would refuse in this form
    // False when a value the rules read (date, mode, a reading, the danger grade) is missing
    // or impossible: then nothing is judged (no classification, plan or urgent finding).
    bool judged = false;
    std::vector<rules::chronic::UrgentFinding> urgent;  // chronic.md "Urgent referral", judged only
    std::string planReason;                             // describePlan of the record's plan
};

class ChronicCare {
public:
    ChronicCare(store::Database& db, Session session);

    model::Enrolment enrol(const EnrolmentRequest& request);
    // Closes a programme: died, moved, lost, cured / completed (TB), other.
    model::Enrolment close(const std::string& enrolmentId, const std::string& reason, std::optional<Date> on,
                           const std::string& note);
    // Undoes a closing made by mistake (raises the epoch so the reopen wins everywhere).
    model::Enrolment reopen(const std::string& enrolmentId);
    std::vector<model::Enrolment> enrolments(const std::string& residentId);

    // Signs one visit: one form per programme of the resident (one visit may serve both
    // hypertension and diabetes; the findings they share must agree). A form's
    // `classification`, when set, is the doctor's raise of the computed one. The rules fill
    // BMI, classification, control and the plan. All forms or none.
    VisitOutcome recordVisit(std::vector<model::FollowUp> forms);
    // The same forms as recordVisit (or, with `correcting`, the one correction of that
    // record) run through the signing rules and nothing written.
    std::vector<FormPreview> preview(std::vector<model::FollowUp> forms, const std::string& correcting = {});
    // A correction of a signed record: a new version with the reason; the old one stays.
    model::FollowUp correct(const std::string& followUpId, model::FollowUp corrected, const std::string& reason);
    // Every version of one follow-up, oldest first.
    std::vector<model::FollowUp> versions(const std::string& followUpId);

    model::HealthCheck recordHealthCheck(model::HealthCheck check);

    Chart chart(const std::string& residentId);
    ProgrammePlan plan(const model::Enrolment& enrolment, const std::optional<model::FollowUp>& latest);

    // Clock for "today" (replaceable in tests).
    void setToday(Date today) { m_today = today; }
    // The signing time of the records it writes (ISO 8601 UTC), for the demo's and the tests'
    // histories, whose visits were not typed today; the product signs with the wall clock.
    void setSigningClock(std::function<std::string()> clock) { m_clock = std::move(clock); }

private:
    // The session's right and area for a record of `villageCode`, and for a severe mental
    // illness programme the right to open those records (docs/security.md).
    void allow(rules::Right right, const std::string& villageCode, const std::string& programme = {}) const;
    Date today() const;
    model::FollowUp sign(model::FollowUp f, const model::Enrolment& e, const std::string& excludeId,
                         std::vector<FieldError>& errors);
    model::Enrolment activeEnrolment(const std::string& residentId, const std::string& programme);

    store::Database& m_db;
    Session m_session;
    std::string m_user;  // the login, as the change log records it
    std::optional<Date> m_today;
    std::function<std::string()> m_clock;
};

}  // namespace jiayi::services
