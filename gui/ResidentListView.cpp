#include "gui/ResidentListView.h"

#include "core/model/Resident.h"
#include "core/services/Workstation.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ResidentListView::ResidentListView(wxWindow* parent, services::Workstation& workstation)
    : wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxDV_SINGLE | wxDV_ROW_LINES | wxDV_HORIZ_RULES),
      m_workstation(workstation),
      m_villages(workstation) {
    auto col = [&](const wxString& title, int width, wxAlignment align = wxALIGN_LEFT) {
        AppendTextColumn(title, wxDATAVIEW_CELL_INERT, FromDIP(width), align,
                         wxDATAVIEW_COL_RESIZABLE);
    };
    col(_("Name"), 90);
    col(_("Sex"), 50, wxALIGN_CENTER);
    col(_("Age"), 50, wxALIGN_RIGHT);
    col(_("Birth date"), 105);
    // Shown in full: doctors read the ID number to tell people apart.
    col(_("ID number"), 185);
    col(_("Phone"), 120);
    col(_("Archive number"), 175);
    AppendTextColumn(_("Village"), wxDATAVIEW_CELL_INERT, m_villages.columnWidth(this, _("Village")), wxALIGN_LEFT,
                     wxDATAVIEW_COL_RESIZABLE);
    col(_("Status"), 70, wxALIGN_CENTER);
}

void ResidentListView::setResidents(std::vector<model::Resident> residents) {
    Freeze();
    DeleteAllItems();
    m_residents = std::move(residents);
    for (const auto& r : m_residents) {
        wxVector<wxVariant> row;  // AppendItem({…}) is ambiguous with g++ 12
        row.push_back(wxVariant(toWx(r.name)));
        row.push_back(wxVariant(codeText("sex", r.sex)));
        row.push_back(wxVariant(ageText(r.birthDate)));
        row.push_back(wxVariant(dateText(r.birthDate)));
        row.push_back(wxVariant(toWx(r.idNumber)));
        row.push_back(wxVariant(toWx(r.phone)));
        row.push_back(wxVariant(toWx(r.archiveNo)));
        row.push_back(wxVariant(m_villages(r.villageCode)));
        row.push_back(wxVariant(codeText("status", model::statusCode(m_workstation.registry().statusHere(r)))));
        AppendItem(row);
    }
    Thaw();
}

std::string ResidentListView::selectedId() const {
    const int row = GetSelectedRow();
    if (row == wxNOT_FOUND || row >= static_cast<int>(m_residents.size())) return {};
    return m_residents[static_cast<std::size_t>(row)].id;
}

void ResidentListView::selectRow(int row) {
    if (row >= 0 && row < GetItemCount()) {
        SelectRow(static_cast<unsigned>(row));
        EnsureVisible(RowToItem(row));
    }
}

wxString ResidentListView::cellText(int row, int column) const {
    return GetTextValue(static_cast<unsigned>(row), static_cast<unsigned>(column));
}

}  // namespace jiayi::gui
