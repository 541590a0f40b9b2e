// jiayi-cli child … — health visits of children 0-6 (issue 19, ../shared/domain/groups.md
// "Children 0-6"): record a visit (growth assessed against the WHO standards), a child's
// timeline (visits and doses, growth), the due list of an area.
#include <cstdio>
#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "core/rules/CodeLists.h"
#include "core/services/ChildHealth.h"
#include "core/services/Workstation.h"
#include "core/store/ChildRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

namespace child = rules::child;
namespace growth = rules::growth;

std::string fixed2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

std::string assessmentsJson(const std::vector<growth::Assessment>& list) {
    std::string out = "[";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& a = list[i];
        out += (i ? "," : "") + std::string("{\"indicator\":") + jsonString(growth::code(a.indicator)) +
               ",\"z\":" + fixed2(a.z) + ",\"level\":" + jsonString(a.level) + ",\"label\":" + jsonString(a.label) + "}";
    }
    return out + "]";
}

std::string lineJson(const child::VisitLine& l) {
    return "{\"visit\":" + jsonString(l.rule->code) + ",\"name\":" + jsonString(l.rule->name) +
           ",\"status\":" + jsonString(child::statusCode(l.status)) + ",\"from\":" + jsonString(formatDate(l.from)) +
           ",\"last_on_time\":" + jsonString(formatDate(l.lastOnTime)) +
           ",\"done_on\":" + (l.done ? jsonString(formatDate(l.done->date)) : std::string("null")) +
           ",\"text\":" + jsonString(child::describe(l)) + "}";
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; std::getline(in, w, ',');)
        if (!w.empty()) out.push_back(rules::parseCode("child_guidance", w).value_or(w));
    return out;
}

}  // namespace

int runChild(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::ChildHealth svc(ws.database(), ws.session());
    if (const auto day = dateOption(ctx, "today")) svc.setToday(*day);
    if (action == "visit") {
        ctx.args.allowOnly({"visit", "date", "weight", "length", "head", "discharge", "feeding", "development",
                            "guidance", "note", "today"});
        model::ChildVisit v;
        v.residentId = residentOf(ctx, 2).id;
        v.visitCode = ctx.args.get("visit", "");
        v.visitDate = dateOption(ctx, "date").value_or(today());
        v.discharge = dateOption(ctx, "discharge");
        v.weightKg = realOption(ctx, "weight");
        v.lengthCm = realOption(ctx, "length");
        v.headCm = realOption(ctx, "head");
        const auto feeding = ctx.args.get("feeding", "");
        v.feeding = rules::parseCode("feeding", feeding).value_or(feeding);
        const auto development = ctx.args.get("development", "normal");
        v.development = rules::parseCode("development", development).value_or(development);
        v.guidance = words(ctx.args.get("guidance", ""));
        v.note = ctx.args.get("note", "");
        const auto saved = svc.record(v);
        if (ctx.json) {
            auto json = store::toJson(saved.visit);
            json.pop_back();
            ctx.out << json << ",\"growth\":" << assessmentsJson(saved.growth) << "}\n";
        } else {
            const auto* rule = child::visitTable().find(saved.visit.visitCode);
            ctx.out << format(tr("Recorded: the {0} visit on {1}"),
                              {rule ? rule->name : saved.visit.visitCode, formatDate(*saved.visit.visitDate)})
                    << "\n";
            if (!saved.growth.empty()) ctx.out << "  " << growth::describe(saved.growth) << "\n";
        }
        return 0;
    }
    if (action == "timeline") {
        ctx.args.allowOnly({"today"});
        const auto t = svc.timeline(residentOf(ctx, 2).id);
        if (ctx.json) {
            ctx.out << "{\"resident_id\":" << jsonString(t.residentId) << ",\"name\":" << jsonString(t.name)
                    << ",\"birth_date\":" << jsonString(formatDate(t.birth)) << ",\"visits\":[";
            for (std::size_t i = 0; i < t.visits.size(); ++i) ctx.out << (i ? "," : "") << lineJson(t.visits[i]);
            ctx.out << "],\"growth\":[";
            for (std::size_t i = 0; i < t.growth.size(); ++i) {
                const auto& g = t.growth[i];
                auto opt = [](const std::optional<double>& v) { return v ? fixed2(*v) : std::string("null"); };
                ctx.out << (i ? "," : "") << "{\"visit\":" << jsonString(g.visitCode)
                        << ",\"date\":" << jsonString(formatDate(g.date)) << ",\"age_months\":" << fixed2(g.ageMonths)
                        << ",\"weight\":" << opt(g.weightKg) << ",\"length\":" << opt(g.lengthCm)
                        << ",\"head\":" << opt(g.headCm) << ",\"assessments\":" << assessmentsJson(g.assessments) << "}";
            }
            ctx.out << "],\"doses_due\":" << rules::immunization::catchUp(t.immunization.lines).size()
                    << ",\"mother\":";
            if (t.mother)
                ctx.out << "{\"resident_id\":" << jsonString(t.mother->residentId) << ",\"name\":" << jsonString(t.mother->name)
                        << ",\"archive_no\":" << jsonString(t.mother->archiveNo)
                        << ",\"pregnancy_id\":" << jsonString(t.mother->pregnancyId) << "}";
            else
                ctx.out << "null";
            ctx.out << "}\n";
            return 0;
        }
        ctx.out << t.name << "  " << t.archiveNo << "  " << formatDate(t.birth) << "\n";
        if (t.mother) ctx.out << "  " << format(tr("Mother: {0} ({1})"), {t.mother->name, t.mother->archiveNo}) << "\n";
        for (const auto& l : t.visits) ctx.out << "  " << child::describe(l) << "\n";
        for (const auto& g : t.growth)
            ctx.out << "  " << formatDate(g.date) << "  " << growth::describe(g.assessments) << "\n";
        for (const auto* l : rules::immunization::catchUp(t.immunization.lines))
            ctx.out << "  " << rules::immunization::describe(*l) << "\n";
        return 0;
    }
    if (action == "due") {
        ctx.args.allowOnly({"scope", "date", "today"});
        const auto day = dateOption(ctx, "date").value_or(dateOption(ctx, "today").value_or(today()));
        const auto due = svc.due(ctx.args.get("scope", ""), day);
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < due.size(); ++i)
                ctx.out << (i ? "," : "") << "{\"resident_id\":" << jsonString(due[i].residentId)
                        << ",\"name\":" << jsonString(due[i].name) << ",\"archive_no\":" << jsonString(due[i].archiveNo)
                        << ",\"village_code\":" << jsonString(due[i].villageCode) << ",\"visit\":" << lineJson(due[i].visit)
                        << "}";
            ctx.out << "]\n";
            return 0;
        }
        if (due.empty()) ctx.out << tr("No visit due") << "\n";
        for (const auto& c : due) ctx.out << c.archiveNo << "  " << c.name << "  " << child::describe(c.visit) << "\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown child action: {0}"), {action}));
}

}  // namespace jiayi::cli
