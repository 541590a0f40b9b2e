#pragma once
// Maps programme enrolments, follow-ups and health checks ↔ rows. Writes go through the
// change capture in the caller's transaction. Follow-ups and checks are only inserted:
// a correction is a new row whose `supersedes` names the one it replaces.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Chronic.h"

namespace jiayi::store {

class Database;

// Whole records as JSON objects keyed by column name (the CLI's --json output).
std::string toJson(const model::Enrolment& e);
std::string toJson(const model::FollowUp& f);
std::string toJson(const model::HealthCheck& h);
std::string toJson(const model::BpScreening& s);

// One active enrolment with the latest current follow-up, for worklists.
struct EnrolmentStatus {
    model::Enrolment enrolment;
    std::optional<model::FollowUp> latest;  // latest current version by visit date
    std::string residentName;
    std::string archiveNo;
    std::string sex;
    std::optional<Date> birthDate;
    std::string phone;
};

class ChronicRepository {
public:
    explicit ChronicRepository(Database& db) : m_db(db) {}

    // Enrolments.
    std::optional<model::Enrolment> enrolment(const std::string& id);
    std::vector<model::Enrolment> enrolmentsOf(const std::string& residentId);
    void insert(const model::Enrolment& e, const std::string& user);
    void update(const model::Enrolment& e, const std::string& user);

    // Follow-ups.
    std::optional<model::FollowUp> followUp(const std::string& id);
    void insert(const model::FollowUp& f, const std::string& user);
    // Every version of every follow-up of a resident, newest visit first.
    std::vector<model::FollowUp> followUpsOf(const std::string& residentId);
    // Current versions (not superseded) of an enrolment, newest visit first.
    std::vector<model::FollowUp> currentFollowUps(const std::string& enrolmentId);
    // The id of the version that supersedes `id` ("" if it is current).
    std::string supersededBy(const std::string& id);
    // The enrolment's latest current follow-up on or before `date`, and the latest one
    // with a reading (`controlled` set), both excluding `excludeId`.
    std::optional<model::FollowUp> latestBefore(const std::string& enrolmentId, const Date& date,
                                                bool measuredOnly, const std::string& excludeId = {});

    // The date of the enrolment's latest current follow-up at which the patient was reached
    // (not a lost-to-follow-up entry).
    std::optional<Date> lastReached(const std::string& enrolmentId);

    // Health checks.
    std::optional<model::HealthCheck> healthCheck(const std::string& id);
    void insert(const model::HealthCheck& h, const std::string& user);
    std::vector<model::HealthCheck> healthChecksOf(const std::string& residentId);

    // Blood-pressure screening.
    void insert(const model::BpScreening& s, const std::string& user);
    std::vector<model::BpScreening> screeningsOf(const std::string& residentId);
    // Residents of `scope` with a screening reading on or after `since`, not under
    // hypertension management.
    std::vector<std::string> screenedNotManaged(const std::string& scope, const Date& since);

    // Active enrolments of residents whose village starts with `scope`, each with its
    // latest current follow-up; `doctor` non-empty limits to that responsible doctor.
    std::vector<EnrolmentStatus> activeEnrolments(const std::string& scope, const std::string& doctor);
    // Residents of `scope` aged 65+ on `yearEnd` or in active management, who have no
    // current health check dated in `year`: (resident id, name, archive number, birth date).
    struct CheckDue {
        std::string residentId, name, archiveNo, villageCode;
        std::optional<Date> birthDate;
        std::optional<Date> lastCheck;
        bool managed = false;
    };
    std::vector<CheckDue> healthChecksDue(const std::string& scope, int year);

private:
    Database& m_db;
};

}  // namespace jiayi::store
