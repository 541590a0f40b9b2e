#include "gui/HistoryEditors.h"

#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/rules/CodeLists.h"
#include "gui/FormWidgets.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
const rules::CodeList& diseaseList() { return *rules::codeList("disease"); }
bool needsName(std::string_view code) { return code == "6" || code == "12" || code == "13"; }
}  // namespace

DiseaseHistoryPanel::DiseaseHistoryPanel(wxWindow* parent) : wxPanel(parent) {
    // Two blocks side by side keep the twelve diseases within one screen.
    auto* grid = new wxFlexGridSizer(6, FromDIP(4), FromDIP(8));
    for (const auto& c : diseaseList().codes) {
        Row row{c.code, new wxCheckBox(this, wxID_ANY, wxGetTranslation(wxString::FromUTF8(c.english))),
                nullptr, nullptr};
        grid->Add(row.box, 0, wxALIGN_CENTER_VERTICAL);
        if (std::string_view(c.code) == "1") {  // 无: no date
            grid->AddSpacer(0);
            grid->AddSpacer(0);
        } else {
            row.date = makeDateCtrl(this);
            row.date->SetToolTip(_("Date of diagnosis"));
            grid->Add(row.date, 0, wxALIGN_CENTER_VERTICAL);
            if (needsName(c.code)) {
                row.note = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition,
                                          FromDIP(wxSize(110, -1)));
                row.note->SetHint(_("Disease name"));
                grid->Add(row.note, 0, wxALIGN_CENTER_VERTICAL);
            } else {
                grid->AddSpacer(0);
            }
        }
        m_rows.push_back(row);
    }
    SetSizer(grid);
}

void DiseaseHistoryPanel::setDiseases(const std::vector<model::DiagnosedDisease>& diseases) {
    for (auto& row : m_rows) {
        row.box->SetValue(false);
        if (row.date) row.date->ChangeValue({});
        if (row.note) row.note->ChangeValue({});
        for (const auto& d : diseases) {
            if (d.code != row.code) continue;
            row.box->SetValue(true);
            if (row.date) row.date->ChangeValue(dateText(d.diagnosedOn));
            if (row.note) row.note->ChangeValue(toWx(d.note));
        }
    }
}

std::vector<model::DiagnosedDisease> DiseaseHistoryPanel::diseases(
    std::vector<FieldError>& errors) const {
    std::vector<model::DiagnosedDisease> out;
    for (const auto& row : m_rows) {
        if (!row.box->GetValue()) continue;
        model::DiagnosedDisease d;
        d.code = row.code;
        if (row.date) d.diagnosedOn = readDate(row.date, "past_diseases", errors);
        if (row.note) d.note = toUtf8(row.note->GetValue());
        out.push_back(d);
    }
    return out;
}

EventListEditor::EventListEditor(wxWindow* parent, const std::string& field)
    : wxPanel(parent), m_field(field) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    m_list = new wxListView(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 84)),
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->AppendColumn(_("Item name"), wxLIST_FORMAT_LEFT, FromDIP(220));
    m_list->AppendColumn(_("Date"), wxLIST_FORMAT_LEFT, FromDIP(110));
    sizer->Add(m_list, 1, wxEXPAND);
    auto* inputs = new wxBoxSizer(wxHORIZONTAL);
    m_name = new wxTextCtrl(this, wxID_ANY);
    m_name->SetHint(_("Item name"));
    m_date = makeDateCtrl(this);
    auto* add = new wxButton(this, wxID_ANY, _("Add"), wxDefaultPosition, wxDefaultSize,
                             wxBU_EXACTFIT);
    auto* remove = new wxButton(this, wxID_ANY, _("Remove"), wxDefaultPosition, wxDefaultSize,
                                wxBU_EXACTFIT);
    inputs->Add(m_name, 1, wxRIGHT, FromDIP(4));
    inputs->Add(m_date, 0, wxRIGHT, FromDIP(4));
    inputs->Add(add, 0, wxRIGHT, FromDIP(4));
    inputs->Add(remove, 0);
    sizer->Add(inputs, 0, wxEXPAND | wxTOP, FromDIP(4));
    m_inputError = new wxStaticText(this, wxID_ANY, {});
    m_inputError->SetForegroundColour(wxColour(200, 0, 0));
    m_inputError->Hide();
    sizer->Add(m_inputError, 0, wxTOP, 2);
    SetSizer(sizer);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { addFromInputs(); });
    remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const long i = m_list->GetFirstSelected();
        if (i < 0) return;
        m_events.erase(m_events.begin() + i);
        refresh();
    });
}

void EventListEditor::addFromInputs() {
    std::vector<FieldError> errors;
    model::HistoryEvent e{toUtf8(m_name->GetValue().Strip(wxString::both)),
                          readDate(m_date, m_field, errors)};
    if (e.name.empty()) errors.push_back({m_field, toUtf8(_("Enter the name first"))});
    m_inputError->Show(!errors.empty());
    if (!errors.empty()) {
        m_inputError->SetLabel(toWx(errors.front().reason));
        GetParent()->Layout();
        return;
    }
    m_events.push_back(e);
    m_name->Clear();
    m_date->Clear();
    refresh();
    GetParent()->Layout();
}

void EventListEditor::setEvents(const std::vector<model::HistoryEvent>& events) {
    m_events = events;
    refresh();
}

void EventListEditor::refresh() {
    m_list->DeleteAllItems();
    for (std::size_t i = 0; i < m_events.size(); ++i) {
        const long row = m_list->InsertItem(static_cast<long>(i), toWx(m_events[i].name));
        m_list->SetItem(row, 1, dateText(m_events[i].date));
    }
}

FamilyHistoryGrid::FamilyHistoryGrid(wxWindow* parent) : wxPanel(parent) {
    const wxString relatives[] = {_("Father"), _("Mother"), _("Brothers and sisters"),
                                  _("Children")};
    auto* grid = new wxFlexGridSizer(5, FromDIP(2), FromDIP(18));
    grid->AddSpacer(0);
    for (const auto& r : relatives) {
        auto* head = new wxStaticText(this, wxID_ANY, r);
        head->SetFont(head->GetFont().Bold());
        grid->Add(head, 0, wxALIGN_CENTER_HORIZONTAL | wxBOTTOM, FromDIP(4));
    }
    m_boxes.resize(4);
    for (const auto& c : diseaseList().codes) {
        m_codes.emplace_back(c.code);
        grid->Add(new wxStaticText(this, wxID_ANY, wxGetTranslation(wxString::FromUTF8(c.english))),
                  0, wxALIGN_CENTER_VERTICAL);
        for (auto& column : m_boxes) {
            column.push_back(new wxCheckBox(this, wxID_ANY, {}));
            grid->Add(column.back(), 0, wxALIGN_CENTER);
        }
    }
    SetSizer(grid);
}

void FamilyHistoryGrid::setHistory(const model::FamilyHistory& h) {
    const std::vector<std::string>* lists[] = {&h.father, &h.mother, &h.siblings, &h.children};
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t i = 0; i < m_codes.size(); ++i)
            m_boxes[r][i]->SetValue(std::find(lists[r]->begin(), lists[r]->end(), m_codes[i]) !=
                                    lists[r]->end());
}

model::FamilyHistory FamilyHistoryGrid::history() const {
    model::FamilyHistory h;
    std::vector<std::string>* lists[] = {&h.father, &h.mother, &h.siblings, &h.children};
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t i = 0; i < m_codes.size(); ++i)
            if (m_boxes[r][i]->GetValue()) lists[r]->push_back(m_codes[i]);
    return h;
}

}  // namespace jiayi::gui
