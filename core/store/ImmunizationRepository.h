#pragma once
// Doses of the immunization programme ↔ rows (issue 19). Writes go through the change
// capture in the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Child.h"
#include "core/util/Date.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::Vaccination& v);

// A child of an area with the doses recorded for it (voided ones included).
struct ChildDoses {
    std::string residentId, name, archiveNo, villageCode, sex;
    Date birth;
    std::vector<model::Vaccination> doses;
};

class ImmunizationRepository {
public:
    explicit ImmunizationRepository(Database& db) : m_db(db) {}
    void insert(const model::Vaccination& v, const std::string& user);
    void update(const model::Vaccination& v, const std::string& user);
    std::optional<model::Vaccination> get(const std::string& id);
    // Every dose of a resident, voided ones too, in the order given.
    std::vector<model::Vaccination> ofResident(const std::string& residentId);
    // The active records of `scope` born on or after `bornFrom`, with their doses, by archive
    // number: the children the due list reads, in two index ranges.
    std::vector<ChildDoses> childrenIn(const std::string& scope, const Date& bornFrom);

private:
    Database& m_db;
};

}  // namespace jiayi::store
