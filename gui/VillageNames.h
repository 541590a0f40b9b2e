#pragma once
// Village names as lists show them: the short name a doctor says ("桃源后西街村", not
// "桃源后西街村民委员会"), and the width a column needs for the longest of the site's
// villages, so that no name is cut.
#include <wx/string.h>
#include <wx/window.h>

#include <map>
#include <string>

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class VillageNames {
public:
    explicit VillageNames(services::Workstation& workstation);
    // The short name of a village code; a code outside the site's villages by its place name.
    wxString operator()(const std::string& code);
    // The column width that shows every village of the site and `title` uncut in `list`.
    int columnWidth(wxWindow* list, const wxString& title) const;
    // More than one village in the site's area: a list needs to say which.
    bool several() const { return m_siteVillages > 1; }

private:
    services::Workstation& m_workstation;
    std::map<std::string, wxString> m_names;
    std::size_t m_siteVillages = 0;
};

}  // namespace jiayi::gui
