#include "core/rules/Immunization.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "core/rules/DataFile.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"

namespace jiayi::rules::immunization {
namespace {

using Poco::JSON::Object;

Interval intervalOf(const Object::Ptr& o, const std::string& where) {
    Interval i;
    if (!o) return i;
    i.days = o->optValue<int>("min_interval_days", 0);
    i.months = o->optValue<int>("min_interval_months", 0);
    if (i.days < 0 || i.months < 0)
        throw ValidationError("min_interval", format(tr("{0}: an interval cannot be negative"), {where}));
    return i;
}

// groups.md, Date conventions: the grace is 1 month for doses scheduled before 12 months
// of age and 3 months from 12 months on.
int graceMonths(const Schedule& s, int ageMonths) { return ageMonths < 12 ? s.graceBefore12 : s.graceFrom12; }

std::string doseName(const Vaccine& v, int dose) {
    return format(tr("{0} ({1}) dose {2}"), {v.name, v.code, std::to_string(dose)});
}

std::string ageWords(int months) {
    if (months == 0) return tr("birth");
    if (months % 12 == 0 && months >= 24) return format(tr("{0} years of age"), {std::to_string(months / 12)});
    return format(tr("{0} months of age"), {std::to_string(months)});
}

std::string intervalWords(const Interval& i) {
    std::string out;
    if (i.months) out = format(tr("{0} months"), {std::to_string(i.months)});
    if (i.days) out += (out.empty() ? "" : " + ") + format(tr("{0} days"), {std::to_string(i.days)});
    return out;
}

// For each vaccine of the schedule, the index of the form in use for its protection: the form
// of the first dose given of that protection, else the table's default (a vaccine without
// alternatives is its own form).
std::vector<std::size_t> formIndex(const Schedule& s, const std::vector<Given>& given) {
    const auto n = s.vaccines.size();
    std::vector<std::optional<Date>> first(n);
    for (const auto& g : given) {
        const auto i = s.indexOf(g.vaccine);
        if (i < n && !s.vaccines[i].alternatives.empty() && (!first[i] || g.date < *first[i])) first[i] = g.date;
    }
    std::vector<std::size_t> form(n);
    for (std::size_t i = 0; i < n; ++i) {
        form[i] = i;
        const auto& group = s.vaccines[i].alternatives;
        if (group.empty()) continue;
        std::optional<std::size_t> begun, byDefault;
        for (std::size_t k = 0; k < n; ++k) {
            if (s.vaccines[k].alternatives != group) continue;
            if (first[k] && (!begun || *first[k] < *first[*begun])) begun = k;
            if (s.vaccines[k].isDefault) byDefault = k;
        }
        form[i] = begun ? *begun : byDefault.value_or(i);
    }
    return form;
}

// Of several records of one dose, the one given first (then signed first) is the dose.
bool earlier(const Given& a, const Given& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.signedAt != b.signedAt) return a.signedAt < b.signedAt;
    return a.id < b.id;
}

}  // namespace

Date after(const Date& d, const Interval& i) { return addMonths(addDays(d, i.days), i.months); }

const Vaccine* Schedule::find(const std::string& code) const {
    const auto i = indexOf(code);
    return i < vaccines.size() ? &vaccines[i] : nullptr;
}

std::size_t Schedule::indexOf(std::string_view code) const {
    for (std::size_t i = 0; i < vaccines.size(); ++i)
        if (vaccines[i].code == code) return i;
    return vaccines.size();
}

Schedule parseSchedule(const std::string& text, const std::string& name) {
    const auto root = parseDataObject(text, name);
    Schedule s;
    s.edition = root->optValue<std::string>("edition", "");
    s.name = root->optValue<std::string>("name", "");
    s.maxAgeMonths = root->optValue<int>("max_age_months", 216);
    if (const auto grace = root->getObject("grace_months")) {
        s.graceBefore12 = grace->optValue<int>("before_12_months", 1);
        s.graceFrom12 = grace->optValue<int>("from_12_months", 3);
    }
    const auto vaccines = root->getArray("vaccines");
    if (s.edition.empty() || !vaccines || vaccines->size() == 0)
        throw ValidationError("vaccines", format(tr("{0} names no edition or no vaccine"), {name}));
    std::set<std::string> codes;
    for (std::size_t i = 0; i < vaccines->size(); ++i) {
        const auto o = vaccines->getObject(static_cast<unsigned>(i));
        const auto entry = codeAndName(o, i, codes, "vaccines", tr("Vaccine {0}: a code and a name are required"),
                                       tr("Vaccine {0} appears twice"));
        Vaccine v;
        v.code = entry.code;
        v.name = entry.name;
        const auto& where = entry.where;
        v.alternatives = o->optValue<std::string>("alternatives", "");
        v.kind = o->optValue<std::string>("kind", "");
        v.isDefault = o->optValue<bool>("default", false);
        v.maxAgeMonths = o->optValue<int>("max_age_months", 0);
        const auto doses = o->getArray("doses");
        if (!doses || doses->size() == 0)
            throw ValidationError("doses", format(tr("Vaccine {0} has no dose"), {where}));
        for (std::size_t j = 0; j < doses->size(); ++j) {
            const auto d = doses->getObject(static_cast<unsigned>(j));
            DoseRule rule;
            rule.number = static_cast<int>(j) + 1;
            rule.ageMonths = d ? d->optValue<int>("age_months", -1) : -1;
            const auto at = where + " / " + std::to_string(rule.number);
            if (rule.ageMonths < 0 || rule.ageMonths >= s.maxAgeMonths)
                throw ValidationError("age_months", format(tr("Dose {0}: an age in months is required"), {at}));
            if (j > 0 && rule.ageMonths < v.doses.back().ageMonths)
                throw ValidationError("age_months", format(tr("Dose {0} comes before the dose ahead of it"), {at}));
            rule.minInterval = intervalOf(d, at);
            if (const auto a = d->getObject("after")) {
                AfterDose ad;
                ad.vaccine = a->optValue<std::string>("vaccine", "");
                ad.dose = a->optValue<int>("dose", 0);
                ad.least = intervalOf(a, at);
                if (ad.vaccine.empty() || ad.dose < 1)
                    throw ValidationError("after", format(tr("Dose {0}: \"after\" names a vaccine and a dose"), {at}));
                rule.afterDose = ad;
            }
            v.doses.push_back(rule);
        }
        s.vaccines.push_back(std::move(v));
    }
    for (auto& v : s.vaccines)
        for (auto& d : v.doses)
            if (d.afterDose) {
                const auto* other = s.find(d.afterDose->vaccine);
                if (!other || d.afterDose->dose > static_cast<int>(other->doses.size()))
                    throw ValidationError("after", format(tr("Dose {0}: \"after\" names a dose the table does not have"),
                                                          {v.code + " / " + std::to_string(d.number)}));
                d.afterDose->vaccineIndex = s.indexOf(d.afterDose->vaccine);
            }
    std::map<std::string, int> defaults;
    for (const auto& v : s.vaccines)
        if (!v.alternatives.empty()) defaults[v.alternatives] += v.isDefault ? 1 : 0;
    for (const auto& [group, n] : defaults)
        if (n != 1)
            throw ValidationError("default", format(tr("The forms of {0} need exactly one default"), {group}));
    return s;
}

Schedule loadSchedule(const std::filesystem::path& file) {
    return parseDataFile(file, tr("The immunization schedule {0} cannot be read"), parseSchedule);
}

const std::vector<std::string>& editions() {
    static const std::vector<std::string> all = {"2021", "2025"};
    return all;
}

const Schedule& schedule(const std::string& edition) {
    static std::mutex mutex;
    static std::map<std::string, Schedule> loaded;
    std::lock_guard lock(mutex);
    if (const auto it = loaded.find(edition); it != loaded.end()) return it->second;
    if (std::find(editions().begin(), editions().end(), edition) == editions().end())
        throw ValidationError("edition", format(tr("There is no immunization schedule of {0}"), {edition}));
    return loaded.emplace(edition, loadSchedule(resourcePath("immunization/schedule-" + edition + ".json")))
        .first->second;
}

const char* statusCode(DoseStatus s) {
    switch (s) {
        case DoseStatus::Given: return "given";
        case DoseStatus::Due: return "due";
        case DoseStatus::Overdue: return "overdue";
        case DoseStatus::Upcoming: return "upcoming";
        case DoseStatus::TooOld: return "too_old";
        case DoseStatus::Skipped: return "skipped";
    }
    return "upcoming";
}

std::vector<DoseLine> plan(const Schedule& s, const Date& birth, const std::vector<Given>& given, const Date& today) {
    const auto form = formIndex(s, given);
    // The day each dose was given, or the day it would be given at the earliest (today when
    // it is late): later doses count their intervals from it. By vaccine index, then dose.
    std::vector<std::vector<std::optional<Date>>> at(s.vaccines.size());
    std::vector<std::size_t> vaccineOf(given.size());
    for (std::size_t g = 0; g < given.size(); ++g) vaccineOf[g] = s.indexOf(given[g].vaccine);
    std::vector<const Given*> records;
    std::vector<DoseLine> out;
    for (std::size_t vi = 0; vi < s.vaccines.size(); ++vi) {
        const auto& v = s.vaccines[vi];
        at[vi].resize(v.doses.size() + 1);
        const bool skipped = form[vi] != vi;
        const auto limit = addMonths(birth, s.ageLimitMonths(v));
        for (const auto& rule : v.doses) {
            DoseLine line;
            line.vaccine = &v;
            line.dose = rule.number;
            line.scheduled = addMonths(birth, rule.ageMonths);
            line.overdueFrom = addDays(addMonths(birth, rule.ageMonths + graceMonths(s, rule.ageMonths)), 1);
            records.clear();
            for (std::size_t g = 0; g < given.size(); ++g)
                if (vaccineOf[g] == vi && given[g].dose == rule.number) records.push_back(&given[g]);
            std::sort(records.begin(), records.end(), [](const Given* a, const Given* b) { return earlier(*a, *b); });
            line.earliest = line.scheduled;
            if (rule.number > 1)
                if (const auto& prev = at[vi][static_cast<std::size_t>(rule.number - 1)])
                    line.earliest = std::max(line.earliest, after(*prev, rule.minInterval));
            if (rule.afterDose) {
                const auto& a = *rule.afterDose;
                const auto& other = at[a.vaccineIndex];
                if (static_cast<std::size_t>(a.dose) < other.size() && other[static_cast<std::size_t>(a.dose)])
                    line.earliest = std::max(line.earliest, after(*other[static_cast<std::size_t>(a.dose)], a.least));
            }
            auto& when = at[vi][static_cast<std::size_t>(rule.number)];
            if (!records.empty()) {
                line.status = DoseStatus::Given;
                line.given = *records.front();
                for (std::size_t k = 1; k < records.size(); ++k) line.duplicates.push_back(*records[k]);
                when = records.front()->date;
            } else if (skipped) {
                line.status = DoseStatus::Skipped;
            } else if (std::max(line.earliest, today) >= limit) {
                line.status = DoseStatus::TooOld;
            } else {
                line.status = line.earliest > today        ? DoseStatus::Upcoming
                              : today >= line.overdueFrom ? DoseStatus::Overdue
                                                          : DoseStatus::Due;
                when = std::max(line.earliest, today);
            }
            out.push_back(std::move(line));
        }
    }
    return out;
}

std::vector<const DoseLine*> catchUp(const std::vector<DoseLine>& lines) {
    std::vector<const DoseLine*> out;
    for (const auto& l : lines)
        if (l.status == DoseStatus::Due || l.status == DoseStatus::Overdue) out.push_back(&l);
    // Stable: of two doses scheduled at the same age, the table's order.
    std::stable_sort(out.begin(), out.end(), [](const DoseLine* a, const DoseLine* b) {
        if (a->status != b->status) return a->status == DoseStatus::Overdue;
        return a->scheduled < b->scheduled;
    });
    return out;
}

std::optional<FieldError> refusal(const Schedule& s, const Date& birth, const std::vector<Given>& given,
                                  const Given& dose, const Date& today) {
    const auto* v = s.find(dose.vaccine);
    if (!v)
        return FieldError{"vaccine", format(tr("\"{0}\" is not a vaccine of the {1} schedule"), {dose.vaccine, s.edition})};
    if (dose.dose < 1 || dose.dose > static_cast<int>(v->doses.size()))
        return FieldError{"dose", format(tr("{0} has doses 1 to {1} in the {2} schedule"),
                                         {v->name + " (" + v->code + ")", std::to_string(v->doses.size()), s.edition})};
    if (dose.date > today)
        return FieldError{"given_on", format(tr("The date {0} is in the future"), {formatDate(dose.date)})};
    if (dose.date < birth)
        return FieldError{"given_on", format(tr("The date {0} is before the birth ({1})"),
                                             {formatDate(dose.date), formatDate(birth)})};
    const auto limit = addMonths(birth, s.ageLimitMonths(*v));
    if (dose.date >= limit) {
        const int months = s.ageLimitMonths(*v);
        return FieldError{"given_on",
                          format(tr("Outside the schedule's ages: {0} is given before {1} (the child reached it on {2})"),
                                 {v->name, ageWords(months), formatDate(limit)})};
    }
    const auto& rule = v->doses[static_cast<std::size_t>(dose.dose - 1)];
    for (const auto& g : given)
        if (g.vaccine == v->code && g.dose == dose.dose)
            return FieldError{"dose", format(tr("{0} was given on {1} already"), {doseName(*v, dose.dose), formatDate(g.date)})};
    if (!v->alternatives.empty()) {
        const auto index = s.indexOf(v->code);
        const auto& inUse = s.vaccines[formIndex(s, given)[index]];
        bool anyGiven = false;
        for (const auto& g : given)
            if (const auto* gv = s.find(g.vaccine); gv && gv->alternatives == v->alternatives) anyGiven = true;
        if (anyGiven && inUse.code != v->code)
            return FieldError{"vaccine", format(tr("This child's doses are of {0} ({1}): continue with it"),
                                                {inUse.name, inUse.code})};
    }
    std::optional<Date> previous;
    if (dose.dose > 1) {
        for (const auto& g : given)
            if (g.vaccine == v->code && g.dose == dose.dose - 1 && (!previous || g.date < *previous)) previous = g.date;
        if (!previous)
            return FieldError{"dose", format(tr("{0} is not recorded: record it first (from the vaccination certificate)"),
                                             {doseName(*v, dose.dose - 1)})};
    }
    const auto scheduled = addMonths(birth, rule.ageMonths);
    if (dose.date < scheduled)
        return FieldError{"given_on", format(tr("Too early: {0} is given from {1} ({2})"),
                                             {doseName(*v, dose.dose), ageWords(rule.ageMonths), formatDate(scheduled)})};
    if (previous && dose.date < after(*previous, rule.minInterval))
        return FieldError{"given_on", format(tr("Too soon after dose {0} of {1}: at least {2}, from {3}"),
                                             {std::to_string(dose.dose - 1), formatDate(*previous),
                                              intervalWords(rule.minInterval),
                                              formatDate(after(*previous, rule.minInterval))})};
    if (rule.afterDose) {
        const auto& a = *rule.afterDose;
        for (const auto& g : given)
            if (g.vaccine == a.vaccine && g.dose == a.dose && dose.date < after(g.date, a.least)) {
                const auto* other = s.find(a.vaccine);
                return FieldError{"given_on", format(tr("Too soon after {0} of {1}: at least {2}, from {3}"),
                                                     {doseName(*other, a.dose), formatDate(g.date),
                                                      intervalWords(a.least), formatDate(after(g.date, a.least))})};
            }
    }
    return std::nullopt;
}

std::string describeState(const DoseLine& line) {
    switch (line.status) {
        case DoseStatus::Given: return format(tr("given on {0}"), {formatDate(line.given->date)});
        case DoseStatus::Due: return format(tr("due by {0}"), {formatDate(addDays(line.overdueFrom, -1))});
        case DoseStatus::Overdue: return format(tr("overdue since {0}"), {formatDate(line.overdueFrom)});
        case DoseStatus::Upcoming: return format(tr("from {0}"), {formatDate(line.earliest)});
        case DoseStatus::TooOld: return tr("no longer given at this age");
        case DoseStatus::Skipped: return tr("the other form is in use");
    }
    return {};
}

std::string describe(const DoseLine& line) {
    const auto name = doseName(*line.vaccine, line.dose);
    switch (line.status) {
        case DoseStatus::Given:
            return format(tr("{0} given on {1}"), {name, formatDate(line.given->date)});
        case DoseStatus::Due:
            return format(tr("{0} due by {1}"), {name, formatDate(addDays(line.overdueFrom, -1))});
        case DoseStatus::Overdue:
            return format(tr("{0} overdue since {1}"), {name, formatDate(line.overdueFrom)});
        case DoseStatus::Upcoming:
            return format(tr("{0} from {1}"), {name, formatDate(line.earliest)});
        case DoseStatus::TooOld:
            return format(tr("{0}: no longer given at this age"), {name});
        case DoseStatus::Skipped:
            return format(tr("{0}: the other form is in use"), {name});
    }
    return name;
}

}  // namespace jiayi::rules::immunization
