#include "core/store/ChildRepository.h"

#include <algorithm>
#include <unordered_map>

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::Vaccination;
namespace col = column;

namespace {

const std::vector<Column<Vaccination>>& vaccinationColumns() {
    static const std::vector<Column<Vaccination>> columns{
        col::text("resident_id", &Vaccination::residentId),
        col::text("village_code", &Vaccination::villageCode),
        col::text("vaccine", &Vaccination::vaccine),
        col::integer("dose", &Vaccination::dose),
        col::date("given_on", &Vaccination::givenOn),
        col::text("batch", &Vaccination::batch),
        col::text("site", &Vaccination::site),
        col::text("given_by", &Vaccination::givenBy),
        col::text("edition", &Vaccination::edition),
        col::text("recorded_by", &Vaccination::recordedBy),
        col::text("signed_at", &Vaccination::signedAt),
        col::boolean("voided", &Vaccination::voided),
        col::text("void_reason", &Vaccination::voidReason),
        col::text("voided_by", &Vaccination::voidedBy),
        col::date("voided_on", &Vaccination::voidedOn),
    };
    return columns;
}


const std::vector<Column<model::ChildVisit>>& visitColumns() {
    using model::ChildVisit;
    static const std::vector<Column<ChildVisit>> columns{
        col::text("resident_id", &ChildVisit::residentId),
        col::text("village_code", &ChildVisit::villageCode),
        col::text("visit_code", &ChildVisit::visitCode),
        col::date("visit_date", &ChildVisit::visitDate),
        col::date("discharge", &ChildVisit::discharge),
        col::real("weight", &ChildVisit::weightKg),
        col::real("length", &ChildVisit::lengthCm),
        col::real("head", &ChildVisit::headCm),
        col::text("feeding", &ChildVisit::feeding),
        col::text("development", &ChildVisit::development),
        col::words("guidance", &ChildVisit::guidance),
        col::text("note", &ChildVisit::note),
        col::text("doctor", &ChildVisit::doctor),
        col::text("signed_at", &ChildVisit::signedAt),
    };
    return columns;
}

}  // namespace

std::string toJson(const Vaccination& v) { return recordJson(v, vaccinationColumns()); }
std::string toJson(const model::ChildVisit& v) { return recordJson(v, visitColumns()); }

void ChildRepository::insert(const model::ChildVisit& v, const std::string& user) {
    m_db.changes().insert("child_visit", v.id, fieldsOf(v, visitColumns()), user);
}

std::vector<model::ChildVisit> ChildRepository::visitsOf(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("child_visit", visitColumns()) +
                           "WHERE resident_id = ? ORDER BY visit_date, signed_at, id");
    st.bind(1, residentId);
    return readRows(st, visitColumns());
}

void ChildRepository::insert(const Vaccination& v, const std::string& user) {
    m_db.changes().insert("vaccination", v.id, fieldsOf(v, vaccinationColumns()), user);
}

void ChildRepository::update(const Vaccination& v, const std::string& user) {
    m_db.changes().update("vaccination", v.id, fieldsOf(v, vaccinationColumns()), user);
}

std::optional<Vaccination> ChildRepository::get(const std::string& id) {
    auto& st = m_db.cached(selectFrom("vaccination", vaccinationColumns()) + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readRows(st, vaccinationColumns());
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<Vaccination> ChildRepository::ofResident(const std::string& residentId) {
    auto& st = m_db.cached(selectFrom("vaccination", vaccinationColumns()) +
                           "WHERE resident_id = ? ORDER BY given_on, signed_at, id");
    st.bind(1, residentId);
    return readRows(st, vaccinationColumns());
}


}  // namespace jiayi::store

namespace jiayi::store {

std::vector<ChildFacts> ChildRepository::dueFacts(const std::string& scope, const Date& bornFrom, bool doses,
                                                  bool visits) {
    std::optional<Transaction> snapshot;  // every read sees one state
    if (!m_db.inTransaction()) snapshot.emplace(m_db, Transaction::Mode::Deferred);
    // The children by their birth date (a few thousand of a township), not the village range
    // (every resident): the unary + keeps SQLite off the village index.
    const auto upper = scope + "\x7f";
    const auto from = formatDate(bornFrom);
    auto& kids = m_db.cached(
        "SELECT id, name, archive_no, village_code, sex, birth_date FROM resident "
        "WHERE birth_date >= ?3 AND +village_code >= ?1 AND +village_code < ?2 AND status = 'active' "
        "AND merged_into IS NULL ORDER BY archive_no");
    kids.bindAll(scope, upper, from);
    std::vector<ChildFacts> out;
    std::unordered_map<std::string, std::size_t> at;
    while (kids.step()) {
        const auto birth = parseDate(kids.text(5));
        if (!birth) continue;
        at.emplace(kids.text(0), out.size());
        out.push_back({kids.text(0), kids.text(1), kids.text(2), kids.text(3), kids.text(4), *birth, {}, {}});
    }
    kids.reset();
    // The joins walk child by child: the child of a row is looked up only when it changes.
    std::size_t current = out.size();
    const auto childOf = [&](std::string_view id) -> ChildFacts* {
        if (current < out.size() && out[current].residentId == id) return &out[current];
        const auto it = at.find(std::string(id));
        if (it == at.end()) return nullptr;
        current = it->second;
        return &out[current];
    };
    if (doses) {
        auto& st = m_db.cached(
            "SELECT v.resident_id, v.id, v.vaccine, v.signed_at, v.dose, v.given_on FROM resident r "
            "JOIN vaccination v ON v.resident_id = r.id WHERE r.birth_date >= ?3 AND +r.village_code >= ?1 "
            "AND +r.village_code < ?2 AND v.voided = 0");
        st.bindAll(scope, upper, from);
        while (st.step()) {
            auto* c = childOf(st.view(0));
            const auto given = parseDate(st.view(5));
            if (!c || !given) continue;
            c->doses.push_back({st.text(1), st.text(2), st.text(3), static_cast<int>(st.integer(4)), *given});
        }
        st.reset();
    }
    if (visits) {
        auto& st = m_db.cached(
            "SELECT c.resident_id, c.id, c.visit_code, c.visit_date, c.discharge FROM resident r "
            "JOIN child_visit c ON c.resident_id = r.id WHERE r.birth_date >= ?3 AND +r.village_code >= ?1 "
            "AND +r.village_code < ?2");
        st.bindAll(scope, upper, from);
        while (st.step()) {
            auto* c = childOf(st.view(0));
            const auto date = parseDate(st.view(3));
            if (!c || !date) continue;
            c->visits.push_back({st.text(1), st.text(2), *date, st.isNull(4) ? std::nullopt : parseDate(st.view(4))});
        }
        st.reset();
    }
    return out;
}

}  // namespace jiayi::store
