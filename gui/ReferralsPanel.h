#pragma once
// Two-way referral lists: the outbox (up-referrals this workstation sent) and the inbox
// (referrals received in its area), each with the effective state ("expired" when not
// accepted in time) and the 2-week follow-up. The actions offered are the ones the
// referral's state allows: send, cancel, close for the sender; accept, refuse, return slip
// for the receiver.
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>

#include <string>
#include <vector>

#include "core/services/Referrals.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ReferralsPanel : public wxPanel {
public:
    ReferralsPanel(wxWindow* parent, services::Workstation& workstation);
    void refresh();

    enum class Box { Outbox, Inbox };
    void showBox(Box box);
    // The actions, on the selected referral of the shown box.
    void openSlip();
    void send();
    void cancel();
    void close();
    void accept();
    void refuse();
    void returnSlip();

    const std::vector<services::ReferralView>& outbox() const { return m_outbox; }
    const std::vector<services::ReferralView>& inbox() const { return m_inbox; }
    wxListCtrl* outboxList() const { return m_outList; }
    wxListCtrl* inboxList() const { return m_inList; }
    void select(Box box, long row);
    // The action buttons, enabled as the selected referral's state allows.
    wxButton* sendButton() const { return m_send; }
    wxButton* cancelButton() const { return m_cancel; }
    wxButton* closeButton() const { return m_close; }
    wxButton* acceptButton() const { return m_accept; }

private:
    wxListCtrl* makeList(wxWindow* parent);
    void fill(wxListCtrl* list, const std::vector<services::ReferralView>& views);
    Box shownBox() const;
    const services::ReferralView* selected() const;
    void updateButtons();
    // Runs one state change; shows the error if the service refuses it.
    template <typename Action>
    void change(Action action);

    services::Workstation& m_workstation;
    std::vector<services::ReferralView> m_outbox, m_inbox;
    wxNotebook* m_book = nullptr;
    wxListCtrl *m_outList = nullptr, *m_inList = nullptr;
    wxButton *m_open, *m_send, *m_cancel, *m_close, *m_accept, *m_refuse, *m_return;
};

}  // namespace jiayi::gui
