#include "gui/SignContractDialog.h"

#include <wx/button.h>
#include <wx/display.h>
#include <wx/sizer.h>

#include <cmath>

#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/WxText.h"

namespace jiayi::gui {

SignContractDialog::SignContractDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Family-doctor contract — %s"), toWx(resident.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_resident(std::move(resident)),
      m_contracts(workstation.database(), workstation.session()) {
    applyReadableFont(this);
    SetName("signContractDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_resident), 0, wxALL, FromDIP(10));
    const auto groups = toWx(services::groupNames(m_contracts.groupsOf(m_resident.id, today())));
    auto* groupLine = new wxStaticText(this, wxID_ANY,
                                       groups.empty() ? _("Priority groups: none")
                                                      : wxString::Format(_("Priority groups: %s"), groups));
    sizer->Add(groupLine, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));

    FormSection team(this, _("Team and term"), m_errors, 0, 2);
    m_team = new wxChoice(team.box(), wxID_ANY);
    m_team->SetName("team");
    team.add(_("&Team"), m_team, "team");
    m_doctor = new wxChoice(team.box(), wxID_ANY);
    m_doctor->SetName("doctor");
    team.add(_("Responsible &doctor"), m_doctor, "doctor");
    m_signedOn = makeDateCtrl(team.box());
    m_signedOn->ChangeValue(toWx(formatDate(today())));
    team.add(_("Signing date"), m_signedOn, "signed_on");
    m_start = makeDateCtrl(team.box());
    m_start->ChangeValue(toWx(formatDate(today())));
    team.add(_("Starts on"), m_start, "start_on");
    m_years = new wxSpinCtrl(team.box(), wxID_ANY, "1", wxDefaultPosition, FromDIP(wxSize(70, -1)), wxSP_ARROW_KEYS, 1,
                             3, 1);
    team.add(_("Term (years)"), m_years, "term_years");
    sizer->Add(team.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    FormSection packages(this, _("Service packages and fee"), m_errors, 0, 1);
    m_packages = new wxCheckListBox(packages.box(), wxID_ANY, wxDefaultPosition, FromDIP(wxSize(560, 90)));
    m_packages->SetName("packages");
    packages.add(_("&Packages"), m_packages, "packages");
    m_insurance = numberBox(packages.box(), 90);
    m_insurance->SetName("insurance");
    m_insurance->SetHint("0");
    packages.add(_("Paid by &insurance"), withUnit(packages.box(), m_insurance, _("yuan")), m_insurance, "insurance");
    sizer->Add(packages.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    FormSection agreement(this, _("Agreement"), m_errors, 0, 2);
    m_agreement = new wxCheckBox(agreement.box(), wxID_ANY, _("The agreement was &read and signed"));
    m_agreement->SetName("agreement");
    agreement.add({}, m_agreement, "agreement_signed");
    m_signedFor = textBox(agreement.box(), 200);
    m_signedFor->SetHint(_("empty: in person"));
    agreement.add(_("Signed &for the resident by"), m_signedFor, "signed_for");
    sizer->Add(agreement.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    // A household signs together, each member a contract of their own.
    auto* more = new wxBoxSizer(wxVERTICAL);
    if (const auto household = m_workstation.registry().householdOf(m_resident.id)) {
        wxArrayString names;
        for (const auto& m : household->members) {
            if (m.leftOn) continue;
            const auto r = m_workstation.registry().get(m.residentId);
            if (r.status != model::RecordStatus::Active) continue;
            m_memberIds.push_back(m.residentId);
            names.Add(toWx(r.name) + "  " + ageText(r.birthDate) + _(" years"));
        }
        if (m_memberIds.size() > 1) {
            m_household = new wxCheckBox(this, wxID_ANY,
                                         wxString::Format(_("Sign the whole &household (%zu members), each a contract"),
                                                          m_memberIds.size()));
            m_household->SetName("household");
            more->Add(m_household, 0, wxBOTTOM, FromDIP(4));
            m_members = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(560, 70)), names);
            m_members->SetName("members");
            for (unsigned i = 0; i < m_members->GetCount(); ++i) m_members->Check(i);
            m_members->Enable(false);
            more->Add(m_members, 0, wxEXPAND);
            m_household->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { m_members->Enable(m_household->GetValue()); });
        }
    }
    if (const auto current = m_contracts.current(m_resident.id, today())) {
        m_inForceId = current->contract.id;
        m_replace = new wxCheckBox(this, wxID_ANY,
                                   wxString::Format(_("E&nd the contract with %s (until %s): re-signing, 重签"),
                                                    toWx(current->teamName), dateText(current->contract.endOn)));
        m_replace->SetName("replace");
        more->Add(m_replace, 0, wxTOP, FromDIP(6));
        m_replace->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updatePreview(); });
    }
    sizer->Add(more, 0, wxEXPAND | wxALL, FromDIP(10));

    m_summary = new wxStaticText(this, wxID_ANY, {});
    m_summary->SetName("summary");
    m_summary->SetFont(m_summary->GetFont().Bold());
    sizer->Add(m_summary, 0, wxLEFT | wxRIGHT, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Sign the contract"), [this] { save(); }, false), 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);

    fillTeams();
    m_team->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        fillDoctors();
        updatePreview();
    });
    for (wxWindow* w : std::initializer_list<wxWindow*>{m_signedOn, m_start, m_insurance, m_signedFor})
        w->Bind(wxEVT_TEXT, [this](wxCommandEvent& e) {
            updatePreview();
            e.Skip();
        });
    m_start->Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        fillPackages();
        updatePreview();
        e.Skip();
    });
    m_years->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { updatePreview(); });
    m_doctor->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { updatePreview(); });
    m_packages->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
        // The basic package is always in.
        if (e.GetInt() == 0 && !m_packages->IsChecked(0)) m_packages->Check(0);
        updatePreview();
    });
    m_agreement->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { updatePreview(); });
    fillPackages();
    updatePreview();
    fitOnScreen();
    CentreOnParent();
    m_team->SetFocus();
    m_guard.watch(this);
}

void SignContractDialog::fillTeams() {
    m_teams = m_contracts.teamsServing(m_resident.villageCode);
    m_team->Clear();
    int mine = 0;
    for (std::size_t i = 0; i < m_teams.size(); ++i) {
        m_team->Append(toWx(m_teams[i].team.name));
        if (m_teams[i].signs(m_workstation.session().login) && mine == 0) mine = static_cast<int>(i);
    }
    if (!m_teams.empty()) m_team->SetSelection(mine);
    fillDoctors();
}

void SignContractDialog::fillDoctors() {
    m_doctor->Clear();
    m_doctorLogins.clear();
    const int t = m_team->GetSelection();
    if (t < 0 || static_cast<std::size_t>(t) >= m_teams.size()) return;
    const auto& team = m_teams[static_cast<std::size_t>(t)];
    const auto& me = m_workstation.session().login;
    m_signs = team.signs(me);
    std::vector<std::string> logins{team.team.lead};
    for (const auto& m : team.members)
        if (m.active && (m.role == "doctor" || m.role == "village_doctor") && m.login != team.team.lead)
            logins.push_back(m.login);
    int chosen = 0;
    for (std::size_t i = 0; i < logins.size(); ++i) {
        m_doctorLogins.push_back(logins[i]);
        m_doctor->Append(toWx(store::displayName(m_workstation.database(), logins[i])));
        if (logins[i] == me) chosen = static_cast<int>(i);
    }
    m_doctor->SetSelection(chosen);
    if (auto* ok = FindWindow(wxID_OK)) {
        ok->SetLabel(m_signs ? _("&Sign the contract") : _("&Prepare for signing"));
        ok->SetToolTip(m_signs ? wxString()
                               : _("Only the team's doctors sign: the contract waits, pending, for a doctor's signature"));
    }
}

void SignContractDialog::fillPackages() {
    std::vector<FieldError> ignored;
    const auto start = readDate(m_start, "start_on", ignored).value_or(today());
    std::vector<std::string> checked;
    for (unsigned i = 0; i < m_packages->GetCount() && i < m_packageCodes.size(); ++i)
        if (m_packages->IsChecked(i)) checked.push_back(m_packageCodes[i]);
    rules::contracts::PackageSet set;
    try {
        set = m_contracts.packagesFor(start, m_resident.villageCode);
    } catch (const std::exception& e) {
        m_summary->SetLabel(toWx(e.what()));
        return;
    }
    m_packages->Clear();
    m_packageCodes.clear();
    // The basic package first, always ticked.
    std::stable_sort(set.packages.begin(), set.packages.end(),
                     [](const auto& a, const auto& b) { return a.basic && !b.basic; });
    for (const auto& p : set.packages) {
        std::string names;
        for (const auto& i : p.items) names += (names.empty() ? "" : "、") + i.name;
        const auto items = toWx(names);
        const auto fee = p.feeYuan > 0 ? wxString::Format(_("%s yuan a year"), toWx(services::yuanText(p.feeFen())))
                                       : _("free");
        m_packages->Append(toWx(p.name) + " (" + fee + "): " + items);
        m_packageCodes.push_back(p.code);
        const bool tick = p.basic || std::find(checked.begin(), checked.end(), p.code) != checked.end();
        m_packages->Check(m_packages->GetCount() - 1, tick);
    }
}

services::ContractDraft SignContractDialog::draft(std::vector<FieldError>& errors) {
    services::ContractDraft d;
    d.residentId = m_resident.id;
    const int t = m_team->GetSelection();
    if (t >= 0 && static_cast<std::size_t>(t) < m_teams.size()) d.teamId = m_teams[static_cast<std::size_t>(t)].team.id;
    const int doc = m_doctor->GetSelection();
    if (doc >= 0 && static_cast<std::size_t>(doc) < m_doctorLogins.size())
        d.doctor = m_doctorLogins[static_cast<std::size_t>(doc)];
    for (unsigned i = 0; i < m_packages->GetCount() && i < m_packageCodes.size(); ++i)
        if (m_packages->IsChecked(i)) d.packages.push_back(m_packageCodes[i]);
    d.signedOn = readDate(m_signedOn, "signed_on", errors);
    d.startOn = readDate(m_start, "start_on", errors);
    d.termYears = m_years->GetValue();
    if (const auto yuan = readNumber(m_insurance, "insurance", errors)) {
        if (*yuan < 0) errors.push_back({"insurance", toUtf8(_("Cannot be negative"))});
        else d.insuranceFen = std::llround(*yuan * 100);
    }
    d.agreementSigned = m_agreement->GetValue();
    d.signedFor = toUtf8(m_signedFor->GetValue());
    if (m_replace && m_replace->GetValue()) d.replaces = m_inForceId;
    return d;
}

void SignContractDialog::updatePreview() {
    if (m_teams.empty()) {
        m_summary->SetLabel(_("No family-doctor team serves this village: the township sets teams up (Contracts page)."));
        m_summary->SetForegroundColour(wxColour(170, 30, 30));
        if (auto* ok = FindWindow(wxID_OK)) ok->Enable(false);
        return;
    }
    std::vector<FieldError> errors;
    auto d = draft(errors);
    // The agreement is signed last: the figures show before it is ticked.
    const bool agreed = d.agreementSigned;
    d.agreementSigned = true;
    const auto p = m_contracts.preview(d, m_signs);
    wxString text;
    bool bad = !errors.empty();
    if (!errors.empty()) {
        text = toWx(errors.front().reason);
    } else if (!p.contract) {
        text = toWx(p.errors.front().reason);
        bad = true;
    } else {
        const auto& c = *p.contract;
        const auto yuan = [](std::int64_t fen) { return toWx(services::yuanText(fen)); };
        text = wxString::Format(_("Fee %s yuan: insurance %s, resident %s · in force %s to %s"), yuan(c.feeFen),
                                yuan(c.insuranceFen), yuan(c.residentFen), dateText(c.startOn), dateText(c.endOn));
        if (!agreed) text += "\n" + _("Tick the agreement once the resident has read and signed it.");
    }
    m_summary->SetForegroundColour(bad ? wxColour(170, 30, 30) : wxColour(20, 90, 20));
    setWrapped(m_summary, text, FromDIP(720));
    Layout();
}

void SignContractDialog::fitOnScreen() {
    // As tall as its content (error lines included), as far as the screen allows.
    Layout();
    Fit();
    const wxRect screen = wxDisplay(wxDisplay::GetFromWindow(GetParent() ? GetParent() : this)).GetClientArea();
    SetSize(std::min(GetSize().x, screen.width - 16), std::min(GetSize().y, screen.height - 16));
    Layout();
}

bool SignContractDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto d = draft(errors);
    const bool household = m_household && m_household->GetValue();
    std::vector<std::string> members;
    if (household)
        for (unsigned i = 0; i < m_members->GetCount(); ++i)
            if (m_members->IsChecked(i)) members.push_back(m_memberIds[i]);
    if (household && members.empty()) errors.push_back({"members", toUtf8(_("Tick at least one member"))});
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] {
        if (household) {
            const auto h = m_workstation.registry().householdOf(m_resident.id);
            m_saved = m_contracts.signHousehold(h->id, d, members, !m_signs);
        } else {
            m_saved = {m_signs ? m_contracts.sign(d) : m_contracts.prepare(d)};
        }
    });
    if (!stored) {
        fitOnScreen();
        return false;
    }
    m_guard.take();
    endOk(this);
    return true;
}

}  // namespace jiayi::gui
