#include "gui/HealthCheckDialog.h"

#include <wx/gbsizer.h>
#include <wx/statbox.h>

#include <algorithm>

#include "core/rules/Chronic.h"
#include "core/rules/FollowUpForm.h"
#include "core/services/ChronicCare.h"
#include "gui/ChronicText.h"
#include "gui/WxText.h"

namespace jiayi::gui {

namespace {
const char* const kLevels[] = {"independent", "mild", "moderate", "dependent"};
const wxString kDash = wxString::FromUTF8("—");
}  // namespace

HealthCheckDialog::HealthCheckDialog(wxWindow* parent, services::ChronicCare& care, const model::Resident& resident)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Annual health check — %s"), toWx(resident.name)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_care(care),
      m_resident(resident) {
    applyReadableFont(this);
    SetName("healthCheckDialog");
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(residentHeading(this, m_resident), 0, wxALL, FromDIP(10));

    // The paper form's order: general condition with self-care on the left, examination,
    // organ function, tests and guidance on the right.
    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL | wxTAB_TRAVERSAL);
    m_body->SetScrollRate(0, FromDIP(20));
    auto* columns = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(buildGeneral(m_body), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    left->Add(buildSelfCare(m_body), 0, wxEXPAND);
    columns->Add(left, 0, wxEXPAND | wxRIGHT, FromDIP(10));
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(buildItems(m_body, _("Organ function (脏器功能)"),
                          {{"vision", _("Vision")}, {"hearing", _("Hearing acuity")}, {"movement", _("Motor function")}}, 2),
               0, wxEXPAND | wxBOTTOM, FromDIP(8));
    right->Add(buildItems(m_body, _("Examination (查体)"),
                          {{"skin", _("Skin")}, {"heart", _("Heart")}, {"lungs", _("Lungs")}, {"abdomen", _("Abdomen")}},
                          2),
               0, wxEXPAND | wxBOTTOM, FromDIP(8));
    {
        FormSection s(m_body, _("Tests (辅助检查)"), m_errors, 0, 2);
        m_glucose = s.addNumber(_("Fasting glucose"), "mmol/L", "fasting_glucose");
        for (const auto& [key, label] : {std::pair<const char*, wxString>{"blood_routine", _("Blood routine")},
                                         {"urine_routine", _("Urine routine")}, {"liver", _("Liver function")},
                                         {"kidney", _("Kidney function")}, {"lipids", _("Blood lipids")},
                                         {"ecg", _("ECG")}, {"ultrasound", _("Abdominal ultrasound")}}) {
            m_items[key] = textBox(s.box(), 150);
            s.add(label, m_items[key], std::string("items.") + key);
        }
        right->Add(s.sizer(), 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    }
    right->Add(buildItems(m_body, _("Health guidance (健康指导)"), {{"guidance", _("Guidance")}}, 1), 0, wxEXPAND);
    columns->Add(right, 1, wxEXPAND);
    auto* padded = new wxBoxSizer(wxVERTICAL);
    padded->Add(columns, 1, wxEXPAND | wxRIGHT, FromDIP(12));
    m_body->SetSizer(padded);
    sizer->Add(m_body, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    addErrorLine(this, sizer, m_errors);
    auto* foot = new wxBoxSizer(wxHORIZONTAL);
    auto* hint = new wxStaticText(this, wxID_ANY, _("Tab moves to the next field, the arrow keys choose a level; "
                                                    "Enter signs the check."));
    hint->SetForegroundColour(wxColour(90, 90, 90));
    foot->Add(hint, 1, wxALIGN_CENTER_VERTICAL);
    foot->Add(okCancelButtons(this, _("&Sign"), [this] { save(); }), 0);
    sizer->Add(foot, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizer(sizer);

    m_date->ChangeValue(toWx(formatDate(today())));
    // The height measured last time: BMI shows as soon as the weight is typed.
    const auto chart = m_care.chart(m_resident.id);
    std::optional<double> height;
    for (const auto& h : chart.healthChecks)
        if (!height && h.height) height = h.height;
    for (const auto& f : chart.followUps)
        if (!height && f.height) height = f.height;
    m_height->ChangeValue(numberText(height));
    m_errors.clear();
    m_errors.setWrapWidth(240);
    Bind(wxEVT_TEXT, [this](wxCommandEvent& e) { e.Skip(); updateLive(); });
    Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent& e) { e.Skip(); updateLive(); });
    updateLive();
    sizeToScreen(this, parent, {1240, 770});
    CentreOnParent();
    m_temperature->SetFocus();
    remeasureWhenShown(this, m_body);
    keepFocusInView(m_body);
    m_guard.watch(this);
}

wxSizer* HealthCheckDialog::buildGeneral(wxWindow* page) {
    FormSection s(page, _("General condition (一般状况)"), m_errors, 0, 2);
    auto* box = s.box();
    m_date = makeDateCtrl(box);
    s.add(_("Check date"), m_date, "check_date");
    m_temperature = s.addNumber(_("Temperature"), wxString::FromUTF8("°C"), "temperature");
    m_pulse = s.addNumber(_("Pulse rate"), _("/min"), "heart_rate");
    m_respiration = s.addNumber(_("Respiration"), _("/min"), "respiration");
    s.addBloodPressure(m_systolic, m_diastolic, 2);
    m_height = s.addNumber(_("Height"), "cm", "height");
    m_weight = s.addNumber(_("Weight"), "kg", "weight");
    m_waist = s.addNumber(_("Waist"), "cm", "waist");
    // Computed, not typed: text on the line of the label, wide enough for "24.8".
    m_bmi = new wxStaticText(box, wxID_ANY, kDash, wxDefaultPosition, FromDIP(wxSize(40, -1)));
    auto* bmi = new wxBoxSizer(wxHORIZONTAL);
    bmi->Add(m_bmi, 0, wxTOP, FromDIP(8));
    bmi->Add(new wxStaticText(box, wxID_ANY, wxString::FromUTF8("kg/m²")), 0, wxTOP | wxLEFT, FromDIP(8));
    s.add(_("BMI"), bmi, m_weight, "bmi");
    return s.sizer();
}

wxSizer* HealthCheckDialog::buildSelfCare(wxWindow* page) {
    auto* outer = new wxStaticBoxSizer(wxVERTICAL, page, _("Self-care assessment of older people (老年人生活自理能力评估)"));
    auto* box = outer->GetStaticBox();
    auto* grid = new wxGridBagSizer(0, FromDIP(10));
    auto head = [&](const wxString& text, int column) {
        auto* t = new wxStaticText(box, wxID_ANY, text);
        t->SetFont(t->GetFont().Bold());
        grid->Add(t, wxGBPosition(0, column), wxDefaultSpan, wxBOTTOM, FromDIP(4));
    };
    head(_("Item"), 0);
    head(_("Not assessed"), 1);
    for (int level = 0; level < 4; ++level) head(toWx(rules::selfCareLevelName(kLevels[level])), level + 2);
    int row = 1;
    for (const auto& item : rules::selfCareItems()) {
        grid->Add(new wxStaticText(box, wxID_ANY, wxGetTranslation(wxString::FromUTF8(item.label))),
                  wxGBPosition(row, 0), wxDefaultSpan, wxALIGN_CENTER_VERTICAL | wxTOP, FromDIP(4));
        std::array<wxRadioButton*, 5> buttons{};
        buttons[0] = new wxRadioButton(box, wxID_ANY, kDash, wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
        buttons[0]->SetValue(true);
        grid->Add(buttons[0], wxGBPosition(row, 1), wxDefaultSpan, wxALIGN_CENTER_VERTICAL | wxTOP, FromDIP(4));
        for (int level = 0; level < 4; ++level) {
            wxWindow* cell;
            // The paper form has no such level ("—") where it scores the same as the one before.
            if (level > 0 && item.points[level] == item.points[level - 1]) {
                cell = new wxStaticText(box, wxID_ANY, kDash);
            } else {
                buttons[level + 1] = new wxRadioButton(box, wxID_ANY, wxString::Format(_("%d points"), item.points[level]));
                buttons[level + 1]->SetName(wxString::Format("%s_%s", item.code, kLevels[level]));
                cell = buttons[level + 1];
            }
            grid->Add(cell, wxGBPosition(row, level + 2), wxDefaultSpan, wxALIGN_CENTER_VERTICAL | wxTOP, FromDIP(4));
        }
        m_selfCare.push_back(buttons);
        auto* error = new wxStaticText(box, wxID_ANY, {});
        error->SetForegroundColour(wxColour(200, 0, 0));
        error->SetName(wxString::FromUTF8(std::string("error_self_care.") + item.code));
        error->Hide();
        grid->Add(error, wxGBPosition(row + 1, 1), wxGBSpan(1, 5));
        m_errors.registerField(std::string("self_care.") + item.code, {error, buttons[1], 0});
        row += 2;
    }
    outer->Add(grid, 0, wxALL, FromDIP(6));
    m_selfCareTotal = new wxStaticText(box, wxID_ANY, {});
    m_selfCareTotal->SetFont(m_selfCareTotal->GetFont().Bold());
    m_selfCareTotal->SetName("selfCareTotal");
    outer->Add(m_selfCareTotal, 0, wxALL, FromDIP(6));
    auto* levels = new wxStaticText(box, wxID_ANY, _("0-3 points independent, 4-8 mild, 9-18 moderate dependence, "
                                                     "19 and over dependent."));
    levels->SetForegroundColour(wxColour(90, 90, 90));
    outer->Add(levels, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6));
    return outer;
}

wxSizer* HealthCheckDialog::buildItems(wxWindow* page, const wxString& title,
                                       std::initializer_list<std::pair<const char*, wxString>> items, int pairsPerRow) {
    FormSection s(page, title, m_errors, 0, pairsPerRow);
    for (const auto& [key, label] : items) {
        m_items[key] = textBox(s.box(), pairsPerRow == 1 ? 420 : 150);
        s.add(label, m_items[key], std::string("items.") + key);
    }
    return s.sizer();
}

wxRadioButton* HealthCheckDialog::selfCareButton(const std::string& item, int level) const {
    const auto& items = rules::selfCareItems();
    for (std::size_t i = 0; i < items.size(); ++i)
        if (item == items[i].code && level >= -1 && level < 4) return m_selfCare[i][static_cast<std::size_t>(level + 1)];
    return nullptr;
}

wxTextCtrl* HealthCheckDialog::itemCtrl(const std::string& key) const {
    const auto it = m_items.find(key);
    return it == m_items.end() ? nullptr : it->second;
}

wxString HealthCheckDialog::selfCareText() const { return m_selfCareTotal->GetLabel(); }

void HealthCheckDialog::updateLive() {
    if (!m_bmi || !m_selfCareTotal) return;  // still being built
    std::vector<FieldError> ignored;  // shown when signing, not while typing
    const auto h = collect(ignored);
    const auto bmi = rules::chronic::bmi(h.weight, h.height);
    m_bmi->SetLabel(bmi ? numberText(bmi) : kDash);
    int total = 0;
    for (const auto& [item, points] : h.selfCare) total += points;
    const int assessed = static_cast<int>(h.selfCare.size()), all = static_cast<int>(m_selfCare.size());
    wxString text = assessed == 0 ? _("Self-care not assessed")
                                  : wxString::Format(_("Total %d points: %s"), total,
                                                     toWx(rules::selfCareLevelName(rules::selfCareLevel(total))));
    if (assessed > 0 && assessed < all) text += " " + wxString::Format(_("(%d of %d items chosen)"), assessed, all);
    m_selfCareTotal->SetLabel(text);
    m_selfCareTotal->GetContainingSizer()->Layout();
}

model::HealthCheck HealthCheckDialog::collect(std::vector<FieldError>& errors) const {
    model::HealthCheck h;
    h.residentId = m_resident.id;
    h.checkDate = readDate(m_date, "check_date", errors);
    const auto& items = rules::selfCareItems();
    for (std::size_t i = 0; i < items.size(); ++i)
        for (int level = 0; level < 4; ++level)
            if (auto* b = m_selfCare[i][static_cast<std::size_t>(level + 1)]; b && b->GetValue())
                h.selfCare[items[i].code] = items[i].points[level];
    h.temperature = readNumber(m_temperature, "temperature", errors);
    h.heartRate = readWholeNumber(m_pulse, "heart_rate", errors);
    h.respiration = readWholeNumber(m_respiration, "respiration", errors);
    h.systolic = readWholeNumber(m_systolic, "systolic", errors);
    h.diastolic = readWholeNumber(m_diastolic, "diastolic", errors);
    h.height = readNumber(m_height, "height", errors);
    h.weight = readNumber(m_weight, "weight", errors);
    h.waist = readNumber(m_waist, "waist", errors);
    h.fastingGlucose = readNumber(m_glucose, "fasting_glucose", errors);
    for (const auto& [key, ctrl] : m_items)
        if (auto text = toUtf8(ctrl->GetValue().Strip(wxString::both)); !text.empty()) h.items[key] = text;
    return h;
}

bool HealthCheckDialog::save() {
    m_errors.clear();
    std::vector<FieldError> errors;
    auto h = collect(errors);
    if (storeOrShow(m_errors, std::move(errors), [&] { m_check = m_care.recordHealthCheck(std::move(h)); })) {
        endOk(this);
        return true;
    }
    m_body->FitInside();
    Layout();
    return false;
}

}  // namespace jiayi::gui
