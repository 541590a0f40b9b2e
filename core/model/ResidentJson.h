#pragma once
// A resident as a JSON object keyed by field (column) name: lists as arrays, dates as
// "YYYY-MM-DD", empty fields as null. Used by `jiayi-cli --json` in and out.
#include <string>

#include "core/model/Resident.h"

namespace jiayi::model {

std::string residentToJson(const Resident& resident);
// Applies the keys present in `json` onto `base` (absent keys keep base's values, null
// clears). Throws ValidationError naming the key for an unknown key or a value of the
// wrong shape.
Resident residentFromJson(const std::string& json, Resident base = {});

}  // namespace jiayi::model
