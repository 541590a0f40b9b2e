#pragma once
// Deterministic synthetic residents of a rural township for demos, training and load
// tests: shared/domain/population.md. Pure: no database; a caller stores the result.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::demo {

// Relation to the household head, shared/domain/records.md "Households".
namespace relation {
inline constexpr const char* Self = "0";        // 本人
inline constexpr const char* Spouse = "1";      // 配偶
inline constexpr const char* Son = "2";         // 子
inline constexpr const char* Daughter = "3";    // 女
inline constexpr const char* Parent = "4";      // 父母
inline constexpr const char* Grandchild = "5";  // 孙子女
inline constexpr const char* Sibling = "6";     // 兄弟姐妹
inline constexpr const char* Other = "7";       // 其他 (e.g. 儿媳, 女婿)
}  // namespace relation

// Kinds of household the recipe weights (population.tsv "household_type" rows).
inline constexpr const char* kHouseholdKinds[] = {
    "single_elderly", "single_adult",     "elderly_couple",    "couple",
    "nuclear",        "three_generation", "skipped_generation"};

struct DemoPerson {
    std::string name;
    std::string sex;  // "1" male, "2" female
    Date birthDate;
    std::string idNumber;    // 18 characters, valid check character
    std::string phone;       // 11 digits or empty (children, some elderly)
    std::string relation;    // code from jiayi::demo::relation
    bool registered = true;  // 户籍 here; false = 非户籍
    bool hypertension = false;
    bool diabetes = false;
};

struct DemoHousehold {
    std::string villageCode;          // 12-digit division code
    std::string address;              // e.g. "马山庄村3组17号"
    std::vector<DemoPerson> members;  // members[0] is the head
};

struct DemoVillage {
    std::string code;  // 12-digit division code
    std::string name;  // as in the divisions file, e.g. "马山庄村民委员会"
};

// Share of people (percent) in an inclusive age range.
struct AgeRate {
    int from = 0;
    int to = 0;
    double percent = 0;
};

// Every tunable figure, read from resources/demo/population.tsv (commented there).
struct DemoParams {
    double householdSizeMean = 0;
    double sexRatio = 0;  // men per 100 women
    int householdsPerGroup = 0;
    double birthsPer1000 = 0;
    std::vector<AgeRate> ageBands;  // percent of residents
    double nonRegisteredWorkingAge = 0;
    double otherCountyRegistered = 0;
    double otherCountyNonRegistered = 0;
    std::vector<std::string> otherCounties;
    std::vector<AgeRate> phone;
    std::vector<AgeRate> hypertension;
    std::vector<AgeRate> diabetes;
    std::map<std::string, double> householdTypes;  // kind → relative weight
    std::vector<double> nuclearChildren;           // weights for 1, 2, 3… children
    std::vector<double> grandchildren;             // weights for 1, 2, 3… grandchildren
    double nuclearWithParent = 0;
    double femaleHeadOfCouple = 0;
    double singleElderlyFemale = 0;
    double singleAdultMale = 0;
    std::vector<std::pair<std::string, double>> surnames;  // percent of people
    std::vector<std::string> rareSurnames;                 // share the remaining percent
    double villageDominantShare = 0;
    double villageTwoDominant = 0;
    // birth decade (1950, …) → names; index 0 male, 1 female
    std::map<int, std::vector<std::string>> givenNames[2];
};

// Throws StorageError naming the file and line for an unreadable file, a malformed or
// unknown line, or a missing figure.
DemoParams loadDemoParams(const std::filesystem::path& file);
// resourcePath("demo/population.tsv")
DemoParams loadDemoParams();

// Households of one township spread over `villages` (sizes vary from village to village)
// with exactly `residents` people in total. Identical output for identical arguments on
// every platform and standard library: only the raw bits of std::mt19937_64 are used.
// ID numbers and phone numbers are unique within the result.
std::vector<DemoHousehold> generateTownship(const DemoParams& params,
                                            const std::vector<DemoVillage>& villages,
                                            std::size_t residents, std::uint64_t seed,
                                            const Date& today);

}  // namespace jiayi::demo
