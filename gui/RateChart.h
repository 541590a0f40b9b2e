#pragma once
// A bar chart of rates (issue 18, the supervisor's dashboard): one bar per village or per
// month, 0-100 %, the area's rate as a line across, the chosen bar marked. Bars without a
// figure (no denominator) are drawn as a dash. Clicking a bar chooses it.
#include <wx/panel.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxGraphicsContext;

namespace jiayi::gui {

struct RateBar {
    wxString label;
    std::optional<double> rate;  // 0..1
    std::string key;             // the village code or the month
};

class RateChart : public wxPanel {
public:
    RateChart(wxWindow* parent, const wxString& title);
    void setBars(std::vector<RateBar> bars, std::optional<double> overall);
    void choose(const std::string& key);
    void onChosen(std::function<void(const std::string&)> chosen) { m_chosen = std::move(chosen); }
    const std::vector<RateBar>& bars() const { return m_bars; }

private:
    void paint();
    int barAt(int x) const;

    wxString m_title;
    std::vector<RateBar> m_bars;
    std::optional<double> m_overall;
    std::string m_key;
    std::function<void(const std::string&)> m_chosen;
    wxRect m_plot;
};

}  // namespace jiayi::gui
