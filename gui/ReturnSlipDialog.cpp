#include "gui/ReturnSlipDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ReturnSlipDialog::ReturnSlipDialog(wxWindow* parent, services::Workstation& workstation, model::Referral referral)
    : wxDialog(parent, wxID_ANY, _("Return slip"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_referral(std::move(referral)) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    FormSection s(this, _("Return slip (回转单)"), m_errors, 0, 1);
    auto text = [&](int width, bool multiline = false) {
        return new wxTextCtrl(s.box(), wxID_ANY, {}, wxDefaultPosition,
                              wxSize(FromDIP(width), multiline ? FromDIP(64) : -1), multiline ? wxTE_MULTILINE : 0);
    };
    m_diagnosis = text(420);
    m_recordNo = text(160);
    m_tests = text(420, true);
    m_advice = text(420, true);
    m_outcome = new CodeChoice(s.box(), "return_outcome");
    m_institution = text(260);
    m_doctor = text(160);
    m_date = makeDateCtrl(s.box());
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Diagnosis"), m_diagnosis, "return_diagnosis");
    s.add(_("Inpatient record number"), m_recordNo, "return_record_no");
    s.add(_("Main test results"), m_tests, "return_tests");
    s.add(_("Treatment, next steps and rehabilitation advice"), m_advice, "return_advice");
    s.add(_("Outcome"), m_outcome, "return_outcome");
    s.add(_("Institution"), m_institution, "return_institution");
    s.add(_("Doctor"), m_doctor, "returned_by");
    s.add(_("Date"), m_date, "returned_on");
    sizer->Add(s.sizer(), 1, wxEXPAND | wxALL, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("Send the return slip"), [this] { save(); }), 0, wxEXPAND | wxALL,
               FromDIP(12));
    SetSizerAndFit(sizer);
    m_errors.clear();
    CentreOnParent();
    m_guard.watch(this);
}

bool ReturnSlipDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    model::Referral slip = m_referral;
    slip.returnDiagnosis = toUtf8(m_diagnosis->GetValue());
    slip.returnRecordNo = toUtf8(m_recordNo->GetValue());
    slip.returnTests = toUtf8(m_tests->GetValue());
    slip.returnAdvice = toUtf8(m_advice->GetValue());
    slip.returnOutcome = m_outcome->code();
    slip.returnInstitution = toUtf8(m_institution->GetValue());
    slip.returnedBy = toUtf8(m_doctor->GetValue());
    slip.returnedOn = readDate(m_date, "returned_on", errors);
    if (storeOrShow(m_errors, std::move(errors), [&] {
            m_referral = services::Referrals(m_workstation.database(), m_workstation.session()).returnSlip(m_referral.id, slip);
        })) {
        endOk(this);
        return true;
    }
    Fit();
    return false;
}

}  // namespace jiayi::gui
