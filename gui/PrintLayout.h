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

}  // namespace jiayi::gui
