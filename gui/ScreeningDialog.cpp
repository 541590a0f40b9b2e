#include "gui/ScreeningDialog.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/sizer.h>

#include "core/services/Screening.h"
#include "gui/ChronicText.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
const wxColour kOutcomeBack(255, 243, 205);
}  // namespace

wxString screeningOutcomeText(const services::ScreeningStatus& status) {
    wxString text = toWx(status.outcome.reason);
    if (!status.highRisk.empty()) {
        wxString reasons;
        for (const auto& r : status.highRisk) reasons += (reasons.empty() ? "" : _("; ")) + toWx(r);
        text += "\n" + wxString::Format(_("High risk: %s"), reasons);
    }
    if (status.managed) text += "\n" + _("Already under hypertension management.");
    return text;
}

ScreeningDialog::ScreeningDialog(wxWindow* parent, services::Screening& screening, const model::Resident& resident)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Blood-pressure screening — %s"), toWx(resident.name))),
      m_screening(screening),
      m_resident(resident) {
    applyReadableFont(this);
    SetName("screeningDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_resident), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    const auto before = m_screening.status(m_resident.id);
    if (!before.readings.empty()) {
        auto* so = new wxStaticText(this, wxID_ANY, {});
        setWrapped(so, wxString::Format(_("Before this reading: %s"), screeningOutcomeText(before)), FromDIP(560));
        so->SetForegroundColour(wxColour(90, 90, 90));
        sizer->Add(so, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
    }

    FormSection s(this, _("Screening reading (血压筛查)"), m_errors, 0, 2);
    auto* box = s.box();
    m_form = box;
    m_date = makeDateCtrl(box);
    m_date->ChangeValue(toWx(formatDate(today())));
    s.add(_("Date"), m_date, "screened_on");
    s.addBloodPressure(m_systolic, m_diastolic);
    m_weight = s.addNumber(_("Weight"), "kg", "weight");
    m_height = s.addNumber(_("Height"), "cm", "height");
    m_waist = s.addNumber(_("Waist"), "cm", "waist");
    m_liquor = s.addNumber(_("Liquor a day"), _("ml (baijiu)"), "daily_liquor_ml");
    m_highSalt = new wxCheckBox(box, wxID_ANY, _("High-salt diet"));
    s.add(_("Diet"), m_highSalt, "high_salt", 2);
    sizer->Add(s.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    // The height of the last reading: BMI needs it and it rarely changes.
    for (const auto& r : before.readings)
        if (r.height) m_height->ChangeValue(numberText(r.height));

    m_outcomePanel = new wxPanel(this);
    m_outcomePanel->SetName("screeningOutcome");
    m_outcomePanel->SetBackgroundColour(kOutcomeBack);
    auto* outcome = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(m_outcomePanel, wxID_ANY, _("Saved. What the readings call for:"));
    title->SetFont(title->GetFont().Bold());
    outcome->Add(title, 0, wxALL, FromDIP(8));
    m_outcome = new wxStaticText(m_outcomePanel, wxID_ANY, {});
    outcome->Add(m_outcome, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_outcomePanel->SetSizer(outcome);
    m_outcomePanel->Hide();
    sizer->Add(m_outcomePanel, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));

    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Save"), [this] { save(); }), 0, wxEXPAND | wxALL, FromDIP(12));
    sizer->Add(FromDIP(660), 0);  // room for the outcome's reasons on few lines
    SetSizer(sizer);
    m_errors.clear();
    m_errors.setWrapWidth(240);
    Fit();
    CentreOnParent();
    m_systolic->SetFocus();
    m_guard.watch(this);
}

model::BpScreening ScreeningDialog::collect(std::vector<FieldError>& errors) const {
    model::BpScreening r;
    r.residentId = m_resident.id;
    r.screenedOn = readDate(m_date, "screened_on", errors);
    const auto systolic = readWholeNumber(m_systolic, "systolic", errors);
    const auto diastolic = readWholeNumber(m_diastolic, "diastolic", errors);
    if (m_systolic->IsEmpty() || m_diastolic->IsEmpty())
        errors.push_back({"systolic", toUtf8(_("Blood pressure needs both systolic and diastolic"))});
    r.systolic = systolic.value_or(0);
    r.diastolic = diastolic.value_or(0);
    r.weight = readNumber(m_weight, "weight", errors);
    r.height = readNumber(m_height, "height", errors);
    r.waist = readNumber(m_waist, "waist", errors);
    r.dailyLiquorMl = readNumber(m_liquor, "daily_liquor_ml", errors);
    r.highSalt = m_highSalt->GetValue();
    return r;
}

bool ScreeningDialog::save() {
    if (m_outcomePanel->IsShown()) return true;  // already saved
    m_errors.clear();
    std::vector<FieldError> errors;
    auto r = collect(errors);
    // With the form's own errors core is not asked to store; its checks of the other fields
    // are shown at once, so one round of corrections is enough.
    if (!errors.empty()) {
        const bool bpMissing = std::any_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "systolic"; });
        for (auto& e : m_screening.check(r, m_resident.birthDate)) {
            const bool flagged = std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) { return x.field == e.field; });
            if (!flagged && !(bpMissing && e.field == "diastolic")) errors.push_back(std::move(e));
        }
    }
    if (!storeOrShow(m_errors, std::move(errors), [&] { m_reading = m_screening.record(std::move(r)); })) {
        Fit();
        Layout();
        return false;
    }
    m_guard.take();  // stored: closing now loses nothing
    showOutcome();
    return true;
}

void ScreeningDialog::showOutcome() {
    wxString text;
    try {
        text = screeningOutcomeText(m_screening.status(m_resident.id));
    } catch (const std::exception& e) {
        text = toWx(e.what());
    }
    setWrapped(m_outcome, text, FromDIP(640));
    m_form->Disable();
    FindWindow(wxID_OK)->Disable();
    // The reading is stored: nothing is cancelled any more.
    if (auto* close = dynamic_cast<wxButton*>(FindWindow(wxID_CANCEL))) {
        close->SetLabel(_("Close"));
        close->SetDefault();
        close->SetFocus();
    }
    m_outcomePanel->Show();
    Fit();
    Layout();
}

}  // namespace jiayi::gui
