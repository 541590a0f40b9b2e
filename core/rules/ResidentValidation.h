#pragma once
// Field rules of the 个人基本信息表 (shared/domain/records.md): what a record must hold
// and what each field may hold. Pure: the registry adds the checks that need the database.
#include <vector>

#include "core/model/Resident.h"
#include "core/util/Error.h"

namespace jiayi::rules {

// Every field error found, in form order (empty when the record is valid). Normalizes the
// record in place first: trims text, upper-cases the ID check character, converts a
// 15-digit ID number to 18 digits.
std::vector<FieldError> validateResident(model::Resident& resident, const Date& today);

// A household's address (field "address"): text of at most kMaxTextLength characters
// without control characters; "" is refused when `required`.
std::vector<FieldError> validateAddress(const std::string& address, bool required);

// Maximum lengths in characters (code points), as on the paper form's boxes.
inline constexpr std::size_t kMaxNameLength = 30;
inline constexpr std::size_t kMaxTextLength = 100;

}  // namespace jiayi::rules
