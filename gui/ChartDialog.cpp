#include "gui/ChartDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "gui/ChartPanel.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ChartDialog::ChartDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId)
    : wxDialog(parent, wxID_ANY, _("Chronic-care chart"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX) {
    applyReadableFont(this);
    SetName("chartDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_panel = new ChartPanel(this, workstation, residentId);
    SetTitle(wxString::Format(_("Chronic-care chart — %s"), toWx(m_panel->resident().name)));
    sizer->Add(m_panel, 1, wxEXPAND);
    auto* close = new wxButton(this, wxID_CANCEL, _("Close"));
    sizer->Add(close, 0, wxALIGN_RIGHT | wxALL, FromDIP(10));
    SetSizer(sizer);
    sizeToScreen(this, parent, {1180, 740});
    CentreOnParent();
}

}  // namespace jiayi::gui
