#include "core/store/FieldVersions.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <unordered_map>

#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/Json.h"

namespace jiayi::store {

std::string versionString(std::int64_t hlc, std::string_view site) {
    return std::to_string(hlc) + "@" + std::string(site);
}

namespace {

// Our own writer emits {"field":"hlc@site",…} with names and versions that never need
// escaping; reading that directly is several times faster than a general JSON parser on
// the path of every update. Anything else goes to Poco's parser.
bool parsePlain(std::string_view json, std::map<std::string, std::string>& out) {
    if (json.size() < 2 || json.front() != '{' || json.back() != '}' ||
        json.find('\\') != std::string_view::npos)
        return false;
    std::size_t at = 1;
    auto quoted = [&](std::string& into) {
        if (at >= json.size() || json[at] != '"') return false;
        const auto end = json.find('"', at + 1);
        if (end == std::string_view::npos) return false;
        into.assign(json.substr(at + 1, end - at - 1));
        at = end + 1;
        return true;
    };
    while (at < json.size() - 1) {
        std::string key, value;
        if (!quoted(key) || at >= json.size() || json[at++] != ':' || !quoted(value)) return false;
        out[key] = value;
        if (json[at] == ',') ++at;
        else if (at != json.size() - 1) return false;
    }
    return true;
}

}  // namespace

FieldVersions FieldVersions::parse(std::string_view json) {
    FieldVersions v;
    if (json.empty() || parsePlain(json, v.m_byField)) return v;
    v.m_byField.clear();
    try {
        const auto object =
            Poco::JSON::Parser().parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
        for (const auto& [field, version] : *object) v.m_byField[field] = version.convert<std::string>();
    } catch (const Poco::Exception& e) {
        throw StorageError("malformed field versions: " + e.displayText());
    }
    return v;
}

FieldVersions FieldVersions::inserted(const std::string& version) {
    FieldVersions v;
    v.m_byField["*"] = version;
    return v;
}

bool FieldVersions::onlyBy(std::string_view site) const {
    for (const auto& [field, version] : m_byField) {
        const auto at = version.rfind('@');
        if (at == std::string::npos || std::string_view(version).substr(at + 1) != site) return false;
    }
    return !m_byField.empty();
}

std::string FieldVersions::of(const std::string& field) const {
    if (auto it = m_byField.find(field); it != m_byField.end()) return it->second;
    if (auto it = m_byField.find("*"); it != m_byField.end()) return it->second;
    return {};
}

std::string FieldVersions::json() const {
    std::string out = "{";
    for (const auto& [field, version] : m_byField) {
        if (out.size() > 1) out.push_back(',');
        appendJsonString(out, field);
        out.push_back(':');
        appendJsonString(out, version);
    }
    return out + "}";
}

void replayFieldVersions(Database& db) {
    // (table, row) → versions, in the order the merge would have applied the entries.
    std::unordered_map<std::string, std::pair<std::string, FieldVersions>> rows;
    Statement st(db, "SELECT tbl, row_id, op, fields, hlc, site FROM change_log ORDER BY hlc, site");
    while (st.step()) {
        const auto table = st.text(0);
        const auto rowId = st.text(1);
        const auto version = versionString(st.integer(4), st.text(5));
        auto& entry = rows[table + '\n' + rowId];
        entry.first = table;
        if (st.text(2) == "insert") {
            entry.second = FieldVersions::inserted(version);
            continue;
        }
        const auto fields =
            Poco::JSON::Parser().parse(st.text(3)).extract<Poco::JSON::Object::Ptr>();
        for (const auto& [field, value] : *fields) entry.second.set(field, version);
    }
    for (const auto& [key, entry] : rows) {
        const auto rowId = key.substr(key.find('\n') + 1);
        if (!isReplicatedTable(entry.first)) continue;
        db.cached("UPDATE " + entry.first + " SET fv = ? WHERE id = ?")
            .bind(1, entry.second.json())
            .bind(2, rowId)
            .run();
    }
}

}  // namespace jiayi::store
