#include "gui/EnrolProgrammeDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/services/ChronicCare.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

EnrolProgrammeDialog::EnrolProgrammeDialog(wxWindow* parent, services::ChronicCare& care,
                                           const model::Resident& resident,
                                           const std::vector<std::string>& activeProgrammes)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Enrol %s in a programme"), toWx(resident.name))),
      m_care(care),
      m_resident(resident) {
    applyReadableFont(this);
    SetName("enrolProgrammeDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    FormSection form(this, _("Enrolment (纳入管理)"), m_errors, 0, 1);
    m_programme = new wxChoice(form.box(), wxID_ANY);
    for (auto p : chronic::kProgrammes) {
        const std::string code(chronic::code(p));
        if (std::find(activeProgrammes.begin(), activeProgrammes.end(), code) != activeProgrammes.end())
            continue;
        m_programme->Append(toWx(chronic::programmeName(p)));
        m_codes.push_back(code);
    }
    if (!m_codes.empty()) m_programme->SetSelection(0);
    m_enrolledOn = makeDateCtrl(form.box());
    m_enrolledOn->ChangeValue(toWx(formatDate(today())));
    m_diagnosedOn = makeDateCtrl(form.box());
    m_diagnosedBy = new wxTextCtrl(form.box(), wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(320, -1)));
    m_diagnosedBy->SetHint(_("e.g. county people's hospital"));
    m_diagnosis = new wxTextCtrl(form.box(), wxID_ANY);
    m_smiCondition = new CodeChoice(form.box(), "smi_condition");
    m_tbPhase = new CodeChoice(form.box(), "tb_phase");
    m_tbSupervisor = new CodeChoice(form.box(), "tb_supervisor");
    m_notifiedOn = makeDateCtrl(form.box());
    form.add(_("Programme"), m_programme, "programme");
    form.add(_("Enrolled on"), m_enrolledOn, "enrolled_on");
    form.add(_("Diagnosed on"), m_diagnosedOn, "diagnosed_on");
    form.add(_("Diagnosed by (institution)"), m_diagnosedBy, "diagnosed_by");
    form.add(_("Diagnosis"), m_diagnosis, "diagnosis");
    form.add(_("Mental illness"), m_smiCondition, "diagnosis");
    form.add(_("Treatment phase"), m_tbPhase, "tb_phase");
    form.add(_("Supervised by"), m_tbSupervisor, "tb_supervisor");
    form.add(_("Notified on"), m_notifiedOn, "tb_notified_on");
    sizer->Add(form.sizer(), 1, wxEXPAND | wxALL, FromDIP(12));

    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Enrol"), [this] { save(); }), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizer(sizer);
    m_programme->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { updateFields(); });
    m_errors.clear();
    updateFields();
    CentreOnParent();
    m_guard.watch(this);
}

std::string EnrolProgrammeDialog::programme() const {
    const int i = m_programme->GetSelection();
    return i == wxNOT_FOUND ? std::string() : m_codes[static_cast<std::size_t>(i)];
}

void EnrolProgrammeDialog::setProgramme(const std::string& code) {
    const auto it = std::find(m_codes.begin(), m_codes.end(), code);
    if (it != m_codes.end()) m_programme->SetSelection(static_cast<int>(it - m_codes.begin()));
    updateFields();
}

void EnrolProgrammeDialog::updateFields() {
    // Each programme fills the fields of its own enrolment; the others are greyed out.
    const auto p = programme();
    m_diagnosis->Enable(p == "htn" || p == "t2d");
    m_smiCondition->Enable(p == "smi");
    for (wxWindow* c : {static_cast<wxWindow*>(m_tbPhase), static_cast<wxWindow*>(m_tbSupervisor),
                        static_cast<wxWindow*>(m_notifiedOn)})
        c->Enable(p == "tb");
    m_errors.clear();
    Fit();
    Layout();
}

bool EnrolProgrammeDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    services::EnrolmentRequest request;
    request.residentId = m_resident.id;
    request.programme = programme();
    request.enrolledOn = readDate(m_enrolledOn, "enrolled_on", errors);
    request.diagnosedOn = readDate(m_diagnosedOn, "diagnosed_on", errors);
    request.diagnosedBy = toUtf8(m_diagnosedBy->GetValue());
    request.diagnosis = request.programme == "smi" ? m_smiCondition->code() : toUtf8(m_diagnosis->GetValue());
    if (request.programme == "tb") {
        request.tbPhase = m_tbPhase->code();
        request.tbSupervisor = m_tbSupervisor->code();
        request.tbNotifiedOn = readDate(m_notifiedOn, "tb_notified_on", errors);
    }
    if (request.programme.empty()) errors.push_back({"programme", toUtf8(_("Every programme is already active"))});
    if (storeOrShow(m_errors, std::move(errors), [&] { m_enrolment = m_care.enrol(request); })) {
        endOk(this);
        return true;
    }
    Fit();
    Layout();
    return false;
}

}  // namespace jiayi::gui
