// jiayi-cli referral create|send|accept|refuse|return|cancel|close|show|list — two-way
// referral (shared/domain/referrals.md).
#include <ostream>

#include "cli/Context.h"
#include "core/rules/CodeLists.h"
#include "core/services/Referrals.h"
#include "core/store/ReferralRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

namespace {

const std::set<std::string> kCommon = {"db", "user", "json", "lang"};

void printViews(Context& ctx, const std::vector<services::ReferralView>& views) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < views.size(); ++i) {
            const auto& v = views[i];
            auto json = store::toJson(v.referral);
            json.pop_back();
            ctx.out << (i ? "," : "") << json << ",\"effective_state\":" << jsonString(v.effectiveState)
                    << ",\"resident_name\":" << jsonString(v.residentName)
                    << ",\"archive_no\":" << jsonString(v.archiveNo) << "}";
        }
        ctx.out << "]\n";
        return;
    }
    for (const auto& v : views) {
        const auto& r = v.referral;
        ctx.out << r.id << "  " << services::referralStateName(v.effectiveState) << "  " << rules::codeLabel("urgency", r.urgency)
                << "  " << (r.referredOn ? formatDate(*r.referredOn) : "") << "  " << v.residentName << "  → "
                << r.toInstitution << "\n";
        if (!r.reason.empty()) ctx.out << "  " << r.reason << "\n";
        if (!r.refuseReason.empty()) ctx.out << "  " << tr("Refused") << ": " << r.refuseReason << "\n";
        if (!r.cancelReason.empty()) ctx.out << "  " << tr("Cancelled") << ": " << r.cancelReason << "\n";
        if (!r.returnDiagnosis.empty())
            ctx.out << "  " << tr("Return slip") << ": " << r.returnDiagnosis << " ("
                    << rules::codeLabel("return_outcome", r.returnOutcome) << ") " << r.returnAdvice << "\n";
    }
}

}  // namespace

int runReferral(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    services::Referrals referrals(ctx.workstation().database(), ctx.workstation().session());
    const auto id = [&] { return ctx.args.positional(2, tr("the referral id")); };
    const auto one = [&](const model::Referral& r) {
        printViews(ctx, {referrals.view(r.id)});
        return 0;
    };
    if (action == "create") {
        auto known = kCommon;
        known.insert({"to", "department", "to-doctor", "reason", "urgent", "from-followup", "impression", "history",
                      "treatment", "purpose", "payment", "consent", "send", "date", "from-institution", "phone"});
        ctx.args.allowOnly(known);
        model::Referral r;
        if (const auto followUp = ctx.args.get("from-followup")) r = referrals.draftFromFollowUp(*followUp);
        else r.residentId = residentOf(ctx, 2).id;
        const auto set = [&](const char* option, std::string& field) {
            if (const auto v = ctx.args.get(option)) field = *v;
        };
        set("to", r.toInstitution);
        set("department", r.toDepartment);
        set("to-doctor", r.toDoctor);
        set("reason", r.reason);
        set("impression", r.impression);
        set("history", r.pastHistory);
        set("treatment", r.treatment);
        set("purpose", r.purpose);
        set("payment", r.payment);
        set("from-institution", r.fromInstitution);
        set("phone", r.fromPhone);
        if (ctx.args.has("urgent")) r.urgency = "urgent";
        r.consent = r.consent || ctx.args.has("consent");
        if (const auto d = dateOption(ctx, "date")) r.referredOn = d;
        return one(referrals.create(r, ctx.args.has("send")));
    }
    if (action == "send") {
        ctx.args.allowOnly(kCommon);
        return one(referrals.send(id()));
    }
    if (action == "accept") {
        ctx.args.allowOnly(std::set<std::string>{"db", "user", "json", "lang", "doctor"});
        return one(referrals.accept(id(), ctx.args.get("doctor", "")));
    }
    if (action == "refuse" || action == "cancel") {
        ctx.args.allowOnly(std::set<std::string>{"db", "user", "json", "lang", "reason"});
        const auto reason = ctx.args.get("reason", "");
        return one(action == "refuse" ? referrals.refuse(id(), reason) : referrals.cancel(id(), reason));
    }
    if (action == "return") {
        ctx.args.allowOnly(std::set<std::string>{"db", "user", "json", "lang", "diagnosis", "record-no", "tests",
                                                 "advice", "outcome", "institution", "date"});
        model::Referral slip;
        slip.returnDiagnosis = ctx.args.get("diagnosis", "");
        slip.returnRecordNo = ctx.args.get("record-no", "");
        slip.returnTests = ctx.args.get("tests", "");
        slip.returnAdvice = ctx.args.get("advice", "");
        slip.returnOutcome = ctx.args.get("outcome", "");
        if (const auto code = rules::parseCode("return_outcome", slip.returnOutcome)) slip.returnOutcome = *code;
        slip.returnInstitution = ctx.args.get("institution", "");
        slip.returnedOn = dateOption(ctx, "date");
        return one(referrals.returnSlip(id(), slip));
    }
    if (action == "close") {
        ctx.args.allowOnly(std::set<std::string>{"db", "user", "json", "lang", "note"});
        return one(referrals.close(id(), ctx.args.get("note", "")));
    }
    if (action == "show") {
        ctx.args.allowOnly(kCommon);
        printViews(ctx, {referrals.view(id())});
        return 0;
    }
    if (action == "list") {
        ctx.args.allowOnly(std::set<std::string>{"db", "user", "json", "lang", "inbox", "outbox", "awaiting"});
        if (ctx.args.has("inbox")) printViews(ctx, referrals.inbox());
        else if (ctx.args.has("awaiting")) printViews(ctx, referrals.awaitingFollowUp(ctx.workstation().scope()));
        else if (ctx.args.positionals().size() > 2) printViews(ctx, referrals.ofResident(residentOf(ctx, 2).id));
        else printViews(ctx, referrals.outbox());
        return 0;
    }
    throw UsageError(format(tr("Unknown command: referral {0}"), {action}));
}

}  // namespace jiayi::cli
