#pragma once
// Per-field versions of a replicated row (docs/sync-design.md): which write each field's
// current value came from, as "<hlc>@<site>". Kept in the row's hidden `fv` column so that
// the sync merge can tell a sequential edit (it replaced the version the receiver holds)
// from a concurrent one (a conflict), and recorded as `base` in each update's change-log
// entry. "*" stands for every field last written by the row's insert.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace jiayi::store {

class Database;

std::string versionString(std::int64_t hlc, std::string_view site);

class FieldVersions {
public:
    // "" or NULL parse to no versions; throws StorageError on malformed text.
    static FieldVersions parse(std::string_view json);
    static FieldVersions inserted(const std::string& version);

    // The version of a field: its own, else the insert's ("*"), else "".
    std::string of(const std::string& field) const;
    void set(const std::string& field, const std::string& version) { m_byField[field] = version; }
    // Whether the field has a version of its own (it was written after the row's insert).
    bool has(const std::string& field) const { return m_byField.count(field) > 0; }
    // Whether every field's version was written by `site` (it holds the row as it is).
    bool onlyBy(std::string_view site) const;
    std::string json() const;  // keys sorted, so equal versions give equal text

private:
    std::map<std::string, std::string> m_byField;
};

// Rebuilds every replicated row's `fv` by replaying the change log in version order
// (migration 3, for rows written before field versions existed).
void replayFieldVersions(Database& db);

}  // namespace jiayi::store
