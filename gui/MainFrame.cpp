#include "gui/MainFrame.h"

#include <wx/button.h>
#include <wx/display.h>
#include <wx/filedlg.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>

#include "core/services/Backups.h"
#include "core/services/Workstation.h"
#include "core/store/Site.h"
#include "gui/ChartDialog.h"
#include "gui/ContractDialog.h"
#include "gui/ClinicSettingsDialog.h"
#include "gui/CloseRecordDialog.h"
#include "gui/FormWidgets.h"
#include "gui/HouseholdDialog.h"
#include "gui/ImportDialog.h"
#include "gui/ResidentDialog.h"
#include "gui/SignInDialog.h"
#include "gui/AuditPanel.h"
#include "gui/SupervisionPanel.h"
#include "gui/UsersPanel.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
constexpr int kSearchPauseMs = 150;  // fast typists should not search on every key
constexpr std::size_t kMaxHits = 200;
enum { ID_HOUSEHOLD = wxID_HIGHEST + 1, ID_CLOSE_RECORD, ID_IMPORT, ID_SYNC, ID_CHART, ID_SETTINGS, ID_LOCK, ID_CONTRACT };

// Every key and click anywhere in the program counts as use (the idle lock).
class ActivityFilter final : public wxEventFilter {
public:
    explicit ActivityFilter(MainFrame& frame) : m_frame(frame) { wxEvtHandler::AddFilter(this); }
    ~ActivityFilter() override { wxEvtHandler::RemoveFilter(this); }
    int FilterEvent(wxEvent& event) override {
        const auto type = event.GetEventType();
        if (type == wxEVT_KEY_DOWN || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
            type == wxEVT_MOUSEWHEEL)
            m_frame.noteActivity();
        return Event_Skip;
    }

private:
    MainFrame& m_frame;
};
}  // namespace

MainFrame::MainFrame(services::Workstation& workstation, const wxString& databasePath)
    : wxFrame(nullptr, wxID_ANY, _("Jiayi — Resident Health Records"), wxDefaultPosition,
              wxSize(1200, 760)),
      m_workstation(workstation),
      m_databasePath(databasePath),
      m_searchTimer(this) {
    applyReadableFont(this);
    auto* panel = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* searchBar = buildSearchBar(panel);
    sizer->Add(searchBar, 0, wxEXPAND | wxALL, FromDIP(10));
    // The worklist is the home page: what the doctor does today.
    m_book = new wxNotebook(panel, wxID_ANY);
    m_worklist = new WorklistPanel(m_book, m_workstation);
    m_worklist->onChanged([this] { updateStatus(); });
    m_book->AddPage(m_worklist, _("Worklist"), true);
    m_book->AddPage(buildResidentsPage(m_book), _("Residents"));
    m_referrals = new ReferralsPanel(m_book, m_workstation);
    m_book->AddPage(m_referrals, _("Referrals"));
    m_contracts = new ContractsPanel(m_book, m_workstation);
    m_contracts->onOpenResident([this](const std::string& id) { openContract(id); });
    m_book->AddPage(m_contracts, _("Contracts"));
    // The administrator's page; an administrator (who opens no record) starts on it.
    if (m_workstation.session().can(rules::Right::ManageUsers)) {
        m_users = new UsersPanel(m_book, m_workstation);
        m_book->AddPage(m_users, _("Users"), !m_workstation.session().can(rules::Right::ReadRecords));
    }
    // Supervision (质控): indicators, the data-quality scan and the review cases.
    if (m_workstation.session().can(rules::Right::ReviewQuality)) {
        m_supervision = new SupervisionPanel(m_book, m_workstation);
        m_book->AddPage(m_supervision, _("Supervision"));
    }
    // The audit trail: checked by supervisors and administrators, read by supervisors.
    if (m_workstation.session().can(rules::Right::ReviewQuality) || m_workstation.session().can(rules::Right::ManageSite)) {
        m_audit = new AuditPanel(m_book, m_workstation);
        m_book->AddPage(m_audit, _("Audit trail"));
    }
    // Someone who opens no record sees no record pages (the panels stay, hidden and empty)
    // and no search.
    if (!m_workstation.session().can(rules::Right::ReadRecords)) {
        searchBar->Hide();
        for (int i = static_cast<int>(m_book->GetPageCount()) - 1; i >= 0; --i) {
            auto* page = m_book->GetPage(static_cast<std::size_t>(i));
            if (page == m_users || page == m_audit) continue;
            m_book->RemovePage(static_cast<std::size_t>(i));
            page->Hide();
        }
    }
    sizer->Add(m_book, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));
    m_syncPanel = new SyncPanel(panel);
    m_syncPanel->onReviewConflicts([this] { reviewConflicts(); });
    m_syncPanel->onCancel([this] { m_syncJob.requestStop(); });
    sizer->Add(m_syncPanel, 0, wxEXPAND);
    panel->SetSizer(sizer);

    // A clinic PC's screen is often 1366×768: there the window takes the whole work area
    // (the taskbar stays visible); on a larger screen it opens at a comfortable size.
    const wxRect area = wxDisplay(this).GetClientArea();
    if (area.width < FromDIP(1440) || area.height < FromDIP(900)) {
        SetSize(area);
        Maximize();
    } else {
        SetSize(FromDIP(wxSize(1280, 820)));
        Centre();
    }

    m_content = panel;
    buildMenu();
    CreateStatusBar(3);
    const int widths[] = {-2, -5, -2};
    GetStatusBar()->SetStatusWidths(3, widths);

    // The daily backup to the folder the administrator chose, once the window is up; a
    // failure (the USB stick not plugged in) is said in the status bar, not in a box.
    CallAfter([this] {
        try {
            if (const auto file = services::Backups(m_workstation.database(), m_workstation.session()).backupIfDue())
                SetStatusText(wxString::Format(_("Backed up to %s"), toWx(file->string())), 1);
        } catch (const std::exception& e) {
            SetStatusText(wxString::Format(_("Today's backup failed: %s"), toWx(e.what())), 1);
        }
    });
    // The idle lock, on a site with users (a signed-in session).
    if (!m_workstation.session().userId.empty()) {
        const auto minutes = store::siteMeta(m_workstation.database(), "security.idle_lock_minutes");
        try {
            if (minutes) m_idleLockSeconds = std::max(1, std::stoi(*minutes)) * 60;
        } catch (const std::exception&) {
        }
        noteActivity();
        m_activity = std::make_unique<ActivityFilter>(*this);
        m_idleTimer.SetOwner(this);
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
            if (!m_locked && (wxGetLocalTimeMillis() - m_lastActivityMs) / 1000 >= m_idleLockSeconds) lockNow();
        }, m_idleTimer.GetId());
        m_idleTimer.Start(5000);
    }
    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        // Typing searches the residents: their page comes forward while the caret stays in
        // the box, so no keystroke goes to the page (GTK moves the focus with the page).
        if (m_book->GetSelection() != ResidentsPage && !m_search->GetValue().empty()) {
            m_book->ChangeSelection(ResidentsPage);
            m_search->SetFocus();
            m_search->SetInsertionPointEnd();
        }
        m_searchTimer.StartOnce(kSearchPauseMs);
    });
    // From the search box: Down goes into the list of the page shown (the worklist's rows
    // at start); Esc clears the search and brings the worklist back.
    m_search->Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_DOWN && !e.HasAnyModifiers()) {
            focusList();
            return;
        }
        if (e.GetKeyCode() == WXK_ESCAPE && !e.HasAnyModifiers()) {
            m_search->Clear();
            showPage(WorklistPage);
            return;
        }
        e.Skip();
    });
    m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        searchNow();
        if (m_list->GetItemCount() > 0) {
            if (m_list->GetSelectedRow() == wxNOT_FOUND) m_list->selectRow(0);
            openResident(m_list->selectedId());
        }
    });
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { searchNow(); });
    m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        e.Skip();
        if (e.GetEventObject() != m_book) return;  // a page's own tabs (the supervision page's)
        // What another window or a sync changed shows when the page is brought forward.
        if (m_supervision && m_book->GetPage(static_cast<std::size_t>(e.GetSelection())) == m_supervision &&
            !m_supervision->report())
            m_supervision->refresh();
        if (e.GetSelection() == WorklistPage) m_worklist->refresh();
        if (e.GetSelection() == ReferralsPage) m_referrals->refresh();
        if (e.GetSelection() == ContractsPage) m_contracts->refresh();
    });
    m_list->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED,
                 [this](wxDataViewEvent&) { openResident(m_list->selectedId()); });

    updateStatus();
    showResults(false);
    SetMinSize(FromDIP(wxSize(900, 560)));
    m_search->SetFocus();
}

wxWindow* MainFrame::buildResidentsPage(wxWindow* parent) {
    auto* page = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_resultInfo = new wxStaticText(page, wxID_ANY, {});
    m_resultInfo->SetForegroundColour(wxColour(90, 90, 90));
    sizer->Add(m_resultInfo, 0, wxALL, FromDIP(8));
    m_list = new ResidentListView(page, m_workstation);
    sizer->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    m_emptyState = buildEmptyState(page);
    sizer->Add(m_emptyState, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    page->SetSizer(sizer);
    return page;
}

void MainFrame::focusList() {
    if (m_book->GetSelection() == WorklistPage) {
        m_worklist->focusList();
    } else if (m_book->GetSelection() == ResidentsPage && m_list->GetItemCount() > 0) {
        m_list->SetFocus();
        if (m_list->GetSelectedRow() == wxNOT_FOUND) m_list->selectRow(0);
    }
}

void MainFrame::showPage(Page page) {
    if (static_cast<std::size_t>(page) >= m_book->GetPageCount()) return;  // an administrator's frame
    if (m_book->GetSelection() != page) m_book->SetSelection(page);
}

wxWindow* MainFrame::buildSearchBar(wxWindow* parent) {
    auto* bar = new wxPanel(parent);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* title = new wxStaticText(bar, wxID_ANY, _("Find resident"));
    title->SetFont(title->GetFont().Bold().Larger());
    row->Add(title, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    m_search = new wxSearchCtrl(bar, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                                wxTE_PROCESS_ENTER);
    m_search->SetHint(_("Name, pinyin initials (zs), ID-number or phone digits, archive number"));
    m_search->ShowCancelButton(true);
    row->Add(m_search, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
    auto button = [&](int id, const wxString& label, auto handler) {
        auto* b = new wxButton(bar, id, label);
        b->Bind(wxEVT_BUTTON, handler);
        row->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
        return b;
    };
    button(wxID_NEW, _("&New resident"), [this](wxCommandEvent&) { newResident(); });
    button(wxID_OPEN, _("&Open"), [this](wxCommandEvent&) { openResident(selectedOrTell()); });
    button(ID_CHART, _("Char&t"), [this](wxCommandEvent&) {
        if (m_book->GetSelection() == WorklistPage) m_worklist->openSelected();
        else openChart(selectedOrTell());
    })
        ->SetToolTip(_("Chronic-care chart: programmes, follow-ups, trend"));
    button(ID_CONTRACT, _("Contract (&K)"), [this](wxCommandEvent&) { openContract(selectedOrTell()); })
        ->SetToolTip(_("Family-doctor contract: sign, renew, what is due this year"));
    button(ID_HOUSEHOLD, _("Househol&d"),
           [this](wxCommandEvent&) { openHousehold(selectedOrTell()); });
    button(ID_CLOSE_RECORD, _("&Close record"),
           [this](wxCommandEvent&) { closeRecord(selectedOrTell()); });
    m_syncButton = button(ID_SYNC, _("&Sync"), [this](wxCommandEvent&) { startSync(); });
    m_syncButton->SetToolTip(_("Send this workstation's changes to the township hub and "
                               "receive the others'"));
    bar->SetSizer(row);
    return bar;
}

wxWindow* MainFrame::buildEmptyState(wxWindow* parent) {
    auto* panel = new wxPanel(parent);
    panel->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* hint = new wxStaticText(
        panel, wxID_ANY,
        _("Type a name, pinyin initials, the last digits of an ID number or phone number,\n"
          "or an archive number in the box above. Results appear as you type."),
        wxDefaultPosition, wxDefaultSize, wxALIGN_CENTER_HORIZONTAL);
    hint->SetFont(hint->GetFont().Larger());
    m_emptyCount = new wxStaticText(panel, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize,
                                    wxALIGN_CENTER_HORIZONTAL);
    m_emptyCount->SetForegroundColour(wxColour(90, 90, 90));
    sizer->AddStretchSpacer(1);
    sizer->Add(hint, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, FromDIP(8));
    sizer->Add(m_emptyCount, 0, wxALIGN_CENTER_HORIZONTAL | wxALL, FromDIP(8));
    sizer->AddStretchSpacer(2);
    panel->SetSizer(sizer);
    return panel;
}

void MainFrame::buildMenu() {
    auto* file = new wxMenu;
    file->Append(wxID_NEW, _("&New resident…\tCtrl+N"));
    file->Append(wxID_OPEN, _("&Open record\tCtrl+O"));
    file->Append(ID_CHART, _("Chronic-care char&t…\tCtrl+T"));
    file->Append(ID_HOUSEHOLD, _("&Household…\tCtrl+H"));
    file->Append(ID_CONTRACT, _("Family-doctor contract (&K)…\tCtrl+K"));
    file->Append(ID_CLOSE_RECORD, _("&Close record (moved, dead, lost)…"));
    file->AppendSeparator();
    file->Append(ID_IMPORT, _("&Import from spreadsheet (CSV)…"));
    file->Append(ID_SETTINGS, _("Clinic &settings (names on slips)…"));
    file->AppendSeparator();
    file->Append(ID_LOCK, _("&Lock the screen\tCtrl+L"));
    file->Append(wxID_EXIT, _("E&xit\tCtrl+Q"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About Jiayi"));
    auto* bar = new wxMenuBar;
    bar->Append(file, _("&Records"));
    buildSyncMenu(bar);
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { newResident(); }, wxID_NEW);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { openResident(selectedOrTell()); }, wxID_OPEN);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { openHousehold(selectedOrTell()); }, ID_HOUSEHOLD);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { openChart(selectedOrTell()); }, ID_CHART);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { openContract(selectedOrTell()); }, ID_CONTRACT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { closeRecord(selectedOrTell()); }, ID_CLOSE_RECORD);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        wxFileDialog chooser(this, _("Choose the spreadsheet saved as CSV"), {}, {},
                             _("CSV files (*.csv)|*.csv;*.CSV|All files|*"),
                             wxFD_OPEN | wxFD_FILE_MUST_EXIST);
        if (chooser.ShowModal() == wxID_OK) importResidents(chooser.GetPath());
    }, ID_IMPORT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        ClinicSettingsDialog dialog(this, m_workstation);
        dialog.ShowModal();
        updateStatus();
    }, ID_SETTINGS);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) { lockNow(); }, ID_LOCK);
    Bind(wxEVT_MENU, [this](wxCommandEvent&) {
        wxMessageBox(_("Jiayi — offline resident health records for village clinics."),
                     _("About Jiayi"), wxOK | wxICON_INFORMATION, this);
    }, wxID_ABOUT);
}

void MainFrame::noteActivity() { m_lastActivityMs = wxGetLocalTimeMillis(); }

bool MainFrame::lockNow() {
    if (m_locked || m_workstation.session().userId.empty()) return true;
    m_locked = true;
    // Nothing of a patient stays on a screen left alone.
    m_content->Hide();
    for (;;) {
        SignInDialog dialog(this, m_workstation.database(), m_workstation.session().login, true);
        const int result = dialog.ShowModal();
        if (result == wxID_OK) break;
        if (result == SignInDialog::kSwitchUser && m_onSwitchUser) {
            // Another user of this PC (a colleague, a township doctor visiting) signs in on
            // the open site; a user of another site gets their seal of the site key here.
            SignInDialog other(this, m_workstation.database());
            if (other.ShowModal() == wxID_OK && other.session()) {
                const auto session = *other.session();
                m_locked = false;
                CallAfter([this, session] { m_onSwitchUser(session); });  // replaces this window
                return false;
            }
            continue;  // back to the lock
        }
        m_locked = false;
        Close(true);
        return false;
    }
    m_locked = false;
    m_content->Show();
    Layout();
    noteActivity();
    return true;
}

void MainFrame::searchNow() {
    m_searchTimer.Stop();
    const auto text = toUtf8(m_search->GetValue().Strip(wxString::both));
    if (text.empty()) {
        m_list->setResidents({});
        showResults(false);
        return;
    }
    try {
        m_list->setResidents(m_workstation.registry().find(text, kMaxHits));
    } catch (const std::exception& e) {
        m_list->setResidents({});
        m_resultInfo->SetLabel(toWx(e.what()));
    }
    showResults(true);
}

void MainFrame::showResults(bool haveQuery) {
    m_list->Show(haveQuery);
    m_emptyState->Show(!haveQuery);
    m_emptyCount->SetLabel(wxString::Format(_("%zu residents are registered at this site."),
                                            m_residentCount));
    const auto hits = static_cast<std::size_t>(m_list->GetItemCount());
    m_resultInfo->SetLabel(
        !haveQuery ? _("Enter a search above, or register a new resident.")
        : hits == 0 ? _("No resident found. Check the spelling or register a new resident.")
        : hits >= kMaxHits ? wxString::Format(_("The first %zu matches are shown; type more to "
                                               "narrow the search."), hits)
                           : wxString::Format(_("%zu found. Double-click or press Enter to open."),
                                              hits));
    m_emptyState->GetParent()->Layout();
    m_emptyState->Layout();
}

void MainFrame::updateStatus() {
    // The clinic by name (never the site's hexadecimal id), else the area it serves.
    auto clinic = store::clinicName(m_workstation.database());
    if (clinic.empty()) clinic = m_workstation.scope().empty() ? std::string() : m_workstation.placeName(m_workstation.scope());
    SetStatusText(clinic.empty() ? _("Clinic name not set (Records → Clinic settings)") : toWx(clinic), 0);
    // Who is signed in, so that a shared PC shows whose session is open.
    const auto& session = m_workstation.session();
    SetStatusText(session.userId.empty()
                      ? wxString::Format(_("Database: %s"), m_databasePath)
                      : wxString::Format(_("Signed in: %s (%s)"), toWx(session.displayName),
                                         toWx(rules::roleName(session.role))),
                  1);
    // Counted here, after writes, not on every keystroke's search (a county has millions).
    m_residentCount = m_workstation.residentCount();
    SetStatusText(wxString::Format(_("%zu residents"), m_residentCount), 2);
    refreshSyncStatus();
}

std::string MainFrame::selectedOrTell() {
    auto id = m_list->selectedId();
    if (id.empty() && m_list->GetItemCount() == 1) id = m_list->residents().front().id;
    if (id.empty())
        wxMessageBox(_("Select a resident in the list first."), _("Jiayi"),
                     wxOK | wxICON_INFORMATION, this);
    return id;
}

void MainFrame::newResident() {
    ResidentDialog dialog(this, m_workstation, std::nullopt);
    if (dialog.ShowModal() == wxID_OK) {
        showPage(ResidentsPage);
        m_search->ChangeValue(toWx(dialog.resident().archiveNo));
        searchNow();
        m_list->selectRow(0);
    }
    updateStatus();
}

void MainFrame::openResident(const std::string& residentId) {
    if (residentId.empty()) return;
    try {
        ResidentDialog dialog(this, m_workstation, m_workstation.registry().get(residentId));
        if (dialog.ShowModal() == wxID_OK) searchNow();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

void MainFrame::openChart(const std::string& residentId) {
    if (residentId.empty()) return;
    try {
        ChartDialog dialog(this, m_workstation, residentId);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

void MainFrame::openContract(const std::string& residentId) {
    if (residentId.empty()) return;
    try {
        ContractDialog dialog(this, m_workstation, residentId);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

void MainFrame::openHousehold(const std::string& residentId) {
    if (residentId.empty()) return;
    HouseholdDialog::showFor(this, m_workstation, residentId);
    searchNow();
    updateStatus();
}

void MainFrame::importResidents(const wxString& file) {
    ImportDialog dialog(this, m_workstation, file);
    dialog.check();
    dialog.ShowModal();
    updateStatus();
    showResults(!m_search->GetValue().empty());
}

void MainFrame::closeRecord(const std::string& residentId) {
    if (residentId.empty()) return;
    try {
        CloseRecordDialog dialog(this, m_workstation, m_workstation.registry().get(residentId));
        if (dialog.ShowModal() == wxID_OK) searchNow();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Jiayi"), wxOK | wxICON_ERROR, this);
    }
    updateStatus();
}

}  // namespace jiayi::gui
