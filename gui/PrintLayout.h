#pragma once
// What every printout of the workstation does the same way: draw in tenths of a millimetre
// of the page whatever the printer's resolution, and break text into lines of a width
// between characters (Chinese has no spaces to break at).
#include <wx/dc.h>
#include <wx/print.h>

#include <vector>

namespace jiayi::gui {

// Maps `dc` so that one unit is 0.1 mm of the page, origin at its corner; returns the
// page's size in millimetres.
wxSize scaleToTenthsOfMm(wxPrintout& printout, wxDC& dc);

// `text` as lines no wider than `width` in the DC's font, broken between characters and at
// each '\n'; one empty line for an empty text.
std::vector<wxString> wrapLines(wxDC& dc, const wxString& text, wxCoord width);

// Opens wx's print preview of `shown` (printed with `printed`) in a window of its own titled
// `title`, `size` in DIPs; says so when no printer is set up. Takes both printouts.
void showPrintPreview(wxWindow* parent, wxPrintout* shown, wxPrintout* printed, const wxString& title,
                      const wxSize& size = wxSize(900, 700));

}  // namespace jiayi::gui
