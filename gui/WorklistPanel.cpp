#include "gui/WorklistPanel.h"

#include <wx/msgdlg.h>
#include <wx/print.h>
#include <wx/settings.h>
#include <wx/sizer.h>

#include <algorithm>
#include <map>

#include "core/services/ChronicCare.h"
#include "core/services/Screening.h"
#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/ChartDialog.h"
#include "gui/ChildDialog.h"
#include "gui/PregnancyDialog.h"
#include "gui/ContractDialog.h"
#include "gui/ChronicText.h"
#include "gui/FollowUpDialog.h"
#include "gui/HealthCheckDialog.h"
#include "gui/ScreeningDialog.h"
#include "gui/WorklistPrintout.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

std::vector<services::WorkKind> kindsInListOrder(const std::vector<services::WorkItem>& items) {
    std::vector<services::WorkKind> kinds;
    for (const auto& item : items)
        if (std::find(kinds.begin(), kinds.end(), item.kind) == kinds.end()) kinds.push_back(item.kind);
    return kinds;
}

WorklistPanel::WorklistPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent, wxID_ANY), m_workstation(workstation), m_villages(workstation) {
    SetName("worklistPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    m_summary = new wxStaticText(this, wxID_ANY, {});
    m_summary->SetFont(m_summary->GetFont().Bold());
    bar->Add(m_summary, 1, wxALIGN_CENTER_VERTICAL);
    m_mine = new wxCheckBox(this, wxID_ANY, _("&My patients only"));
    bar->Add(m_mine, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    auto button = [&](const wxString& label, auto handler) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, handler);
        bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
    };
    button(_("Follow-&up…"), [this](wxCommandEvent&) { followUpSelected(); });
    button(_("Ch&art…"), [this](wxCommandEvent&) { openSelected(); });
    button(_("Re&fresh"), [this](wxCommandEvent&) { refresh(); });
    button(_("&Print…"), [this](wxCommandEvent&) { printPreview(); });
    sizer->Add(bar, 0, wxEXPAND | wxALL, FromDIP(8));

    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    const std::pair<wxString, int> columns[] = {
        // The first column also holds the group headings ("Overdue (3)"): wide enough for them.
        {_("Name"), 130}, {_("Age"), 45},  {_("Village"), 0}, {_("Programme"), 95}, {_("Due"), 100},
        {_("Days overdue"), 75}, {_("Why"), 460},  {_("Phone"), 115}, {_("Archive number"), 170}, {_("Doctor"), 80}};
    int i = 0;
    // The village only where the site serves several (a township, a county): a village
    // clinic's list would repeat its own name on every row.
    for (const auto& [title, width] : columns)
        m_list->InsertColumn(i++, title, wxLIST_FORMAT_LEFT,
                             width                ? FromDIP(width)
                             : m_villages.several() ? m_villages.columnWidth(m_list, title)
                                                    : 0);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(sizer);
    // The reason is what the doctor reads: it takes the width the columns before it leave,
    // less the phone beside it (the archive number and doctor follow, scrolled to).
    m_list->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        int before = 0;
        for (int c = Name; c < Reason; ++c) before += m_list->GetColumnWidth(c);
        const int room = m_list->GetClientSize().x - before - m_list->GetColumnWidth(Phone) - FromDIP(4);
        m_list->SetColumnWidth(Reason, std::max(FromDIP(300), room));
    });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { actOnSelected(); });
    m_mine->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { refresh(); });
    refresh();
}

wxString WorklistPanel::scopeText() {
    const auto s = m_workstation.scope();
    return s.empty() ? _("all villages") : toWx(m_workstation.placeName(s));
}

void WorklistPanel::refresh() {
    try {
        services::WorklistFilter filter;
        filter.scope = m_workstation.scope();
        if (m_mine->GetValue()) filter.doctor = m_workstation.user();
        m_items = services::Worklist(m_workstation.database(), m_workstation.session()).build(filter, today());
    } catch (const std::exception& e) {
        m_items.clear();
        m_summary->SetLabel(toWx(e.what()));
        return;
    }
    std::map<services::WorkKind, int> counts;
    for (const auto& item : m_items) ++counts[item.kind];
    m_list->Freeze();
    m_list->DeleteAllItems();
    m_rowItem.clear();
    const wxColour headingBack = wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE);
    for (auto kind : kindsInListOrder(m_items)) {
        const long heading = m_list->InsertItem(static_cast<long>(m_rowItem.size()),
                                                wxString::Format("%s (%d)", toWx(services::workKindName(kind)),
                                                                 counts[kind]));
        m_list->SetItemFont(heading, m_list->GetFont().Bold());
        m_list->SetItemBackgroundColour(heading, headingBack);
        m_rowItem.push_back(-1);
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            const auto& item = m_items[i];
            if (item.kind != kind) continue;
            const long row = m_list->InsertItem(static_cast<long>(m_rowItem.size()), toWx(item.residentName));
            m_list->SetItem(row, Age, wxString::Format("%d", item.age));
            m_list->SetItem(row, Village, m_villages(item.villageCode));
            m_list->SetItem(row, Programme, programmeText(item.programme));
            m_list->SetItem(row, Due, dateText(item.due));
            m_list->SetItem(row, Overdue, item.daysOverdue > 0 ? wxString::Format("%d", item.daysOverdue) : wxString());
            m_list->SetItem(row, Reason, toWx(item.reason));
            m_list->SetItem(row, Phone, toWx(item.phone));
            m_list->SetItem(row, Archive, toWx(item.archiveNo));
            m_list->SetItem(row, Doctor, toWx(item.doctor));
            // Urgent first and in red; an advised referral or an uncontrolled patient in amber.
            if (item.priority == 0) m_list->SetItemTextColour(row, wxColour(190, 0, 0));
            else if (item.priority <= 2 && kind == services::WorkKind::Overdue)
                m_list->SetItemTextColour(row, wxColour(160, 80, 0));
            m_rowItem.push_back(static_cast<long>(i));
        }
    }
    m_list->Thaw();
    m_summary->SetLabel(wxString::Format(_("Worklist for %s, %s: %d overdue, %d due today, %d this week"), scopeText(),
                                         toWx(formatDate(today())), counts[services::WorkKind::Overdue],
                                         counts[services::WorkKind::DueToday], counts[services::WorkKind::DueThisWeek]));
    if (m_items.empty()) {
        // In the wide reason column: the name column would cut it off.
        m_list->InsertItem(0, wxString());
        m_list->SetItem(0, Reason, _("Nobody is due: no follow-up, referral or check is waiting."));
        m_rowItem.push_back(-1);
    }
    Layout();
}

const services::WorkItem* WorklistPanel::itemAt(long row) const {
    if (row < 0 || row >= static_cast<long>(m_rowItem.size()) || m_rowItem[static_cast<std::size_t>(row)] < 0)
        return nullptr;
    return &m_items[static_cast<std::size_t>(m_rowItem[static_cast<std::size_t>(row)])];
}

long WorklistPanel::rowOf(const std::string& residentId, services::WorkKind kind) const {
    for (long row = 0; row < static_cast<long>(m_rowItem.size()); ++row)
        if (const auto* item = itemAt(row); item && item->residentId == residentId && item->kind == kind) return row;
    return -1;
}

void WorklistPanel::selectRow(long row) {
    m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->EnsureVisible(row);
}

void WorklistPanel::focusList() {
    m_list->SetFocus();
    if (selectedItem()) return;
    for (long row = 0; row < m_list->GetItemCount(); ++row)
        if (itemAt(row)) {
            selectRow(row);
            return;
        }
}

const services::WorkItem* WorklistPanel::selectedItem() const {
    return itemAt(m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED));
}

void WorklistPanel::afterDialog() {
    refresh();
    if (m_changed) m_changed();
}

void WorklistPanel::openSelected() {
    const auto* item = selectedItem();
    if (!item) return;
    ChartDialog dialog(this, m_workstation, item->residentId);
    dialog.ShowModal();
    afterDialog();
}

namespace {

// Shows the page of a line's resident; a refusal (no right, no such record) is said.
template <typename Page>
void showPage(wxWindow* parent, services::Workstation& workstation, const std::string& residentId) {
    try {
        Page page(parent, workstation, residentId);
        page.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, parent);
    }
}

}  // namespace

void WorklistPanel::actOnSelected() {
    const auto* item = selectedItem();
    if (!item) return;
    const auto kind = item->kind;
    // A follow-up that is due (or the 2-week follow-up of a referral) opens the follow-up
    // form itself: the routine visit is Down, Enter, the readings, Enter. A lost patient
    // opens the chart.
    if (kind == services::WorkKind::Overdue || kind == services::WorkKind::DueToday ||
        kind == services::WorkKind::DueThisWeek || kind == services::WorkKind::Referral) {
        followUpSelected();
        return;
    }
    // A contract line opens the resident's contract page: record the service, renew.
    if (kind == services::WorkKind::Contract) {
        showPage<ContractDialog>(this, m_workstation, item->residentId);
        afterDialog();
        return;
    }
    // An antenatal or postpartum line opens the woman's maternal-care page.
    if (kind == services::WorkKind::Maternal) {
        showPage<PregnancyDialog>(this, m_workstation, item->residentId);
        afterDialog();
        return;
    }
    // A child's visit or doses open the child's page: the card, the visits, the growth chart.
    if (kind == services::WorkKind::Vaccination || kind == services::WorkKind::ChildVisit) {
        showPage<ChildDialog>(this, m_workstation, item->residentId);
        afterDialog();
        return;
    }
    if (kind != services::WorkKind::AnnualCheck && kind != services::WorkKind::Screening) {
        openSelected();
        return;
    }
    try {
        const auto resident = m_workstation.registry().get(item->residentId);
        if (kind == services::WorkKind::AnnualCheck) {
            services::ChronicCare care(m_workstation.database(), m_workstation.session());
            HealthCheckDialog dialog(this, care, resident);
            dialog.ShowModal();
        } else {
            services::Screening screening(m_workstation.database(), m_workstation.session());
            ScreeningDialog dialog(this, screening, resident);
            dialog.ShowModal();
        }
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    afterDialog();
}

void WorklistPanel::followUpSelected() {
    const auto* item = selectedItem();
    if (!item) return;
    try {
        FollowUpDialog dialog(this, m_workstation, m_workstation.registry().get(item->residentId), std::nullopt,
                              item->programme);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    afterDialog();
}

void WorklistPanel::printPreview() {
    const auto title = wxString::Format(_("Worklist — %s — %s"), scopeText(), toWx(formatDate(today())));
    showPrintPreview(wxGetTopLevelParent(this), new WorklistPrintout(title, m_items), new WorklistPrintout(title, m_items), title,
                     wxSize(1000, 720));
}

}  // namespace jiayi::gui
