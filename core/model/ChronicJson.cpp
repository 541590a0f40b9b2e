#include "core/model/ChronicJson.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

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
    putList(o, "symptoms", f.symptoms);
    putText(o, "symptoms_other", f.symptomsOther);
    putList(o, "urgent_signs", f.urgentSigns);
    putNumber(o, "target_weight", f.targetWeight);
    putNumber(o, "height", f.height);
    putNumber(o, "target_bmi", f.targetBmi);
    putNumber(o, "temperature", f.temperature);
    putText(o, "dorsal_pulse", f.dorsalPulse);
    putText(o, "signs_other", f.signsOther);
    putMap(o, "lifestyle", f.lifestyle);
    putDate(o, "hba1c_date", f.hba1cDate);
    putText(o, "tests_other", f.testsOther);
    putText(o, "adherence", f.adherence);
    putBool(o, "adverse_reaction", f.adverseReaction);
    putText(o, "adverse_reaction_text", f.adverseReactionText);
    putBool(o, "adverse_hard_to_control", f.adverseReactionHardToControl);
    putBool(o, "new_or_worse_complication", f.newOrWorseComplication);
    putBool(o, "pregnant_or_breastfeeding", f.pregnantOrBreastfeeding);
    putBool(o, "cannot_handle", f.cannotHandle);
    putText(o, "hypoglycaemia", f.hypoglycaemia);
    if (!f.medicines.empty()) {
        Array a;
        for (const auto& m : f.medicines) {
            Object x;
            x.set("name", m.name);
            x.set("times_per_day", m.timesPerDay);
            x.set("dose_per_time", m.dosePerTime);
            a.add(x);
        }
        o.set("medicines", a);
    }
    putText(o, "insulin", f.insulin);
    putList(o, "smi_findings", f.smiFindings);
    putText(o, "tb_phase", f.tbPhase);
    putText(o, "tb_supervisor", f.tbSupervisor);
    putNumber(o, "missed_doses", f.missedDoses);
    putText(o, "referral_reason", f.referralReason);
    putText(o, "referral_institution", f.referralInstitution);
    putText(o, "referral_department", f.referralDepartment);
    putText(o, "lost_reason", f.lostReason);
    putDate(o, "death_date", f.deathDate);
    putText(o, "death_cause", f.deathCause);
    return stringify(o);
}

void readFollowUpForm(FollowUp& f, const std::string& json) {
    const auto o = parse(json);
    f.symptoms = list(*o, "symptoms");
    f.symptomsOther = text(*o, "symptoms_other");
    f.urgentSigns = list(*o, "urgent_signs");
    f.targetWeight = real(*o, "target_weight");
    f.height = real(*o, "height");
    f.targetBmi = real(*o, "target_bmi");
    f.temperature = real(*o, "temperature");
    f.dorsalPulse = text(*o, "dorsal_pulse");
    f.signsOther = text(*o, "signs_other");
    f.lifestyle.clear();
    if (auto m = o->getObject("lifestyle"))
        for (const auto& [k, v] : *m) f.lifestyle[k] = v.convert<std::string>();
    f.hba1cDate = date(*o, "hba1c_date");
    f.testsOther = text(*o, "tests_other");
    f.adherence = text(*o, "adherence");
    f.adverseReaction = flag(*o, "adverse_reaction");
    f.adverseReactionText = text(*o, "adverse_reaction_text");
    f.adverseReactionHardToControl = flag(*o, "adverse_hard_to_control");
    f.newOrWorseComplication = flag(*o, "new_or_worse_complication");
    f.pregnantOrBreastfeeding = flag(*o, "pregnant_or_breastfeeding");
    f.cannotHandle = flag(*o, "cannot_handle");
    f.hypoglycaemia = text(*o, "hypoglycaemia");
    f.medicines.clear();
    if (auto a = o->getArray("medicines"))
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto x = a->getObject(static_cast<unsigned>(i));
            if (x) f.medicines.push_back({text(*x, "name"), text(*x, "times_per_day"), text(*x, "dose_per_time")});
        }
    f.insulin = text(*o, "insulin");
    f.smiFindings = list(*o, "smi_findings");
    f.tbPhase = text(*o, "tb_phase");
    f.tbSupervisor = text(*o, "tb_supervisor");
    f.missedDoses = integer(*o, "missed_doses");
    f.referralReason = text(*o, "referral_reason");
    f.referralInstitution = text(*o, "referral_institution");
    f.referralDepartment = text(*o, "referral_department");
    f.lostReason = text(*o, "lost_reason");
    f.deathDate = date(*o, "death_date");
    f.deathCause = text(*o, "death_cause");
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
