#include "gui/ChronicText.h"

#include <wx/intl.h>

#include "core/rules/Chronic.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace chronic = rules::chronic;

wxString programmeText(const std::string& code) {
    const auto p = chronic::programmeFromCode(code);
    return p ? toWx(chronic::programmeName(*p)) : toWx(code);
}

wxString classificationText(const std::string& code) {
    if (const auto c = chronic::classificationFromCode(code)) return toWx(chronic::classificationName(*c));
    if (const auto s = chronic::smiClassFromCode(code)) return toWx(chronic::smiClassName(*s));
    return toWx(code);
}

wxString nextStepText(const std::string& code) {
    if (code == "routine") return _("Routine visit in 3 months");
    if (code == "recheck") return _("See again within 2 weeks");
    if (code == "refer") return _("Advise referral");
    if (code == "urgent_refer") return _("Urgent referral");
    if (code == "keep_schedule") return _("Keep the schedule");
    if (code == "observe_month") return _("Psychiatrist's guidance, 1 month");
    if (code == "first") return _("First follow-up");
    if (code == "report_county") return _("Report to the county TB agency");
    if (code == "closed") return _("Closed");
    return toWx(code);
}

wxString referralStateText(const std::string& state) {
    if (state == "draft") return _("Draft");
    if (state == "sent") return _("Sent");
    if (state == "accepted") return _("Accepted");
    if (state == "refused") return _("Refused");
    if (state == "returned") return _("Returned");
    if (state == "closed") return _("Closed");
    if (state == "cancelled") return _("Cancelled");
    if (state == "expired") return _("Expired");
    return toWx(state);
}

wxString bpText(const std::optional<int>& systolic, const std::optional<int>& diastolic) {
    if (!systolic && !diastolic) return {};
    return wxString::Format("%s/%s", systolic ? wxString::Format("%d", *systolic) : wxString("?"),
                            diastolic ? wxString::Format("%d", *diastolic) : wxString("?"));
}

wxString numberText(const std::optional<double>& value, int decimals) {
    return value ? wxString::Format("%.*f", decimals, *value) : wxString();
}

wxString numberText(const std::optional<int>& value) {
    return value ? wxString::Format("%d", *value) : wxString();
}

std::optional<int> readInt(const wxString& text) {
    long n = 0;
    const auto t = text.Strip(wxString::both);
    if (t.empty() || !t.ToLong(&n)) return std::nullopt;
    return static_cast<int>(n);
}

std::optional<double> readDouble(const wxString& text) {
    double n = 0;
    auto t = text.Strip(wxString::both);
    // A Chinese input method types the decimal point as 。 or ．.
    t.Replace(wxString::FromUTF8("。"), ".");
    t.Replace(wxString::FromUTF8("．"), ".");
    // Not ToDouble: under a comma-decimal locale "7.5" would not read.
    if (t.empty() || !t.ToCDouble(&n)) return std::nullopt;
    return n;
}

}  // namespace jiayi::gui
