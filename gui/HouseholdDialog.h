#pragma once
// A household (户): address, head, current members and the history of who left and why.
#include <wx/dataview.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>

#include "core/model/Household.h"

namespace jiayi::services {
class Workstation;
}

namespace jiayi::gui {

class HouseholdDialog : public wxDialog {
public:
    HouseholdDialog(wxWindow* parent, services::Workstation& workstation,
                    const std::string& householdId);
    // Opens the household of a resident (offering to found one when there is none).
    static void showFor(wxWindow* parent, services::Workstation& workstation,
                        const std::string& residentId);

    // One core call each; errors go to the dialog's error line. True on success.
    bool saveAddress();
    bool addMember(const std::string& residentId, const std::string& relation);
    bool makeHead(const std::string& residentId, const std::string& oldHeadRelation);

    wxDataViewListCtrl* currentMembers() const { return m_current; }
    wxDataViewListCtrl* pastMembers() const { return m_past; }
    wxTextCtrl* addressCtrl() const { return m_address; }
    wxStaticText* errorLine() const { return m_error; }
    const model::Household& household() const { return m_household; }

private:
    void reload();
    bool run(const std::function<void()>& action);
    void pickAndAddMember();
    void pickNewHead();
    std::string selectedCurrentMember() const;

    services::Workstation& m_workstation;
    model::Household m_household;
    wxTextCtrl* m_address;
    wxStaticText* m_village;
    wxStaticText* m_head;
    wxStaticText* m_error;
    wxDataViewListCtrl* m_current;
    wxDataViewListCtrl* m_past;
    std::vector<std::string> m_currentIds;
};

}  // namespace jiayi::gui
