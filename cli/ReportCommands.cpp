// jiayi-cli report … — supervision indicators (issue 18, ../shared/domain/quality.md): the
// figures of an area and period (by division, by month, for one doctor), the people behind
// a figure, the records behind a person, the settings, the permanent population; as text,
// --json, XLSX and PDF.
#include <ostream>

#include "cli/Context.h"
#include "cli/PdfWriter.h"
#include "core/services/Supervision.h"
#include "core/services/SupervisionReports.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

namespace ind = rules::indicators;
using services::IndicatorReport;

ind::Period periodOf(Context& ctx) {
    const auto text = ctx.args.get("period", std::to_string(static_cast<int>(today().year())));
    return ind::parsePeriod(text);
}

ind::Indicator indicatorOf(const std::string& code) {
    if (const auto i = ind::indicatorFromCode(code)) return *i;
    std::string known;
    for (const auto i : ind::allIndicators())
        known += (known.empty() ? "" : ", ") + std::string(ind::code(i));
    throw ValidationError("indicator",
                          format(tr("Unknown indicator \"{0}\"; one of: {1}"), {code, known}));
}

void jsonFigures(Context& ctx, const IndicatorReport& r) {
    ctx.out << "{\"scope\":" << jsonString(r.scope) << ",\"scope_name\":" << jsonString(r.scopeName)
            << ",\"period\":" << jsonString(r.period.label)
            << ",\"from\":" << jsonString(formatDate(r.period.from))
            << ",\"to\":" << jsonString(formatDate(r.period.to))
            << ",\"doctor\":" << jsonString(r.doctor) << ",\"figures\":[";
    for (std::size_t i = 0; i < r.figures.size(); ++i) {
        const auto& f = r.figures[i];
        ctx.out << (i ? "," : "") << "{\"code\":" << jsonString(f.code)
                << ",\"name\":" << jsonString(f.name) << ",\"numerator\":" << f.numerator
                << ",\"denominator\":";
        if (f.denominator)
            ctx.out << *f.denominator;
        else
            ctx.out << "null";
        ctx.out << ",\"rate\":";
        if (const auto rate = f.rate())
            ctx.out << *rate;
        else
            ctx.out << "null";
        ctx.out << ",\"note\":" << jsonString(f.note) << "}";
    }
    ctx.out << "]}";
}

void jsonDefinitions(Context& ctx, const IndicatorReport& r) {
    ctx.out << "\"definitions\":[";
    for (std::size_t i = 0; i < r.definitions.size(); ++i) {
        const auto& d = r.definitions[i];
        ctx.out << (i ? "," : "") << "{\"code\":" << jsonString(ind::code(d.indicator))
                << ",\"numerator\":" << jsonString(d.numerator)
                << ",\"denominator\":" << jsonString(d.denominator)
                << ",\"source\":" << jsonString(d.source) << "}";
    }
    ctx.out << "],\"settings\":{";
    for (std::size_t i = 0; i < r.settings.size(); ++i)
        ctx.out << (i ? "," : "") << jsonString(r.settings[i].first) << ":" << r.settings[i].second;
    ctx.out << "}";
}

void printReport(Context& ctx, const IndicatorReport& r) {
    ctx.out << r.scopeName << " (" << (r.scope.empty() ? "*" : r.scope) << ")  " << r.period.label
            << "  " << formatDate(r.period.from) << " – " << formatDate(r.period.to);
    if (!r.doctor.empty()) ctx.out << "  " << tr("Doctor") << ": " << r.doctor;
    ctx.out << "\n";
    for (const auto& f : r.figures) {
        ctx.out << "  " << f.name << "  " << services::rateText(f) << "  ("
                << services::countText(f) << ")";
        if (!f.note.empty()) ctx.out << "  " << f.note;
        ctx.out << "\n";
    }
}

void printDefinitions(Context& ctx, const IndicatorReport& r) {
    ctx.out << "\n" << tr("Definitions") << ":\n";
    for (const auto& d : r.definitions)
        ctx.out << "  " << d.name << ": " << d.numerator << " / " << d.denominator << "  ["
                << d.source << "]\n";
    ctx.out << "  " << tr("Settings in force") << ":";
    for (const auto& [name, value] : r.settings) ctx.out << " " << name << "=" << value;
    ctx.out << "\n";
}

void printMembers(Context& ctx, const std::vector<services::Member>& members) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < members.size(); ++i) {
            const auto& m = members[i];
            ctx.out << (i ? "," : "") << "{\"resident_id\":" << jsonString(m.residentId)
                    << ",\"name\":" << jsonString(m.name)
                    << ",\"archive_no\":" << jsonString(m.archiveNo)
                    << ",\"village_code\":" << jsonString(m.villageCode)
                    << ",\"doctor\":" << jsonString(m.doctor)
                    << ",\"counted\":" << (m.counted ? "true" : "false")
                    << ",\"reason\":" << jsonString(m.reason)
                    << ",\"record_id\":" << jsonString(m.recordId) << "}";
        }
        ctx.out << "]\n";
        return;
    }
    std::size_t counted = 0;
    for (const auto& m : members) counted += m.counted;
    ctx.out << format(tr("{0} counted of {1}"),
                      {std::to_string(counted), std::to_string(members.size())})
            << "\n";
    for (const auto& m : members)
        ctx.out << (m.counted ? "  + " : "  - ") << m.archiveNo << "  " << m.name << "  "
                << m.reason << (m.recordId.empty() ? "" : "  [" + m.recordId + "]") << "\n";
}

}  // namespace

int runReport(Context& ctx) {
    const auto& p = ctx.args.positionals();
    const std::string action = p.size() > 1 ? p[1] : "indicators";
    auto& ws = ctx.workstation();
    services::Supervision supervision(ws.database(), ws.session());
    const auto scope = ctx.args.get("scope", "");
    if (action == "indicators") {
        ctx.args.allowOnly({"scope", "period", "doctor", "by-division", "monthly", "xlsx", "pdf"});
        const auto period = periodOf(ctx);
        const auto doctor = ctx.args.get("doctor", "");
        IndicatorReport total;
        std::vector<IndicatorReport> divisions, months;
        // The divisions and the area's total from one reading when both are asked for.
        if ((ctx.args.has("by-division") || ctx.args.has("xlsx") || ctx.args.has("pdf")) && doctor.empty())
            divisions = supervision.byDivision(scope, period, &total);
        else
            total = supervision.report(scope, period, doctor);
        if (ctx.args.has("monthly") || ctx.args.has("xlsx"))
            months = supervision.monthly(scope, period, doctor);
        if (const auto file = ctx.args.get("xlsx"))
            print::writeXlsx(services::indicatorWorkbook(total, divisions, months), *file);
        if (const auto file = ctx.args.get("pdf"))
            writePdf(services::indicatorDocument(total, divisions), *file);
        if (ctx.json) {
            ctx.out << "{\"report\":";
            jsonFigures(ctx, total);
            ctx.out << ",\"by_division\":[";
            for (std::size_t i = 0; i < divisions.size(); ++i) {
                if (i) ctx.out << ",";
                jsonFigures(ctx, divisions[i]);
            }
            ctx.out << "],\"monthly\":[";
            for (std::size_t i = 0; i < months.size(); ++i) {
                if (i) ctx.out << ",";
                jsonFigures(ctx, months[i]);
            }
            ctx.out << "],";
            jsonDefinitions(ctx, total);
            ctx.out << "}\n";
            return 0;
        }
        printReport(ctx, total);
        for (const auto& d : divisions) {
            ctx.out << "\n";
            printReport(ctx, d);
        }
        for (const auto& m : months) {
            ctx.out << "\n";
            printReport(ctx, m);
        }
        printDefinitions(ctx, total);
        return 0;
    }
    if (action == "members") {
        ctx.args.allowOnly({"scope", "period", "doctor", "xlsx"});
        const auto indicator = indicatorOf(ctx.args.positional(2, tr("the indicator")));
        const auto period = periodOf(ctx);
        const auto doctor = ctx.args.get("doctor", "");
        const auto members = supervision.members(indicator, scope, period, doctor);
        if (const auto file = ctx.args.get("xlsx"))
            print::writeXlsx(
                services::indicatorWorkbook(supervision.report(scope, period, doctor), {}, {},
                                            ind::indicatorName(indicator), members),
                *file);
        printMembers(ctx, members);
        return 0;
    }
    if (action == "explain") {
        ctx.args.allowOnly({"period"});
        const auto resident = residentOf(ctx, 2);
        const auto lines = supervision.explain(resident.id, periodOf(ctx));
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < lines.size(); ++i)
                ctx.out << (i ? "," : "")
                        << "{\"indicator\":" << jsonString(ind::code(lines[i].indicator))
                        << ",\"name\":" << jsonString(lines[i].name)
                        << ",\"counted\":" << (lines[i].counted ? "true" : "false")
                        << ",\"reason\":" << jsonString(lines[i].reason)
                        << ",\"record_id\":" << jsonString(lines[i].recordId) << "}";
            ctx.out << "]\n";
            return 0;
        }
        ctx.out << resident.name << "  " << resident.archiveNo << "\n";
        for (const auto& l : lines)
            ctx.out << (l.counted ? "  + " : "  - ") << l.name << ": " << l.reason
                    << (l.recordId.empty() ? "" : "  [" + l.recordId + "]") << "\n";
        return 0;
    }
    if (action == "settings") {
        ctx.args.allowOnly({});
        if (p.size() > 2) supervision.setSetting(p[2], ctx.args.positional(3, tr("the value")));
        const auto settings = rules::indicators::settings(supervision.config());
        if (ctx.json) {
            ctx.out << "{";
            for (std::size_t i = 0; i < settings.size(); ++i)
                ctx.out << (i ? "," : "") << jsonString(settings[i].first) << ":"
                        << settings[i].second;
            ctx.out << "}\n";
            return 0;
        }
        for (const auto& [name, value] : settings) ctx.out << name << " = " << value << "\n";
        return 0;
    }
    if (action == "population") {
        ctx.args.allowOnly({"scope", "year", "count"});
        const auto yearText =
            ctx.args.get("year", std::to_string(static_cast<int>(today().year())));
        int year = 0;
        try {
            year = std::stoi(yearText);
        } catch (const std::exception&) {
            throw ValidationError("year", tr("Enter a year between 2000 and 2200"));
        }
        if (p.size() > 2) {
            const auto countText = ctx.args.get("count", "");
            long long count = -1;
            try {
                std::size_t used = 0;
                count = std::stoll(countText, &used);
                if (used != countText.size()) count = -1;
            } catch (const std::exception&) {
            }
            supervision.setPopulation(p[2], year, count);
        }
        const auto all = supervision.populations(p.size() > 2 ? p[2] : scope, year);
        if (ctx.json) {
            ctx.out << "{";
            std::size_t i = 0;
            for (const auto& [village, n] : all)
                ctx.out << (i++ ? "," : "") << jsonString(village) << ":" << n;
            ctx.out << "}\n";
            return 0;
        }
        for (const auto& [village, n] : all)
            ctx.out << village << "  " << ws.placeName(village) << "  " << n << "\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown report action: {0}"), {action}));
}

}  // namespace jiayi::cli
