#pragma once
// Review cases ↔ rows (issue 18). Writes go through the change capture in the caller's
// transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Review.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::ReviewCase& c);

class ReviewRepository {
public:
    explicit ReviewRepository(Database& db) : m_db(db) {}
    std::optional<model::ReviewCase> get(const std::string& id);
    void insert(const model::ReviewCase& c, const std::string& user);
    void update(const model::ReviewCase& c, const std::string& user);
    // Cases of `scope`, newest first; `state` / `assignedTo` / `author` non-empty filter.
    std::vector<model::ReviewCase> inScope(const std::string& scope, const std::string& state,
                                           const std::string& assignedTo,
                                           const std::string& author);
    // Cases about one record (any state).
    std::vector<model::ReviewCase> ofRecord(const std::string& recordId);

private:
    Database& m_db;
};

}  // namespace jiayi::store
