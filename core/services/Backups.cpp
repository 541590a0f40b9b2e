#include "core/services/Backups.h"

#include <algorithm>

#include "core/services/Guard.h"
#include "core/store/Backup.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/Site.h"
#include "core/util/Date.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::services {

namespace fs = std::filesystem;

namespace {
// Today as in the copies' names: 20261207.
std::string dayStamp() {
    auto day = formatDate(today());
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    return day;
}
}  // namespace

std::string Backups::prefix() { return "jiayi-" + store::siteId(m_db).substr(0, 8) + "-"; }

fs::path Backups::folder() { return store::siteMeta(m_db, "backup.folder").value_or(""); }

void Backups::setFolder(const fs::path& chosen) {
    Guard(m_db, m_session).require(rules::Right::ManageSite);
    std::error_code ec;
    if (chosen.empty() || !fs::is_directory(chosen, ec))
        throw ValidationError("folder", format(tr("{0} is not a folder"), {chosen.string()}));
    store::Transaction tx(m_db);
    store::setSiteMeta(m_db, "backup.folder", fs::absolute(chosen).string());
    tx.commit();
}

std::vector<fs::path> Backups::copies(const fs::path& given) {
    const auto dir = given.empty() ? folder() : given;
    std::vector<fs::path> out;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return out;
    const auto start = prefix();
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind(start, 0) == 0 && name.size() == start.size() + 11 && name.ends_with(".db")) out.push_back(entry.path());
    }
    std::sort(out.rbegin(), out.rend());  // the date in the name sorts them
    return out;
}

fs::path Backups::backupNow(const fs::path& given) {
    Guard(m_db, m_session).require(rules::Right::ManageSite);
    return copyNow(given);
}

fs::path Backups::copyNow(const fs::path& given) {
    const auto dir = given.empty() ? folder() : given;
    std::error_code ec;
    if (dir.empty()) throw ValidationError("folder", tr("Choose the folder or USB stick for backups first"));
    if (!fs::is_directory(dir, ec))
        throw ValidationError("folder", format(tr("{0} is not a folder (is the USB stick plugged in?)"), {dir.string()}));
    const auto target = dir / (prefix() + dayStamp() + ".db");
    store::backupTo(m_db, target);
    // The last 7 daily copies stay; older ones go.
    const auto all = copies(dir);
    for (std::size_t i = kKeep; i < all.size(); ++i) {
        fs::remove(all[i], ec);
        fs::remove(store::KeyRing::fileFor(all[i]), ec);
    }
    return target;
}

std::optional<fs::path> Backups::backupIfDue() {
    // The site's daily job, whoever is signed in: the folder is the administrator's choice.
    if (folder().empty()) return std::nullopt;
    const auto all = copies();
    if (!all.empty() && all.front().filename().string().find(dayStamp()) != std::string::npos) return std::nullopt;
    return copyNow({});
}

void Backups::checkRestorable(const fs::path& file) {
    Guard(m_db, m_session).require(rules::Right::ManageSite);
    std::optional<store::BackupInfo> info;
    try {
        info = store::inspectBackup(file, m_db.key());
    } catch (const KeyError&) {
        throw ValidationError("file", tr("This backup was encrypted with another key: it is of another site, or "
                                         "from before this site's key was changed. It cannot be restored here"));
    }
    if (!info) throw ValidationError("file", format(tr("{0} is not a Jiayi database"), {file.string()}));
    const auto here = store::siteId(m_db);
    if (info->siteId != here)
        throw ValidationError("file", format(tr("This backup is of another workstation (site {0}), not of this one "
                                                "({1}): it cannot be restored here"),
                                             {info->siteId.substr(0, 8), here.substr(0, 8)}));
    if (!m_db.key().empty() && !store::Database::isEncrypted(file))
        throw ValidationError("file", tr("This backup is not encrypted: an encrypted site restores only its own "
                                         "encrypted copies"));
    if (!info->auditIntact)
        throw ValidationError("file", tr("This backup's audit trail does not hold: it was changed outside Jiayi"));
}

void restoreDatabase(const fs::path& dbPath, const fs::path& file) {
    const fs::path kept = dbPath.string() + ".before-restore";
    const fs::path incoming = dbPath.string() + ".restoring";
    fs::copy_file(file, incoming, fs::copy_options::overwrite_existing);
    fs::permissions(incoming, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    // The replaced database is kept whole, with its WAL, beside the restored one.
    fs::remove(kept);
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::remove(kept.string() + suffix);
        if (fs::exists(dbPath.string() + suffix)) fs::rename(dbPath.string() + suffix, kept.string() + suffix);
    }
    if (fs::exists(dbPath)) fs::rename(dbPath, kept);
    fs::rename(incoming, dbPath);
}

}  // namespace jiayi::services
