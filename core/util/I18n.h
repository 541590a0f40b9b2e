#pragma once
// Translation hook for core. Core marks user-visible strings with tr() (translated now)
// or N_() (marked for xgettext, translated where shown). The GUI installs wx's
// translations, the CLI installs gettext; by default strings stay in English.
#include <functional>
#include <string>

namespace jiayi {

using Translator = std::function<std::string(const char* english)>;

void setTranslator(Translator translator);
std::string tr(const char* english);

// Replaces {0}, {1}, … in a translated pattern.
std::string format(std::string pattern, std::initializer_list<std::string> args);

}  // namespace jiayi

#ifndef N_  // wx defines the same marker with the same meaning
#define N_(s) s
#endif
