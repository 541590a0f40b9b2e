#pragma once
// Reading the rule tables shipped under resources/ as JSON (service packages, immunization
// schedules): the parts every table shares, with errors that name the file and the entry.
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <set>
#include <string>

namespace jiayi::rules {

// The file's text; StorageError with `cannotRead` (a translated "{0} cannot be read") when
// it cannot be opened.
std::string readDataFile(const std::filesystem::path& file, const std::string& cannotRead);
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

}  // namespace jiayi::rules
