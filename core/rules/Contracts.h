#pragma once
// Family-doctor contracts (家庭医生签约), the rules of ../shared/domain/contracts.md as pure
// functions (issue 17): the term, what a contract's state allows next, when it is in force,
// renewal reminders, priority groups (重点人群) at the age boundaries, and how many
// occurrences of a package item are due so far in the contract year.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::rules::contracts {

// contracts.md "Status": 待签约 pending → 签约 signed → 续约 renewed | 解约 terminated | expired.
enum class State { Pending, Signed, Renewed, Terminated, Expired };
std::string_view code(State state);
std::optional<State> stateFromCode(std::string_view code);

// Forward only (contracts.md "Status"): pending → signed; signed or renewed → renewed,
// terminated or expired; nothing leaves terminated or expired. Pending may also be
// terminated (a contract prepared and never signed).
bool canMove(State from, State to);

// contracts.md "Status": termination reasons.
enum class EndReason { Lost, Moved, Dead, Refused, Resigned, Other };
std::string_view code(EndReason reason);
std::optional<EndReason> endReasonFromCode(std::string_view code);

// contracts.md "Conventions": a term of `years` runs from `start` to the day before its
// anniversary (2026-03-01 → 2027-02-28). A 29 February start has its anniversary on
// 28 February in a common year (as birthdays do), so the term ends on 27 February.
Date termEnd(const Date& start, int years = 1);

struct Term {
    Date start, end;
    State state = State::Signed;
    // The termination's date, the contract's last day in force: a death's or move's own
    // date, or the day before a new team's contract starts (重签).
    std::optional<Date> terminatedOn;
};

// contracts.md "Conventions": in force on `day` when signed or renewed, start ≤ day ≤ end,
// and not terminated before `day`.
bool inForce(const Term& term, const Date& day);
// Expired from the day after the end (a signed or renewed contract not renewed in time).
bool expiredOn(const Term& term, const Date& day);
// A renewal reminder is due from end − 30 days inclusive until the end (contracts.md).
bool renewalDue(const Term& term, const Date& day);
inline constexpr int kRenewalReminderDays = 30;

// contracts.md "Conventions": signing with another team ends the old contract the day
// before the new one starts (重签).
Date resignedEnd(const Date& newStart);

// contracts.md "Conventions": a visit counts toward the contract when start ≤ visit ≤ end
// and the contract was not terminated before the visit.
bool countsToward(const Term& term, const Date& visit);

// contracts.md "Conventions": 履约率 counts occurrences. An item due `timesPerYear` times
// a contract year has its k-th occurrence due at the end of the k-th equal part of the
// term: occurrences due by `day` (inclusive), 0 before the start, all of them from the end.
int occurrencesDue(int timesPerYear, const Term& term, const Date& day);

// The day the k-th of `timesPerYear` occurrences falls due (occurrencesDue reaches k).
Date occurrenceDueOn(int k, int timesPerYear, const Term& term);

// Where one package item of a contract stands on a day (履约): done (every occurrence of the
// year delivered), overdue (fewer delivered than due so far), due (the next occurrence
// still ahead, on `nextDue`), or ended (terminated before the next one fell due).
enum class ItemStatus { Done, Due, Overdue, Ended };
// "done", "due", "overdue", "ended".
std::string_view code(ItemStatus status);
struct ItemProgress {
    int required = 0;   // occurrences in the contract year
    int dueSoFar = 0;   // due by the day (up to a termination)
    int delivered = 0;  // records that delivered it in the term
    ItemStatus status = ItemStatus::Due;
    std::optional<Date> nextDue;  // the first occurrence not yet delivered
    // 履约率's share of this item: delivered occurrences counted up to those due.
    int countedDelivered() const { return delivered < dueSoFar ? delivered : dueSoFar; }
};
ItemProgress progress(int timesPerYear, const Term& term, int delivered, const Date& day);

// Ages in completed years, with the 29 February rule of contracts.md "Conventions".
int completedYears(const Date& birth, const Date& on);

// contracts.md "Priority groups (重点人群)".
enum class Group {
    Elderly65,       // 65岁及以上老年人
    Child0to6,       // 0-6岁儿童
    Pregnant,        // 孕产妇
    Hypertension,    // 高血压
    Diabetes,        // 2型糖尿病
    Tuberculosis,    // 肺结核
    MentalIllness,   // 严重精神障碍
    Disabled,        // 残疾人
    LowIncome,       // 农村建档立卡贫困人口 / 低收入人口
    FamilyPlanning,  // 计生特殊家庭
    Dibao,           // 低保
    Tekun,           // 特困
};
std::string_view code(Group group);
std::optional<Group> groupFromCode(std::string_view code);
std::vector<Group> allGroups();

// What the record says about a person on a day; hand-set tags are the groups that cannot
// be detected (disability, income, family planning).
struct PersonFacts {
    Date birth;
    bool pregnant = false;                  // a pregnancy recorded and not ended
    std::set<std::string> programmes;      // chronic programmes enrolled: htn, t2d, tb, smi
    std::set<Group> tags;                  // set by hand
};
// The person's priority groups on `day`, in the order of the enum.
std::vector<Group> priorityGroups(const PersonFacts& person, const Date& day);

// contracts.md: a family doctor should hold no more than 2,000 signed residents.
inline constexpr int kDoctorSignedLimit = 2000;
bool pastDoctorLimit(int signedResidents);

}  // namespace jiayi::rules::contracts
