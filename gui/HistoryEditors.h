#pragma once
// Editors for the repeating parts of 既往史 and 家族史: diseases with diagnosis dates,
// small lists of surgeries / injuries / transfusions, and the family-history matrix.
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/util/Error.h"

namespace jiayi::gui {

// One check box per disease of the "disease" list, each with its diagnosis date and, for
// 恶性肿瘤 / 职业病 / 其他, the name.
class DiseaseHistoryPanel : public wxPanel {
public:
    explicit DiseaseHistoryPanel(wxWindow* parent);
    void setDiseases(const std::vector<model::DiagnosedDisease>& diseases);
    std::vector<model::DiagnosedDisease> diseases(std::vector<FieldError>& errors) const;

private:
    struct Row {
        std::string code;
        wxCheckBox* box;
        wxTextCtrl* date;
        wxTextCtrl* note;  // nullptr when the disease needs no name
    };
    std::vector<Row> m_rows;
};

// 手术 / 外伤 / 输血: name and date per line; add and remove.
class EventListEditor : public wxPanel {
public:
    EventListEditor(wxWindow* parent, const std::string& field);
    void setEvents(const std::vector<model::HistoryEvent>& events);
    std::vector<model::HistoryEvent> events() const { return m_events; }

private:
    void refresh();
    void addFromInputs();

    std::string m_field;
    std::vector<model::HistoryEvent> m_events;
    wxListView* m_list;
    wxTextCtrl* m_name;
    wxTextCtrl* m_date;
    wxStaticText* m_inputError;
};

// Diseases (rows) × father, mother, siblings, children (columns), as on the paper form.
class FamilyHistoryGrid : public wxPanel {
public:
    explicit FamilyHistoryGrid(wxWindow* parent);
    void setHistory(const model::FamilyHistory& history);
    model::FamilyHistory history() const;

private:
    std::vector<std::string> m_codes;
    std::vector<std::vector<wxCheckBox*>> m_boxes;  // [relative][disease]
};

}  // namespace jiayi::gui
