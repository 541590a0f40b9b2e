#pragma once
// A child's growth chart (issue 19): the WHO standard's lines at -3, -2, 0, +2 and +3 SD for
// the child's sex, computed by core (rules::growth), and the child's measurements on them.
// One indicator at a time: weight, length/height or head circumference for age.
#include <wx/panel.h>

#include <optional>
#include <string>
#include <vector>

#include "core/rules/Growth.h"

namespace jiayi::gui {

struct GrowthMark {
    double ageMonths = 0;
    double value = 0;
};

class GrowthChart : public wxPanel {
public:
    explicit GrowthChart(wxWindow* parent);
    // The indicator's lines for `sex` up to `months` (at least 24), and the child's points.
    void show(rules::growth::Indicator indicator, const std::string& sex, double months, std::vector<GrowthMark> marks);
    std::size_t marks() const { return m_marks.size(); }

private:
    void paint();

    rules::growth::Indicator m_indicator = rules::growth::Indicator::WeightForAge;
    std::string m_sex;
    double m_months = 24;
    std::vector<GrowthMark> m_marks;
};

}  // namespace jiayi::gui
