#include "gui/ReferralsPanel.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textdlg.h>

#include "core/services/Workstation.h"
#include "gui/ChronicText.h"
#include "gui/ReferralDialog.h"
#include "gui/ReturnSlipDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
enum Column { ReferredOn, Resident, Archive, Urgency, To, State, FollowUpDue, Reason };
long selectedRow(wxListCtrl* list) { return list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); }
}  // namespace

ReferralsPanel::ReferralsPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent, wxID_ANY), m_workstation(workstation) {
    SetName("referralsPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_book = new wxNotebook(this, wxID_ANY);
    m_outList = makeList(m_book);
    m_inList = makeList(m_book);
    m_book->AddPage(m_outList, _("Outbox: referred by this clinic"));
    m_book->AddPage(m_inList, _("Inbox: referred to us"));
    sizer->Add(m_book, 1, wxEXPAND | wxALL, FromDIP(8));
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto button = [&](const wxString& label, void (ReferralsPanel::*action)()) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) { (this->*action)(); });
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
        return b;
    };
    m_open = button(_("&View slip…"), &ReferralsPanel::openSlip);
    m_send = button(_("S&end"), &ReferralsPanel::send);
    m_cancel = button(_("C&ancel referral…"), &ReferralsPanel::cancel);
    m_close = button(_("C&lose…"), &ReferralsPanel::close);
    buttons->AddSpacer(FromDIP(18));
    m_accept = button(_("Acce&pt"), &ReferralsPanel::accept);
    m_refuse = button(_("Ref&use…"), &ReferralsPanel::refuse);
    m_return = button(_("Return sl&ip…"), &ReferralsPanel::returnSlip);
    buttons->AddStretchSpacer();
    auto* refreshButton = new wxButton(this, wxID_ANY, _("Re&fresh"));
    refreshButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh(); });
    buttons->Add(refreshButton, 0);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(sizer);
    m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        updateButtons();
    });
    refresh();
}

wxListCtrl* ReferralsPanel::makeList(wxWindow* parent) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES);
    const std::pair<wxString, int> columns[] = {{_("Referred on"), 100}, {_("Resident"), 80},
                                                {_("Archive number"), 170}, {_("Urgency"), 80},
                                                {_("Referred to"), 190}, {_("State"), 80},
                                                {_("Follow-up due"), 110}, {_("Reason"), 330}};
    int i = 0;
    for (const auto& [title, width] : columns) list->InsertColumn(i++, title, wxLIST_FORMAT_LEFT, FromDIP(width));
    list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { updateButtons(); });
    list->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { updateButtons(); });
    list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openSlip(); });
    return list;
}

void ReferralsPanel::refresh() {
    // Someone who opens no record (an administrator) has no referral lists to see.
    if (!m_workstation.session().can(rules::Right::ReadRecords)) {
        m_outbox.clear();
        m_inbox.clear();
    } else try {
        services::Referrals referrals(m_workstation.database(), m_workstation.session());
        m_outbox = referrals.outbox();
        m_inbox = referrals.inbox();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    fill(m_outList, m_outbox);
    fill(m_inList, m_inbox);
    m_book->SetPageText(0, wxString::Format(_("Outbox: referred by this clinic (%zu)"), m_outbox.size()));
    m_book->SetPageText(1, wxString::Format(_("Inbox: referred to us (%zu)"), m_inbox.size()));
    updateButtons();
}

void ReferralsPanel::fill(wxListCtrl* list, const std::vector<services::ReferralView>& views) {
    list->Freeze();
    list->DeleteAllItems();
    long row = 0;
    for (const auto& v : views) {
        const auto& r = v.referral;
        list->InsertItem(row, dateText(r.referredOn));
        list->SetItem(row, Resident, toWx(v.residentName));
        list->SetItem(row, Archive, toWx(v.archiveNo));
        list->SetItem(row, Urgency, codeText("urgency", r.urgency));
        list->SetItem(row, To, toWx(r.toInstitution + (r.toDepartment.empty() ? "" : " " + r.toDepartment)));
        list->SetItem(row, State, referralStateText(v.effectiveState));
        list->SetItem(row, FollowUpDue, v.followUpDue ? dateText(v.followUpDue) + (v.followUpOverdue ? " !" : "")
                                                      : wxString());
        wxString reason = toWx(r.reason);
        reason.Replace("\n", " ");
        list->SetItem(row, Reason, reason);
        if (v.followUpOverdue || v.effectiveState == "expired") list->SetItemTextColour(row, wxColour(190, 0, 0));
        else if (r.urgency == "urgent" && v.effectiveState == "sent") list->SetItemTextColour(row, wxColour(160, 80, 0));
        ++row;
    }
    list->Thaw();
}

void ReferralsPanel::showBox(Box box) { m_book->SetSelection(box == Box::Outbox ? 0 : 1); }

ReferralsPanel::Box ReferralsPanel::shownBox() const {
    return m_book->GetSelection() == 1 ? Box::Inbox : Box::Outbox;
}

void ReferralsPanel::select(Box box, long row) {
    showBox(box);
    auto* list = box == Box::Outbox ? m_outList : m_inList;
    list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    updateButtons();
}

const services::ReferralView* ReferralsPanel::selected() const {
    const bool out = shownBox() == Box::Outbox;
    const auto& views = out ? m_outbox : m_inbox;
    const long row = selectedRow(out ? m_outList : m_inList);
    if (row < 0 || row >= static_cast<long>(views.size())) return nullptr;
    return &views[static_cast<std::size_t>(row)];
}

void ReferralsPanel::updateButtons() {
    const auto* v = selected();
    const std::string state = v ? v->effectiveState : "";
    const bool out = shownBox() == Box::Outbox;
    m_open->Enable(v);
    m_send->Enable(out && state == "draft");
    m_cancel->Enable(out && (state == "draft" || state == "sent" || state == "expired"));
    m_close->Enable(out && (state == "returned" || state == "refused" || state == "accepted" || state == "expired"));
    m_accept->Enable(!out && state == "sent");
    m_refuse->Enable(!out && (state == "sent" || state == "expired"));
    m_return->Enable(!out && state == "accepted");
}

template <typename Action>
void ReferralsPanel::change(Action action) {
    const auto* v = selected();
    if (!v) return;
    try {
        services::Referrals referrals(m_workstation.database(), m_workstation.session());
        action(referrals, v->referral);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Referral"), wxOK | wxICON_WARNING, this);
    }
    refresh();
}

namespace {
// Asks for a reason or a note; nullopt when the user cancels.
std::optional<std::string> askText(wxWindow* parent, const wxString& question, const wxString& title) {
    wxTextEntryDialog ask(parent, question, title);
    if (ask.ShowModal() != wxID_OK) return std::nullopt;
    return toUtf8(ask.GetValue());
}
}  // namespace

void ReferralsPanel::openSlip() {
    const auto* v = selected();
    if (!v) return;
    try {
        ReferralDialog dialog(this, m_workstation, m_workstation.registry().get(v->referral.residentId), v->referral);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Referral"), wxOK | wxICON_WARNING, this);
    }
    refresh();
}

void ReferralsPanel::send() {
    change([](services::Referrals& r, const model::Referral& x) { r.send(x.id); });
}

void ReferralsPanel::cancel() {
    const auto reason = askText(this, _("Why is the referral cancelled?"), _("Cancel referral"));
    if (reason) change([&](services::Referrals& r, const model::Referral& x) { r.cancel(x.id, *reason); });
}

void ReferralsPanel::close() {
    const auto note = askText(this, _("Note on closing (optional):"), _("Close referral"));
    if (note) change([&](services::Referrals& r, const model::Referral& x) { r.close(x.id, *note); });
}

void ReferralsPanel::accept() {
    change([](services::Referrals& r, const model::Referral& x) { r.accept(x.id); });
}

void ReferralsPanel::refuse() {
    const auto reason = askText(this, _("Why is the referral refused?"), _("Refuse referral"));
    if (reason) change([&](services::Referrals& r, const model::Referral& x) { r.refuse(x.id, *reason); });
}

void ReferralsPanel::returnSlip() {
    const auto* v = selected();
    if (!v) return;
    ReturnSlipDialog dialog(this, m_workstation, v->referral);
    dialog.ShowModal();
    refresh();
}

}  // namespace jiayi::gui
