#include "gui/WxText.h"

#include <wx/intl.h>

#include "core/rules/CodeLists.h"

namespace jiayi::gui {

wxString codeText(const char* list, const std::string& code) {
    if (code.empty()) return {};
    const auto* c = rules::findCode(list, code);
    return c ? wxGetTranslation(wxString::FromUTF8(c->english)) : toWx(code);
}

wxString ageText(const std::optional<Date>& birth) {
    if (!birth) return {};
    return wxString::Format("%d", ageOn(*birth, today()));
}

}  // namespace jiayi::gui
