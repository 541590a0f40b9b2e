#pragma once
// The worklist on paper, grouped like the screen: name, age, programme, due date and why,
// so a doctor can take it on the village round.
#include <wx/print.h>

#include <vector>

#include "core/services/Worklist.h"

namespace jiayi::gui {

class WorklistPrintout : public wxPrintout {
public:
    WorklistPrintout(const wxString& title, std::vector<services::WorkItem> items);

    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page >= 1 && page <= pageCount(); }
    void GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) override;
    void OnPreparePrinting() override;

private:
    struct Line {
        wxString heading;  // a group heading when set
        const services::WorkItem* item = nullptr;
        wxString why;       // this line's part of the item's reason
        bool continued = false;  // a further line of the reason (no name, no dates)
    };
    int pageCount() const { return static_cast<int>(m_pages.size()); }
    // Scales the DC so one logical unit is 0.1 mm, and sets the body font.
    void setUp(wxDC& dc);
    // The lines to print: headings, items, and their reasons wrapped to the column.
    void layOut(wxDC& dc);

    wxString m_title;
    std::vector<services::WorkItem> m_items;
    wxFont m_font;
    std::vector<Line> m_lines;
    std::vector<std::pair<std::size_t, std::size_t>> m_pages;  // [first, last) line of each page
    double m_lineMm = 6.5;
};

}  // namespace jiayi::gui
