#pragma once
// Small UTF-8 codec for core: names and addresses arrive as UTF-8 std::string, but rules
// such as pinyin lookup work per code point. No locale, no iconv, no wx.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jiayi::utf8 {

inline constexpr char32_t kReplacement = U'\uFFFD';

struct Decoded {
    std::u32string text;           // invalid sequences replaced by U+FFFD
    std::size_t invalidCount = 0;  // how many replacements were made
    // Byte offset of the first invalid sequence; npos when the input was valid.
    std::size_t firstInvalidOffset = std::string_view::npos;
    bool valid() const { return invalidCount == 0; }
};

// Decodes UTF-8 strictly (no overlong forms, surrogates or values above U+10FFFF). Each
// maximal invalid subpart becomes one U+FFFD, as the Unicode standard recommends (§3.9).
Decoded decode(std::string_view bytes);

// True when the bytes are well-formed UTF-8.
bool isValid(std::string_view bytes);

// Appends the UTF-8 form of one code point; surrogates and values above U+10FFFF are
// written as U+FFFD so the output is always well-formed.
void append(std::string& out, char32_t codePoint);
std::string encode(std::u32string_view text);
std::string encode(char32_t codePoint);

// Byte offset just after the first `codePoints` characters (the size when shorter), e.g.
// to split a name into surname and given name. Assumes well-formed UTF-8.
std::size_t offsetAfter(std::string_view bytes, std::size_t codePoints);

// Number of code points (invalid sequences count as one each).
std::size_t length(std::string_view bytes);

// The first character a text field must not hold, if any: C0 controls other than tab,
// line feed and carriage return (NUL, BEL, ESC …), DEL, C1 controls, and the bidirectional
// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) and marks
// (U+200E, U+200F, U+061C) that can make a text display other than what it holds.
// Assumes well-formed UTF-8.
std::optional<char32_t> firstUnsafe(std::string_view bytes);

// A CJK ideograph (unified, extensions A-I, compatibility, and 〇 U+3007).
bool isCjk(char32_t codePoint);

}  // namespace jiayi::utf8
