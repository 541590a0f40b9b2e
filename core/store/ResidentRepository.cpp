#include "core/store/ResidentRepository.h"

#include "core/store/Database.h"
#include "core/store/SearchIndex.h"
#include "core/store/Site.h"
#include "core/model/ResidentFields.h"

namespace jiayi::store {
namespace {

using model::Resident;

const std::string& selectSql() {
    static const std::string sql = [] {
        std::string s = "SELECT id";
        for (const auto& c : model::residentFields()) s += std::string(",") + c.name;
        return s + ",status_epoch,coalesce(merged_into, '') FROM resident ";
    }();
    return sql;
}

Resident readRow(const Statement& st) {
    Resident r;
    r.id = st.text(0);
    int index = 1;
    for (const auto& c : model::residentFields()) c.set(r, st.text(index++));
    r.statusEpoch = st.integer(index);
    r.mergedInto = st.text(index + 1);
    return r;
}

std::vector<Resident> readAll(Statement& st) {
    std::vector<Resident> out;
    while (st.step()) out.push_back(readRow(st));
    st.reset();
    return out;
}

}  // namespace

Fields ResidentRepository::toFields(const Resident& resident) {
    Fields fields;
    fields.reserve(model::residentFields().size());
    for (const auto& c : model::residentFields()) fields.emplace_back(c.name, textOrNull(c.get(resident)));
    fields.emplace_back("status_epoch", resident.statusEpoch);
    fields.emplace_back("merged_into", textOrNull(resident.mergedInto));
    return fields;
}

std::optional<Resident> ResidentRepository::get(const std::string& id) {
    auto& st = m_db.cached(selectSql() + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readAll(st);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<Resident> ResidentRepository::byArchiveNo(const std::string& archiveNo) {
    auto& st = m_db.cached(selectSql() + "WHERE archive_no = ?");
    st.bind(1, archiveNo);
    auto rows = readAll(st);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<Resident> ResidentRepository::byIdNumber(const std::string& idNumber) {
    auto& st = m_db.cached(selectSql() + "WHERE id_number = ? ORDER BY created_on, id");
    st.bind(1, idNumber);
    return readAll(st);
}

std::vector<Resident> ResidentRepository::likelyDuplicates(const std::string& name,
                                                           const std::string& sex,
                                                           const std::string& birthDate,
                                                           const std::string& villageCode) {
    auto& st = m_db.cached(selectSql() +
                           "WHERE village_code = ? AND name = ? AND sex = ? AND birth_date = ?");
    st.bindAll(villageCode, name, sex, birthDate);
    return readAll(st);
}

std::vector<Resident> ResidentRepository::getMany(const std::vector<std::string>& ids) {
    std::vector<Resident> out;
    out.reserve(ids.size());
    for (const auto& id : ids)
        if (auto r = get(id)) out.push_back(std::move(*r));
    return out;
}

std::size_t ResidentRepository::count() {
    auto& st = m_db.cached("SELECT count(*) FROM resident");
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

void ResidentRepository::insert(const Resident& resident, const std::string& user) {
    const auto rid = m_db.changes().insert("resident", resident.id, toFields(resident), user);
    SearchIndex(m_db).indexNew(resident, rid);
}

std::vector<std::string> ResidentRepository::update(const Resident& resident,
                                                    const std::string& user) {
    const auto changed = m_db.changes().update("resident", resident.id, toFields(resident), user);
    std::vector<std::string> names;
    bool reindex = false;
    for (const auto& [column, value] : changed) {
        names.push_back(column);
        reindex |= SearchIndex::isIndexedColumn(column);
    }
    if (reindex) SearchIndex(m_db).index(resident);
    return names;
}

}  // namespace jiayi::store
