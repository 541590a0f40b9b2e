#pragma once
// Words for the chronic-care codes the windows show (programmes, classifications, steps,
// referral states), all through the rules' own names or the code lists' translations.
#include <wx/string.h>

#include <optional>
#include <string>

#include "core/util/Date.h"

namespace jiayi::gui {

wxString programmeText(const std::string& code);    // "htn" → 高血压
wxString classificationText(const std::string& code);  // htn/t2d or SMI class
wxString nextStepText(const std::string& code);
wxString referralStateText(const std::string& state);
// "182/112" or "" when not measured.
wxString bpText(const std::optional<int>& systolic, const std::optional<int>& diastolic);
wxString numberText(const std::optional<double>& value, int decimals = 1);
wxString numberText(const std::optional<int>& value);
// Whole number in a text box; nullopt when empty or not a number.
std::optional<int> readInt(const wxString& text);
std::optional<double> readDouble(const wxString& text);

}  // namespace jiayi::gui
