#pragma once
// Online copies of a site database (SQLite's backup API: consistent while the workstation
// keeps working) and what a copy says about itself.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace jiayi::store {

class Database;

// Copies the whole database to `target` (replaced when it exists) and makes it the owner's
// alone. An encrypted database's copy is encrypted under the same key, with a copy of the
// key ring beside it (<target>.keys). Throws StorageError on failure, leaving no partial file.
void backupTo(Database& db, const std::filesystem::path& target);

struct BackupInfo {
    std::string siteId;
    int schema = 0;
    bool auditIntact = false;
};
// Opens a copy read-only (an encrypted one with `key`) and reads its site id, schema and
// whether its audit chain holds; nullopt when the file is not a Jiayi database (or is
// encrypted and no key was given), KeyError when `key` does not open it.
std::optional<BackupInfo> inspectBackup(const std::filesystem::path& file, std::string_view key = {});

}  // namespace jiayi::store
