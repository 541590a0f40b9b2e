#pragma once
// Households and their membership history (shared/domain/records.md, Households).
#include <optional>
#include <string>
#include <vector>

#include "core/model/Household.h"

namespace jiayi::store {

class Database;

class HouseholdRepository {
public:
    explicit HouseholdRepository(Database& db) : m_db(db) {}

    // With members (current first, then past memberships, names filled in) unless
    // withMembers is false.
    std::optional<model::Household> get(const std::string& id, bool withMembers = true);
    // The current membership of a resident, if any.
    std::optional<model::HouseholdMember> currentMembership(const std::string& residentId);
    // Every membership of a resident, the latest first.
    std::vector<model::HouseholdMember> memberships(const std::string& residentId);
    // Households whose head's name starts with `prefix` or whose address contains it.
    std::vector<model::Household> find(const std::string& villageCode, const std::string& text,
                                       std::size_t limit);

    void insert(const model::Household& household, const std::string& user);
    void updateHousehold(const model::Household& household, const std::string& user);
    void insertMember(const model::HouseholdMember& member, const std::string& user);
    void closeMember(const std::string& memberId, const Date& leftOn, const std::string& reason,
                     const std::string& user);
    void setRelation(const std::string& memberId, const std::string& relation,
                     const std::string& user);

private:
    Database& m_db;
};

}  // namespace jiayi::store
