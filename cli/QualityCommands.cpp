// jiayi-cli quality … — data-quality review (issue 18, ../shared/domain/quality.md): the scan
// for signals of fabricated or careless follow-up per doctor and village, and the review
// cases (draw a sample, verify, send back, close; the author's requests; scores).
#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "core/services/Quality.h"
#include "core/store/ReviewRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

// A whole-number option; ValidationError naming the option when it is not one.
std::optional<int> intOption(Context& ctx, const std::string& name) {
    const auto text = ctx.args.get(name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        const int v = std::stoi(*text, &used);
        if (used == text->size()) return v;
    } catch (const std::exception&) {
    }
    throw ValidationError(name, format(tr("\"{0}\" is not a whole number"), {*text}));
}

// A number option; ValidationError naming the option when it is not one.
std::optional<double> realOption(Context& ctx, const std::string& name) {
    const auto text = ctx.args.get(name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        const double v = std::stod(*text, &used);
        if (used == text->size()) return v;
    } catch (const std::exception&) {
    }
    throw ValidationError(name, format(tr("\"{0}\" is not a number"), {*text}));
}

namespace {

namespace quality = rules::quality;
using services::ReviewView;

std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}


void jsonSignals(Context& ctx, const std::vector<quality::Signal>& signals) {
    ctx.out << "[";
    for (std::size_t i = 0; i < signals.size(); ++i) {
        const auto& s = signals[i];
        ctx.out << (i ? "," : "") << "{\"kind\":" << jsonString(quality::code(s.kind))
                << ",\"name\":" << jsonString(quality::signalName(s.kind))
                << ",\"subject\":" << jsonString(s.subject) << ",\"score\":" << s.score
                << ",\"explanation\":" << jsonString(s.explanation) << ",\"records\":[";
        for (std::size_t k = 0; k < s.records.size(); ++k)
            ctx.out << (k ? "," : "") << jsonString(s.records[k]);
        ctx.out << "]}";
    }
    ctx.out << "]";
}

void printCases(Context& ctx, const std::vector<ReviewView>& cases) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const auto& v = cases[i];
            auto json = store::toJson(v.review);
            json.pop_back();
            ctx.out << (i ? "," : "") << json << ",\"resident_name\":" << jsonString(v.residentName)
                    << ",\"archive_no\":" << jsonString(v.archiveNo)
                    << ",\"visit_date\":" << jsonString(v.visitDate ? formatDate(*v.visitDate) : "")
                    << ",\"comparison\":" << jsonString(v.comparison) << "}";
        }
        ctx.out << "]\n";
        return;
    }
    for (const auto& v : cases) {
        ctx.out << v.review.id << "  " << services::reviewStateName(v.review.state) << "  "
                << v.archiveNo << " " << v.residentName << "  "
                << (v.visitDate ? formatDate(*v.visitDate) : "") << "  " << tr("author") << ": "
                << v.review.author << "  " << tr("reviewer") << ": " << v.review.assignedTo;
        if (!v.review.outcome.empty())
            ctx.out << "  " << services::reviewOutcomeName(v.review.outcome);
        if (!v.comparison.empty()) ctx.out << "  (" << v.comparison << ")";
        if (!v.review.sendBackNote.empty())
            ctx.out << "\n    " << tr("To correct") << ": " << v.review.sendBackNote;
        ctx.out << "\n";
    }
}

void printScores(Context& ctx, const std::vector<services::ReviewScore>& scores) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < scores.size(); ++i) {
            const auto& s = scores[i];
            ctx.out << (i ? "," : "") << "{\"subject\":" << jsonString(s.subject)
                    << ",\"cases\":" << s.cases << ",\"verified\":" << s.verified
                    << ",\"confirmed\":" << s.confirmed << ",\"not_confirmed\":" << s.notConfirmed
                    << ",\"data_errors\":" << s.dataErrors << ",\"corrected\":" << s.corrected
                    << ",\"confirmed_share\":";
            if (const auto share = s.confirmedShare())
                ctx.out << *share;
            else
                ctx.out << "null";
            ctx.out << "}";
        }
        ctx.out << "]\n";
        return;
    }
    for (const auto& s : scores)
        ctx.out << s.subject << "  "
                << format(tr("{0} cases, {1} verified: {2} confirmed, {3} not confirmed, {4} data "
                             "errors, {5} corrected"),
                          {std::to_string(s.cases), std::to_string(s.verified),
                           std::to_string(s.confirmed), std::to_string(s.notConfirmed),
                           std::to_string(s.dataErrors), std::to_string(s.corrected)})
                << "\n";
}

}  // namespace

int runQuality(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    auto& ws = ctx.workstation();
    services::Quality q(ws.database(), ws.session());
    const auto scope = ctx.args.get("scope", "");
    const auto period = [&] {
        return rules::indicators::parsePeriod(
            ctx.args.get("period", std::to_string(static_cast<int>(today().year()))));
    };
    const auto caseId = [&] { return ctx.args.positional(2, tr("the review case")); };
    if (action == "scan") {
        ctx.args.allowOnly({"scope", "period"});
        const auto scan = q.scan(scope, period());
        if (ctx.json) {
            ctx.out << "{\"scope\":" << jsonString(scan.scope)
                    << ",\"period\":" << jsonString(scan.period.label)
                    << ",\"visits\":" << scan.visits << ",\"doctors\":";
            jsonSignals(ctx, scan.doctors);
            ctx.out << ",\"villages\":";
            jsonSignals(ctx, scan.villages);
            ctx.out << ",\"errors\":[";
            for (std::size_t i = 0; i < scan.errors.size(); ++i) {
                const auto& e = scan.errors[i];
                ctx.out << (i ? "," : "") << "{\"record_id\":" << jsonString(e.recordId) << ",\"resident_id\":"
                        << jsonString(e.residentId) << ",\"village_code\":" << jsonString(e.villageCode)
                        << ",\"doctor\":" << jsonString(e.doctor) << ",\"date\":" << jsonString(formatDate(e.date))
                        << ",\"reason\":" << jsonString(e.reason) << "}";
            }
            ctx.out << "]}\n";
            return 0;
        }
        ctx.out << format(tr("{0} follow-ups read"), {std::to_string(scan.visits)}) << "\n";
        for (const auto* list : {&scan.doctors, &scan.villages}) {
            ctx.out << "\n" << (list == &scan.doctors ? tr("Doctors") : tr("Villages")) << ":\n";
            if (list->empty()) ctx.out << "  " << tr("No signal") << "\n";
            for (const auto& s : *list) {
                char score[16];
                std::snprintf(score, sizeof score, "%.1f", s.score);
                ctx.out << "  " << s.subject << "  " << quality::signalName(s.kind) << "  " << score
                        << "\n    " << s.explanation << "\n";
            }
        }
        ctx.out << "\n" << format(tr("Records with logic errors: {0}"), {std::to_string(scan.errors.size())}) << "\n";
        for (const auto& e : scan.errors)
            ctx.out << "  " << formatDate(e.date) << "  " << e.doctor << "  " << e.recordId << "  " << e.reason << "\n";
        ctx.out << "\n" << tr("A signal is a reason to look, never a verdict.") << "\n";
        return 0;
    }
    if (action == "sample") {
        ctx.args.allowOnly({"scope", "period", "size", "reviewers", "weighted", "seed"});
        services::SampleRequest req;
        req.scope = scope;
        req.period = period();
        req.size = intOption(ctx, "size").value_or(20);
        req.weighted = ctx.args.has("weighted");
        req.reviewers = commaList(ctx.args.get("reviewers", ""));
        if (const auto seed = intOption(ctx, "seed")) req.seed = static_cast<unsigned>(*seed);
        printCases(ctx, q.drawSample(req));
        return 0;
    }
    if (action == "cases") {
        ctx.args.allowOnly({"scope", "state", "reviewer"});
        printCases(ctx, q.cases(scope, ctx.args.get("state", ""), ctx.args.get("reviewer", "")));
        return 0;
    }
    if (action == "show") {
        ctx.args.allowOnly({});
        printCases(ctx, {q.view(caseId())});
        return 0;
    }
    if (action == "verify") {
        ctx.args.allowOnly({"method", "outcome", "sbp", "dbp", "glucose", "note"});
        services::Verification v;
        v.method = ctx.args.get("method", "");
        v.outcome = ctx.args.get("outcome", "");
        v.systolic = intOption(ctx, "sbp");
        v.diastolic = intOption(ctx, "dbp");
        v.fastingGlucose = realOption(ctx, "glucose");
        v.note = ctx.args.get("note", "");
        printCases(ctx, {q.verify(caseId(), v)});
        return 0;
    }
    if (action == "send-back") {
        ctx.args.allowOnly({"note"});
        printCases(ctx, {q.sendBack(caseId(), ctx.args.get("note", ""))});
        return 0;
    }
    if (action == "close") {
        ctx.args.allowOnly({"note"});
        printCases(ctx, {q.close(caseId(), ctx.args.get("note", ""))});
        return 0;
    }
    if (action == "requests") {
        ctx.args.allowOnly({});
        printCases(ctx, q.requests());
        return 0;
    }
    if (action == "scores") {
        ctx.args.allowOnly({"scope", "by"});
        const auto by = ctx.args.get("by", "doctor");
        if (by != "doctor" && by != "village")
            throw ValidationError("by", tr("Choose doctor or village"));
        printScores(ctx, by == "doctor" ? q.scoresByDoctor(scope) : q.scoresByVillage(scope));
        return 0;
    }
    throw UsageError(format(tr("Unknown quality action: {0}"), {action}));
}

}  // namespace jiayi::cli
