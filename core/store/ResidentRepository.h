#pragma once
// Maps resident rows ↔ model::Resident. Writes go through the connection's change capture,
// so every insert and update is logged for replication in the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/store/Value.h"

namespace jiayi::store {

class Database;

class ResidentRepository {
public:
    explicit ResidentRepository(Database& db) : m_db(db) {}

    std::optional<model::Resident> get(const std::string& id);
    std::optional<model::Resident> byArchiveNo(const std::string& archiveNo);
    std::vector<model::Resident> byIdNumber(const std::string& idNumber);
    // Same name + sex + birth date + village (records.md, Duplicates).
    std::vector<model::Resident> likelyDuplicates(const std::string& name, const std::string& sex,
                                                  const std::string& birthDate,
                                                  const std::string& villageCode);
    // In the order of `ids`; unknown ids are skipped.
    std::vector<model::Resident> getMany(const std::vector<std::string>& ids);
    std::size_t count();

    void insert(const model::Resident& resident, const std::string& user);
    // Writes and logs only the fields that differ from the stored row; returns their names.
    std::vector<std::string> update(const model::Resident& resident, const std::string& user);

    // Column values of a resident (without id), in schema order.
    static Fields toFields(const model::Resident& resident);

private:
    Database& m_db;
};

}  // namespace jiayi::store
