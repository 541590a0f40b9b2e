// jiayi-cli import FILE.csv: residents from a village spreadsheet, with a per-row report.
#include <ostream>

#include "cli/Context.h"
#include "core/services/CsvImport.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

int runImport(Context& ctx) {
    auto& ws = ctx.workstation();
    services::ImportOptions options;
    options.encoding = ctx.args.get("encoding", "auto");
    options.dryRun = ctx.args.has("dry-run");
    options.acceptLikelyDuplicates = ctx.args.has("accept-likely-duplicates");
    if (const auto village = ctx.args.get("village")) {
        const auto v = ws.findVillage(*village);
        if (!v)
            throw ValidationError("village_code",
                                  format(tr("No single village matches \"{0}\"; give its 12-digit "
                                            "code (jiayi-cli villages)"),
                                         {*village}));
        options.defaultVillageCode = v->code;
    }
    const auto report =
        services::CsvImport(ws).importFile(ctx.args.positional(1, tr("the CSV file")), options);
    if (ctx.json) {
        ctx.out << "{\"encoding\":" << jsonString(report.encoding) << ",\"rows\":" << report.rows
                << ",\"imported\":" << report.imported << ",\"households\":" << report.households
                << ",\"dry_run\":" << (options.dryRun ? "true" : "false") << ",\"rejected\":[";
        for (std::size_t i = 0; i < report.rejected.size(); ++i) {
            const auto& e = report.rejected[i];
            ctx.out << (i ? "," : "") << "{\"line\":" << e.line << ",\"column\":"
                    << jsonString(e.column) << ",\"reason\":" << jsonString(e.reason) << "}";
        }
        ctx.out << "],\"warnings\":[";
        for (std::size_t i = 0; i < report.warnings.size(); ++i)
            ctx.out << (i ? "," : "") << jsonString(report.warnings[i]);
        ctx.out << "]}\n";
    } else {
        for (const auto& w : report.warnings) ctx.out << tr("Warning") << ": " << w << "\n";
        for (const auto& e : report.rejected) {
            ctx.out << format(tr("Line {0}"), {std::to_string(e.line)}) << ": "
                    << (e.column.empty() ? "" : e.column + ": ") << e.reason << "\n";
        }
        const auto n = [](std::size_t v) { return std::to_string(v); };
        if (options.dryRun) {
            ctx.out << format(tr("Checked {0} rows ({1}): {2} would be imported, {3} rejected. "
                                 "Nothing was written (dry run)."),
                              {n(report.rows), report.encoding, n(report.imported),
                               n(report.rejectedRows())});
        } else {
            ctx.out << format(tr("Read {0} rows ({1}): {2} imported in {3} new households, {4} "
                                 "rejected."),
                              {n(report.rows), report.encoding, n(report.imported),
                               n(report.households), n(report.rejectedRows())});
        }
        ctx.out << "\n";
    }
    // Some rows rejected: a script notices, the valid rows are in.
    return report.rejectedRows() > 0 ? 1 : 0;
}

}  // namespace jiayi::cli
