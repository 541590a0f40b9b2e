#include "gui/CloseProgrammeDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>

#include "core/services/ChronicCare.h"
#include "gui/ChronicText.h"
#include "gui/WxText.h"

namespace jiayi::gui {

CloseProgrammeDialog::CloseProgrammeDialog(wxWindow* parent, services::ChronicCare& care,
                                           model::Enrolment enrolment)
    : wxDialog(parent, wxID_ANY,
               wxString::Format(_("Close management: %s"), programmeText(enrolment.programme))),
      m_care(care),
      m_enrolment(std::move(enrolment)) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    FormSection form(this, _("Closing"), m_errors, 0, 1);
    m_reason = new CodeChoice(form.box(), "close_reason");
    m_date = makeDateCtrl(form.box());
    m_date->ChangeValue(toWx(formatDate(today())));
    m_note = new wxTextCtrl(form.box(), wxID_ANY, {}, wxDefaultPosition, FromDIP(wxSize(320, -1)));
    form.add(_("Reason for closing"), m_reason, "close_reason");
    form.add(_("Date"), m_date, "closed_on");
    form.add(_("Note"), m_note, "close_note");
    sizer->Add(form.sizer(), 1, wxEXPAND | wxALL, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("Close management"), [this] { save(); }), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    m_errors.clear();
    CentreOnParent();
}

bool CloseProgrammeDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    const auto date = readDate(m_date, "closed_on", errors);
    if (storeOrShow(m_errors, std::move(errors),
                    [&] { m_care.close(m_enrolment.id, m_reason->code(), date, toUtf8(m_note->GetValue())); })) {
        endOk(this);
        return true;
    }
    Fit();
    return false;
}

}  // namespace jiayi::gui
