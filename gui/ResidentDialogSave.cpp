// ResidentDialog's save path: one core call per save, and a person decides every conflict.
#include <wx/msgdlg.h>

#include "core/rules/ResidentValidation.h"
#include "core/services/Workstation.h"
#include "gui/ResidentDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

bool ResidentDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto r = collect(errors);
    if (!errors.empty()) {
        // A date the form cannot read never reaches the registry; still show everything else
        // that is wrong at once, from the same pure rules the registry uses.
        auto copy = r;
        for (auto& e : rules::validateResident(copy, today())) {
            const bool known = std::any_of(errors.begin(), errors.end(),
                                           [&](const FieldError& f) { return f.field == e.field; });
            if (!known) errors.push_back(std::move(e));
        }
        showErrors(errors);
        return false;
    }
    try {
        if (m_isNew) return registerNew(std::move(r), false);
        m_resident = m_workstation.registry().edit(std::move(r));
        finish();
        return true;
    } catch (const ValidationError& e) {
        showErrors(e.errors());
    } catch (const services::DuplicateIdNumberError& e) {
        showErrors({{"id_number", e.what()}});
        wxMessageDialog ask(this, toWx(e.what()), _("ID number already registered"),
                            wxYES_NO | wxICON_WARNING);
        ask.SetYesNoLabels(_("Open the existing record"), _("Back to the form"));
        if (ask.ShowModal() == wxID_YES) {
            ResidentDialog existing(GetParent(), m_workstation, e.existing());
            existing.ShowModal();
        }
    } catch (const std::exception& e) {
        showErrors({{"", e.what()}});
    }
    return false;
}

bool ResidentDialog::registerNew(model::Resident r, bool confirmedNotDuplicate) {
    services::Registration reg;
    reg.resident = r;
    reg.confirmedNotDuplicate = confirmedNotDuplicate;
    if (m_newHousehold->GetValue()) {
        // relation stays "0": the founder of a household is its head.
        reg.newHouseholdAddress = toUtf8(m_address->GetValue().Strip(wxString::both));
    } else {
        if (m_householdId.empty()) {
            showErrors({{"household", toUtf8(_("Choose the household to join"))}});
            return false;
        }
        reg.householdId = m_householdId;
        reg.relation = m_relation->code();
    }
    try {
        m_resident = m_workstation.registry().registerResident(std::move(reg));
        finish();
        return true;
    } catch (const services::LikelyDuplicateError& e) {
        wxMessageDialog ask(this, toWx(e.what()) + "\n\n" + _("Is this the same person?"),
                            _("Possible duplicate"), wxYES_NO | wxCANCEL | wxICON_QUESTION);
        ask.SetYesNoCancelLabels(_("Yes, open that record"), _("No, register a new person"),
                                 _("Back to the form"));
        const int answer = ask.ShowModal();
        if (answer == wxID_NO) return registerNew(std::move(r), true);
        if (answer == wxID_YES && !e.candidates().empty()) {
            ResidentDialog existing(GetParent(), m_workstation, e.candidates().front());
            EndDialog(wxID_CANCEL);
            existing.ShowModal();
        }
        return false;
    }
}

void ResidentDialog::finish() {
    // Works whether the dialog is modal (the app) or shown modeless (tests, screenshots).
    SetReturnCode(wxID_OK);  // EndDialog only sets it for a modal dialog
    EndDialog(wxID_OK);
}

}  // namespace jiayi::gui
