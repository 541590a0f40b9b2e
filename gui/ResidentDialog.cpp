#include "gui/ResidentDialog.h"

#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include "core/rules/IdNumber.h"
#include "core/rules/ResidentValidation.h"
#include "core/services/Workstation.h"
#include "gui/ResidentPicker.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ResidentDialog::ResidentDialog(wxWindow* parent, services::Workstation& workstation,
                               std::optional<model::Resident> existing)
    : wxDialog(parent, wxID_ANY,
               existing ? wxString::Format(_("Resident record — %s"), toWx(existing->name))
                        : _("New resident"),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_resident(existing.value_or(model::Resident{})),
      m_isNew(!existing) {
    applyReadableFont(this);
    SetName("residentDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_book = new wxNotebook(this, wxID_ANY);
    buildBasicPage();
    buildSocialPage();
    buildHistoryPage();
    buildFamilyPage();
    buildLivingPage();
    buildStatusPage();
    sizer->Add(m_book, 1, wxEXPAND | wxALL, FromDIP(8));

    m_generalError = new wxStaticText(this, wxID_ANY, {});
    m_generalError->SetForegroundColour(wxColour(200, 0, 0));
    m_generalError->Hide();
    m_errors.setFallback(m_generalError);
    sizer->Add(m_generalError, 0, wxLEFT | wxRIGHT, FromDIP(12));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    // Not wxID_SAVE: GTK would show its own untranslated stock label instead of ours.
    m_save = new wxButton(this, wxID_ANY, m_isNew ? _("&Register") : _("&Save"));
    m_save->SetDefault();
    buttons->Add(m_save, 0, wxRIGHT, FromDIP(8));
    buttons->Add(new wxButton(this, wxID_CANCEL, _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });

    m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        remeasure(m_book->GetCurrentPage());
    });
    load(m_resident);
    m_errors.clear();
    SetSize(FromDIP(wxSize(1060, 700)));
    CentreOnParent();
    m_name->SetFocus();
    m_guard.watch(this);
}

void ResidentDialog::load(const model::Resident& r) {
    m_name->ChangeValue(toWx(r.name));
    m_sex->setCode(r.sex);
    m_birth->ChangeValue(dateText(r.birthDate));
    m_idNumber->ChangeValue(toWx(r.idNumber));
    m_ethnicity->setCode(r.ethnicity.empty() && m_isNew ? "01" : r.ethnicity);
    m_residenceType->setCode(r.residenceType.empty() && m_isNew ? "1" : r.residenceType);
    m_phone->ChangeValue(toWx(r.phone));
    m_contactName->ChangeValue(toWx(r.contactName));
    m_contactPhone->ChangeValue(toWx(r.contactPhone));
    const auto v = std::find(m_villageCodes.begin(), m_villageCodes.end(), r.villageCode);
    if (v != m_villageCodes.end()) m_village->SetSelection(static_cast<int>(v - m_villageCodes.begin()));
    else if (m_isNew && m_villageCodes.size() == 1) m_village->SetSelection(0);
    m_employer->ChangeValue(toWx(r.employer));
    m_education->setCode(r.education);
    m_occupation->setCode(r.occupation);
    m_marital->setCode(r.maritalStatus);
    m_payment->setCodes(r.payment);
    m_paymentOther->ChangeValue(toWx(r.paymentOther));
    m_bloodType->setCode(r.bloodType);
    m_rh->setCode(r.rhNegative);
    m_drugAllergy->setCodes(r.drugAllergy);
    m_drugAllergyOther->ChangeValue(toWx(r.drugAllergyOther));
    m_exposure->setCodes(r.exposure);
    m_diseases->setDiseases(r.pastDiseases);
    m_surgeries->setEvents(r.surgeries);
    m_injuries->setEvents(r.injuries);
    m_transfusions->setEvents(r.transfusions);
    m_family->setHistory(r.familyHistory);
    m_hereditary->ChangeValue(toWx(r.hereditaryDisease));
    m_disability->setCodes(r.disability);
    m_disabilityOther->ChangeValue(toWx(r.disabilityOther));
    m_kitchen->setCode(r.kitchenVentilation);
    m_fuel->setCode(r.fuel);
    m_water->setCode(r.water);
    m_toilet->setCode(r.toilet);
    m_animalPen->setCode(r.animalPen);
    m_archiveNo->ChangeValue(m_isNew ? _("(given when registered)") : toWx(r.archiveNo));
    m_status->ChangeValue(codeText("status", model::statusCode(m_isNew ? r.status : m_workstation.registry().statusHere(r))));
    m_statusDate->ChangeValue(dateText(r.statusDate));
    // Moved to a village outside this site's area (at the township): say where.
    m_statusReason->ChangeValue(!m_isNew && m_workstation.registry().movedAway(r)
                                    ? wxString::Format(_("Moved to %s"), toWx(m_workstation.placeName(r.villageCode)))
                                    : toWx(r.statusReason));
    m_created->ChangeValue(dateText(r.createdOn));
    m_updated->ChangeValue(dateText(r.updatedOn));
    if (!m_isNew) {
        auto h = m_workstation.registry().householdOf(r.id);
        m_householdText->SetLabel(h ? wxString::Format(_("%s (%zu current members)"),
                                                       toWx(h->address),
                                                       static_cast<std::size_t>(std::count_if(
                                                           h->members.begin(), h->members.end(),
                                                           [](const auto& m) { return !m.leftOn; })))
                                    : _("Not in a household"));
    }
}

model::Resident ResidentDialog::collect(std::vector<FieldError>& errors) const {
    model::Resident r = m_resident;
    r.name = toUtf8(m_name->GetValue());
    r.sex = m_sex->code();
    r.birthDate = readDate(m_birth, "birth_date", errors);
    r.idNumber = toUtf8(m_idNumber->GetValue());
    r.ethnicity = m_ethnicity->code();
    r.residenceType = m_residenceType->code();
    r.phone = toUtf8(m_phone->GetValue());
    r.contactName = toUtf8(m_contactName->GetValue());
    r.contactPhone = toUtf8(m_contactPhone->GetValue());
    const int v = m_village->GetSelection();
    r.villageCode = v == wxNOT_FOUND ? std::string() : m_villageCodes[static_cast<std::size_t>(v)];
    r.employer = toUtf8(m_employer->GetValue());
    r.education = m_education->code();
    r.occupation = m_occupation->code();
    r.maritalStatus = m_marital->code();
    r.payment = m_payment->codes();
    r.paymentOther = toUtf8(m_paymentOther->GetValue());
    r.bloodType = m_bloodType->code();
    r.rhNegative = m_rh->code();
    r.drugAllergy = m_drugAllergy->codes();
    r.drugAllergyOther = toUtf8(m_drugAllergyOther->GetValue());
    r.exposure = m_exposure->codes();
    r.pastDiseases = m_diseases->diseases(errors);
    r.surgeries = m_surgeries->events();
    r.injuries = m_injuries->events();
    r.transfusions = m_transfusions->events();
    r.familyHistory = m_family->history();
    r.hereditaryDisease = toUtf8(m_hereditary->GetValue());
    r.disability = m_disability->codes();
    r.disabilityOther = toUtf8(m_disabilityOther->GetValue());
    r.kitchenVentilation = m_kitchen->code();
    r.fuel = m_fuel->code();
    r.water = m_water->code();
    r.toilet = m_toilet->code();
    r.animalPen = m_animalPen->code();
    return r;
}

void ResidentDialog::showErrors(const std::vector<FieldError>& errors) {
    const auto first = m_errors.show(errors);
    for (std::size_t i = 0; i < m_book->GetPageCount(); ++i) m_book->GetPage(i)->Layout();
    Layout();
    if (first) {
        m_book->SetSelection(static_cast<std::size_t>(first->page));
        first->control->SetFocus();
    }
}

void ResidentDialog::prefillFromIdNumber() {
    // Only fills what is still empty: a typed value is the doctor's decision.
    try {
        const auto id = rules::parseIdNumber(toUtf8(m_idNumber->GetValue()), today());
        if (m_sex->code().empty()) m_sex->setCode(id.male ? "1" : "2");
        if (m_birth->IsEmpty()) m_birth->ChangeValue(toWx(formatDate(id.birthDate)));
    } catch (const ValidationError&) {
        // Incomplete while typing; the full check runs on save.
    }
}

void ResidentDialog::chooseHousehold() {
    ResidentPicker picker(this, m_workstation, _("Join the household of…"));
    if (picker.ShowModal() != wxID_OK) return;
    const auto household = m_workstation.registry().householdOf(picker.selectedId());
    if (!household) {
        wxMessageBox(_("This resident does not belong to a household."), _("Household"),
                     wxOK | wxICON_INFORMATION, this);
        return;
    }
    m_householdId = household->id;
    m_householdText->SetLabel(toWx(household->address));
    const auto v = std::find(m_villageCodes.begin(), m_villageCodes.end(), household->villageCode);
    if (v != m_villageCodes.end()) m_village->SetSelection(static_cast<int>(v - m_villageCodes.begin()));
    m_joinHousehold->SetValue(true);
    updateHouseholdControls();
    Layout();
}

void ResidentDialog::updateHouseholdControls() {
    if (!m_isNew) return;
    m_address->Enable(m_newHousehold->GetValue());
    m_relation->Enable(m_joinHousehold->GetValue());
}

}  // namespace jiayi::gui
