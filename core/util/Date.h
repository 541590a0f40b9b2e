#pragma once
// Calendar dates as std::chrono::year_month_day, stored and exchanged as "YYYY-MM-DD".
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jiayi {

using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD" (also "YYYYMMDD"); nullopt unless it is a real calendar date.
std::optional<Date> parseDate(std::string_view text);
std::string formatDate(const Date& date);
Date today();
// Whole years from birth to on (the age a person has on that day).
int ageOn(const Date& birth, const Date& on);
Date addDays(const Date& d, int days);
// Calendar months later, clamped to the month's last day (01-31 + 1 month = 02-28).
Date addMonths(const Date& d, int months);
// Days from `from` to `to` (negative when `to` is earlier).
int daysBetween(const Date& from, const Date& to);
// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (when a record was signed).
std::string timestampNow();

}  // namespace jiayi
