#include "gui/ContractForms.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

#include "gui/WxText.h"

namespace jiayi::gui {

namespace cr = rules::contracts;

namespace {

// The reasons a person ends a contract by hand (重签 ends it by itself when the new one is signed).
const cr::EndReason kReasons[] = {cr::EndReason::Refused, cr::EndReason::Lost, cr::EndReason::Moved,
                                  cr::EndReason::Dead, cr::EndReason::Other};

}  // namespace

EndContractDialog::EndContractDialog(wxWindow* parent, services::Contracts& contracts, services::ContractView contract)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("End the contract of %s"), toWx(contract.residentName))),
      m_contracts(contracts),
      m_contract(std::move(contract)) {
    applyReadableFont(this);
    SetName("endContractDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* who = new wxStaticText(this, wxID_ANY,
                                 wxString::Format(_("%s with %s, %s to %s"), toWx(m_contract.residentName),
                                                  toWx(m_contract.teamName), dateText(m_contract.contract.startOn),
                                                  dateText(m_contract.contract.endOn)));
    who->SetFont(who->GetFont().Bold());
    sizer->Add(who, 0, wxALL, FromDIP(12));
    wxArrayString reasons;
    for (const auto r : kReasons) reasons.Add(toWx(services::endReasonName(std::string(cr::code(r)))));
    m_reason = new wxRadioBox(this, wxID_ANY, _("Why does it end?"), wxDefaultPosition, wxDefaultSize, reasons, 3,
                              wxRA_SPECIFY_COLS);
    sizer->Add(m_reason, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    FormSection details(this, _("Details"), m_errors, 0, 1);
    m_date = makeDateCtrl(details.box());
    m_date->ChangeValue(toWx(formatDate(today())));
    details.add(_("Last day in force"), m_date, "ended_on");
    m_note = textBox(details.box(), 360);
    details.add(_("&Note"), m_note, "note");
    sizer->Add(details.sizer(), 0, wxEXPAND | wxALL, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&End the contract"), [this] { save(); }, false), 0, wxEXPAND | wxALL,
               FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();
    m_guard.watch(this);
}

bool EndContractDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    const auto date = readDate(m_date, "ended_on", errors);
    const auto reason = kReasons[std::max(0, m_reason->GetSelection())];
    if (!storeOrShow(m_errors, std::move(errors), [&] {
            m_contracts.terminate(m_contract.contract.id, reason, date, toUtf8(m_note->GetValue()));
        })) {
        Fit();
        return false;
    }
    m_guard.take();
    endOk(this);
    return true;
}

ServiceEntryDialog::ServiceEntryDialog(wxWindow* parent, services::Contracts& contracts, std::string residentId,
                                       std::vector<std::pair<std::string, std::string>> items)
    : wxDialog(parent, wxID_ANY, _("Record a contract service")),
      m_contracts(contracts),
      m_residentId(std::move(residentId)),
      m_items(std::move(items)) {
    applyReadableFont(this);
    SetName("serviceEntryDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* hint = new wxStaticText(this, wxID_ANY,
                                  _("For a service no other form records (a health-education session, a home visit\n"
                                    "without readings). Follow-ups, checks and referrals count by themselves."));
    sizer->Add(hint, 0, wxALL, FromDIP(12));
    FormSection form(this, _("Service"), m_errors, 0, 1);
    m_item = new wxChoice(form.box(), wxID_ANY);
    for (const auto& [code, name] : m_items) m_item->Append(toWx(name));
    if (!m_items.empty()) m_item->SetSelection(0);
    form.add(_("&Service item"), m_item, "item");
    m_date = makeDateCtrl(form.box());
    m_date->ChangeValue(toWx(formatDate(today())));
    form.add(_("&Date"), m_date, "service_date");
    const wxString modes[] = {codeText("follow_up_mode", "clinic"), codeText("follow_up_mode", "home"),
                              codeText("follow_up_mode", "phone")};
    m_mode = new wxRadioBox(form.box(), wxID_ANY, {}, wxDefaultPosition, wxDefaultSize, 3, modes, 3, wxRA_SPECIFY_COLS);
    form.add(_("Where"), m_mode, "mode");
    m_note = textBox(form.box(), 360);
    form.add(_("&Note"), m_note, "note");
    sizer->Add(form.sizer(), 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(12));
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Record"), [this] { save(); }, false), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();
    m_guard.watch(this);
}

bool ServiceEntryDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    model::ServiceEntry e;
    e.residentId = m_residentId;
    const int item = m_item->GetSelection();
    if (item >= 0 && static_cast<std::size_t>(item) < m_items.size()) e.item = m_items[static_cast<std::size_t>(item)].first;
    e.serviceDate = readDate(m_date, "service_date", errors);
    static const char* const kModes[] = {"clinic", "home", "phone"};
    e.mode = kModes[std::clamp(m_mode->GetSelection(), 0, 2)];
    e.note = toUtf8(m_note->GetValue());
    if (!storeOrShow(m_errors, std::move(errors), [&] { m_contracts.recordService(e); })) {
        Fit();
        return false;
    }
    m_guard.take();
    endOk(this);
    return true;
}

PriorityTagsDialog::PriorityTagsDialog(wxWindow* parent, services::Contracts& contracts, std::string residentId)
    : wxDialog(parent, wxID_ANY, _("Priority groups set by hand")),
      m_contracts(contracts),
      m_residentId(std::move(residentId)) {
    applyReadableFont(this);
    SetName("priorityTagsDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(new wxStaticText(this, wxID_ANY,
                                _("Age, pregnancy and the chronic programmes are read from the record.\n"
                                  "Tick the groups the record cannot show:")),
               0, wxALL, FromDIP(12));
    m_before = m_contracts.groupsOf(m_residentId, today());
    for (const auto g : {cr::Group::Disabled, cr::Group::LowIncome, cr::Group::FamilyPlanning, cr::Group::Dibao,
                         cr::Group::Tekun}) {
        auto* box = new wxCheckBox(this, wxID_ANY, toWx(services::groupName(g)));
        box->SetValue(std::find(m_before.begin(), m_before.end(), g) != m_before.end());
        m_boxes.emplace_back(g, box);
        sizer->Add(box, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
    }
    addErrorLine(this, sizer, m_errors);
    sizer->Add(okCancelButtons(this, _("&Save"), [this] { save(); }), 0, wxEXPAND | wxALL, FromDIP(12));
    SetSizerAndFit(sizer);
    CentreOnParent();
}

wxCheckBox* PriorityTagsDialog::box(cr::Group group) const {
    for (const auto& [g, b] : m_boxes)
        if (g == group) return b;
    return nullptr;
}

bool PriorityTagsDialog::save() {
    m_errors.clear();
    if (!storeOrShow(m_errors, {}, [&] {
            for (const auto& [g, b] : m_boxes) {
                const bool was = std::find(m_before.begin(), m_before.end(), g) != m_before.end();
                // A disability the record names stays, whatever the box says.
                if (b->GetValue() != was) m_contracts.setTag(m_residentId, g, b->GetValue());
            }
        })) {
        Fit();
        return false;
    }
    endOk(this);
    return true;
}

}  // namespace jiayi::gui
