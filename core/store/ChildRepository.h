#pragma once
// Children's public-health records ↔ rows (issue 19): doses of the immunization programme
// and child health visits. Writes go through the change capture in the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Child.h"
#include "core/util/Date.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::Vaccination& v);
std::string toJson(const model::ChildVisit& v);

// A child of an area with the doses recorded for it (voided ones included) and its visits.
struct ChildRecords {
    std::string residentId, name, archiveNo, villageCode, sex;
    Date birth;
    std::vector<model::Vaccination> doses;
    std::vector<model::ChildVisit> visits;
};

class ChildRepository {
public:
    explicit ChildRepository(Database& db) : m_db(db) {}
    void insert(const model::Vaccination& v, const std::string& user);
    void update(const model::Vaccination& v, const std::string& user);
    std::optional<model::Vaccination> get(const std::string& id);
    // Every dose of a resident, voided ones too, in the order given.
    std::vector<model::Vaccination> ofResident(const std::string& residentId);
    void insert(const model::ChildVisit& v, const std::string& user);
    // A child's visits, in the order done.
    std::vector<model::ChildVisit> visitsOf(const std::string& residentId);
    // The active records of `scope` born on or after `bornFrom`, with their doses and visits, by
    // archive number: the children the due lists read, in index ranges.
    std::vector<ChildRecords> childrenIn(const std::string& scope, const Date& bornFrom);

private:
    Database& m_db;
};

}  // namespace jiayi::store
