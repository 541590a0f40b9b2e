#pragma once
// Maternal care (../shared/domain/groups.md, "Maternal care" and "Date conventions"): the
// five antenatal visits by gestational age, the postpartum home visit and the 42-day check,
// as data (resources/maternal/visits-2021.json); gestational age; the plan of a pregnancy;
// the checks of a registration and a visit; high blood pressure or glucose in pregnancy as
// chronic.md's urgent-referral rules judge it.
#include <optional>
#include <string>
#include <vector>

#include "core/rules/Chronic.h"
#include "core/rules/DataFile.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::rules::maternal {

enum class Base { Lmp, Discharge, Delivery };

struct VisitRule {
    std::string code;  // an1 … an5, pp_home, pp42
    std::string name;
    Base base = Base::Lmp;
    int fromDays = 0, toDays = 0;  // on time from base + fromDays through base + toDays
    bool antenatal() const { return base == Base::Lmp; }
};

using VisitTable = VisitSchedule<VisitRule>;
VisitTable parseVisitTable(const std::string& text, const std::string& name);
const VisitTable& visitTable();

constexpr int kTermDays = 280;  // expected delivery = LMP + 280 days
Date expectedDelivery(const Date& lmp);
// Completed weeks and days from the LMP ("16w0d").
struct GestationalAge {
    int weeks = 0, days = 0;
    int totalDays() const { return weeks * 7 + days; }
};
GestationalAge gestationalAge(const Date& lmp, const Date& on);
std::string text(const GestationalAge& ga);  // "16+0 weeks"

// What the plan needs of a pregnancy.
struct PregnancyDates {
    Date lmp;
    std::optional<Date> delivery, discharge;
    bool ended = false;  // miscarriage or termination: nothing more is due
};

struct Done {
    std::string id, code;
    Date date;
};

enum class VisitStatus { Done, Due, Overdue, Upcoming, Missed, AfterDelivery };
const char* statusCode(VisitStatus s);

struct VisitLine {
    const VisitRule* rule = nullptr;
    std::optional<Date> from, to;  // unknown until the delivery for the postpartum visits
    VisitStatus status = VisitStatus::Upcoming;
    std::optional<Done> done;
};

// Every visit for the pregnancy, with those done. An antenatal visit not done is missed once
// the next one's window has begun or the baby is born; the first visit (建册) is overdue from
// 13 weeks until the second's window. Postpartum visits wait for the delivery (and the
// discharge, else the delivery day).
std::vector<VisitLine> visitPlan(const VisitTable& t, const PregnancyDates& p, const std::vector<Done>& done,
                                 const Date& today);
std::string describe(const VisitLine& line);
// The state alone ("due by 2026-07-25"), for a list whose row names the visit.
std::string describeState(const VisitLine& line);

// A pregnancy's registration: LMP not in the future nor more than 44 weeks ago, gravidity
// and parity consistent (parity < gravidity), the woman of childbearing age (12-55).
struct Registration {
    std::optional<Date> lmp;
    std::optional<int> gravidity, parity;
    std::optional<Date> birthOfMother;
    std::string sex;  // the record's sex code
};
std::vector<FieldError> validateRegistration(const Registration& r, const Date& today);

// A visit: of the table, not done already, dated within the pregnancy (antenatal: after the
// LMP and not more than 14 days before its window, before the delivery; postpartum: after the
// delivery), readings in range.
struct VisitForm {
    std::string code;
    std::optional<Date> date;
    std::optional<int> systolic, diastolic;
    std::optional<double> weightKg, fastingGlucose, hemoglobin;
};
std::vector<FieldError> validateVisit(const VisitTable& t, const VisitForm& form, const PregnancyDates& p,
                                      const std::vector<Done>& done, const Date& today);

// chronic.md, Hypertension and Type 2 diabetes "Urgent referral": a pregnant or breastfeeding
// woman with blood pressure above normal or high glucose, and the measured criteria (SBP ≥ 180,
// glucose ≥ 16.7 …), in words.
std::vector<chronic::UrgentFinding> urgentFindings(const VisitForm& form, const Date& on, int ageOnVisit);

}  // namespace jiayi::rules::maternal
