#pragma once
// Administrative divisions in the database (reference data, not replicated).
#include <optional>
#include <string>
#include <vector>

#include "core/rules/Divisions.h"

namespace jiayi::store {

class Database;

class DivisionRepository {
public:
    explicit DivisionRepository(Database& db) : m_db(db) {}

    // Replaces the table with `divisions` (call inside a transaction).
    void replaceAll(const std::vector<rules::Division>& divisions);
    std::size_t count();
    std::optional<rules::Division> get(const std::string& code);
    std::vector<rules::Division> children(const std::string& parentCode);
    std::vector<rules::Division> byLevel(rules::Division::Level level);
    // Villages whose code starts with `prefix` (a scope), in code order.
    std::vector<std::string> villageCodesUnder(const std::string& prefix);

private:
    Database& m_db;
};

}  // namespace jiayi::store
