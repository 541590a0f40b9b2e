#include "gui/ResidentPicker.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "core/services/Workstation.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ResidentPicker::ResidentPicker(wxWindow* parent, services::Workstation& workstation,
                               const wxString& title)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_timer(this) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_search = new wxSearchCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                                wxTE_PROCESS_ENTER);
    m_search->SetHint(_("Name, pinyin initials (zs), ID-number or phone digits, archive number"));
    sizer->Add(m_search, 0, wxEXPAND | wxALL, FromDIP(10));
    m_list = new ResidentListView(this, m_workstation);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    auto* buttons = CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    SetSize(FromDIP(wxSize(1040, 480)));
    CentreOnParent();

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_timer.StartOnce(150); });
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        searchNow();
        if (m_list->GetItemCount() > 0) m_list->selectRow(0);
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { searchNow(); });
    m_list->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { accept(); });
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { accept(); }, wxID_OK);
    m_search->SetFocus();
}

void ResidentPicker::searchNow() {
    m_timer.Stop();
    const auto text = toUtf8(m_search->GetValue().Strip(wxString::both));
    m_list->setResidents(text.empty() ? std::vector<model::Resident>{}
                                      : m_workstation.registry().find(text, 100));
}

void ResidentPicker::accept() {
    m_selected = m_list->selectedId();
    if (m_selected.empty() && m_list->GetItemCount() == 1) m_selected = m_list->residents()[0].id;
    if (!m_selected.empty()) EndDialog(wxID_OK);
}

}  // namespace jiayi::gui
