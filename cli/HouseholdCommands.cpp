// jiayi-cli household show|find|create|add-member|set-head|address
#include <ostream>

#include "cli/Context.h"
#include "cli/Output.h"
#include "core/rules/CodeLists.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::cli {
namespace {

std::string relationCode(const std::string& text) {
    const auto code = rules::parseCode("relation", text);
    if (!code)
        throw ValidationError("relation", format(tr("\"{0}\" is not one of the allowed codes"), {text}));
    return *code;
}

// A household given by its id, or by one of its members (id, archive or ID number).
model::Household householdArg(Context& ctx, std::size_t index) {
    auto& registry = ctx.workstation().registry();
    const auto key = ctx.args.positional(index, tr("the household (id, or a member)"));
    try {
        return registry.household(key);
    } catch (const NotFoundError&) {
        const auto member = registry.get(key);
        if (auto h = registry.lastHouseholdOf(member.id)) return *h;
        throw NotFoundError(format(tr("{0} belongs to no household"), {member.name}));
    }
}

void print(Context& ctx, const model::Household& h) {
    if (ctx.json) ctx.out << householdJson(h) << "\n";
    else printHousehold(ctx.out, ctx.workstation(), h);
}

}  // namespace

int runHousehold(Context& ctx, const std::string& action) {
    auto& ws = ctx.workstation();
    auto& registry = ws.registry();
    if (action == "show") {
        print(ctx, householdArg(ctx, 2));
    } else if (action == "find") {
        std::string village;
        if (const auto v = ctx.args.get("village")) {
            const auto found = ws.findVillage(*v);
            if (!found) throw ValidationError("village_code", format(tr("No single village matches \"{0}\"; give its 12-digit code (jiayi-cli villages)"), {*v}));
            village = found->code;
        }
        const auto text = ctx.args.positionals().size() > 2 ? ctx.args.positionals()[2] : "";
        const auto found = registry.findHouseholds(village, text, 100);
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < found.size(); ++i)
                ctx.out << (i ? "," : "") << householdJson(registry.household(found[i].id));
            ctx.out << "]\n";
        } else {
            for (const auto& h : found) printHousehold(ctx.out, ws, registry.household(h.id));
            if (found.empty()) ctx.out << tr("No household found") << "\n";
        }
    } else if (action == "create") {
        const auto head = registry.get(ctx.args.positional(2, tr("the head of household")));
        const auto address = ctx.args.get("address");
        if (!address) throw ValidationError("address", tr("Required"));
        print(ctx, registry.createHousehold(head.villageCode, *address, head.id));
    } else if (action == "add-member") {
        const auto h = householdArg(ctx, 2);
        const auto r = registry.get(ctx.args.positional(3, tr("the resident")));
        std::optional<Date> on;
        if (const auto d = ctx.args.get("date")) on = parseDate(*d);
        registry.addMember(h.id, r.id, relationCode(ctx.args.get("relation", "7")), on);
        print(ctx, registry.household(h.id));
    } else if (action == "set-head") {
        const auto h = householdArg(ctx, 2);
        const auto r = registry.get(ctx.args.positional(3, tr("the new head")));
        const auto old = ctx.args.get("old-head-relation");
        if (!old) throw ValidationError("relation", tr("Give --old-head-relation: the old head's relation to the new head"));
        registry.changeHead(h.id, r.id, relationCode(*old));
        print(ctx, registry.household(h.id));
    } else if (action == "address") {
        const auto h = householdArg(ctx, 2);
        registry.editHouseholdAddress(h.id, ctx.args.positional(3, tr("the new address")));
        print(ctx, registry.household(h.id));
    } else {
        throw UsageError(format(tr("Unknown command: household {0}"), {action}));
    }
    return 0;
}

}  // namespace jiayi::cli
