#include "core/rules/QualitySignals.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/util/I18n.h"

namespace jiayi::rules::quality {

namespace {

struct KindRow {
    SignalKind kind;
    const char* code;
    const char* name;
};

constexpr KindRow kKinds[] = {
    {SignalKind::TerminalDigit, "terminal_digit", N_("Terminal-digit preference")},
    {SignalKind::LowVariation, "low_variation", N_("Implausibly low variation")},
    {SignalKind::CopyPaste, "copy_paste", N_("Copied records")},
    {SignalKind::Burst, "burst", N_("Bursts of entries")},
    {SignalKind::QuarterEnd, "quarter_end", N_("Crammed at quarter end")},
    {SignalKind::LateEntry, "late_entry", N_("Late entry")},
    {SignalKind::AfterDeath, "after_death", N_("Services after death or move-away")},
    {SignalKind::TwoVillages, "two_villages", N_("Home visits in two villages on one day")},
};

std::string pct(double share) {
    std::ostringstream s;
    s << std::round(share * 1000.0) / 10.0 << "%";
    return s.str();
}

std::string num(double v) {
    std::ostringstream s;
    s << std::round(v * 10.0) / 10.0;
    return s.str();
}

bool faceToFace(const Visit& v) {
    return v.mode == "clinic" || v.mode == "home";
}
bool reading(const Visit& v) {
    return v.systolic && v.diastolic;
}

double stddev(const std::vector<double>& xs) {
    if (xs.size() < 2) return 0;
    double mean = 0;
    for (const double x : xs) mean += x;
    mean /= static_cast<double>(xs.size());
    double sq = 0;
    for (const double x : xs) sq += (x - mean) * (x - mean);
    return std::sqrt(sq / static_cast<double>(xs.size() - 1));
}

// Days since 1970-01-01 of "YYYY-MM-DD…", and the minutes of the day of "…THH:MM".
std::optional<std::pair<long long, int>> readTime(std::string_view t) {
    if (t.size() < 16) return std::nullopt;
    const auto day = parseDate(t.substr(0, 10));
    if (!day || t[10] != 'T') return std::nullopt;
    int h = 0, m = 0;
    if (std::from_chars(t.data() + 11, t.data() + 13, h).ec != std::errc() ||
        std::from_chars(t.data() + 14, t.data() + 16, m).ec != std::errc())
        return std::nullopt;
    return std::pair<long long, int>{std::chrono::sys_days(*day).time_since_epoch().count(),
                                     h * 60 + m};
}

void limit(std::vector<std::string>& records, std::size_t most = 200) {
    if (records.size() > most) records.resize(most);
}

std::optional<Signal> terminalDigit(const std::string& subject,
                                    const std::vector<const Visit*>& visits,
                                    const indicators::Config& c) {
    std::vector<std::string> zeros;
    int n = 0, zero = 0, five = 0;
    for (const auto* v : visits) {
        if (!reading(*v)) continue;
        bool anyZero = false;
        for (const int x : {*v->systolic, *v->diastolic}) {
            ++n;
            if (x % 10 == 0) {
                ++zero;
                anyZero = true;
            }
            if (x % 5 == 0) ++five;
        }
        if (anyZero) zeros.push_back(v->id);
    }
    if (n < c.digitMinReadings) return std::nullopt;
    const double z = static_cast<double>(zero) / n, zf = static_cast<double>(five) / n;
    const double score = std::max(c.digitZeroShare > 0 ? z / c.digitZeroShare : 0,
                                  c.digitZeroFiveShare > 0 ? zf / c.digitZeroFiveShare : 0);
    if (score <= 1.0) return std::nullopt;
    Signal s{SignalKind::TerminalDigit, subject, score,
             format(tr("{0} blood-pressure readings: {1} end in 0 (chance: about 10%, threshold "
                       "{2}), {3} in 0 or 5 "
                       "(chance: about 20%, threshold {4})"),
                    {std::to_string(n), pct(z), pct(c.digitZeroShare), pct(zf),
                     pct(c.digitZeroFiveShare)}),
             std::move(zeros)};
    limit(s.records);
    return s;
}

std::vector<Signal> lowVariation(const std::string& subject,
                                 const std::vector<const Visit*>& visits,
                                 const indicators::Config& c) {
    std::vector<Signal> out;
    // A patient's systolic readings nearly constant across visits.
    std::map<std::string, std::vector<const Visit*>> byPatient;
    std::vector<double> all;
    for (const auto* v : visits) {
        if (!reading(*v)) continue;
        byPatient[v->residentId].push_back(v);
        all.push_back(*v->systolic);
    }
    int patients = 0, flat = 0;
    std::vector<std::string> flatRecords;
    for (const auto& [resident, vs] : byPatient) {
        if (static_cast<int>(vs.size()) < c.flatMinVisits) continue;
        ++patients;
        std::vector<double> sbp, dbp;
        for (const auto* v : vs) {
            sbp.push_back(*v->systolic);
            dbp.push_back(*v->diastolic);
        }
        if (stddev(sbp) < c.flatSpreadMmHg && stddev(dbp) < c.flatSpreadMmHg) {
            ++flat;
            for (const auto* v : vs) flatRecords.push_back(v->id);
        }
    }
    if (patients > 0 && flat >= 2) {
        const double share = static_cast<double>(flat) / patients;
        if (c.flatPatientShare <= 0 || share > c.flatPatientShare) {
            Signal s{
                SignalKind::LowVariation, subject,
                c.flatPatientShare > 0 ? share / c.flatPatientShare : 2.0,
                format(tr("{0} of {1} patients with {2} or more visits have nearly the same blood "
                          "pressure at every "
                          "visit (standard deviation under {3} mmHg; threshold {4} of patients)"),
                       {std::to_string(flat), std::to_string(patients),
                        std::to_string(c.flatMinVisits), num(c.flatSpreadMmHg),
                        pct(c.flatPatientShare)}),
                std::move(flatRecords)};
            limit(s.records);
            out.push_back(std::move(s));
        }
    }
    // Readings spread unnaturally evenly in a narrow band: hypertensive patients' readings
    // spread 10-20 mmHg; a script writing uniform numbers in 120-135 spreads about 4.
    if (static_cast<int>(all.size()) >= c.digitMinReadings) {
        const double sd = stddev(all);
        if (sd < c.bandSpreadMmHg) {
            const auto [lo, hi] = std::minmax_element(all.begin(), all.end());
            std::vector<std::string> records;
            for (const auto* v : visits)
                if (reading(*v)) records.push_back(v->id);
            Signal s{SignalKind::LowVariation, subject, sd > 0 ? c.bandSpreadMmHg / sd : 10.0,
                     format(tr("{0} systolic readings all between {1} and {2} mmHg, standard "
                               "deviation {3} mmHg "
                               "(threshold {4}; patients under treatment usually spread 10-20)"),
                            {std::to_string(all.size()), num(*lo), num(*hi), num(sd),
                             num(c.bandSpreadMmHg)}),
                     std::move(records)};
            limit(s.records);
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::optional<Signal> copyPaste(const std::string& subject, const std::vector<const Visit*>& visits,
                                const indicators::Config& c) {
    // Identical vitals, text and selections (the whole form) on several records.
    using Key = std::tuple<std::optional<int>, std::optional<int>, std::optional<int>,
                           std::optional<double>, std::optional<double>, std::string, std::string>;
    std::map<Key, std::vector<const Visit*>> same;
    for (const auto* v : visits)
        if (reading(*v))
            same[{v->systolic, v->diastolic, v->heartRate, v->weight, v->glucose, v->programme,
                  v->content}]
                .push_back(v);
    std::vector<std::string> records;
    int groups = 0, biggest = 0;
    for (const auto& [key, vs] : same) {
        if (static_cast<int>(vs.size()) < c.copyMinRecords) continue;
        ++groups;
        biggest = std::max(biggest, static_cast<int>(vs.size()));
        for (const auto* v : vs) records.push_back(v->id);
    }
    if (groups == 0) return std::nullopt;
    Signal s{SignalKind::CopyPaste, subject, static_cast<double>(biggest) / c.copyMinRecords,
             format(tr("{0} records in {1} group(s) of identical readings, text and selections "
                       "(the largest {2} "
                       "records; threshold {3})"),
                    {std::to_string(records.size()), std::to_string(groups),
                     std::to_string(biggest), std::to_string(c.copyMinRecords)}),
             std::move(records)};
    limit(s.records);
    return s;
}

std::vector<Signal> bursts(const std::string& subject, const std::vector<const Visit*>& visits,
                           const indicators::Config& c) {
    std::vector<Signal> out;
    // Saved minutes apart: runs of signings each within burst_minutes of the one before.
    std::vector<std::pair<std::pair<long long, int>, const Visit*>> timed;
    for (const auto* v : visits)
        if (const auto t = readTime(v->signedAt)) timed.push_back({*t, v});
    std::sort(timed.begin(), timed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> burstRecords;
    int runs = 0, longest = 0;
    std::size_t start = 0;
    const auto minutes = [](const std::pair<long long, int>& t) {
        return t.first * 1440 + t.second;
    };
    for (std::size_t i = 1; i <= timed.size(); ++i) {
        const bool breaks = i == timed.size() ||
                            minutes(timed[i].first) - minutes(timed[i - 1].first) >= c.burstMinutes;
        if (!breaks) continue;
        const int length = static_cast<int>(i - start);
        if (length >= c.burstMinVisits) {
            ++runs;
            longest = std::max(longest, length);
            for (std::size_t k = start; k < i; ++k) burstRecords.push_back(timed[k].second->id);
        }
        start = i;
    }
    if (runs > 0) {
        Signal s{SignalKind::Burst, subject, static_cast<double>(longest) / c.burstMinVisits,
                 format(tr("{0} run(s) of {1} or more follow-ups saved less than {2} minutes apart "
                           "(the longest {3})"),
                        {std::to_string(runs), std::to_string(c.burstMinVisits),
                         std::to_string(c.burstMinutes), std::to_string(longest)}),
                 std::move(burstRecords)};
        limit(s.records);
        out.push_back(std::move(s));
    }
    // More face-to-face visits on one day than could be seen.
    std::map<std::pair<std::string, Date>, std::vector<const Visit*>> byDay;
    for (const auto* v : visits)
        if (faceToFace(*v)) byDay[{v->doctor, v->date}].push_back(v);
    std::vector<std::string> dayRecords;
    int days = 0;
    std::size_t most = 0;
    Date worst{};
    for (const auto& [key, vs] : byDay) {
        if (static_cast<int>(vs.size()) <= c.dayMaxFaceToFace) continue;
        ++days;
        if (vs.size() > most) {
            most = vs.size();
            worst = key.second;
        }
        for (const auto* v : vs) dayRecords.push_back(v->id);
    }
    if (days > 0) {
        Signal s{SignalKind::Burst, subject, static_cast<double>(most) / c.dayMaxFaceToFace,
                 format(tr("{0} day(s) with more than {1} face-to-face follow-ups by one doctor "
                           "({2} on {3})"),
                        {std::to_string(days), std::to_string(c.dayMaxFaceToFace),
                         std::to_string(most), formatDate(worst)}),
                 std::move(dayRecords)};
        limit(s.records);
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<Signal> quarterEnd(const std::string& subject, const std::vector<const Visit*>& visits,
                                 const indicators::Config& c, const indicators::Period& period) {
    // Per calendar quarter: the share of its visits in its last days.
    struct Q {
        int all = 0, late = 0;
        std::vector<std::string> records;
    };
    std::map<std::pair<int, unsigned>, Q> quarters;
    for (const auto* v : visits) {
        const unsigned q = (static_cast<unsigned>(v->date.month()) - 1) / 3;
        const Date next =
            q == 3 ? Date{v->date.year() + std::chrono::years{1}, std::chrono::January,
                          std::chrono::day{1}}
                   : Date{v->date.year(), std::chrono::month{q * 3 + 4}, std::chrono::day{1}};
        const Date first{v->date.year(), std::chrono::month{q * 3 + 1}, std::chrono::day{1}};
        if (first < period.from || addDays(next, -1) > period.to) continue;  // a quarter cut by the period
        auto& quarter = quarters[{static_cast<int>(v->date.year()), q}];
        ++quarter.all;
        if (daysBetween(v->date, next) <= c.quarterEndDays) {
            ++quarter.late;
            quarter.records.push_back(v->id);
        }
    }
    int crammed = 0, counted = 0;
    double worst = 0;
    std::string worstLabel;
    std::vector<std::string> records;
    for (const auto& [key, q] : quarters) {
        if (q.all < 8) continue;  // too few to tell
        ++counted;
        const double share = static_cast<double>(q.late) / q.all;
        if (share <= c.quarterEndShare) continue;
        ++crammed;
        if (share > worst) {
            worst = share;
            worstLabel = std::to_string(key.first) + "-Q" + std::to_string(key.second + 1);
        }
        records.insert(records.end(), q.records.begin(), q.records.end());
    }
    if (crammed == 0) return std::nullopt;
    const double expected = static_cast<double>(c.quarterEndDays) / 91.0;
    Signal s{SignalKind::QuarterEnd, subject,
             c.quarterEndShare > 0 ? worst / c.quarterEndShare : 2.0,
             format(tr("In {0} of {1} quarters more than {2} of the follow-ups fall in the last "
                       "{3} days (expected about "
                       "{4}; worst {5}: {6})"),
                    {std::to_string(crammed), std::to_string(counted), pct(c.quarterEndShare),
                     std::to_string(c.quarterEndDays), pct(expected), worstLabel, pct(worst)}),
             std::move(records)};
    limit(s.records);
    return s;
}

std::optional<Signal> lateEntry(const std::string& subject, const std::vector<const Visit*>& visits,
                                const indicators::Config& c) {
    std::vector<std::string> records;
    int late = 0, n = 0, longest = 0;
    for (const auto* v : visits) {
        const auto t = readTime(v->signedAt);
        if (!t) continue;
        ++n;
        const long long visitDay = std::chrono::sys_days(v->date).time_since_epoch().count();
        const int gap = static_cast<int>(t->first - visitDay);
        if (gap > c.lateEntryDays) {
            ++late;
            longest = std::max(longest, gap);
            records.push_back(v->id);
        }
    }
    if (n == 0 || late < 3) return std::nullopt;
    const double share = static_cast<double>(late) / n;
    if (share <= c.lateEntryShare) return std::nullopt;
    Signal s{SignalKind::LateEntry, subject, c.lateEntryShare > 0 ? share / c.lateEntryShare : 2.0,
             format(tr("{0} of {1} follow-ups entered more than {2} days after the visit (the "
                       "longest {3} days; "
                       "threshold {4} of visits)"),
                    {std::to_string(late), std::to_string(n), std::to_string(c.lateEntryDays),
                     std::to_string(longest), pct(c.lateEntryShare)}),
             std::move(records)};
    limit(s.records);
    return s;
}

std::optional<Signal> afterDeath(const std::string& subject,
                                 const std::vector<const Visit*>& visits) {
    std::vector<std::string> records;
    std::set<std::string> residents;
    for (const auto* v : visits)
        if (v->residentGoneOn && v->date > *v->residentGoneOn && v->mode != "dead") {
            records.push_back(v->id);
            residents.insert(v->residentId);
        }
    if (records.empty()) return std::nullopt;
    return Signal{SignalKind::AfterDeath, subject, static_cast<double>(records.size()),
                  format(tr("{0} follow-up(s) of {1} resident(s) dated after the recorded death or "
                            "move-away; they count "
                            "for no indicator"),
                         {std::to_string(records.size()), std::to_string(residents.size())}),
                  std::move(records)};
}

std::optional<Signal> twoVillages(const std::string& subject,
                                  const std::vector<const Visit*>& visits) {
    std::map<std::pair<std::string, Date>, std::map<std::string, std::vector<std::string>>> days;
    for (const auto* v : visits)
        if (v->mode == "home") days[{v->doctor, v->date}][v->villageCode].push_back(v->id);
    int count = 0;
    Date first{};
    std::vector<std::string> records;
    for (const auto& [key, villages] : days) {
        if (villages.size() < 2) continue;
        if (count++ == 0) first = key.second;
        for (const auto& [village, ids] : villages)
            records.insert(records.end(), ids.begin(), ids.end());
    }
    if (count == 0) return std::nullopt;
    Signal s{
        SignalKind::TwoVillages, subject, static_cast<double>(count),
        format(tr("{0} day(s) with home visits by one doctor in more than one village (first {1})"),
               {std::to_string(count), formatDate(first)}),
        std::move(records)};
    limit(s.records);
    return s;
}

}  // namespace

std::vector<SignalKind> allSignalKinds() {
    std::vector<SignalKind> out;
    for (const auto& k : kKinds) out.push_back(k.kind);
    return out;
}

std::string_view code(SignalKind k) {
    for (const auto& r : kKinds)
        if (r.kind == k) return r.code;
    return {};
}

std::optional<SignalKind> signalKindFromCode(std::string_view c) {
    for (const auto& r : kKinds)
        if (c == r.code) return r.kind;
    return std::nullopt;
}

std::string signalName(SignalKind k) {
    for (const auto& r : kKinds)
        if (r.kind == k) return tr(r.name);
    return {};
}

std::vector<std::string> logicErrors(const Visit& v, const Date& today) {
    std::vector<std::string> out;
    if (v.systolic && v.diastolic && *v.diastolic >= *v.systolic)
        out.push_back(format(tr("Diastolic {0} not below systolic {1}"), {std::to_string(*v.diastolic), std::to_string(*v.systolic)}));
    const auto outside = [&](const char* what, std::optional<double> value, double lo, double hi, const char* unit) {
        if (value && (*value < lo || *value > hi))
            out.push_back(format(tr("{0} {1} {2} outside {3}-{4}"), {tr(what), num(*value), unit, num(lo), num(hi)}));
    };
    outside(N_("Systolic"), v.systolic ? std::optional<double>(*v.systolic) : std::nullopt, 60, 300, "mmHg");
    outside(N_("Diastolic"), v.diastolic ? std::optional<double>(*v.diastolic) : std::nullopt, 30, 200, "mmHg");
    outside(N_("Heart rate"), v.heartRate ? std::optional<double>(*v.heartRate) : std::nullopt, 20, 250, "/min");
    outside(N_("Fasting glucose"), v.glucose, 1.0, 35.0, "mmol/L");
    outside(N_("Weight"), v.weight, 1, 300, "kg");
    if (v.date > today) out.push_back(format(tr("Visit date {0} is in the future"), {formatDate(v.date)}));
    if (v.recordCreatedOn && v.date < *v.recordCreatedOn)
        out.push_back(format(tr("Visit date {0} is before the record was created on {1}"),
                             {formatDate(v.date), formatDate(*v.recordCreatedOn)}));
    if (v.residentGoneOn && v.date > *v.residentGoneOn && v.mode != "dead")
        out.push_back(format(v.residentGone == "dead" ? tr("Visit date {0} is after the recorded death on {1}")
                                                      : tr("Visit date {0} is after the move-away on {1}"),
                             {formatDate(v.date), formatDate(*v.residentGoneOn)}));
    // A phone call keeps the face-to-face date already due (chronic.md), which may be past.
    if (v.nextDue && *v.nextDue <= v.date && faceToFace(v))
        out.push_back(format(tr("Next visit {0} is not after the visit"), {formatDate(*v.nextDue)}));
    return out;
}

std::optional<long long> minutesBetween(std::string_view from, std::string_view to) {
    const auto a = readTime(from), b = readTime(to);
    if (!a || !b) return std::nullopt;
    return (b->first - a->first) * 1440 + (b->second - a->second);
}

std::vector<Signal> signalsFor(const std::string& subject, const std::vector<const Visit*>& visits,
                               const indicators::Config& c, const indicators::Period& period) {
    std::vector<Signal> out;
    const auto add = [&](std::optional<Signal> s) {
        if (s) out.push_back(std::move(*s));
    };
    add(terminalDigit(subject, visits, c));
    for (auto& s : lowVariation(subject, visits, c)) out.push_back(std::move(s));
    add(copyPaste(subject, visits, c));
    for (auto& s : bursts(subject, visits, c)) out.push_back(std::move(s));
    add(quarterEnd(subject, visits, c, period));
    add(lateEntry(subject, visits, c));
    add(afterDeath(subject, visits));
    add(twoVillages(subject, visits));
    return out;
}

}  // namespace jiayi::rules::quality
