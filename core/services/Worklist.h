#pragma once
// The doctor's worklist (issue 4, Worklists): who is due today or this week, who is
// overdue (urgent first, then uncontrolled, then by days overdue), who is lost (> 12
// months, apart), which referrals await their 2-week follow-up, whose screening blood
// pressure needs a recheck or a referral to confirm hypertension, and whose annual health
// check is due. Every entry says why it is on the list, in words.
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/util/Date.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

enum class WorkKind {
    Overdue,
    DueToday,
    DueThisWeek,
    Referral,
    Screening,
    AnnualCheck,
    Maternal,
    ChildVisit,
    Vaccination,
    Contract,
    Review,
    Lost
};
// "overdue", "due_today", "due_week", "referral", "screening", "annual_check", "maternal",
// "child_visit", "vaccination", "contract", "review", "lost"
const char* code(WorkKind k);
std::string workKindName(WorkKind k);

struct WorkItem {
    WorkKind kind = WorkKind::Overdue;
    std::string residentId;
    std::string residentName;
    std::string archiveNo;
    std::string villageCode;
    std::string phone;
    int age = 0;
    std::string programme;    // htn, t2d, smi, tb; "" for a check or a referral
    std::string enrolmentId;  // or the referral id for a referral item, the contract id for a contract
    std::optional<Date> due;
    int daysOverdue = 0;      // > 0 when past due
    int priority = 0;         // 0 urgent, 1 referral advised, 2 uncontrolled, 3 routine
    std::string reason;       // why, in words, with the dates
    std::string doctor;
};

struct WorklistFilter {
    std::string scope;   // division prefix: a village, a township, a county ("" = all)
    std::string doctor;  // responsible doctor ("" = everyone's)
};

class Worklist {
public:
    // The worklist `session` may see: its right to read records, within its area.
    Worklist(store::Database& db, Session session);
    // Every item, in list order: overdue (by priority, then days overdue, most first), due
    // today, due this week, referrals awaiting follow-up, screening, annual checks due,
    // antenatal and postpartum visits, children's health visits and vaccine doses due or
    // overdue, contracts (services overdue, renewals due),
    // records sent back by a supervisor, lost.
    std::vector<WorkItem> build(const WorklistFilter& filter, const Date& today);

private:
    store::Database& m_db;
    Session m_session;
};

}  // namespace jiayi::services
