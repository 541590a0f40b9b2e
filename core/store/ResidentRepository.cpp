#include "core/store/ResidentRepository.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <functional>

#include "core/store/Database.h"
#include "core/store/SearchIndex.h"
#include "core/store/Site.h"
#include "core/util/Json.h"

namespace jiayi::store {
namespace {

using model::Resident;

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

std::string eventsJson(const std::vector<model::HistoryEvent>& events) {
    if (events.empty()) return {};
    std::string out = "[";
    for (const auto& e : events) {
        if (out.size() > 1) out.push_back(',');
        out += "{\"name\":" + jsonString(e.name) + ",\"date\":" + jsonString(dateText(e.date)) + "}";
    }
    return out + "]";
}

std::vector<model::HistoryEvent> parseEvents(const std::string& json) {
    std::vector<model::HistoryEvent> out;
    if (json.empty()) return out;
    Poco::JSON::Parser parser;
    auto array = parser.parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto o = array->getObject(static_cast<unsigned>(i));
        out.push_back({o->optValue<std::string>("name", ""), parseDate(o->optValue<std::string>("date", ""))});
    }
    return out;
}

std::string diseasesJson(const std::vector<model::DiagnosedDisease>& diseases) {
    if (diseases.empty()) return {};
    std::string out = "[";
    for (const auto& d : diseases) {
        if (out.size() > 1) out.push_back(',');
        out += "{\"code\":" + jsonString(d.code) + ",\"date\":" + jsonString(dateText(d.diagnosedOn)) +
               ",\"note\":" + jsonString(d.note) + "}";
    }
    return out + "]";
}

std::vector<model::DiagnosedDisease> parseDiseases(const std::string& json) {
    std::vector<model::DiagnosedDisease> out;
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

std::string familyJson(const model::FamilyHistory& f) {
    if (f == model::FamilyHistory{}) return {};
    auto part = [](const std::vector<std::string>& v) { return v.empty() ? std::string("[]") : codesJson(v); };
    return "{\"father\":" + part(f.father) + ",\"mother\":" + part(f.mother) +
           ",\"siblings\":" + part(f.siblings) + ",\"children\":" + part(f.children) + "}";
}

model::FamilyHistory parseFamily(const std::string& json) {
    model::FamilyHistory f;
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

// One table maps every column to the model: the single place that knows the layout.
struct Column {
    const char* name;
    std::function<std::string(const Resident&)> get;
    std::function<void(Resident&, std::string)> set;
};

#define JIAYI_TEXT(col, member) \
    Column { col, [](const Resident& r) { return r.member; }, [](Resident& r, std::string v) { r.member = std::move(v); } }
#define JIAYI_DATE(col, member)                                          \
    Column {                                                             \
        col, [](const Resident& r) { return dateText(r.member); },       \
            [](Resident& r, std::string v) { r.member = parseDate(v); } \
    }
#define JIAYI_CODES(col, member)                                               \
    Column {                                                                   \
        col, [](const Resident& r) { return codesJson(r.member); },            \
            [](Resident& r, std::string v) { r.member = parseCodes(v); }       \
    }
#define JIAYI_EVENTS(col, member)                                              \
    Column {                                                                   \
        col, [](const Resident& r) { return eventsJson(r.member); },           \
            [](Resident& r, std::string v) { r.member = parseEvents(v); }      \
    }

const std::vector<Column>& columns() {
    static const std::vector<Column> all = {
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
        Column{"past_diseases", [](const Resident& r) { return diseasesJson(r.pastDiseases); },
               [](Resident& r, std::string v) { r.pastDiseases = parseDiseases(v); }},
        JIAYI_EVENTS("surgeries", surgeries),
        JIAYI_EVENTS("injuries", injuries),
        JIAYI_EVENTS("transfusions", transfusions),
        Column{"family_history", [](const Resident& r) { return familyJson(r.familyHistory); },
               [](Resident& r, std::string v) { r.familyHistory = parseFamily(v); }},
        JIAYI_TEXT("hereditary_disease", hereditaryDisease),
        JIAYI_CODES("disability", disability),
        JIAYI_TEXT("disability_other", disabilityOther),
        JIAYI_TEXT("kitchen_ventilation", kitchenVentilation),
        JIAYI_TEXT("fuel", fuel),
        JIAYI_TEXT("water", water),
        JIAYI_TEXT("toilet", toilet),
        JIAYI_TEXT("animal_pen", animalPen),
        Column{"status", [](const Resident& r) { return std::string(model::statusCode(r.status)); },
               [](Resident& r, std::string v) {
                   r.status = model::parseStatus(v).value_or(model::RecordStatus::Active);
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

const std::string& selectSql() {
    static const std::string sql = [] {
        std::string s = "SELECT id";
        for (const auto& c : columns()) s += std::string(",") + c.name;
        return s + " FROM resident ";
    }();
    return sql;
}

Resident readRow(const Statement& st) {
    Resident r;
    r.id = st.text(0);
    int index = 1;
    for (const auto& c : columns()) c.set(r, st.text(index++));
    return r;
}

std::vector<Resident> readAll(Statement& st) {
    std::vector<Resident> out;
    while (st.step()) out.push_back(readRow(st));
    st.reset();
    return out;
}

}  // namespace

Fields ResidentRepository::toFields(const Resident& resident) {
    Fields fields;
    fields.reserve(columns().size());
    for (const auto& c : columns()) fields.emplace_back(c.name, textOrNull(c.get(resident)));
    return fields;
}

std::optional<Resident> ResidentRepository::get(const std::string& id) {
    auto& st = m_db.cached(selectSql() + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readAll(st);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<Resident> ResidentRepository::byArchiveNo(const std::string& archiveNo) {
    auto& st = m_db.cached(selectSql() + "WHERE archive_no = ?");
    st.bind(1, archiveNo);
    auto rows = readAll(st);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<Resident> ResidentRepository::byIdNumber(const std::string& idNumber) {
    auto& st = m_db.cached(selectSql() + "WHERE id_number = ? ORDER BY created_on, id");
    st.bind(1, idNumber);
    return readAll(st);
}

std::vector<Resident> ResidentRepository::likelyDuplicates(const std::string& name,
                                                           const std::string& sex,
                                                           const std::string& birthDate,
                                                           const std::string& villageCode) {
    auto& st = m_db.cached(selectSql() +
                           "WHERE village_code = ? AND name = ? AND sex = ? AND birth_date = ?");
    st.bindAll(villageCode, name, sex, birthDate);
    return readAll(st);
}

std::vector<Resident> ResidentRepository::getMany(const std::vector<std::string>& ids) {
    std::vector<Resident> out;
    out.reserve(ids.size());
    for (const auto& id : ids)
        if (auto r = get(id)) out.push_back(std::move(*r));
    return out;
}

std::size_t ResidentRepository::count() {
    auto& st = m_db.cached("SELECT count(*) FROM resident");
    st.step();
    const auto n = static_cast<std::size_t>(st.integer(0));
    st.reset();
    return n;
}

void ResidentRepository::insert(const Resident& resident, const std::string& user) {
    m_db.changes().insert("resident", resident.id, toFields(resident), user);
    SearchIndex(m_db).index(resident);
}

std::vector<std::string> ResidentRepository::update(const Resident& resident,
                                                    const std::string& user) {
    const auto changed = m_db.changes().update("resident", resident.id, toFields(resident), user);
    std::vector<std::string> names;
    bool reindex = false;
    for (const auto& [column, value] : changed) {
        names.push_back(column);
        reindex |= SearchIndex::isIndexedColumn(column);
    }
    if (reindex) SearchIndex(m_db).index(resident);
    return names;
}

}  // namespace jiayi::store
