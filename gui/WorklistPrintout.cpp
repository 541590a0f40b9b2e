#include "gui/WorklistPrintout.h"
#include "gui/PrintLayout.h"

#include <wx/dc.h>
#include <wx/settings.h>

#include "gui/ChronicText.h"
#include "gui/WorklistPanel.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
constexpr double kMarginMm = 15;
constexpr double kHeaderMm = 22;  // title, date and column heads
// Column left edges in mm from the margin: name, age, programme, due, overdue days, why.
const double kColumns[] = {0, 24, 34, 58, 82, 96};
}  // namespace

constexpr wxCoord mm(double v) { return static_cast<wxCoord>(v * 10); }

WorklistPrintout::WorklistPrintout(const wxString& title, std::vector<services::WorkItem> items)
    : wxPrintout(title), m_title(title), m_items(std::move(items)) {
    m_font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    m_font.SetPixelSize(wxSize(0, mm(3.6)));  // about 10 pt
}

void WorklistPrintout::layOut(wxDC& dc) {
    int wMm = 210, hMm = 297;
    GetPageSizeMM(&wMm, &hMm);
    const wxCoord width = mm(wMm - 2 * kMarginMm - kColumns[5]);
    dc.SetFont(m_font);
    m_lines.clear();
    for (auto kind : kindsInListOrder(m_items)) {
        m_lines.push_back({toWx(services::workKindName(kind)), nullptr, {}, false});
        for (const auto& item : m_items) {
            if (item.kind != kind) continue;
            // The whole reason, on as many lines as it takes: the doctor reads it on the round.
            bool continued = false;
            for (const auto& part : wrapLines(dc, toWx(item.reason), width)) {
                m_lines.push_back({{}, &item, part, continued});
                continued = true;
            }
        }
    }
}

void WorklistPrintout::OnPreparePrinting() {
    if (wxDC* dc = GetDC()) {
        setUp(*dc);
        layOut(*dc);
    }
    int wMm = 210, hMm = 297;
    GetPageSizeMM(&wMm, &hMm);
    const double usable = hMm - 2 * kMarginMm - kHeaderMm;
    const auto perPage = std::max<std::size_t>(1, static_cast<std::size_t>(usable / m_lineMm));
    m_pages.clear();
    for (std::size_t first = 0; first < m_lines.size() || m_pages.empty(); first += perPage)
        m_pages.emplace_back(first, std::min(m_lines.size(), first + perPage));
}

void WorklistPrintout::GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) {
    *minPage = *selFrom = 1;
    *maxPage = *selTo = pageCount();
}

void WorklistPrintout::setUp(wxDC& dc) {
    scaleToTenthsOfMm(*this, dc);
    dc.SetFont(m_font);
}

bool WorklistPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || page < 1 || page > pageCount()) return false;
    setUp(*dc);
    int wMm = 210, hMm = 297;
    GetPageSizeMM(&wMm, &hMm);
    dc->SetTextForeground(*wxBLACK);
    dc->SetFont(m_font.Bold().Scaled(1.3f));
    dc->DrawText(m_title, mm(kMarginMm), mm(kMarginMm));
    dc->SetFont(m_font);
    const auto pageText = wxString::Format(_("Page %d of %d"), page, pageCount());
    dc->DrawText(pageText, mm(wMm - kMarginMm) - dc->GetTextExtent(pageText).x, mm(kMarginMm));
    double y = kMarginMm + 10;
    const wxString heads[] = {_("Name"), _("Age"), _("Programme"), _("Due"), _("Days overdue"), _("Why")};
    dc->SetFont(m_font.Bold());
    for (int c = 0; c < 6; ++c) dc->DrawText(heads[c], mm(kMarginMm + kColumns[c]), mm(y));
    y += m_lineMm;
    dc->SetPen(wxPen(*wxBLACK, mm(0.2)));
    dc->DrawLine(mm(kMarginMm), mm(y - 1), mm(wMm - kMarginMm), mm(y - 1));
    const auto [first, last] = m_pages[static_cast<std::size_t>(page - 1)];
    for (std::size_t i = first; i < last; ++i) {
        const auto& line = m_lines[i];
        if (!line.item) {
            dc->SetFont(m_font.Bold());
            dc->DrawText(line.heading, mm(kMarginMm), mm(y + 1));
        } else {
            const auto& item = *line.item;
            dc->SetFont(m_font);
            if (!line.continued) {
                const wxString cells[] = {toWx(item.residentName), wxString::Format("%d", item.age),
                                          programmeText(item.programme), dateText(item.due),
                                          item.daysOverdue > 0 ? wxString::Format("%d", item.daysOverdue) : wxString()};
                for (int c = 0; c < 5; ++c) dc->DrawText(cells[c], mm(kMarginMm + kColumns[c]), mm(y + 1));
            }
            dc->DrawText(line.why, mm(kMarginMm + kColumns[5]), mm(y + 1));
        }
        y += m_lineMm;
    }
    return true;
}

}  // namespace jiayi::gui
