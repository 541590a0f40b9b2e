#pragma once
// Online copies of a site database (SQLite's backup API: consistent while the workstation
// keeps working) and what a copy says about itself.
#include <filesystem>
#include <optional>
#include <string>

namespace jiayi::store {

class Database;

// Copies the whole database to `target` (replaced when it exists) and makes it the owner's
// alone. Throws StorageError on failure, leaving no partial file.
void backupTo(Database& db, const std::filesystem::path& target);

struct BackupInfo {
    std::string siteId;
    int schema = 0;
    bool auditIntact = false;
};
// Opens a copy read-only and reads its site id, schema and whether its audit chain holds;
// nullopt when the file is not a Jiayi database.
std::optional<BackupInfo> inspectBackup(const std::filesystem::path& file);

}  // namespace jiayi::store
