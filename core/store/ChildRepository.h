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


// What the due lists need of a child, and only that (the whole rows cost 5× the time):
// the doses not voided and the visits, by child, in no order.
struct DoseFact {
    std::string id, vaccine, signedAt;
    int dose = 0;
    Date givenOn;
};
struct VisitFact {
    std::string id, code;
    Date date;
    std::optional<Date> discharge;
};
struct ChildFacts {
    std::string residentId, name, archiveNo, villageCode, sex;
    Date birth;
    std::vector<DoseFact> doses;
    std::vector<VisitFact> visits;
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
    // The active records of `scope` born on or after `bornFrom`, by archive number, with what
    // the due lists read of them; `doses` / `visits` say which to read.
    std::vector<ChildFacts> dueFacts(const std::string& scope, const Date& bornFrom, bool doses, bool visits);

private:
    Database& m_db;
};

}  // namespace jiayi::store
