#include "gui/SyncPanel.h"

#include "sync/Parked.h"

#include <wx/settings.h>
#include <wx/sizer.h>

#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
const wxColour kErrorColour(190, 0, 0);
const wxColour kDoneColour(0, 110, 0);
const wxColour kHintColour(90, 90, 90);

long long count(std::int64_t n) { return static_cast<long long>(n); }
}  // namespace

SyncPanel::SyncPanel(wxWindow* parent) : wxPanel(parent) {
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    auto* outer = new wxBoxSizer(wxVERTICAL);
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    const int gap = FromDIP(18);
    m_lastSync = new wxStaticText(this, wxID_ANY, {});
    m_waiting = new wxStaticText(this, wxID_ANY, {});
    m_conflicts = new wxButton(this, wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    row->Add(m_lastSync, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    row->Add(m_waiting, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    row->Add(m_conflicts, 0, wxALIGN_CENTER_VERTICAL);
    m_parked = new wxStaticText(this, wxID_ANY, {});
    m_parked->SetName("parked");
    m_parked->SetForegroundColour(wxColour(170, 90, 0));
    row->Add(m_parked, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    row->AddStretchSpacer();
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(200, -1)));
    m_progressText = new wxStaticText(this, wxID_ANY, {});
    m_cancelButton = new wxButton(this, wxID_CANCEL, _("Stop sync"));
    row->Add(m_gauge, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    row->Add(m_progressText, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(8));
    row->Add(m_cancelButton, 0, wxALIGN_CENTER_VERTICAL);
    outer->Add(row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
    m_message = new wxStaticText(this, wxID_ANY, {});
    outer->Add(m_message, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
    outer->AddSpacer(FromDIP(8));
    SetSizer(outer);

    showProgressControls(false);
    m_message->Hide();
    m_conflicts->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (m_review) m_review();
    });
    m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_cancelButton->Disable();
        m_progressText->SetLabel(_("Stopping after this batch…"));
        if (m_cancel) m_cancel();
    });
}

void SyncPanel::showStatus(const sync::SyncStatus& status) {
    m_lastSync->SetLabel(!status.enrolled ? _("Not joined to a township hub yet")
                         : status.lastSync.empty()
                             ? _("Last sync: never")
                             : wxString::Format(_("Last sync: %s"), toWx(status.lastSync)));
    m_waiting->SetLabel(status.waiting == 0 ? _("All changes synced")
                                            : wxString::Format(_("%lld changes not yet synced"), count(status.waiting)));
    // What other sites sent that cannot apply here yet: the count, the reasons on hover.
    m_parked->Show(!status.parked.empty());
    m_parked->SetLabel(wxString::Format(_("%zu received changes wait (hover for why)"), status.parked.size()));
    wxString why;
    for (std::size_t i = 0; i < status.parked.size() && i < 10; ++i)
        why += (i ? "\n" : "") + wxString::FromUTF8("• ") + toWx(sync::parkedText(status.parked[i]));
    m_parked->SetToolTip(why);
    m_conflicts->SetLabel(
        wxString::Format(_("Conflicts to review: %lld"), count(status.openConflicts)));
    m_conflicts->Enable(status.openConflicts > 0);
    if (!status.lastError.empty())
        showMessage(wxString::Format(_("The last sync did not finish: %s"), toWx(status.lastError)),
                    kErrorColour);
    else if (!status.enrolled)
        showMessage(_("Press \"Sync\" to join this workstation to the township hub with the "
                      "enrolment code from the township."),
                    kHintColour);
    else if (!m_sticky)
        showMessage({}, kHintColour);
    relayout();
}

void SyncPanel::showStarted() {
    m_gauge->SetValue(0);
    m_progressText->SetLabel(_("Connecting to the hub…"));
    m_cancelButton->Enable();
    showProgressControls(true);
    showMessage({}, kHintColour);
    relayout();
}

void SyncPanel::showProgress(const sync::SyncProgress& p) {
    if (p.phase == sync::SyncProgress::Phase::Push) {
        m_gauge->SetRange(static_cast<int>(std::max<std::int64_t>(p.total, 1)));
        m_gauge->SetValue(static_cast<int>(std::min(p.done, p.total)));
        m_progressText->SetLabel(wxString::Format(_("Sent %lld of %lld changes"), count(p.done),
                                                  count(p.total)));
    } else {
        if (p.total > 0) {  // the last batch: the count is complete
            m_gauge->SetRange(static_cast<int>(p.total));
            m_gauge->SetValue(static_cast<int>(p.total));
        } else {
            m_gauge->Pulse();
        }
        m_progressText->SetLabel(wxString::Format(_("Received %lld changes"), count(p.done)));
    }
    if (m_cancelButton->IsEnabled()) relayout();
}

void SyncPanel::showFinished(const sync::SyncReport* report, const wxString& failure) {
    showProgressControls(false);
    if (!report)
        showMessage(wxString::Format(_("The last sync did not finish: %s"), failure), kErrorColour,
                    true);
    else if (report->conflicts > 0)
        showMessage(wxString::Format(_("Sync done: %lld changes sent, %lld received. %lld values "
                                       "were edited at two places at once: please review the "
                                       "conflicts."),
                                     count(report->pushed), count(report->pulled),
                                     count(report->conflicts)),
                    kDoneColour, true);
    else
        showMessage(wxString::Format(_("Sync done: %lld changes sent, %lld received."),
                                     count(report->pushed), count(report->pulled)),
                    kDoneColour, true);
    relayout();
}

void SyncPanel::showMessage(const wxString& text, const wxColour& colour, bool sticky) {
    m_sticky = sticky;
    m_message->SetForegroundColour(colour);
    m_message->SetLabel(text);
    const int width = GetParent() ? GetParent()->GetClientSize().x : GetClientSize().x;
    m_message->Wrap(std::max(width - FromDIP(40), FromDIP(400)));
    m_message->Show(!text.empty());
}

void SyncPanel::showProgressControls(bool show) {
    m_gauge->Show(show);
    m_progressText->Show(show);
    m_cancelButton->Show(show);
}

void SyncPanel::relayout() {
    Layout();
    if (GetParent()) GetParent()->Layout();
}

}  // namespace jiayi::gui
