#pragma once
// Administrative divisions (GB/T 2260 / NBS 统计用区划代码) down to village, read from
// resources/divisions/divisions.tsv (see resources/divisions/README.md).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jiayi::rules {

struct Division {
    enum class Level { Province, City, County, Township, Village };

    std::string code;    // always 12 digits, shorter codes padded with zeros
    std::string parent;  // 12 digits; empty for a province
    Level level = Level::Province;
    std::string name;
};

// Reads a divisions file: one "code TAB parent TAB level TAB name" per line, '#' comments
// and blank lines ignored. Throws StorageError naming the file and line number when the
// file cannot be read or a line is malformed.
std::vector<Division> loadDivisions(const std::filesystem::path& file);

// The shipped file, found through resourcePath("divisions/divisions.tsv").
std::vector<Division> loadDivisions();

// 12 ASCII digits.
bool isValidDivisionCode(std::string_view code);

// A division code as the prefix that the codes of every village under it start with, so
// that one division means the same whatever way it is written: 2, 4, 6, 9 or 12 digits,
// padded with zeros or not (371721101000, 371721101 → 371721101; 371721000000 → 371721;
// 371700 → 3717). Empty when `code` is not 2, 4, 6, 9 or 12 ASCII digits.
std::string divisionPrefix(std::string_view code);
// divisionPrefix() of a scope a user gave ("" stays "": everything); a scope that is no
// division code throws ValidationError naming `field`.
std::string scopePrefix(std::string_view code, const char* field = "scope");
// The 12-digit code of a division prefix (371721101 → 371721101000).
std::string fullDivisionCode(std::string_view prefix);

std::string_view levelName(Division::Level level);  // "province" … "village"

// "马山庄村民委员会" → "马山庄村", "南关居民委员会" → "南关社区": the short name of a
// village committee as addresses, clinic names and village lists use it.
std::string shortVillageName(const std::string& committeeName);

// Kind of a village-level unit from the last three digits of its 12-digit division code,
// by the NBS coding rule the real data follows: 001-199 居委会, 200-399 村委会,
// 400-499 类似居委会, 500-599 类似村委会; "" for anything else.
std::string_view villageKind(std::string_view divisionCode);

// Kind of the village segment (3 digits) of a 17-digit health-record archive number,
// shared/domain/records.md "17-digit archive number": 001-099 居委会, 101-199 村委会,
// 901-999 其他; "" otherwise. Note the ranges differ from the NBS division codes above.
std::string_view archiveVillageKind(std::string_view segment);

}  // namespace jiayi::rules
