#pragma once
// Column descriptors: one table of (column, member) pairs per value type gives both the
// row → value mapping and the value → change-log fields, so a column is named once.
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/store/Database.h"
#include "core/store/Value.h"
#include "core/util/Date.h"

namespace jiayi::store {

template <typename T>
struct Column {
    const char* name;
    std::function<Value(const T&)> get;
    std::function<void(T&, const Value&)> set;
};

namespace column {

inline std::string textOf(const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return {};
}

template <typename T>
Column<T> text(const char* name, std::string T::*member) {
    return {name, [member](const T& t) { return textOrNull(t.*member); },
            [member](T& t, const Value& v) { t.*member = textOf(v); }};
}

template <typename T>
Column<T> date(const char* name, std::optional<Date> T::*member) {
    return {name, [member](const T& t) { return (t.*member) ? Value{formatDate(*(t.*member))} : Value{}; },
            [member](T& t, const Value& v) { t.*member = parseDate(textOf(v)); }};
}

template <typename T, typename I>
Column<T> integer(const char* name, I T::*member) {
    return {name, [member](const T& t) { return Value{static_cast<std::int64_t>(t.*member)}; },
            [member](T& t, const Value& v) {
                const auto* i = std::get_if<std::int64_t>(&v);
                t.*member = static_cast<I>(i ? *i : 0);
            }};
}

template <typename T>
Column<T> boolean(const char* name, bool T::*member) {
    return {name, [member](const T& t) { return Value{std::int64_t{t.*member ? 1 : 0}}; },
            [member](T& t, const Value& v) {
                const auto* i = std::get_if<std::int64_t>(&v);
                t.*member = i && *i != 0;
            }};
}

template <typename T>
Column<T> optInteger(const char* name, std::optional<int> T::*member) {
    return {name, [member](const T& t) { return (t.*member) ? Value{std::int64_t{*(t.*member)}} : Value{}; },
            [member](T& t, const Value& v) {
                const auto* i = std::get_if<std::int64_t>(&v);
                t.*member = i ? std::optional<int>(static_cast<int>(*i)) : std::nullopt;
            }};
}

template <typename T>
Column<T> optBool(const char* name, std::optional<bool> T::*member) {
    return {name, [member](const T& t) { return (t.*member) ? Value{std::int64_t{*(t.*member) ? 1 : 0}} : Value{}; },
            [member](T& t, const Value& v) {
                const auto* i = std::get_if<std::int64_t>(&v);
                t.*member = i ? std::optional<bool>(*i != 0) : std::nullopt;
            }};
}

template <typename T>
Column<T> real(const char* name, std::optional<double> T::*member) {
    return {name, [member](const T& t) { return (t.*member) ? Value{*(t.*member)} : Value{}; },
            [member](T& t, const Value& v) {
                if (const auto* d = std::get_if<double>(&v)) t.*member = *d;
                else if (const auto* i = std::get_if<std::int64_t>(&v)) t.*member = static_cast<double>(*i);
                else t.*member = std::nullopt;
            }};
}

// A list of codes as one space-separated column ("" = none).
template <typename T>
Column<T> words(const char* name, std::vector<std::string> T::*member) {
    return {name,
            [member](const T& t) {
                std::string out;
                for (const auto& w : t.*member) out += (out.empty() ? "" : " ") + w;
                return Value{out};
            },
            [member](T& t, const Value& v) {
                (t.*member).clear();
                std::istringstream in(textOf(v));
                for (std::string w; in >> w;) (t.*member).push_back(w);
            }};
}

}  // namespace column

// "SELECT id,<columns> FROM <table> " for the descriptors.
template <typename T>
std::string selectFrom(const char* table, const std::vector<Column<T>>& columns) {
    std::string sql = "SELECT id";
    for (const auto& c : columns) sql += std::string(",") + c.name;
    return sql + " FROM " + table + " ";
}

template <typename T>
T readRow(const Statement& st, const std::vector<Column<T>>& columns) {
    T t;
    t.id = st.text(0);
    int index = 1;
    for (const auto& c : columns) c.set(t, st.value(index++));
    return t;
}

template <typename T>
std::vector<T> readRows(Statement& st, const std::vector<Column<T>>& columns) {
    std::vector<T> out;
    while (st.step()) out.push_back(readRow(st, columns));
    st.reset();
    return out;
}

template <typename T>
Fields fieldsOf(const T& t, const std::vector<Column<T>>& columns) {
    Fields fields;
    fields.reserve(columns.size());
    for (const auto& c : columns) fields.emplace_back(c.name, c.get(t));
    return fields;
}

// {"id": …, "<column>": value, …}; a column holding a JSON document ("form") is embedded.
void appendJsonValue(std::string& out, const Value& v);
template <typename T>
std::string recordJson(const T& t, const std::vector<Column<T>>& columns) {
    std::string out = "{\"id\":";
    appendJsonValue(out, Value{t.id});
    for (const auto& c : columns) {
        out += ",\"";
        out += c.name;
        out += "\":";
        const auto v = c.get(t);
        if (std::string_view(c.name) == "form" && std::holds_alternative<std::string>(v)) out += std::get<std::string>(v);
        else appendJsonValue(out, v);
    }
    return out + "}";
}

}  // namespace jiayi::store
