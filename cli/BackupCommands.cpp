// jiayi-cli backup [now] [--to FOLDER] | folder FOLDER | list | restore FILE (issue 16).
#include <ostream>

#include "cli/Context.h"
#include "core/services/Backups.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

int runBackup(Context& ctx) {
    const auto& p = ctx.args.positionals();
    const std::string action = p.size() > 1 ? p[1] : "now";
    ctx.args.allowOnly({"to"});
    auto& ws = ctx.workstation();
    services::Backups backups(ws.database(), ws.session());
    if (action == "now") {
        const auto file = backups.backupNow(ctx.args.get("to", ""));
        ctx.out << (ctx.json ? "{\"file\":" + jsonString(file.string()) + "}"
                             : format(tr("Backed up to {0}"), {file.string()}))
                << "\n";
        return 0;
    }
    if (action == "folder") {
        backups.setFolder(ctx.args.positional(2, tr("the folder")));
        ctx.out << format(tr("Daily backups go to {0}"), {backups.folder().string()}) << "\n";
        return 0;
    }
    if (action == "list") {
        for (const auto& f : backups.copies(ctx.args.get("to", ""))) ctx.out << f.string() << "\n";
        return 0;
    }
    if (action == "restore") {
        const std::filesystem::path file = ctx.args.positional(2, tr("the backup file"));
        backups.checkRestorable(file);
        ctx.closeWorkstation();  // no connection may stay on the file being replaced
        services::restoreDatabase(ctx.dbPath, file);
        ctx.out << format(tr("Restored from {0}; the replaced database is kept as {1}"),
                          {file.string(), ctx.dbPath + ".before-restore"})
                << "\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown command: backup {0}"), {action}));
}

}  // namespace jiayi::cli
