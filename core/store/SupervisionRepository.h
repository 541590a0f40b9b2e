#pragma once
// What the supervision indicators read (issue 18, ../shared/domain/quality.md): the records
// open on a day, the services of a period, the hypertension and diabetes patients with their
// follow-ups around the period, the permanent population entered per village and year, and
// the contracts whose term ended. Reads only; one area (division prefix) at a time.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/rules/Indicators.h"
#include "core/rules/QualitySignals.h"
#include "core/util/Date.h"

namespace jiayi::store {

class Database;

struct RecordRow {
    std::string id, name, archiveNo, villageCode;
    std::optional<Date> birthDate;
    bool disabled = false;  // 残疾情况 names a disability
    rules::indicators::RecordFacts facts;
};

struct PatientRow {
    std::string enrolmentId, residentId, name, archiveNo, villageCode, doctor;
    rules::indicators::PatientFacts facts;  // visits: the window asked for, oldest first
};

struct EndedContract {
    std::string id, residentId, villageCode, doctor;
    Date endOn;
    std::string renewedBy;  // the contract that renews it ("" when none)
};

class SupervisionRepository {
public:
    explicit SupervisionRepository(Database& db) : m_db(db) {}

    // Records of `scope` open on `day`: created on or before it, not merged, and not closed
    // by a death or move-away dated on or before it — one row at a time (a county holds a
    // million); `facts` reads what completeness judges (the address from the household).
    void forOpenRecords(const std::string& scope, const Date& day, bool facts,
                        const std::function<void(const RecordRow&)>& each);
    // Residents of `scope` with a follow-up (not a lost or death entry), health check or
    // screening dated in [from, to], each with one such record's id.
    std::unordered_map<std::string, std::string> served(const std::string& scope, const Date& from,
                                                        const Date& to);
    // Residents of `scope` with a current health check dated in [from, to] → its id.
    std::unordered_map<std::string, std::string> checks(const std::string& scope, const Date& from,
                                                        const Date& to);
    // Hypertension and diabetes enrolments of `scope` under management in [from, to] (enrolled
    // by `to`, not closed before `from`), of `doctor` when given, with their current follow-ups
    // dated in [from, to], those dated in [windowFrom, from) whose next date is `from` or later,
    // and (a visit with an empty id and only its date) the latest one before `from`.
    std::vector<PatientRow> patients(const std::string& scope, const std::string& doctor,
                                     const Date& from, const Date& to, const Date& windowFrom);
    // The same for one resident, every follow-up.
    std::vector<PatientRow> patientsOf(const std::string& residentId);
    // Enters a village's permanent population for a year (a replicated row whose id is made of
    // both, so two sites' entries merge field by field), in the caller's transaction.
    void setPopulation(const std::string& village, int year, long long count,
                       const std::string& user, const Date& on);
    // Permanent population entered for each village of `scope` in `year`.
    std::map<std::string, long long> populations(const std::string& scope, int year);
    // Contracts of `scope` whose term ended in [from, to] (signed or renewed, not terminated
    // before the end), each with the contract that renews it.
    std::vector<EndedContract> endedIn(const std::string& scope, const Date& from, const Date& to);

    // Current follow-ups of `scope` dated in [from, to] (every programme but severe mental
    // illness, whose records the scan does not open), with their record's creation and its
    // death or move-away, in signing order.
    std::vector<rules::quality::Visit> visits(const std::string& scope, const Date& from,
                                              const Date& to);

private:
    Database& m_db;
};

}  // namespace jiayi::store
