#include "core/store/SupervisionRepository.h"

#include <algorithm>

#include "core/store/ContractRepository.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

namespace {

std::string upper(const std::string& scope) {
    return scope + "\x7f";
}

std::optional<Date> dateAt(Statement& st, int column) {
    if (st.isNull(column)) return std::nullopt;
    return parseDate(st.text(column));
}

std::optional<int> intAt(Statement& st, int column) {
    if (st.isNull(column)) return std::nullopt;
    return static_cast<int>(st.integer(column));
}

std::optional<double> realAt(Statement& st, int column) {
    if (st.isNull(column)) return std::nullopt;
    return st.real(column);
}

bool filled(Statement& st, int column) {
    return !st.isNull(column) && !st.text(column).empty();
}

// A read snapshot for lists of several statements (one file lock, one consistent view).
struct Snapshot {
    explicit Snapshot(Database& db) {
        if (!db.inTransaction()) tx.emplace(db, Transaction::Mode::Deferred);
    }
    std::optional<Transaction> tx;
};

constexpr const char* kPatientColumns =
    "SELECT e.id, e.resident_id, r.name, r.archive_no, e.village_code, coalesce(e.doctor, ''), "
    "e.programme, "
    "e.enrolled_on, e.closed_on, coalesce(e.close_reason, ''), r.birth_date, "
    "CASE WHEN r.status IN ('dead', 'moved') THEN r.status_date END ";

PatientRow patientRow(Statement& st) {
    PatientRow p;
    p.enrolmentId = st.text(0);
    p.residentId = st.text(1);
    p.name = st.text(2);
    p.archiveNo = st.text(3);
    p.villageCode = st.text(4);
    p.doctor = st.text(5);
    p.facts.programme = st.text(6);
    p.facts.enrolledOn = dateAt(st, 7);
    if (st.text(8).size()) p.facts.closedOn = dateAt(st, 8);
    p.facts.closeReason = st.text(9);
    p.facts.birthDate = dateAt(st, 10);
    p.facts.residentGoneOn = dateAt(st, 11);
    return p;
}

constexpr const char* kVisitColumns =
    "SELECT f.enrolment_id, f.id, f.visit_date, f.mode, f.systolic, f.diastolic, "
    "f.fasting_glucose, f.next_due "
    "FROM follow_up f ";

rules::indicators::VisitFact visitFact(Statement& st) {
    rules::indicators::VisitFact v;
    v.id = st.text(1);
    v.date = parseDate(st.text(2)).value_or(Date{});
    v.mode = st.text(3);
    v.systolic = intAt(st, 4);
    v.diastolic = intAt(st, 5);
    v.fastingGlucose = realAt(st, 6);
    v.nextDue = dateAt(st, 7);
    return v;
}

}  // namespace

void SupervisionRepository::forOpenRecords(const std::string& scope, const Date& day, bool facts,
                                           const std::function<void(const RecordRow&)>& each) {
    Snapshot snapshot(m_db);
    const auto d = formatDate(day);
    // The address is the current household's (个人基本信息表 has no address of its own): the
    // residents whose household has one, read once rather than looked up per resident.
    std::unordered_set<std::string> addressed;
    if (facts) {
        auto& st = m_db.cached(
            "SELECT m.resident_id FROM household h JOIN household_member m ON m.household_id = "
            "h.id "
            "WHERE h.village_code >= ?1 AND h.village_code < ?2 AND m.left_on IS NULL AND "
            "h.address <> ''");
        st.bindAll(scope, upper(scope));
        while (st.step()) addressed.insert(st.text(0));
        st.reset();
    }
    auto& st = m_db.cached(
        "SELECT r.id, r.name, r.archive_no, r.village_code, r.birth_date, r.id_number, r.phone, "
        "r.ethnicity, "
        "r.blood_type, r.disability "
        "FROM resident r WHERE r.village_code >= ?1 AND r.village_code < ?2 AND r.merged_into IS "
        "NULL "
        "AND r.created_on <= ?3 AND NOT (r.status IN ('dead', 'moved') AND coalesce(r.status_date, "
        "'') <= ?3)");
    st.bindAll(scope, upper(scope), d);
    RecordRow r;  // reused: its strings keep their room from row to row
    while (st.step()) {
        r.id = st.text(0);
        r.name = st.text(1);
        r.archiveNo = st.text(2);
        r.villageCode = st.text(3);
        r.birthDate = dateAt(st, 4);
        r.disabled = !st.isNull(9) && namesDisability(st.text(9));
        if (facts) {
            r.facts.idNumber = filled(st, 5);
            r.facts.phone = filled(st, 6);
            r.facts.ethnicity = filled(st, 7);
            r.facts.bloodType = filled(st, 8);
            r.facts.address = addressed.count(r.id) > 0;
        }
        each(r);
    }
    st.reset();
}

std::unordered_map<std::string, std::string> SupervisionRepository::served(const std::string& scope,
                                                                           const Date& from,
                                                                           const Date& to) {
    Snapshot snapshot(m_db);
    std::unordered_map<std::string, std::string> out;
    const auto f = formatDate(from), t = formatDate(to);
    for (const char* sql : {"SELECT resident_id, id FROM follow_up WHERE village_code >= ?1 AND "
                            "village_code < ?2 AND visit_date "
                            "BETWEEN ?3 AND ?4 AND mode NOT IN ('lost', 'dead')",
                            "SELECT resident_id, id FROM health_check WHERE village_code >= ?1 AND "
                            "village_code < ?2 AND check_date "
                            "BETWEEN ?3 AND ?4",
                            "SELECT resident_id, id FROM bp_screening WHERE village_code >= ?1 AND "
                            "village_code < ?2 AND screened_on "
                            "BETWEEN ?3 AND ?4"}) {
        auto& st = m_db.cached(sql);
        st.bindAll(scope, upper(scope), f, t);
        while (st.step()) out.try_emplace(st.text(0), st.text(1));
        st.reset();
    }
    return out;
}

std::unordered_map<std::string, std::string> SupervisionRepository::checks(const std::string& scope,
                                                                           const Date& from,
                                                                           const Date& to) {
    auto& st = m_db.cached(
        "SELECT resident_id, id FROM health_check h WHERE village_code >= ?1 AND village_code < ?2 "
        "AND check_date "
        "BETWEEN ?3 AND ?4 AND NOT EXISTS (SELECT 1 FROM health_check c WHERE c.supersedes = h.id) "
        "ORDER BY check_date");
    st.bindAll(scope, upper(scope), formatDate(from), formatDate(to));
    std::unordered_map<std::string, std::string> out;
    while (st.step()) out[st.text(0)] = st.text(1);
    st.reset();
    return out;
}

std::vector<PatientRow> SupervisionRepository::patients(const std::string& scope,
                                                        const std::string& doctor, const Date& from,
                                                        const Date& to, const Date& windowFrom) {
    Snapshot snapshot(m_db);
    const auto f = formatDate(from), t = formatDate(to), w = formatDate(windowFrom);
    auto& st = m_db.cached(
        std::string(kPatientColumns) +
        ", (SELECT max(x.visit_date) FROM follow_up x WHERE x.enrolment_id = e.id AND x.visit_date "
        "< ?6) "
        "FROM programme_enrolment e JOIN resident r ON r.id = e.resident_id "
        "WHERE e.village_code >= ?1 AND e.village_code < ?2 AND e.programme IN ('htn', 't2d') "
        "AND e.enrolled_on <= ?4 AND (e.status = 'active' OR coalesce(e.closed_on, '') >= ?3) "
        "AND (?5 = '' OR e.doctor = ?5) AND r.merged_into IS NULL");
    st.bindAll(scope, upper(scope), f, t, doctor, f);
    std::vector<PatientRow> out;
    std::unordered_map<std::string, std::size_t> at;
    while (st.step()) {
        auto p = patientRow(st);
        if (auto before = dateAt(st, 12))
            p.facts.visits.push_back({"", *before, "", {}, {}, {}, {}});
        at.emplace(p.enrolmentId, out.size());
        out.push_back(std::move(p));
    }
    st.reset();
    // The follow-ups of the window, current versions only, in visit order.
    auto& visits = m_db.cached(
        std::string(kVisitColumns) +
        "WHERE f.village_code >= ?1 AND f.village_code < ?2 AND f.visit_date BETWEEN ?3 AND ?4 "
        "AND (f.visit_date >= ?5 OR f.next_due >= ?5) AND f.programme IN ('htn', 't2d') "
        "AND NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = f.id) "
        "ORDER BY f.visit_date, f.signed_at");
    // Before the period only the forms whose next date falls in it or later (timely follow-up).
    visits.bindAll(scope, upper(scope), w, t, f);
    while (visits.step()) {
        const auto it = at.find(visits.text(0));
        if (it != at.end()) out[it->second].facts.visits.push_back(visitFact(visits));
    }
    visits.reset();
    // A patient who moved to another village of the area keeps the follow-ups written there
    // (follow-ups carry the patient's village at the visit); ones outside the area are not read.
    return out;
}

std::vector<PatientRow> SupervisionRepository::patientsOf(const std::string& residentId) {
    Snapshot snapshot(m_db);
    auto& st = m_db.cached(
        std::string(kPatientColumns) +
        "FROM programme_enrolment e JOIN resident r ON r.id = e.resident_id "
        "WHERE e.resident_id = ? AND e.programme IN ('htn', 't2d') ORDER BY e.enrolled_on");
    st.bindAll(residentId);
    std::vector<PatientRow> out;
    while (st.step()) out.push_back(patientRow(st));
    st.reset();
    for (auto& p : out) {
        auto& visits = m_db.cached(std::string(kVisitColumns) +
                                   "WHERE f.enrolment_id = ? AND NOT EXISTS (SELECT 1 FROM "
                                   "follow_up c WHERE c.supersedes = f.id) "
                                   "ORDER BY f.visit_date, f.signed_at");
        visits.bindAll(p.enrolmentId);
        while (visits.step()) p.facts.visits.push_back(visitFact(visits));
        visits.reset();
    }
    return out;
}

void SupervisionRepository::setPopulation(const std::string& village, int year, long long count,
                                          const std::string& user, const Date& on) {
    const std::string id = "population-" + village + "-" + std::to_string(year);
    const Fields fields{{"village_code", village},
                        {"year", static_cast<std::int64_t>(year)},
                        {"count", static_cast<std::int64_t>(count)},
                        {"entered_by", user},
                        {"entered_on", formatDate(on)}};
    auto& exists = m_db.cached("SELECT 1 FROM population WHERE id = ?");
    exists.bind(1, id);
    const bool known = exists.step();
    exists.reset();
    if (known)
        m_db.changes().update("population", id, fields, user);
    else
        m_db.changes().insert("population", id, fields, user);
}

std::map<std::string, long long> SupervisionRepository::populations(const std::string& scope,
                                                                    int year) {
    auto& st = m_db.cached(
        "SELECT village_code, count FROM population WHERE village_code >= ? AND village_code < ? "
        "AND year = ?");
    st.bindAll(scope, upper(scope), static_cast<std::int64_t>(year));
    std::map<std::string, long long> out;
    while (st.step()) out[st.text(0)] = st.integer(1);
    st.reset();
    return out;
}

std::vector<EndedContract> SupervisionRepository::endedIn(const std::string& scope,
                                                          const Date& from, const Date& to) {
    auto& st = m_db.cached(
        "SELECT c.id, c.resident_id, c.village_code, c.doctor, c.end_on, "
        "coalesce((SELECT n.id FROM contract n WHERE n.renews = c.id AND n.state IN ('signed', "
        "'renewed') LIMIT 1), '') "
        "FROM contract c WHERE c.village_code >= ?1 AND c.village_code < ?2 AND c.end_on BETWEEN "
        "?3 AND ?4 "
        "AND (c.state IN ('signed', 'renewed') OR (c.state = 'terminated' AND coalesce(c.ended_on, "
        "'') >= c.end_on)) "
        "ORDER BY c.end_on, c.id");
    st.bindAll(scope, upper(scope), formatDate(from), formatDate(to));
    std::vector<EndedContract> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.text(3),
                       parseDate(st.text(4)).value_or(Date{}), st.text(5)});
    st.reset();
    return out;
}

std::vector<rules::quality::Visit> SupervisionRepository::visits(const std::string& scope,
                                                                 const Date& from, const Date& to) {
    auto& st = m_db.cached(
        "SELECT f.id, f.resident_id, f.village_code, f.doctor, f.programme, f.mode, f.visit_date, "
        "f.signed_at, "
        "f.systolic, f.diastolic, f.heart_rate, f.weight, f.fasting_glucose, f.form, "
        "CASE WHEN r.status IN ('dead', 'moved') THEN r.status_date END, "
        "CASE WHEN r.status IN ('dead', 'moved') THEN r.status END, r.created_on, f.next_due "
        "FROM follow_up f JOIN resident r ON r.id = f.resident_id "
        "WHERE f.village_code >= ?1 AND f.village_code < ?2 AND f.visit_date BETWEEN ?3 AND ?4 AND "
        "f.programme <> 'smi' "
        "AND NOT EXISTS (SELECT 1 FROM follow_up c WHERE c.supersedes = f.id) ORDER BY "
        "f.signed_at");
    st.bindAll(scope, upper(scope), formatDate(from), formatDate(to));
    std::vector<rules::quality::Visit> out;
    while (st.step()) {
        rules::quality::Visit v;
        v.id = st.text(0);
        v.residentId = st.text(1);
        v.villageCode = st.text(2);
        v.doctor = st.text(3);
        v.programme = st.text(4);
        v.mode = st.text(5);
        v.date = parseDate(st.text(6)).value_or(Date{});
        v.signedAt = st.text(7);
        v.systolic = intAt(st, 8);
        v.diastolic = intAt(st, 9);
        v.heartRate = intAt(st, 10);
        v.weight = realAt(st, 11);
        v.glucose = realAt(st, 12);
        v.content = st.text(13);
        v.residentGoneOn = dateAt(st, 14);
        v.residentGone = st.text(15);
        v.recordCreatedOn = dateAt(st, 16);
        v.nextDue = dateAt(st, 17);
        out.push_back(std::move(v));
    }
    st.reset();
    return out;
}

}  // namespace jiayi::store
