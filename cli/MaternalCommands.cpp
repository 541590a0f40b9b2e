// jiayi-cli pregnancy … — maternal care (issue 19, ../shared/domain/groups.md "Maternal
// care"): register a pregnancy, its antenatal and postpartum visits (urgent findings and the
// referral slip), the delivery with the newborns registered, an ended pregnancy, the plan and
// the due list.
#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "core/rules/CodeLists.h"
#include "core/services/Maternal.h"
#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "core/store/MaternalRepository.h"
#include "core/store/ReferralRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

namespace mat = rules::maternal;

std::vector<std::string> codes(const std::string& list, const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; std::getline(in, w, ',');)
        if (!w.empty()) out.push_back(rules::parseCode(list, w).value_or(w));
    return out;
}

std::string lineJson(const mat::VisitLine& l) {
    auto date = [](const std::optional<Date>& d) { return d ? jsonString(formatDate(*d)) : std::string("null"); };
    return "{\"visit\":" + jsonString(l.rule->code) + ",\"name\":" + jsonString(l.rule->name) +
           ",\"status\":" + jsonString(mat::statusCode(l.status)) + ",\"from\":" + date(l.from) + ",\"to\":" + date(l.to) +
           ",\"done_on\":" + (l.done ? jsonString(formatDate(l.done->date)) : std::string("null")) +
           ",\"text\":" + jsonString(mat::describe(l)) + "}";
}

void printView(Context& ctx, const services::PregnancyView& v) {
    if (ctx.json) {
        auto json = store::toJson(v.pregnancy);
        json.pop_back();
        ctx.out << json << ",\"name\":" << jsonString(v.name) << ",\"gestational_age\":" << jsonString(mat::text(v.today))
                << ",\"plan\":[";
        for (std::size_t i = 0; i < v.plan.size(); ++i) ctx.out << (i ? "," : "") << lineJson(v.plan[i]);
        ctx.out << "],\"visits\":[";
        for (std::size_t i = 0; i < v.visits.size(); ++i) ctx.out << (i ? "," : "") << store::toJson(v.visits[i]);
        ctx.out << "]}";
        return;
    }
    const auto& p = v.pregnancy;
    ctx.out << v.name << "  " << v.archiveNo << "  " << format(tr("LMP {0}, expected delivery {1}"), {formatDate(*p.lmp), formatDate(*p.edd)});
    if (p.state == "pregnant") ctx.out << "  " << mat::text(v.today);
    ctx.out << "\n";
    for (const auto& l : v.plan) ctx.out << "  " << mat::describe(l) << "\n";
}

}  // namespace

int runPregnancy(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::Maternal svc(ws.database(), ws.session());
    if (const auto day = dateOption(ctx, "today")) svc.setToday(*day);
    const auto id = [&] { return ctx.args.positional(2, tr("the pregnancy")); };
    if (action == "register") {
        ctx.args.allowOnly({"lmp", "gravidity", "parity", "risks", "note", "today"});
        model::Pregnancy p;
        p.residentId = residentOf(ctx, 2).id;
        p.lmp = dateOption(ctx, "lmp");
        p.gravidity = intOption(ctx, "gravidity");
        p.parity = intOption(ctx, "parity");
        p.risks = codes("pregnancy_risk", ctx.args.get("risks", ""));
        p.note = ctx.args.get("note", "");
        const auto saved = svc.registerPregnancy(p);
        if (ctx.json) ctx.out << store::toJson(saved) << "\n";
        else
            ctx.out << format(tr("Registered: expected delivery {0} ({1})"), {formatDate(*saved.edd), saved.id}) << "\n";
        return 0;
    }
    if (action == "visit") {
        ctx.args.allowOnly({"visit", "date", "sbp", "dbp", "weight", "glucose", "hemoglobin", "note", "today"});
        model::MaternalVisit v;
        v.pregnancyId = id();
        v.visitCode = ctx.args.get("visit", "");
        v.visitDate = dateOption(ctx, "date").value_or(today());
        v.systolic = intOption(ctx, "sbp");
        v.diastolic = intOption(ctx, "dbp");
        v.weightKg = realOption(ctx, "weight");
        v.fastingGlucose = realOption(ctx, "glucose");
        v.hemoglobin = realOption(ctx, "hemoglobin");
        v.note = ctx.args.get("note", "");
        const auto saved = svc.recordVisit(v);
        if (ctx.json) {
            auto json = store::toJson(saved.visit);
            json.pop_back();
            ctx.out << json << ",\"urgent\":[";
            for (std::size_t i = 0; i < saved.urgent.size(); ++i)
                ctx.out << (i ? "," : "") << "{\"criterion\":" << jsonString(saved.urgent[i].criterion)
                        << ",\"reason\":" << jsonString(saved.urgent[i].reason) << "}";
            ctx.out << "]}\n";
            return 0;
        }
        const auto* rule = mat::visitTable().find(saved.visit.visitCode);
        ctx.out << format(tr("Recorded: {0} on {1}"), {rule ? rule->name : saved.visit.visitCode,
                                                       formatDate(*saved.visit.visitDate)})
                << "\n";
        if (!saved.urgent.empty()) {
            ctx.out << tr("Urgent referral (chronic.md):") << "\n";
            for (const auto& u : saved.urgent) ctx.out << "  " << u.reason << "\n";
            ctx.out << format(tr("Write the slip: jiayi-cli pregnancy referral {0} --to INSTITUTION"), {saved.visit.id}) << "\n";
        }
        return 0;
    }
    if (action == "referral") {
        // The slip of an urgent visit, prefilled, sent when --to names where.
        ctx.args.allowOnly({"to", "consent", "send"});
        auto slip = svc.draftReferral(ctx.args.positional(2, tr("the maternal visit")));
        if (const auto to = ctx.args.get("to")) {
            slip.toInstitution = *to;
            slip.consent = ctx.args.has("consent");
            services::Referrals referrals(ws.database(), ws.session());
            slip = referrals.create(slip, ctx.args.has("send"));
        }
        if (ctx.json) ctx.out << store::toJson(slip) << "\n";
        else
            ctx.out << (slip.urgency == "urgent" ? tr("Urgent") : tr("Routine")) << "  " << slip.impression << "\n  "
                    << slip.reason << "\n  " << slip.pastHistory << "\n";
        return 0;
    }
    if (action == "deliver") {
        ctx.args.allowOnly({"date", "discharge", "place", "mode", "babies", "names", "today"});
        services::DeliveryRequest d;
        d.pregnancyId = id();
        d.deliveredOn = dateOption(ctx, "date");
        d.dischargedOn = dateOption(ctx, "discharge");
        const auto place = ctx.args.get("place", "");
        d.place = rules::parseCode("delivery_place", place).value_or(place);
        const auto mode = ctx.args.get("mode", "");
        d.mode = rules::parseCode("delivery_mode", mode).value_or(mode);
        const auto sexes = codes("sex", ctx.args.get("babies", ""));
        std::vector<std::string> names;
        {
            std::istringstream in(ctx.args.get("names", ""));
            for (std::string w; std::getline(in, w, ',');) names.push_back(w);
        }
        for (std::size_t i = 0; i < sexes.size(); ++i) d.babies.push_back({i < names.size() ? names[i] : "", sexes[i], ""});
        const auto done = svc.recordDelivery(d);
        if (ctx.json) {
            auto json = store::toJson(done.pregnancy);
            json.pop_back();
            ctx.out << json << ",\"newborns\":[";
            for (std::size_t i = 0; i < done.babies.size(); ++i)
                ctx.out << (i ? "," : "") << "{\"id\":" << jsonString(done.babies[i].id) << ",\"name\":"
                        << jsonString(done.babies[i].name) << ",\"archive_no\":" << jsonString(done.babies[i].archiveNo) << "}";
            ctx.out << "]}\n";
            return 0;
        }
        for (const auto& b : done.babies)
            ctx.out << format(tr("Newborn registered: {0}, record {1}"), {b.name, b.archiveNo}) << "\n";
        return 0;
    }
    if (action == "end") {
        ctx.args.allowOnly({"date", "reason", "today"});
        const auto reason = ctx.args.get("reason", "");
        const auto saved =
            svc.endPregnancy(id(), dateOption(ctx, "date").value_or(today()), rules::parseCode("pregnancy_end", reason).value_or(reason));
        if (ctx.json) ctx.out << store::toJson(saved) << "\n";
        else ctx.out << format(tr("Ended on {0}"), {formatDate(*saved.endedOn)}) << "\n";
        return 0;
    }
    if (action == "show") {
        ctx.args.allowOnly({"today"});
        // A pregnancy's id, or a woman (every pregnancy of hers).
        const auto arg = ctx.args.positional(2, tr("the pregnancy or the woman"));
        std::vector<services::PregnancyView> views;
        if (store::MaternalRepository(ws.database()).get(arg)) views.push_back(svc.view(arg));
        else views = svc.ofResident(residentOf(ctx, 2).id);
        if (ctx.json) ctx.out << "[";
        for (std::size_t i = 0; i < views.size(); ++i) {
            if (ctx.json && i) ctx.out << ",";
            printView(ctx, views[i]);
        }
        if (ctx.json) ctx.out << "]\n";
        return 0;
    }
    if (action == "due") {
        ctx.args.allowOnly({"scope", "date", "today"});
        const auto day = dateOption(ctx, "date").value_or(dateOption(ctx, "today").value_or(today()));
        const auto due = svc.due(ctx.args.get("scope", ""), day);
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < due.size(); ++i)
                ctx.out << (i ? "," : "") << "{\"resident_id\":" << jsonString(due[i].residentId) << ",\"name\":"
                        << jsonString(due[i].name) << ",\"pregnancy_id\":" << jsonString(due[i].pregnancyId)
                        << ",\"gestational_age\":" << (due[i].ga ? jsonString(mat::text(*due[i].ga)) : std::string("null"))
                        << ",\"visit\":" << lineJson(due[i].visit) << "}";
            ctx.out << "]\n";
            return 0;
        }
        if (due.empty()) ctx.out << tr("No visit due") << "\n";
        for (const auto& m : due)
            ctx.out << m.archiveNo << "  " << m.name << "  " << (m.ga ? mat::text(*m.ga) + "  " : "") << mat::describe(m.visit)
                    << "\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown pregnancy action: {0}"), {action}));
}

}  // namespace jiayi::cli
