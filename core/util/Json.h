#pragma once
// Small JSON writing helpers for hot paths (change log, search); parsing uses Poco::JSON.
#include <string>
#include <string_view>

namespace jiayi {

// Appends `text` as a quoted JSON string (UTF-8 kept as is, control characters escaped).
void appendJsonString(std::string& out, std::string_view text);
std::string jsonString(std::string_view text);

}  // namespace jiayi
