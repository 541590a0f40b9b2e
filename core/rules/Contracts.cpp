#include "core/rules/Contracts.h"

#include <algorithm>
#include <array>
#include <utility>

namespace jiayi::rules::contracts {
namespace {

constexpr std::array<std::pair<State, std::string_view>, 5> kStates{{{State::Pending, "pending"},
                                                                     {State::Signed, "signed"},
                                                                     {State::Renewed, "renewed"},
                                                                     {State::Terminated, "terminated"},
                                                                     {State::Expired, "expired"}}};

constexpr std::array<std::pair<EndReason, std::string_view>, 6> kReasons{{{EndReason::Lost, "lost"},
                                                                          {EndReason::Moved, "moved"},
                                                                          {EndReason::Dead, "dead"},
                                                                          {EndReason::Refused, "refused"},
                                                                          {EndReason::Resigned, "resigned"},
                                                                          {EndReason::Other, "other"}}};

constexpr std::array<std::pair<Group, std::string_view>, 12> kGroups{{{Group::Elderly65, "elderly65"},
                                                                      {Group::Child0to6, "child0to6"},
                                                                      {Group::Pregnant, "pregnant"},
                                                                      {Group::Hypertension, "hypertension"},
                                                                      {Group::Diabetes, "diabetes"},
                                                                      {Group::Tuberculosis, "tuberculosis"},
                                                                      {Group::MentalIllness, "mental_illness"},
                                                                      {Group::Disabled, "disabled"},
                                                                      {Group::LowIncome, "low_income"},
                                                                      {Group::FamilyPlanning, "family_planning"},
                                                                      {Group::Dibao, "dibao"},
                                                                      {Group::Tekun, "tekun"}}};

template <typename Table, typename Value>
std::string_view codeIn(const Table& table, Value value) {
    for (const auto& [v, c] : table)
        if (v == value) return c;
    return {};
}

template <typename Value, typename Table>
std::optional<Value> valueIn(const Table& table, std::string_view code) {
    for (const auto& [v, c] : table)
        if (c == code) return v;
    return std::nullopt;
}

bool signedOrRenewed(State s) { return s == State::Signed || s == State::Renewed; }

}  // namespace

std::string_view code(State state) { return codeIn(kStates, state); }
std::optional<State> stateFromCode(std::string_view c) { return valueIn<State>(kStates, c); }
std::string_view code(EndReason reason) { return codeIn(kReasons, reason); }
std::optional<EndReason> endReasonFromCode(std::string_view c) { return valueIn<EndReason>(kReasons, c); }
std::string_view code(Group group) { return codeIn(kGroups, group); }
std::optional<Group> groupFromCode(std::string_view c) { return valueIn<Group>(kGroups, c); }

std::vector<Group> allGroups() {
    std::vector<Group> out;
    for (const auto& [g, c] : kGroups) out.push_back(g);
    return out;
}

bool canMove(State from, State to) {
    switch (from) {
        case State::Pending: return to == State::Signed || to == State::Terminated;
        case State::Signed:
        case State::Renewed: return to == State::Renewed || to == State::Terminated || to == State::Expired;
        case State::Terminated:
        case State::Expired: return false;
    }
    return false;
}

Date termEnd(const Date& start, int years) {
    // addMonths clamps 29 February to the 28th in a common year: the anniversary.
    return addDays(addMonths(start, 12 * years), -1);
}

bool inForce(const Term& term, const Date& day) {
    // A terminated contract was in force up to its termination's date (history: who was
    // signed on a past day).
    const bool terminatedAfter = term.state == State::Terminated && term.terminatedOn;
    if (!signedOrRenewed(term.state) && !terminatedAfter) return false;
    if (day < term.start || day > term.end) return false;
    return !term.terminatedOn || day <= *term.terminatedOn;
}

bool expiredOn(const Term& term, const Date& day) {
    return (signedOrRenewed(term.state) || term.state == State::Expired) && day > term.end;
}

bool renewalDue(const Term& term, const Date& day) {
    if (!signedOrRenewed(term.state) || term.terminatedOn) return false;
    return day >= addDays(term.end, -kRenewalReminderDays) && day <= term.end;
}

Date resignedEnd(const Date& newStart) { return addDays(newStart, -1); }

bool countsToward(const Term& term, const Date& visit) {
    if (term.state == State::Pending) return false;
    if (visit < term.start || visit > term.end) return false;
    return !term.terminatedOn || visit <= *term.terminatedOn;
}

int occurrencesDue(int timesPerYear, const Term& term, const Date& day) {
    if (timesPerYear <= 0 || day < term.start) return 0;
    if (day >= term.end) return timesPerYear;
    const long long length = daysBetween(term.start, term.end) + 1;
    const long long elapsed = daysBetween(term.start, day) + 1;  // the day itself counts
    // The k-th occurrence is due when elapsed ≥ k × length / n, i.e. k ≤ elapsed × n / length.
    return static_cast<int>(std::min<long long>(timesPerYear, elapsed * timesPerYear / length));
}

std::string_view code(ItemStatus status) {
    switch (status) {
        case ItemStatus::Done: return "done";
        case ItemStatus::Due: return "due";
        case ItemStatus::Overdue: return "overdue";
        case ItemStatus::Ended: return "ended";
    }
    return "due";
}

Date occurrenceDueOn(int k, int timesPerYear, const Term& term) {
    if (timesPerYear <= 0 || k <= 0) return term.start;
    if (k >= timesPerYear) return term.end;
    const long long length = daysBetween(term.start, term.end) + 1;
    // The least elapsed e with e × n / length ≥ k: e = ⌈k × length / n⌉, the day e − 1 after the start.
    const long long elapsed = (k * length + timesPerYear - 1) / timesPerYear;
    return addDays(term.start, static_cast<int>(elapsed - 1));
}

ItemProgress progress(int timesPerYear, const Term& term, int delivered, const Date& day) {
    ItemProgress p;
    p.required = timesPerYear;
    p.delivered = delivered;
    // Nothing falls due after a termination.
    const Date upTo = term.terminatedOn && *term.terminatedOn < day ? *term.terminatedOn : day;
    p.dueSoFar = occurrencesDue(timesPerYear, term, upTo);
    if (delivered >= timesPerYear) {
        p.status = ItemStatus::Done;
    } else if (delivered < p.dueSoFar) {
        p.status = ItemStatus::Overdue;
        p.nextDue = occurrenceDueOn(delivered + 1, timesPerYear, term);
    } else {
        p.status = ItemStatus::Due;
        p.nextDue = occurrenceDueOn(delivered + 1, timesPerYear, term);
        if (term.terminatedOn && *p.nextDue > *term.terminatedOn) {
            p.status = ItemStatus::Ended;
            p.nextDue.reset();
        }
    }
    return p;
}

int completedYears(const Date& birth, const Date& on) {
    using namespace std::chrono;
    int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
    auto birthday = birth.month() / birth.day();
    // A 29 February birthday falls on 28 February in a common year.
    if (birth.month() == February && birth.day() == day{29} && !on.year().is_leap()) birthday = February / day{28};
    if (month_day{on.month(), on.day()} < birthday) --age;
    return age;
}

std::vector<Group> priorityGroups(const PersonFacts& p, const Date& day) {
    std::set<Group> found = p.tags;
    const int age = completedYears(p.birth, day);
    if (age >= 65) found.insert(Group::Elderly65);
    if (age >= 0 && age < 7) found.insert(Group::Child0to6);
    if (p.pregnant) found.insert(Group::Pregnant);
    const std::pair<const char*, Group> programmes[] = {{"htn", Group::Hypertension},
                                                        {"t2d", Group::Diabetes},
                                                        {"tb", Group::Tuberculosis},
                                                        {"smi", Group::MentalIllness}};
    for (const auto& [programme, group] : programmes)
        if (p.programmes.count(programme)) found.insert(group);
    std::vector<Group> out;
    for (const auto& [g, c] : kGroups)
        if (found.count(g)) out.push_back(g);
    return out;
}

bool pastDoctorLimit(int signedResidents) { return signedResidents > kDoctorSignedLimit; }

}  // namespace jiayi::rules::contracts
