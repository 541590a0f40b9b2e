#pragma once
// Supervision indicators (质控, issue 18, ../shared/domain/quality.md "Indicators"): every
// figure for a period, an area (village, township, county) and below, or one doctor's
// patients; village-by-village and monthly; traceable both ways — from a figure to the
// people in its numerator and denominator with the reason for each, and from a resident to
// the records that counted or why they did not. Definitions and their settings come from
// rules::indicators, kept per site and printed under every report. Supervisors (right
// review_quality) read; nobody edits a clinical entry here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/Indicators.h"
#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct Figure {
    rules::indicators::Indicator indicator{};
    std::string code, name;
    double numerator = 0;
    std::optional<double> denominator;  // none: "no denominator" (see note)
    std::string note;                   // why there is no figure, or what it leaves out
    std::optional<double> rate() const {
        if (!denominator || *denominator <= 0) return std::nullopt;
        return numerator / *denominator;
    }
};

struct IndicatorReport {
    rules::indicators::Period period;
    std::string scope;      // division prefix
    std::string scopeName;  // the division's name
    std::string doctor;     // "" = every doctor
    std::vector<Figure> figures;
    std::vector<rules::indicators::Definition> definitions;
    std::vector<std::pair<std::string, std::string>> settings;  // the settings in force
    const Figure* figure(rules::indicators::Indicator i) const;
};

// One member of a denominator: a resident, a patient, a due follow-up or a contract.
struct Member {
    std::string residentId, name, archiveNo, villageCode, doctor;
    bool counted = false;  // in the numerator
    std::string reason;    // why, with dates
    std::string recordId;  // the record that decided ("" none)
};

// One indicator as it judged one resident.
struct Explanation {
    rules::indicators::Indicator indicator{};
    std::string name;
    bool counted = false;
    std::string reason, recordId;
};

class Supervision {
public:
    Supervision(store::Database& db, Session session);

    // The site's settings (rules::indicators::Config); changed by supervisors and
    // administrators, each change named in the audit trail.
    rules::indicators::Config config();
    void setSetting(const std::string& name, const std::string& value);

    // Permanent population (常住人口) of a village for a year, the coverage denominator
    // (administrators and supervisors of the area).
    void setPopulation(const std::string& villageCode, int year, long long count);
    std::map<std::string, long long> populations(const std::string& scope, int year);

    // Every indicator for the area (within the user's) and period; `doctor` non-empty: that
    // doctor's patients (indicators of records, of the elderly and of contracts are per area).
    IndicatorReport report(const std::string& scope, const rules::indicators::Period& period,
                           const std::string& doctor = {});
    // The same for each division one level below `scope` (the villages of a township, the
    // townships of a county), in code order. `total`, when given, receives the area's report
    // from the same reading (what report() gives, without reading the area twice).
    std::vector<IndicatorReport> byDivision(const std::string& scope,
                                            const rules::indicators::Period& period,
                                            IndicatorReport* total = nullptr);
    // Month by month over the period, each from the period's start to the month's end (year to
    // date): hypertension and diabetes control and timely follow-up.
    std::vector<IndicatorReport> monthly(const std::string& scope,
                                         const rules::indicators::Period& period,
                                         const std::string& doctor = {});
    // The denominator of one indicator with each member's judgement (numerator first).
    std::vector<Member> members(rules::indicators::Indicator indicator, const std::string& scope,
                                const rules::indicators::Period& period,
                                const std::string& doctor = {});
    // Every indicator that counts the resident in the period, with its judgement.
    std::vector<Explanation> explain(const std::string& residentId,
                                     const rules::indicators::Period& period);

    void setToday(Date today) { m_today = today; }

private:
    class Walk;
    void run(Walk& walk, const std::string& scope);
    std::string area(const std::string& scope);

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
};

}  // namespace jiayi::services
