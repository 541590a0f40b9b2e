#include "core/store/MaternalRepository.h"

#include <algorithm>
#include <unordered_map>

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::MaternalVisit;
using model::Pregnancy;
namespace col = column;

namespace {

const std::vector<Column<Pregnancy>>& pregnancyColumns() {
    static const std::vector<Column<Pregnancy>> columns{
        col::text("resident_id", &Pregnancy::residentId),
        col::text("village_code", &Pregnancy::villageCode),
        col::date("lmp", &Pregnancy::lmp),
        col::date("edd", &Pregnancy::edd),
        col::optInteger("gravidity", &Pregnancy::gravidity),
        col::optInteger("parity", &Pregnancy::parity),
        col::words("risks", &Pregnancy::risks),
        col::date("registered_on", &Pregnancy::registeredOn),
        col::text("doctor", &Pregnancy::doctor),
        col::text("state", &Pregnancy::state),
        col::integer("state_epoch", &Pregnancy::stateEpoch),
        col::date("delivered_on", &Pregnancy::deliveredOn),
        col::text("delivery_place", &Pregnancy::deliveryPlace),
        col::text("delivery_mode", &Pregnancy::deliveryMode),
        col::date("discharged_on", &Pregnancy::dischargedOn),
        col::words("babies", &Pregnancy::babies),
        col::date("ended_on", &Pregnancy::endedOn),
        col::text("end_reason", &Pregnancy::endReason),
        col::text("note", &Pregnancy::note),
    };
    return columns;
}

const std::vector<Column<MaternalVisit>>& visitColumns() {
    static const std::vector<Column<MaternalVisit>> columns{
        col::text("pregnancy_id", &MaternalVisit::pregnancyId),
        col::text("resident_id", &MaternalVisit::residentId),
        col::text("village_code", &MaternalVisit::villageCode),
        col::text("visit_code", &MaternalVisit::visitCode),
        col::date("visit_date", &MaternalVisit::visitDate),
        col::optInteger("systolic", &MaternalVisit::systolic),
        col::optInteger("diastolic", &MaternalVisit::diastolic),
        col::real("weight", &MaternalVisit::weightKg),
        col::real("fasting_glucose", &MaternalVisit::fastingGlucose),
        col::real("hemoglobin", &MaternalVisit::hemoglobin),
        col::text("note", &MaternalVisit::note),
        col::text("doctor", &MaternalVisit::doctor),
        col::text("signed_at", &MaternalVisit::signedAt),
    };
    return columns;
}

}  // namespace

std::string toJson(const Pregnancy& p) { return recordJson(p, pregnancyColumns()); }
std::string toJson(const MaternalVisit& v) { return recordJson(v, visitColumns()); }

void MaternalRepository::insert(const Pregnancy& p, const std::string& user) {
    m_db.changes().insert("pregnancy", p.id, fieldsOf(p, pregnancyColumns()), user);
}

void MaternalRepository::update(const Pregnancy& p, const std::string& user) {
    m_db.changes().update("pregnancy", p.id, fieldsOf(p, pregnancyColumns()), user);
}

std::optional<Pregnancy> MaternalRepository::ofBaby(const std::string& babyId) {
    // Few pregnancies per site (7.5 births per 1,000 a year): a scan of the words column,
    // each candidate checked word by word.
    auto& st = m_db.cached(selectFrom("pregnancy", pregnancyColumns()) +
                           "WHERE state = 'delivered' AND instr(babies, ?) > 0 ORDER BY delivered_on DESC");
    st.bind(1, babyId);
    for (auto& p : readRows(st, pregnancyColumns()))
        if (std::find(p.babies.begin(), p.babies.end(), babyId) != p.babies.end()) return std::move(p);
    return std::nullopt;
}

std::optional<Pregnancy> MaternalRepository::get(const std::string& id) {
    auto& st = m_db.cached(selectFrom("pregnancy", pregnancyColumns()) + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readRows(st, pregnancyColumns());
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<Pregnancy> MaternalRepository::ofResident(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("pregnancy", pregnancyColumns()) + "WHERE resident_id = ? ORDER BY lmp, id");
    st.bind(1, residentId);
    return readRows(st, pregnancyColumns());
}

void MaternalRepository::insert(const MaternalVisit& v, const std::string& user) {
    m_db.changes().insert("maternal_visit", v.id, fieldsOf(v, visitColumns()), user);
}

std::vector<MaternalVisit> MaternalRepository::visitsOf(const std::string& pregnancyId) {
    auto& st = m_db.cached(selectFrom("maternal_visit", visitColumns()) +
                           "WHERE pregnancy_id = ? ORDER BY visit_date, signed_at, id");
    st.bind(1, pregnancyId);
    return readRows(st, visitColumns());
}

std::optional<MaternalVisit> MaternalRepository::visit(const std::string& id) {
    auto& st = m_db.cached(selectFrom("maternal_visit", visitColumns()) + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readRows(st, visitColumns());
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<FollowedPregnancy> MaternalRepository::followedIn(const std::string& scope, const std::string& deliveredFrom) {
    std::optional<Transaction> snapshot;  // all reads see one state
    if (!m_db.inTransaction()) snapshot.emplace(m_db, Transaction::Mode::Deferred);
    std::string sql = "SELECT p.id";
    for (const auto& c : pregnancyColumns()) sql += std::string(",p.") + c.name;
    sql += ",r.name,r.archive_no FROM pregnancy p JOIN resident r ON r.id = p.resident_id "
           "WHERE p.village_code >= ?1 AND p.village_code < ?2 AND r.status = 'active' AND r.merged_into IS NULL "
           "AND (p.state = 'pregnant' OR (p.state = 'delivered' AND p.delivered_on >= ?3)) ORDER BY r.archive_no, p.lmp";
    auto& st = m_db.cached(sql);
    st.bindAll(scope, scope + "\x7f", deliveredFrom);
    std::vector<FollowedPregnancy> out;
    std::unordered_map<std::string, std::size_t> at;
    const auto n = static_cast<int>(pregnancyColumns().size());
    while (st.step()) {
        FollowedPregnancy f;
        f.pregnancy = readRow(st, pregnancyColumns());
        f.name = st.text(n + 1);
        f.archiveNo = st.text(n + 2);
        at.emplace(f.pregnancy.id, out.size());
        out.push_back(std::move(f));
    }
    st.reset();
    auto& visits = m_db.cached(selectFrom("maternal_visit", visitColumns()) +
                               "WHERE village_code >= ?1 AND village_code < ?2 AND pregnancy_id IN (SELECT id FROM "
                               "pregnancy WHERE village_code >= ?1 AND village_code < ?2 AND (state = 'pregnant' OR "
                               "(state = 'delivered' AND delivered_on >= ?3))) ORDER BY visit_date, signed_at, id");
    visits.bindAll(scope, scope + "\x7f", deliveredFrom);
    for (auto& v : readRows(visits, visitColumns()))
        if (const auto it = at.find(v.pregnancyId); it != at.end()) out[it->second].visits.push_back(std::move(v));
    return out;
}

}  // namespace jiayi::store
