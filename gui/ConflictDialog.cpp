#include "gui/ConflictDialog.h"

#include <wx/sizer.h>

#include "core/model/ResidentFields.h"
#include "core/rules/CodeLists.h"
#include "core/services/Workstation.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {

enum Column { kRecord, kField, kCurrent, kLost, kLostBy, kFound };

// Coded fields (sex, status, …) read as their label, like on the form.
wxString valueText(const std::string& field, const std::string& value) {
    if (value.empty()) return _("(empty)");
    const auto* list = rules::codeList(field);
    return list && !list->multiple ? codeText(list->name, value) : toWx(value);
}

}  // namespace

ConflictDialog::ConflictDialog(wxWindow* parent, services::Workstation& workstation)
    : wxDialog(parent, wxID_ANY, _("Conflicts to review"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_review(workstation.database(), workstation.user()) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_summary = new wxStaticText(this, wxID_ANY, {});
    sizer->Add(m_summary, 0, wxALL, FromDIP(12));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(1000, 300)),
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("Record"), wxLIST_FORMAT_LEFT, FromDIP(230));
    m_list->AppendColumn(_("Item"), wxLIST_FORMAT_LEFT, FromDIP(110));
    m_list->AppendColumn(_("Current value"), wxLIST_FORMAT_LEFT, FromDIP(170));
    m_list->AppendColumn(_("Replaced value"), wxLIST_FORMAT_LEFT, FromDIP(170));
    m_list->AppendColumn(_("Replaced value written by"), wxLIST_FORMAT_LEFT, FromDIP(150));
    m_list->AppendColumn(_("Found on"), wxLIST_FORMAT_LEFT, FromDIP(160));
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    m_message = new wxStaticText(this, wxID_ANY, {});
    m_message->SetForegroundColour(wxColour(200, 0, 0));
    m_message->Hide();
    sizer->Add(m_message, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_keep = new wxButton(this, wxID_ANY, _("&Keep current value"));
    m_restore = new wxButton(this, wxID_ANY, _("&Restore replaced value"));
    buttons->Add(m_keep, 0, wxRIGHT, FromDIP(8));
    buttons->Add(m_restore, 0);
    buttons->AddStretchSpacer();
    buttons->Add(new wxButton(this, wxID_CANCEL, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();

    m_keep->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { keepCurrent(); });
    m_restore->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { restoreLost(); });
    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    m_list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    reload();
}

void ConflictDialog::reload() {
    m_conflicts = m_review.open();
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& v : m_conflicts) {
        const auto& c = v.conflict;
        m_list->InsertItem(row, toWx(v.rowLabel));
        m_list->SetItem(row, kField, toWx(model::fieldLabel(c.field)));
        m_list->SetItem(row, kCurrent, valueText(c.field, v.keptText));
        m_list->SetItem(row, kLost, valueText(c.field, v.lostText));
        m_list->SetItem(row, kLostBy, toWx(c.lostUser));
        m_list->SetItem(row++, kFound, toWx(c.detectedOn));
    }
    m_summary->SetLabel(
        m_conflicts.empty()
            ? _("No conflicts to review.")
            : wxString::Format(_("%zu values were changed at two places before they synced. "
                                 "Sync kept one value; check each and keep it, or restore the "
                                 "one it replaced."),
                               m_conflicts.size()));
    m_summary->Wrap(FromDIP(1000));
    if (!m_conflicts.empty()) select(0);
    updateButtons();
    Layout();
}

void ConflictDialog::select(long row) {
    m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    updateButtons();
}

void ConflictDialog::updateButtons() {
    const bool selected = m_list->GetSelectedItemCount() > 0;
    m_keep->Enable(selected);
    m_restore->Enable(selected);
}

bool ConflictDialog::resolve(bool restore) {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_conflicts.size()) return false;
    const auto id = m_conflicts[static_cast<std::size_t>(row)].conflict.id;
    try {
        if (restore) m_review.restoreLost(id);
        else m_review.keepCurrent(id);
    } catch (const std::exception& e) {
        m_message->SetLabel(toWx(e.what()));
        m_message->Show();
        Layout();
        return false;
    }
    m_message->Hide();
    reload();
    return true;
}

}  // namespace jiayi::gui
