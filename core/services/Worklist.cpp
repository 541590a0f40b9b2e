#include "core/services/Worklist.h"

#include "core/services/Guard.h"

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/Divisions.h"
#include "core/services/ChildHealth.h"
#include "core/services/ChronicCare.h"
#include "core/services/Contracts.h"
#include "core/services/Immunization.h"
#include "core/services/Maternal.h"
#include "core/services/Referrals.h"
#include "core/services/Screening.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/store/ReviewRepository.h"
#include "core/util/I18n.h"

namespace jiayi::services {

namespace chronic = rules::chronic;

const char* code(WorkKind k) {
    switch (k) {
        case WorkKind::Overdue: return "overdue";
        case WorkKind::DueToday: return "due_today";
        case WorkKind::DueThisWeek: return "due_week";
        case WorkKind::Referral: return "referral";
        case WorkKind::Screening: return "screening";
        case WorkKind::AnnualCheck: return "annual_check";
        case WorkKind::Maternal: return "maternal";
        case WorkKind::ChildVisit: return "child_visit";
        case WorkKind::Vaccination: return "vaccination";
        case WorkKind::Contract: return "contract";
        case WorkKind::Review: return "review";
        case WorkKind::Lost: return "lost";
    }
    return "overdue";
}

std::string workKindName(WorkKind k) {
    switch (k) {
        case WorkKind::Overdue: return tr("Overdue");
        case WorkKind::DueToday: return tr("Due today");
        case WorkKind::DueThisWeek: return tr("Due this week");
        case WorkKind::Referral: return tr("Referrals awaiting follow-up");
        case WorkKind::Screening: return tr("Blood-pressure screening: recheck or confirm");
        case WorkKind::AnnualCheck: return tr("Annual health checks due");
        case WorkKind::Maternal: return tr("Antenatal and postpartum visits due or overdue");
        case WorkKind::ChildVisit: return tr("Children's health visits due or overdue");
        case WorkKind::Vaccination: return tr("Vaccines due or overdue");
        case WorkKind::Contract: return tr("Family-doctor contracts: services overdue, renewals due");
        case WorkKind::Review: return tr("Supervisor's requests: records to correct");
        case WorkKind::Lost: return tr("Lost to follow-up (over 12 months)");
    }
    return {};
}

Worklist::Worklist(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

namespace {

// Overdue order (issue 4, Worklists): urgent first, then advised referrals, then
// uncontrolled, then routine.
int priorityOf(const ProgrammePlan& p) {
    if (p.step == "urgent_refer" || p.step == "report_county") return 0;
    if (p.step == "refer") return 1;
    if (p.latest && (p.latest->controlled == false || p.step == "recheck" || p.step == "observe_month")) return 2;
    return 3;
}

// Children's lines: the longest overdue first, then the soonest due.
bool longestOverdueFirst(const WorkItem& a, const WorkItem& b) {
    if (a.daysOverdue != b.daysOverdue) return a.daysOverdue > b.daysOverdue;
    return a.due.value_or(Date{}) < b.due.value_or(Date{});
}

// A line about a resident from a list's columns.
WorkItem itemFor(WorkKind kind, const std::string& id, const std::string& name, const std::string& archiveNo,
                 const std::string& villageCode, const std::optional<Date>& birth, const Date& today) {
    WorkItem item;
    item.kind = kind;
    item.residentId = id;
    item.residentName = name;
    item.archiveNo = archiveNo;
    item.villageCode = villageCode;
    item.age = birth ? ageOn(*birth, today) : 0;
    item.priority = 3;
    return item;
}

// A line about a resident, with what every line shows of them.
WorkItem itemFor(WorkKind kind, const model::Resident& r, const Date& today) {
    auto item = itemFor(kind, r.id, r.name, r.archiveNo, r.villageCode, r.birthDate, today);
    item.phone = r.phone;
    return item;
}

}  // namespace

std::vector<WorkItem> Worklist::build(const WorklistFilter& given, const Date& today) {
    // A division means the same however it is written (371721101 or 371721101000).
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    WorklistFilter filter = given;
    // Within the user's area: a village doctor at a township site sees their village.
    filter.scope = Guard(m_db, m_session).withinArea(rules::scopePrefix(given.scope));
    store::ChronicRepository repo(m_db);
    ChronicCare care(m_db, m_session);
    care.setToday(today);
    const auto weekEnd = addDays(today, 7);
    store::ResidentRepository people(m_db);
    const auto lostBefore = addMonths(today, -chronic::kLostAfterMonths);
    std::vector<WorkItem> overdue, dueToday, dueWeek, lost;
    const bool mentalIllness = m_session.can(rules::Right::ReadMentalIllness);
    for (const auto& s : repo.activeEnrolments(filter.scope, filter.doctor)) {
        // Severe mental illness follow-ups only for those who may open those records.
        if (s.enrolment.programme == "smi" && !mentalIllness) continue;
        const auto plan = care.plan(s.enrolment, s.latest);
        if (!plan.due) continue;
        WorkItem item;
        item.residentId = s.enrolment.residentId;
        item.residentName = s.residentName;
        item.archiveNo = s.archiveNo;
        item.villageCode = s.enrolment.villageCode;
        item.phone = s.phone;
        item.age = s.birthDate ? ageOn(*s.birthDate, today) : 0;
        item.programme = s.enrolment.programme;
        item.enrolmentId = s.enrolment.id;
        item.doctor = s.enrolment.doctor;
        item.due = plan.due;
        item.priority = priorityOf(plan);
        item.reason = plan.reason;
        // Lost: nobody has seen the patient for more than 12 months (listed apart).
        // A lost-to-follow-up entry records that nobody was reached: the patient was last seen
        // at the visit before it.
        std::optional<Date> reached = s.latest ? s.latest->visitDate : std::nullopt;
        if (s.latest && s.latest->mode == "lost") reached = repo.lastReached(s.enrolment.id);
        const bool everReached = reached.has_value();
        const auto lastSeen = reached.value_or(s.enrolment.enrolledOn.value_or(today));
        if (lastSeen < lostBefore) {
            item.kind = WorkKind::Lost;
            item.daysOverdue = daysBetween(*plan.due, today);
            item.reason = everReached ? format(tr("Last follow-up on {0}, {1} days ago"),
                                            {formatDate(lastSeen), std::to_string(daysBetween(lastSeen, today))})
                                   : format(tr("Never followed up since the enrolment on {0}"), {formatDate(lastSeen)});
            lost.push_back(std::move(item));
        } else if (*plan.due < today) {
            item.kind = WorkKind::Overdue;
            item.daysOverdue = daysBetween(*plan.due, today);
            item.reason += format(tr(" ({0} days overdue)"), {std::to_string(item.daysOverdue)});
            overdue.push_back(std::move(item));
        } else if (*plan.due == today) {
            item.kind = WorkKind::DueToday;
            dueToday.push_back(std::move(item));
        } else if (*plan.due <= weekEnd) {
            item.kind = WorkKind::DueThisWeek;
            dueWeek.push_back(std::move(item));
        }
    }
    std::sort(overdue.begin(), overdue.end(), [](const WorkItem& a, const WorkItem& b) {
        return std::tie(a.priority, b.daysOverdue, a.archiveNo) < std::tie(b.priority, a.daysOverdue, b.archiveNo);
    });
    const auto byDue = [](const WorkItem& a, const WorkItem& b) {
        return std::tie(a.due, a.priority, a.archiveNo) < std::tie(b.due, b.priority, b.archiveNo);
    };
    std::sort(dueToday.begin(), dueToday.end(), byDue);
    std::sort(dueWeek.begin(), dueWeek.end(), byDue);
    std::sort(lost.begin(), lost.end(), [](const WorkItem& a, const WorkItem& b) {
        return std::tie(b.daysOverdue, a.archiveNo) < std::tie(a.daysOverdue, b.archiveNo);
    });

    // referrals.md: after an up-referral the sender follows up within 2 weeks.
    std::vector<WorkItem> referrals;
    Referrals refs(m_db, {});
    refs.setNow(std::chrono::duration_cast<std::chrono::seconds>(
                    (std::chrono::sys_days{today} + std::chrono::hours{12}).time_since_epoch())
                    .count());
    for (const auto& v : refs.awaitingFollowUp(filter.scope)) {
        const auto& r = v.referral;
        if (!filter.doctor.empty() && r.fromDoctor != filter.doctor) continue;
        WorkItem item;
        item.kind = WorkKind::Referral;
        item.residentId = r.residentId;
        item.residentName = v.residentName;
        item.archiveNo = v.archiveNo;
        item.age = v.birthDate ? ageOn(*v.birthDate, today) : 0;
        item.phone = v.phone;
        item.villageCode = r.villageCode;
        item.enrolmentId = r.id;
        item.due = v.followUpDue;
        item.doctor = r.fromDoctor;
        item.priority = r.urgency == "urgent" ? 0 : 1;
        item.daysOverdue = v.followUpDue ? std::max(0, daysBetween(*v.followUpDue, today)) : 0;
        item.reason = format(tr("Referred to {0} on {1}: follow up by {2}"),
                             {r.toInstitution, r.referredOn ? formatDate(*r.referredOn) : "?",
                              v.followUpDue ? formatDate(*v.followUpDue) : "?"});
        if (item.daysOverdue > 0) item.reason += format(tr(" ({0} days overdue)"), {std::to_string(item.daysOverdue)});
        referrals.push_back(std::move(item));
    }
    std::sort(referrals.begin(), referrals.end(), byDue);

    // chronic.md, Hypertension, "Screening": a high reading is rechecked on another day;
    // high on 3 days: suspected hypertension, refer to confirm.
    std::vector<WorkItem> screening;
    if (filter.doctor.empty()) {
        Screening screen(m_db, {});
        screen.setToday(today);
        store::ResidentRepository residents(m_db);
        for (const auto& [id, status] : screen.needingAction(filter.scope)) {
            const auto r = residents.get(id);
            if (!r) continue;
            auto item = itemFor(WorkKind::Screening, *r, today);
            item.due = status.outcome.due;
            item.priority = status.outcome.suspected ? 1 : 2;
            item.daysOverdue = item.due ? std::max(0, daysBetween(*item.due, today)) : 0;
            item.reason = status.outcome.reason;
            screening.push_back(std::move(item));
        }
        std::sort(screening.begin(), screening.end(), byDue);
    }

    // groups.md, Elderly, and chronic.md: a health check once a year.
    std::vector<WorkItem> checks;
    const int year = static_cast<int>(today.year());
    if (filter.doctor.empty()) {
        for (const auto& c : repo.healthChecksDue(filter.scope, year)) {
            auto item = itemFor(WorkKind::AnnualCheck, c.residentId, c.name, c.archiveNo, c.villageCode, c.birthDate, today);
            item.due = Date{std::chrono::year{year} / std::chrono::December / 31};
            const auto who = c.managed ? tr("under management") : format(tr("aged {0}"), {std::to_string(item.age)});
            item.reason = c.lastCheck ? format(tr("No health check in {0} ({1}; last on {2})"),
                                               {std::to_string(year), who, formatDate(*c.lastCheck)})
                                      : format(tr("No health check in {0} ({1}; none recorded)"),
                                               {std::to_string(year), who});
            checks.push_back(std::move(item));
        }
    }

    // groups.md, Maternal care: each pregnancy's antenatal or postpartum visit due or overdue,
    // with the gestational age. On the area's list.
    std::vector<WorkItem> maternal;
    if (filter.doctor.empty()) {
        Maternal mothers(m_db, m_session);
        for (const auto& m : mothers.due(filter.scope, today)) {
            const auto r = people.get(m.residentId);
            if (!r) continue;
            auto item = itemFor(WorkKind::Maternal, *r, today);
            item.enrolmentId = m.pregnancyId;
            const bool late = m.visit.status == rules::maternal::VisitStatus::Overdue;
            item.due = m.visit.to;
            item.daysOverdue = late && m.visit.to ? daysBetween(*m.visit.to, today) : 0;
            item.reason = m.ga ? rules::maternal::text(*m.ga) + ": " + rules::maternal::describe(m.visit)
                               : rules::maternal::describe(m.visit);
            maternal.push_back(std::move(item));
        }
        std::stable_sort(maternal.begin(), maternal.end(), longestOverdueFirst);
    }

    // groups.md, Children 0-6: the health visit due or overdue of each child, in words. On the
    // area's list, like the doses below.
    std::vector<WorkItem> childVisits;
    if (filter.doctor.empty()) {
        ChildHealth children(m_db, m_session);
        for (const auto& c : children.due(filter.scope, today)) {
            auto item = itemFor(WorkKind::ChildVisit, c.residentId, c.name, c.archiveNo, c.villageCode, c.birth, today);
            const bool late = c.visit.status == rules::child::VisitStatus::Overdue;
            item.due = c.visit.lastOnTime;
            item.daysOverdue = late ? daysBetween(c.visit.lastOnTime, today) : 0;
            item.reason = rules::child::describe(c.visit);
            childVisits.push_back(std::move(item));
        }
        std::stable_sort(childVisits.begin(), childVisits.end(), longestOverdueFirst);
    }

    // groups.md, Immunization: each child's doses due or overdue, in catch-up order, and a
    // dose recorded twice (two sites offline) to review. Children have no responsible doctor:
    // like the annual checks, they are on the area's list.
    std::vector<WorkItem> doses;
    if (filter.doctor.empty()) {
        Immunization immunization(m_db, m_session);
        for (const auto& c : immunization.due(filter.scope, today)) {
            auto item = itemFor(WorkKind::Vaccination, c.residentId, c.name, c.archiveNo, c.villageCode, c.birth, today);
            std::string reason;
            constexpr std::size_t kNamed = 3;  // the first doses to give; the card has the rest
            for (std::size_t i = 0; i < c.doses.size() && i < kNamed; ++i)
                reason += (reason.empty() ? "" : "; ") + rules::immunization::describe(c.doses[i]);
            if (c.doses.size() > kNamed)
                reason += format(tr("; and {0} more"), {std::to_string(c.doses.size() - kNamed)});
            if (c.duplicates)
                reason += (reason.empty() ? "" : "; ") +
                          format(tr("{0} dose(s) recorded twice, to review"), {std::to_string(c.duplicates)});
            if (!c.doses.empty()) {
                const auto& first = c.doses.front();
                const bool late = first.status == rules::immunization::DoseStatus::Overdue;
                item.due = late ? first.overdueFrom : addDays(first.overdueFrom, -1);
                item.daysOverdue = late ? daysBetween(first.overdueFrom, today) + 1 : 0;
            }
            item.reason = reason;
            doses.push_back(std::move(item));
        }
        std::stable_sort(doses.begin(), doses.end(), longestOverdueFirst);
    }

    // contracts.md (履约): a contract's services overdue, and renewals due, in words. Items that
    // only chronic follow-ups deliver are left out: the follow-up above is the same visit.
    std::vector<WorkItem> contractItems;
    Contracts contracts(m_db, m_session);
    contracts.setToday(today);
    for (const auto& s : contracts.behindOrEnding(filter.scope, today)) {
        const auto& c = s.contract;
        if (!filter.doctor.empty() && c.doctor != filter.doctor) continue;
        std::string reason;
        std::optional<Date> due;
        int overdueDays = 0;
        for (const auto& i : s.items) {
            if (!i.progress.nextDue || i.byFollowUpsOnly) continue;
            const bool overdue = i.progress.status == rules::contracts::ItemStatus::Overdue;
            // Overdue, or falling due within the week, like the follow-ups above.
            const bool dueSoon = i.progress.status == rules::contracts::ItemStatus::Due && *i.progress.nextDue <= weekEnd;
            if (!overdue && !dueSoon) continue;
            reason += (reason.empty() ? "" : "; ") +
                      format(overdue ? tr("{0}: {1} of {2} done, due since {3}") : tr("{0}: {1} of {2} done, due by {3}"),
                             {i.itemName, std::to_string(i.progress.delivered), std::to_string(i.progress.required),
                              formatDate(*i.progress.nextDue)});
            if (!due || *i.progress.nextDue < *due) due = i.progress.nextDue;
        }
        if (due) overdueDays = daysBetween(*due, today);
        if (renewalDueOn(c, today)) {
            reason += (reason.empty() ? "" : "; ") + format(tr("the contract ends on {0}: renew"), {formatDate(*c.endOn)});
            if (!due || *c.endOn < *due) due = c.endOn;
        }
        if (reason.empty()) continue;
        const auto r = people.get(c.residentId);
        if (!r) continue;
        auto item = itemFor(WorkKind::Contract, *r, today);
        item.enrolmentId = c.id;
        item.due = due;
        item.daysOverdue = std::max(0, overdueDays);
        item.priority = 3;
        item.doctor = c.doctor;
        item.reason = format(tr("Contract: {0}"), {reason});
        contractItems.push_back(std::move(item));
    }
    std::sort(contractItems.begin(), contractItems.end(), byDue);

    // quality.md "Review workflow": records a supervisor sent back to their author.
    std::vector<WorkItem> reviewItems;
    if (m_session.can(rules::Right::SignClinical)) {
        store::ChronicRepository chronicRecords(m_db);
        for (const auto& c : store::ReviewRepository(m_db).inScope(filter.scope, "sent_back", "", filter.doctor)) {
            const auto r = people.get(c.residentId);
            const auto f = chronicRecords.followUp(c.recordId);
            if (!r || !f || !f->visitDate) continue;
            auto item = itemFor(WorkKind::Review, *r, today);
            item.programme = f->programme;
            item.enrolmentId = c.id;
            item.due = c.sentBackOn;
            item.priority = 3;
            item.doctor = c.author;
            item.reason = format(tr("Supervisor asks to correct the follow-up of {0}: {1}"),
                                 {formatDate(*f->visitDate), c.sendBackNote});
            reviewItems.push_back(std::move(item));
        }
    }

    std::vector<WorkItem> out;
    out.reserve(overdue.size() + dueToday.size() + dueWeek.size() + referrals.size() + screening.size() +
                checks.size() + maternal.size() + childVisits.size() + doses.size() + contractItems.size() +
                reviewItems.size() + lost.size());
    for (auto* part : {&overdue, &dueToday, &dueWeek, &referrals, &screening, &checks, &maternal, &childVisits, &doses,
                       &contractItems, &reviewItems, &lost})
        std::move(part->begin(), part->end(), std::back_inserter(out));
    return out;
}

}  // namespace jiayi::services
