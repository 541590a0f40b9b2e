#pragma once
// Prints a print::Document (the contract agreement, …) on A4 through wx's printing: the
// same content core writes for the CLI's PDF, laid out page by page with a footer.
#include <wx/print.h>

#include "core/print/Document.h"

namespace jiayi::gui {

class DocumentPrintout : public wxPrintout {
public:
    explicit DocumentPrintout(print::Document document);

    void OnPreparePrinting() override;
    bool OnPrintPage(int page) override;
    bool HasPage(int page) override { return page >= 1 && page <= m_pages; }
    void GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) override;
    int pageCount() const { return m_pages; }

private:
    // Lays the document out on `dc`, drawing the blocks of `drawPage` (0: none); returns
    // the number of pages.
    int layout(wxDC& dc, int drawPage);

    print::Document m_document;
    int m_pages = 1;
};

}  // namespace jiayi::gui
