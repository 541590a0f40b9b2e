#pragma once
// Pregnancies and maternal visits ↔ rows (issue 19). Writes go through the change capture in
// the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Maternal.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::Pregnancy& p);
std::string toJson(const model::MaternalVisit& v);

// A pregnancy of an area still followed (pregnant, or delivered within the postpartum
// weeks), with its mother and visits.
struct FollowedPregnancy {
    model::Pregnancy pregnancy;
    std::string name, archiveNo;
    std::vector<model::MaternalVisit> visits;
};

class MaternalRepository {
public:
    explicit MaternalRepository(Database& db) : m_db(db) {}
    void insert(const model::Pregnancy& p, const std::string& user);
    void update(const model::Pregnancy& p, const std::string& user);
    std::optional<model::Pregnancy> get(const std::string& id);
    std::vector<model::Pregnancy> ofResident(const std::string& residentId);
    // The delivery that registered or linked the baby `babyId` (its mother's pregnancy).
    std::optional<model::Pregnancy> ofBaby(const std::string& babyId);
    void insert(const model::MaternalVisit& v, const std::string& user);
    std::vector<model::MaternalVisit> visitsOf(const std::string& pregnancyId);
    std::optional<model::MaternalVisit> visit(const std::string& id);
    // Pregnancies of `scope` that are pregnant, or delivered on or after `deliveredFrom`.
    std::vector<FollowedPregnancy> followedIn(const std::string& scope, const std::string& deliveredFrom);

private:
    Database& m_db;
};

}  // namespace jiayi::store
