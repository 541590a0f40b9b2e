#include "core/services/Supervision.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <set>

#include "core/rules/Contracts.h"
#include "core/rules/Divisions.h"
#include "core/services/Contracts.h"
#include "core/services/Guard.h"
#include "core/store/AuditLog.h"
#include "core/store/ContractRepository.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/store/SupervisionRepository.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::services {

namespace ind = rules::indicators;
using ind::Indicator;

namespace {

constexpr const char* kSettingsKey = "quality.settings";
constexpr std::size_t kIndicators = 15;
std::size_t slot(Indicator i) {
    return static_cast<std::size_t>(i);
}

// What the follow-up window reaches back before a period: a form signed up to a year
// earlier can set a due date inside it.
constexpr int kWindowDays = 400;

bool perArea(Indicator i) {
    switch (i) {
        case Indicator::RecordCoverage:
        case Indicator::RecordUse:
        case Indicator::RecordCompleteness:
        case Indicator::ElderlyCheck:
        case Indicator::ContractRate:
        case Indicator::PriorityContractRate:
        case Indicator::RenewalRate:
        case Indicator::DeliveryRate:
            return true;
        default:
            return false;
    }
}

bool isContract(Indicator i) {
    return i == Indicator::ContractRate || i == Indicator::PriorityContractRate ||
           i == Indicator::RenewalRate || i == Indicator::DeliveryRate;
}

struct Tally {
    std::array<double, kIndicators> num{}, den{};
    long long adults = 0;      // open records aged expectedFromAge+ on the last day
    long long population = 0;  // entered permanent population
    int villagesWithoutPopulation = 0;
    bool anyContract = false;
    void add(const Tally& o) {
        for (std::size_t i = 0; i < kIndicators; ++i) {
            num[i] += o.num[i];
            den[i] += o.den[i];
        }
        adults += o.adults;
        population += o.population;
        villagesWithoutPopulation += o.villagesWithoutPopulation;
        anyContract = anyContract || o.anyContract;
    }
};

}  // namespace

const Figure* IndicatorReport::figure(Indicator i) const {
    for (const auto& f : figures)
        if (f.indicator == i) return &f;
    return nullptr;
}

// One pass over an area's records for a period: tallies by village, and the members of one
// indicator when traced.
class Supervision::Walk {
public:
    ind::Period period;
    ind::Config config;
    std::string doctor;
    std::set<Indicator> wanted;  // empty: all
    std::optional<Indicator> traced;
    std::vector<Member>* members = nullptr;
    std::map<std::string, Tally> villages;

private:
    Tally* m_last = nullptr;
    std::string m_lastKey;

public:
    bool needs(Indicator i) const {
        if (!doctor.empty() && perArea(i)) return false;
        if (traced) return *traced == i;
        return wanted.empty() || wanted.count(i) > 0;
    }
    // The village's tally; residents come village by village, so the last one is kept at hand.
    Tally& at(const std::string& village) {
        if (!m_last || m_lastKey != village) {
            m_last = &villages[village];
            m_lastKey = village;
        }
        return *m_last;
    }
    template <typename MakeMember>
    void hit(Indicator i, const std::string& village, bool counted, MakeMember&& make,
             double weight = 1) {
        auto& t = at(village);
        t.den[slot(i)] += weight;
        if (counted) t.num[slot(i)] += weight;
        if (members && traced == i) {
            Member m = make();
            m.counted = counted;
            members->push_back(std::move(m));
        }
    }
    // Numerator only (the denominator is computed: population, expected patients).
    template <typename MakeMember>
    void count(Indicator i, const std::string& village, MakeMember&& make) {
        at(village).num[slot(i)] += 1;
        if (members && traced == i) {
            Member m = make();
            m.counted = true;
            members->push_back(std::move(m));
        }
    }
};

Supervision::Supervision(store::Database& db, Session session)
    : m_db(db), m_session(std::move(session)) {}

ind::Config Supervision::config() {
    const auto text = store::siteMeta(m_db, kSettingsKey);
    return text ? ind::parse(*text) : ind::Config{};
}

void Supervision::setSetting(const std::string& name, const std::string& value) {
    if (!m_session.can(rules::Right::ManageSite))
        Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    store::Transaction tx(m_db);
    auto c = config();
    ind::set(c, name, value);
    store::setSiteMeta(m_db, kSettingsKey, ind::serialize(c));
    std::string detail = "{\"setting\":";
    appendJsonString(detail, name);
    detail += ",\"value\":";
    appendJsonString(detail, value);
    detail += "}";
    store::AuditLog(m_db).append(m_session.login, "setting", "site_meta", kSettingsKey, "", detail);
    tx.commit();
}

void Supervision::setPopulation(const std::string& villageCode, int year, long long count) {
    if (!m_session.can(rules::Right::ManageSite))
        Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    const auto village = rules::divisionPrefix(villageCode);
    if (village.size() != 12 || !store::DivisionRepository(m_db).get(village))
        throw ValidationError("village", tr("Not a village of the division list"));
    Guard(m_db, m_session).requireArea(village);
    if (year < 2000 || year > 2200)
        throw ValidationError("year", tr("Enter a year between 2000 and 2200"));
    if (count < 0 || count > 10'000'000)
        throw ValidationError("population",
                              tr("Enter the number of permanent residents (0 to 10,000,000)"));
    store::Transaction tx(m_db);
    // One row per village and year, the same id at every site: two entries merge by field.
    store::SupervisionRepository(m_db).setPopulation(village, year, count, m_session.login,
                                                     m_today ? *m_today : today());
    tx.commit();
}

std::map<std::string, long long> Supervision::populations(const std::string& scope, int year) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    return store::SupervisionRepository(m_db).populations(area(scope), year);
}

std::string Supervision::area(const std::string& scope) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    return Guard(m_db, m_session).withinArea(rules::scopePrefix(scope));
}

void Supervision::run(Walk& w, const std::string& scope) {
    std::optional<store::Transaction> snapshot;
    if (!m_db.inTransaction()) snapshot.emplace(m_db, store::Transaction::Mode::Deferred);
    store::SupervisionRepository repo(m_db);
    const auto& p = w.period;
    const auto& c = w.config;
    const bool records = w.needs(Indicator::RecordCoverage) || w.needs(Indicator::RecordUse) ||
                         w.needs(Indicator::RecordCompleteness) ||
                         w.needs(Indicator::ElderlyCheck) || w.needs(Indicator::ContractRate) ||
                         w.needs(Indicator::PriorityContractRate) ||
                         w.needs(Indicator::HtnManagement) || w.needs(Indicator::T2dManagement);
    if (records) {
        std::unordered_map<std::string, std::string> served, checks;
        std::unordered_set<std::string> contracted;
        std::unordered_map<std::string, std::vector<std::string>> programmes, tags;
        store::ContractRepository contractRows(m_db);
        if (w.needs(Indicator::RecordUse)) served = repo.served(scope, p.from, p.to);
        if (w.needs(Indicator::ElderlyCheck)) checks = repo.checks(scope, p.from, p.to);
        if (w.needs(Indicator::ContractRate) || w.needs(Indicator::PriorityContractRate))
            contracted = contractRows.contractedIds(scope, p.to);
        if (w.needs(Indicator::PriorityContractRate)) {
            programmes = contractRows.programmesIn(scope);
            tags = contractRows.tagsIn(scope);
        }
        static const std::vector<std::string> none;
        const auto member = [](const store::RecordRow& r) {
            Member m;
            m.residentId = r.id;
            m.name = r.name;
            m.archiveNo = r.archiveNo;
            m.villageCode = r.villageCode;
            return m;
        };
        repo.forOpenRecords(
            scope, p.to, w.needs(Indicator::RecordCompleteness), [&](const store::RecordRow& r) {
                const int age = r.birthDate ? ageOn(*r.birthDate, p.to) : 0;
                if (r.birthDate && age >= c.expectedFromAge) ++w.at(r.villageCode).adults;
                if (w.needs(Indicator::RecordCoverage))
                    w.count(Indicator::RecordCoverage, r.villageCode, [&] {
                        auto m = member(r);
                        m.reason = tr("Record open on the period's last day");
                        return m;
                    });
                if (w.needs(Indicator::RecordUse)) {
                    const auto s = served.find(r.id);
                    w.hit(Indicator::RecordUse, r.villageCode, s != served.end(), [&] {
                        auto m = member(r);
                        m.reason =
                            s != served.end()
                                ? tr("A follow-up, health check or screening in the period")
                                : tr("No follow-up, health check or screening in the period");
                        if (s != served.end()) m.recordId = s->second;
                        return m;
                    });
                }
                if (w.needs(Indicator::RecordCompleteness)) {
                    const auto& f = r.facts;
                    const bool complete =
                        f.idNumber && f.phone && f.ethnicity && f.bloodType && f.address;
                    w.hit(Indicator::RecordCompleteness, r.villageCode, complete, [&] {
                        auto m = member(r);
                        m.reason = ind::completeness(f).reason;
                        return m;
                    });
                }
                if (w.needs(Indicator::ElderlyCheck) && r.birthDate && age >= c.elderlyAge) {
                    const auto k = checks.find(r.id);
                    w.hit(Indicator::ElderlyCheck, r.villageCode, k != checks.end(), [&] {
                        auto m = member(r);
                        m.reason = k != checks.end()
                                       ? format(tr("Aged {0}: health check in the period"),
                                                {std::to_string(age)})
                                       : format(tr("Aged {0}: no health check in the period"),
                                                {std::to_string(age)});
                        if (k != checks.end()) m.recordId = k->second;
                        return m;
                    });
                }
                const bool has = contracted.count(r.id) > 0;
                if (w.needs(Indicator::ContractRate))
                    w.hit(Indicator::ContractRate, r.villageCode, has, [&] {
                        auto m = member(r);
                        m.reason = has ? tr("A contract in force on the period's last day")
                                       : tr("No contract in force on the period's last day");
                        return m;
                    });
                if (w.needs(Indicator::PriorityContractRate)) {
                    // contracts.md "Priority groups", by the rule the contract pages use.
                    const store::ResidentFacts facts{r.id, {}, {},          r.villageCode,
                                                     {},   {}, r.birthDate, r.disabled};
                    const auto pr = programmes.find(r.id);
                    const auto tg = tags.find(r.id);
                    const auto groups =
                        Contracts::groupsFrom(facts, pr == programmes.end() ? none : pr->second,
                                              tg == tags.end() ? none : tg->second, p.to);
                    if (!groups.empty())
                        w.hit(Indicator::PriorityContractRate, r.villageCode, has, [&] {
                            auto m = member(r);
                            m.reason = format(has ? tr("{0}: a contract in force")
                                                  : tr("{0}: no contract in force"),
                                              {groupNames(groups)});
                            return m;
                        });
                }
            });
        if (w.needs(Indicator::RecordCoverage)) {
            const auto pop = repo.populations(scope, static_cast<int>(p.to.year()));
            for (const auto& [village, n] : pop) w.villages[village].population += n;
            for (auto& [village, t] : w.villages)
                if (!pop.count(village)) ++t.villagesWithoutPopulation;
        }
    }

    const bool chronic = w.needs(Indicator::HtnManagement) || w.needs(Indicator::HtnStandard) ||
                         w.needs(Indicator::HtnControl) || w.needs(Indicator::T2dManagement) ||
                         w.needs(Indicator::T2dStandard) || w.needs(Indicator::T2dControl) ||
                         w.needs(Indicator::TimelyFollowUp);
    if (chronic) {
        for (const auto& patient :
             repo.patients(scope, w.doctor, p.from, p.to, addDays(p.from, -kWindowDays))) {
            const auto& f = patient.facts;
            if (!ind::underManagement(f, p)) continue;
            const bool htn = f.programme == "htn";
            const auto member = [&] {
                Member m;
                m.residentId = patient.residentId;
                m.name = patient.name;
                m.archiveNo = patient.archiveNo;
                m.villageCode = patient.villageCode;
                m.doctor = patient.doctor;
                return m;
            };
            const auto management = htn ? Indicator::HtnManagement : Indicator::T2dManagement;
            if (w.needs(management))
                w.count(management, patient.villageCode, [&] {
                    auto m = member();
                    m.reason =
                        f.closedOn
                            ? format(
                                  tr("Enrolled {0}, closed {1} ({2}) in the period: stays counted"),
                                  {formatDate(*f.enrolledOn), formatDate(*f.closedOn),
                                   f.closeReason})
                            : format(tr("Under management since {0}"), {formatDate(*f.enrolledOn)});
                    return m;
                });
            const bool explain = w.members != nullptr;
            // A judgement of this patient: counted or not, and why, for the list.
            const auto judged = [&](Indicator i, const ind::Judgement& j) {
                w.hit(i, patient.villageCode, j.counted, [&] {
                    auto m = member();
                    m.reason = j.reason;
                    m.recordId = j.recordId;
                    return m;
                });
            };
            const auto standard = htn ? Indicator::HtnStandard : Indicator::T2dStandard;
            if (w.needs(standard)) judged(standard, ind::standard(f, p, c, explain));
            const auto control = htn ? Indicator::HtnControl : Indicator::T2dControl;
            if (w.needs(control)) judged(control, ind::control(f, p, c, explain));
            if (w.needs(Indicator::TimelyFollowUp))
                for (const auto& item : ind::dueItems(f, p, c, explain))
                    judged(Indicator::TimelyFollowUp, item.met);
        }
    }

    if (w.needs(Indicator::RenewalRate))
        for (const auto& e : repo.endedIn(scope, p.from, p.to)) {
            w.villages[e.villageCode].anyContract = true;
            w.hit(Indicator::RenewalRate, e.villageCode, !e.renewedBy.empty(), [&] {
                Member m;
                m.residentId = e.residentId;
                m.villageCode = e.villageCode;
                m.doctor = e.doctor;
                m.recordId = e.renewedBy.empty() ? e.id : e.renewedBy;
                m.reason = e.renewedBy.empty()
                               ? format(tr("Term ended {0}, not renewed"), {formatDate(e.endOn)})
                               : format(tr("Term ended {0}, renewed"), {formatDate(e.endOn)});
                return m;
            });
        }
    if (w.needs(Indicator::DeliveryRate)) {
        Contracts contracts(m_db, m_session);
        contracts.setToday(p.to);
        for (const auto& d : contracts.deliveryIn(scope, "", p.to, false)) {
            auto& t = w.villages[d.contract.villageCode];
            t.anyContract = true;
            t.den[slot(Indicator::DeliveryRate)] += d.dueSoFar;
            t.num[slot(Indicator::DeliveryRate)] += d.delivered;
            if (w.members && w.traced == Indicator::DeliveryRate && d.dueSoFar > 0) {
                Member m;
                m.residentId = d.contract.residentId;
                m.villageCode = d.contract.villageCode;
                m.doctor = d.contract.doctor;
                m.recordId = d.contractId;
                m.counted = d.delivered >= d.dueSoFar;
                m.reason = format(tr("{0} of {1} service occurrences due so far delivered"),
                                  {std::to_string(d.delivered), std::to_string(d.dueSoFar)});
                w.members->push_back(std::move(m));
            }
        }
    }
}

namespace {

std::string divisionName(store::Database& db, const std::string& scope) {
    if (scope.empty()) return tr("All divisions");
    auto padded = scope;
    padded.resize(12, '0');
    const auto d = store::DivisionRepository(db).get(padded);
    return d ? d->name : scope;
}

IndicatorReport makeReport(store::Database& db, const ind::Period& period, const std::string& scope,
                           const std::string& doctor, const Tally& t, const ind::Config& c,
                           const std::set<Indicator>& wanted) {
    IndicatorReport r;
    r.period = period;
    r.scope = scope;
    r.scopeName = divisionName(db, scope);
    r.doctor = doctor;
    r.settings = ind::settings(c);
    for (const auto i : ind::allIndicators()) {
        if (!doctor.empty() && perArea(i)) continue;
        if (!wanted.empty() && !wanted.count(i)) continue;
        Figure f;
        f.indicator = i;
        f.code = std::string(ind::code(i));
        f.name = ind::indicatorName(i);
        f.numerator = t.num[slot(i)];
        f.denominator = t.den[slot(i)];
        if (i == Indicator::RecordCoverage) {
            if (t.villagesWithoutPopulation > 0 || t.population == 0) {
                f.denominator.reset();
                f.note = format(
                    tr("No denominator: no permanent population entered for {0} village(s) in {1}"),
                    {std::to_string(std::max(t.villagesWithoutPopulation, 1)),
                     std::to_string(static_cast<int>(period.to.year()))});
            } else {
                f.denominator = static_cast<double>(t.population);
            }
        } else if (i == Indicator::HtnManagement || i == Indicator::T2dManagement) {
            if (!doctor.empty()) {
                f.denominator.reset();
                f.note =
                    tr("No denominator for one doctor: expected patients are counted per area");
            } else {
                const double prevalence =
                    i == Indicator::HtnManagement ? c.htnPrevalence : c.t2dPrevalence;
                f.denominator =
                    std::round(static_cast<double>(t.adults) * prevalence * 10.0) / 10.0;
            }
        } else if (isContract(i) && f.denominator == 0.0) {
            f.note = tr("Nothing to count in the period");
        } else if (f.denominator == 0.0) {
            f.note = tr("Nothing to count in the period");
        }
        r.figures.push_back(std::move(f));
        r.definitions.push_back(ind::definition(i, c));
    }
    return r;
}

}  // namespace

IndicatorReport Supervision::report(const std::string& scope, const ind::Period& period,
                                    const std::string& doctor) {
    const auto area = this->area(scope);
    Walk w;
    w.period = period;
    w.config = config();
    w.doctor = doctor;
    run(w, area);
    Tally all;
    for (const auto& [village, t] : w.villages) all.add(t);
    return makeReport(m_db, period, area, doctor, all, w.config, {});
}

std::vector<IndicatorReport> Supervision::byDivision(const std::string& scope,
                                                     const ind::Period& period,
                                                     IndicatorReport* total) {
    const auto area = this->area(scope);
    Walk w;
    w.period = period;
    w.config = config();
    run(w, area);
    if (total) {
        Tally all;
        for (const auto& [village, t] : w.villages) all.add(t);
        *total = makeReport(m_db, period, area, {}, all, w.config, {});
    }
    // One level below the area: its villages for a township, its townships for a county …
    const std::size_t width = area.size() >= 9   ? 12
                              : area.size() >= 6 ? 9
                              : area.size() >= 4 ? 6
                              : area.size() >= 2 ? 4
                                                 : 2;
    std::map<std::string, Tally> groups;
    for (const auto& [village, t] : w.villages)
        groups[village.substr(0, std::min(width, village.size()))].add(t);
    std::vector<IndicatorReport> out;
    for (const auto& [prefix, t] : groups)
        out.push_back(makeReport(m_db, period, prefix, {}, t, w.config, {}));
    return out;
}

std::vector<IndicatorReport> Supervision::monthly(const std::string& scope,
                                                  const ind::Period& period,
                                                  const std::string& doctor) {
    // Each month from the period's start to the month's end (a control rate of one month
    // alone would count every patient not seen that month as uncontrolled). The patients and
    // their follow-ups are read once; each month judges them on the visits up to its end, as a
    // report of that span would.
    const auto area = this->area(scope);
    const auto c = config();
    const std::set<Indicator> wanted{Indicator::HtnControl, Indicator::T2dControl,
                                     Indicator::TimelyFollowUp};
    const auto months = ind::monthsOf(period);
    std::vector<Tally> tallies(months.size());
    std::optional<store::Transaction> snapshot;
    if (!m_db.inTransaction()) snapshot.emplace(m_db, store::Transaction::Mode::Deferred);
    const auto patients = store::SupervisionRepository(m_db).patients(
        area, doctor, period.from, period.to, addDays(period.from, -kWindowDays));
    ind::PatientFacts upTo;
    for (const auto& patient : patients) {
        const auto& f = patient.facts;
        const auto control = f.programme == "htn" ? Indicator::HtnControl : Indicator::T2dControl;
        std::size_t seen = 0;  // visits dated up to the month's end
        upTo = f;
        upTo.visits.clear();
        for (std::size_t k = 0; k < months.size(); ++k) {
            const ind::Period span{period.from, months[k].to, months[k].label};
            while (seen < f.visits.size() && f.visits[seen].date <= span.to)
                upTo.visits.push_back(f.visits[seen++]);
            if (!ind::underManagement(f, span)) continue;
            auto& t = tallies[k];
            t.den[slot(control)] += 1;
            if (ind::control(upTo, span, c, false).counted) t.num[slot(control)] += 1;
            for (const auto& item : ind::dueItems(upTo, span, c, false)) {
                t.den[slot(Indicator::TimelyFollowUp)] += 1;
                if (item.met.counted) t.num[slot(Indicator::TimelyFollowUp)] += 1;
            }
        }
    }
    std::vector<IndicatorReport> out;
    for (std::size_t k = 0; k < months.size(); ++k)
        out.push_back(makeReport(m_db, months[k], area, doctor, tallies[k], c, wanted));
    return out;
}

std::vector<Member> Supervision::members(Indicator indicator, const std::string& scope,
                                         const ind::Period& period, const std::string& doctor) {
    const auto area = this->area(scope);
    std::vector<Member> out;
    Walk w;
    w.period = period;
    w.config = config();
    w.doctor = doctor;
    w.traced = indicator;
    w.members = &out;
    if (!w.needs(indicator))
        throw ValidationError("doctor", tr("This indicator is counted per area, not per doctor"));
    run(w, area);
    // Names the contract lists left out, then the numerator first, village by village.
    store::ResidentRepository people(m_db);
    for (auto& m : out) {
        if (!m.name.empty() || m.residentId.empty()) continue;
        if (const auto r = people.get(m.residentId)) {
            m.name = r->name;
            m.archiveNo = r->archiveNo;
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Member& a, const Member& b) {
        if (a.counted != b.counted) return a.counted;
        return std::tie(a.villageCode, a.archiveNo) < std::tie(b.villageCode, b.archiveNo);
    });
    return out;
}

std::vector<Explanation> Supervision::explain(const std::string& residentId,
                                              const ind::Period& period) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    std::optional<store::Transaction> snapshot;
    if (!m_db.inTransaction()) snapshot.emplace(m_db, store::Transaction::Mode::Deferred);
    const auto resident = store::ResidentRepository(m_db).get(residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    const auto village = resident->villageCode;
    Guard(m_db, m_session).requireArea(village);
    std::vector<Explanation> out;
    const auto c = config();
    const auto add = [&](Indicator i, const ind::Judgement& j) {
        out.push_back({i, ind::indicatorName(i), j.counted, j.reason, j.recordId});
    };
    // Area indicators: walk the resident's village and keep this resident's lines.
    for (const auto i : {Indicator::RecordUse, Indicator::RecordCompleteness,
                         Indicator::ElderlyCheck, Indicator::ContractRate}) {
        std::vector<Member> members;
        Walk w;
        w.period = period;
        w.config = c;
        w.traced = i;
        w.members = &members;
        run(w, village);
        for (const auto& m : members)
            if (m.residentId == residentId) add(i, {m.counted, m.reason, m.recordId});
    }
    for (const auto& patient : store::SupervisionRepository(m_db).patientsOf(residentId)) {
        const auto& f = patient.facts;
        const bool htn = f.programme == "htn";
        if (!ind::underManagement(f, period)) {
            add(htn ? Indicator::HtnManagement : Indicator::T2dManagement,
                {false,
                 f.enrolledOn && *f.enrolledOn > period.to
                     ? format(tr("Enrolled {0}, after the period"), {formatDate(*f.enrolledOn)})
                     : format(tr("Closed {0}, before the period"),
                              {f.closedOn ? formatDate(*f.closedOn) : "?"}),
                 {}});
            continue;
        }
        add(htn ? Indicator::HtnManagement : Indicator::T2dManagement,
            {true, format(tr("Under management since {0}"), {formatDate(*f.enrolledOn)}), {}});
        add(htn ? Indicator::HtnStandard : Indicator::T2dStandard, ind::standard(f, period, c));
        add(htn ? Indicator::HtnControl : Indicator::T2dControl, ind::control(f, period, c));
        for (const auto& item : ind::dueItems(f, period, c))
            add(Indicator::TimelyFollowUp, item.met);
    }
    return out;
}

}  // namespace jiayi::services
