#pragma once
// The rules of chronic.md applied to the follow-up form as it is typed: for each programme
// the classification, the control target, the next date and why; the BMI; and every
// urgent-referral criterion that holds. It only renders ChronicCare::preview, the signing
// rules run without writing, so what it shows is what the signature records.
#include <wx/panel.h>
#include <wx/sizer.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/services/ChronicCare.h"
#include "core/util/Date.h"

namespace jiayi::gui {

class FollowUpRulesPanel : public wxPanel {
public:
    explicit FollowUpRulesPanel(wxWindow* parent);
    // One preview per programme of the visit (ChronicCare::preview); `birthDate` for the
    // age-dependent target.
    void update(const std::vector<services::FormPreview>& forms, std::optional<Date> birthDate);
    // The urgent criteria that hold, in words (empty: none).
    const std::vector<std::string>& urgent() const { return m_urgent; }
    // Their codes (rules::chronic::UrgentFinding::criterion: "sbp", "glucose_high", …).
    const std::set<std::string>& urgentCriteria() const { return m_criteria; }
    // Everything shown, one line each (tests read it).
    wxString text() const;

private:
    void addLine(const wxString& text, bool bold = false, const wxColour& colour = wxNullColour);
    void describe(const services::FormPreview& form, std::optional<Date> birthDate);

    wxBoxSizer* m_lines;
    std::vector<std::string> m_urgent;
    std::set<std::string> m_criteria;
};

}  // namespace jiayi::gui
