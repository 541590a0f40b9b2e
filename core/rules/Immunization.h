#pragma once
// The national immunization schedule for children (../shared/domain/groups.md,
// "Immunization" and "Date conventions"), as data: each edition is a file under
// resources/immunization/ (schedule-2021.json by default, schedule-2025.json with the 2025
// DTaP change), loaded once. Everything here is a pure function of the table, the birth
// date, the doses given and the day: the card, the worklist and the refusal at entry read
// the same plan.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::rules::immunization {

// A least time: days, then calendar months (both may be zero).
struct Interval {
    int days = 0;
    int months = 0;
    bool empty() const { return days == 0 && months == 0; }
};
Date after(const Date& d, const Interval& i);

// The least time after a dose of another vaccine (bOPV 1 after IPV 2, MPSV-AC 1 after
// MPSV-A 2), applied when that dose was given.
struct AfterDose {
    std::string vaccine;
    int dose = 0;
    Interval least;
    std::size_t vaccineIndex = 0;  // of `vaccine` in the schedule (set when parsed)
};

struct DoseRule {
    int number = 0;      // 1, 2, … within the vaccine
    int ageMonths = 0;   // months from birth; 0 = at birth
    Interval minInterval;  // after the previous dose of the same vaccine
    std::optional<AfterDose> afterDose;
};

struct Vaccine {
    std::string code;          // HepB, DTaP, JE-L …
    std::string name;          // 乙肝疫苗 …
    std::string alternatives;  // "JE", "HepA": live and inactivated forms of one protection
    std::string kind;          // live, inactivated (for alternatives)
    bool isDefault = false;    // the form used until a dose of the other is given
    int maxAgeMonths = 0;      // given before this age (0: the schedule's limit)
    std::vector<DoseRule> doses;
};

struct Schedule {
    std::string edition;  // "2021"
    std::string name;
    int maxAgeMonths = 216;  // the programme vaccinates (and catches up) children under 18
    int graceBefore12 = 1;   // months of grace for a dose scheduled before 12 months of age
    int graceFrom12 = 3;     // … and from 12 months on
    std::vector<Vaccine> vaccines;
    const Vaccine* find(const std::string& code) const;
    // The vaccine's position in `vaccines`, or vaccines.size() when there is none.
    std::size_t indexOf(std::string_view code) const;
    int ageLimitMonths(const Vaccine& v) const { return v.maxAgeMonths > 0 ? v.maxAgeMonths : maxAgeMonths; }
};

// Parses an edition file; ValidationError naming what is wrong.
Schedule parseSchedule(const std::string& text, const std::string& name);
Schedule loadSchedule(const std::filesystem::path& file);
// The shipped editions ("2021", "2025"), loaded once from resources/immunization/.
const std::vector<std::string>& editions();
const Schedule& schedule(const std::string& edition);
constexpr const char* kDefaultEdition = "2021";
// The due list and the worklist follow children 0-6 (groups.md, the programme's routine ages:
// the last dose is at 6 years); an older child under 18 is caught up when seen (the card).
constexpr int kRoutineAgeMonths = 84;

// A dose recorded for the child (voided ones are left out by the caller).
struct Given {
    std::string id;
    std::string vaccine;
    int dose = 0;
    Date date;
    std::string signedAt;  // of two records of one dose, the first signed is the dose
};

enum class DoseStatus {
    Given,     // recorded
    Due,       // from its earliest day until the grace ends
    Overdue,   // the grace has ended and it is still not given (a catch-up dose)
    Upcoming,  // its earliest day is still ahead
    TooOld,    // the child is past the vaccine's age limit: no longer given
    Skipped,   // the other form of the same protection is in use
};
const char* statusCode(DoseStatus s);

struct DoseLine {
    const Vaccine* vaccine = nullptr;
    int dose = 0;
    Date scheduled;    // birth + the table's age
    Date earliest;     // the scheduled day, or later when the previous dose came late
    Date overdueFrom;  // the day after birth + (age + grace) months
    DoseStatus status = DoseStatus::Upcoming;
    std::optional<Given> given;
    std::vector<Given> duplicates;  // further records of the same dose: flagged for review
};

// Every dose of the schedule for a child born on `birth`, with what was given, in the order
// of the table (vaccine by vaccine, dose by dose). The form of an alternative in use is the
// one of its first dose given, else the table's default.
std::vector<DoseLine> plan(const Schedule& s, const Date& birth, const std::vector<Given>& given, const Date& today);

// The doses to give now, in the order to give them: the longest overdue first (by the age
// they were scheduled at, then the table's order). Several may be given the same day.
std::vector<const DoseLine*> catchUp(const std::vector<DoseLine>& lines);

// The reason a dose cannot be recorded (too early for the age, too soon after the previous
// dose, given already, a dose missing before it, the other form in use, a person outside
// the schedule's ages, a day in the future), with the field it concerns; nullopt when it can.
std::optional<FieldError> refusal(const Schedule& s, const Date& birth, const std::vector<Given>& given,
                                  const Given& dose, const Date& today);

// "DTaP dose 3 overdue since 2026-07-01", "6-month visit due by …": the worklist's words.
std::string describe(const DoseLine& line);
// The state alone ("overdue since 2026-07-01"), for a list whose row names the dose.
std::string describeState(const DoseLine& line);

}  // namespace jiayi::rules::immunization
