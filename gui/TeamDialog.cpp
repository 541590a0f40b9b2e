#include "gui/TeamDialog.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include <sstream>

#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {

// "a, b，c" → {a, b, c} (an ASCII or a Chinese comma, or spaces).
std::vector<std::string> logins(const wxString& text) {
    auto value = toUtf8(text);
    for (const std::string comma : {"，", "、", ","}) {
        for (std::size_t at; (at = value.find(comma)) != std::string::npos;) value.replace(at, comma.size(), " ");
    }
    std::vector<std::string> out;
    std::istringstream in(value);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

}  // namespace

TeamDialog::TeamDialog(wxWindow* parent, services::Workstation& workstation)
    : wxDialog(parent, wxID_ANY, _("New family-doctor team"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_contracts(workstation.database(), workstation.session()) {
    applyReadableFont(this);
    SetName("teamDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    FormSection team(this, _("Team"), m_errors, 0, 1);
    m_name = textBox(team.box(), 300);
    team.add(_("&Name"), m_name, "name");
    m_institution = textBox(team.box(), 300);
    m_institution->ChangeValue(toWx(store::clinicName(workstation.database())));
    team.add(_("&Hospital"), m_institution, "institution");
    m_lead = textBox(team.box(), 200);
    m_lead->SetHint(_("login"));
    team.add(_("&Lead (family doctor)"), m_lead, "lead");
    m_doctors = textBox(team.box(), 360);
    m_doctors->SetHint(_("logins, separated by commas"));
    team.add(_("Other &family doctors"), m_doctors, "doctors");
    m_villageDoctors = textBox(team.box(), 360);
    m_villageDoctors->SetHint(_("logins, separated by commas"));
    team.add(_("&Village doctors"), m_villageDoctors, "village_doctors");
    m_nurses = textBox(team.box(), 360);
    m_nurses->SetHint(_("logins, separated by commas"));
    team.add(_("N&urses"), m_nurses, "members");
    sizer->Add(team.sizer(), 0, wxEXPAND | wxALL, FromDIP(10));

    FormSection villages(this, _("Villages it serves"), m_errors, 0, 1);
    wxArrayString names;
    for (const auto& v : workstation.villages()) {
        m_villageCodes.push_back(v.code);
        names.Add(toWx(v.name));
    }
    m_villages = new wxCheckListBox(villages.box(), wxID_ANY, wxDefaultPosition, FromDIP(wxSize(420, 160)), names);
    villages.add(_("Villa&ges"), m_villages, "villages");
    sizer->Add(villages.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Set up the team"), [this] { save(); }, false), 0, wxEXPAND | wxALL,
               FromDIP(10));
    SetSizerAndFit(sizer);
    CentreOnParent();
    m_name->SetFocus();
    m_guard.watch(this);
}

bool TeamDialog::save() {
    m_errors.clear();
    model::CareTeam team;
    team.name = toUtf8(m_name->GetValue());
    team.institution = toUtf8(m_institution->GetValue());
    const auto lead = logins(m_lead->GetValue());
    std::vector<FieldError> errors;
    if (lead.size() > 1) errors.push_back({"lead", toUtf8(_("One login: the team has one lead"))});
    if (!lead.empty()) team.lead = lead.front();
    for (unsigned i = 0; i < m_villages->GetCount(); ++i)
        if (m_villages->IsChecked(i)) team.villages.push_back(m_villageCodes[i]);
    if (team.villages.empty()) errors.push_back({"villages", toUtf8(_("Tick the villages the team serves"))});
    std::vector<model::TeamMember> members;
    const auto add = [&](wxTextCtrl* box, const char* role) {
        for (const auto& login : logins(box->GetValue())) {
            model::TeamMember m;
            m.login = login;
            m.role = role;
            members.push_back(m);
        }
    };
    add(m_doctors, "doctor");
    add(m_villageDoctors, "village_doctor");
    add(m_nurses, "nurse");
    if (!storeOrShow(m_errors, std::move(errors), [&] { m_teamId = m_contracts.createTeam(team, members).team.id; })) {
        Fit();
        return false;
    }
    m_guard.take();
    endOk(this);
    return true;
}

}  // namespace jiayi::gui
