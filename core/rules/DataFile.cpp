#include "core/rules/DataFile.h"

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::rules {

std::string readDataFile(const std::filesystem::path& file, const std::string& cannotRead) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StorageError(format(cannotRead, {file.string()}));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Poco::JSON::Object::Ptr parseDataObject(const std::string& text, const std::string& name) {
    Poco::JSON::Object::Ptr root;
    try {
        root = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        throw ValidationError("file", format(tr("{0} is not valid JSON: {1}"), {name, e.what()}));
    }
    if (!root) throw ValidationError("file", format(tr("{0} is not valid JSON: {1}"), {name, "not an object"}));
    return root;
}

Entry codeAndName(const Poco::JSON::Object::Ptr& o, std::size_t index, std::set<std::string>& seen,
                  const std::string& field, const std::string& required, const std::string& twice) {
    Entry e;
    e.code = o ? o->optValue<std::string>("code", "") : "";
    e.name = o ? o->optValue<std::string>("name", "") : "";
    e.where = e.code.empty() ? "#" + std::to_string(index + 1) : e.code;
    if (e.code.empty() || e.name.empty()) throw ValidationError(field, format(required, {e.where}));
    if (!seen.insert(e.code).second) throw ValidationError(field, format(twice, {e.where}));
    return e;
}

}  // namespace jiayi::rules
