#include "gui/RateChart.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace jiayi::gui {

RateChart::RateChart(wxWindow* parent, const wxString& title) : wxPanel(parent), m_title(title) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(300, 150)));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
        const int i = barAt(e.GetX());
        if (i < 0) return;
        m_key = m_bars[static_cast<std::size_t>(i)].key;
        Refresh();
        if (m_chosen) m_chosen(m_key);
    });
}

void RateChart::setBars(std::vector<RateBar> bars, std::optional<double> overall) {
    m_bars = std::move(bars);
    m_overall = overall;
    Refresh();
}

void RateChart::choose(const std::string& key) {
    m_key = key;
    Refresh();
}

int RateChart::barAt(int x) const {
    if (m_bars.empty() || m_plot.width <= 0 || x < m_plot.x || x >= m_plot.GetRight()) return -1;
    const int i = static_cast<int>(static_cast<double>(x - m_plot.x) * static_cast<double>(m_bars.size()) / m_plot.width);
    return std::clamp(i, 0, static_cast<int>(m_bars.size()) - 1);
}

void RateChart::paint() {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) return;
    const wxSize size = GetClientSize();
    const wxFont font = GetFont();
    gc->SetFont(font, wxColour(60, 60, 60));
    gc->DrawText(m_title, FromDIP(6), FromDIP(2));
    double tw = 0, th = 0;
    gc->GetTextExtent("100%", &tw, &th);
    const int left = FromDIP(6) + static_cast<int>(tw) + FromDIP(4);
    const int top = FromDIP(6) + static_cast<int>(th) + FromDIP(4);
    const bool labels = !m_bars.empty() && m_bars.size() <= 16;
    const int bottom = size.y - (labels ? static_cast<int>(th) + FromDIP(8) : FromDIP(6));
    m_plot = wxRect(left, top, std::max(1, size.x - left - FromDIP(8)), std::max(1, bottom - top));
    // Grid at 0, 50 and 100 %.
    gc->SetPen(wxPen(wxColour(225, 225, 225)));
    for (const int p : {0, 50, 100}) {
        const double y = m_plot.GetBottom() - m_plot.height * p / 100.0;
        gc->StrokeLine(m_plot.x, y, m_plot.GetRight(), y);
        const wxString text = wxString::Format("%d%%", p);
        double w = 0, h = 0;
        gc->GetTextExtent(text, &w, &h);
        gc->DrawText(text, left - FromDIP(4) - w, y - h / 2);
    }
    if (m_bars.empty()) {
        gc->DrawText(_("Nothing to show"), m_plot.x + FromDIP(8), m_plot.y + FromDIP(8));
        return;
    }
    const double slot = static_cast<double>(m_plot.width) / static_cast<double>(m_bars.size());
    const double gap = std::min(slot * 0.2, static_cast<double>(FromDIP(6)));
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        const auto& b = m_bars[i];
        const double x = m_plot.x + slot * static_cast<double>(i) + gap / 2;
        const bool chosen = !m_key.empty() && b.key == m_key;
        if (b.rate) {
            const double h = m_plot.height * std::clamp(*b.rate, 0.0, 1.0);
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->SetBrush(wxBrush(chosen ? wxColour(214, 96, 40) : wxColour(70, 120, 180)));
            gc->DrawRectangle(x, m_plot.GetBottom() - h, std::max(1.0, slot - gap), std::max(1.0, h));
        } else {
            gc->SetPen(wxPen(wxColour(150, 150, 150)));
            gc->StrokeLine(x, m_plot.GetBottom() - 1, x + std::max(1.0, slot - gap), m_plot.GetBottom() - 1);
        }
        if (labels) {
            double w = 0, h = 0;
            gc->GetTextExtent(b.label, &w, &h);
            gc->DrawText(b.label, x + (slot - gap - w) / 2, m_plot.GetBottom() + FromDIP(3));
        }
    }
    if (m_overall) {
        const double y = m_plot.GetBottom() - m_plot.height * std::clamp(*m_overall, 0.0, 1.0);
        gc->SetPen(wxPen(wxColour(200, 40, 40), FromDIP(1), wxPENSTYLE_SHORT_DASH));
        gc->StrokeLine(m_plot.x, y, m_plot.GetRight(), y);
    }
    // The chosen bar's name and figure, where a narrow bar has no label.
    for (const auto& b : m_bars)
        if (!m_key.empty() && b.key == m_key) {
            const wxString text = b.label + "  " + (b.rate ? wxString::Format("%.1f%%", *b.rate * 100.0) : wxString("-"));
            double w = 0, h = 0;
            gc->GetTextExtent(m_title, &w, &h);
            gc->SetFont(font, wxColour(214, 96, 40));
            gc->DrawText(text, FromDIP(6) + w + FromDIP(16), FromDIP(2));
        }
}

}  // namespace jiayi::gui
