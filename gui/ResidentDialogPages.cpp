// The pages of ResidentDialog, laid out in the order of the paper form.
#include <wx/scrolwin.h>
#include <wx/sizer.h>

#include "core/services/Workstation.h"
#include "gui/ResidentDialog.h"
#include "gui/WxText.h"

namespace jiayi::gui {

wxWindow* ResidentDialog::newPage(const wxString& title) {
    // Scrolled, so a long page stays usable on a small village-clinic screen.
    auto* page = new wxScrolledWindow(m_book, wxID_ANY);
    page->SetScrollRate(0, FromDIP(12));
    page->SetSizer(new wxBoxSizer(wxVERTICAL));
    m_book->AddPage(page, title);
    return page;
}

namespace {
wxTextCtrl* text(wxWindow* parent, long style = 0) {
    return new wxTextCtrl(parent, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, style);
}
void addSection(wxWindow* page, FormSection& section) {
    page->GetSizer()->Add(section.sizer(), 0, wxEXPAND | wxALL, page->FromDIP(8));
}
}  // namespace

void ResidentDialog::buildBasicPage() {
    auto* page = newPage(_("Basic information"));
    FormSection who(page, _("Identity"), m_errors, Basic);
    auto* box = who.box();
    m_name = text(box);
    m_name->SetMaxLength(30);
    m_sex = new CodeChoice(box, "sex");
    m_birth = makeDateCtrl(box);
    m_idNumber = text(box);
    m_idNumber->SetHint(_("18 digits; empty for a newborn"));
    m_idNumber->SetMaxLength(18);
    m_ethnicity = new CodeChoice(box, "ethnicity");
    m_residenceType = new CodeChoice(box, "residence_type");
    who.add(_("Name"), m_name, "name");
    who.add(_("Sex"), m_sex, "sex");
    who.add(_("ID number"), m_idNumber, "id_number");
    who.add(_("Birth date"), m_birth, "birth_date");
    who.add(_("Ethnicity"), m_ethnicity, "ethnicity");
    who.add(_("Residence type"), m_residenceType, "residence_type");
    addSection(page, who);

    FormSection contact(page, _("Contact"), m_errors, Basic);
    m_phone = text(contact.box());
    m_contactName = text(contact.box());
    m_contactPhone = text(contact.box());
    contact.add(_("Own phone"), m_phone, "phone");
    contact.add(_("Contact person"), m_contactName, "contact_name");
    contact.add(_("Contact's phone"), m_contactPhone, "contact_phone");
    addSection(page, contact);
    buildHouseholdSection(page, page->GetSizer());
    m_idNumber->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { prefillFromIdNumber(); });
}

void ResidentDialog::buildHouseholdSection(wxWindow* page, wxSizer* sizer) {
    FormSection home(page, _("Village and household"), m_errors, Basic);
    auto* box = home.box();
    m_village = new wxChoice(box, wxID_ANY);
    for (const auto& v : m_workstation.villages()) {
        m_village->Append(toWx(v.name));
        m_villageCodes.push_back(v.code);
    }
    home.add(_("Village"), m_village, "village_code");
    m_householdText = new wxStaticText(box, wxID_ANY, {});
    if (m_isNew) {
        m_newHousehold = new wxRadioButton(box, wxID_ANY, _("New household at"),
                                           wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
        m_address = text(box);
        m_address->SetHint(_("Address, e.g. group 1, no. 12"));
        auto* newRow = new wxBoxSizer(wxHORIZONTAL);
        newRow->Add(m_newHousehold, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
        newRow->Add(m_address, 1);
        home.add(_("Household"), newRow, m_address, "address");

        m_joinHousehold = new wxRadioButton(box, wxID_ANY, _("Join the household of"));
        m_chooseHousehold = new wxButton(box, wxID_ANY, _("Choose a resident…"));
        m_relation = new CodeChoice(box, "relation", false);
        m_relation->setCode("7");
        auto* joinRow = new wxBoxSizer(wxHORIZONTAL);
        joinRow->Add(m_joinHousehold, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
        joinRow->Add(m_chooseHousehold, 0, wxRIGHT, FromDIP(8));
        joinRow->Add(m_householdText, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
        joinRow->Add(new wxStaticText(box, wxID_ANY, _("relation to head")), 0,
                     wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
        joinRow->Add(m_relation, 0);
        home.add(wxString(), joinRow, m_chooseHousehold, "household", 2);
        // Relation errors share the household line: they are about the same choice.
        m_errors.registerField("relation", {m_errors.label("household"), m_relation, Basic});
        m_newHousehold->SetValue(true);
        m_newHousehold->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { updateHouseholdControls(); });
        m_joinHousehold->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { updateHouseholdControls(); });
        m_chooseHousehold->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { chooseHousehold(); });
    } else {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(m_householdText, 1, wxALIGN_CENTER_VERTICAL);
        home.add(_("Household"), row, m_householdText, "household");
    }
    sizer->Add(home.sizer(), 0, wxEXPAND | wxALL, page->FromDIP(8));
}

void ResidentDialog::buildSocialPage() {
    auto* page = newPage(_("Social information"));
    FormSection work(page, _("Work and education"), m_errors, Social);
    m_employer = text(work.box());
    m_education = new CodeChoice(work.box(), "education");
    m_occupation = new CodeChoice(work.box(), "occupation");
    m_marital = new CodeChoice(work.box(), "marital_status");
    work.add(_("Employer"), m_employer, "employer", 2);
    work.add(_("Education"), m_education, "education");
    work.add(_("Marital status"), m_marital, "marital_status");
    work.add(_("Occupation"), m_occupation, "occupation", 2);
    addSection(page, work);

    FormSection pay(page, _("Medical payment"), m_errors, Social, 1);
    m_payment = new CodeChecks(pay.box(), "payment", 2);
    m_paymentOther = text(pay.box());
    pay.add(_("Paid by"), m_payment, "payment");
    pay.add(_("Other payment"), m_paymentOther, "payment_other");
    addSection(page, pay);

    FormSection blood(page, _("Blood"), m_errors, Social);
    m_bloodType = new CodeChoice(blood.box(), "blood_type");
    m_rh = new CodeChoice(blood.box(), "rh_negative");
    blood.add(_("Blood type"), m_bloodType, "blood_type");
    blood.add(_("Rh negative"), m_rh, "rh_negative");
    addSection(page, blood);
}

void ResidentDialog::buildHistoryPage() {
    auto* page = newPage(_("Medical history"));
    FormSection allergy(page, _("Allergy and exposure"), m_errors, History, 1);
    m_drugAllergy = new CodeChecks(allergy.box(), "drug_allergy");
    m_drugAllergyOther = text(allergy.box());
    m_drugAllergyOther->SetHint(_("Other drugs"));
    m_exposure = new CodeChecks(allergy.box(), "exposure");
    allergy.add(_("Drug allergy"), m_drugAllergy, "drug_allergy");
    allergy.add(_("Other allergy"), m_drugAllergyOther, "drug_allergy_other");
    allergy.add(_("Exposure"), m_exposure, "exposure");
    addSection(page, allergy);

    FormSection diseases(page, _("Diseases (tick and give the date of diagnosis)"), m_errors,
                         History, 1);
    m_diseases = new DiseaseHistoryPanel(diseases.box());
    diseases.add(_("Diseases"), m_diseases, "past_diseases");
    addSection(page, diseases);

    FormSection events(page, _("Surgery, injury, transfusion"), m_errors, History, 1);
    m_surgeries = new EventListEditor(events.box(), "surgeries");
    m_injuries = new EventListEditor(events.box(), "injuries");
    m_transfusions = new EventListEditor(events.box(), "transfusions");
    events.add(_("Surgery"), m_surgeries, "surgeries");
    events.add(_("Injury"), m_injuries, "injuries");
    events.add(_("Transfusion"), m_transfusions, "transfusions");
    addSection(page, events);
}

void ResidentDialog::buildFamilyPage() {
    auto* page = newPage(_("Family history and disability"));
    FormSection family(page, _("Family history"), m_errors, Family, 1);
    m_family = new FamilyHistoryGrid(family.box());
    family.add(wxString(), m_family, "family_history");
    addSection(page, family);

    FormSection other(page, _("Hereditary disease and disability"), m_errors, Family, 1);
    m_hereditary = text(other.box());
    m_hereditary->SetHint(_("Empty = none"));
    m_disability = new CodeChecks(other.box(), "disability");
    m_disabilityOther = text(other.box());
    other.add(_("Hereditary disease"), m_hereditary, "hereditary_disease");
    other.add(_("Disability"), m_disability, "disability");
    other.add(_("Other disability"), m_disabilityOther, "disability_other");
    addSection(page, other);
}

void ResidentDialog::buildLivingPage() {
    auto* page = newPage(_("Living environment"));
    FormSection home(page, _("Living environment"), m_errors, Living, 1);
    m_kitchen = new CodeChoice(home.box(), "kitchen_ventilation");
    m_fuel = new CodeChoice(home.box(), "fuel");
    m_water = new CodeChoice(home.box(), "water");
    m_toilet = new CodeChoice(home.box(), "toilet");
    m_animalPen = new CodeChoice(home.box(), "animal_pen");
    home.add(_("Kitchen ventilation"), m_kitchen, "kitchen_ventilation");
    home.add(_("Fuel"), m_fuel, "fuel");
    home.add(_("Drinking water"), m_water, "water");
    home.add(_("Toilet"), m_toilet, "toilet");
    home.add(_("Animal pen"), m_animalPen, "animal_pen");
    addSection(page, home);
}

void ResidentDialog::buildStatusPage() {
    auto* page = newPage(_("Record status"));
    FormSection status(page, _("Record"), m_errors, Status);
    auto readOnly = [&] { return text(status.box(), wxTE_READONLY); };
    m_archiveNo = readOnly();
    m_status = readOnly();
    m_statusDate = readOnly();
    m_statusReason = readOnly();
    m_created = readOnly();
    m_updated = readOnly();
    status.add(_("Archive number"), m_archiveNo);
    status.add(_("Status"), m_status, "status");
    status.add(_("Status date"), m_statusDate, "status_date");
    status.add(_("Reason or destination"), m_statusReason, "status_reason");
    status.add(_("Created on"), m_created);
    status.add(_("Last changed on"), m_updated);
    addSection(page, status);
    auto* note = new wxStaticText(page, wxID_ANY,
                                  _("A record is never deleted. To record a move, a death or a "
                                    "lost contact, use \"Close record\" in the main window."));
    note->Wrap(FromDIP(760));
    page->GetSizer()->Add(note, 0, wxALL, FromDIP(12));
}

}  // namespace jiayi::gui
