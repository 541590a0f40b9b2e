#pragma once
// The one table that knows every stored field of a resident: its column name, how it is
// kept as text (lists as JSON), and how it maps to model::Resident. Storage, the CLI's
// JSON and exchange code all go through it, so a new field is added in one place.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/Resident.h"

namespace jiayi::model {

enum class FieldKind { Text, Date, Json };

struct ResidentField {
    const char* name;  // column name, also the JSON key and the ValidationError field
    const char* label;  // English label on the form (translate with tr())
    FieldKind kind;
    std::function<std::string(const Resident&)> get;  // "" = empty / not recorded
    // Throws std::exception (Poco::Exception for bad JSON) on malformed text.
    std::function<void(Resident&, const std::string&)> set;
};

// In schema order, without the id.
const std::vector<ResidentField>& residentFields();
const ResidentField* findResidentField(std::string_view name);
// The translated label of a field name (also "household", "relation", "address"), or the
// name itself when unknown.
std::string fieldLabel(std::string_view name);

}  // namespace jiayi::model
