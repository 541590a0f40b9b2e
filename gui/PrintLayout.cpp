#include "gui/PrintLayout.h"

#include <wx/msgdlg.h>

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

void showPrintPreview(wxWindow* parent, wxPrintout* shown, wxPrintout* printed, const wxString& title,
                      const wxSize& size) {
    auto* preview = new wxPrintPreview(shown, printed);
    if (!preview->IsOk()) {
        delete preview;
        wxMessageBox(_("No printer is set up on this computer."), _("Jiayi"), wxOK | wxICON_INFORMATION, parent);
        return;
    }
    auto* frame = new wxPreviewFrame(preview, parent, title, wxDefaultPosition, parent->FromDIP(size));
    frame->Initialize();
    frame->Show();
}

}  // namespace jiayi::gui
