#pragma once
// A resident's family-doctor contract page (issue 17): every contract with its state (the
// history of renewals and re-signings), and for the one selected what it owes this year —
// each package item due, delivered or overdue, with the records that delivered it (履约).
// Sign (a resident or the household), sign a prepared contract, renew, end, record a
// service no other form covers, keep one of two contracts signed at two sites, and print
// the agreement (协议书).
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/services/Contracts.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class ContractDialog : public wxDialog {
public:
    ContractDialog(wxWindow* parent, services::Workstation& workstation, const std::string& residentId);

    void reload();
    // Actions (each opens its dialog or asks, then reloads).
    void sign();
    void signPending();
    void renew();
    void end();
    void recordService();
    void keepThisOne();
    void printAgreement();
    void editPriorityGroups();

    wxListCtrl* contractList() const { return m_list; }
    wxListCtrl* itemList() const { return m_items; }
    // The resident's household: each current member with the contract in force today.
    wxListCtrl* householdList() const { return m_household; }
    const std::vector<services::ContractView>& contracts() const { return m_views; }
    // The contract selected (the first, the newest, when none is).
    const services::ContractView* selected() const;
    void select(std::size_t row);
    wxString deliveryText() const { return m_delivery->GetLabel(); }
    // Who answers the page's yes/no questions (renew? keep this one?); tests replace it.
    static void setAsker(std::function<bool(wxWindow*, const wxString&)> asker);

private:
    void fillItems();
    void fillHousehold();
    void openMember();
    void updateButtons();
    bool ask(const wxString& question);

    services::Workstation& m_workstation;
    services::Contracts m_contracts;
    model::Resident m_resident;
    std::vector<services::ContractView> m_views;
    wxStaticText* m_groups = nullptr;
    wxStaticText* m_delivery = nullptr;
    wxListCtrl* m_list = nullptr;
    wxListCtrl* m_items = nullptr;
    wxListCtrl* m_household = nullptr;
    std::vector<std::string> m_memberIds;
    wxButton* m_signPending = nullptr;
    wxButton* m_renew = nullptr;
    wxButton* m_end = nullptr;
    wxButton* m_service = nullptr;
    wxButton* m_keep = nullptr;
    wxButton* m_print = nullptr;
};

}  // namespace jiayi::gui
