#include "gui/VillageNames.h"

#include <algorithm>

#include "core/rules/Divisions.h"
#include "core/services/Workstation.h"
#include "gui/WxText.h"

namespace jiayi::gui {

VillageNames::VillageNames(services::Workstation& workstation) : m_workstation(workstation) {
    for (const auto& v : m_workstation.villages()) m_names[v.code] = toWx(rules::shortVillageName(v.name));
    m_siteVillages = m_names.size();
}

wxString VillageNames::operator()(const std::string& code) {
    if (const auto it = m_names.find(code); it != m_names.end()) return it->second;
    return m_names[code] = toWx(m_workstation.placeName(code));
}

int VillageNames::columnWidth(wxWindow* list, const wxString& title) const {
    // Headings may be drawn bold; cells have a margin on both sides.
    const wxFont bold = list->GetFont().Bold();
    int widest = 0;
    list->GetTextExtent(title, &widest, nullptr, nullptr, nullptr, &bold);
    for (const auto& [code, name] : m_names) widest = std::max(widest, list->GetTextExtent(name).x);
    return widest + list->FromDIP(20);
}

}  // namespace jiayi::gui
