#pragma once
// A column value as it crosses the storage boundary and the change log.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jiayi::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
// Ordered (column, value) pairs of one row.
using Fields = std::vector<std::pair<std::string, Value>>;

inline bool isNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }
// Empty optional strings are stored as NULL, so "no phone" is one state, not two.
inline Value textOrNull(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

}  // namespace jiayi::store
