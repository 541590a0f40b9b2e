#include "core/store/Backup.h"

#include <sqlite3.h>

#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/Site.h"
#include "core/util/Error.h"

namespace jiayi::store {

void backupTo(Database& db, const std::filesystem::path& target) {
    const std::filesystem::path partial = target.string() + ".partial";
    std::filesystem::remove(partial);
    {
        // A new database file (owner-only, like every database file) receives the pages.
        // An encrypted site's copy is encrypted under the same key, page for page.
        auto copy = Database::openRaw(partial, db.key());
        sqlite3_backup* b = sqlite3_backup_init(copy->handle(), "main", db.handle(), "main");
        if (!b) throw StorageError(std::string("backup failed: ") + sqlite3_errmsg(copy->handle()));
        int rc;
        do {
            rc = sqlite3_backup_step(b, 1024);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) {
            copy.reset();
            std::filesystem::remove(partial);
            throw StorageError(std::string("backup failed: ") + sqlite3_errstr(rc));
        }
        copy->exec("PRAGMA journal_mode=DELETE");  // one self-contained file
    }
    // The key ring goes along (every seal in it needs a password or the recovery code):
    // the copy can be opened on another PC after a theft or a broken disk.
    if (!db.key().empty()) KeyRing(db.path()).copyFor(target);
    std::filesystem::rename(partial, target);
}

std::optional<BackupInfo> inspectBackup(const std::filesystem::path& file, std::string_view key) {
    if (!std::filesystem::is_regular_file(file)) return std::nullopt;
    const bool encrypted = Database::isEncrypted(file);
    if (encrypted && key.empty()) return std::nullopt;
    try {
        auto db = Database::openReadOnly(file, encrypted ? key : std::string_view());
        BackupInfo info;
        const auto site = siteMeta(*db, "site_id");
        if (!site) return std::nullopt;
        info.siteId = *site;
        info.schema = db->userVersion();
        info.auditIntact = info.schema < 13 || !AuditLog(*db).verify().has_value();
        return info;
    } catch (const KeyError&) {
        throw;  // an encrypted copy the key does not open: said as such, not "not a database"
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace jiayi::store
