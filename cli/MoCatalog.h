#pragma once
// Reads a gettext .mo catalog so the CLI speaks the user's language without depending
// on an installed OS locale (many clinic PCs have none for zh_CN).
#include <filesystem>
#include <string>
#include <unordered_map>

namespace jiayi::cli {

class MoCatalog {
public:
    // Empty catalog when the file is missing or not a .mo file.
    static MoCatalog load(const std::filesystem::path& file);
    bool empty() const { return m_messages.empty(); }
    // The translation, or `english` itself when the catalog has none.
    std::string translate(const char* english) const;

private:
    std::unordered_map<std::string, std::string> m_messages;
};

// "zh_CN" when JIAYI_LANG, LC_ALL, LC_MESSAGES or LANG (first set) starts with "zh";
// "en" otherwise.
std::string userLanguage();
// Installs the catalog of `language` as core's translator (nothing for English).
void installTranslations(const std::string& language);

}  // namespace jiayi::cli
