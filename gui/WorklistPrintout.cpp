#include "gui/WorklistPrintout.h"

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

WorklistPrintout::WorklistPrintout(const wxString& title, std::vector<services::WorkItem> items)
    : wxPrintout(title), m_title(title), m_items(std::move(items)) {
    for (auto kind : kindsInListOrder(m_items)) {
        bool first = true;
        for (const auto& item : m_items) {
            if (item.kind != kind) continue;
            if (first) m_lines.push_back({toWx(services::workKindName(kind)), nullptr});
            first = false;
            m_lines.push_back({{}, &item});
        }
    }
}

void WorklistPrintout::OnPreparePrinting() {
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
    // One logical unit = 0.1 mm, whatever the printer's resolution.
    int wMm = 210, hMm = 297;
    GetPageSizeMM(&wMm, &hMm);
    int wPx = 0, hPx = 0;
    dc.GetSize(&wPx, &hPx);
    const double scale = static_cast<double>(wPx) / (wMm * 10.0);
    dc.SetUserScale(scale, scale);
    dc.SetDeviceOrigin(0, 0);
}

bool WorklistPrintout::OnPrintPage(int page) {
    wxDC* dc = GetDC();
    if (!dc || page < 1 || page > pageCount()) return false;
    setUp(*dc);
    int wMm = 210, hMm = 297;
    GetPageSizeMM(&wMm, &hMm);
    const auto mm = [](double v) { return static_cast<wxCoord>(v * 10); };
    wxFont font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    // Sizes in logical units (0.1 mm): about 10 pt text.
    font.SetPixelSize(wxSize(0, mm(3.6)));
    dc->SetFont(font.Bold().Scaled(1.3f));
    dc->SetTextForeground(*wxBLACK);
    dc->DrawText(m_title, mm(kMarginMm), mm(kMarginMm));
    dc->SetFont(font);
    dc->DrawText(wxString::Format(_("Page %d of %d"), page, pageCount()), mm(wMm - kMarginMm - 30), mm(kMarginMm));
    double y = kMarginMm + 10;
    const wxString heads[] = {_("Name"), _("Age"), _("Programme"), _("Due"), _("Days overdue"), _("Why")};
    dc->SetFont(font.Bold());
    for (int c = 0; c < 6; ++c) dc->DrawText(heads[c], mm(kMarginMm + kColumns[c]), mm(y));
    y += m_lineMm;
    dc->SetPen(wxPen(*wxBLACK, mm(0.2)));
    dc->DrawLine(mm(kMarginMm), mm(y - 1), mm(wMm - kMarginMm), mm(y - 1));
    const double whyWidth = wMm - 2 * kMarginMm - kColumns[5];
    const auto [first, last] = m_pages[static_cast<std::size_t>(page - 1)];
    for (std::size_t i = first; i < last; ++i) {
        const auto& line = m_lines[i];
        if (!line.item) {
            dc->SetFont(font.Bold());
            dc->DrawText(line.heading, mm(kMarginMm), mm(y + 1));
        } else {
            const auto& item = *line.item;
            dc->SetFont(font);
            const wxString cells[] = {toWx(item.residentName), wxString::Format("%d", item.age),
                                      programmeText(item.programme), dateText(item.due),
                                      item.daysOverdue > 0 ? wxString::Format("%d", item.daysOverdue) : wxString()};
            for (int c = 0; c < 5; ++c) dc->DrawText(cells[c], mm(kMarginMm + kColumns[c]), mm(y + 1));
            // The reason, shortened to its column (the chart has it in full).
            wxString why = toWx(item.reason);
            if (dc->GetTextExtent(why).x > mm(whyWidth)) {
                while (!why.empty() && dc->GetTextExtent(why + wxString::FromUTF8("…")).x > mm(whyWidth))
                    why.RemoveLast();
                why += wxString::FromUTF8("…");
            }
            dc->DrawText(why, mm(kMarginMm + kColumns[5]), mm(y + 1));
        }
        y += m_lineMm;
    }
    return true;
}

}  // namespace jiayi::gui
