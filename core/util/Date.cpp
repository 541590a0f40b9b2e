#include "core/util/Date.h"

#include <cstdio>
#include <ctime>

namespace jiayi {

std::optional<Date> parseDate(std::string_view text) {
    // By hand, not sscanf: lists parse thousands of stored dates (docs/performance.md).
    const auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (text.size() == 10) {
        if (text[4] != '-' || text[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d))
            return std::nullopt;
    } else if (text.size() == 8) {
        if (!digits(0, 4, y) || !digits(4, 2, m) || !digits(6, 2, d)) return std::nullopt;
    } else {
        return std::nullopt;
    }
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok() || y < 1800) return std::nullopt;
    return date;
}

std::string formatDate(const Date& date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

Date today() {
    // The clinic's local calendar day, not UTC: a visit at 07:00 in Beijing is "today".
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date{std::chrono::year{local.tm_year + 1900},
                std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)},
                std::chrono::day{static_cast<unsigned>(local.tm_mday)}};
}

int ageOn(const Date& birth, const Date& on) {
    int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
        --age;
    return age;
}

std::string timestampNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

Date addDays(const Date& d, int days) {
    return Date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

Date addMonths(const Date& d, int months) {
    const auto ym = std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
    const Date last{ym / std::chrono::last};
    return d.day() > last.day() ? last : Date{ym / d.day()};
}

int daysBetween(const Date& from, const Date& to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

}  // namespace jiayi
