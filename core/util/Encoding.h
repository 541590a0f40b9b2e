#pragma once
// Text files from village spreadsheets arrive as UTF-8 (with or without a byte-order
// mark) or GB18030 (what Chinese Excel writes for "CSV (逗号分隔)"). This turns their bytes
// into UTF-8 or refuses them with a message that says where and what to do. GB18030 goes
// through glibc's iconv: no extra library.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jiayi::encoding {

enum class Mode { Auto, Utf8, Gb18030 };

// "auto", "utf-8" / "utf8", "gb18030" (also "gbk", "gb2312": both are subsets of
// GB18030, so decoding them as GB18030 is exact). Case-insensitive; nullopt otherwise.
std::optional<Mode> parseMode(std::string_view name);

struct Text {
    std::string utf8;      // without a byte-order mark
    std::string encoding;  // "UTF-8" or "GB18030"
    bool hadBom = false;
};

// Auto: valid UTF-8 → UTF-8, else a strict GB18030 conversion. Throws
// ValidationError("file", …) with a translated reason naming the line and byte offset of
// the first byte that cannot be decoded, and for UTF-16 files (Excel "Unicode text").
Text toUtf8(std::string_view bytes, Mode mode);

// Strict GB18030 → UTF-8. On failure returns nullopt and sets `badOffset` to the offset
// of the first byte that starts no valid GB18030 sequence (or an incomplete one at the end).
std::optional<std::string> gb18030ToUtf8(std::string_view bytes, std::size_t& badOffset);

// 1-based line of a byte offset (lines end at LF, CRLF or a lone CR).
std::size_t lineOfOffset(std::string_view bytes, std::size_t offset);

}  // namespace jiayi::encoding
