#include "core/util/Encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <memory>
#include <stdexcept>

#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Utf8.h"

namespace jiayi::encoding {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// UTF-16 with a byte-order mark, or without one but with the zero high bytes of ASCII
// text at every other position (Excel "Unicode text" is UTF-16LE with a BOM; other tools
// drop the BOM).
bool looksLikeUtf16(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return true;
    const std::size_t n = std::min<std::size_t>(bytes.size(), 512);
    std::size_t zeros[2] = {0, 0};
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] == '\0') ++zeros[i % 2];
    return n >= 4 && (zeros[0] == 0) != (zeros[1] == 0) && (zeros[0] + zeros[1]) * 4 >= n;
}

[[noreturn]] void refuse(std::string reason) {
    throw ValidationError("file", std::move(reason));
}

std::string stripBomCodePoint(std::string text) {
    // A GB18030 file may start with U+FEFF too (bytes 84 31 95 33); it is not content.
    if (text.starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
    return text;
}

}  // namespace

std::optional<Mode> parseMode(std::string_view name) {
    const auto n = lower(name);
    if (n == "auto" || n.empty()) return Mode::Auto;
    if (n == "utf-8" || n == "utf8") return Mode::Utf8;
    if (n == "gb18030" || n == "gbk" || n == "gb2312") return Mode::Gb18030;
    return std::nullopt;
}

std::size_t lineOfOffset(std::string_view bytes, std::size_t offset) {
    std::size_t line = 1;
    const std::size_t end = std::min(offset, bytes.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (bytes[i] == '\n')
            ++line;
        else if (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))
            ++line;
    }
    return line;
}

std::optional<std::string> gb18030ToUtf8(std::string_view bytes, std::size_t& badOffset) {
    // No //IGNORE or //TRANSLIT: a byte that is not GB18030 must stop the import, not
    // silently vanish from a name.
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("iconv cannot convert from GB18030 on this system");
    const std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);

    std::string out(bytes.size() * 2 + 16, '\0');
    // glibc's iconv takes char** but never writes through the input pointer.
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size();
    std::size_t written = 0;
    while (inLeft > 0) {
        char* outPtr = out.data() + written;
        std::size_t outLeft = out.size() - written;
        const std::size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        written = out.size() - outLeft;
        if (rc != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            out.resize(out.size() * 2);
            continue;
        }
        // EILSEQ: an invalid sequence starts at `in`; EINVAL: an incomplete one ends the input.
        badOffset = static_cast<std::size_t>(in - bytes.data());
        return std::nullopt;
    }
    out.resize(written);
    return out;
}

Text toUtf8(std::string_view bytes, Mode mode) {
    if (looksLikeUtf16(bytes)) {
        refuse(
            tr("The file is UTF-16 (what Excel saves as \"Unicode text\"), which cannot be "
               "imported. Save it again from Excel as \"CSV UTF-8\" or \"CSV\"."));
    }
    if (const auto zero = bytes.find('\0'); zero != std::string_view::npos) {
        refuse(format(tr("The file is not a text file: line {0} has a zero byte (offset {1}). "
                         "Save it again from Excel as \"CSV UTF-8\" or \"CSV\"."),
                      {std::to_string(lineOfOffset(bytes, zero)), std::to_string(zero)}));
    }

    if (mode == Mode::Gb18030 && bytes.starts_with(kUtf8Bom)) {
        // The UTF-8 mark would decode as "锘" and hide the first column's name.
        refuse(
            tr("The file starts with the UTF-8 mark but GB18030 was chosen. Choose UTF-8 or "
               "automatic detection."));
    }
    Text result;
    const auto utf8 = utf8::decode(bytes);
    if (mode != Mode::Gb18030 && utf8.valid()) {
        result.hadBom = bytes.starts_with(kUtf8Bom);
        result.utf8 = stripBomCodePoint(std::string(bytes));
        result.encoding = "UTF-8";
        return result;
    }
    const auto line = [&](std::size_t offset) {
        return std::to_string(lineOfOffset(bytes, offset));
    };
    if (mode == Mode::Utf8) {
        const auto at = utf8.firstInvalidOffset;
        refuse(format(tr("The file is not UTF-8: line {0} has a byte that is not valid UTF-8 "
                         "(offset {1}). Choose GB18030 or automatic detection, or save the file "
                         "again from Excel as \"CSV UTF-8\"."),
                      {line(at), std::to_string(at)}));
    }
    std::size_t gbBad = 0;
    if (auto converted = gb18030ToUtf8(bytes, gbBad)) {
        result.utf8 = stripBomCodePoint(std::move(*converted));
        result.encoding = "GB18030";
        return result;
    }
    if (mode == Mode::Gb18030) {
        refuse(format(tr("The file is not GB18030: line {0} has a byte that is not valid GB18030 "
                         "(offset {1}). Choose UTF-8 or automatic detection, or save the file "
                         "again from Excel as \"CSV\"."),
                      {line(gbBad), std::to_string(gbBad)}));
    }
    // Neither decodes: point at the later failure. The encoding that got further is the
    // one the file was most likely meant to be in, so its stopping place is the damage.
    const std::size_t at = std::max(gbBad, utf8.firstInvalidOffset);
    refuse(format(tr("The file is neither UTF-8 nor GB18030: line {0} has a byte that fits "
                     "neither (offset {1}). Save it again from Excel as \"CSV UTF-8\" or "
                     "\"CSV\"."),
                  {line(at), std::to_string(at)}));
}

}  // namespace jiayi::encoding
