#pragma once
// Pinyin readings of Chinese characters for searching names (shared/domain/records.md,
// "Finding people"). Data: Unicode Unihan kMandarin / kHanyuPinyin readings, shipped as
// resources/pinyin/ with the Unicode licence.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jiayi::rules {

class PinyinTable {
public:
    // The shared table loaded once from resourcePath("pinyin/...").
    static const PinyinTable& instance();
    static PinyinTable load(const std::string& path);

    // Toneless lower-case readings, most common first; empty when the code point is
    // not a CJK character with a reading.
    const std::vector<std::string>& readings(char32_t codePoint) const;
    // Reading of a character used as a surname (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu,
    // 朴 piao, …); falls back to the most common reading.
    std::string surnameReading(char32_t codePoint) const;

    struct NameKeys {
        std::vector<std::string> full;      // "zhangsan", one per reading variant
        std::vector<std::string> initials;  // "zs", one per reading variant
    };
    // Search keys for a person's name: the first character (or a known two-character
    // compound surname such as 欧阳, 司马) read as a surname, other characters in every
    // reading, at most maxVariants combinations, most likely first. Non-CJK characters
    // (Latin letters, digits) are kept lower-case; spaces and dots are dropped.
    NameKeys nameKeys(std::string_view utf8Name, std::size_t maxVariants = 8) const;

private:
    std::unordered_map<char32_t, std::vector<std::string>> m_readings;
};

}  // namespace jiayi::rules
