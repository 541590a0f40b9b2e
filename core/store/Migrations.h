#pragma once
// Numbered schema migrations, applied in order and recorded in PRAGMA user_version.
#include <functional>
#include <vector>

namespace jiayi::store {

class Database;

struct Migration {
    int version;
    const char* description;
    std::function<void(Database&)> apply;
};

const std::vector<Migration>& migrations();
int latestSchemaVersion();
// Brings the database to `target` (default: latest), each step in its own transaction.
// Throws StorageError when the file's version is newer than this software knows.
void migrate(Database& db, int target = -1);

}  // namespace jiayi::store
