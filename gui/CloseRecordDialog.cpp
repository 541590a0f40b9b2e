#include "gui/CloseRecordDialog.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/services/Workstation.h"
#include "gui/WxText.h"

namespace jiayi::gui {

CloseRecordDialog::CloseRecordDialog(wxWindow* parent, services::Workstation& workstation,
                                     model::Resident resident)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Close the record of %s"), toWx(resident.name))),
      m_workstation(workstation),
      m_resident(std::move(resident)) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* who = new wxStaticText(this, wxID_ANY,
                                 wxString::Format(_("%s, archive number %s"), toWx(m_resident.name),
                                                  toWx(m_resident.archiveNo)));
    who->SetFont(who->GetFont().Bold());
    sizer->Add(who, 0, wxALL, FromDIP(12));
    const wxString choices[] = {codeText("status", "moved"), codeText("status", "dead"),
                                codeText("status", "lost")};
    m_status = new wxRadioBox(this, wxID_ANY, _("Why is the record closed?"), wxDefaultPosition,
                              wxDefaultSize, 3, choices, 3, wxRA_SPECIFY_COLS);
    sizer->Add(m_status, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));

    FormSection details(this, _("Details"), m_errors, 0, 1);
    m_date = makeDateCtrl(details.box());
    m_date->ChangeValue(toWx(formatDate(today())));
    m_reason = new wxTextCtrl(details.box(), wxID_ANY, {}, wxDefaultPosition,
                              FromDIP(wxSize(360, -1)));
    details.add(_("Date"), m_date, "status_date");
    details.add(_("Reason or destination"), m_reason, "status_reason");
    sizer->Add(details.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("Close record"), [this] { save(); }, false), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();

    m_status->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { updateReasonHint(); });
    updateReasonHint();
}

model::RecordStatus CloseRecordDialog::chosenStatus() const {
    switch (m_status->GetSelection()) {
    case 0: return model::RecordStatus::Moved;
    case 1: return model::RecordStatus::Dead;
    default: return model::RecordStatus::Lost;
    }
}

void CloseRecordDialog::updateReasonHint() {
    switch (chosenStatus()) {
    case model::RecordStatus::Moved: m_reason->SetHint(_("Where the person moved to")); break;
    case model::RecordStatus::Dead: m_reason->SetHint(_("Cause of death")); break;
    default: m_reason->SetHint(_("Why contact was lost")); break;
    }
}

bool CloseRecordDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    const auto date = readDate(m_date, "status_date", errors);
    if (storeOrShow(m_errors, std::move(errors), [&] {
            m_workstation.registry().close(m_resident.id, chosenStatus(), date, toUtf8(m_reason->GetValue()));
        })) {
        EndDialog(wxID_OK);
        return true;
    }
    Fit();
    Layout();
    return false;
}

}  // namespace jiayi::gui
