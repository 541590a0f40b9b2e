#pragma once
// The rules of chronic.md applied to the follow-up form as it is typed: for each programme
// the classification, the control target, the next date and why; the BMI; and every
// urgent-referral criterion that holds. Shows what signing will record, computes nothing
// that is stored (ChronicCare applies the same rules when the visit is signed).
#include <wx/panel.h>
#include <wx/sizer.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/util/Date.h"

namespace jiayi::gui {

class FollowUpRulesPanel : public wxPanel {
public:
    explicit FollowUpRulesPanel(wxWindow* parent);
    // `forms`: one per programme as collected from the form; `history`: every version of the
    // resident's follow-ups (the previous visits); `excludeId`: the record being corrected.
    void update(const std::vector<model::FollowUp>& forms, std::optional<Date> birthDate,
                const std::vector<model::FollowUp>& history, const std::string& excludeId);
    // The urgent criteria that hold, in words (empty: none).
    const std::vector<std::string>& urgent() const { return m_urgent; }
    // Their codes (rules::chronic::UrgentFinding::criterion: "sbp", "glucose_high", …).
    const std::set<std::string>& urgentCriteria() const { return m_criteria; }
    // Everything shown, one line each (tests read it).
    wxString text() const;

private:
    void addLine(const wxString& text, bool bold = false, const wxColour& colour = wxNullColour);
    void describe(const model::FollowUp& form, std::optional<Date> birthDate,
                  const std::vector<model::FollowUp>& history, const std::string& excludeId);

    wxBoxSizer* m_lines;
    std::vector<std::string> m_urgent;
    std::set<std::string> m_criteria;
};

}  // namespace jiayi::gui
