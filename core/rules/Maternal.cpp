#include "core/rules/Maternal.h"

#include <set>

#include <Poco/JSON/Array.h>

#include "core/rules/DataFile.h"
#include "core/rules/FieldChecker.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"

namespace jiayi::rules::maternal {

VisitTable parseVisitTable(const std::string& text, const std::string& name) {
    return parseVisitSchedule<VisitRule>(text, name, [](const Poco::JSON::Object::Ptr& o, const Entry& entry) {
        VisitRule v;
        const auto base = o->optValue<std::string>("from", "lmp");
        if (base != "lmp" && base != "discharge" && base != "delivery")
            throw ValidationError("from", format(tr("Visit {0}: counted from lmp, discharge or delivery, not \"{1}\""),
                                                 {entry.where, base}));
        v.base = base == "lmp" ? Base::Lmp : base == "discharge" ? Base::Discharge : Base::Delivery;
        v.fromDays = o->optValue<int>("from_days", -1);
        v.toDays = o->optValue<int>("to_days", -1);
        if (v.fromDays < 0 || v.toDays < v.fromDays)
            throw ValidationError("to_days", format(tr("Visit {0}: its window runs from a day to a later day"), {entry.where}));
        return v;
    });
}

const VisitTable& visitTable() {
    // Loaded once (a static's initialisation is thread-safe; a failure is retried next call).
    static const VisitTable table =
        parseDataFile(resourcePath("maternal/visits-2021.json"), tr("The maternal visit schedule {0} cannot be read"), parseVisitTable);
    return table;
}

Date expectedDelivery(const Date& lmp) { return addDays(lmp, kTermDays); }

GestationalAge gestationalAge(const Date& lmp, const Date& on) {
    const int days = std::max(0, daysBetween(lmp, on));
    return {days / 7, days % 7};
}

std::string text(const GestationalAge& ga) {
    return format(tr("{0}+{1} weeks"), {std::to_string(ga.weeks), std::to_string(ga.days)});
}

const char* statusCode(VisitStatus s) {
    switch (s) {
        case VisitStatus::Done: return "done";
        case VisitStatus::Due: return "due";
        case VisitStatus::Overdue: return "overdue";
        case VisitStatus::Upcoming: return "upcoming";
        case VisitStatus::Missed: return "missed";
        case VisitStatus::AfterDelivery: return "after_delivery";
    }
    return "upcoming";
}

namespace {

std::optional<Date> baseDate(const VisitRule& v, const PregnancyDates& p) {
    switch (v.base) {
        case Base::Lmp: return p.lmp;
        case Base::Delivery: return p.delivery;
        case Base::Discharge: return p.discharge ? p.discharge : p.delivery;
    }
    return std::nullopt;
}

}  // namespace

std::vector<VisitLine> visitPlan(const VisitTable& t, const PregnancyDates& p, const std::vector<Done>& done,
                                 const Date& today) {
    std::vector<VisitLine> out;
    for (const auto& v : t.visits) {
        VisitLine line;
        line.rule = &v;
        if (const auto base = baseDate(v, p)) {
            line.from = addDays(*base, v.fromDays);
            line.to = addDays(*base, v.toDays);
        }
        for (const auto& d : done)
            if (d.code == v.code && (!line.done || d.date < line.done->date)) line.done = d;
        out.push_back(std::move(line));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& line = out[i];
        const auto& rule = *line.rule;
        if (line.done) {
            line.status = VisitStatus::Done;
            continue;
        }
        if (!line.from) {
            line.status = p.ended ? VisitStatus::Missed : VisitStatus::AfterDelivery;
            continue;
        }
        const bool over = p.ended || (rule.antenatal() && p.delivery && *p.delivery <= today);
        const bool nextBegun = i + 1 < out.size() && out[i + 1].rule->antenatal() == rule.antenatal() &&
                               out[i + 1].from && today >= *out[i + 1].from;
        if (over) line.status = VisitStatus::Missed;
        else if (today < *line.from) line.status = VisitStatus::Upcoming;
        else if (today <= *line.to) line.status = VisitStatus::Due;
        else if (nextBegun) line.status = VisitStatus::Missed;
        else line.status = VisitStatus::Overdue;
    }
    return out;
}

std::string describeState(const VisitLine& line) {
    switch (line.status) {
        case VisitStatus::Done: return format(tr("done on {0}"), {formatDate(line.done->date)});
        case VisitStatus::Due: return format(tr("due by {0}"), {formatDate(*line.to)});
        case VisitStatus::Overdue: return format(tr("overdue since {0}"), {formatDate(addDays(*line.to, 1))});
        case VisitStatus::Upcoming: return format(tr("from {0}"), {formatDate(*line.from)});
        case VisitStatus::Missed: return tr("not done");
        case VisitStatus::AfterDelivery: return tr("after the delivery");
    }
    return {};
}

std::string describe(const VisitLine& line) {
    const auto& name = line.rule->name;
    switch (line.status) {
        case VisitStatus::Done: return format(tr("{0}: done on {1}"), {name, formatDate(line.done->date)});
        case VisitStatus::Due: return format(tr("{0}: due by {1}"), {name, formatDate(*line.to)});
        case VisitStatus::Overdue: return format(tr("{0}: overdue since {1}"), {name, formatDate(addDays(*line.to, 1))});
        case VisitStatus::Upcoming: return format(tr("{0}: from {1}"), {name, formatDate(*line.from)});
        case VisitStatus::Missed: return format(tr("{0}: not done"), {name});
        case VisitStatus::AfterDelivery: return format(tr("{0}: after the delivery"), {name});
    }
    return name;
}

std::vector<FieldError> validateRegistration(const Registration& r, const Date& today) {
    Checker check(today);
    if (r.sex != "2") check.add("resident", tr("A pregnancy is registered for a woman's record"));
    if (!r.lmp) check.add("lmp", tr("Required: the first day of the last menstrual period"));
    check.lifeDate("lmp", r.lmp, r.birthOfMother);
    if (r.lmp && *r.lmp <= today && daysBetween(*r.lmp, today) > 44 * 7)
        check.add("lmp", format(tr("The last period {0} is more than 44 weeks ago"), {formatDate(*r.lmp)}));
    if (r.lmp && r.birthOfMother) {
        const int age = ageOn(*r.birthOfMother, *r.lmp);
        if (age < 12 || age > 55)
            check.add("resident", format(tr("Aged {0} at the last period: check the birth date"), {std::to_string(age)}));
    }
    if (!r.gravidity) check.add("gravidity", tr("Required"));
    if (!r.parity) check.add("parity", tr("Required"));
    check.range("gravidity", r.gravidity, 1, 20, "");
    check.range("parity", r.parity, 0, 19, "");
    if (r.gravidity && r.parity && *r.parity >= *r.gravidity)
        check.add("parity", format(tr("Parity {0} must be below gravidity {1} (this pregnancy counts)"),
                                   {std::to_string(*r.parity), std::to_string(*r.gravidity)}));
    return check.take();
}

std::vector<FieldError> validateVisit(const VisitTable& t, const VisitForm& form, const PregnancyDates& p,
                                      const std::vector<Done>& done, const Date& today) {
    Checker check(today);
    const auto* rule = t.find(form.code);
    if (form.code.empty()) check.add("visit", tr("Required: which visit of the schedule"));
    else if (!rule) check.add("visit", format(tr("\"{0}\" is not a visit of the schedule"), {form.code}));
    if (!form.date) check.add("visit_date", tr("Required"));
    check.lifeDate("visit_date", form.date, p.lmp);
    if (rule && form.date && !check.has("visit_date")) {
        for (const auto& d : done)
            if (d.code == rule->code)
                check.add("visit", format(tr("{0} was done on {1} already"), {rule->name, formatDate(d.date)}));
        if (rule->antenatal()) {
            const auto from = addDays(p.lmp, rule->fromDays);
            if (*form.date < addDays(from, -14))
                check.add("visit_date", format(tr("Too early for {0}: from {1} ({2})"),
                                               {rule->name, text(gestationalAge(p.lmp, from)), formatDate(from)}));
            if (p.delivery && *form.date > *p.delivery)
                check.add("visit_date", format(tr("{0} is before the delivery ({1})"), {rule->name, formatDate(*p.delivery)}));
        } else if (!p.delivery) {
            check.add("visit", format(tr("{0} follows the delivery: record the delivery first"), {rule->name}));
        } else if (*form.date < *p.delivery) {
            check.add("visit_date", format(tr("{0} is after the delivery ({1})"), {rule->name, formatDate(*p.delivery)}));
        }
    }
    check.range("systolic", form.systolic, 60, 260, "mmHg");
    check.range("diastolic", form.diastolic, 30, 160, "mmHg");
    if (form.systolic && form.diastolic && *form.diastolic >= *form.systolic)
        check.add("diastolic", tr("Diastolic pressure must be below systolic"));
    if (!form.systolic || !form.diastolic) check.add("systolic", tr("Required: blood pressure at every visit"));
    check.range("weight", form.weightKg, 30, 200, "kg");
    check.range("fasting_glucose", form.fastingGlucose, 1, 35, "mmol/L");
    check.range("hemoglobin", form.hemoglobin, 30, 200, "g/L");
    return check.take();
}

std::vector<chronic::UrgentFinding> urgentFindings(const VisitForm& form, const Date& on, int ageOnVisit) {
    chronic::VisitFindings f;
    f.date = on;
    f.ageOnVisit = ageOnVisit;
    f.systolic = form.systolic;
    f.diastolic = form.diastolic;
    f.fastingGlucose = form.fastingGlucose;
    f.pregnantOrBreastfeeding = true;
    auto out = chronic::urgentFindings(chronic::Programme::Hypertension, f);
    for (auto& g : chronic::urgentFindings(chronic::Programme::Diabetes, f)) {
        bool seen = false;
        for (const auto& h : out) seen = seen || h.criterion == g.criterion;
        if (!seen) out.push_back(std::move(g));
    }
    return out;
}

}  // namespace jiayi::rules::maternal
