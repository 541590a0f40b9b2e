#include "core/model/ChronicJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <type_traits>
#include <variant>

#include "core/model/FollowUpFields.h"
#include "core/util/Error.h"

namespace jiayi::model {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

void putText(Object& o, const char* key, const std::string& v) {
    if (!v.empty()) o.set(key, v);
}
void putBool(Object& o, const char* key, bool v) {
    if (v) o.set(key, true);
}
template <typename N>
void putNumber(Object& o, const char* key, const std::optional<N>& v) {
    if (v) o.set(key, *v);
}
void putDate(Object& o, const char* key, const std::optional<Date>& v) {
    if (v) o.set(key, formatDate(*v));
}
void putList(Object& o, const char* key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    Array a;
    for (const auto& s : v) a.add(s);
    o.set(key, a);
}
template <typename V>
void putMap(Object& o, const char* key, const std::map<std::string, V>& v) {
    if (v.empty()) return;
    Object m;
    for (const auto& [k, x] : v) m.set(k, x);
    o.set(key, m);
}

std::string text(const Object& o, const char* key) { return o.optValue<std::string>(key, ""); }
bool flag(const Object& o, const char* key) { return o.optValue<bool>(key, false); }
std::optional<double> real(const Object& o, const char* key) {
    if (!o.has(key) || o.isNull(key)) return std::nullopt;
    return o.getValue<double>(key);
}
std::optional<int> integer(const Object& o, const char* key) {
    if (!o.has(key) || o.isNull(key)) return std::nullopt;
    return o.getValue<int>(key);
}
std::optional<Date> date(const Object& o, const char* key) { return parseDate(text(o, key)); }
std::vector<std::string> list(const Object& o, const char* key) {
    std::vector<std::string> out;
    if (auto a = o.getArray(key))
        for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

std::string stringify(const Object& o) {
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

Object::Ptr parse(const std::string& json) {
    if (json.empty()) return new Object;
    try {
        return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
    } catch (const std::exception&) {
        throw StorageError("malformed form column: " + json.substr(0, 80));
    }
}

}  // namespace

std::string followUpFormJson(const FollowUp& f) {
    Object o;
    for (const auto& field : followUpFields()) {
        if (field.store != FollowUpStore::Form) continue;
        std::visit(
            [&](auto member) {
                const auto& v = f.*member;
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) putText(o, field.name, v);
                else if constexpr (std::is_same_v<T, bool>) putBool(o, field.name, v);
                else if constexpr (std::is_same_v<T, std::optional<Date>>) putDate(o, field.name, v);
                else if constexpr (std::is_same_v<T, std::vector<std::string>>) putList(o, field.name, v);
                else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) putMap(o, field.name, v);
                else if constexpr (std::is_same_v<T, std::vector<Medicine>>) {
                    if (v.empty()) return;
                    Array a;
                    for (const auto& m : v) {
                        Object x;
                        x.set("name", m.name);
                        x.set("times_per_day", m.timesPerDay);
                        x.set("dose_per_time", m.dosePerTime);
                        a.add(x);
                    }
                    o.set(field.name, a);
                } else putNumber(o, field.name, v);
            },
            field.member);
    }
    return stringify(o);
}

void readFollowUpForm(FollowUp& f, const std::string& json) {
    const auto o = parse(json);
    for (const auto& field : followUpFields()) {
        if (field.store != FollowUpStore::Form) continue;
        std::visit(
            [&](auto member) {
                auto& v = f.*member;
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) v = text(*o, field.name);
                else if constexpr (std::is_same_v<T, bool>) v = flag(*o, field.name);
                else if constexpr (std::is_same_v<T, std::optional<Date>>) v = date(*o, field.name);
                else if constexpr (std::is_same_v<T, std::optional<int>>) v = integer(*o, field.name);
                else if constexpr (std::is_same_v<T, std::optional<double>>) v = real(*o, field.name);
                else if constexpr (std::is_same_v<T, std::vector<std::string>>) v = list(*o, field.name);
                else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
                    v.clear();
                    if (auto m = o->getObject(field.name))
                        for (const auto& [k, x] : *m) v[k] = x.template convert<std::string>();
                } else {
                    v.clear();
                    if (auto a = o->getArray(field.name))
                        for (std::size_t i = 0; i < a->size(); ++i)
                            if (const auto x = a->getObject(static_cast<unsigned>(i)))
                                v.push_back({text(*x, "name"), text(*x, "times_per_day"), text(*x, "dose_per_time")});
                }
            },
            field.member);
    }
}

std::string healthCheckFormJson(const HealthCheck& h) {
    Object o;
    putMap(o, "self_care", h.selfCare);
    putNumber(o, "heart_rate", h.heartRate);
    putNumber(o, "respiration", h.respiration);
    putNumber(o, "temperature", h.temperature);
    putNumber(o, "height", h.height);
    putNumber(o, "waist", h.waist);
    putMap(o, "items", h.items);
    return stringify(o);
}

void readHealthCheckForm(HealthCheck& h, const std::string& json) {
    const auto o = parse(json);
    h.selfCare.clear();
    if (auto m = o->getObject("self_care"))
        for (const auto& [k, v] : *m) h.selfCare[k] = v.convert<int>();
    h.heartRate = integer(*o, "heart_rate");
    h.respiration = integer(*o, "respiration");
    h.temperature = real(*o, "temperature");
    h.height = real(*o, "height");
    h.waist = real(*o, "waist");
    h.items.clear();
    if (auto m = o->getObject("items"))
        for (const auto& [k, v] : *m) h.items[k] = v.convert<std::string>();
}

}  // namespace jiayi::model
