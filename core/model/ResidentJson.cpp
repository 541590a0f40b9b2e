#include "core/model/ResidentJson.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "core/model/ResidentFields.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"

namespace jiayi::model {

std::string residentToJson(const Resident& resident) {
    std::string out = "{\"id\":" + jsonString(resident.id);
    for (const auto& f : residentFields()) {
        out += ",";
        appendJsonString(out, f.name);
        out += ":";
        const auto value = f.get(resident);
        if (value.empty()) out += f.kind == FieldKind::Json ? "[]" : "null";
        else if (f.kind == FieldKind::Json) out += value;  // already JSON
        else appendJsonString(out, value);
    }
    return out + "}";
}

Resident residentFromJson(const std::string& json, Resident base) {
    Poco::JSON::Object::Ptr object;
    try {
        object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw ValidationError("json", tr("Not a JSON object"));
    }
    for (const auto& [key, value] : *object) {
        if (key == "id") continue;
        const auto* field = findResidentField(key);
        if (!field) throw ValidationError(key, tr("Unknown field"));
        std::string text;
        if (value.isEmpty()) {
            text.clear();
        } else if (field->kind == FieldKind::Json) {
            std::ostringstream s;
            Poco::JSON::Stringifier::condense(value, s);
            text = s.str();
            if (text == "[]" || text == "{}") text.clear();
        } else if (value.isString()) {
            text = value.extract<std::string>();
        } else {
            throw ValidationError(key, tr("Expected text"));
        }
        if (field->kind == FieldKind::Date && !text.empty() && !parseDate(text))
            throw ValidationError(key, format(tr("\"{0}\" is not a real date (YYYY-MM-DD)"), {text}));
        try {
            field->set(base, text);
        } catch (const std::exception&) {
            throw ValidationError(key, tr("The value does not have the expected shape"));
        }
    }
    return base;
}

}  // namespace jiayi::model
