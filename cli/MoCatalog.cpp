#include "cli/MoCatalog.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <vector>

#include "core/util/I18n.h"

namespace jiayi::cli {
namespace {

std::uint32_t readWord(const std::string& data, std::size_t offset, bool swap) {
    if (offset + 4 > data.size()) return 0;
    std::uint32_t v;
    std::memcpy(&v, data.data() + offset, 4);
    return swap ? __builtin_bswap32(v) : v;
}

}  // namespace

MoCatalog MoCatalog::load(const std::filesystem::path& file) {
    MoCatalog catalog;
    std::ifstream in(file, std::ios::binary);
    if (!in) return catalog;
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (data.size() < 28) return catalog;
    const std::uint32_t magic = readWord(data, 0, false);
    bool swap;
    if (magic == 0x950412de) swap = false;
    else if (magic == 0xde120495) swap = true;
    else return catalog;
    const std::uint32_t count = readWord(data, 8, swap);
    const std::uint32_t originals = readWord(data, 12, swap);
    const std::uint32_t translations = readWord(data, 16, swap);
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto olen = readWord(data, originals + 8 * i, swap);
        const auto ooff = readWord(data, originals + 8 * i + 4, swap);
        const auto tlen = readWord(data, translations + 8 * i, swap);
        const auto toff = readWord(data, translations + 8 * i + 4, swap);
        if (std::size_t(ooff) + olen > data.size() || std::size_t(toff) + tlen > data.size()) break;
        if (olen == 0) continue;  // the header entry
        // Plural entries hold "singular\0plural": the singular is the key.
        std::string original = data.substr(ooff, olen);
        original = original.substr(0, original.find('\0'));
        std::string translation = data.substr(toff, tlen);
        translation = translation.substr(0, translation.find('\0'));
        if (!translation.empty()) catalog.m_messages.emplace(std::move(original), std::move(translation));
    }
    return catalog;
}

std::string MoCatalog::translate(const char* english) const {
    const auto it = m_messages.find(english);
    return it == m_messages.end() ? std::string(english) : it->second;
}

std::string userLanguage() {
    for (const char* name : {"JIAYI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) return std::strncmp(value, "zh", 2) == 0 ? "zh_CN" : "en";
    }
    return "en";
}

void installTranslations(const std::string& language) {
    if (language == "en") return;
    std::vector<std::filesystem::path> dirs;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(exe.parent_path().parent_path() / "share" / "locale");
    dirs.emplace_back(JIAYI_BUILD_LOCALE_DIR);
    dirs.emplace_back("/usr/share/locale");
    for (const auto& dir : dirs) {
        auto catalog = MoCatalog::load(dir / language / "LC_MESSAGES" / "jiayi.mo");
        if (catalog.empty()) continue;
        auto shared = std::make_shared<MoCatalog>(std::move(catalog));
        setTranslator([shared](const char* english) { return shared->translate(english); });
        return;
    }
}

}  // namespace jiayi::cli
