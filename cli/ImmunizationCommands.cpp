// jiayi-cli vaccine … — immunization of children (issue 19, ../shared/domain/groups.md):
// record a dose, a child's card (printable), the due list of an area, void a record, the
// schedule and the site's edition of it.
#include <ostream>

#include "cli/Context.h"
#include "cli/PdfWriter.h"
#include "core/rules/CodeLists.h"
#include "core/services/Immunization.h"
#include "core/services/Workstation.h"
#include "core/store/ChildRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

namespace im = rules::immunization;

std::string lineJson(const im::DoseLine& l) {
    std::string out = "{\"vaccine\":" + jsonString(l.vaccine->code) + ",\"name\":" + jsonString(l.vaccine->name) +
                      ",\"dose\":" + std::to_string(l.dose) + ",\"status\":" + jsonString(im::statusCode(l.status)) +
                      ",\"scheduled\":" + jsonString(formatDate(l.scheduled)) +
                      ",\"earliest\":" + jsonString(formatDate(l.earliest)) +
                      ",\"overdue_from\":" + jsonString(formatDate(l.overdueFrom)) +
                      ",\"given_on\":" + (l.given ? jsonString(formatDate(l.given->date)) : std::string("null")) +
                      ",\"record_id\":" + (l.given ? jsonString(l.given->id) : std::string("null")) + ",\"duplicates\":[";
    for (std::size_t i = 0; i < l.duplicates.size(); ++i) out += (i ? "," : "") + jsonString(l.duplicates[i].id);
    return out + "],\"text\":" + jsonString(im::describe(l)) + "}";
}

void printCard(Context& ctx, const services::ImmunizationCard& c) {
    if (ctx.json) {
        ctx.out << "{\"resident_id\":" << jsonString(c.residentId) << ",\"name\":" << jsonString(c.name)
                << ",\"birth_date\":" << jsonString(formatDate(c.birth)) << ",\"edition\":" << jsonString(c.edition)
                << ",\"duplicates\":" << c.duplicates << ",\"doses\":[";
        for (std::size_t i = 0; i < c.lines.size(); ++i) ctx.out << (i ? "," : "") << lineJson(c.lines[i]);
        ctx.out << "],\"records\":[";
        for (std::size_t i = 0; i < c.records.size(); ++i) ctx.out << (i ? "," : "") << store::toJson(c.records[i]);
        ctx.out << "]}\n";
        return;
    }
    ctx.out << c.name << "  " << c.archiveNo << "  " << formatDate(c.birth) << "  "
            << format(tr("schedule {0}"), {c.edition}) << "\n";
    for (const auto& l : c.lines)
        if (l.status != im::DoseStatus::Skipped) ctx.out << "  " << im::describe(l) << "\n";
    if (c.duplicates)
        ctx.out << format(tr("{0} dose(s) recorded twice: void the wrong record (vaccine void ID --reason …)"),
                          {std::to_string(c.duplicates)})
                << "\n";
}

}  // namespace

int runVaccine(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::Immunization svc(ws.database(), ws.session());
    if (const auto day = dateOption(ctx, "today")) svc.setToday(*day);
    if (action == "record") {
        ctx.args.allowOnly({"vaccine", "dose", "date", "batch", "site", "by", "today"});
        model::Vaccination v;
        v.residentId = residentOf(ctx, 2).id;
        v.vaccine = ctx.args.get("vaccine", "");
        v.dose = intOption(ctx, "dose").value_or(0);
        v.givenOn = dateOption(ctx, "date").value_or(today());
        v.batch = ctx.args.get("batch", "");
        const auto site = ctx.args.get("site", "");
        v.site = rules::parseCode("injection_site", site).value_or(site);
        v.givenBy = ctx.args.get("by", "");
        const auto saved = svc.record(v);
        if (ctx.json) ctx.out << store::toJson(saved) << "\n";
        else
            ctx.out << format(tr("Recorded: {0} dose {1} on {2} ({3})"),
                              {saved.vaccine, std::to_string(saved.dose), formatDate(*saved.givenOn), saved.id})
                    << "\n";
        return 0;
    }
    if (action == "card") {
        ctx.args.allowOnly({"pdf", "today"});
        const auto who = residentOf(ctx, 2).id;
        if (const auto file = ctx.args.get("pdf")) {
            writePdf(svc.cardDocument(who), *file);
            if (ctx.json) ctx.out << "{\"pdf\":" << jsonString(*file) << "}\n";
            else ctx.out << format(tr("The card is in {0}"), {*file}) << "\n";
            return 0;
        }
        printCard(ctx, svc.card(who));
        return 0;
    }
    if (action == "due") {
        ctx.args.allowOnly({"scope", "date", "today"});
        const auto day = dateOption(ctx, "date").value_or(dateOption(ctx, "today").value_or(today()));
        const auto due = svc.due(ctx.args.get("scope", ""), day);
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < due.size(); ++i) {
                const auto& c = due[i];
                ctx.out << (i ? "," : "") << "{\"resident_id\":" << jsonString(c.residentId)
                        << ",\"name\":" << jsonString(c.name) << ",\"archive_no\":" << jsonString(c.archiveNo)
                        << ",\"village_code\":" << jsonString(c.villageCode)
                        << ",\"birth_date\":" << jsonString(formatDate(c.birth)) << ",\"duplicates\":" << c.duplicates
                        << ",\"doses\":[";
                for (std::size_t k = 0; k < c.doses.size(); ++k) ctx.out << (k ? "," : "") << lineJson(c.doses[k]);
                ctx.out << "]}";
            }
            ctx.out << "]\n";
            return 0;
        }
        if (due.empty()) ctx.out << tr("No dose due") << "\n";
        for (const auto& c : due) {
            ctx.out << c.archiveNo << "  " << c.name << "  " << formatDate(c.birth) << "\n";
            for (const auto& l : c.doses) ctx.out << "  " << im::describe(l) << "\n";
            if (c.duplicates)
                ctx.out << "  " << format(tr("{0} dose(s) recorded twice, to review"), {std::to_string(c.duplicates)})
                        << "\n";
        }
        return 0;
    }
    if (action == "void") {
        ctx.args.allowOnly({"reason", "today"});
        const auto saved = svc.voidRecord(ctx.args.positional(2, tr("the vaccination record")), ctx.args.get("reason", ""));
        if (ctx.json) ctx.out << store::toJson(saved) << "\n";
        else ctx.out << format(tr("Voided: {0}"), {saved.id}) << "\n";
        return 0;
    }
    if (action == "edition") {
        ctx.args.allowOnly({});
        if (ctx.args.positionals().size() > 2) svc.setEdition(ctx.args.positional(2, tr("the edition")));
        if (ctx.json) ctx.out << "{\"edition\":" << jsonString(svc.edition()) << "}\n";
        else ctx.out << svc.edition() << "  " << svc.schedule().name << "\n";
        return 0;
    }
    if (action == "schedule") {
        ctx.args.allowOnly({"edition"});
        const auto& s = im::schedule(ctx.args.get("edition", svc.edition()));
        if (ctx.json) {
            ctx.out << "{\"edition\":" << jsonString(s.edition) << ",\"name\":" << jsonString(s.name) << ",\"vaccines\":[";
            for (std::size_t i = 0; i < s.vaccines.size(); ++i) {
                const auto& v = s.vaccines[i];
                ctx.out << (i ? "," : "") << "{\"code\":" << jsonString(v.code) << ",\"name\":" << jsonString(v.name)
                        << ",\"ages_months\":[";
                for (std::size_t k = 0; k < v.doses.size(); ++k) ctx.out << (k ? "," : "") << v.doses[k].ageMonths;
                ctx.out << "]}";
            }
            ctx.out << "]}\n";
            return 0;
        }
        ctx.out << s.name << "\n";
        for (const auto& v : s.vaccines) {
            ctx.out << "  " << v.code << "  " << v.name << "  ";
            for (std::size_t k = 0; k < v.doses.size(); ++k)
                ctx.out << (k ? ", " : "") << format(tr("{0} months"), {std::to_string(v.doses[k].ageMonths)});
            ctx.out << "\n";
        }
        return 0;
    }
    throw UsageError(format(tr("Unknown vaccine action: {0}"), {action}));
}

}  // namespace jiayi::cli
