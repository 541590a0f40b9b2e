#include "gui/ContractDialog.h"

#include <wx/msgdlg.h>
#include <wx/printdlg.h>
#include <wx/sizer.h>

#include <cmath>

#include "core/services/Workstation.h"
#include "gui/ContractForms.h"
#include "gui/DocumentPrintout.h"
#include "gui/FormWidgets.h"
#include "gui/SignContractDialog.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace cr = rules::contracts;

namespace {

wxString recordKind(const std::string& table) {
    if (table == "follow_up") return _("follow-up");
    if (table == "health_check") return _("health check");
    if (table == "bp_screening") return _("screening");
    if (table == "referral") return _("referral");
    if (table == "service_entry") return _("service");
    return toWx(table);
}

}  // namespace

ContractDialog::ContractDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId)
    : wxDialog(parent, wxID_ANY, _("Family-doctor contract"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_workstation(workstation),
      m_contracts(workstation.database(), workstation.session()),
      m_resident(workstation.registry().get(residentId)) {
    applyReadableFont(this);
    SetName("contractDialog");
    SetTitle(wxString::Format(_("Family-doctor contract — %s"), toWx(m_resident.name)));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_resident), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    auto* groupRow = new wxBoxSizer(wxHORIZONTAL);
    m_groups = new wxStaticText(this, wxID_ANY, {});
    groupRow->Add(m_groups, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    auto* tags = new wxButton(this, wxID_ANY, _("Priority gro&ups…"));
    tags->SetToolTip(_("Disability, low income and other groups the record cannot show"));
    tags->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { editPriorityGroups(); });
    groupRow->Add(tags, 0, wxALIGN_CENTER_VERTICAL);
    sizer->Add(groupRow, 0, wxALL, FromDIP(10));

    m_list = reportList(this, {{_("State"), 150}, {_("Team"), 150}, {_("Doctor"), 90}, {_("From"), 100},
                             {_("To"), 100}, {_("Packages"), 230}, {_("Resident pays"), 90}, {_("Note"), 300}});
    m_list->SetName("contracts");
    m_list->SetMinSize(FromDIP(wxSize(-1, 120)));
    sizer->Add(m_list, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    const auto add = [&](const wxString& label, auto handler) {
        auto* b = new wxButton(this, wxID_ANY, label);
        b->Bind(wxEVT_BUTTON, handler);
        buttons->Add(b, 0, wxRIGHT, FromDIP(6));
        return b;
    };
    add(_("&Sign…"), [this](wxCommandEvent&) { sign(); });
    m_signPending = add(_("Sign the &prepared one"), [this](wxCommandEvent&) { signPending(); });
    m_renew = add(_("&Renew"), [this](wxCommandEvent&) { renew(); });
    m_end = add(_("&End…"), [this](wxCommandEvent&) { end(); });
    m_keep = add(_("&Keep this one"), [this](wxCommandEvent&) { keepThisOne(); });
    m_keep->SetToolTip(_("Signed twice (at two sites): keep the selected contract and end the other"));
    m_print = add(_("Print the a&greement…"), [this](wxCommandEvent&) { printAgreement(); });
    sizer->Add(buttons, 0, wxALL, FromDIP(10));

    m_delivery = new wxStaticText(this, wxID_ANY, {});
    m_delivery->SetName("deliverySummary");
    m_delivery->SetFont(m_delivery->GetFont().Bold());
    sizer->Add(m_delivery, 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_items = reportList(this, {{_("Package"), 150}, {_("Service"), 170}, {_("Done"), 70}, {_("Status"), 80},
                              {_("Next by"), 100}, {_("Delivered by"), 560}});
    m_items->SetName("items");
    sizer->Add(m_items, 1, wxEXPAND | wxALL, FromDIP(10));
    auto* householdTitle = new wxStaticText(this, wxID_ANY, _("Household members (Enter opens a member's contracts)"));
    householdTitle->SetFont(householdTitle->GetFont().Bold());
    sizer->Add(householdTitle, 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_household = reportList(this, {{_("Name"), 110}, {_("Age"), 50}, {_("Relation"), 90}, {_("Contract"), 150},
                                    {_("Team"), 170}, {_("Until"), 100}});
    m_household->SetName("household");
    m_household->SetMinSize(FromDIP(wxSize(-1, 100)));
    m_household->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openMember(); });
    sizer->Add(m_household, 0, wxEXPAND | wxALL, FromDIP(10));
    auto* foot = new wxBoxSizer(wxHORIZONTAL);
    m_service = new wxButton(this, wxID_ANY, _("Record a ser&vice…"));
    m_service->SetToolTip(_("A service no other form records: a health-education session, a home visit without "
                            "readings"));
    m_service->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { recordService(); });
    foot->Add(m_service, 0);
    foot->AddStretchSpacer();
    foot->Add(new wxButton(this, wxID_CANCEL, _("Close")), 0);
    sizer->Add(foot, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    SetSizer(sizer);

    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) {
        fillItems();
        updateButtons();
    });
    reload();
    sizeToScreen(this, parent, {1200, 700});
    CentreOnParent();
    m_list->SetFocus();
}

const services::ContractView* ContractDialog::selected() const {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row >= 0 && static_cast<std::size_t>(row) < m_views.size()) return &m_views[static_cast<std::size_t>(row)];
    return m_views.empty() ? nullptr : &m_views.front();
}

void ContractDialog::select(std::size_t row) {
    if (row < m_views.size()) m_list->SetItemState(static_cast<long>(row), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                                   wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    fillItems();
    updateButtons();
}

void ContractDialog::reload() {
    const auto groups = toWx(services::groupNames(m_contracts.groupsOf(m_resident.id, today())));
    m_groups->SetLabel(groups.empty() ? _("Priority groups: none") : wxString::Format(_("Priority groups: %s"), groups));
    m_views = m_contracts.ofResident(m_resident.id);
    m_list->DeleteAllItems();
    long row = 0;
    for (const auto& v : m_views) {
        const auto& c = v.contract;
        std::string names;
        for (const auto& p : v.packageNames) names += (names.empty() ? "" : "、") + p;
        const auto packages = toWx(names);
        wxString note;
        if (!v.standingInstead.empty()) note = _("Signed twice: the other contract stands; choose which to keep");
        else if (v.renewalDue) note = wxString::Format(_("Renewal due: ends on %s"), dateText(c.endOn));
        else if (c.state == "pending") note = wxString::Format(_("Prepared by %s, waiting for a doctor's signature"), toWx(c.preparedBy));
        else if (c.state == "terminated")
            note = wxString::Format(_("Ended %s: %s"), dateText(c.endedOn), toWx(services::endReasonName(c.endReason))) +
                   (c.endNote.empty() ? wxString() : wxString::FromUTF8(" — ") + toWx(c.endNote));
        else if (!c.signedFor.empty()) note = wxString::Format(_("Signed for the resident by %s"), toWx(c.signedFor));
        appendRow(m_list, row++,
               {toWx(services::contractStateName(v.effectiveState)), toWx(v.teamName), toWx(v.doctorName),
                dateText(c.startOn), dateText(c.endOn), packages, toWx(services::yuanText(c.residentFen)), note});
    }
    if (!m_views.empty()) select(0);
    else {
        fillItems();
        updateButtons();
    }
    fillHousehold();
}

void ContractDialog::fillHousehold() {
    m_household->DeleteAllItems();
    m_memberIds.clear();
    const auto household = m_workstation.registry().householdOf(m_resident.id);
    if (!household) return;
    long row = 0;
    for (const auto& m : household->members) {
        if (m.leftOn) continue;
        const auto r = m_workstation.registry().get(m.residentId);
        const auto current = m_contracts.current(r.id, today());
        appendRow(m_household, row++,
                  {toWx(r.name), ageText(r.birthDate), codeText("relation", m.relation),
                   current ? toWx(services::contractStateName(current->effectiveState)) : _("not signed"),
                   current ? toWx(current->teamName) : wxString(), current ? dateText(current->contract.endOn) : wxString()});
        m_memberIds.push_back(r.id);
    }
}

void ContractDialog::openMember() {
    const long row = m_household->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_memberIds.size()) return;
    const auto id = m_memberIds[static_cast<std::size_t>(row)];
    if (id == m_resident.id) return;
    ContractDialog member(this, m_workstation, id);
    member.ShowModal();
    reload();
}

void ContractDialog::fillItems() {
    m_items->DeleteAllItems();
    const auto* v = selected();
    if (!v || v->contract.state == "pending") {
        m_delivery->SetLabel(v ? _("Prepared, not yet signed: nothing is due yet.")
                               : _("No contract yet. Sign the resident (or the household) with a family-doctor team."));
        return;
    }
    const auto day = std::min(today(), v->contract.endOn.value_or(today()));
    const auto status = m_contracts.delivery(v->contract.id, day);
    m_delivery->SetLabel(wxString::Format(_("This contract year: %d of %d services due by %s delivered; %d overdue"),
                                          status.delivered, status.dueSoFar, toWx(formatDate(day)), status.overdueItems));
    long row = 0;
    for (const auto& i : status.items) {
        wxString by;
        for (const auto& r : i.records)
            by += (by.empty() ? "" : ", ") + toWx(formatDate(r.date)) + " " + recordKind(r.table);
        appendRow(m_items, row, {toWx(i.packageName), toWx(i.itemName),
                              wxString::Format("%d/%d", i.progress.delivered, i.progress.required),
                              toWx(services::itemStatusName(i.progress.status)), dateText(i.progress.nextDue), by});
        if (i.progress.status == cr::ItemStatus::Overdue) m_items->SetItemTextColour(row, wxColour(170, 30, 30));
        ++row;
    }
}

void ContractDialog::updateButtons() {
    const auto* v = selected();
    const auto state = v ? v->effectiveState : std::string();
    m_signPending->Enable(state == "pending");
    m_renew->Enable(v && v->renewalDue);
    m_end->Enable(state == "signed" || state == "pending" || state == "review");
    m_keep->Enable(state == "review");
    m_print->Enable(v != nullptr);
    m_service->Enable(m_contracts.current(m_resident.id, today()).has_value());
}

namespace {
std::function<bool(wxWindow*, const wxString&)>& asker() {
    static std::function<bool(wxWindow*, const wxString&)> a = [](wxWindow* parent, const wxString& question) {
        return wxMessageBox(question, _("Family-doctor contract"), wxYES_NO | wxICON_QUESTION, parent) == wxYES;
    };
    return a;
}
}  // namespace

void ContractDialog::setAsker(std::function<bool(wxWindow*, const wxString&)> a) { asker() = std::move(a); }

bool ContractDialog::ask(const wxString& question) { return asker()(this, question); }

void ContractDialog::sign() {
    SignContractDialog dialog(this, m_workstation, m_resident);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ContractDialog::signPending() {
    const auto* v = selected();
    if (!v) return;
    const auto id = v->contract.id;
    if (!ask(_("Has the resident (or who signs for them) read and signed the agreement?"))) return;
    try {
        m_contracts.signPending(id, true, v->contract.signedFor);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Family-doctor contract"), wxOK | wxICON_ERROR, this);
    }
    reload();
}

void ContractDialog::renew() {
    const auto* v = selected();
    if (!v) return;
    const auto id = v->contract.id;
    if (!ask(wxString::Format(_("Renew with %s from %s for another term, with the same packages?"), toWx(v->teamName),
                              dateText(addDays(v->contract.endOn.value_or(today()), 1)))))
        return;
    try {
        m_contracts.renew(id);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Family-doctor contract"), wxOK | wxICON_ERROR, this);
    }
    reload();
}

void ContractDialog::end() {
    const auto* v = selected();
    if (!v) return;
    EndContractDialog dialog(this, m_contracts, *v);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ContractDialog::keepThisOne() {
    const auto* v = selected();
    if (!v) return;
    const auto id = v->contract.id;
    if (!ask(wxString::Format(_("Keep the contract with %s and end the other one signed at the same time?"),
                              toWx(v->teamName))))
        return;
    try {
        m_contracts.resolveReview(id);
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Family-doctor contract"), wxOK | wxICON_ERROR, this);
    }
    reload();
}

void ContractDialog::recordService() {
    const auto current = m_contracts.current(m_resident.id, today());
    if (!current) return;
    std::vector<std::pair<std::string, std::string>> items;
    const auto status = m_contracts.delivery(current->contract.id, today());
    for (const auto& i : status.items) items.emplace_back(i.item, i.itemName);
    ServiceEntryDialog dialog(this, m_contracts, m_resident.id, items);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ContractDialog::editPriorityGroups() {
    PriorityTagsDialog dialog(this, m_contracts, m_resident.id);
    if (dialog.ShowModal() == wxID_OK) reload();
}

void ContractDialog::printAgreement() {
    const auto* v = selected();
    if (!v) return;
    try {
        const auto doc = m_contracts.agreement(v->contract.id);
        showPrintPreview(this, new DocumentPrintout(doc), new DocumentPrintout(doc), _("Print the agreement"));
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Family-doctor contract"), wxOK | wxICON_ERROR, this);
    }
}

}  // namespace jiayi::gui
