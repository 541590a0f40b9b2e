#pragma once
// Backups of the site database (issue 16): on demand and once a day, to a folder or USB
// stick the administrator chose, the last 7 daily copies kept; a restore takes only a copy
// of this site whose audit trail holds.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

class Backups {
public:
    static constexpr std::size_t kKeep = 7;

    Backups(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

    // The folder backups go to (site setting backup.folder); empty when not chosen.
    std::filesystem::path folder();
    void setFolder(const std::filesystem::path& folder);
    // Today's copy into `folder` (the chosen one when empty): jiayi-<site>-YYYYMMDD.db,
    // replacing an earlier copy of today; older copies beyond the last 7 days are removed.
    std::filesystem::path backupNow(const std::filesystem::path& folder = {});
    // When a folder is chosen and today has no copy yet: makes it (the workstation's daily
    // job at start, whoever signs in).
    std::optional<std::filesystem::path> backupIfDue();
    // This site's copies in the folder, newest first.
    std::vector<std::filesystem::path> copies(const std::filesystem::path& folder = {});

    // Checks `file` as a copy to restore here: ValidationError in words when it is not a
    // Jiayi database, is of another site, or its audit trail does not hold.
    void checkRestorable(const std::filesystem::path& file);

private:
    std::string prefix();
    std::filesystem::path copyNow(const std::filesystem::path& folder);
    store::Database& m_db;
    Session m_session;
};

// Replaces the database at `dbPath` with the copy `file` (checked by checkRestorable; no
// connection may be open on `dbPath`). The replaced database is kept as <dbPath>.before-restore.
void restoreDatabase(const std::filesystem::path& dbPath, const std::filesystem::path& file);

}  // namespace jiayi::services
