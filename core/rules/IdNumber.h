#pragma once
// Resident ID number (居民身份证号) by GB 11643-1999: shared/domain/records.md, "Identity".
#include <optional>
#include <string>
#include <string_view>

#include "core/util/Date.h"

namespace jiayi::rules {

struct IdNumberInfo {
    std::string normalized;   // 18 characters, check character upper-case
    std::string addressCode;  // first 6 digits (never rejected when abolished)
    Date birthDate;
    bool male = false;        // sequence digit odd = male
    bool convertedFrom15 = false;
};

// ISO 7064 MOD 11-2 check character for the first 17 digits ('0'..'9' or 'X').
char idCheckCharacter(std::string_view first17);

// 15-digit legacy number → 18 digits ("19" inserted after the address code + check).
std::string convertId15To18(std::string_view id15);

// Validates and normalizes an ID number typed by a person (spaces trimmed, 'x' → 'X',
// 15 digits converted). Throws ValidationError{field, reason} with a translated reason:
// wrong length, non-digit, wrong check character, impossible or future birth date.
IdNumberInfo parseIdNumber(std::string_view text, const Date& today,
                           const std::string& field = "id_number");

// Sex and birth date of a record must agree with its ID number. Sex codes of the form:
// "1" male, "2" female, "9" unstated, "0" unknown (9/0 never conflict). Throws
// ValidationError naming "sex" or "birth_date" with a reason that names the ID number.
void checkIdAgreement(const IdNumberInfo& id, std::string_view sexCode,
                      const std::optional<Date>& birthDate);

}  // namespace jiayi::rules
