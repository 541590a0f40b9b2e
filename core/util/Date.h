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

}  // namespace jiayi
