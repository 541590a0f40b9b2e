#pragma once
// Health visits of children 0-6 (../shared/domain/groups.md, "Children 0-6" and "Date
// conventions"): the schedule as data (resources/child/visits-2021.json), the plan of a
// child's visits (done, due, overdue, upcoming, missed), and the checks of a visit's form.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/DataFile.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::rules::child {

struct VisitRule {
    std::string code;  // newborn, m1, m3 … y6
    std::string name;  // 新生儿家庭访视, 满月健康管理, 3月龄 …
    bool fromDischarge = false;  // day 0 is the discharge (the newborn home visit), else the birth
    int days = 0, months = 0;    // from day 0
    int windowDays = 0;          // on time through from + windowDays
    bool head = false;           // head circumference measured (to 3 years)
};

using VisitTable = VisitSchedule<VisitRule>;

VisitTable parseVisitTable(const std::string& text, const std::string& name);
// The shipped table, loaded once.
const VisitTable& visitTable();

struct Done {
    std::string id;
    std::string code;
    Date date;
};

enum class VisitStatus { Done, Due, Overdue, Upcoming, Missed };
const char* statusCode(VisitStatus s);

struct VisitLine {
    const VisitRule* rule = nullptr;
    Date from;        // the first day of its window
    Date lastOnTime;  // the last day on time; overdue from the next
    VisitStatus status = VisitStatus::Upcoming;
    std::optional<Done> done;
};

// Every visit of the table for a child born on `birth` (discharged on `discharge`, else the
// birth counts), with those done. A visit not done is missed once the next visit's window has
// begun, or a later visit was done: the doctor does the current one.
std::vector<VisitLine> visitPlan(const VisitTable& t, const Date& birth, const std::optional<Date>& discharge,
                                 const std::vector<Done>& done, const Date& today);

// "6月龄 visit due by 2027-03-05": the worklist's words.
std::string describe(const VisitLine& line);
// The state alone ("due by 2027-03-05"), for a list whose row names the visit.
std::string describeState(const VisitLine& line);

// A visit's form as entered.
struct VisitForm {
    std::string code;
    std::optional<Date> date;
    std::optional<double> weightKg, lengthCm, headCm;
    std::string feeding;      // breast, mixed, formula ("" after weaning)
    std::string development;  // normal, warning (发育预警征象)
    std::vector<std::string> guidance;
};

// Every field's error: the visit of the table, not done already, its date (not before birth,
// not in the future, not more than 14 days before its window), the measurements in the range
// of a child, head circumference to 3 years, the codes.
std::vector<FieldError> validateVisit(const VisitTable& t, const VisitForm& form, const Date& birth,
                                      const std::optional<Date>& discharge, const std::vector<Done>& done,
                                      const Date& today);

constexpr int kEarlyDays = 14;  // a visit may be brought forward this much (a vaccination day)

}  // namespace jiayi::rules::child
