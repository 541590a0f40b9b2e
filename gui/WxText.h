#pragma once
// Conversions at the core boundary: core speaks UTF-8 std::string and std::chrono dates,
// the windows speak wxString. Never rely on the C locale (LANG=C is common on village PCs).
#include <wx/string.h>

#include <optional>
#include <string>

#include "core/util/Date.h"

// Source strings are UTF-8 ("…", "—"). wx's own _() decodes a narrow literal with the C
// library's charset, which turns every such string into "" under LANG=C (common on village
// PCs) and into mojibake under GBK Windows. Every gui file includes this after the wx headers.
#undef _
#define _(s) wxGetTranslation(wxString::FromUTF8(s))

namespace jiayi::gui {

inline wxString toWx(const std::string& utf8) { return wxString::FromUTF8(utf8); }
inline std::string toUtf8(const wxString& text) { return std::string(text.utf8_str()); }

inline wxString dateText(const std::optional<Date>& date) {
    return date ? toWx(formatDate(*date)) : wxString();
}

// Translated label of a code from rules::CodeLists, through wx's catalog.
wxString codeText(const char* list, const std::string& code);

// Age in whole years today; "" without a birth date.
wxString ageText(const std::optional<Date>& birth);

}  // namespace jiayi::gui
