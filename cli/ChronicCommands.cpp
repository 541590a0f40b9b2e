// jiayi-cli chronic enrol|close|reopen|list, followup add|correct|history, plan, worklist,
// check add — chronic-disease management from a terminal (shared/domain/chronic.md).
#include <ostream>
#include <sstream>

#include "cli/Context.h"
#include "core/model/FollowUpFields.h"
#include "core/rules/Chronic.h"
#include "core/rules/CodeLists.h"
#include "core/rules/FollowUpForm.h"
#include "core/services/ChronicCare.h"
#include "core/services/Screening.h"
#include "core/services/Worklist.h"
#include "core/store/ChronicRepository.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::cli {

std::vector<std::string> splitOn(const std::string& text, char separator) {
    std::vector<std::string> items;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, separator))
        if (!item.empty()) items.push_back(item);
    return items;
}

std::optional<Date> dateOption(Context& ctx, const std::string& name) {
    const auto text = ctx.args.get(name);
    if (!text) return std::nullopt;
    const auto d = parseDate(*text);
    if (!d) throw ValidationError(name, format(tr("\"{0}\" is not a real date (YYYY-MM-DD)"), {*text}));
    return d;
}

model::Resident residentOf(Context& ctx, std::size_t index) {
    return ctx.workstation().registry().get(ctx.args.positional(index, tr("the resident (id, archive or ID number)")));
}

namespace {

const std::set<std::string> kCommon = {"db", "user", "json", "lang"};

std::set<std::string> allowed(std::initializer_list<const char*> extra) {
    auto out = kCommon;
    for (const char* e : extra) out.insert(e);
    return out;
}

template <typename N>
std::optional<N> numberOption(Context& ctx, const std::string& name) {
    const auto text = ctx.args.get(name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        N value;
        if constexpr (std::is_same_v<N, int>) value = std::stoi(*text, &used);
        else value = std::stod(*text, &used);
        if (used == text->size()) return value;
    } catch (const std::exception&) {
    }
    throw ValidationError(name, format(tr("\"{0}\" is not a number"), {*text}));
}

std::string programmeLabel(const std::string& code) {
    const auto p = rules::chronic::programmeFromCode(code);
    return p ? rules::chronic::programmeName(*p) : code;
}

std::string classificationLabel(const model::FollowUp& f) {
    if (const auto c = rules::chronic::classificationFromCode(f.classification))
        return rules::chronic::classificationName(*c);
    if (const auto s = rules::chronic::smiClassFromCode(f.classification)) return rules::chronic::smiClassName(*s);
    return f.classification;
}

// The follow-up options are those of model::followUpFields(), with each programme's own
// symptoms and classification (--htn-symptoms, --t2d-classification) and the command's own.
std::set<std::string> followUpOptions() {
    std::set<std::string> options = kCommon;
    options.insert({"programme", "reason", "today"});
    for (const auto& field : model::followUpFields()) {
        if (!field.option) continue;
        options.insert(field.option);
        if (field.perForm)
            for (const char* programme : {"htn", "t2d"}) options.insert(std::string(programme) + "-" + field.option);
    }
    return options;
}

// One form per programme from the options; the findings they share are entered once and
// split by rules::splitVisit, as the GUI does.
std::vector<model::FollowUp> followUpForms(Context& ctx, const std::string& residentId,
                                           const std::vector<std::string>& programmes) {
    ctx.args.allowOnly(followUpOptions());
    model::FollowUp visit;
    visit.residentId = residentId;
    visit.visitDate = dateOption(ctx, "today").value_or(today());
    visit.mode = "clinic";
    std::map<std::string, rules::FormChoices> choices;
    std::vector<FieldError> errors;
    // A coded field takes its code or its Chinese or English term (--mode 门诊, --adherence 规律).
    const auto typed = [](const model::FollowUpField& field, std::string text) {
        if (field.codeList && !field.isFlag())
            if (const auto code = rules::parseCode(field.codeList, text)) text = *code;
        return text;
    };
    for (const auto& field : model::followUpFields()) {
        if (!field.option) continue;
        if (field.perForm) {
            // --htn-symptoms for the hypertension form, else --symptoms for every form.
            for (const auto& programme : programmes) {
                const auto text = ctx.args.get(programme + "-" + field.option, ctx.args.get(field.option, ""));
                if (auto error = model::setFollowUpFieldText(field, choices[programme], text))
                    errors.push_back(std::move(*error));
            }
            continue;
        }
        if (!ctx.args.has(field.option)) continue;
        const auto text = field.isFlag() ? std::string("1") : typed(field, ctx.args.get(field.option, ""));
        if (auto error = model::setFollowUpFieldText(field, visit, text)) errors.push_back(std::move(*error));
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    // --adverse TEXT records a reaction.
    visit.adverseReaction = !visit.adverseReactionText.empty();
    return rules::splitVisit(visit, programmes, choices);
}

void printRecords(Context& ctx, const std::vector<model::FollowUp>& records) {
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < records.size(); ++i) {
            // Besides next_step, what a script acts on: urgent referral, any referral advised.
            auto json = store::toJson(records[i]);
            json.pop_back();
            const auto& step = records[i].nextStep;
            ctx.out << (i ? "," : "") << json << ",\"urgent\":" << (step == "urgent_refer" ? "true" : "false")
                    << ",\"refer\":" << (step == "refer" || step == "urgent_refer" ? "true" : "false") << "}";
        }
        ctx.out << "]\n";
        return;
    }
    for (const auto& f : records) {
        ctx.out << programmeLabel(f.programme) << "  " << (f.visitDate ? formatDate(*f.visitDate) : "?") << "  v"
                << f.version;
        if (f.systolic && f.diastolic) ctx.out << "  " << *f.systolic << "/" << *f.diastolic << " mmHg";
        if (f.fastingGlucose) ctx.out << "  " << *f.fastingGlucose << " mmol/L";
        if (!f.classification.empty()) ctx.out << "  " << classificationLabel(f);
        ctx.out << "\n";
        if (f.visitDate && f.nextDue)
            ctx.out << "  → " << rules::chronic::describePlan(f.planCause, *f.visitDate, *f.nextDue, f.planPrevious,
                                                               f.planDetail)
                    << "\n";
        if (!f.correctionReason.empty()) ctx.out << "  " << format(tr("correction: {0}"), {f.correctionReason}) << "\n";
    }
}

int runFollowUp(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    services::ChronicCare care(ctx.workstation().database(), ctx.workstation().session());
    // Scripts replaying past work sign as of that day (the visit date may not be after it).
    if (const auto day = dateOption(ctx, "today")) care.setToday(*day);
    if (action == "add") {
        const auto resident = residentOf(ctx, 2);
        std::vector<std::string> programmes = splitOn(ctx.args.get("programme", ""), ',');
        if (programmes.empty())
            for (const auto& e : care.enrolments(resident.id))
                if (e.status == "active" && (e.programme == "htn" || e.programme == "t2d"))
                    programmes.push_back(e.programme);
        const auto outcome = care.recordVisit(followUpForms(ctx, resident.id, programmes));
        printRecords(ctx, outcome.records);
        if (!ctx.json && outcome.referralSuggested)
            ctx.out << tr("The rules advise a referral: jiayi-cli referral create WHO --from-followup ID") << "\n"
                    << "  " << outcome.records.front().id << "\n";
        return 0;
    }
    if (action == "correct") {
        const auto id = ctx.args.positional(2, tr("the follow-up record id"));
        const auto old = store::ChronicRepository(ctx.workstation().database()).followUp(id);
        if (!old) throw NotFoundError(tr("No such follow-up record"));
        auto forms = followUpForms(ctx, old->residentId, {old->programme});
        // The corrected form is given whole; the visit's date and mode stay unless given.
        if (!ctx.args.has("date")) forms.front().visitDate = old->visitDate;
        if (!ctx.args.has("mode")) forms.front().mode = old->mode;
        printRecords(ctx, {care.correct(id, forms.front(), ctx.args.get("reason", ""))});
        return 0;
    }
    if (action == "history") {
        ctx.args.allowOnly(kCommon);
        printRecords(ctx, care.chart(residentOf(ctx, 2).id).followUps);
        return 0;
    }
    throw UsageError(format(tr("Unknown command: followup {0}"), {action}));
}

int runChronic(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    services::ChronicCare care(ctx.workstation().database(), ctx.workstation().session());
    const auto print = [&](const model::Enrolment& e) {
        if (ctx.json) ctx.out << store::toJson(e) << "\n";
        else
            ctx.out << e.id << "  " << programmeLabel(e.programme) << "  "
                    << (e.enrolledOn ? formatDate(*e.enrolledOn) : "") << "  "
                    << (e.status == "active" ? tr("Under management")
                                             : format(tr("Closed on {0}: {1}"),
                                                      {e.closedOn ? formatDate(*e.closedOn) : "?",
                                                       rules::codeLabel("close_reason", e.closeReason)}))
                    << "\n";
    };
    if (action == "enrol") {
        ctx.args.allowOnly(allowed({"programme", "on", "diagnosed-on", "diagnosed-by", "doctor", "diagnosis",
                                    "tb-phase", "tb-supervisor", "notified-on"}));
        services::EnrolmentRequest req;
        req.residentId = residentOf(ctx, 2).id;
        req.programme = ctx.args.get("programme", "");
        req.enrolledOn = dateOption(ctx, "on");
        req.diagnosedOn = dateOption(ctx, "diagnosed-on");
        req.diagnosedBy = ctx.args.get("diagnosed-by", "");
        req.doctor = ctx.args.get("doctor", "");
        req.diagnosis = ctx.args.get("diagnosis", "");
        // An SMI diagnosis is a code: the code, the Chinese or the English term will do.
        if (req.programme == "smi")
            if (const auto code = rules::parseCode("smi_condition", req.diagnosis)) req.diagnosis = *code;
        req.tbPhase = ctx.args.get("tb-phase", "");
        req.tbSupervisor = ctx.args.get("tb-supervisor", "");
        req.tbNotifiedOn = dateOption(ctx, "notified-on");
        print(care.enrol(req));
        return 0;
    }
    if (action == "close") {
        ctx.args.allowOnly(allowed({"reason", "on", "note"}));
        print(care.close(ctx.args.positional(2, tr("the enrolment id")), ctx.args.get("reason", ""),
                         dateOption(ctx, "on"), ctx.args.get("note", "")));
        return 0;
    }
    if (action == "reopen") {
        ctx.args.allowOnly(kCommon);
        print(care.reopen(ctx.args.positional(2, tr("the enrolment id"))));
        return 0;
    }
    if (action == "list") {
        ctx.args.allowOnly(kCommon);
        const auto list = care.enrolments(residentOf(ctx, 2).id);
        if (ctx.json) ctx.out << "[";
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (ctx.json) ctx.out << (i ? "," : "") << store::toJson(list[i]);
            else print(list[i]);
        }
        if (ctx.json) ctx.out << "]\n";
        return 0;
    }
    throw UsageError(format(tr("Unknown command: chronic {0}"), {action}));
}

int runPlan(Context& ctx) {
    ctx.args.allowOnly(allowed({"today"}));
    services::ChronicCare care(ctx.workstation().database(), ctx.workstation().session());
    if (auto day = dateOption(ctx, "today")) care.setToday(*day);
    const auto chart = care.chart(residentOf(ctx, 1).id);
    if (ctx.json) {
        ctx.out << "[";
        for (std::size_t i = 0; i < chart.programmes.size(); ++i) {
            const auto& p = chart.programmes[i];
            ctx.out << (i ? "," : "") << "{\"programme\":" << jsonString(p.enrolment.programme)
                    << ",\"enrolment_id\":" << jsonString(p.enrolment.id)
                    << ",\"status\":" << jsonString(p.enrolment.status)
                    << ",\"due\":" << (p.due ? jsonString(formatDate(*p.due)) : "null")
                    << ",\"step\":" << jsonString(p.step)
                    << ",\"urgent\":" << (p.step == "urgent_refer" ? "true" : "false")
                    << ",\"refer\":" << (p.step == "refer" || p.step == "urgent_refer" ? "true" : "false")
                    << ",\"reason\":" << jsonString(p.reason)
                    << ",\"face_to_face_this_year\":" << p.faceToFaceThisYear << "}";
        }
        ctx.out << "]\n";
        return 0;
    }
    if (chart.programmes.empty()) ctx.out << tr("Not under management for any programme") << "\n";
    for (const auto& p : chart.programmes) {
        ctx.out << programmeLabel(p.enrolment.programme) << ": " << (p.due ? formatDate(*p.due) : "—") << "  "
                << p.reason << "\n";
        if (p.enrolment.status == "active")
            ctx.out << "  " << format(tr("{0} face-to-face follow-ups this year (at least {1})"),
                                      {std::to_string(p.faceToFaceThisYear),
                                       std::to_string(rules::chronic::kFaceToFacePerYear)})
                    << "\n";
    }
    return 0;
}

int runWorklist(Context& ctx) {
    ctx.args.allowOnly(allowed({"scope", "doctor", "today", "kind"}));
    auto& ws = ctx.workstation();
    services::WorklistFilter filter{ctx.args.get("scope", ws.scope()), ctx.args.get("doctor", "")};
    const auto day = dateOption(ctx, "today").value_or(today());
    const auto kind = ctx.args.get("kind", "");
    const auto items = services::Worklist(ws.database(), ws.session()).build(filter, day);
    if (ctx.json) ctx.out << "[";
    bool first = true;
    std::string group;
    for (const auto& i : items) {
        if (!kind.empty() && kind != services::code(i.kind)) continue;
        if (ctx.json) {
            ctx.out << (first ? "" : ",") << "{\"kind\":" << jsonString(services::code(i.kind))
                    << ",\"resident_id\":" << jsonString(i.residentId) << ",\"name\":" << jsonString(i.residentName)
                    << ",\"archive_no\":" << jsonString(i.archiveNo) << ",\"programme\":" << jsonString(i.programme)
                    << ",\"due\":" << (i.due ? jsonString(formatDate(*i.due)) : "null")
                    << ",\"days_overdue\":" << i.daysOverdue << ",\"priority\":" << i.priority
                    << ",\"doctor\":" << jsonString(i.doctor) << ",\"reason\":" << jsonString(i.reason) << "}";
        } else {
            if (services::code(i.kind) != group) {
                group = services::code(i.kind);
                ctx.out << "== " << services::workKindName(i.kind) << " ==\n";
            }
            ctx.out << i.archiveNo << "  " << i.residentName << "  "
                    << (i.programme.empty() ? "" : programmeLabel(i.programme) + "  ") << i.reason << "\n";
        }
        first = false;
    }
    if (ctx.json) ctx.out << "]\n";
    else if (first) ctx.out << tr("Nobody is due: no follow-up, referral or check is waiting.") << "\n";
    return 0;
}

int runCheck(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    if (action != "add") throw UsageError(format(tr("Unknown command: check {0}"), {action}));
    ctx.args.allowOnly(allowed({"date", "self-care", "sbp", "dbp", "hr", "respiration", "temperature", "height",
                                "weight", "waist", "glucose", "item"}));
    model::HealthCheck h;
    h.residentId = residentOf(ctx, 2).id;
    h.checkDate = dateOption(ctx, "date").value_or(today());
    for (const auto& item : splitOn(ctx.args.get("self-care", ""), ',')) {
        const auto eq = item.find('=');
        try {
            h.selfCare[item.substr(0, eq)] = std::stoi(item.substr(eq + 1));
        } catch (const std::exception&) {
            throw ValidationError("self_care", format(tr("Write each item as key=value, e.g. {0}"), {"eating=0"}));
        }
    }
    h.systolic = numberOption<int>(ctx, "sbp");
    h.diastolic = numberOption<int>(ctx, "dbp");
    h.heartRate = numberOption<int>(ctx, "hr");
    h.respiration = numberOption<int>(ctx, "respiration");
    h.temperature = numberOption<double>(ctx, "temperature");
    h.height = numberOption<double>(ctx, "height");
    h.weight = numberOption<double>(ctx, "weight");
    h.waist = numberOption<double>(ctx, "waist");
    h.fastingGlucose = numberOption<double>(ctx, "glucose");
    for (const auto& item : splitOn(ctx.args.get("item", ""), ';')) {
        const auto eq = item.find('=');
        if (eq != std::string::npos) h.items[item.substr(0, eq)] = item.substr(eq + 1);
    }
    services::ChronicCare care(ctx.workstation().database(), ctx.workstation().session());
    const auto saved = care.recordHealthCheck(h);
    if (ctx.json) ctx.out << store::toJson(saved) << "\n";
    else
        ctx.out << format(tr("Health check of {0} recorded"), {formatDate(*saved.checkDate)})
                << (saved.selfCareTotal ? "  " + format(tr("self-care score {0}: {1}"),
                                                        {std::to_string(*saved.selfCareTotal),
                                                         rules::selfCareLevelName(saved.selfCareLevel)})
                                        : std::string())
                << "\n";
    return 0;
}

int runScreen(Context& ctx) {
    const auto action = ctx.args.positional(1, tr("the action"));
    services::Screening screening(ctx.workstation().database(), ctx.workstation().session());
    const auto resident = residentOf(ctx, 2);
    if (action == "add") {
        ctx.args.allowOnly(allowed({"date", "sbp", "dbp", "weight", "height", "waist", "high-salt", "liquor-ml"}));
        model::BpScreening s;
        s.residentId = resident.id;
        s.screenedOn = dateOption(ctx, "date");
        s.systolic = numberOption<int>(ctx, "sbp").value_or(0);
        s.diastolic = numberOption<int>(ctx, "dbp").value_or(0);
        s.weight = numberOption<double>(ctx, "weight");
        s.height = numberOption<double>(ctx, "height");
        s.waist = numberOption<double>(ctx, "waist");
        s.highSalt = ctx.args.has("high-salt");
        s.dailyLiquorMl = numberOption<double>(ctx, "liquor-ml");
        screening.record(s);
    } else if (action != "status") {
        throw UsageError(format(tr("Unknown command: screen {0}"), {action}));
    } else {
        ctx.args.allowOnly(kCommon);
    }
    const auto status = screening.status(resident.id);
    if (ctx.json) {
        ctx.out << "{\"readings\":" << status.readings.size() << ",\"suspected\":" << (status.outcome.suspected ? "true" : "false")
                << ",\"recheck\":" << (status.outcome.recheck ? "true" : "false")
                << ",\"high_days\":" << status.outcome.highDays
                << ",\"due\":" << (status.outcome.due ? jsonString(formatDate(*status.outcome.due)) : "null")
                << ",\"reason\":" << jsonString(status.outcome.reason) << ",\"high_risk\":[";
        for (std::size_t i = 0; i < status.highRisk.size(); ++i) ctx.out << (i ? "," : "") << jsonString(status.highRisk[i]);
        ctx.out << "],\"managed\":" << (status.managed ? "true" : "false") << "}\n";
        return 0;
    }
    ctx.out << status.outcome.reason << "\n";
    for (const auto& r : status.highRisk) ctx.out << "  " << tr("High risk") << ": " << r << "\n";
    return 0;
}

}  // namespace

int runChronicCommand(Context& ctx, const std::string& command) {
    if (command == "screen") return runScreen(ctx);
    if (command == "chronic") return runChronic(ctx);
    if (command == "followup") return runFollowUp(ctx);
    if (command == "plan") return runPlan(ctx);
    if (command == "worklist") return runWorklist(ctx);
    return runCheck(ctx);
}

}  // namespace jiayi::cli
