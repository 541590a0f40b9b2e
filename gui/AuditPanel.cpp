#include "gui/AuditPanel.h"

#include <wx/sizer.h>

#include "core/services/Audit.h"
#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/Utf8.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {
namespace {

wxString actionName(const std::string& action) {
    if (action == "insert") return _("entered");
    if (action == "update") return _("changed");
    if (action == "open") return _("opened");
    if (action == "refused") return _("refused");
    if (action == "recover") return _("recovery code used");
    return toWx(action);
}

// The record an entry is about, as the forms name it.
wxString tableName(const std::string& table) {
    if (table == "resident") return _("Resident record");
    if (table == "household") return _("Household");
    if (table == "household_member") return _("Household member");
    if (table == "programme_enrolment") return _("Programme enrolment");
    if (table == "follow_up") return _("Follow-up");
    if (table == "health_check") return _("Health check");
    if (table == "bp_screening") return _("Blood-pressure screening");
    if (table == "referral") return _("Referral");
    if (table == "user_account") return _("User account");
    if (table == "care_team") return _("Family-doctor team");
    if (table == "care_team_member") return _("Team member");
    if (table == "package_edition") return _("Service packages");
    if (table == "contract") return _("Family-doctor contract");
    if (table == "service_entry") return _("Contract service");
    if (table == "priority_tag") return _("Priority group");
    return toWx(table);
}

}  // namespace

AuditPanel::AuditPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent), m_workstation(workstation) {
    SetName("auditPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    auto* check = new wxButton(this, wxID_ANY, _("&Verify the audit trail"));
    check->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { verify(); });
    top->Add(check, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(10));
    m_verdict = new wxStaticText(this, wxID_ANY, _("Every write and every opening of a restricted record is an "
                                                   "entry chained to the one before."));
    m_verdict->SetName("auditVerdict");
    top->Add(m_verdict, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, FromDIP(10));

    auto* find = new wxBoxSizer(wxHORIZONTAL);
    find->Add(new wxStaticText(this, wxID_ANY, _("&Resident (ID number or archive number):")), 0,
              wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(8));
    m_resident = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(220, -1)), wxTE_PROCESS_ENTER);
    m_resident->SetName("auditResident");
    find->Add(m_resident, 0, wxRIGHT, FromDIP(8));
    auto* show = new wxButton(this, wxID_ANY, _("Sho&w history"));
    find->Add(show, 0);
    const auto doShow = [this] { showHistory(toUtf8(m_resident->GetValue().Strip(wxString::both))); };
    show->Bind(wxEVT_BUTTON, [doShow](wxCommandEvent&) { doShow(); });
    m_resident->Bind(wxEVT_TEXT_ENTER, [doShow](wxCommandEvent&) { doShow(); });
    sizer->Add(find, 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_historyNote = new wxStaticText(this, wxID_ANY, {});
    sizer->Add(m_historyNote, 0, wxEXPAND | wxALL, FromDIP(10));
    m_history = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES);
    const std::pair<wxString, int> columns[] = {{_("No."), 60},    {_("When (UTC)"), 170}, {_("Who"), 150},
                                                {_("Role"), 110},  {_("What"), 90},        {_("Record"), 130},
                                                {_("Fields (before → after)"), 600}};
    int i = 0;
    for (const auto& [title, width] : columns) m_history->InsertColumn(i++, title, wxLIST_FORMAT_LEFT, FromDIP(width));
    sizer->Add(m_history, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    SetSizer(sizer);
    // The labels were measured before the window's readable font reached them.
    Bind(wxEVT_SHOW, [this](wxShowEvent& event) {
        if (event.IsShown()) {
            remeasure(this);
            Layout();
        }
        event.Skip();
    });
}

bool AuditPanel::verify() {
    remeasure(this);
    try {
        const auto check = services::Audit(m_workstation.database(), m_workstation.session()).verify();
        if (check.broken) {
            m_verdict->SetForegroundColour(wxColour(200, 0, 0));
            m_verdict->SetLabel(wxString::Format(_("Broken at entry %lld (%s): entries were changed, removed or "
                                                   "reordered outside Jiayi. Tell the township."),
                                                 static_cast<long long>(check.broken->seq),
                                                 toWx(check.broken->reason)));
        } else {
            m_verdict->SetForegroundColour(wxColour(0, 110, 0));
            m_verdict->SetLabel(wxString::Format(_("Intact: %zu entries, each linked to the one before."),
                                                 check.entries));
        }
        Layout();
        return !check.broken;
    } catch (const std::exception& e) {
        m_verdict->SetForegroundColour(wxColour(200, 0, 0));
        m_verdict->SetLabel(toWx(e.what()));
        Layout();
        return false;
    }
}

void AuditPanel::showHistory(const std::string& who) {
    remeasure(this);
    if (toUtf8(m_resident->GetValue().Strip(wxString::both)) != who) m_resident->ChangeValue(toWx(who));
    m_entries.clear();
    m_history->DeleteAllItems();
    if (who.empty()) {
        m_historyNote->SetLabel(_("Type the resident's ID number or archive number."));
        return;
    }
    try {
        const auto resident = m_workstation.registry().get(who);
        m_entries = services::Audit(m_workstation.database(), m_workstation.session()).history(resident.id);
        m_historyNote->SetLabel(wxString::Format(_("%s: %zu entries, oldest first."), toWx(resident.name),
                                                 m_entries.size()));
    } catch (const std::exception& e) {
        m_historyNote->SetLabel(toWx(e.what()));
        return;
    }
    m_history->Freeze();
    long row = 0;
    for (const auto& e : m_entries) {
        m_history->InsertItem(row, wxString::Format("%lld", static_cast<long long>(e.seq)));
        m_history->SetItem(row, 1, toWx(e.at.substr(0, 19)));
        const auto name = store::displayName(m_workstation.database(), e.user);
        m_history->SetItem(row, 2, toWx(name.empty() || name == e.user ? e.user : name + " (" + e.user + ")"));
        const auto role = rules::roleFromCode(e.role);
        m_history->SetItem(row, 3, role ? toWx(rules::roleName(*role)) : toWx(e.role));
        m_history->SetItem(row, 4, actionName(e.action));
        m_history->SetItem(row, 5, tableName(e.table));
        auto change = services::Audit::describe(e);
        if (utf8::length(change) > 200) change = change.substr(0, utf8::offsetAfter(change, 200)) + "…";
        m_history->SetItem(row, 6, toWx(change));
        ++row;
    }
    m_history->Thaw();
    Layout();
}

}  // namespace jiayi::gui
