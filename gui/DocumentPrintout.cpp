#include "gui/DocumentPrintout.h"

#include <wx/dc.h>
#include <wx/settings.h>

#include <algorithm>
#include <numeric>

#include "gui/PrintLayout.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {

constexpr wxCoord mm(double v) { return static_cast<wxCoord>(v * 10); }
constexpr double kMarginMm = 20;

}  // namespace

DocumentPrintout::DocumentPrintout(print::Document document)
    : wxPrintout(wxString::FromUTF8(document.title)), m_document(std::move(document)) {}

void DocumentPrintout::GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) {
    *minPage = *selFrom = 1;
    *maxPage = *selTo = m_pages;
}

void DocumentPrintout::OnPreparePrinting() {
    if (wxDC* dc = GetDC()) m_pages = layout(*dc, 0);
}

bool DocumentPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc) return false;
    layout(*dc, page);
    return true;
}

int DocumentPrintout::layout(wxDC& dc, int drawPage) {
    const auto pageMm = scaleToTenthsOfMm(*this, dc);
    const int wMm = pageMm.x, hMm = pageMm.y;
    dc.SetTextForeground(*wxBLACK);
    dc.SetPen(wxPen(*wxBLACK, mm(0.2)));
    dc.SetBrush(*wxTRANSPARENT_BRUSH);
    auto body = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    body.SetPixelSize(wxSize(0, mm(3.7)));
    const wxCoord left = mm(kMarginMm), right = mm(wMm - kMarginMm), width = right - left;
    const wxCoord top = mm(kMarginMm), bottom = mm(hMm - kMarginMm - 6);
    int page = 1;
    wxCoord y = top;
    const auto drawing = [&] { return page == drawPage; };
    const auto footer = [&] {
        if (!drawing() || m_document.footer.empty()) return;
        auto small = body.Scaled(0.8f);
        dc.SetFont(small);
        dc.SetTextForeground(wxColour(90, 90, 90));
        const auto text = wxString::FromUTF8(m_document.footer) + wxString::Format("    %d", page);
        dc.DrawText(text, (left + right - dc.GetTextExtent(text).x) / 2, mm(hMm - kMarginMm));
        dc.SetTextForeground(*wxBLACK);
    };
    const auto room = [&](wxCoord needed) {
        if (y + needed <= bottom || y == top) return;
        footer();
        ++page;
        y = top;
    };
    // Lines of one font, each `line` high, from x within `w`.
    const auto text = [&](const wxString& t, const wxFont& font, wxCoord x, wxCoord w, bool centre = false) {
        dc.SetFont(font);
        const wxCoord line = dc.GetCharHeight() + mm(1.2);
        const auto lines = wrapLines(dc, t, w);
        room(line * static_cast<wxCoord>(lines.size()));
        for (const auto& l : lines) {
            if (drawing()) dc.DrawText(l, centre ? x + (w - dc.GetTextExtent(l).x) / 2 : x, y);
            y += line;
        }
    };
    using K = print::Block::Kind;
    for (const auto& b : m_document.blocks) {
        switch (b.kind) {
            case K::Title:
                text(toWx(b.text), body.Bold().Scaled(1.6f), left, width, true);
                y += mm(3);
                break;
            case K::Heading:
                room(mm(28));
                y += mm(2.5);
                text(toWx(b.text), body.Bold().Scaled(1.15f), left, width);
                y += mm(1);
                break;
            case K::Paragraph: text(toWx(b.text), body, left, width); y += mm(1); break;
            case K::Note: {
                auto small = body.Scaled(0.85f);
                text(toWx(b.text), small, left, width);
                y += mm(1.5);
                break;
            }
            case K::Fields: {
                dc.SetFont(body);
                const wxCoord half = width / 2;
                for (std::size_t i = 0; i < b.fields.size();) {
                    const auto cell = [&](std::size_t j) {
                        return toWx(b.fields[j].first) + wxString::FromUTF8("：") + toWx(b.fields[j].second);
                    };
                    const bool wide = dc.GetTextExtent(cell(i)).x > half - mm(3);
                    const bool pair = !wide && i + 1 < b.fields.size() && dc.GetTextExtent(cell(i + 1)).x <= half - mm(3);
                    if (pair) {
                        const wxCoord line = dc.GetCharHeight() + mm(1.2);
                        room(line);
                        if (drawing()) {
                            dc.DrawText(cell(i), left, y);
                            dc.DrawText(cell(i + 1), left + half, y);
                        }
                        y += line;
                        i += 2;
                    } else {
                        text(cell(i), body, left, wide ? width : half);
                        i += 1;
                    }
                }
                y += mm(1.5);
                break;
            }
            case K::Table: {
                if (b.rows.empty()) break;
                const std::size_t n = b.rows.front().size();
                std::vector<int> shares = b.widths;
                shares.resize(n, 1);
                const double total = std::accumulate(shares.begin(), shares.end(), 0.0);
                const wxCoord pad = mm(1.2);
                for (std::size_t r = 0; r < b.rows.size(); ++r) {
                    dc.SetFont(r == 0 ? body.Bold() : body);
                    const wxCoord line = dc.GetCharHeight() + mm(0.8);
                    std::vector<std::vector<wxString>> cells;
                    std::size_t tallest = 1;
                    for (std::size_t c = 0; c < n; ++c) {
                        const auto w = static_cast<wxCoord>(width * shares[c] / total) - 2 * pad;
                        cells.push_back(wrapLines(dc, c < b.rows[r].size() ? toWx(b.rows[r][c]) : wxString(), w));
                        tallest = std::max(tallest, cells.back().size());
                    }
                    const wxCoord h = line * static_cast<wxCoord>(tallest) + 2 * pad;
                    room(h);
                    wxCoord x = left;
                    for (std::size_t c = 0; c < n; ++c) {
                        const auto w = static_cast<wxCoord>(width * shares[c] / total);
                        if (drawing()) {
                            dc.DrawRectangle(x, y, w, h);
                            for (std::size_t k = 0; k < cells[c].size(); ++k)
                                dc.DrawText(cells[c][k], x + pad, y + pad + line * static_cast<wxCoord>(k));
                        }
                        x += w;
                    }
                    y += h;
                }
                y += mm(2);
                break;
            }
            case K::Signatures:
                for (const auto& s : b.signatures) {
                    y += mm(7);
                    text(toWx(s), body, left, width);
                }
                break;
        }
    }
    footer();
    return page;
}

}  // namespace jiayi::gui
