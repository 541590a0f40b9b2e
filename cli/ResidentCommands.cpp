// jiayi-cli resident add|show|edit|find|close|reopen
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "cli/Output.h"
#include "core/model/ResidentFields.h"
#include "core/model/ResidentJson.h"
#include "core/rules/CodeLists.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {
namespace {

// Options that are not resident fields.
const std::set<std::string> kCommonOptions = {"db", "json", "user", "lang", "limit"};
const std::set<std::string> kRegistrationOptions = {"village", "address", "household",
                                                    "relation", "confirm-not-duplicate"};

std::string underscored(std::string s) {
    for (auto& c : s)
        if (c == '-') c = '_';
    return s;
}

std::string codeOf(const std::string& field, const char* list, const std::string& text) {
    const auto code = rules::parseCode(list, text);
    if (!code)
        throw ValidationError(field,
                              format(tr("\"{0}\" is not one of the allowed codes"), {text}));
    return *code;
}

std::vector<std::string> splitComma(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) items.push_back(item);
    return items;
}

// "3,5" → ["3","5"], each item read as a code (or label) of the field's list.
std::string codesArray(const std::string& field, const std::string& text) {
    std::string json = "[";
    for (const auto& item : splitComma(text))
        json += (json.size() > 1 ? "," : "") + jsonString(codeOf(field, field.c_str(), item));
    return json + "]";
}

// "2:2015-03-01,3" → [{"code":"2","date":"2015-03-01"},{"code":"3"}]
std::string diseasesArray(const std::string& text) {
    std::string json = "[";
    for (const auto& item : splitComma(text)) {
        const auto colon = item.find(':');
        json += (json.size() > 1 ? "," : "") + std::string("{\"code\":") +
                jsonString(codeOf("past_diseases", "disease", item.substr(0, colon)));
        if (colon != std::string::npos) json += ",\"date\":" + jsonString(item.substr(colon + 1));
        json += "}";
    }
    return json + "]";
}

// One --field value option as a JSON value for residentFromJson.
std::string flagValue(const std::string& name, const model::ResidentField& field,
                      const std::string& value) {
    if (field.kind != model::FieldKind::Json) {
        if (rules::codeList(name) && !value.empty()) return jsonString(codeOf(name, name.c_str(), value));
        return jsonString(value);
    }
    if (value.empty()) return "null";
    if (value[0] == '[' || value[0] == '{') return value;
    if (name == "past_diseases") return diseasesArray(value);
    if (rules::codeList(name)) return codesArray(name, value);
    throw ValidationError(name, tr("Give a JSON value"));
}

// Applies --field value options onto a resident (every form field has a flag).
model::Resident applyFlags(Context& ctx, model::Resident r) {
    std::string json = "{";
    for (const auto& [option, value] : ctx.args.options()) {
        if (kCommonOptions.count(option) || kRegistrationOptions.count(option)) continue;
        const auto name = underscored(option);
        const auto* field = model::findResidentField(name);
        if (!field) throw UsageError(format(tr("Unknown option --{0}"), {option}));
        json += (json.size() > 1 ? "," : "") + jsonString(name) + ":" + flagValue(name, *field, value);
    }
    return model::residentFromJson(json + "}", std::move(r));
}

// The --json input without the registration keys, which go to `extras`.
std::string readJsonInput(Context& ctx, Poco::JSON::Object::Ptr& extras) {
    const auto text = ctx.jsonInput();
    extras = new Poco::JSON::Object;
    if (text.empty()) return {};
    Poco::JSON::Object::Ptr object;
    try {
        object = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw ValidationError("json", tr("Not a JSON object"));
    }
    for (const char* key : {"address", "household", "relation", "confirm_not_duplicate", "village"}) {
        if (object->has(key)) {
            extras->set(key, object->get(key));
            object->remove(key);
        }
    }
    std::ostringstream s;
    object->stringify(s);
    return s.str();
}

std::string villageCode(Context& ctx, const std::string& text) {
    const auto v = ctx.workstation().findVillage(text);
    if (!v)
        throw ValidationError("village_code",
                              format(tr("No single village matches \"{0}\"; give its 12-digit "
                                        "code (jiayi-cli villages)"),
                                     {text}));
    return v->code;
}

model::Resident residentArg(Context& ctx) {
    return ctx.workstation().registry().get(
        ctx.args.positional(2, tr("the resident (id, archive or ID number)")));
}

void printOne(Context& ctx, const model::Resident& r, const std::string& message) {
    if (ctx.json) ctx.out << model::residentToJson(r) << "\n";
    else ctx.out << message << "\n";
}

int add(Context& ctx) {
    auto& ws = ctx.workstation();
    Poco::JSON::Object::Ptr extras;
    const auto json = readJsonInput(ctx, extras);
    services::Registration reg;
    reg.resident = applyFlags(ctx, json.empty() ? model::Resident{} : model::residentFromJson(json));
    const auto village = ctx.args.get("village", extras->optValue<std::string>("village", ""));
    if (!village.empty()) reg.resident.villageCode = villageCode(ctx, village);
    else if (reg.resident.villageCode.empty()) {
        // A site that serves one village needs no --village.
        const auto villages = ws.villages();
        if (villages.size() == 1) reg.resident.villageCode = villages.front().code;
    }
    reg.newHouseholdAddress = ctx.args.get("address", extras->optValue<std::string>("address", ""));
    reg.householdId = ctx.args.get("household", extras->optValue<std::string>("household", ""));
    reg.relation = codeOf("relation", "relation",
                          ctx.args.get("relation", extras->optValue<std::string>("relation", "0")));
    reg.confirmedNotDuplicate = ctx.args.has("confirm-not-duplicate") ||
                                extras->optValue<bool>("confirm_not_duplicate", false);
    const auto r = ws.registry().registerResident(reg);
    printOne(ctx, r, format(tr("Registered {0}, archive number {1}"), {r.name, r.archiveNo}));
    return 0;
}

int show(Context& ctx) {
    const auto r = residentArg(ctx);
    // A record the hub merged as a duplicate shows the record it was merged into: say so.
    const auto asked = ctx.workstation().registry().getUnmerged(
        ctx.args.positional(2, tr("the resident (id, archive or ID number)")));
    const bool merged = asked.id != r.id;
    if (ctx.json) {
        auto json = model::residentToJson(r);
        if (merged) {
            json.pop_back();
            json += ",\"merged_from\":" + jsonString(asked.id) + ",\"merged_from_archive_no\":" +
                    jsonString(asked.archiveNo) + "}";
        }
        ctx.out << json << "\n";
        return 0;
    }
    if (merged)
        ctx.out << format(tr("Record {0} was merged into record {1} (the same person registered twice); shown below. "
                             "To undo: jiayi-cli resident unmerge {0}"),
                          {asked.archiveNo, r.archiveNo})
                << "\n\n";
    printResident(ctx.out, ctx.workstation(), r);
    return 0;
}

int edit(Context& ctx) {
    auto r = residentArg(ctx);
    Poco::JSON::Object::Ptr extras;
    const auto json = readJsonInput(ctx, extras);
    if (!json.empty()) r = model::residentFromJson(json, r);
    r = applyFlags(ctx, r);
    if (const auto village = ctx.args.get("village")) r.villageCode = villageCode(ctx, *village);
    const auto saved = ctx.workstation().registry().edit(r);
    printOne(ctx, saved, format(tr("Saved {0}"), {saved.name}));
    return 0;
}

int find(Context& ctx) {
    std::size_t limit = 50;
    try {
        limit = static_cast<std::size_t>(std::stoul(ctx.args.get("limit", "50")));
    } catch (const std::exception&) {
        throw UsageError(tr("--limit takes a whole number"));
    }
    std::string query;
    for (std::size_t i = 2; i < ctx.args.positionals().size(); ++i)
        query += (query.empty() ? "" : " ") + ctx.args.positionals()[i];
    if (query.empty()) throw UsageError(tr("Missing the search text"));
    const auto found = ctx.workstation().registry().find(query, limit);
    if (ctx.json) ctx.out << residentsJson(found) << "\n";
    else printResidentRows(ctx.out, ctx.workstation(), found);
    return 0;
}

int close(Context& ctx) {
    const auto r = residentArg(ctx);
    const auto statusText = ctx.args.get("status");
    if (!statusText) throw ValidationError("status", tr("Give --status moved, dead or lost"));
    const auto status =
        model::parseStatus(rules::parseCode("status", *statusText).value_or(*statusText));
    if (!status) throw ValidationError("status", tr("Give --status moved, dead or lost"));
    std::optional<Date> date;
    if (const auto d = ctx.args.get("date")) {
        date = parseDate(*d);
        if (!date)
            throw ValidationError("status_date",
                                  format(tr("\"{0}\" is not a real date (YYYY-MM-DD)"), {*d}));
    }
    const auto closed = ctx.workstation().registry().close(r.id, *status, date, ctx.args.get("reason", ""));
    printOne(ctx, closed,
             format(tr("Closed the record of {0}: {1}"),
                    {closed.name, rules::codeLabel("status", model::statusCode(closed.status))}));
    return 0;
}

int reopen(Context& ctx) {
    const auto opened = ctx.workstation().registry().reopen(residentArg(ctx).id);
    printOne(ctx, opened, format(tr("Reopened the record of {0}"), {opened.name}));
    return 0;
}

int unmerge(Context& ctx) {
    const auto who = ctx.args.positional(2, tr("the resident"));
    const auto r = ctx.workstation().registry().unmerge(who);
    printOne(ctx, r, format(tr("{0} ({1}) is a record of its own again"), {r.name, r.archiveNo}));
    return 0;
}

}  // namespace

int runResident(Context& ctx, const std::string& action) {
    if (action == "add") return add(ctx);
    if (action == "show") return show(ctx);
    if (action == "edit") return edit(ctx);
    if (action == "find") return find(ctx);
    if (action == "close") return close(ctx);
    if (action == "reopen") return reopen(ctx);
    if (action == "unmerge") return unmerge(ctx);
    throw UsageError(format(tr("Unknown command: resident {0}"), {action}));
}

}  // namespace jiayi::cli
