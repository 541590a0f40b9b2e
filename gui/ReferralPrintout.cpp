#include "gui/ReferralPrintout.h"

#include <wx/dc.h>
#include <wx/settings.h>

#include "gui/ChronicText.h"
#include "gui/FormWidgets.h"
#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
constexpr wxCoord mm(double v) { return static_cast<wxCoord>(v * 10); }
constexpr double kMarginMm = 18;
constexpr double kLineMm = 6.2;
constexpr double kLabelMm = 44;  // label column: 主要现病史（转出原因） fits
}  // namespace

ReferralPrintout::ReferralPrintout(model::Referral referral, model::Resident resident, wxString address)
    : wxPrintout(_("Two-way referral (up-referral) slip")),
      m_referral(std::move(referral)),
      m_resident(std::move(resident)),
      m_address(std::move(address)) {}

void ReferralPrintout::GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) {
    *minPage = *maxPage = *selFrom = *selTo = 1;
}

wxCoord ReferralPrintout::drawWrapped(wxDC& dc, const wxString& text, wxCoord x, wxCoord y, wxCoord width,
                                      wxCoord line) {
    for (const auto& l : wrapLines(dc, text, width)) {
        dc.DrawText(l, x, y);
        y += line;
    }
    return y;
}

bool ReferralPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || page != 1) return false;
    const int wMm = scaleToTenthsOfMm(*this, *dc).x;
    dc->SetTextForeground(*wxBLACK);
    auto font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    font.SetPixelSize(wxSize(0, mm(3.8)));
    const wxCoord left = mm(kMarginMm), right = mm(wMm - kMarginMm), line = mm(kLineMm);
    const wxCoord valueX = left + mm(kLabelMm), valueWidth = right - valueX;

    dc->SetFont(font.Bold().Scaled(1.5f));
    const auto title = _("Two-way referral (up-referral) slip");
    dc->DrawText(title, (left + right - dc->GetTextExtent(title).x) / 2, mm(kMarginMm));
    wxCoord y = mm(kMarginMm + 14);
    const auto& r = m_referral;
    auto field = [&](const wxString& label, const wxString& value) {
        dc->SetFont(font.Bold());
        dc->DrawText(label, left, y);
        dc->SetFont(font);
        y = drawWrapped(*dc, value.empty() ? wxString::FromUTF8("—") : value, valueX, y, valueWidth, line);
    };
    auto section = [&](const wxString& heading) {
        y += mm(2);
        dc->SetPen(wxPen(*wxBLACK, mm(0.2)));
        dc->DrawLine(left, y, right, y);
        y += mm(1.5);
        dc->SetFont(font.Bold().Scaled(1.1f));
        dc->DrawText(heading, left, y);
        y += line + mm(1);
    };
    section(_("Patient"));
    const wxString dot = wxString::FromUTF8(" · ");  // not in a narrow format string: the C locale cannot read it
    field(_("Name"), toWx(m_resident.name) + dot + codeText("sex", m_resident.sex) + dot +
                         wxString::Format(_("%s years"), ageText(m_resident.birthDate)));
    field(_("Archive number"), toWx(m_resident.archiveNo));
    field(_("Address"), m_address);
    field(_("Phone"), toWx(m_resident.phone));
    section(_("Referred to"));
    field(_("Institution"), toWx(r.toInstitution));
    field(_("Department"), toWx(r.toDepartment + (r.toDoctor.empty() ? "" : " · " + r.toDoctor)));
    field(_("Urgency"), codeText("urgency", r.urgency));
    field(_("Referred on"), dateText(r.referredOn));
    field(_("Payment category"), toWx(r.payment));
    section(_("Slip"));
    field(_("Initial impression"), toWx(r.impression));
    field(_("Main current illness (reason)"), toWx(r.reason));
    field(_("Main past history"), toWx(r.pastHistory));
    field(_("Treatment so far"), toWx(r.treatment));
    field(_("Purpose of referral"), toWx(r.purpose));
    field(_("Consent"), r.consent ? _("The patient agrees to the referral") : _("Not recorded"));
    section(_("Referred by"));
    field(_("Institution"), toWx(r.fromInstitution));
    field(_("Doctor"), toWx(r.fromDoctor));
    field(_("Contact phone"), toWx(r.fromPhone));
    y += line * 2;
    dc->SetFont(font);
    dc->DrawText(_("Referring doctor (signature): ____________    Patient or family (signature): ____________"), left,
                 y);
    y += line * 2;
    dc->DrawText(_("Date: ____________"), left, y);
    return true;
}

}  // namespace jiayi::gui
