#include "core/util/Utf8.h"

#include <algorithm>

namespace jiayi::utf8 {
namespace {

bool isContinuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// Decodes one sequence at `pos`; returns the code point (kReplacement when invalid) and
// sets `used` to the bytes consumed. An invalid sequence consumes its maximal subpart:
// the lead byte plus the continuation bytes that were still acceptable.
char32_t decodeOne(std::string_view bytes, std::size_t pos, std::size_t& used, bool& ok) {
    const auto lead = static_cast<unsigned char>(bytes[pos]);
    used = 1;
    ok = true;
    if (lead < 0x80) return lead;

    std::size_t need = 0;
    char32_t value = 0;
    // Bounds of the second byte exclude overlong forms, surrogates and > U+10FFFF.
    unsigned char low = 0x80, high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        value = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        value = lead & 0x07;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        ok = false;
        return kReplacement;
    }
    for (std::size_t i = 1; i <= need; ++i) {
        if (pos + i >= bytes.size()) {
            ok = false;
            return kReplacement;
        }
        const auto byte = static_cast<unsigned char>(bytes[pos + i]);
        const bool inRange = i == 1 ? (byte >= low && byte <= high) : isContinuation(byte);
        if (!inRange) {
            ok = false;
            return kReplacement;
        }
        value = (value << 6) | (byte & 0x3F);
        used = i + 1;
    }
    return value;
}

}  // namespace

Decoded decode(std::string_view bytes) {
    Decoded result;
    result.text.reserve(bytes.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t used = 0;
        bool ok = true;
        result.text.push_back(decodeOne(bytes, pos, used, ok));
        if (!ok) {
            if (result.invalidCount == 0) result.firstInvalidOffset = pos;
            ++result.invalidCount;
        }
        pos += used;
    }
    return result;
}

bool isValid(std::string_view bytes) {
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t used = 0;
        bool ok = true;
        decodeOne(bytes, pos, used, ok);
        if (!ok) return false;
        pos += used;
    }
    return true;
}

void append(std::string& out, char32_t codePoint) {
    if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        codePoint = kReplacement;
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codePoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codePoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
}

std::string encode(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t c : text) append(out, c);
    return out;
}

std::string encode(char32_t codePoint) {
    std::string out;
    append(out, codePoint);
    return out;
}

std::size_t length(std::string_view bytes) {
    std::size_t count = 0, pos = 0;
    while (pos < bytes.size()) {
        std::size_t used = 0;
        bool ok = true;
        decodeOne(bytes, pos, used, ok);
        pos += used;
        ++count;
    }
    return count;
}

std::optional<char32_t> firstUnsafe(std::string_view bytes) {
    // Plain ASCII text is the common case: look at the bytes before decoding.
    const bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) == 0; });
    const auto unsafe = [](char32_t c) {
        return (c < 0x20 && c != U'\t' && c != U'\n' && c != U'\r') || (c >= 0x7F && c <= 0x9F) ||
               (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
               c == 0x061C;
    };
    if (ascii) {
        for (const char c : bytes)
            if (unsafe(static_cast<char32_t>(static_cast<unsigned char>(c)))) return static_cast<unsigned char>(c);
        return std::nullopt;
    }
    for (const char32_t c : decode(bytes).text)
        if (unsafe(c)) return c;
    return std::nullopt;
}

bool isCjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF)       // CJK Unified Ideographs
           || (c >= 0x3400 && c <= 0x4DBF)    // Extension A
           || (c >= 0x20000 && c <= 0x2A6DF)  // Extension B
           || (c >= 0x2A700 && c <= 0x2EE5F)  // Extensions C, D, E, F, I (15.1)
           || (c >= 0x30000 && c <= 0x323AF)  // Extensions G, H
           || (c >= 0xF900 && c <= 0xFAFF)    // Compatibility Ideographs
           || (c >= 0x2F800 && c <= 0x2FA1F)  // Compatibility Supplement
           || c == 0x3007;                    // 〇, the ideographic zero used in names
}

std::size_t offsetAfter(std::string_view bytes, std::size_t codePoints) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < codePoints && at < bytes.size(); ++i) {
        const auto lead = static_cast<unsigned char>(bytes[at]);
        at += lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 1;
    }
    return std::min(at, bytes.size());
}

}  // namespace jiayi::utf8
