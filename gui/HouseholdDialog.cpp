#include "gui/HouseholdDialog.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/textdlg.h>

#include "core/rules/CodeLists.h"
#include "core/services/Workstation.h"
#include "gui/FormWidgets.h"
#include "gui/ResidentPicker.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
wxDataViewListCtrl* memberList(wxWindow* parent, const std::vector<wxString>& columns) {
    auto* list = new wxDataViewListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                        wxDV_SINGLE | wxDV_ROW_LINES);
    for (const auto& c : columns)
        list->AppendTextColumn(c, wxDATAVIEW_CELL_INERT, parent->FromDIP(150), wxALIGN_LEFT,
                               wxDATAVIEW_COL_RESIZABLE);
    return list;
}
}  // namespace

HouseholdDialog::HouseholdDialog(wxWindow* parent, services::Workstation& workstation,
                                 const std::string& householdId)
    : wxDialog(parent, wxID_ANY, _("Household"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workstation(workstation),
      m_household(workstation.registry().household(householdId)) {
    applyReadableFont(this);
    SetName("householdDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* info = new wxStaticBoxSizer(wxVERTICAL, this, _("Household"));
    auto* box = info->GetStaticBox();
    auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
    grid->AddGrowableCol(1);
    m_village = new wxStaticText(box, wxID_ANY, {});
    m_head = new wxStaticText(box, wxID_ANY, {});
    m_address = new wxTextCtrl(box, wxID_ANY);
    auto* saveAddress = new wxButton(box, wxID_ANY, _("Save address"));
    auto* addressRow = new wxBoxSizer(wxHORIZONTAL);
    addressRow->Add(m_address, 1, wxRIGHT, FromDIP(6));
    addressRow->Add(saveAddress, 0);
    grid->Add(new wxStaticText(box, wxID_ANY, _("Village")), 0, wxALIGN_RIGHT | wxALIGN_CENTER_VERTICAL);
    grid->Add(m_village, 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(new wxStaticText(box, wxID_ANY, _("Address")), 0, wxALIGN_RIGHT | wxALIGN_CENTER_VERTICAL);
    grid->Add(addressRow, 1, wxEXPAND);
    grid->Add(new wxStaticText(box, wxID_ANY, _("Household head")), 0, wxALIGN_RIGHT);
    grid->Add(m_head, 0);
    info->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
    sizer->Add(info, 0, wxEXPAND | wxALL, FromDIP(10));

    auto* current = new wxStaticBoxSizer(wxVERTICAL, this, _("Current members"));
    m_current = memberList(current->GetStaticBox(),
                           {_("Name"), _("Relation to head"), _("Joined on")});
    current->Add(m_current, 1, wxEXPAND | wxALL, FromDIP(6));
    auto* memberButtons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(current->GetStaticBox(), wxID_ADD, _("Add member…"));
    auto* head = new wxButton(current->GetStaticBox(), wxID_ANY, _("Make head of household…"));
    memberButtons->Add(add, 0, wxRIGHT, FromDIP(6));
    memberButtons->Add(head, 0);
    current->Add(memberButtons, 0, wxLEFT | wxBOTTOM, FromDIP(6));
    sizer->Add(current, 3, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    auto* past = new wxStaticBoxSizer(wxVERTICAL, this, _("Former members (history)"));
    m_past = memberList(past->GetStaticBox(), {_("Name"), _("Relation to head"), _("Joined on"),
                                               _("Left on"), _("Reason")});
    past->Add(m_past, 1, wxEXPAND | wxALL, FromDIP(6));
    sizer->Add(past, 2, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    m_error = new wxStaticText(this, wxID_ANY, {});
    m_error->SetForegroundColour(wxColour(200, 0, 0));
    sizer->Add(m_error, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));
    // Our own label: GTK's stock "Close" stays English when the OS locale is C.
    auto* closeRow = new wxBoxSizer(wxHORIZONTAL);
    closeRow->AddStretchSpacer();
    closeRow->Add(new wxButton(this, wxID_CLOSE, _("Close")));
    sizer->Add(closeRow, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);
    SetEscapeId(wxID_CLOSE);
    Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndDialog(wxID_CLOSE); }, wxID_CLOSE);
    saveAddress->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->saveAddress(); });
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { pickAndAddMember(); });
    head->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { pickNewHead(); });
    reload();
    SetSize(FromDIP(wxSize(820, 620)));
    CentreOnParent();
}

void HouseholdDialog::showFor(wxWindow* parent, services::Workstation& workstation,
                              const std::string& residentId) {
    try {
        auto& registry = workstation.registry();
        auto household = registry.householdOf(residentId);
        if (!household) {
            const auto r = registry.get(residentId);
            wxTextEntryDialog ask(parent, wxString::Format(_("%s does not belong to a household. "
                                                             "Address of a new household with %s "
                                                             "as head:"),
                                                           toWx(r.name), toWx(r.name)),
                                  _("New household"));
            if (ask.ShowModal() != wxID_OK) return;
            household = registry.createHousehold(r.villageCode, toUtf8(ask.GetValue()), r.id);
        }
        HouseholdDialog dialog(parent, workstation, household->id);
        dialog.ShowModal();
    } catch (const std::exception& e) {
        wxMessageBox(toWx(e.what()), _("Household"), wxOK | wxICON_ERROR, parent);
    }
}

void HouseholdDialog::reload() {
    m_household = m_workstation.registry().household(m_household.id);
    m_village->SetLabel(toWx(m_workstation.placeName(m_household.villageCode)));
    m_address->ChangeValue(toWx(m_household.address));
    m_head->SetLabel(_("(none — choose a new head)"));
    m_current->DeleteAllItems();
    m_past->DeleteAllItems();
    m_currentIds.clear();
    for (const auto& m : m_household.members) {
        wxVector<wxVariant> row;
        row.push_back(wxVariant(toWx(m.residentName)));
        row.push_back(wxVariant(codeText("relation", m.relation)));
        row.push_back(wxVariant(toWx(formatDate(m.joinedOn))));
        if (m.leftOn) {
            row.push_back(wxVariant(dateText(m.leftOn)));
            row.push_back(wxVariant(toWx(m.leftReason)));
            m_past->AppendItem(row);
        } else {
            m_current->AppendItem(row);
            m_currentIds.push_back(m.residentId);
            if (m.residentId == m_household.headId) m_head->SetLabel(toWx(m.residentName));
        }
    }
    Layout();
}

bool HouseholdDialog::run(const std::function<void()>& action) {
    m_error->SetLabel({});
    try {
        action();
        reload();
        return true;
    } catch (const ValidationError& e) {
        m_error->SetLabel(toWx(e.reason()));
    } catch (const std::exception& e) {
        m_error->SetLabel(toWx(e.what()));
    }
    Layout();
    return false;
}

bool HouseholdDialog::saveAddress() {
    return run([this] {
        m_workstation.registry().editHouseholdAddress(m_household.id,
                                                      toUtf8(m_address->GetValue().Strip(wxString::both)));
    });
}

bool HouseholdDialog::addMember(const std::string& residentId, const std::string& relation) {
    return run([&] { m_workstation.registry().addMember(m_household.id, residentId, relation); });
}

bool HouseholdDialog::makeHead(const std::string& residentId, const std::string& oldHeadRelation) {
    return run([&] {
        m_workstation.registry().changeHead(m_household.id, residentId, oldHeadRelation);
    });
}

std::string HouseholdDialog::selectedCurrentMember() const {
    const int row = m_current->GetSelectedRow();
    return row == wxNOT_FOUND ? std::string() : m_currentIds[static_cast<std::size_t>(row)];
}

namespace {
// Asks for a relation to the head; "" when cancelled.
std::string askRelation(wxWindow* parent, const wxString& question, bool allowHead) {
    wxArrayString labels;
    std::vector<std::string> codes;
    for (const auto& c : rules::codeList("relation")->codes) {
        if (!allowHead && std::string_view(c.code) == "0") continue;
        labels.Add(wxGetTranslation(wxString::FromUTF8(c.english)));
        codes.emplace_back(c.code);
    }
    wxSingleChoiceDialog ask(parent, question, _("Relation to head"), labels);
    if (ask.ShowModal() != wxID_OK) return {};
    return codes[static_cast<std::size_t>(ask.GetSelection())];
}
}  // namespace

void HouseholdDialog::pickAndAddMember() {
    ResidentPicker picker(this, m_workstation, _("Add a member to the household"));
    if (picker.ShowModal() != wxID_OK) return;
    const auto relation = askRelation(this, _("Relation of the new member to the head:"), false);
    if (!relation.empty()) addMember(picker.selectedId(), relation);
}

void HouseholdDialog::pickNewHead() {
    const auto id = selectedCurrentMember();
    if (id.empty()) {
        m_error->SetLabel(_("Select the new head in the list of current members first."));
        return;
    }
    std::string oldRelation = "7";
    if (!m_household.headId.empty() && m_household.headId != id) {
        oldRelation = askRelation(this, _("Relation of the former head to the new head:"), false);
        if (oldRelation.empty()) return;
    }
    makeHead(id, oldRelation);
}

}  // namespace jiayi::gui
