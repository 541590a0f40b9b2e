#pragma once
// Reading the rule tables shipped under resources/ as JSON (service packages, immunization
// schedules): the parts every table shares, with errors that name the file and the entry.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::rules {

// The file's text; StorageError with `cannotRead` (a translated "{0} cannot be read") when
// it cannot be opened.
std::string readDataFile(const std::filesystem::path& file, const std::string& cannotRead);
// The file read and given to `parse(text, file name)`: a table's parser sees the name to
// put in its errors.
template <typename Parse>
auto parseDataFile(const std::filesystem::path& file, const std::string& cannotRead, Parse parse) {
    return parse(readDataFile(file, cannotRead), file.filename().string());
}
// The root object; ValidationError("file") naming `name` when the text is not a JSON object.
Poco::JSON::Object::Ptr parseDataObject(const std::string& text, const std::string& name);

// The code and name of entry `index` of a list, checked: both present (else `required`,
// a translated "{0}: a code and a name are required"), the code not seen before (else
// `twice`). Returns the entry's label for later messages: its code, or "#n".
struct Entry {
    std::string code, name, where;
};
Entry codeAndName(const Poco::JSON::Object::Ptr& o, std::size_t index, std::set<std::string>& seen,
                  const std::string& field, const std::string& required, const std::string& twice);

// A schedule of visits (children 0-6, mothers): its edition, its name, its visits by code.
template <typename Visit>
struct VisitSchedule {
    std::string edition, name;
    std::vector<Visit> visits;
    const Visit* find(const std::string& code) const {
        for (const auto& v : visits)
            if (v.code == code) return &v;
        return nullptr;
    }
};

// Reads a visit schedule: the edition, the name, and each entry of "visits" checked for its
// code and name, then given to `fields(object, entry)` for the rest of its fields.
template <typename Visit, typename Fields>
VisitSchedule<Visit> parseVisitSchedule(const std::string& text, const std::string& name, Fields fields) {
    const auto root = parseDataObject(text, name);
    VisitSchedule<Visit> t;
    t.edition = root->optValue<std::string>("edition", "");
    t.name = root->optValue<std::string>("name", "");
    const auto visits = root->getArray("visits");
    if (t.edition.empty() || !visits || visits->size() == 0)
        throw ValidationError("visits", format(tr("{0} names no edition or no visit"), {name}));
    std::set<std::string> codes;
    for (std::size_t i = 0; i < visits->size(); ++i) {
        const auto o = visits->getObject(static_cast<unsigned>(i));
        const auto entry = codeAndName(o, i, codes, "visits", tr("Visit {0}: a code and a name are required"),
                                       tr("Visit {0} appears twice"));
        Visit v = fields(o, entry);
        v.code = entry.code;
        v.name = entry.name;
        t.visits.push_back(std::move(v));
    }
    return t;
}

}  // namespace jiayi::rules
