#include "gui/PrintLayout.h"

namespace jiayi::gui {

wxSize scaleToTenthsOfMm(wxPrintout& printout, wxDC& dc) {
    int wMm = 210, hMm = 297;
    printout.GetPageSizeMM(&wMm, &hMm);
    int wPx = 0, hPx = 0;
    dc.GetSize(&wPx, &hPx);
    const double scale = static_cast<double>(wPx) / (wMm * 10.0);
    dc.SetUserScale(scale, scale);
    dc.SetDeviceOrigin(0, 0);
    return {wMm, hMm};
}

std::vector<wxString> wrapLines(wxDC& dc, const wxString& text, wxCoord width) {
    std::vector<wxString> lines;
    wxString part;
    for (const wxUniChar c : text) {
        if (c == '\n' || (!part.empty() && dc.GetTextExtent(part + c).x > width)) {
            lines.push_back(part);
            part.clear();
            if (c == '\n') continue;
        }
        part += c;
    }
    lines.push_back(part);
    return lines;
}

}  // namespace jiayi::gui
