#include "core/store/ChronicRepository.h"

#include <algorithm>
#include <set>

#include "core/model/ChronicJson.h"
#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::Enrolment;
using model::FollowUp;
using model::HealthCheck;
namespace col = column;

const std::vector<Column<Enrolment>>& enrolmentColumns() {
    static const std::vector<Column<Enrolment>> columns{
        col::text("resident_id", &Enrolment::residentId),
        col::text("village_code", &Enrolment::villageCode),
        col::text("programme", &Enrolment::programme),
        col::date("enrolled_on", &Enrolment::enrolledOn),
        col::date("diagnosed_on", &Enrolment::diagnosedOn),
        col::text("diagnosed_by", &Enrolment::diagnosedBy),
        col::text("doctor", &Enrolment::doctor),
        col::text("diagnosis", &Enrolment::diagnosis),
        col::text("tb_phase", &Enrolment::tbPhase),
        col::text("tb_supervisor", &Enrolment::tbSupervisor),
        col::date("tb_notified_on", &Enrolment::tbNotifiedOn),
        col::text("status", &Enrolment::status),
        col::integer("status_epoch", &Enrolment::statusEpoch),
        col::date("closed_on", &Enrolment::closedOn),
        col::text("close_reason", &Enrolment::closeReason),
        col::text("close_note", &Enrolment::closeNote),
    };
    return columns;
}

const std::vector<Column<FollowUp>>& followUpColumns() {
    static const std::vector<Column<FollowUp>> columns{
        col::text("visit_id", &FollowUp::visitId),
        col::text("resident_id", &FollowUp::residentId),
        col::text("village_code", &FollowUp::villageCode),
        col::text("enrolment_id", &FollowUp::enrolmentId),
        col::text("programme", &FollowUp::programme),
        col::date("visit_date", &FollowUp::visitDate),
        col::text("mode", &FollowUp::mode),
        col::optInteger("systolic", &FollowUp::systolic),
        col::optInteger("diastolic", &FollowUp::diastolic),
        col::optInteger("heart_rate", &FollowUp::heartRate),
        col::real("weight", &FollowUp::weight),
        col::real("bmi", &FollowUp::bmi),
        col::real("fasting_glucose", &FollowUp::fastingGlucose),
        col::real("hba1c", &FollowUp::hba1c),
        col::optInteger("danger", &FollowUp::danger),
        col::text("classification", &FollowUp::classification),
        col::text("computed_classification", &FollowUp::computedClassification),
        col::optBool("controlled", &FollowUp::controlled),
        col::text("next_step", &FollowUp::nextStep),
        col::date("next_due", &FollowUp::nextDue),
        col::text("plan_cause", &FollowUp::planCause),
        col::date("plan_previous", &FollowUp::planPrevious),
        col::text("plan_detail", &FollowUp::planDetail),
        Column<FollowUp>{"form", [](const FollowUp& f) { return Value{model::followUpFormJson(f)}; },
                         [](FollowUp& f, const Value& v) { model::readFollowUpForm(f, col::textOf(v)); }},
        col::text("doctor", &FollowUp::doctor),
        col::text("signed_at", &FollowUp::signedAt),
        col::integer("version", &FollowUp::version),
        col::text("supersedes", &FollowUp::supersedes),
        col::text("correction_reason", &FollowUp::correctionReason),
    };
    return columns;
}

const std::vector<Column<HealthCheck>>& healthCheckColumns() {
    static const std::vector<Column<HealthCheck>> columns{
        col::text("resident_id", &HealthCheck::residentId),
        col::text("village_code", &HealthCheck::villageCode),
        col::date("check_date", &HealthCheck::checkDate),
        col::text("visit_id", &HealthCheck::visitId),
        col::optInteger("self_care_total", &HealthCheck::selfCareTotal),
        col::text("self_care_level", &HealthCheck::selfCareLevel),
        col::optInteger("systolic", &HealthCheck::systolic),
        col::optInteger("diastolic", &HealthCheck::diastolic),
        col::real("weight", &HealthCheck::weight),
        col::real("bmi", &HealthCheck::bmi),
        col::real("fasting_glucose", &HealthCheck::fastingGlucose),
        Column<HealthCheck>{"form", [](const HealthCheck& h) { return Value{model::healthCheckFormJson(h)}; },
                            [](HealthCheck& h, const Value& v) { model::readHealthCheckForm(h, col::textOf(v)); }},
        col::text("doctor", &HealthCheck::doctor),
        col::text("signed_at", &HealthCheck::signedAt),
        col::integer("version", &HealthCheck::version),
        col::text("supersedes", &HealthCheck::supersedes),
        col::text("correction_reason", &HealthCheck::correctionReason),
    };
    return columns;
}

const std::vector<Column<model::BpScreening>>& screeningColumns() {
    using model::BpScreening;
    static const std::vector<Column<BpScreening>> columns{
        col::text("resident_id", &BpScreening::residentId),
        col::text("village_code", &BpScreening::villageCode),
        col::date("screened_on", &BpScreening::screenedOn),
        col::integer("systolic", &BpScreening::systolic),
        col::integer("diastolic", &BpScreening::diastolic),
        col::real("weight", &BpScreening::weight),
        col::real("height", &BpScreening::height),
        col::real("waist", &BpScreening::waist),
        col::boolean("high_salt", &BpScreening::highSalt),
        col::real("daily_liquor_ml", &BpScreening::dailyLiquorMl),
        col::text("doctor", &BpScreening::doctor),
        col::text("signed_at", &BpScreening::signedAt),
    };
    return columns;
}

namespace {

template <typename T>
std::optional<T> one(Statement& st, const std::vector<Column<T>>& columns) {
    auto rows = readRows(st, columns);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

// Current versions only: no other row supersedes them.
constexpr const char* kCurrent = " NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = follow_up.id) ";

}  // namespace

std::optional<Enrolment> ChronicRepository::enrolment(const std::string& id) {
    auto& st = m_db.cached(selectFrom("programme_enrolment", enrolmentColumns()) + "WHERE id = ?");
    st.bind(1, id);
    return one(st, enrolmentColumns());
}

std::vector<Enrolment> ChronicRepository::enrolmentsOf(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("programme_enrolment", enrolmentColumns()) +
                           "WHERE resident_id = ? ORDER BY enrolled_on, id");
    st.bind(1, residentId);
    return readRows(st, enrolmentColumns());
}

void ChronicRepository::insert(const Enrolment& e, const std::string& user) {
    m_db.changes().insert("programme_enrolment", e.id, fieldsOf(e, enrolmentColumns()), user);
}

void ChronicRepository::update(const Enrolment& e, const std::string& user) {
    m_db.changes().update("programme_enrolment", e.id, fieldsOf(e, enrolmentColumns()), user);
}

std::optional<FollowUp> ChronicRepository::followUp(const std::string& id) {
    auto& st = m_db.cached(selectFrom("follow_up", followUpColumns()) + "WHERE id = ?");
    st.bind(1, id);
    return one(st, followUpColumns());
}

void ChronicRepository::insert(const FollowUp& f, const std::string& user) {
    m_db.changes().insert("follow_up", f.id, fieldsOf(f, followUpColumns()), user);
}

std::vector<FollowUp> ChronicRepository::followUpsOf(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("follow_up", followUpColumns()) +
                           "WHERE resident_id = ? ORDER BY visit_date DESC, programme, version DESC, id DESC");
    st.bind(1, residentId);
    return readRows(st, followUpColumns());
}

std::vector<FollowUp> ChronicRepository::currentFollowUps(const std::string& enrolmentId) {
    auto& st = m_db.cached(selectFrom("follow_up", followUpColumns()) + "WHERE enrolment_id = ? AND" + kCurrent +
                           "ORDER BY visit_date DESC, signed_at DESC");
    st.bind(1, enrolmentId);
    return readRows(st, followUpColumns());
}

std::string ChronicRepository::supersededBy(const std::string& id) {
    auto& st = m_db.cached("SELECT id FROM follow_up WHERE supersedes = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, id);
    const auto by = st.step() ? st.text(0) : std::string();
    st.reset();
    return by;
}

std::optional<FollowUp> ChronicRepository::latestBefore(const std::string& enrolmentId, const Date& date,
                                                        bool measuredOnly, const std::string& excludeId) {
    auto& st = m_db.cached(selectFrom("follow_up", followUpColumns()) +
                           "WHERE enrolment_id = ? AND visit_date <= ? AND id <> ? AND mode NOT IN ('lost', 'dead') "
                           "AND (? = 0 OR controlled IS NOT NULL) AND" +
                           kCurrent + "ORDER BY visit_date DESC, signed_at DESC LIMIT 1");
    st.bindAll(enrolmentId, formatDate(date), excludeId, measuredOnly ? 1 : 0);
    return one(st, followUpColumns());
}

std::optional<Date> ChronicRepository::lastReached(const std::string& enrolmentId) {
    auto& st = m_db.cached("SELECT max(visit_date) FROM follow_up WHERE enrolment_id = ? AND mode NOT IN ('lost', 'dead') "
                           "AND NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = follow_up.id)");
    st.bind(1, enrolmentId);
    std::optional<Date> out;
    if (st.step()) out = parseDate(st.text(0));
    st.reset();
    return out;
}

std::optional<HealthCheck> ChronicRepository::healthCheck(const std::string& id) {
    auto& st = m_db.cached(selectFrom("health_check", healthCheckColumns()) + "WHERE id = ?");
    st.bind(1, id);
    return one(st, healthCheckColumns());
}

void ChronicRepository::insert(const HealthCheck& h, const std::string& user) {
    m_db.changes().insert("health_check", h.id, fieldsOf(h, healthCheckColumns()), user);
}

std::vector<HealthCheck> ChronicRepository::healthChecksOf(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("health_check", healthCheckColumns()) +
                           "WHERE resident_id = ? ORDER BY check_date DESC, version DESC, id DESC");
    st.bind(1, residentId);
    return readRows(st, healthCheckColumns());
}

void ChronicRepository::insert(const model::BpScreening& s, const std::string& user) {
    m_db.changes().insert("bp_screening", s.id, fieldsOf(s, screeningColumns()), user);
}

std::vector<model::BpScreening> ChronicRepository::screeningsOf(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("bp_screening", screeningColumns()) +
                           "WHERE resident_id = ? ORDER BY screened_on, signed_at");
    st.bind(1, residentId);
    return readRows(st, screeningColumns());
}

std::vector<std::string> ChronicRepository::screenedNotManaged(const std::string& scope, const Date& since) {
    auto& st = m_db.cached(
        "SELECT DISTINCT s.resident_id FROM bp_screening s JOIN resident r ON r.id = s.resident_id "
        "WHERE s.village_code >= ? AND s.village_code < ? AND s.screened_on >= ? AND r.status = 'active' "
        "AND NOT EXISTS (SELECT 1 FROM programme_enrolment e WHERE e.resident_id = s.resident_id "
        "AND e.programme = 'htn' AND e.status = 'active') ORDER BY s.resident_id");
    st.bindAll(scope, scope + "\x7f", formatDate(since));
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    st.reset();
    return out;
}

std::string toJson(const model::Enrolment& e) { return recordJson(e, enrolmentColumns()); }
std::string toJson(const model::FollowUp& f) { return recordJson(f, followUpColumns()); }
std::string toJson(const model::HealthCheck& h) { return recordJson(h, healthCheckColumns()); }
std::string toJson(const model::BpScreening& s) { return recordJson(s, screeningColumns()); }

std::vector<EnrolmentStatus> ChronicRepository::activeEnrolments(const std::string& scope, const std::string& doctor) {
    // The latest current follow-up of each active enrolment, from the per-enrolment summary
    // the triggers of migration 16 keep; residents that are not active are left
    // out. Of the follow-up only what a list shows and the plan needs is read (the form
    // document and the rest cost 3× the time; docs/performance.md).
    static const std::set<std::string_view> kListed{"visit_id", "programme", "visit_date", "mode", "systolic",
                                                    "diastolic", "fasting_glucose", "classification", "controlled",
                                                    "next_step", "next_due", "plan_cause", "plan_previous",
                                                    "plan_detail", "doctor", "version"};
    std::vector<const Column<FollowUp>*> followUpListColumns;
    for (const auto& c : followUpColumns())
        if (kListed.count(c.name)) followUpListColumns.push_back(&c);
    std::string sql = "SELECT e.id";
    for (const auto& c : enrolmentColumns()) sql += std::string(",e.") + c.name;
    sql += ",r.name,r.archive_no,r.sex,r.birth_date,coalesce(r.phone,''),f.id";
    for (const auto* c : followUpListColumns) sql += std::string(",f.") + c->name;
    sql += " FROM programme_enrolment e JOIN resident r ON r.id = e.resident_id "
           "LEFT JOIN enrolment_summary s ON s.enrolment_id = e.id LEFT JOIN follow_up f ON f.id = s.latest_id "
           "WHERE e.status = 'active' AND r.status = 'active' AND r.merged_into IS NULL "
           "AND e.village_code >= ? AND e.village_code < ? AND (? = '' OR e.doctor = ?) ORDER BY r.archive_no, e.programme";
    auto& st = m_db.cached(sql);
    st.bindAll(scope, scope + "\x7f", doctor, doctor);
    std::vector<EnrolmentStatus> out;
    while (st.step()) {
        EnrolmentStatus s;
        s.enrolment.id = st.text(0);
        int i = 1;
        for (const auto& c : enrolmentColumns()) c.set(s.enrolment, st.value(i++));
        s.residentName = st.text(i++);
        s.archiveNo = st.text(i++);
        s.sex = st.text(i++);
        s.birthDate = parseDate(st.text(i++));
        s.phone = st.text(i++);
        if (!st.isNull(i)) {
            FollowUp f;
            f.id = st.text(i);
            int j = i + 1;
            for (const auto* c : followUpListColumns) c->set(f, st.value(j++));
            s.latest = std::move(f);
        }
        out.push_back(std::move(s));
    }
    st.reset();
    return out;
}

std::vector<ChronicRepository::CheckDue> ChronicRepository::healthChecksDue(const std::string& scope, int year) {
    // groups.md, Elderly: once a year for residents 65+ (age reached by the year's end);
    // chronic.md: once a year for patients under management.
    const std::string born = std::to_string(year - 65) + "-12-31";
    const std::string from = std::to_string(year) + "-01-01";
    const std::string to = std::to_string(year) + "-12-31";
    // Two index ranges rather than a test of every resident (docs/performance.md): the
    // elderly of the scope, then the younger under management; less those checked in the
    // year. The latest check comes from the per-resident summary (migration 18); the checks
    // themselves are searched only for one whose latest check is after the year.
    const std::string checked =
        " AND (s.last_check IS NULL OR s.last_check < ?4 OR (s.last_check > ?5 AND NOT EXISTS (SELECT 1 FROM "
        "health_check h WHERE h.resident_id = r.id AND h.check_date BETWEEN ?4 AND ?5)))";
    auto& elderly = m_db.cached(
        "SELECT r.id, r.name, r.archive_no, r.village_code, r.birth_date, s.last_check"
        ", EXISTS (SELECT 1 FROM programme_enrolment e WHERE e.resident_id = r.id AND e.status = 'active' "
        "AND e.programme IN ('htn', 't2d')) "
        "FROM resident r LEFT JOIN resident_summary s ON s.resident_id = r.id "
        "WHERE r.village_code >= ?1 AND r.village_code < ?2 AND r.birth_date <= ?3 "
        "AND r.status = 'active' AND r.merged_into IS NULL" + checked);
    elderly.bindAll(scope, scope + "\x7f", born, from, to);
    auto& managed = m_db.cached(
        "SELECT DISTINCT r.id, r.name, r.archive_no, r.village_code, r.birth_date, s.last_check, 1 "
        "FROM programme_enrolment e JOIN resident r ON r.id = e.resident_id "
        "LEFT JOIN resident_summary s ON s.resident_id = r.id "
        "WHERE e.village_code >= ?1 AND e.village_code < ?2 AND e.status = 'active' AND e.programme IN ('htn', 't2d') "
        "AND r.birth_date > ?3 "
        "AND r.status = 'active' AND r.merged_into IS NULL" + checked);
    managed.bindAll(scope, scope + "\x7f", born, from, to);
    std::vector<CheckDue> out;
    for (auto* st : {&elderly, &managed}) {
        while (st->step())
            out.push_back({st->text(0), st->text(1), st->text(2), st->text(3), parseDate(st->text(4)),
                           parseDate(st->text(5)), st->integer(6) != 0});
        st->reset();
    }
    std::sort(out.begin(), out.end(), [](const CheckDue& a, const CheckDue& b) { return a.archiveNo < b.archiveNo; });
    return out;
}

}  // namespace jiayi::store
