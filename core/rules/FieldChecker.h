#pragma once
// Collects the field errors of a form (FieldError: the field and a translated reason), with
// the checks that forms share: lengths, codes of a code list, phone numbers, dates in a
// person's life, numbers in a plausible range.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/CodeLists.h"
#include "core/util/Date.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Utf8.h"

namespace jiayi::rules {

inline std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

class Checker {
public:
    explicit Checker(const Date& today) : m_today(today) {}

    void add(std::string field, std::string reason) {
        m_errors.push_back({std::move(field), std::move(reason)});
    }
    bool has(const char* field) const {
        return std::any_of(m_errors.begin(), m_errors.end(),
                           [&](const FieldError& e) { return e.field == field; });
    }

    // Also refuses what is not text: invalid UTF-8, control characters (NUL, BEL …) and the
    // bidirectional overrides that make a text read other than it is (utf8::firstUnsafe).
    void length(const char* field, const std::string& value, std::size_t max) {
        if (!utf8::isValid(value)) {
            add(field, tr("Contains characters that are not valid text (wrong encoding?)"));
        } else if (const auto c = utf8::firstUnsafe(value)) {
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*c));
            add(field, format(tr("Contains the invisible control character {0}: remove it"), {code}));
        } else if (utf8::length(value) > max) {
            add(field, format(tr("At most {0} characters; this has {1}"),
                              {std::to_string(max), std::to_string(utf8::length(value))}));
        }
    }

    void code(const char* field, const char* list, const std::string& value, bool required) {
        if (value.empty()) {
            if (required) add(field, tr("Required"));
        } else if (!findCode(list, value)) {
            add(field, notAllowed(list, value));
        }
    }

    // The refusal of an unknown code, listing the allowed ones when they are few enough to
    // read ("7" is not one of the allowed codes: 1 精神分裂症, 2 分裂情感性障碍, …).
    static std::string notAllowed(const char* list, const std::string& value) {
        const auto* l = codeList(list);
        if (!l || l->codes.size() > 12) return format(tr("\"{0}\" is not one of the allowed codes"), {value});
        std::string allowed;
        for (const auto& c : l->codes)
            allowed += (allowed.empty() ? "" : ", ") + std::string(c.code) + " " + c.official;
        return format(tr("\"{0}\" is not one of the allowed codes: {1}"), {value, allowed});
    }

    // Multi-select: known codes, no repeats, and "none" (code 1) stands alone.
    void codes(const char* field, const char* list, const std::vector<std::string>& values,
               bool noneIsExclusive) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!findCode(list, values[i])) {
                add(field, format(tr("\"{0}\" is not one of the allowed codes"), {values[i]}));
                return;
            }
            if (std::find(values.begin(), values.begin() + static_cast<long>(i), values[i]) !=
                values.begin() + static_cast<long>(i)) {
                add(field, format(tr("\"{0}\" is chosen twice"), {codeLabel(list, values[i])}));
                return;
            }
        }
        if (noneIsExclusive && values.size() > 1 &&
            std::find(values.begin(), values.end(), "1") != values.end()) {
            add(field, tr("\"None\" cannot be combined with other choices"));
        }
    }

    void phone(const char* field, const std::string& value) {
        if (value.empty()) return;
        const auto digits = std::count_if(value.begin(), value.end(),
                                          [](char c) { return c >= '0' && c <= '9'; });
        const bool onlyPhoneChars = std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ';
        });
        if (!onlyPhoneChars || digits < 7 || digits > 15) {
            add(field, tr("A phone number has 7 to 15 digits (a mobile number has 11)"));
        } else if (value.size() == 11 && digits == 11 && value[0] != '1') {
            add(field, tr("An 11-digit mobile number starts with 1"));
        }
    }

    // A date in the person's life: not in the future and not before birth.
    void lifeDate(const char* field, const std::optional<Date>& date,
                  const std::optional<Date>& birth) {
        if (!date) return;
        if (*date > m_today) {
            add(field, format(tr("The date {0} is in the future"), {formatDate(*date)}));
        } else if (birth && *date < *birth) {
            add(field, format(tr("The date {0} is before the birth date"), {formatDate(*date)}));
        }
    }

    // A measurement within what a person can have (unit as printed: "mmHg", "kg").
    template <typename N>
    void range(const char* field, const std::optional<N>& value, double min, double max, const char* unit) {
        if (value && (static_cast<double>(*value) < min || static_cast<double>(*value) > max))
            add(field, format(tr("{0} {1} is outside {2}-{3} {1}"),
                              {number(static_cast<double>(*value)), unit, number(min), number(max)}));
    }

    std::vector<FieldError> take() { return std::move(m_errors); }
    const std::vector<FieldError>& errors() const { return m_errors; }

    static std::string number(double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return buf;
    }

private:
    Date m_today;
    std::vector<FieldError> m_errors;
};

}  // namespace jiayi::rules
