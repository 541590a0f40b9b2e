// Pinyin search keys for names: shared/domain/records.md, "Finding people". Readings
// come from resources/pinyin/unihan_pinyin.tsv (Unihan, Unicode licence); surname
// readings, which Unihan does not mark, are the tables below.
#include "core/rules/Pinyin.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fstream>

#include "core/util/Error.h"
#include "core/util/Resources.h"
#include "core/util/Utf8.h"

namespace jiayi::rules {
namespace {

struct SurnameReading {
    char32_t character;
    const char* reading;
};

// Characters whose reading as a surname differs from their most common reading (or
// that have several readings and one fixed surname reading). Traditional forms are
// listed too: records imported from Taiwan, Hong Kong or old systems use them.
constexpr SurnameReading kSurnames[] = {
    {U'单', "shan"},  {U'單', "shan"},  {U'曾', "zeng"}, {U'解', "xie"},   {U'区', "ou"},
    {U'區', "ou"},    {U'仇', "qiu"},   {U'朴', "piao"}, {U'查', "zha"},   {U'盖', "ge"},
    {U'蓋', "ge"},    {U'华', "hua"},   {U'華', "hua"},  {U'缪', "miao"},  {U'繆', "miao"},
    {U'乐', "yue"},   {U'樂', "yue"},   {U'召', "shao"}, {U'种', "chong"}, {U'種', "chong"},
    {U'覃', "qin"},   {U'重', "chong"}, {U'那', "na"},   {U'燕', "yan"},   {U'秘', "bi"},
    {U'员', "yun"},   {U'員', "yun"},   {U'折', "she"},  {U'翟', "zhai"},  {U'藏', "zang"},
    {U'石', "shi"},   {U'柏', "bai"},   {U'贲', "ben"},  {U'賁', "ben"},   {U'繁', "po"},
    {U'尉', "wei"},   {U'万', "wan"},   {U'句', "gou"},  {U'阚', "kan"},   {U'闞', "kan"},
    {U'隗', "wei"},   {U'车', "che"},   {U'車', "che"},  {U'宿', "su"},    {U'沈', "shen"},
    {U'都', "du"},    {U'牟', "mou"},   {U'卜', "bu"},   {U'薄', "bo"},    {U'便', "pian"},
    {U'冼', "xian"},  {U'粘', "nian"},  {U'乜', "nie"},  {U'祭', "zhai"},  {U'叶', "ye"},
    {U'葉', "ye"},    {U'佴', "nai"},   {U'角', "jue"},  {U'褚', "chu"},   {U'殷', "yin"},
    {U'盛', "sheng"}, {U'行', "xing"},  {U'任', "ren"},  {U'冯', "feng"},  {U'馮', "feng"},
    {U'陆', "lu"},    {U'陸', "lu"},    {U'宁', "ning"}, {U'贾', "jia"},   {U'賈', "jia"},
    {U'长', "chang"}, {U'長', "chang"}, {U'参', "shen"}, {U'俞', "yu"},    {U'能', "nai"},
    {U'蕃', "pi"},    {U'纪', "ji"},    {U'占', "zhan"}, {U'朝', "chao"},  {U'相', "xiang"},
};

struct CompoundSurname {
    char32_t first;
    char32_t second;
    const char* firstReading;
    const char* secondReading;
};

// Two-character surnames. Several read differently from their characters alone
// (尉迟 yuchi, 万俟 moqi, 单于 chanyu, 长孙 zhangsun, 澹台 tantai).
constexpr CompoundSurname kCompoundSurnames[] = {
    {U'欧', U'阳', "ou", "yang"},   {U'歐', U'陽', "ou", "yang"},    {U'司', U'马', "si", "ma"},
    {U'司', U'馬', "si", "ma"},     {U'上', U'官', "shang", "guan"}, {U'诸', U'葛', "zhu", "ge"},
    {U'諸', U'葛', "zhu", "ge"},    {U'东', U'方', "dong", "fang"},  {U'東', U'方', "dong", "fang"},
    {U'皇', U'甫', "huang", "fu"},  {U'慕', U'容', "mu", "rong"},    {U'司', U'徒', "si", "tu"},
    {U'令', U'狐', "ling", "hu"},   {U'夏', U'侯', "xia", "hou"},    {U'尉', U'迟', "yu", "chi"},
    {U'尉', U'遲', "yu", "chi"},    {U'长', U'孙', "zhang", "sun"},  {U'長', U'孫', "zhang", "sun"},
    {U'宇', U'文', "yu", "wen"},    {U'公', U'孙', "gong", "sun"},   {U'公', U'孫', "gong", "sun"},
    {U'万', U'俟', "mo", "qi"},     {U'萬', U'俟', "mo", "qi"},      {U'单', U'于', "chan", "yu"},
    {U'單', U'于', "chan", "yu"},   {U'澹', U'台', "tan", "tai"},    {U'澹', U'臺', "tan", "tai"},
    {U'公', U'冶', "gong", "ye"},   {U'宗', U'政', "zong", "zheng"}, {U'濮', U'阳', "pu", "yang"},
    {U'淳', U'于', "chun", "yu"},   {U'太', U'叔', "tai", "shu"},    {U'申', U'屠', "shen", "tu"},
    {U'轩', U'辕', "xuan", "yuan"}, {U'赫', U'连', "he", "lian"},    {U'司', U'空', "si", "kong"},
    {U'闻', U'人', "wen", "ren"},   {U'西', U'门', "xi", "men"},     {U'南', U'宫', "nan", "gong"},
    {U'呼', U'延', "hu", "yan"},    {U'端', U'木', "duan", "mu"},    {U'百', U'里', "bai", "li"},
    {U'东', U'郭', "dong", "guo"},  {U'拓', U'跋', "tuo", "ba"},     {U'独', U'孤', "du", "gu"},
    {U'钟', U'离', "zhong", "li"},  {U'公', U'羊', "gong", "yang"},  {U'左', U'丘', "zuo", "qiu"},
    {U'第', U'五', "di", "wu"},     {U'鲜', U'于', "xian", "yu"},    {U'闾', U'丘', "lv", "qiu"},
    {U'亓', U'官', "qi", "guan"},   {U'司', U'寇', "si", "kou"},     {U'巫', U'马', "wu", "ma"},
    {U'漆', U'雕', "qi", "diao"},   {U'乐', U'正', "yue", "zheng"},  {U'谷', U'梁', "gu", "liang"},
    {U'羊', U'舌', "yang", "she"},  {U'微', U'生', "wei", "sheng"},  {U'颛', U'孙', "zhuan", "sun"},
};

const std::vector<std::string>& noReadings() {
    static const std::vector<std::string> empty;
    return empty;
}

const CompoundSurname* findCompound(char32_t first, char32_t second) {
    for (const auto& compound : kCompoundSurnames) {
        if (compound.first == first && compound.second == second) return &compound;
    }
    return nullptr;
}

bool isDropped(char32_t c) {
    // Separators inside names: spaces, and the dots of transliterated minority and
    // foreign names (阿依古丽·买买提).
    return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x3000 || c == 0x00A0 ||
           c == U'.' || c == 0x00B7 || c == 0x2022 || c == 0x2027 || c == 0x30FB || c == 0xFF0E ||
           c == 0xFF65;
}

// One position of a name: its candidate spellings (most likely first) and the initial
// each candidate contributes.
struct Slot {
    std::vector<std::string> candidates;
    std::vector<std::string> initials;
};

Slot literalSlot(std::string text) {
    Slot slot;
    slot.initials.push_back(text);
    slot.candidates.push_back(std::move(text));
    return slot;
}

Slot readingSlot(const std::vector<std::string>& readings, const std::string& preferred) {
    Slot slot;
    if (!preferred.empty()) slot.candidates.push_back(preferred);
    for (const auto& reading : readings) {
        if (reading != preferred) slot.candidates.push_back(reading);
    }
    for (const auto& reading : slot.candidates) slot.initials.push_back(reading.substr(0, 1));
    return slot;
}

struct Variant {
    std::size_t rankSum;
    std::string full;
    std::string initials;
};

// Appends up to `limit` combinations, lowest total rank first so that common readings
// come before rare ones; with equal totals the later characters vary first, keeping the
// surname on its surname reading longest. Each total level yields at least one
// combination, so the loop runs at most `limit` levels.
void enumerateVariants(const std::vector<Slot>& slots, std::size_t limit,
                       std::vector<Variant>& out) {
    std::size_t maxSum = 0;
    std::vector<std::size_t> suffixMax(slots.size() + 1, 0);
    for (std::size_t i = slots.size(); i-- > 0;) {
        suffixMax[i] = suffixMax[i + 1] + slots[i].candidates.size() - 1;
    }
    maxSum = suffixMax[0];
    std::vector<std::size_t> ranks(slots.size(), 0);
    std::size_t produced = 0;

    // Fills positions from `pos` with ranks summing to `remaining`.
    auto fill = [&](auto& self, std::size_t pos, std::size_t remaining, std::size_t total) {
        if (produced >= limit) return;
        if (pos == slots.size()) {
            Variant variant{total, {}, {}};
            for (std::size_t i = 0; i < slots.size(); ++i) {
                variant.full += slots[i].candidates[ranks[i]];
                variant.initials += slots[i].initials[ranks[i]];
            }
            out.push_back(std::move(variant));
            ++produced;
            return;
        }
        const std::size_t top = std::min(remaining, slots[pos].candidates.size() - 1);
        for (std::size_t rank = 0; rank <= top && produced < limit; ++rank) {
            if (remaining - rank > suffixMax[pos + 1]) continue;  // cannot reach the total
            ranks[pos] = rank;
            self(self, pos + 1, remaining - rank, total);
        }
    };
    for (std::size_t total = 0; total <= maxSum && produced < limit; ++total) {
        fill(fill, 0, total, total);
    }
}

}  // namespace

const PinyinTable& PinyinTable::instance() {
    // Function-local static: loaded once, thread-safe by the language (C++11 and later).
    static const PinyinTable table = load(resourcePath("pinyin/unihan_pinyin.tsv").string());
    return table;
}

PinyinTable PinyinTable::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw StorageError("cannot open the pinyin table " + path);
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    in.seekg(0);
    std::string data(size, '\0');
    if (!in.read(data.data(), static_cast<std::streamsize>(size))) {
        throw StorageError("cannot read the pinyin table " + path);
    }

    // Parsed by hand: 41k lines must load well under 100 ms at start-up.
    PinyinTable table;
    table.m_readings.reserve(48000);
    std::size_t lineNumber = 0;
    std::size_t pos = 0;
    while (pos < data.size()) {
        std::size_t end = data.find('\n', pos);
        if (end == std::string::npos) end = data.size();
        std::string_view line(data.data() + pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;

        const std::size_t tab = line.find('\t');
        std::uint32_t codePoint = 0;
        const auto parsed =
            std::from_chars(line.data(), line.data() + std::min(tab, line.size()), codePoint, 16);
        if (tab == std::string_view::npos || parsed.ptr != line.data() + tab ||
            parsed.ec != std::errc{}) {
            throw StorageError("malformed pinyin table " + path + " at line " +
                               std::to_string(lineNumber));
        }
        auto& readings = table.m_readings[static_cast<char32_t>(codePoint)];
        std::string_view rest = line.substr(tab + 1);
        while (!rest.empty()) {
            const std::size_t space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            if (!word.empty()) readings.emplace_back(word);
            if (space == std::string_view::npos) break;
            rest.remove_prefix(space + 1);
        }
    }
    return table;
}

const std::vector<std::string>& PinyinTable::readings(char32_t codePoint) const {
    const auto it = m_readings.find(codePoint);
    return it == m_readings.end() ? noReadings() : it->second;
}

std::string PinyinTable::surnameReading(char32_t codePoint) const {
    for (const auto& surname : kSurnames) {
        if (surname.character == codePoint) return surname.reading;
    }
    const auto& all = readings(codePoint);
    return all.empty() ? std::string() : all.front();
}

PinyinTable::NameKeys PinyinTable::nameKeys(std::string_view utf8Name,
                                            std::size_t maxVariants) const {
    NameKeys keys;
    if (maxVariants == 0) return keys;

    // Characters of the name that take part in keys, with the slot each one makes when
    // read as an ordinary (not surname) character.
    std::u32string chars;
    std::vector<Slot> slots;
    for (char32_t c : utf8::decode(utf8Name).text) {
        if (c == utf8::kReplacement || isDropped(c)) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII from an IME
        if (c >= U'A' && c <= U'Z') c += U'a' - U'A';
        const auto& all = readings(c);
        slots.push_back(all.empty() ? literalSlot(utf8::encode(c)) : readingSlot(all, {}));
        chars.push_back(c);
    }
    if (slots.empty()) return keys;

    // Interpretations of the surname, most likely first: a compound surname, then the
    // first character alone (单于明 may be 单于 明 or 单 于明; search should find both).
    std::vector<std::vector<Slot>> readingsOfName;
    if (chars.size() >= 2 && utf8::isCjk(chars[0])) {
        if (const auto* compound = findCompound(chars[0], chars[1])) {
            auto withCompound = slots;
            withCompound[0] = readingSlot({}, compound->firstReading);
            withCompound[1] = readingSlot({}, compound->secondReading);
            readingsOfName.push_back(std::move(withCompound));
        }
    }
    if (utf8::isCjk(chars[0]) && !readings(chars[0]).empty()) {
        slots[0] = readingSlot(readings(chars[0]), surnameReading(chars[0]));
    }
    readingsOfName.push_back(std::move(slots));

    std::vector<Variant> variants;
    for (const auto& interpretation : readingsOfName) {
        enumerateVariants(interpretation, maxVariants, variants);
    }
    // Interleave interpretations by total rank; stable keeps the compound reading first.
    std::stable_sort(variants.begin(), variants.end(),
                     [](const Variant& a, const Variant& b) { return a.rankSum < b.rankSum; });
    for (const auto& variant : variants) {
        if (keys.full.size() >= maxVariants) break;
        if (std::find(keys.full.begin(), keys.full.end(), variant.full) != keys.full.end())
            continue;
        keys.full.push_back(variant.full);
        if (std::find(keys.initials.begin(), keys.initials.end(), variant.initials) ==
            keys.initials.end())
            keys.initials.push_back(variant.initials);
    }
    return keys;
}

}  // namespace jiayi::rules
