#include "core/rules/ChildHealth.h"

#include <algorithm>
#include <set>

#include <Poco/JSON/Array.h>

#include "core/rules/DataFile.h"
#include "core/rules/FieldChecker.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"

namespace jiayi::rules::child {

VisitTable parseVisitTable(const std::string& text, const std::string& name) {
    return parseVisitSchedule<VisitRule>(text, name, [](const Poco::JSON::Object::Ptr& o, const Entry& entry) {
        VisitRule v;
        v.fromDischarge = o->optValue<std::string>("from", "birth") == "discharge";
        v.days = o->optValue<int>("days", 0);
        v.months = o->optValue<int>("months", 0);
        v.windowDays = o->optValue<int>("window_days", -1);
        v.head = o->optValue<bool>("head", false);
        if (v.days < 0 || v.months < 0 || v.windowDays < 0)
            throw ValidationError("window_days",
                                  format(tr("Visit {0}: its age and window cannot be negative"), {entry.where}));
        return v;
    });
}

const VisitTable& visitTable() {
    // Loaded once (a static's initialisation is thread-safe; a failure is retried next call).
    static const VisitTable table =
        parseDataFile(resourcePath("child/visits-2021.json"), tr("The child visit schedule {0} cannot be read"), parseVisitTable);
    return table;
}

const char* statusCode(VisitStatus s) {
    switch (s) {
        case VisitStatus::Done: return "done";
        case VisitStatus::Due: return "due";
        case VisitStatus::Overdue: return "overdue";
        case VisitStatus::Upcoming: return "upcoming";
        case VisitStatus::Missed: return "missed";
    }
    return "upcoming";
}

namespace {

// groups.md, Date conventions: day 0 plus N days, then N months from it (clamped).
Date windowStart(const VisitRule& v, const Date& birth, const std::optional<Date>& discharge) {
    const auto zero = v.fromDischarge && discharge ? *discharge : birth;
    return addMonths(addDays(zero, v.days), v.months);
}

}  // namespace

std::vector<VisitLine> visitPlan(const VisitTable& t, const Date& birth, const std::optional<Date>& discharge,
                                 const std::vector<Done>& done, const Date& today) {
    std::vector<VisitLine> out;
    for (const auto& v : t.visits) {
        VisitLine line;
        line.rule = &v;
        line.from = windowStart(v, birth, discharge);
        line.lastOnTime = addDays(line.from, v.windowDays);
        for (const auto& d : done)
            if (d.code == v.code && (!line.done || d.date < line.done->date)) line.done = d;
        out.push_back(std::move(line));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& line = out[i];
        if (line.done) {
            line.status = VisitStatus::Done;
            continue;
        }
        bool laterDone = false;
        for (std::size_t k = i + 1; k < out.size(); ++k) laterDone = laterDone || out[k].done.has_value();
        const bool nextBegun = i + 1 < out.size() && today >= out[i + 1].from;
        if (today < line.from) line.status = VisitStatus::Upcoming;
        else if (laterDone || nextBegun) line.status = VisitStatus::Missed;
        else if (today <= line.lastOnTime) line.status = VisitStatus::Due;
        else line.status = VisitStatus::Overdue;
    }
    return out;
}

std::string describeState(const VisitLine& line) {
    switch (line.status) {
        case VisitStatus::Done: return format(tr("done on {0}"), {formatDate(line.done->date)});
        case VisitStatus::Due: return format(tr("due by {0}"), {formatDate(line.lastOnTime)});
        case VisitStatus::Overdue: return format(tr("overdue since {0}"), {formatDate(addDays(line.lastOnTime, 1))});
        case VisitStatus::Upcoming: return format(tr("from {0}"), {formatDate(line.from)});
        case VisitStatus::Missed: return tr("missed");
    }
    return {};
}

std::string describe(const VisitLine& line) {
    const auto& name = line.rule->name;
    switch (line.status) {
        case VisitStatus::Done: return format(tr("{0} visit done on {1}"), {name, formatDate(line.done->date)});
        case VisitStatus::Due: return format(tr("{0} visit due by {1}"), {name, formatDate(line.lastOnTime)});
        case VisitStatus::Overdue:
            return format(tr("{0} visit overdue since {1}"), {name, formatDate(addDays(line.lastOnTime, 1))});
        case VisitStatus::Upcoming: return format(tr("{0} visit from {1}"), {name, formatDate(line.from)});
        case VisitStatus::Missed: return format(tr("{0} visit missed"), {name});
    }
    return name;
}

std::vector<FieldError> validateVisit(const VisitTable& t, const VisitForm& form, const Date& birth,
                                      const std::optional<Date>& discharge, const std::vector<Done>& done,
                                      const Date& today) {
    Checker check(today);
    const auto* rule = t.find(form.code);
    if (form.code.empty()) check.add("visit", tr("Required: which visit of the schedule"));
    else if (!rule) check.add("visit", format(tr("\"{0}\" is not a visit of the schedule"), {form.code}));
    if (!form.date) check.add("visit_date", tr("Required"));
    check.lifeDate("visit_date", form.date, birth);
    if (rule && form.date && !check.has("visit_date")) {
        for (const auto& d : done)
            if (d.code == rule->code)
                check.add("visit", format(tr("The {0} visit was done on {1} already"), {rule->name, formatDate(d.date)}));
        const auto from = windowStart(*rule, birth, discharge);
        const auto earliest = rule->fromDischarge ? from : addDays(from, -kEarlyDays);
        if (*form.date < earliest)
            check.add("visit_date", format(tr("Too early for the {0} visit: it is from {1}"), {rule->name, formatDate(from)}));
    }
    if (!form.weightKg) check.add("weight", tr("Required"));
    if (!form.lengthCm) check.add("length", tr("Required"));
    check.range("weight", form.weightKg, 0.5, 45, "kg");
    check.range("length", form.lengthCm, 30, 140, "cm");
    if (rule && rule->head && !form.headCm) check.add("head", tr("Required: head circumference to 3 years"));
    check.range("head", form.headCm, 25, 60, "cm");
    check.code("feeding", "feeding", form.feeding, false);
    check.code("development", "development", form.development, true);
    check.codes("guidance", "child_guidance", form.guidance, false);
    return check.take();
}

}  // namespace jiayi::rules::child
