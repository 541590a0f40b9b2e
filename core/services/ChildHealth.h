#pragma once
// Health visits of children 0-6 (issue 19, ../shared/domain/groups.md "Children 0-6"): the
// visit forms with growth assessed against the WHO standards, the child's timeline (visits
// and doses done, due and overdue, the growth chart's points), and the area's due list.
// Every call runs as the session's user under its rights and area.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Child.h"
#include "core/rules/ChildHealth.h"
#include "core/rules/Growth.h"
#include "core/services/Immunization.h"
#include "core/services/Session.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

// One visit's measurements on the growth chart, with their z-scores.
struct GrowthPoint {
    std::string visitId, visitCode;
    Date date;
    double ageMonths = 0;
    std::optional<double> weightKg, lengthCm, headCm;
    std::vector<rules::growth::Assessment> assessments;
};

// The child's mother, as the delivery that registered the child records her (groups.md
// "Maternal care": the newborn is registered from the delivery).
struct MotherLink {
    std::string residentId, name, archiveNo, pregnancyId;
    std::optional<Date> deliveredOn;
};

struct ChildTimeline {
    std::string residentId, name, archiveNo, villageCode, sex;
    Date birth;
    std::optional<Date> discharge;
    std::vector<rules::child::VisitLine> visits;
    std::vector<model::ChildVisit> records;
    std::vector<GrowthPoint> growth;
    ImmunizationCard immunization;
    std::optional<MotherLink> mother;  // none when no delivery on record names the child, or outside the user's area
};

struct ChildVisitDue {
    std::string residentId, name, archiveNo, villageCode;
    Date birth;
    rules::child::VisitLine visit;  // due or overdue
};

class ChildHealth {
public:
    ChildHealth(store::Database& db, Session session);

    // The z-scores a visit's measurements give, as the form shows them while typing; the
    // same function judges the saved visit.
    std::vector<rules::growth::Assessment> assess(const std::string& residentId, const model::ChildVisit& v);
    struct Saved {
        model::ChildVisit visit;
        std::vector<rules::growth::Assessment> growth;
    };
    // SignClinical in the child's village; every field's error at once, nothing written.
    Saved record(model::ChildVisit v);

    ChildTimeline timeline(const std::string& residentId);
    // Children 0-6 of `scope` (within the user's area) with a visit due or overdue on `day`.
    std::vector<ChildVisitDue> due(const std::string& scope, const Date& day);

    void setToday(const Date& d) { m_today = d; }

private:
    Date today() const;

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
};

}  // namespace jiayi::services
