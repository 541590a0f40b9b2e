#pragma once
// 纳入管理: enrols a resident in a chronic-disease programme (hypertension, type 2
// diabetes, severe mental illness, tuberculosis) with the diagnosis date and institution.
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/model/Resident.h"
#include "gui/FormWidgets.h"

namespace jiayi::services {
class ChronicCare;
}

namespace jiayi::gui {

class EnrolProgrammeDialog : public wxDialog {
public:
    // `activeProgrammes`: codes the resident is already managed for (not offered again).
    EnrolProgrammeDialog(wxWindow* parent, services::ChronicCare& care, const model::Resident& resident,
                         const std::vector<std::string>& activeProgrammes);
    // Enrols; true when saved (the dialog then ends with wxID_OK).
    bool save();
    void setProgramme(const std::string& code);
    const model::Enrolment& enrolment() const { return m_enrolment; }
    wxStaticText* errorLabel(const std::string& field) const { return m_errors.label(field); }

private:
    std::string programme() const;
    void updateFields();

    services::ChronicCare& m_care;
    model::Resident m_resident;
    model::Enrolment m_enrolment;
    FormErrors m_errors;
    DiscardGuard m_guard;
    std::vector<std::string> m_codes;
    wxChoice* m_programme;
    wxTextCtrl *m_enrolledOn, *m_diagnosedOn, *m_diagnosedBy, *m_diagnosis, *m_notifiedOn;
    CodeChoice *m_smiCondition, *m_tbPhase, *m_tbSupervisor;
};

}  // namespace jiayi::gui
