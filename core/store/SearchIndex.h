#pragma once
// The local search index behind "Finding people" (shared/domain/records.md): keys for
// name, name without surname, full pinyin, pinyin initials, ID-number suffix, phone
// prefix and suffix, archive-number prefix and suffix. A derived table: never replicated,
// rebuilt from resident rows whenever needed.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/Resident.h"

namespace jiayi::store {

class Database;

class SearchIndex {
public:
    explicit SearchIndex(Database& db) : m_db(db) {}

    // Replaces the keys of one resident (call inside the write's transaction).
    void index(const model::Resident& resident);
    // Keys of a row just inserted with local row number `rid` (it has none yet).
    void indexNew(const model::Resident& resident, std::int64_t rid);
    // Re-reads only the searched columns of a resident and replaces its keys (after sync).
    void reindex(const std::string& residentId);
    void rebuild();
    // Resident ids matching a query typed by a person, best matches first.
    std::vector<std::string> find(std::string_view query, std::size_t limit);

    static bool isIndexedColumn(std::string_view column);
    // The keys one resident gets (each prefixed by its kind letter); exposed for tests.
    static std::vector<std::string> keysFor(const model::Resident& resident);

private:
    // Makes the keys of row `rid` those of `resident`, touching only the ones that differ.
    void replaceKeys(const model::Resident& resident, std::int64_t rid);
    Database& m_db;
};

}  // namespace jiayi::store
