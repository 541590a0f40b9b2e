#include "gui/ClinicSettingsDialog.h"

#include <wx/sizer.h>

#include "core/rules/FieldChecker.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ClinicSettingsDialog::ClinicSettingsDialog(wxWindow* parent, services::Workstation& workstation)
    : wxDialog(parent, wxID_ANY, _("Clinic settings")), m_workstation(workstation) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    FormSection s(this, _("Names on slips and printouts"), m_errors, 0, 1);
    m_clinic = textBox(s.box(), 280);
    m_doctor = textBox(s.box(), 160);
    s.add(_("Clinic"), m_clinic, "clinic_name");
    s.add(wxString::Format(_("Your name (%s)"), toWx(workstation.user())), m_doctor, "doctor_name");
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(okCancelButtons(this, _("&Save"), [this] {
                   if (save()) endOk(this);
               }),
               0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    auto& db = workstation.database();
    m_clinic->ChangeValue(toWx(store::clinicName(db)));
    const auto name = store::displayName(db, workstation.user());
    m_doctor->ChangeValue(name == workstation.user() ? wxString() : toWx(name));
    m_errors.clear();
    CentreOnParent();
    m_clinic->SetFocus();
    m_guard.watch(this);
}

bool ClinicSettingsDialog::save() {
    m_errors.clear();
    const auto clinic = rules::trimmed(toUtf8(m_clinic->GetValue()));
    const auto doctor = rules::trimmed(toUtf8(m_doctor->GetValue()));
    std::vector<FieldError> errors;
    if (clinic.empty()) errors.push_back({"clinic_name", toUtf8(_("Required: the clinic's name, e.g. 马山庄村卫生室"))});
    if (doctor.empty()) errors.push_back({"doctor_name", toUtf8(_("Required: your name as patients know it"))});
    return storeOrShow(m_errors, errors, [&] {
        auto& db = m_workstation.database();
        store::Transaction tx(db);
        store::setClinicName(db, clinic);
        store::setDisplayName(db, m_workstation.user(), doctor);
        tx.commit();
        m_guard.take();
    });
}

}  // namespace jiayi::gui
