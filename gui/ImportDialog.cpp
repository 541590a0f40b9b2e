#include "gui/ImportDialog.h"

#include <wx/button.h>
#include <wx/filename.h>
#include <wx/sizer.h>

#include "core/services/Workstation.h"
#include "core/util/Error.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

ImportDialog::ImportDialog(wxWindow* parent, services::Workstation& workstation,
                           const wxString& file)
    : wxDialog(parent, wxID_ANY, _("Import residents from a spreadsheet"), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_file(file) {
    applyReadableFont(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(12));
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(this, wxID_ANY, _("File")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(new wxStaticText(this, wxID_ANY, wxFileName(file).GetFullName()), 0,
              wxALIGN_CENTER_VERTICAL);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Village for rows without one")), 0,
              wxALIGN_CENTER_VERTICAL);
    m_village = new wxChoice(this, wxID_ANY);
    m_village->Append(_("(as in the file)"));
    m_villageCodes.emplace_back();
    for (const auto& v : m_workstation.villages()) {
        m_village->Append(toWx(v.name));
        m_villageCodes.push_back(v.code);
    }
    m_village->SetSelection(0);
    grid->Add(m_village, 1, wxEXPAND);
    sizer->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));

    m_summary = new wxStaticText(this, wxID_ANY,
                                 _("Check the file first: nothing is written until you import."));
    sizer->Add(m_summary, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    m_problems = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(980, 340)),
                                wxLC_REPORT | wxLC_SINGLE_SEL);
    m_problems->AppendColumn(_("Line"), wxLIST_FORMAT_RIGHT, FromDIP(60));
    m_problems->AppendColumn(_("Column"), wxLIST_FORMAT_LEFT, FromDIP(120));
    m_problems->AppendColumn(_("Problem"), wxLIST_FORMAT_LEFT, FromDIP(780));
    sizer->Add(m_problems, 1, wxEXPAND | wxALL, FromDIP(12));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* checkButton = new wxButton(this, wxID_ANY, _("&Check"));
    auto* importButton = new wxButton(this, wxID_OK, _("&Import valid rows"));
    auto* closeButton = new wxButton(this, wxID_CANCEL, _("Close"));
    buttons->AddStretchSpacer();
    for (auto* b : {checkButton, importButton, closeButton}) buttons->Add(b, 0, wxLEFT, FromDIP(8));
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    checkButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { check(); });
    importButton->Bind(wxEVT_BUTTON, [this, importButton](wxCommandEvent&) {
        if (importNow()) importButton->Disable();  // imported: a second click would duplicate
    });
    SetSizerAndFit(sizer);
    CentreOnParent();
}

bool ImportDialog::run(bool dryRun) {
    services::ImportOptions options;
    options.dryRun = dryRun;
    const int village = m_village->GetSelection();
    if (village > 0) options.defaultVillageCode = m_villageCodes[static_cast<std::size_t>(village)];
    try {
        m_report = services::CsvImport(m_workstation).importFile(toUtf8(m_file).c_str(), options);
    } catch (const ValidationError& e) {
        m_problems->DeleteAllItems();
        m_summary->SetLabel(toWx(e.reason()));
        m_summary->SetForegroundColour(*wxRED);
        Layout();
        return false;
    } catch (const std::exception& e) {
        m_problems->DeleteAllItems();
        m_summary->SetLabel(toWx(e.what()));
        m_summary->SetForegroundColour(*wxRED);
        Layout();
        return false;
    }
    showReport(dryRun);
    return true;
}

void ImportDialog::showReport(bool dryRun) {
    const auto& r = m_report;
    m_summary->SetForegroundColour(r.rejected.empty() ? wxColour(0, 110, 0) : *wxBLACK);
    m_summary->SetLabel(
        dryRun ? wxString::Format(_("%zu rows checked (%s): %zu can be imported, %zu have "
                                    "problems. Nothing was written yet."),
                                  r.rows, toWx(r.encoding), r.imported, r.rejectedRows())
               : wxString::Format(_("%zu rows read (%s): %zu residents imported in %zu new "
                                    "households; %zu rows were not imported."),
                                  r.rows, toWx(r.encoding), r.imported, r.households,
                                  r.rejectedRows()));
    m_problems->DeleteAllItems();
    long row = 0;
    for (const auto& w : r.warnings) {
        m_problems->InsertItem(row, wxString());
        m_problems->SetItem(row, 1, _("Note"));
        m_problems->SetItem(row++, 2, toWx(w));
    }
    for (const auto& e : r.rejected) {
        m_problems->InsertItem(row, wxString::Format("%zu", e.line));
        m_problems->SetItem(row, 1, toWx(e.column));
        m_problems->SetItem(row++, 2, toWx(e.reason));
    }
    Layout();
}

}  // namespace jiayi::gui
