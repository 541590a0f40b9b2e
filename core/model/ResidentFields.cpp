#include "core/model/ResidentFields.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

#include "core/util/Json.h"

namespace jiayi::model {
namespace {

std::string dateText(const std::optional<Date>& d) { return d ? formatDate(*d) : std::string(); }

std::string codesJson(const std::vector<std::string>& codes) {
    if (codes.empty()) return {};
    std::string out = "[";
    for (const auto& c : codes) {
        if (out.size() > 1) out.push_back(',');
        appendJsonString(out, c);
    }
    return out + "]";
}

std::vector<std::string> parseCodes(const std::string& json) {
    std::vector<std::string> out;
    if (json.empty()) return out;
    Poco::JSON::Parser parser;
    auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) out.push_back(array->getElement<std::string>(i));
    return out;
}

std::string eventsJson(const std::vector<HistoryEvent>& events) {
    if (events.empty()) return {};
    std::string out = "[";
    for (const auto& e : events) {
        if (out.size() > 1) out.push_back(',');
        out += "{\"name\":" + jsonString(e.name) + ",\"date\":" + jsonString(dateText(e.date)) + "}";
    }
    return out + "]";
}

std::vector<HistoryEvent> parseEvents(const std::string& json) {
    std::vector<HistoryEvent> out;
    if (json.empty()) return out;
    Poco::JSON::Parser parser;
    auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto o = array->getObject(static_cast<unsigned>(i));
        out.push_back({o->optValue<std::string>("name", ""), parseDate(o->optValue<std::string>("date", ""))});
    }
    return out;
}

std::string diseasesJson(const std::vector<DiagnosedDisease>& diseases) {
    if (diseases.empty()) return {};
    std::string out = "[";
    for (const auto& d : diseases) {
        if (out.size() > 1) out.push_back(',');
        out += "{\"code\":" + jsonString(d.code) + ",\"date\":" + jsonString(dateText(d.diagnosedOn)) +
               ",\"note\":" + jsonString(d.note) + "}";
    }
    return out + "]";
}

std::vector<DiagnosedDisease> parseDiseases(const std::string& json) {
    std::vector<DiagnosedDisease> out;
    if (json.empty()) return out;
    Poco::JSON::Parser parser;
    auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto o = array->getObject(static_cast<unsigned>(i));
        out.push_back({o->optValue<std::string>("code", ""),
                       parseDate(o->optValue<std::string>("date", "")),
                       o->optValue<std::string>("note", "")});
    }
    return out;
}

std::string familyJson(const FamilyHistory& f) {
    if (f == FamilyHistory{}) return {};
    auto part = [](const std::vector<std::string>& v) { return v.empty() ? std::string("[]") : codesJson(v); };
    return "{\"father\":" + part(f.father) + ",\"mother\":" + part(f.mother) +
           ",\"siblings\":" + part(f.siblings) + ",\"children\":" + part(f.children) + "}";
}

FamilyHistory parseFamily(const std::string& json) {
    FamilyHistory f;
    if (json.empty()) return f;
    Poco::JSON::Parser parser;
    auto o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    auto codes = [&](const char* key) {
        std::vector<std::string> out;
        if (auto a = o->getArray(key))
            for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<std::string>(i));
        return out;
    };
    f.father = codes("father");
    f.mother = codes("mother");
    f.siblings = codes("siblings");
    f.children = codes("children");
    return f;
}


#define JIAYI_TEXT(col, member)                                            \
    ResidentField {                                                        \
        col, FieldKind::Text, [](const Resident& r) { return r.member; },  \
            [](Resident& r, const std::string& v) { r.member = v; }        \
    }
#define JIAYI_DATE(col, member)                                          \
    ResidentField {                                                             \
        col, FieldKind::Date, [](const Resident& r) { return dateText(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseDate(v); }       \
    }
#define JIAYI_CODES(col, member)                                               \
    ResidentField {                                                                \
        col, FieldKind::Json, [](const Resident& r) { return codesJson(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseCodes(v); }       \
    }
#define JIAYI_EVENTS(col, member)                                              \
    ResidentField {                                                                 \
        col, FieldKind::Json, [](const Resident& r) { return eventsJson(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseEvents(v); }       \
    }

}  // namespace

const std::vector<ResidentField>& residentFields() {
    static const std::vector<ResidentField> all = {
        JIAYI_TEXT("archive_no", archiveNo),
        JIAYI_TEXT("village_code", villageCode),
        JIAYI_TEXT("name", name),
        JIAYI_TEXT("sex", sex),
        JIAYI_DATE("birth_date", birthDate),
        JIAYI_TEXT("id_number", idNumber),
        JIAYI_TEXT("employer", employer),
        JIAYI_TEXT("phone", phone),
        JIAYI_TEXT("contact_name", contactName),
        JIAYI_TEXT("contact_phone", contactPhone),
        JIAYI_TEXT("residence_type", residenceType),
        JIAYI_TEXT("ethnicity", ethnicity),
        JIAYI_TEXT("blood_type", bloodType),
        JIAYI_TEXT("rh_negative", rhNegative),
        JIAYI_TEXT("education", education),
        JIAYI_TEXT("occupation", occupation),
        JIAYI_TEXT("marital_status", maritalStatus),
        JIAYI_CODES("payment", payment),
        JIAYI_TEXT("payment_other", paymentOther),
        JIAYI_CODES("drug_allergy", drugAllergy),
        JIAYI_TEXT("drug_allergy_other", drugAllergyOther),
        JIAYI_CODES("exposure", exposure),
        ResidentField{"past_diseases", FieldKind::Json,
                      [](const Resident& r) { return diseasesJson(r.pastDiseases); },
                      [](Resident& r, const std::string& v) { r.pastDiseases = parseDiseases(v); }},
        JIAYI_EVENTS("surgeries", surgeries),
        JIAYI_EVENTS("injuries", injuries),
        JIAYI_EVENTS("transfusions", transfusions),
        ResidentField{"family_history", FieldKind::Json,
                      [](const Resident& r) { return familyJson(r.familyHistory); },
                      [](Resident& r, const std::string& v) { r.familyHistory = parseFamily(v); }},
        JIAYI_TEXT("hereditary_disease", hereditaryDisease),
        JIAYI_CODES("disability", disability),
        JIAYI_TEXT("disability_other", disabilityOther),
        JIAYI_TEXT("kitchen_ventilation", kitchenVentilation),
        JIAYI_TEXT("fuel", fuel),
        JIAYI_TEXT("water", water),
        JIAYI_TEXT("toilet", toilet),
        JIAYI_TEXT("animal_pen", animalPen),
        ResidentField{"status", FieldKind::Text,
                      [](const Resident& r) { return std::string(statusCode(r.status)); },
                      [](Resident& r, const std::string& v) {
                          auto status = parseStatus(v);
                          if (!status) throw std::invalid_argument("unknown status " + v);
                          r.status = *status;
                      }},
        JIAYI_DATE("status_date", statusDate),
        JIAYI_TEXT("status_reason", statusReason),
        JIAYI_DATE("created_on", createdOn),
        JIAYI_DATE("updated_on", updatedOn),
        JIAYI_TEXT("created_site", createdSite),
    };
    return all;
}

#undef JIAYI_TEXT
#undef JIAYI_DATE
#undef JIAYI_CODES
#undef JIAYI_EVENTS

const ResidentField* findResidentField(std::string_view name) {
    for (const auto& f : residentFields())
        if (name == f.name) return &f;
    return nullptr;
}

}  // namespace jiayi::model
