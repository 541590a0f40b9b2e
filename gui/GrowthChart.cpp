#include "gui/GrowthChart.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "gui/WxText.h"

namespace jiayi::gui {

namespace growth = rules::growth;

GrowthChart::GrowthChart(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(360, 260)));
    SetName("growthChart");
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void GrowthChart::show(growth::Indicator indicator, const std::string& sex, double months, std::vector<GrowthMark> marks) {
    m_indicator = indicator;
    m_sex = sex;
    m_months = std::clamp(std::ceil(std::max(months, 24.0) / 6) * 6, 24.0, 60.0);
    m_marks = std::move(marks);
    Refresh();
}

void GrowthChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    const wxSize size = GetClientSize();
    gc->SetFont(GetFont(), wxColour(60, 60, 60));
    const wxString unit = m_indicator == growth::Indicator::WeightForAge ? "kg" : "cm";
    gc->DrawText(toWx(growth::name(m_indicator)) + " (" + unit + ")", FromDIP(6), FromDIP(2));
    double tw = 0, th = 0;
    gc->GetTextExtent("100.0", &tw, &th);
    const int left = FromDIP(8) + static_cast<int>(tw);
    const int top = FromDIP(8) + static_cast<int>(th);
    const int bottom = size.y - static_cast<int>(th) - FromDIP(10);
    const wxRect plot(left, top, std::max(1, size.x - left - FromDIP(36)), std::max(1, bottom - top));
    // The standard's lines: sampled each half month.
    std::vector<std::pair<double, std::vector<double>>> lines;  // month → values at -3, -2, 0, 2, 3
    double lo = 1e9, hi = -1e9;
    for (double m = 0; m <= m_months + 1e-9; m += 0.5) {
        const auto lms = growth::byAge(m_indicator, m_sex, m);
        if (!lms) continue;
        std::vector<double> v;
        for (const double z : {-3.0, -2.0, 0.0, 2.0, 3.0}) v.push_back(growth::valueAt(*lms, z));
        lo = std::min(lo, v.front());
        hi = std::max(hi, v.back());
        lines.emplace_back(m, std::move(v));
    }
    for (const auto& p : m_marks) {
        lo = std::min(lo, p.value);
        hi = std::max(hi, p.value);
    }
    if (lines.empty() || hi <= lo) {
        gc->DrawText(_("No growth standard for this child"), plot.x + FromDIP(8), plot.y + FromDIP(8));
        return;
    }
    const double pad = (hi - lo) * 0.04;
    lo = std::floor(lo - pad);
    hi = std::ceil(hi + pad);
    auto X = [&](double month) { return plot.x + plot.width * month / m_months; };
    auto Y = [&](double value) { return plot.GetBottom() - plot.height * (value - lo) / (hi - lo); };
    // Grid: every 6 months, and five value steps.
    gc->SetPen(wxPen(wxColour(232, 232, 232)));
    for (double m = 0; m <= m_months + 1e-9; m += 6) {
        gc->StrokeLine(X(m), plot.y, X(m), plot.GetBottom());
        const wxString text = wxString::Format("%d", static_cast<int>(m));
        double w = 0, h = 0;
        gc->GetTextExtent(text, &w, &h);
        gc->DrawText(text, X(m) - w / 2, plot.GetBottom() + FromDIP(3));
    }
    const double step = std::max(1.0, std::round((hi - lo) / 5));
    for (double v = lo; v <= hi + 1e-9; v += step) {
        gc->StrokeLine(plot.x, Y(v), plot.GetRight(), Y(v));
        const wxString text = wxString::Format("%g", v);
        double w = 0, h = 0;
        gc->GetTextExtent(text, &w, &h);
        gc->DrawText(text, plot.x - w - FromDIP(4), Y(v) - h / 2);
    }
    const wxString months = _("months");
    double mw = 0, mh = 0;
    gc->GetTextExtent(months, &mw, &mh);
    gc->DrawText(months, plot.GetRight() - mw, plot.GetBottom() - mh - FromDIP(2));
    // The SD lines: 0 green, ±2 orange, ±3 red; labelled at the right.
    const wxColour colours[] = {wxColour(200, 60, 60), wxColour(230, 150, 40), wxColour(40, 150, 70),
                                wxColour(230, 150, 40), wxColour(200, 60, 60)};
    const char* names[] = {"-3", "-2", "0", "+2", "+3"};
    for (std::size_t k = 0; k < 5; ++k) {
        wxGraphicsPath path = gc->CreatePath();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const double x = X(lines[i].first), y = Y(lines[i].second[k]);
            if (i == 0) path.MoveToPoint(x, y);
            else path.AddLineToPoint(x, y);
        }
        gc->SetPen(wxPen(colours[k], FromDIP(k == 2 ? 2 : 1)));
        gc->StrokePath(path);
        gc->SetFont(GetFont(), colours[k]);
        gc->DrawText(names[k], X(lines.back().first) + FromDIP(3), Y(lines.back().second[k]) - th / 2);
    }
    // The child's measurements, joined.
    if (!m_marks.empty()) {
        gc->SetPen(wxPen(wxColour(30, 70, 160), FromDIP(2)));
        wxGraphicsPath path = gc->CreatePath();
        for (std::size_t i = 0; i < m_marks.size(); ++i) {
            const double x = X(std::min(m_marks[i].ageMonths, m_months)), y = Y(m_marks[i].value);
            if (i == 0) path.MoveToPoint(x, y);
            else path.AddLineToPoint(x, y);
        }
        gc->StrokePath(path);
        gc->SetBrush(wxBrush(wxColour(30, 70, 160)));
        const double r = FromDIP(4);
        for (const auto& p : m_marks) gc->DrawEllipse(X(std::min(p.ageMonths, m_months)) - r, Y(p.value) - r, 2 * r, 2 * r);
    }
}

}  // namespace jiayi::gui
