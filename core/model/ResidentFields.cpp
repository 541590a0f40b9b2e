#include "core/model/ResidentFields.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

#include "core/util/I18n.h"
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


#define JIAYI_TEXT(col, label, member)                                            \
    ResidentField {                                                        \
        col, label, FieldKind::Text, [](const Resident& r) { return r.member; },  \
            [](Resident& r, const std::string& v) { r.member = v; }        \
    }
#define JIAYI_DATE(col, label, member)                                          \
    ResidentField {                                                             \
        col, label, FieldKind::Date, [](const Resident& r) { return dateText(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseDate(v); }       \
    }
#define JIAYI_CODES(col, label, member)                                               \
    ResidentField {                                                                \
        col, label, FieldKind::Json, [](const Resident& r) { return codesJson(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseCodes(v); }       \
    }
#define JIAYI_EVENTS(col, label, member)                                              \
    ResidentField {                                                                 \
        col, label, FieldKind::Json, [](const Resident& r) { return eventsJson(r.member); },  \
            [](Resident& r, const std::string& v) { r.member = parseEvents(v); }       \
    }

}  // namespace

const std::vector<ResidentField>& residentFields() {
    static const std::vector<ResidentField> all = {
        JIAYI_TEXT("archive_no", N_("Archive number"), archiveNo),
        JIAYI_TEXT("village_code", N_("Village"), villageCode),
        JIAYI_TEXT("name", N_("Name"), name),
        JIAYI_TEXT("sex", N_("Sex"), sex),
        JIAYI_DATE("birth_date", N_("Birth date"), birthDate),
        JIAYI_TEXT("id_number", N_("ID number"), idNumber),
        JIAYI_TEXT("employer", N_("Employer"), employer),
        JIAYI_TEXT("phone", N_("Phone"), phone),
        JIAYI_TEXT("contact_name", N_("Contact name"), contactName),
        JIAYI_TEXT("contact_phone", N_("Contact phone"), contactPhone),
        JIAYI_TEXT("residence_type", N_("Residence type"), residenceType),
        JIAYI_TEXT("ethnicity", N_("Ethnicity"), ethnicity),
        JIAYI_TEXT("blood_type", N_("Blood type"), bloodType),
        JIAYI_TEXT("rh_negative", N_("Rh negative"), rhNegative),
        JIAYI_TEXT("education", N_("Education"), education),
        JIAYI_TEXT("occupation", N_("Occupation"), occupation),
        JIAYI_TEXT("marital_status", N_("Marital status"), maritalStatus),
        JIAYI_CODES("payment", N_("Medical payment"), payment),
        JIAYI_TEXT("payment_other", N_("Other payment"), paymentOther),
        JIAYI_CODES("drug_allergy", N_("Drug allergy"), drugAllergy),
        JIAYI_TEXT("drug_allergy_other", N_("Other drug allergy"), drugAllergyOther),
        JIAYI_CODES("exposure", N_("Exposure"), exposure),
        ResidentField{"past_diseases", N_("Past diseases"), FieldKind::Json,
                      [](const Resident& r) { return diseasesJson(r.pastDiseases); },
                      [](Resident& r, const std::string& v) { r.pastDiseases = parseDiseases(v); }},
        JIAYI_EVENTS("surgeries", N_("Surgeries"), surgeries),
        JIAYI_EVENTS("injuries", N_("Injuries"), injuries),
        JIAYI_EVENTS("transfusions", N_("Transfusions"), transfusions),
        ResidentField{"family_history", N_("Family history"), FieldKind::Json,
                      [](const Resident& r) { return familyJson(r.familyHistory); },
                      [](Resident& r, const std::string& v) { r.familyHistory = parseFamily(v); }},
        JIAYI_TEXT("hereditary_disease", N_("Hereditary disease"), hereditaryDisease),
        JIAYI_CODES("disability", N_("Disability"), disability),
        JIAYI_TEXT("disability_other", N_("Other disability"), disabilityOther),
        JIAYI_TEXT("kitchen_ventilation", N_("Kitchen ventilation"), kitchenVentilation),
        JIAYI_TEXT("fuel", N_("Fuel"), fuel),
        JIAYI_TEXT("water", N_("Drinking water"), water),
        JIAYI_TEXT("toilet", N_("Toilet"), toilet),
        JIAYI_TEXT("animal_pen", N_("Animal pen"), animalPen),
        ResidentField{"status", N_("Record status"), FieldKind::Text,
                      [](const Resident& r) { return std::string(statusCode(r.status)); },
                      [](Resident& r, const std::string& v) {
                          auto status = parseStatus(v);
                          if (!status) throw std::invalid_argument("unknown status " + v);
                          r.status = *status;
                      }},
        JIAYI_DATE("status_date", N_("Status date"), statusDate),
        JIAYI_TEXT("status_reason", N_("Status reason"), statusReason),
        JIAYI_DATE("created_on", N_("Created on"), createdOn),
        JIAYI_DATE("updated_on", N_("Updated on"), updatedOn),
        JIAYI_TEXT("created_site", N_("Created at site"), createdSite),
    };
    return all;
}

#undef JIAYI_TEXT
#undef JIAYI_DATE
#undef JIAYI_CODES
#undef JIAYI_EVENTS

std::string fieldLabel(std::string_view name) {
    if (const auto* f = findResidentField(name)) return tr(f->label);
    // Fields of a registration that are not resident columns.
    if (name == "household") return tr("Household");
    if (name == "relation") return tr("Relation to head");
    if (name == "address") return tr("Address");
    return std::string(name);
}

const ResidentField* findResidentField(std::string_view name) {
    for (const auto& f : residentFields())
        if (name == f.name) return &f;
    return nullptr;
}

}  // namespace jiayi::model
