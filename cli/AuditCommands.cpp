// jiayi-cli audit verify | history WHO — the audit trail (issue 16, docs/security.md).
#include <ostream>

#include "cli/Context.h"
#include "core/services/Audit.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

int runAudit(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    ctx.args.allowOnly({});
    auto& ws = ctx.workstation();
    services::Audit audit(ws.database(), ws.session());
    if (action == "verify") {
        const auto check = audit.verify();
        if (ctx.json) {
            ctx.out << "{\"entries\":" << check.entries << ",\"intact\":" << (check.broken ? "false" : "true");
            if (check.broken)
                ctx.out << ",\"broken_at\":" << check.broken->seq << ",\"reason\":" << jsonString(check.broken->reason);
            ctx.out << "}\n";
        } else if (check.broken) {
            ctx.out << format(tr("The audit trail is broken at entry {0} ({1}): entries were changed, removed or "
                                 "reordered outside Jiayi"),
                              {std::to_string(check.broken->seq), check.broken->reason})
                    << "\n";
        } else {
            ctx.out << format(tr("The audit trail is intact: {0} entries"), {std::to_string(check.entries)}) << "\n";
        }
        return check.broken ? 1 : 0;
    }
    if (action == "history") {
        const auto resident = residentOf(ctx, 2);
        const auto entries = audit.history(resident.id);
        if (ctx.json) ctx.out << "[";
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& e = entries[i];
            if (ctx.json)
                ctx.out << (i ? "," : "") << "{\"seq\":" << e.seq << ",\"at\":" << jsonString(e.at)
                        << ",\"user\":" << jsonString(e.user) << ",\"role\":" << jsonString(e.role)
                        << ",\"action\":" << jsonString(e.action) << ",\"table\":" << jsonString(e.table)
                        << ",\"row\":" << jsonString(e.rowId) << ",\"detail\":" << e.detail
                        << ",\"after\":" << (e.changeFields.empty() ? "{}" : e.changeFields) << "}";
            else
                ctx.out << e.at << "  " << e.user << (e.role.empty() ? "" : " (" + e.role + ")") << "  " << e.action
                        << "  " << e.table << "  " << e.detail << (e.changeFields.empty() ? "" : " → " + e.changeFields)
                        << "\n";
        }
        if (ctx.json) ctx.out << "]\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown command: audit {0}"), {action}));
}

}  // namespace jiayi::cli
