#include "core/store/HouseholdRepository.h"

#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {
namespace {

store::Fields householdFields(const model::Household& h) {
    return {{"village_code", h.villageCode},
            {"address", h.address},
            {"head_id", textOrNull(h.headId)},
            {"status", h.status},
            {"created_on", h.createdOn ? Value{formatDate(*h.createdOn)} : Value{}}};
}

model::Household readHousehold(const Statement& st) {
    model::Household h;
    h.id = st.text(0);
    h.villageCode = st.text(1);
    h.address = st.text(2);
    h.headId = st.text(3);
    h.status = st.text(4);
    h.createdOn = parseDate(st.text(5));
    return h;
}

model::HouseholdMember readMember(const Statement& st) {
    model::HouseholdMember m;
    m.id = st.text(0);
    m.householdId = st.text(1);
    m.residentId = st.text(2);
    m.relation = st.text(3);
    m.joinedOn = parseDate(st.text(4)).value_or(Date{});
    m.leftOn = parseDate(st.text(5));
    m.leftReason = st.text(6);
    m.residentName = st.text(7);
    return m;
}

constexpr const char* kMemberSelect =
    "SELECT m.id, m.household_id, m.resident_id, m.relation, m.joined_on, m.left_on, "
    "m.left_reason, r.name FROM household_member m JOIN resident r ON r.id = m.resident_id ";
constexpr const char* kHouseholdSelect =
    "SELECT id, village_code, address, head_id, status, created_on FROM household ";

}  // namespace

std::optional<model::Household> HouseholdRepository::get(const std::string& id,
                                                        bool withMembers) {
    auto& st = m_db.cached(std::string(kHouseholdSelect) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    auto h = readHousehold(st);
    st.reset();
    if (!withMembers) return h;
    auto& members = m_db.cached(std::string(kMemberSelect) +
                                "WHERE m.household_id = ? "
                                "ORDER BY m.left_on IS NOT NULL, m.relation, m.joined_on");
    members.bind(1, id);
    while (members.step()) h.members.push_back(readMember(members));
    members.reset();
    return h;
}

std::optional<model::HouseholdMember> HouseholdRepository::currentMembership(
    const std::string& residentId) {
    auto& st = m_db.cached(std::string(kMemberSelect) +
                           "WHERE m.resident_id = ? AND m.left_on IS NULL");
    st.bind(1, residentId);
    std::optional<model::HouseholdMember> m;
    if (st.step()) m = readMember(st);
    st.reset();
    return m;
}

std::vector<model::HouseholdMember> HouseholdRepository::memberships(
    const std::string& residentId) {
    auto& st = m_db.cached(std::string(kMemberSelect) +
                           "WHERE m.resident_id = ? ORDER BY m.left_on IS NOT NULL, m.joined_on DESC");
    st.bind(1, residentId);
    std::vector<model::HouseholdMember> out;
    while (st.step()) out.push_back(readMember(st));
    st.reset();
    return out;
}

std::vector<model::Household> HouseholdRepository::find(const std::string& villageCode,
                                                        const std::string& text,
                                                        std::size_t limit) {
    auto& st = m_db.cached(
        "SELECT h.id, h.village_code, h.address, h.head_id, h.status, h.created_on "
        "FROM household h LEFT JOIN resident r ON r.id = h.head_id "
        "WHERE (?1 = '' OR h.village_code = ?1) "
        "AND (?2 = '' OR r.name LIKE ?2 || '%' OR instr(h.address, ?2) > 0) "
        "ORDER BY h.address LIMIT ?3");
    st.bind(1, villageCode).bind(2, text).bind(3, static_cast<std::int64_t>(limit));
    std::vector<model::Household> out;
    while (st.step()) out.push_back(readHousehold(st));
    st.reset();
    return out;
}

void HouseholdRepository::insert(const model::Household& h, const std::string& user) {
    m_db.changes().insert("household", h.id, householdFields(h), user);
}

void HouseholdRepository::updateHousehold(const model::Household& h, const std::string& user) {
    m_db.changes().update("household", h.id, householdFields(h), user);
}

void HouseholdRepository::insertMember(const model::HouseholdMember& m, const std::string& user) {
    m_db.changes().insert("household_member", m.id,
                          {{"household_id", m.householdId},
                           {"resident_id", m.residentId},
                           {"relation", m.relation},
                           {"joined_on", formatDate(m.joinedOn)},
                           {"left_on", m.leftOn ? Value{formatDate(*m.leftOn)} : Value{}},
                           {"left_reason", textOrNull(m.leftReason)}},
                          user);
}

void HouseholdRepository::closeMember(const std::string& memberId, const Date& leftOn,
                                      const std::string& reason, const std::string& user) {
    m_db.changes().update("household_member", memberId,
                          {{"left_on", formatDate(leftOn)}, {"left_reason", textOrNull(reason)}},
                          user);
}

void HouseholdRepository::setRelation(const std::string& memberId, const std::string& relation,
                                      const std::string& user) {
    m_db.changes().update("household_member", memberId, {{"relation", relation}}, user);
}

}  // namespace jiayi::store
