// jiayi-cli team … and contract … — family-doctor teams and contracts (issue 17,
// ../shared/domain/contracts.md): teams and members, signing (a resident or a household),
// renewal, termination, delivery (履约), service entries, priority tags, coverage (应签尽签)
// and the review of a resident signed twice.
#include <cmath>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "cli/PdfWriter.h"
#include "core/services/Contracts.h"
#include "core/store/ContractRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

namespace cr = rules::contracts;
using services::ContractView;
using services::TeamView;

std::vector<std::string> list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ',')) {
        const auto first = item.find_first_not_of(' ');
        if (first == std::string::npos) continue;
        out.push_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
    }
    return out;
}

std::int64_t fenOption(Context& ctx, const std::string& name) {
    const auto text = ctx.args.get(name, "");
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && v >= 0 && v < 1e7) return std::llround(v * 100);
    } catch (const std::exception&) {
    }
    throw ValidationError(name, format(tr("\"{0}\" is not an amount in yuan (e.g. 40 or 40.50)"), {text}));
}

void printTeam(Context& ctx, const TeamView& v) {
    if (ctx.json) {
        auto json = store::toJson(v.team);
        json.pop_back();
        ctx.out << json << ",\"lead_name\":" << jsonString(v.leadName) << ",\"members\":[";
        for (std::size_t i = 0; i < v.members.size(); ++i) ctx.out << (i ? "," : "") << store::toJson(v.members[i]);
        ctx.out << "]}";
        return;
    }
    ctx.out << v.team.name << "  (" << v.team.id << ")" << (v.team.status == "active" ? "" : "  " + tr("dissolved"))
            << "\n  " << tr("Lead") << ": " << v.leadName << " (" << v.team.lead << ")";
    if (!v.team.institution.empty()) ctx.out << "  " << v.team.institution;
    ctx.out << "\n  " << tr("Villages") << ":";
    for (const auto& village : v.team.villages) ctx.out << " " << ctx.workstation().placeName(village);
    ctx.out << "\n";
    for (const auto& m : v.members)
        if (m.active) ctx.out << "  - " << m.login << "  " << services::teamRoleName(m.role) << "\n";
}

void printContracts(Context& ctx, const std::vector<ContractView>& views) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < views.size(); ++i) {
            const auto& v = views[i];
            auto json = store::toJson(v.contract);
            json.pop_back();
            ctx.out << (i ? "," : "") << json << ",\"effective_state\":" << jsonString(v.effectiveState)
                    << ",\"team_name\":" << jsonString(v.teamName) << ",\"doctor_name\":" << jsonString(v.doctorName)
                    << ",\"resident_name\":" << jsonString(v.residentName)
                    << ",\"archive_no\":" << jsonString(v.archiveNo)
                    << ",\"renewal_due\":" << (v.renewalDue ? "true" : "false")
                    << ",\"standing_instead\":" << jsonString(v.standingInstead) << "}";
        }
        ctx.out << "]\n";
        return;
    }
    for (const auto& v : views) {
        const auto& c = v.contract;
        ctx.out << c.id << "  " << services::contractStateName(v.effectiveState) << "  " << v.residentName << " "
                << v.archiveNo << "\n  " << v.teamName << ", " << tr("doctor") << " " << v.doctorName << ", "
                << (c.startOn ? formatDate(*c.startOn) : "?") << " – " << (c.endOn ? formatDate(*c.endOn) : "?")
                << "\n  " << tr("Packages") << ": ";
        for (std::size_t i = 0; i < c.packages.size(); ++i) ctx.out << (i ? ", " : "") << c.packages[i];
        ctx.out << "  " << tr("fee") << " " << services::yuanText(c.feeFen) << " (" << tr("insurance") << " "
                << services::yuanText(c.insuranceFen) << ", " << tr("resident") << " "
                << services::yuanText(c.residentFen) << ")\n";
        if (v.renewalDue) ctx.out << "  " << format(tr("Renewal due: the contract ends on {0}"), {formatDate(*c.endOn)}) << "\n";
        if (!v.standingInstead.empty())
            ctx.out << "  " << format(tr("Signed twice: contract {0} stands, this one waits for review"), {v.standingInstead})
                    << "\n";
        if (c.state == "terminated")
            ctx.out << "  " << tr("Ended") << " " << (c.endedOn ? formatDate(*c.endedOn) : "?") << ": "
                    << services::endReasonName(c.endReason) << (c.endNote.empty() ? "" : " — " + c.endNote) << "\n";
    }
}

void printDelivery(Context& ctx, const services::DeliveryStatus& s) {
    if (ctx.json) {
        ctx.out << "{\"contract_id\":" << jsonString(s.contractId) << ",\"day\":" << jsonString(formatDate(s.day))
                << ",\"due_so_far\":" << s.dueSoFar << ",\"delivered\":" << s.delivered
                << ",\"overdue_items\":" << s.overdueItems << ",\"groups\":[";
        for (std::size_t i = 0; i < s.groups.size(); ++i) ctx.out << (i ? "," : "") << jsonString(cr::code(s.groups[i]));
        ctx.out << "],\"items\":[";
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            const auto& it = s.items[i];
            ctx.out << (i ? "," : "") << "{\"package\":" << jsonString(it.package) << ",\"item\":" << jsonString(it.item)
                    << ",\"name\":" << jsonString(it.itemName) << ",\"required\":" << it.progress.required
                    << ",\"due_so_far\":" << it.progress.dueSoFar << ",\"delivered\":" << it.progress.delivered
                    << ",\"status\":" << jsonString(cr::code(it.progress.status)) << ",\"next_due\":"
                    << (it.progress.nextDue ? jsonString(formatDate(*it.progress.nextDue)) : "null") << ",\"records\":[";
            for (std::size_t j = 0; j < it.records.size(); ++j)
                ctx.out << (j ? "," : "") << "{\"table\":" << jsonString(it.records[j].table)
                        << ",\"id\":" << jsonString(it.records[j].id)
                        << ",\"date\":" << jsonString(formatDate(it.records[j].date)) << "}";
            ctx.out << "]}";
        }
        ctx.out << "]}\n";
        return;
    }
    ctx.out << format(tr("Delivered {0} of {1} services due by {2}"),
                      {std::to_string(s.delivered), std::to_string(s.dueSoFar), formatDate(s.day)})
            << "\n";
    for (const auto& it : s.items) {
        ctx.out << "  " << it.packageName << " / " << it.itemName << ": " << it.progress.delivered << "/"
                << it.progress.required << "  " << services::itemStatusName(it.progress.status);
        if (it.progress.nextDue) ctx.out << "  " << format(tr("next by {0}"), {formatDate(*it.progress.nextDue)});
        ctx.out << "\n";
        for (const auto& r : it.records) ctx.out << "      " << formatDate(r.date) << "  " << r.table << " " << r.id << "\n";
    }
}

services::ContractDraft draftFrom(Context& ctx, services::Contracts& contracts) {
    services::ContractDraft d;
    if (const auto team = ctx.args.get("team")) d.teamId = contracts.team(*team).team.id;
    d.doctor = ctx.args.get("doctor", "");
    d.packages = list(ctx.args.get("packages", ""));
    d.signedOn = dateOption(ctx, "date");
    d.startOn = dateOption(ctx, "start");
    d.endOn = dateOption(ctx, "end");
    if (const auto years = ctx.args.get("years")) {
        try {
            d.termYears = std::stoi(*years);
        } catch (const std::exception&) {
            throw ValidationError("term_years", format(tr("\"{0}\" is not a number of years"), {*years}));
        }
    }
    if (ctx.args.has("insurance")) d.insuranceFen = fenOption(ctx, "insurance");
    d.agreementSigned = ctx.args.has("agreement");
    d.signedFor = ctx.args.get("signed-for", "");
    d.replaces = ctx.args.get("replaces", "");
    return d;
}

const std::set<std::string> kSignOptions = {"team", "doctor", "packages", "date", "start", "end", "years",
                                            "insurance", "agreement", "signed-for", "replaces", "prepare"};

std::set<std::string> with(std::set<std::string> base, std::initializer_list<const char*> extra) {
    for (const char* e : extra) base.insert(e);
    return base;
}

void printCoverage(Context& ctx, const services::Coverage& c) {
    const auto pct = [](const services::CoverageCount& n) {
        if (n.people == 0) return std::string("–");
        return std::to_string(static_cast<int>(std::lround(100.0 * n.signedPeople / n.people))) + "%";
    };
    if (ctx.json) {
        const auto count = [&](const services::CoverageCount& n) {
            return "{\"people\":" + std::to_string(n.people) + ",\"signed\":" + std::to_string(n.signedPeople) + "}";
        };
        ctx.out << "{\"day\":" << jsonString(formatDate(c.day)) << ",\"all\":" << count(c.all)
                << ",\"priority\":" << count(c.priority) << ",\"contracts\":" << c.contracts
                << ",\"due_so_far\":" << c.dueSoFar << ",\"delivered\":" << c.delivered << ",\"by_group\":{";
        bool first = true;
        for (const auto& [g, n] : c.byGroup) {
            ctx.out << (first ? "" : ",") << jsonString(cr::code(g)) << ":" << count(n);
            first = false;
        }
        ctx.out << "},\"by_village\":{";
        first = true;
        for (const auto& [v, n] : c.byVillage) {
            ctx.out << (first ? "" : ",") << jsonString(v) << ":{\"all\":" << count(n.first)
                    << ",\"priority\":" << count(n.second) << "}";
            first = false;
        }
        ctx.out << "},\"priority_unsigned\":[";
        for (std::size_t i = 0; i < c.priorityUnsigned.size(); ++i) {
            const auto& p = c.priorityUnsigned[i];
            ctx.out << (i ? "," : "") << "{\"resident_id\":" << jsonString(p.residentId)
                    << ",\"name\":" << jsonString(p.name) << ",\"archive_no\":" << jsonString(p.archiveNo)
                    << ",\"age\":" << p.age << ",\"groups\":[";
            for (std::size_t j = 0; j < p.groups.size(); ++j) ctx.out << (j ? "," : "") << jsonString(cr::code(p.groups[j]));
            ctx.out << "]}";
        }
        const auto ids = [&](const std::vector<ContractView>& views) {
            std::string out = "[";
            for (std::size_t i = 0; i < views.size(); ++i) out += (i ? "," : "") + jsonString(views[i].contract.id);
            return out + "]";
        };
        ctx.out << "],\"ending_soon\":" << ids(c.endingSoon) << ",\"with_overdue_items\":" << ids(c.withOverdueItems)
                << ",\"in_review\":[";
        for (std::size_t i = 0; i < c.review.size(); ++i)
            ctx.out << (i ? "," : "") << "{\"standing\":" << jsonString(c.review[i].standing.contract.id)
                    << ",\"waiting\":" << jsonString(c.review[i].waiting.contract.id) << "}";
        ctx.out << "],\"signed_by_doctor\":{";
        first = true;
        for (const auto& [doctor, n] : c.signedByDoctor) {
            ctx.out << (first ? "" : ",") << jsonString(doctor) << ":" << n;
            first = false;
        }
        ctx.out << "}}\n";
        return;
    }
    ctx.out << format(tr("On {0}: {1} of {2} residents signed ({3}); priority groups {4} of {5} ({6})"),
                      {formatDate(c.day), std::to_string(c.all.signedPeople), std::to_string(c.all.people), pct(c.all),
                       std::to_string(c.priority.signedPeople), std::to_string(c.priority.people), pct(c.priority)})
            << "\n";
    for (const auto& [g, n] : c.byGroup)
        ctx.out << "  " << services::groupName(g) << ": " << n.signedPeople << "/" << n.people << " (" << pct(n) << ")\n";
    ctx.out << format(tr("Delivered {0} of {1} services due ({2} contracts)"),
                      {std::to_string(c.delivered), std::to_string(c.dueSoFar), std::to_string(c.contracts)})
            << "\n"
            << format(tr("Renewals due within 30 days: {0}; contracts with services overdue: {1}; signed twice, "
                         "waiting for review: {2}"),
                      {std::to_string(c.endingSoon.size()), std::to_string(c.withOverdueItems.size()),
                       std::to_string(c.review.size())})
            << "\n";
    for (const auto& doctor : c.doctorsPastLimit)
        ctx.out << format(tr("Warning: {0} holds {1} signed residents, more than 2,000"),
                          {doctor, std::to_string(c.signedByDoctor.at(doctor))})
                << "\n";
    if (!c.priorityUnsigned.empty()) ctx.out << tr("Priority-group residents not signed:") << "\n";
    for (const auto& p : c.priorityUnsigned) {
        ctx.out << "  " << p.archiveNo << "  " << p.name << "  " << p.age << "  ";
        for (std::size_t j = 0; j < p.groups.size(); ++j) ctx.out << (j ? ", " : "") << services::groupName(p.groups[j]);
        ctx.out << "\n";
    }
}

}  // namespace

int runTeam(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::Contracts contracts(ws.database(), ws.session());
    if (action == "add") {
        ctx.args.allowOnly({"name", "lead", "nurses", "doctors", "village-doctors", "villages", "institution"});
        model::CareTeam t;
        t.name = ctx.args.get("name", "");
        t.lead = ctx.args.get("lead", "");
        t.institution = ctx.args.get("institution", "");
        for (const auto& v : list(ctx.args.get("villages", ""))) {
            const auto village = ws.findVillage(v);
            if (!village) throw ValidationError("villages", format(tr("No village {0} in this site's area"), {v}));
            t.villages.push_back(village->code);
        }
        std::vector<model::TeamMember> members;
        const auto add = [&](const char* option, const char* role) {
            for (const auto& login : list(ctx.args.get(option, ""))) {
                model::TeamMember m;
                m.login = login;
                m.role = role;
                members.push_back(m);
            }
        };
        add("doctors", "doctor");
        add("village-doctors", "village_doctor");
        add("nurses", "nurse");
        printTeam(ctx, contracts.createTeam(t, members));
        ctx.out << "\n";
        return 0;
    }
    if (action == "list") {
        ctx.args.allowOnly({});
        const auto teams = contracts.teams();
        if (ctx.json) ctx.out << "[";
        for (std::size_t i = 0; i < teams.size(); ++i) {
            if (ctx.json && i) ctx.out << ",";
            printTeam(ctx, teams[i]);
        }
        ctx.out << (ctx.json ? "]\n" : "");
        return 0;
    }
    const auto team = ctx.args.positional(2, tr("the team (id or name)"));
    if (action == "show") {
        ctx.args.allowOnly({});
        printTeam(ctx, contracts.team(team));
        ctx.out << "\n";
        return 0;
    }
    if (action == "member") {
        // team member TEAM add|remove LOGIN [--role ROLE]
        ctx.args.allowOnly({"role"});
        const auto what = ctx.args.positional(3, tr("add or remove"));
        const auto login = ctx.args.positional(4, tr("the login"));
        if (what == "add") printTeam(ctx, contracts.addMember(team, login, ctx.args.get("role", "")));
        else if (what == "remove") printTeam(ctx, contracts.removeMember(team, login));
        else throw UsageError(format(tr("Unknown command: team member {0}"), {what}));
        ctx.out << "\n";
        return 0;
    }
    if (action == "villages") {
        ctx.args.allowOnly({});
        std::vector<std::string> codes;
        for (std::size_t i = 3; i < ctx.args.positionals().size(); ++i) {
            const auto village = ws.findVillage(ctx.args.positionals()[i]);
            if (!village)
                throw ValidationError("villages",
                                      format(tr("No village {0} in this site's area"), {ctx.args.positionals()[i]}));
            codes.push_back(village->code);
        }
        printTeam(ctx, contracts.setVillages(team, codes));
        ctx.out << "\n";
        return 0;
    }
    if (action == "dashboard") {
        ctx.args.allowOnly({"date"});
        const auto day = dateOption(ctx, "date").value_or(today());
        printCoverage(ctx, contracts.coverage({}, contracts.team(team).team.id, day));
        return 0;
    }
    throw UsageError(format(tr("Unknown command: team {0}"), {action}));
}

int runContract(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::Contracts contracts(ws.database(), ws.session());
    const auto id = [&] { return ctx.args.positional(2, tr("the contract id")); };
    if (action == "sign") {
        ctx.args.allowOnly(kSignOptions);
        auto d = draftFrom(ctx, contracts);
        d.residentId = residentOf(ctx, 2).id;
        printContracts(ctx, {ctx.args.has("prepare") ? contracts.prepare(d) : contracts.sign(d)});
        return 0;
    }
    if (action == "household") {
        ctx.args.allowOnly(with(kSignOptions, {"members"}));
        auto d = draftFrom(ctx, contracts);
        std::vector<std::string> members;
        for (const auto& who : list(ctx.args.get("members", ""))) members.push_back(ws.registry().get(who).id);
        auto household = ctx.args.positional(2, tr("the household (id, or a member)"));
        try {
            household = ws.registry().household(household).id;
        } catch (const NotFoundError&) {
            const auto h = ws.registry().householdOf(ws.registry().get(household).id);
            if (!h) throw NotFoundError(tr("No such household"));
            household = h->id;
        }
        printContracts(ctx, contracts.signHousehold(household, d, members, ctx.args.has("prepare")));
        return 0;
    }
    if (action == "sign-pending") {
        ctx.args.allowOnly({"agreement", "signed-for"});
        printContracts(ctx, {contracts.signPending(id(), ctx.args.has("agreement"), ctx.args.get("signed-for", ""))});
        return 0;
    }
    if (action == "renew") {
        ctx.args.allowOnly({"packages", "date"});
        printContracts(ctx, {contracts.renew(id(), list(ctx.args.get("packages", "")), dateOption(ctx, "date"))});
        return 0;
    }
    if (action == "end") {
        ctx.args.allowOnly({"reason", "date", "note"});
        const auto text = ctx.args.get("reason", "");
        const auto reason = cr::endReasonFromCode(text);
        if (!reason)
            throw ValidationError("reason", format(tr("\"{0}\" is not a reason to end a contract (lost, moved, dead, "
                                                      "refused, other)"),
                                                   {text}));
        printContracts(ctx, {contracts.terminate(id(), *reason, dateOption(ctx, "date"), ctx.args.get("note", ""))});
        return 0;
    }
    if (action == "show") {
        ctx.args.allowOnly({});
        printContracts(ctx, {contracts.view(id())});
        return 0;
    }
    if (action == "list") {
        ctx.args.allowOnly({});
        printContracts(ctx, contracts.ofResident(residentOf(ctx, 2).id));
        return 0;
    }
    if (action == "delivery") {
        ctx.args.allowOnly({"date"});
        printDelivery(ctx, contracts.delivery(id(), dateOption(ctx, "date").value_or(today())));
        return 0;
    }
    if (action == "service") {
        ctx.args.allowOnly({"item", "date", "mode", "note", "corrects", "reason"});
        model::ServiceEntry e;
        e.residentId = residentOf(ctx, 2).id;
        e.item = ctx.args.get("item", "");
        e.serviceDate = dateOption(ctx, "date").value_or(today());
        e.mode = ctx.args.get("mode", "clinic");
        e.note = ctx.args.get("note", "");
        e.supersedes = ctx.args.get("corrects", "");
        e.correctionReason = ctx.args.get("reason", "");
        const auto saved = contracts.recordService(e);
        if (ctx.json) ctx.out << store::toJson(saved) << "\n";
        else ctx.out << format(tr("Recorded: {0} on {1}"), {saved.item, formatDate(*saved.serviceDate)}) << " ("
                     << saved.id << ")\n";
        return 0;
    }
    if (action == "tag") {
        ctx.args.allowOnly({"off"});
        const auto resident = residentOf(ctx, 2).id;
        const auto code = ctx.args.positional(3, tr("the priority group"));
        const auto group = cr::groupFromCode(code);
        if (!group) throw ValidationError("tag", format(tr("\"{0}\" is not a priority group"), {code}));
        contracts.setTag(resident, *group, !ctx.args.has("off"));
        const auto groups = contracts.groupsOf(resident, today());
        if (ctx.json) {
            ctx.out << "[";
            for (std::size_t i = 0; i < groups.size(); ++i) ctx.out << (i ? "," : "") << jsonString(cr::code(groups[i]));
            ctx.out << "]\n";
        } else {
            for (const auto g : groups) ctx.out << services::groupName(g) << "\n";
        }
        return 0;
    }
    if (action == "coverage") {
        ctx.args.allowOnly({"scope", "date", "team"});
        const auto day = dateOption(ctx, "date").value_or(today());
        const auto team = ctx.args.get("team");
        printCoverage(ctx, contracts.coverage(ctx.args.get("scope", ws.scope()),
                                              team ? contracts.team(*team).team.id : std::string(), day));
        return 0;
    }
    if (action == "review") {
        ctx.args.allowOnly({"keep", "note", "date"});
        if (const auto keep = ctx.args.get("keep")) {
            printContracts(ctx, {contracts.resolveReview(*keep, ctx.args.get("note", ""))});
            return 0;
        }
        const auto cases = contracts.inReview(ws.scope(), dateOption(ctx, "date").value_or(today()));
        std::vector<ContractView> views;
        for (const auto& c : cases) {
            views.push_back(c.standing);
            views.push_back(c.waiting);
        }
        printContracts(ctx, views);
        return 0;
    }
    if (action == "agreement") {
        ctx.args.allowOnly({"pdf"});
        const auto doc = contracts.agreement(id());
        if (const auto file = ctx.args.get("pdf")) {
            writePdf(doc, *file);
            if (ctx.json) ctx.out << "{\"pdf\":" << jsonString(*file) << "}\n";
            else ctx.out << format(tr("The agreement is in {0}"), {*file}) << "\n";
        } else {
            ctx.out << print::plainText(doc);
        }
        return 0;
    }
    if (action == "packages") {
        ctx.args.allowOnly({"edition", "village"});
        const auto edition = ctx.args.get("edition", std::to_string(static_cast<int>(today().year())));
        const auto set = contracts.packages(edition, ctx.args.get("village", ws.scope()));
        for (const auto& p : set.packages) {
            ctx.out << p.code << "  " << p.name << "  " << (p.basic ? tr("basic") : tr("personalised")) << "  "
                    << services::yuanText(p.feeFen()) << "\n";
            for (const auto& i : p.items)
                ctx.out << "  - " << i.code << "  " << i.name << "  " << format(tr("{0} a year"), {std::to_string(i.timesPerYear)})
                        << "\n";
        }
        return 0;
    }
    if (action == "load-packages") {
        ctx.args.allowOnly({});
        const auto file = ctx.args.positional(2, tr("the package file"));
        std::ifstream in(file, std::ios::binary);
        if (!in) throw NotFoundError(format(tr("The package file {0} cannot be read"), {file}));
        std::stringstream text;
        text << in.rdbuf();
        ctx.out << format(tr("Loaded the {0} service packages for this site's area"), {contracts.loadPackages(text.str())})
                << "\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown command: contract {0}"), {action}));
}

}  // namespace jiayi::cli
