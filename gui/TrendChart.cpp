#include "gui/TrendChart.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "core/rules/Chronic.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
const wxColour kSystolic(200, 40, 40);
const wxColour kDiastolic(30, 90, 200);
const wxColour kGlucose(150, 60, 170);
const wxColour kBand(215, 240, 215);
const wxColour kGrid(225, 225, 225);
const wxColour kAxisText(90, 90, 90);
}  // namespace

// One plot: its y range and the series it draws.
struct TrendChart::Plot {
    wxString title;
    double low, high, step;
    // Target band from `bandLow` to the target of each point.
    double bandLow;
    std::function<std::optional<double>(const TrendPoint&)> bandHigh;
    // A second target drawn as a dashed line (the diastolic target), if any.
    std::function<std::optional<double>(const TrendPoint&)> limit;
    wxColour limitColour;
    struct Series {
        wxString name;
        wxColour colour;
        std::function<std::optional<double>(const TrendPoint&)> value;
    };
    std::vector<Series> series;
};

TrendChart::TrendChart(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(480, 260)));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void TrendChart::setPoints(std::vector<TrendPoint> points, bool showGlucose) {
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    m_points = std::move(points);
    m_glucose = showGlucose || std::any_of(m_points.begin(), m_points.end(), [](const auto& p) { return p.glucose; });
    Refresh();
}

void TrendChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    gc->SetFont(GetFont(), kAxisText);
    const wxRect all = GetClientRect().Deflate(FromDIP(8));
    if (m_points.empty()) {
        gc->DrawText(_("No follow-up with a reading yet."), all.x + FromDIP(8), all.y + FromDIP(8));
        return;
    }
    Plot bp{_("Blood pressure (mmHg)"), 40, 220, 20, 60,
            [](const TrendPoint& p) { return std::optional<double>(p.systolicTarget); },
            [](const TrendPoint& p) { return std::optional<double>(p.diastolicTarget); }, kDiastolic,
            {{_("Systolic"), kSystolic, [](const TrendPoint& p) {
                  return p.systolic ? std::optional<double>(*p.systolic) : std::nullopt; }},
             {_("Diastolic"), kDiastolic, [](const TrendPoint& p) {
                  return p.diastolic ? std::optional<double>(*p.diastolic) : std::nullopt; }}}};
    Plot glucose{_("Fasting glucose (mmol/L)"), 0, 20, 4, 3.9,
                 [](const TrendPoint&) { return std::optional<double>(rules::chronic::kFastingGlucoseTarget); },
                 {}, wxColour(),
                 {{_("Fasting glucose"), kGlucose, [](const TrendPoint& p) { return p.glucose; }}}};
    if (!m_glucose) {
        drawPlot(*gc, bp, all);
        return;
    }
    const int gap = FromDIP(10);
    wxRect top = all, bottom = all;
    top.height = all.height * 3 / 5 - gap / 2;
    bottom.y = top.GetBottom() + gap;
    bottom.height = all.GetBottom() - bottom.y;
    drawPlot(*gc, bp, top);
    drawPlot(*gc, glucose, bottom);
}

void TrendChart::drawPlot(wxGraphicsContext& gc, const Plot& plot, const wxRect& area) {
    double tw = 0, th = 0;
    gc.GetTextExtent(plot.title, &tw, &th);
    gc.SetFont(GetFont().Bold(), *wxBLACK);
    gc.DrawText(plot.title, area.x, area.y);
    gc.SetFont(GetFont(), kAxisText);
    const double left = area.x + FromDIP(44), right = area.GetRight() - FromDIP(12);
    const double top = area.y + th + FromDIP(8), bottom = area.GetBottom() - th - FromDIP(6);
    if (right <= left || bottom <= top) return;
    const auto first = std::chrono::sys_days(m_points.front().date);
    const auto last = std::chrono::sys_days(m_points.back().date);
    const double span = std::max<double>(1, (last - first).count());
    auto xOf = [&](const Date& d) {
        if (m_points.size() == 1) return (left + right) / 2;
        return left + (std::chrono::sys_days(d) - first).count() / span * (right - left);
    };
    auto yOf = [&](double v) {
        v = std::clamp(v, plot.low, plot.high);
        return bottom - (v - plot.low) / (plot.high - plot.low) * (bottom - top);
    };

    // The target band, point to point (the BP target changes at 65).
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(kBand));
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const double x0 = i == 0 ? left : (xOf(m_points[i - 1].date) + xOf(m_points[i].date)) / 2;
        const double x1 = i + 1 == m_points.size() ? right : (xOf(m_points[i].date) + xOf(m_points[i + 1].date)) / 2;
        const double high = plot.bandHigh(m_points[i]).value_or(plot.high);
        gc.DrawRectangle(x0, yOf(high), x1 - x0, yOf(plot.bandLow) - yOf(high));
    }
    if (plot.limit) {
        gc.SetPen(wxPen(plot.limitColour, FromDIP(1), wxPENSTYLE_SHORT_DASH));
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            const double x0 = i == 0 ? left : (xOf(m_points[i - 1].date) + xOf(m_points[i].date)) / 2;
            const double x1 = i + 1 == m_points.size() ? right : (xOf(m_points[i].date) + xOf(m_points[i + 1].date)) / 2;
            if (const auto v = plot.limit(m_points[i])) gc.StrokeLine(x0, yOf(*v), x1, yOf(*v));
        }
    }
    // Grid and y labels.
    gc.SetPen(wxPen(kGrid));
    for (double v = plot.low; v <= plot.high + 1e-9; v += plot.step) {
        gc.StrokeLine(left, yOf(v), right, yOf(v));
        const auto label = wxString::Format("%g", v);
        double w = 0, h = 0;
        gc.GetTextExtent(label, &w, &h);
        gc.DrawText(label, left - w - FromDIP(4), yOf(v) - h / 2);
    }
    gc.SetPen(wxPen(kAxisText));
    gc.StrokeLine(left, bottom, right, bottom);
    // Visit dates under the axis, as many as fit without overlapping; the last always.
    auto labelAt = [&](std::size_t i, double* x, double* w) {
        const auto label = toWx(formatDate(m_points[i].date));
        double h = 0;
        gc.GetTextExtent(label, w, &h);
        *x = std::clamp(xOf(m_points[i].date) - *w / 2, left, std::max(left, right - *w));
        return label;
    };
    double lastX = 0, lastW = 0;
    gc.DrawText(labelAt(m_points.size() - 1, &lastX, &lastW), lastX, bottom + FromDIP(3));
    double nextFree = left;
    for (std::size_t i = 0; i + 1 < m_points.size(); ++i) {
        double x = 0, w = 0;
        const auto label = labelAt(i, &x, &w);
        if (x < nextFree || x + w + FromDIP(12) > lastX) continue;
        gc.DrawText(label, x, bottom + FromDIP(3));
        nextFree = x + w + FromDIP(12);
    }

    // The series, with a legend at the top right.
    double legendX = right;
    for (auto s = plot.series.rbegin(); s != plot.series.rend(); ++s) {
        double w = 0, h = 0;
        gc.GetTextExtent(s->name, &w, &h);
        legendX -= w;
        gc.SetFont(GetFont(), s->colour);
        gc.DrawText(s->name, legendX, area.y);
        legendX -= FromDIP(20);
        gc.SetPen(wxPen(s->colour, FromDIP(2)));
        gc.StrokeLine(legendX, area.y + h / 2, legendX + FromDIP(14), area.y + h / 2);
        legendX -= FromDIP(12);
    }
    gc.SetFont(GetFont(), kAxisText);
    const double r = FromDIP(3.5);
    for (const auto& s : plot.series) {
        gc.SetPen(wxPen(s.colour, FromDIP(2)));
        gc.SetBrush(wxBrush(s.colour));
        wxGraphicsPath line = gc.CreatePath();
        bool started = false;
        for (const auto& p : m_points) {
            const auto v = s.value(p);
            if (!v) continue;
            const double x = xOf(p.date), y = yOf(*v);
            if (started) line.AddLineToPoint(x, y);
            else line.MoveToPoint(x, y);
            started = true;
            gc.DrawEllipse(x - r, y - r, 2 * r, 2 * r);
        }
        gc.StrokePath(line);
    }
}

}  // namespace jiayi::gui
