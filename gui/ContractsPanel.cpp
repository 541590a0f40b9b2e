#include "gui/ContractsPanel.h"

#include <wx/sizer.h>

#include <cmath>

#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/FormWidgets.h"
#include "gui/TeamDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {

wxString share(const services::CoverageCount& n) {
    if (n.people == 0) return wxString::FromUTF8("–");
    return wxString::Format("%d%%", static_cast<int>(std::lround(100.0 * n.signedPeople / n.people)));
}

wxString groupsText(const std::vector<rules::contracts::Group>& groups) { return toWx(services::groupNames(groups)); }

}  // namespace

ContractsPanel::ContractsPanel(wxWindow* parent, services::Workstation& workstation)
    : wxPanel(parent),
      m_workstation(workstation),
      m_contracts(workstation.database(), workstation.session()),
      m_villageNames(workstation) {
    SetName("contractsPanel");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("Tea&m:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_team = new wxChoice(this, wxID_ANY);
    m_team->SetName("team");
    m_team->SetMinSize(FromDIP(wxSize(220, -1)));
    top->Add(m_team, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(14));
    top->Add(new wxStaticText(this, wxID_ANY, _("On da&y:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    m_day = makeDateCtrl(this);
    m_day->ChangeValue(toWx(formatDate(today())));
    top->Add(m_day, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    auto* again = new wxButton(this, wxID_ANY, _("Co&unt again"));
    top->Add(again, 0, wxALIGN_CENTER_VERTICAL);
    // Teams are set up at the township hospital (contracts.md; right manage_teams).
    if (workstation.session().can(rules::Right::ManageTeams)) {
        auto* newTeam = new wxButton(this, wxID_ANY, _("New t&eam…"));
        newTeam->SetName("newTeam");
        newTeam->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            TeamDialog dialog(this, m_workstation);
            if (dialog.ShowModal() == wxID_OK) refresh();
        });
        top->Add(newTeam, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(14));
    }
    sizer->Add(top, 0, wxALL, FromDIP(10));

    m_summary = new wxStaticText(this, wxID_ANY, {});
    m_summary->SetName("contractSummary");
    m_summary->SetFont(m_summary->GetFont().Bold().Larger());
    sizer->Add(m_summary, 0, wxLEFT | wxRIGHT, FromDIP(10));
    m_warning = new wxStaticText(this, wxID_ANY, {});
    m_warning->SetForegroundColour(wxColour(170, 30, 30));
    sizer->Add(m_warning, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));

    auto* figures = new wxBoxSizer(wxHORIZONTAL);
    for (int i = 0; i < 5; ++i) {
        m_figures[i] = new wxButton(this, wxID_ANY, "-");
        const auto which = static_cast<List>(i);
        m_figures[i]->Bind(wxEVT_BUTTON, [this, which](wxCommandEvent&) { showList(which); });
        figures->Add(m_figures[i], 0, wxRIGHT, FromDIP(6));
    }
    sizer->Add(figures, 0, wxALL, FromDIP(10));

    auto* tables = new wxBoxSizer(wxHORIZONTAL);
    m_groups = reportList(this, {{_("Priority group"), 200}, {_("People"), 70}, {_("Signed"), 70}, {_("Share"), 60}});
    m_groups->SetName("groups");
    m_groups->SetMinSize(FromDIP(wxSize(420, 150)));
    tables->Add(m_groups, 1, wxEXPAND | wxRIGHT, FromDIP(8));
    m_villages = reportList(this, {{_("Village"), 170}, {_("Residents"), 80}, {_("Signed"), 70}, {_("Priority"), 70},
                                 {_("Priority signed"), 110}});
    m_villages->SetMinSize(FromDIP(wxSize(520, 150)));
    tables->Add(m_villages, 1, wxEXPAND);
    sizer->Add(tables, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    m_listTitle = new wxStaticText(this, wxID_ANY, {});
    m_listTitle->SetFont(m_listTitle->GetFont().Bold());
    sizer->Add(m_listTitle, 0, wxALL, FromDIP(10));
    m_list = reportList(this, {{_("Archive number"), 175}, {_("Name"), 90}, {_("Age"), 50}, {_("Village"), 150},
                             {_("Detail"), 620}});
    m_list->SetName("contractList");
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    SetSizer(sizer);

    m_team->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { compute(); });
    again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { compute(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { openSelected(); });
}

void ContractsPanel::refresh() {
    const int chosen = m_team->GetSelection();
    const auto previous = chosen > 0 && static_cast<std::size_t>(chosen) <= m_teams.size()
                              ? m_teams[static_cast<std::size_t>(chosen - 1)].team.id
                              : std::string();
    m_teams.clear();
    for (auto& t : m_contracts.teams())
        if (t.team.status == "active") m_teams.push_back(std::move(t));
    m_team->Clear();
    m_team->Append(_("Every team (the whole area)"));
    int select = 0;
    const auto& me = m_workstation.session().login;
    for (std::size_t i = 0; i < m_teams.size(); ++i) {
        m_team->Append(toWx(m_teams[i].team.name));
        const bool mine = m_teams[i].team.lead == me ||
                          std::any_of(m_teams[i].members.begin(), m_teams[i].members.end(),
                                      [&](const model::TeamMember& m) { return m.active && m.login == me; });
        if (m_teams[i].team.id == previous || (previous.empty() && mine && select == 0)) select = static_cast<int>(i) + 1;
    }
    m_team->SetSelection(select);
    compute();
}

void ContractsPanel::compute() {
    const auto day = parseDate(toUtf8(m_day->GetValue())).value_or(today());
    const int t = m_team->GetSelection();
    const auto teamId = t > 0 && static_cast<std::size_t>(t) <= m_teams.size()
                            ? m_teams[static_cast<std::size_t>(t - 1)].team.id
                            : std::string();
    try {
        m_coverage = m_contracts.coverage(teamId.empty() ? m_workstation.scope() : std::string(), teamId, day);
    } catch (const std::exception& e) {
        m_coverage.reset();
        m_summary->SetLabel(toWx(e.what()));
        return;
    }
    const auto& c = *m_coverage;
    const services::CoverageCount delivered{c.dueSoFar, c.delivered};
    m_summary->SetLabel(wxString::Format(_("%d of %d residents signed (%s); priority groups %d of %d (%s); services "
                                           "delivered %d of %d due (%s)"),
                                         c.all.signedPeople, c.all.people, share(c.all), c.priority.signedPeople,
                                         c.priority.people, share(c.priority), c.delivered, c.dueSoFar, share(delivered)));
    wxString warning;
    for (const auto& doctor : c.doctorsPastLimit)
        warning += wxString::Format(_("%s holds %d signed residents, more than the 2,000 a family doctor should. "),
                                    toWx(store::displayName(m_workstation.database(), doctor)),
                                    c.signedByDoctor.at(doctor));
    m_warning->SetLabel(warning);
    m_warning->Show(!warning.empty());
    m_figures[0]->SetLabel(wxString::Format(_("Priority groups not signed: %zu"), c.priorityUnsigned.size()));
    m_figures[1]->SetLabel(wxString::Format(_("Priority groups signed: %zu"), c.prioritySigned.size()));
    m_figures[2]->SetLabel(wxString::Format(_("Renewals due: %zu"), c.endingSoon.size()));
    m_figures[3]->SetLabel(wxString::Format(_("Services overdue: %zu"), c.withOverdueItems.size()));
    m_figures[4]->SetLabel(wxString::Format(_("Signed twice: %zu"), c.review.size()));
    m_figures[4]->Enable(!c.review.empty());

    m_groups->DeleteAllItems();
    long row = 0;
    for (const auto& [g, n] : c.byGroup)
        appendRow(m_groups, row++, {toWx(services::groupName(g)), wxString::Format("%d", n.people),
                                 wxString::Format("%d", n.signedPeople), share(n)});
    m_villages->DeleteAllItems();
    row = 0;
    for (const auto& [village, n] : c.byVillage)
        appendRow(m_villages, row++, {m_villageNames(village), wxString::Format("%d", n.first.people),
                                   wxString::Format("%d", n.first.signedPeople), wxString::Format("%d", n.second.people),
                                   wxString::Format("%d (%s)", n.second.signedPeople, share(n.second))});
    showList(m_shown);
    Layout();
}

void ContractsPanel::showList(List which) {
    m_shown = which;
    m_list->DeleteAllItems();
    m_rowResidents.clear();
    if (!m_coverage) return;
    const auto& c = *m_coverage;
    const auto village = [&](const std::string& code) { return m_villageNames(code); };
    long row = 0;
    const auto person = [&](const services::Coverage::Person& p, const wxString& detail) {
        appendRow(m_list, row++, {toWx(p.archiveNo), toWx(p.name), wxString::Format("%d", p.age), village(p.villageCode), detail});
        m_rowResidents.push_back(p.residentId);
    };
    const auto contract = [&](const services::ContractView& v, const wxString& detail) {
        appendRow(m_list, row++, {toWx(v.archiveNo), toWx(v.residentName), {}, village(v.contract.villageCode), detail});
        m_rowResidents.push_back(v.contract.residentId);
    };
    switch (which) {
        case List::Unsigned:
            m_listTitle->SetLabel(_("Priority-group residents not signed (应签尽签): Enter opens the contract page"));
            for (const auto& p : c.priorityUnsigned) person(p, groupsText(p.groups));
            break;
        case List::Signed:
            m_listTitle->SetLabel(_("Priority-group residents signed"));
            for (const auto& p : c.prioritySigned) person(p, groupsText(p.groups));
            break;
        case List::Renewals:
            m_listTitle->SetLabel(_("Contracts ending within 30 days: renew"));
            for (const auto& v : c.endingSoon)
                contract(v, wxString::Format(_("%s, ends on %s"), toWx(v.teamName), dateText(v.contract.endOn)));
            break;
        case List::Overdue:
            m_listTitle->SetLabel(_("Contracts with services overdue"));
            for (const auto& v : c.withOverdueItems)
                contract(v, wxString::Format(_("%s, doctor %s"), toWx(v.teamName), toWx(v.doctorName)));
            break;
        case List::Review:
            m_listTitle->SetLabel(_("Residents signed twice (offline at two sites): choose which contract to keep"));
            for (const auto& r : c.review)
                contract(r.waiting, wxString::Format(_("%s stands; %s waits for review"), toWx(r.standing.teamName),
                                                     toWx(r.waiting.teamName)));
            break;
    }
    if (m_list->GetItemCount() > 0)
        m_list->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

void ContractsPanel::openSelected() {
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= m_rowResidents.size() || !m_open) return;
    m_open(m_rowResidents[static_cast<std::size_t>(row)]);
    compute();
}

}  // namespace jiayi::gui
