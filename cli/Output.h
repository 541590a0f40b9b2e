#pragma once
// Text and JSON renderings of residents and households for the terminal.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/model/Household.h"
#include "core/model/Resident.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::cli {

// Every filled field, one "label: value" line each, codes shown as their labels.
void printResident(std::ostream& out, services::Workstation& ws, const model::Resident& r);
// One line per resident: archive number, name, sex, birth date, ID number, phone, village.
void printResidentRows(std::ostream& out, services::Workstation& ws,
                       const std::vector<model::Resident>& residents);
void printHousehold(std::ostream& out, services::Workstation& ws, const model::Household& h);
std::string householdJson(const model::Household& h);
std::string residentsJson(const std::vector<model::Resident>& residents);

}  // namespace jiayi::cli
