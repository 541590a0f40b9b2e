// jiayi-cli conflicts [list] | keep ID | restore ID — review the values that lost a
// concurrent edit during sync.
#include <ostream>

#include "cli/Context.h"
#include "core/model/ResidentFields.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "sync/ConflictReview.h"

namespace jiayi::cli {
namespace {

std::int64_t conflictId(Context& ctx) {
    const auto text = ctx.args.positional(2, tr("the conflict number"));
    try {
        return std::stoll(text);
    } catch (const std::exception&) {
        throw UsageError(format(tr("\"{0}\" is not a conflict number"), {text}));
    }
}

}  // namespace

int runConflicts(Context& ctx) {
    sync::ConflictReview review(ctx.workstation().database(), ctx.user);
    const auto action = ctx.args.positionals().size() > 1 ? ctx.args.positionals()[1] : "list";
    if (action == "keep" || action == "restore") {
        const auto id = conflictId(ctx);
        if (action == "keep") review.keepCurrent(id);
        else review.restoreLost(id);
        if (ctx.json) ctx.out << "{\"resolved\":" << id << "}\n";
        else ctx.out << format(tr("Conflict {0} resolved"), {std::to_string(id)}) << "\n";
        return 0;
    }
    if (action != "list") throw UsageError(format(tr("Unknown command: conflicts {0}"), {action}));
    const auto open = review.open();
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < open.size(); ++i) {
            const auto& v = open[i];
            ctx.out << (i ? "," : "") << "{\"id\":" << v.conflict.id
                    << ",\"table\":" << jsonString(v.conflict.table)
                    << ",\"row_id\":" << jsonString(v.conflict.rowId)
                    << ",\"row\":" << jsonString(v.rowLabel)
                    << ",\"field\":" << jsonString(v.conflict.field)
                    << ",\"current\":" << jsonString(v.keptText)
                    << ",\"current_version\":" << jsonString(v.conflict.keptVersion)
                    << ",\"lost\":" << jsonString(v.lostText)
                    << ",\"lost_version\":" << jsonString(v.conflict.lostVersion)
                    << ",\"lost_user\":" << jsonString(v.conflict.lostUser)
                    << ",\"detected_on\":" << jsonString(v.conflict.detectedOn) << "}";
        }
        ctx.out << "]\n";
        return 0;
    }
    for (const auto& v : open) {
        ctx.out << "#" << v.conflict.id << "  " << v.rowLabel << "  "
                << model::fieldLabel(v.conflict.field) << ": "
                << format(tr("now \"{0}\"; lost \"{1}\" written by {2} (found {3})"),
                          {v.keptText, v.lostText, v.conflict.lostUser, v.conflict.detectedOn})
                << "\n";
    }
    if (open.empty()) ctx.out << tr("No open conflicts") << "\n";
    return 0;
}

}  // namespace jiayi::cli
