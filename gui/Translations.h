#pragma once
// UI language: wx catalogs found without an OS locale (many village PCs run LANG=C), and
// core's translation hook pointed at them so core messages match the window's language.
#include <string>

namespace jiayi::gui {

// "zh_CN" (default; users are Chinese doctors) or "en" (no catalog: English source text).
// Searches the build tree, <exe>/../share/locale and /usr/share/locale.
void setupTranslations(const std::string& lang);

}  // namespace jiayi::gui
