#include "gui/Translations.h"

#include <wx/filename.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>

#include "core/util/I18n.h"

namespace jiayi::gui {

void setupTranslations(const std::string& lang) {
    // wxLocale::Init is avoided on purpose: for a locale the OS lacks it pops a modal
    // error box, which hangs a headless start. Catalogs alone are enough for the UI.
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(JIAYI_BUILD_LOCALE_DIR);
    wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(exe.GetPath() + "/../share/locale");
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix("/usr/share/locale");

    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);  // takes ownership
    if (lang != "en") {
        translations->SetLanguage(wxString::FromUTF8(lang));
        translations->AddStdCatalog();  // wx's own strings (OK, Cancel, …)
        translations->AddCatalog("jiayi");
    } else {
        translations->SetLanguage(wxLANGUAGE_ENGLISH_US);
    }
    // Core also translates on the sync worker thread: look up without wxGetTranslation,
    // whose fallback for an untranslated string writes to a shared set.
    jiayi::setTranslator([](const char* s) {
        const auto* all = wxTranslations::Get();
        const auto* found = all ? all->GetTranslatedString(wxString::FromUTF8(s)) : nullptr;
        return found ? std::string(found->utf8_str()) : std::string(s);
    });
}

}  // namespace jiayi::gui
