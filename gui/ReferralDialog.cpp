#include "gui/ReferralDialog.h"

#include <wx/msgdlg.h>
#include <wx/print.h>

#include <wx/display.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "gui/ChronicText.h"
#include "gui/ReferralPrintout.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
wxTextCtrl* box(wxWindow* parent, int width, bool multiline = false) {
    return new wxTextCtrl(parent, wxID_ANY, {}, wxDefaultPosition,
                          wxSize(parent->FromDIP(width), multiline ? parent->FromDIP(58) : -1),
                          multiline ? wxTE_MULTILINE : 0);
}
}  // namespace

ReferralDialog::ReferralDialog(wxWindow* parent, services::Workstation& workstation, model::Resident resident,
                               model::Referral referral)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Up-referral slip — %s"), toWx(resident.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_resident(std::move(resident)),
      m_referral(std::move(referral)),
      m_editable(m_referral.state == "draft") {
    applyReadableFont(this);
    SetName("referralDialog");
    // The slip scrolls inside the dialog: on a 768-pixel screen every row stays reachable
    // (the purpose and consent rows were cut off), the buttons stay in view.
    auto* outer = new wxBoxSizer(wxVERTICAL);
    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL);
    m_body->SetScrollRate(0, FromDIP(20));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(m_body, wxID_ANY, _("Two-way referral (up-referral) slip"));
    title->SetFont(title->GetFont().Bold().Larger());
    sizer->Add(title, 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, FromDIP(10));
    sizer->Add(buildStub(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    FormSection to(m_body, _("Referred to"), m_errors, 0, 3);
    m_toInstitution = box(to.box(), 200);
    m_toDepartment = box(to.box(), 120);
    m_toDoctor = box(to.box(), 100);
    to.add(_("Institution"), m_toInstitution, "to_institution");
    to.add(_("Department"), m_toDepartment, "to_department");
    to.add(_("Doctor"), m_toDoctor, "to_doctor");
    m_urgency = new CodeChoice(to.box(), "urgency", false);
    m_referredOn = makeDateCtrl(to.box());
    m_payment = box(to.box(), 100);
    to.add(_("Urgency"), m_urgency, "urgency");
    to.add(_("Referred on"), m_referredOn, "referred_on");
    to.add(_("Payment category"), m_payment, "payment");
    sizer->Add(to.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    FormSection body(m_body, _("Slip"), m_errors, 0, 2);
    m_impression = box(body.box(), 300, true);
    m_reason = box(body.box(), 300, true);
    m_pastHistory = box(body.box(), 300, true);
    m_treatment = box(body.box(), 300, true);
    m_purpose = box(body.box(), 300);
    m_consent = new wxCheckBox(body.box(), wxID_ANY, _("The patient agrees to the referral"));
    body.add(_("Initial impression"), m_impression, "impression");
    body.add(_("Main current illness (reason)"), m_reason, "reason");
    body.add(_("Main past history"), m_pastHistory, "past_history");
    body.add(_("Treatment so far"), m_treatment, "treatment");
    body.add(_("Purpose of referral"), m_purpose, "purpose");
    body.add(_("Consent"), m_consent, "consent");
    sizer->Add(body.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    FormSection from(m_body, _("Referred by"), m_errors, 0, 3);
    m_fromInstitution = box(from.box(), 200);
    m_fromDoctor = box(from.box(), 100);
    m_fromPhone = box(from.box(), 130);
    from.add(_("Institution"), m_fromInstitution, "from_institution");
    from.add(_("Doctor"), m_fromDoctor, "from_doctor");
    from.add(_("Contact phone"), m_fromPhone, "from_phone");
    sizer->Add(from.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP | wxBOTTOM, FromDIP(10));
    m_body->SetSizer(sizer);
    outer->Add(m_body, 1, wxEXPAND);

    sizer = outer;
    addErrorLine(this, sizer, m_errors);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    buttons->AddStretchSpacer();
    if (m_editable) {
        m_send = new wxButton(this, wxID_ANY, _("S&end the referral"));
        auto* draft = new wxButton(this, wxID_ANY, _("Save as &draft"));
        buttons->Add(m_send, 0, wxRIGHT, FromDIP(8));
        buttons->Add(draft, 0, wxRIGHT, FromDIP(8));
        m_send->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(true); });
        draft->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(false); });
    }
    auto* print = new wxButton(this, wxID_PRINT, _("&Print…"));
    print->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { printPreview(); });
    buttons->Add(print, 0, wxRIGHT, FromDIP(8));
    buttons->Add(new wxButton(this, wxID_CANCEL, m_editable ? _("Cancel") : _("Close")), 0);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    load();
    m_errors.clear();
    if (!m_editable) {
        std::vector<wxWindow*> stack{m_body};
        while (!stack.empty()) {
            auto* w = stack.back();
            stack.pop_back();
            if (auto* t = dynamic_cast<wxTextCtrl*>(w)) t->SetEditable(false);
            for (auto* c : w->GetChildren()) stack.push_back(c);
        }
    }
    fitToScreen();
    CentreOnParent();
    // Text boxes know their real height only once on screen: fit again then, so the slip
    // opens as tall as it needs (as far as the screen allows) rather than scrolled.
    Bind(wxEVT_SHOW, [this](wxShowEvent& e) {
        e.Skip();
        if (e.IsShown()) CallAfter([this] {
            fitToScreen();
            CentreOnParent();
        });
    });
    m_toInstitution->SetFocus();
    keepFocusInView(m_body);
    m_guard.watch(this);
}

void ReferralDialog::fitToScreen() {
    // Tall enough for every field and the error lines shown, as far as the screen allows.
    const wxRect screen = wxDisplay(wxDisplay::GetFromWindow(GetParent())).GetClientArea();
    m_body->FitInside();
    const wxSize inside = m_body->GetSizer()->CalcMin();
    const wxSize chrome = GetSize() - GetClientSize();
    const int buttons = FromDIP(70);  // the error line and the button row under the slip
    const int width = std::max(inside.x + FromDIP(24), FromDIP(980)) + chrome.x;
    const int height = inside.y + buttons + chrome.y;
    SetSize(std::min(width, screen.width - 16), std::min(height, screen.height - 16));
    Layout();
}

ReferralPrintout* ReferralDialog::printout() {
    // What the form shows now, typed or stored.
    auto shown = m_referral;
    if (m_editable) {
        std::vector<FieldError> ignored;
        shown = collect(ignored);
    }
    return new ReferralPrintout(shown, m_resident, householdAddress());
}

void ReferralDialog::printPreview() {
    showPrintPreview(this, printout(), printout(), _("Print the referral slip"));
}

wxString ReferralDialog::householdAddress() {
    try {
        if (auto h = m_workstation.registry().householdOf(m_resident.id)) return toWx(h->address);
    } catch (const std::exception&) {
    }
    return {};
}

wxSizer* ReferralDialog::buildStub() {
    auto* stub = new wxStaticBoxSizer(wxVERTICAL, m_body, _("Stub (kept by the sender)"));
    const auto address = householdAddress();
    auto* text = new wxStaticText(
        stub->GetStaticBox(), wxID_ANY,
        wxString::Format(_("%s · %s · %s years · archive number %s\nAddress: %s · Phone: %s"), toWx(m_resident.name),
                         codeText("sex", m_resident.sex), ageText(m_resident.birthDate), toWx(m_resident.archiveNo),
                         address, toWx(m_resident.phone)));
    stub->Add(text, 0, wxALL, FromDIP(6));
    if (m_referral.state != "draft") {
        auto* state = new wxStaticText(stub->GetStaticBox(), wxID_ANY,
                                       wxString::Format(_("State: %s"), referralStateText(m_referral.state)));
        state->SetFont(state->GetFont().Bold());
        stub->Add(state, 0, wxLEFT | wxBOTTOM, FromDIP(6));
    }
    return stub;
}

void ReferralDialog::load() {
    const auto& r = m_referral;
    m_toInstitution->ChangeValue(toWx(r.toInstitution));
    m_toDepartment->ChangeValue(toWx(r.toDepartment));
    m_toDoctor->ChangeValue(toWx(r.toDoctor));
    m_urgency->setCode(r.urgency);
    m_referredOn->ChangeValue(r.referredOn ? dateText(r.referredOn) : toWx(formatDate(today())));
    m_payment->ChangeValue(toWx(r.payment));
    m_impression->ChangeValue(toWx(r.impression));
    m_reason->ChangeValue(toWx(r.reason));
    m_pastHistory->ChangeValue(toWx(r.pastHistory));
    m_treatment->ChangeValue(toWx(r.treatment));
    m_purpose->ChangeValue(toWx(r.purpose));
    m_consent->SetValue(r.consent);
    m_consent->Enable(m_editable);
    m_urgency->Enable(m_editable);
    m_fromInstitution->ChangeValue(toWx(r.fromInstitution));
    m_fromDoctor->ChangeValue(toWx(r.fromDoctor));
    m_fromPhone->ChangeValue(toWx(r.fromPhone));
}

model::Referral ReferralDialog::collect(std::vector<FieldError>& errors) const {
    model::Referral r = m_referral;
    r.toInstitution = toUtf8(m_toInstitution->GetValue());
    r.toDepartment = toUtf8(m_toDepartment->GetValue());
    r.toDoctor = toUtf8(m_toDoctor->GetValue());
    r.urgency = m_urgency->code();
    r.referredOn = readDate(m_referredOn, "referred_on", errors);
    r.payment = toUtf8(m_payment->GetValue());
    r.impression = toUtf8(m_impression->GetValue());
    r.reason = toUtf8(m_reason->GetValue());
    r.pastHistory = toUtf8(m_pastHistory->GetValue());
    r.treatment = toUtf8(m_treatment->GetValue());
    r.purpose = toUtf8(m_purpose->GetValue());
    r.consent = m_consent->GetValue();
    r.fromInstitution = toUtf8(m_fromInstitution->GetValue());
    r.fromDoctor = toUtf8(m_fromDoctor->GetValue());
    r.fromPhone = toUtf8(m_fromPhone->GetValue());
    return r;
}

bool ReferralDialog::save(bool send) {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto r = collect(errors);
    const bool stored = storeOrShow(m_errors, std::move(errors), [&] {
        services::Referrals referrals(m_workstation.database(), m_workstation.session());
        if (r.id.empty()) {
            m_referral = referrals.create(std::move(r), send);
        } else {
            m_referral = referrals.editDraft(r);
            if (send) m_referral = referrals.send(m_referral.id);
        }
    });
    if (stored) endOk(this);
    else fitToScreen();
    return stored;
}

}  // namespace jiayi::gui
