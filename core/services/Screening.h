#pragma once
// Blood-pressure screening (chronic.md, Hypertension, "Screening"): a yearly reading for
// every resident 35+, a recheck on another day after a high one, suspected hypertension
// after high readings on 3 different days (refer to confirm, follow up in 2 weeks), and
// high-risk people measured every 6 months.
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/model/Chronic.h"
#include "core/util/Error.h"
#include "core/rules/Chronic.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct ScreeningStatus {
    std::vector<model::BpScreening> readings;  // oldest first
    rules::chronic::ScreeningOutcome outcome;
    std::vector<std::string> highRisk;         // reasons; empty when not high-risk
    bool managed = false;                      // already under hypertension management
};

class Screening {
public:
    Screening(store::Database& db, Session session);
    model::BpScreening record(model::BpScreening reading);
    // What record() refuses in `reading` (of a resident born on `birthDate`), without writing;
    // a form shows it beside the fields together with its own errors.
    std::vector<FieldError> check(const model::BpScreening& reading, std::optional<Date> birthDate) const;
    ScreeningStatus status(const std::string& residentId);
    // Residents of `scope` screened in the last year whose readings call for action: a
    // recheck, or suspected hypertension (not under management yet).
    std::vector<std::pair<std::string, ScreeningStatus>> needingAction(const std::string& scope);

    void setToday(Date today) { m_today = today; }

private:
    Date today() const;
    store::Database& m_db;
    Session m_session;
    std::string m_user;  // the login, as the change log records it
    std::optional<Date> m_today;
};

}  // namespace jiayi::services
