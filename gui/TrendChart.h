#pragma once
// The blood pressure and fasting glucose of the follow-ups over time, with the control
// target shaded (chronic.md, "Control target": BP by age, glucose < 7.0 mmol/L).
#include <wx/panel.h>

#include <optional>
#include <vector>

#include "core/util/Date.h"

class wxGraphicsContext;

namespace jiayi::gui {

struct TrendPoint {
    Date date{};
    std::optional<int> systolic, diastolic;
    std::optional<double> glucose;
    int systolicTarget = 140;  // rules::chronic::bpTarget at the age on that day
    int diastolicTarget = 90;
};

class TrendChart : public wxPanel {
public:
    explicit TrendChart(wxWindow* parent);
    // Points in any order; the glucose plot is drawn when `showGlucose` or any has glucose.
    void setPoints(std::vector<TrendPoint> points, bool showGlucose);
    const std::vector<TrendPoint>& points() const { return m_points; }

private:
    struct Plot;
    void paint();
    void drawPlot(wxGraphicsContext& gc, const Plot& plot, const wxRect& area);

    std::vector<TrendPoint> m_points;
    bool m_glucose = false;
};

}  // namespace jiayi::gui
