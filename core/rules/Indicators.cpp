#include "core/rules/Indicators.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/rules/Chronic.h"
#include "core/util/I18n.h"

namespace jiayi::rules::indicators {

namespace {

struct Row {
    Indicator indicator;
    const char* code;
    const char* name;
};

// quality.md "Indicators" (the first eleven) and contracts.md "Indicators" (the last four).
constexpr Row kRows[] = {
    {Indicator::RecordCoverage, "record_coverage", N_("Health record coverage")},
    {Indicator::RecordUse, "record_use", N_("Health record use")},
    {Indicator::RecordCompleteness, "record_completeness", N_("Health record completeness")},
    {Indicator::HtnManagement, "htn_management", N_("Hypertension management rate")},
    {Indicator::HtnStandard, "htn_standard", N_("Hypertension standard management rate")},
    {Indicator::HtnControl, "htn_control", N_("Blood-pressure control rate of managed patients")},
    {Indicator::T2dManagement, "t2d_management", N_("Diabetes management rate")},
    {Indicator::T2dStandard, "t2d_standard", N_("Diabetes standard management rate")},
    {Indicator::T2dControl, "t2d_control", N_("Blood-glucose control rate of managed patients")},
    {Indicator::ElderlyCheck, "elderly_check",
     N_("Health management rate of residents 65 and over")},
    {Indicator::TimelyFollowUp, "timely_follow_up", N_("Timely follow-up rate")},
    {Indicator::ContractRate, "contract_rate", N_("Contract rate")},
    {Indicator::PriorityContractRate, "priority_contract_rate", N_("Priority-group contract rate")},
    {Indicator::RenewalRate, "renewal_rate", N_("Renewal rate")},
    {Indicator::DeliveryRate, "delivery_rate", N_("Service delivery rate of contracts")},
};

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string percent(double share) {
    return number(std::round(share * 1000.0) / 10.0) + "%";
}

bool faceToFace(const VisitFact& v) {
    return v.mode == "clinic" || v.mode == "home";
}
bool within(const Date& d, const Period& p) {
    return d >= p.from && d <= p.to;
}

// One setting: its name, how it reads and writes, and its bounds.
struct Setting {
    const char* name;
    double Config::*real = nullptr;
    int Config::*whole = nullptr;
    double min, max;
    bool share;  // written as a fraction 0..1
};

const Setting kSettings[] = {
    {"htn_prevalence", &Config::htnPrevalence, nullptr, 0.0, 1.0, true},
    {"t2d_prevalence", &Config::t2dPrevalence, nullptr, 0.0, 1.0, true},
    {"expected_from_age", nullptr, &Config::expectedFromAge, 0, 120, false},
    {"face_to_face_per_quarter", nullptr, &Config::faceToFacePerQuarter, 0, 30, false},
    {"grace_days", nullptr, &Config::graceDays, 0, 90, false},
    {"glucose_target", &Config::glucoseTarget, nullptr, 3.0, 20.0, false},
    {"elderly_age", nullptr, &Config::elderlyAge, 50, 100, false},
    {"digit_min_readings", nullptr, &Config::digitMinReadings, 1, 100000, false},
    {"digit_zero_share", &Config::digitZeroShare, nullptr, 0.0, 1.0, true},
    {"digit_zero_five_share", &Config::digitZeroFiveShare, nullptr, 0.0, 1.0, true},
    {"flat_spread_mmhg", &Config::flatSpreadMmHg, nullptr, 0.0, 50.0, false},
    {"flat_min_visits", nullptr, &Config::flatMinVisits, 2, 100, false},
    {"flat_patient_share", &Config::flatPatientShare, nullptr, 0.0, 1.0, true},
    {"band_spread_mmhg", &Config::bandSpreadMmHg, nullptr, 0.0, 50.0, false},
    {"burst_minutes", nullptr, &Config::burstMinutes, 1, 240, false},
    {"burst_min_visits", nullptr, &Config::burstMinVisits, 2, 1000, false},
    {"day_max_face_to_face", nullptr, &Config::dayMaxFaceToFace, 1, 1000, false},
    {"quarter_end_days", nullptr, &Config::quarterEndDays, 1, 45, false},
    {"quarter_end_share", &Config::quarterEndShare, nullptr, 0.0, 1.0, true},
    {"late_entry_days", nullptr, &Config::lateEntryDays, 1, 3650, false},
    {"late_entry_share", &Config::lateEntryShare, nullptr, 0.0, 1.0, true},
    {"copy_min_records", nullptr, &Config::copyMinRecords, 2, 1000, false},
};

}  // namespace

std::vector<Indicator> allIndicators() {
    std::vector<Indicator> out;
    for (const auto& r : kRows) out.push_back(r.indicator);
    return out;
}

std::string_view code(Indicator i) {
    for (const auto& r : kRows)
        if (r.indicator == i) return r.code;
    return {};
}

std::optional<Indicator> indicatorFromCode(std::string_view c) {
    for (const auto& r : kRows)
        if (c == r.code) return r.indicator;
    return std::nullopt;
}

std::string indicatorName(Indicator i) {
    for (const auto& r : kRows)
        if (r.indicator == i) return tr(r.name);
    return {};
}

std::vector<std::pair<std::string, std::string>> settings(const Config& c) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& s : kSettings)
        out.emplace_back(s.name, s.real ? number(c.*(s.real)) : std::to_string(c.*(s.whole)));
    return out;
}

void set(Config& c, const std::string& name, const std::string& value) {
    for (const auto& s : kSettings) {
        if (name != s.name) continue;
        double v = 0;
        const auto* end = value.data() + value.size();
        const auto [ptr, ec] = std::from_chars(value.data(), end, v);
        if (ec != std::errc() || ptr != end || !std::isfinite(v))
            throw ValidationError(name, tr("Enter a number"));
        if (v < s.min || v > s.max)
            throw ValidationError(
                name, format(tr("Must be between {0} and {1}"), {number(s.min), number(s.max)}));
        if (s.whole && v != std::floor(v)) throw ValidationError(name, tr("Enter a whole number"));
        if (s.real)
            c.*(s.real) = v;
        else
            c.*(s.whole) = static_cast<int>(v);
        return;
    }
    throw ValidationError(name, tr("No such setting"));
}

std::string serialize(const Config& c) {
    std::string out;
    for (const auto& [name, value] : settings(c)) out += name + "=" + value + "\n";
    return out;
}

Config parse(const std::string& text) {
    Config c;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) throw ValidationError("settings", tr("Expected name=value"));
        set(c, line.substr(0, eq), line.substr(eq + 1));
    }
    return c;
}

Definition definition(Indicator i, const Config& c) {
    Definition d{i, indicatorName(i), {}, {}, {}};
    const std::string conventions = "quality.md \"Conventions\"";
    switch (i) {
        case Indicator::RecordCoverage:
            d.numerator = tr("Residents with an open record on the period's last day");
            d.denominator =
                tr("Permanent population entered for the villages and the period's year; none "
                   "entered: no denominator");
            d.source = "quality.md \"Indicators\", " + conventions;
            break;
        case Indicator::RecordUse:
            d.numerator =
                tr("Records with a follow-up, health check or screening dated in the period "
                   "(lost-to-follow-up entries do not count)");
            d.denominator = tr("Residents with an open record on the period's last day");
            d.source = conventions;
            break;
        case Indicator::RecordCompleteness:
            d.numerator =
                tr("Records with ID number, phone, ethnicity, blood type and address all filled");
            d.denominator = tr("Residents with an open record on the period's last day");
            d.source = conventions;
            break;
        case Indicator::HtnManagement:
        case Indicator::T2dManagement: {
            const bool htn = i == Indicator::HtnManagement;
            d.numerator = (htn ? tr("Hypertensive patients under management in the period "
                                    "(enrolled by its end, not closed before its start)")
                               : tr("Diabetic patients under management in the period (enrolled by "
                                    "its end, not closed before its start)"));
            d.denominator = format(tr("Expected patients: residents aged {0} or more on the "
                                      "period's last day × prevalence {1}"),
                                   {std::to_string(c.expectedFromAge),
                                    percent(htn ? c.htnPrevalence : c.t2dPrevalence)});
            d.source = "quality.md \"Indicators\", " + conventions;
            break;
        }
        case Indicator::HtnStandard:
        case Indicator::T2dStandard:
            d.numerator = format(tr("Patients with at least {0} face-to-face follow-up(s) (clinic "
                                    "or home) in each calendar quarter of the period"),
                                 {std::to_string(c.faceToFacePerQuarter)});
            d.denominator = tr("Patients under management in the period");
            d.source = conventions;
            break;
        case Indicator::HtnControl:
            d.numerator =
                tr("Patients whose latest follow-up with a reading in the period met the "
                   "blood-pressure target for their age on that day (a phone call with a home "
                   "reading counts); lost or no reading counts as not controlled");
            d.denominator = tr("Patients under management in the period");
            d.source = "quality.md \"Indicators\", chronic.md \"Control target\", " + conventions;
            break;
        case Indicator::T2dControl:
            d.numerator = format(
                tr("Patients whose latest follow-up with a reading in the period had fasting "
                   "glucose below {0} mmol/L; lost or no reading counts as not controlled"),
                {number(c.glucoseTarget)});
            d.denominator = tr("Patients under management in the period");
            d.source = "quality.md \"Indicators\", " + conventions;
            break;
        case Indicator::ElderlyCheck:
            d.numerator = tr("Of them, residents with a health check dated in the period");
            d.denominator = format(
                tr("Residents with an open record aged {0} or more on the period's last day"),
                {std::to_string(c.elderlyAge)});
            d.source = conventions;
            break;
        case Indicator::TimelyFollowUp:
            d.numerator = format(tr("Of them, items met by a face-to-face follow-up of the "
                                    "programme on or before the due date + {0} days"),
                                 {std::to_string(c.graceDays)});
            d.denominator =
                tr("Next-visit dates of signed hypertension and diabetes follow-ups falling in the "
                   "period (not after the enrolment closed)");
            d.source = conventions;
            break;
        case Indicator::ContractRate:
            d.numerator = tr("Residents with a contract in force on the period's last day");
            d.denominator = tr("Residents with an open record on the period's last day");
            d.source = "contracts.md \"Indicators\"";
            break;
        case Indicator::PriorityContractRate:
            d.numerator =
                tr("Priority-group residents with a contract in force on the period's last day");
            d.denominator =
                tr("Priority-group residents (65+, children 0-6, the chronic programmes, "
                   "disability, tags) with an open record");
            d.source = "contracts.md \"Indicators\", \"Priority groups\"";
            break;
        case Indicator::RenewalRate:
            d.numerator =
                tr("Of them, contracts renewed (a following contract of the same resident)");
            d.denominator = tr("Contracts whose term ended in the period");
            d.source = "contracts.md \"Indicators\"";
            break;
        case Indicator::DeliveryRate:
            d.numerator = tr("Service occurrences delivered so far in the contract year");
            d.denominator =
                tr("Service occurrences due so far in the contract year, of contracts in force on "
                   "the period's last day");
            d.source = "contracts.md \"Indicators\", \"Conventions\"";
            break;
    }
    return d;
}

Period parsePeriod(std::string_view text) {
    const auto bad = [] {
        return ValidationError("period", tr("Write a year (2025), a quarter (2025-Q2), a month "
                                            "(2025-06) or two dates (2025-01-01..2025-06-30)"));
    };
    Period p;
    p.label = std::string(text);
    const auto year = [&](std::string_view y) {
        int v = 0;
        const auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), v);
        if (y.size() != 4 || ec != std::errc() || ptr != y.data() + y.size() || v < 1900 ||
            v > 2200)
            throw bad();
        return v;
    };
    using namespace std::chrono;
    if (const auto dots = text.find(".."); dots != std::string_view::npos) {
        const auto from = parseDate(text.substr(0, dots));
        const auto to = parseDate(text.substr(dots + 2));
        if (!from || !to) throw bad();
        if (*to < *from) throw ValidationError("period", tr("The period ends before it starts"));
        p.from = *from;
        p.to = *to;
    } else if (text.size() == 4) {
        const int y = year(text);
        p.from = Date{std::chrono::year{y}, January, day{1}};
        p.to = Date{std::chrono::year{y}, December, day{31}};
    } else if (text.size() == 7 && (text[5] == 'Q' || text[5] == 'q') && text[4] == '-') {
        const int y = year(text.substr(0, 4));
        const int q = text[6] - '0';
        if (q < 1 || q > 4) throw bad();
        p.from = Date{std::chrono::year{y}, month{static_cast<unsigned>(q * 3 - 2)}, day{1}};
        p.to = addDays(addMonths(p.from, 3), -1);
    } else if (text.size() == 7 && text[4] == '-') {
        const auto from = parseDate(std::string(text) + "-01");
        if (!from) throw bad();
        p.from = *from;
        p.to = addDays(addMonths(p.from, 1), -1);
    } else {
        throw bad();
    }
    return p;
}

std::vector<Period> quartersOf(const Period& p) {
    using namespace std::chrono;
    std::vector<Period> out;
    const unsigned m = static_cast<unsigned>(p.from.month());
    Date start{p.from.year(), month{(m - 1) / 3 * 3 + 1}, day{1}};
    while (start <= p.to) {
        const Date end = addDays(addMonths(start, 3), -1);
        out.push_back({start, end,
                       std::to_string(static_cast<int>(start.year())) + "-Q" +
                           std::to_string((static_cast<unsigned>(start.month()) - 1) / 3 + 1)});
        start = addMonths(start, 3);
    }
    return out;
}

std::vector<Period> monthsOf(const Period& p) {
    using namespace std::chrono;
    std::vector<Period> out;
    Date start{p.from.year(), p.from.month(), day{1}};
    while (start <= p.to) {
        const Date end = addDays(addMonths(start, 1), -1);
        out.push_back(
            {std::max(start, p.from), std::min(end, p.to), formatDate(start).substr(0, 7)});
        start = addMonths(start, 1);
    }
    return out;
}

bool underManagement(const PatientFacts& p, const Period& period) {
    if (!p.enrolledOn || *p.enrolledOn > period.to) return false;
    return !p.closedOn || *p.closedOn >= period.from;
}

bool countable(const PatientFacts& p, const VisitFact& v) {
    return !p.residentGoneOn || v.date <= *p.residentGoneOn;
}

Judgement standard(const PatientFacts& p, const Period& period, const Config& c, bool explain) {
    Judgement j;
    std::vector<std::string> missing;
    std::string last;
    for (const auto& q : quartersOf(period)) {
        const Period clipped{std::max(q.from, period.from), std::min(q.to, period.to), q.label};
        int seen = 0;
        for (const auto& v : p.visits) {
            if (within(v.date, clipped) && faceToFace(v) && countable(p, v)) {
                ++seen;
                last = v.id;
            }
        }
        if (seen < c.faceToFacePerQuarter) missing.push_back(q.label);
    }
    j.counted = missing.empty();
    j.recordId = last;
    if (!explain) return j;
    if (j.counted) {
        j.reason = tr("A face-to-face follow-up in every quarter of the period");
    } else {
        std::string quarters;
        for (const auto& q : missing) quarters += (quarters.empty() ? "" : ", ") + q;
        j.reason = format(tr("No face-to-face follow-up in {0}"), {quarters});
    }
    return j;
}

Judgement control(const PatientFacts& p, const Period& period, const Config& c, bool explain) {
    Judgement j;
    if (p.closeReason == "lost" && p.closedOn && *p.closedOn <= period.to) {
        if (explain)
            j.reason = format(tr("Closed as lost to follow-up on {0}: counts as not controlled"),
                              {formatDate(*p.closedOn)});
        return j;
    }
    const VisitFact* latest = nullptr;
    const VisitFact* measured = nullptr;
    const VisitFact* afterGone = nullptr;
    for (const auto& v : p.visits) {
        if (!within(v.date, period)) continue;
        if (!countable(p, v)) {
            afterGone = &v;
            continue;
        }
        if (!latest || v.date >= latest->date) latest = &v;
        const bool reading =
            p.programme == "t2d" ? v.fastingGlucose.has_value() : (v.systolic && v.diastolic);
        if (reading && (!measured || v.date >= measured->date)) measured = &v;
    }
    if (latest && latest->mode == "lost") {
        j.recordId = latest->id;
        if (explain)
            j.reason =
                format(tr("The latest entry in the period, {0}, is a lost-to-follow-up entry: "
                          "counts as not controlled"),
                       {formatDate(latest->date)});
        return j;
    }
    if (!measured) {
        if (!explain) return j;
        if (afterGone) {
            j.reason = format(tr("The only readings in the period are dated after the record was "
                                 "closed ({0}) and count for nothing"),
                              {formatDate(*p.residentGoneOn)});
        } else if (latest) {
            j.reason = format(tr("No follow-up in the period carries a reading (latest entry {0}): "
                                 "counts as not controlled"),
                              {formatDate(latest->date)});
        } else {
            const VisitFact* before = nullptr;
            for (const auto& v : p.visits)
                if (v.date < period.from && (!before || v.date >= before->date)) before = &v;
            j.reason = before ? format(tr("Last follow-up {0} is older than the period: counts as "
                                          "not controlled"),
                                       {formatDate(before->date)})
                              : tr("No follow-up at all: counts as not controlled");
        }
        return j;
    }
    j.recordId = measured->id;
    if (p.programme == "t2d") {
        j.counted = *measured->fastingGlucose < c.glucoseTarget;
        if (explain)
            j.reason = format(
                (j.counted ? tr("Latest reading {0}: fasting glucose {1} mmol/L, below {2}")
                           : tr("Latest reading {0}: fasting glucose {1} mmol/L, not below {2}")),
                {formatDate(measured->date), number(*measured->fastingGlucose),
                 number(c.glucoseTarget)});
        return j;
    }
    const int age = p.birthDate ? ageOn(*p.birthDate, measured->date) : 0;
    const auto target = chronic::bpTarget(age);
    j.counted = chronic::bpControlled(*measured->systolic, *measured->diastolic, age);
    if (explain)
        j.reason =
            format((j.counted ? tr("Latest reading {0}: {1}/{2} mmHg, within the target below "
                                   "{3}/{4} for age {5}")
                              : tr("Latest reading {0}: {1}/{2} mmHg, not below the target {3}/{4} "
                                   "for age {5}")),
                   {formatDate(measured->date), std::to_string(*measured->systolic),
                    std::to_string(*measured->diastolic), std::to_string(target.systolicBelow),
                    std::to_string(target.diastolicBelow), std::to_string(age)});
    return j;
}

std::vector<DueItem> dueItems(const PatientFacts& p, const Period& period, const Config& c,
                              bool explain) {
    std::vector<DueItem> out;
    for (const auto& form : p.visits) {
        if (!form.nextDue || !within(*form.nextDue, period) || !countable(p, form)) continue;
        if (p.closedOn && *form.nextDue > *p.closedOn) continue;  // due after the enrolment closed
        DueItem item{form.id, *form.nextDue, {}};
        const Date limit = addDays(*form.nextDue, c.graceDays);
        for (const auto& v : p.visits) {
            if (v.date > form.date && v.date <= limit && faceToFace(v) && countable(p, v)) {
                item.met.counted = true;
                item.met.recordId = v.id;
                if (explain)
                    item.met.reason = format(tr("Due {0}, seen face to face on {1}"),
                                             {formatDate(*form.nextDue), formatDate(v.date)});
                break;
            }
        }
        if (!item.met.counted) {
            item.met.recordId = form.id;
            if (explain)
                item.met.reason = format(tr("Due {0}: no face-to-face follow-up by {1}"),
                                         {formatDate(*form.nextDue), formatDate(limit)});
        }
        out.push_back(std::move(item));
    }
    return out;
}

Judgement completeness(const RecordFacts& r) {
    Judgement j;
    std::vector<std::string> missing;
    if (!r.idNumber) missing.push_back(tr("ID number"));
    if (!r.phone) missing.push_back(tr("phone"));
    if (!r.ethnicity) missing.push_back(tr("ethnicity"));
    if (!r.bloodType) missing.push_back(tr("blood type"));
    if (!r.address) missing.push_back(tr("address"));
    j.counted = missing.empty();
    if (j.counted) {
        j.reason = tr("ID number, phone, ethnicity, blood type and address filled");
    } else {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        j.reason = format(tr("Missing: {0}"), {list});
    }
    return j;
}

}  // namespace jiayi::rules::indicators
