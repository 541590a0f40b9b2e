#pragma once
// The small forms of a contract page (issue 17): ending a contract (the reason, its date, a
// note), and recording a service that no other form covers (a health-education session, a
// home visit without readings), naming the package item it delivers.
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/services/Contracts.h"
#include "gui/FormWidgets.h"

namespace jiayi::gui {

class EndContractDialog : public wxDialog {
public:
    EndContractDialog(wxWindow* parent, services::Contracts& contracts, services::ContractView contract);
    bool save();
    wxRadioBox* reasonBox() const { return m_reason; }
    wxTextCtrl* noteBox() const { return m_note; }

private:
    services::Contracts& m_contracts;
    services::ContractView m_contract;
    FormErrors m_errors;
    wxRadioBox* m_reason = nullptr;
    wxTextCtrl* m_date = nullptr;
    wxTextCtrl* m_note = nullptr;
    DiscardGuard m_guard;
};

class ServiceEntryDialog : public wxDialog {
public:
    // `items`: (code, name) of the package items of the resident's contract.
    ServiceEntryDialog(wxWindow* parent, services::Contracts& contracts, std::string residentId,
                       std::vector<std::pair<std::string, std::string>> items);
    bool save();
    wxChoice* itemChoice() const { return m_item; }
    wxTextCtrl* dateBox() const { return m_date; }

private:
    services::Contracts& m_contracts;
    std::string m_residentId;
    std::vector<std::pair<std::string, std::string>> m_items;
    FormErrors m_errors;
    wxChoice* m_item = nullptr;
    wxTextCtrl* m_date = nullptr;
    wxRadioBox* m_mode = nullptr;
    wxTextCtrl* m_note = nullptr;
    DiscardGuard m_guard;
};

// The priority groups a record cannot show, set by hand (contracts.md "Priority groups"):
// disability (when 残疾情况 does not say it), low income, 计生特殊家庭, 低保, 特困.
class PriorityTagsDialog : public wxDialog {
public:
    PriorityTagsDialog(wxWindow* parent, services::Contracts& contracts, std::string residentId);
    bool save();
    wxCheckBox* box(rules::contracts::Group group) const;

private:
    services::Contracts& m_contracts;
    std::string m_residentId;
    std::vector<std::pair<rules::contracts::Group, wxCheckBox*>> m_boxes;
    std::vector<rules::contracts::Group> m_before;
    FormErrors m_errors;
};

}  // namespace jiayi::gui
