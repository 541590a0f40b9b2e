// jiayi-cli sync [run] | enrol --hub URL --code CODE [--name NAME] | status
// Replication with the township hub (docs/cli.md, docs/hub.md).
#include <iostream>

#include "cli/Context.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "sync/HubClient.h"
#include "sync/Parked.h"

namespace jiayi::cli {
namespace {

int fail(Context& ctx, const sync::SyncError& e) {
    std::cerr << "jiayi-cli: " << e.what() << "\n";
    if (ctx.json)
        ctx.out << "{\"error\":{\"code\":" << jsonString(e.code) << ",\"reason\":" << jsonString(e.what())
                << "}}\n";
    return 4;
}

int status(Context& ctx) {
    const auto s = sync::syncStatus(ctx.workstation().database());
    if (ctx.json) {
        ctx.out << "{\"enrolled\":" << (s.enrolled ? "true" : "false") << ",\"hub\":" << jsonString(s.hubUrl)
                << ",\"scope\":" << jsonString(s.scope) << ",\"name\":" << jsonString(s.name)
                << ",\"last_sync\":" << jsonString(s.lastSync) << ",\"last_error\":" << jsonString(s.lastError)
                << ",\"waiting\":" << s.waiting << ",\"open_conflicts\":" << s.openConflicts << ",\"parked\":[";
        for (std::size_t i = 0; i < s.parked.size(); ++i) {
            const auto& p = s.parked[i];
            ctx.out << (i ? "," : "") << "{\"site\":" << jsonString(p.entry.site) << ",\"seq\":" << p.entry.seq
                    << ",\"table\":" << jsonString(p.entry.table) << ",\"row\":" << jsonString(p.entry.rowId)
                    << ",\"reason\":" << jsonString(p.reason) << ",\"detail\":" << jsonString(p.detail)
                    << ",\"text\":" << jsonString(sync::parkedText(p)) << "}";
        }
        ctx.out << "]}\n";
        return 0;
    }
    if (!s.enrolled) {
        ctx.out << tr("Not enrolled at a hub. Run: jiayi-cli sync enrol --hub URL --code CODE") << "\n";
    } else {
        ctx.out << format(tr("Hub: {0} (area {1}, as \"{2}\")"), {s.hubUrl, s.scope, s.name}) << "\n";
        ctx.out << format(tr("Last sync: {0}"), {s.lastSync.empty() ? tr("never") : s.lastSync}) << "\n";
    }
    ctx.out << format(tr("Changes waiting to be sent: {0}"), {std::to_string(s.waiting)}) << "\n";
    ctx.out << format(tr("Conflicts to review: {0}"), {std::to_string(s.openConflicts)}) << "\n";
    if (!s.parked.empty()) {
        ctx.out << format(tr("Received changes that cannot apply here yet: {0}"), {std::to_string(s.parked.size())})
                << "\n";
        for (const auto& p : s.parked) ctx.out << "  - " << sync::parkedText(p) << "\n";
    }
    if (!s.lastError.empty()) ctx.out << format(tr("Last error: {0}"), {s.lastError}) << "\n";
    return 0;
}

}  // namespace

int runSync(Context& ctx) {
    const auto& p = ctx.args.positionals();
    const auto action = p.size() > 1 ? p[1] : std::string("run");
    if (action == "status") return status(ctx);
    ctx.args.allowOnly({"db", "user", "json", "lang", "hub", "code", "name"});
    sync::HubClient client(ctx.workstation().database());
    try {
        if (action == "enrol") {
            const auto hub = ctx.args.get("hub");
            const auto code = ctx.args.get("code");
            if (!hub || !code) throw UsageError(tr("sync enrol needs --hub URL and --code CODE"));
            const auto r = client.enrol(*hub, *code, ctx.args.get("name", ""));
            if (ctx.json)
                ctx.out << "{\"hub\":" << jsonString(r.hubId) << ",\"scope\":" << jsonString(r.scope)
                        << ",\"name\":" << jsonString(r.name) << "}\n";
            else
                ctx.out << format(tr("Enrolled at the hub for area {0} as \"{1}\""), {r.scope, r.name}) << "\n";
            return 0;
        }
        if (action != "run") throw UsageError(format(tr("Unknown command: sync {0}"), {action}));
        const bool quiet = ctx.json;
        const auto report = client.sync([&](const sync::SyncProgress& p) {
            if (!quiet) {
                if (p.phase == sync::SyncProgress::Phase::Push)
                    std::cerr << format(tr("sent {0} of {1} changes"), {std::to_string(p.done), std::to_string(p.total)})
                              << "\n";
                else
                    std::cerr << format(tr("received {0} changes"), {std::to_string(p.done)}) << "\n";
            }
            return true;
        });
        if (ctx.json) {
            ctx.out << "{\"pushed\":" << report.pushed << ",\"pulled\":" << report.pulled
                    << ",\"conflicts\":" << report.conflicts << ",\"batches\":" << report.batches
                    << ",\"audit\":" << report.auditPushed << "}\n";
        } else {
            ctx.out << format(tr("Sync done: {0} changes sent, {1} received, {2} new conflicts"),
                              {std::to_string(report.pushed), std::to_string(report.pulled),
                               std::to_string(report.conflicts)})
                    << "\n";
        }
        return 0;
    } catch (const sync::SyncError& e) {
        return fail(ctx, e);
    }
}

}  // namespace jiayi::cli
