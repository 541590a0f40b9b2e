#include "gui/FormWidgets.h"

#include <wx/msgdlg.h>

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/display.h>
#include <wx/settings.h>
#include <wx/statbox.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "core/rules/CodeLists.h"
#include "gui/ChronicText.h"
#include "gui/WxText.h"

namespace jiayi::gui {

void applyReadableFont(wxWindow* window) {
    wxFont font = wxSystemSettings::GetFont(wxSYS_DEFAULT_GUI_FONT);
    if (font.GetPointSize() < 11) font.SetPointSize(11);
    window->SetFont(font);
}

void setWrapped(wxStaticText* label, const wxString& text, int width) {
    // A line may break after a space, and before or after a Chinese character; a Latin word
    // or a date stays whole unless it is longer than a line.
    const auto cjk = [](wxUniChar c) { return c.GetValue() >= 0x2E80; };
    wxString out, line;
    std::size_t breakAt = 0;  // in `line`: where the last break may go (0: none)
    for (const wxUniChar c : text) {
        if (c == '\n') {
            out += line + "\n";
            line.clear();
            breakAt = 0;
            continue;
        }
        if (!line.empty() && label->GetTextExtent(line + c).x > width) {
            const bool here = cjk(c) || c == ' ' || cjk(line.Last());
            const std::size_t at = here || breakAt == 0 ? line.length() : breakAt;
            wxString rest = line.Mid(at);
            out += line.Left(at).Strip(wxString::trailing) + "\n";
            line = rest.Strip(wxString::leading);
            breakAt = 0;
            if (c == ' ') continue;
        }
        if (!line.empty() && (c == ' ' || cjk(c) || cjk(line.Last()))) breakAt = line.length() + (c == ' ' ? 1 : 0);
        line += c;
    }
    label->SetLabel(out + line);
}

void remeasure(wxWindow* root) {
    for (auto* child : root->GetChildren()) remeasure(child);
    root->InvalidateBestSize();
    if (root->GetSizer()) root->Layout();
}

void remeasureWhenShown(wxWindow* dialog, wxScrolledWindow* body) {
    // GTK measured the labels of the scrolled form with the default font: measure again
    // once the dialog is on screen, or long labels come out wrapped and clipped.
    dialog->Bind(wxEVT_SHOW, [dialog, body](wxShowEvent& e) {
        e.Skip();
        if (e.IsShown()) dialog->CallAfter([dialog, body] {
            remeasure(body);
            body->FitInside();
            dialog->Layout();
        });
    });
}

void sizeToScreen(wxWindow* window, wxWindow* parent, const wxSize& dip) {
    // The parent's screen; without a parent (or off every screen) the first one.
    const int display = parent ? wxDisplay::GetFromWindow(parent) : wxNOT_FOUND;
    const wxRect screen = wxDisplay(display == wxNOT_FOUND ? 0u : static_cast<unsigned>(display)).GetClientArea();
    const wxSize size = window->FromDIP(dip);
    window->SetSize(std::min(size.x, screen.width - 16), std::min(size.y, screen.height - 16));
}

wxStaticText* residentHeading(wxWindow* parent, const model::Resident& r) {
    auto* who = new wxStaticText(parent, wxID_ANY,
                                 wxString::Format(_("%s · %s · %s years · archive number %s"), toWx(r.name),
                                                  codeText("sex", r.sex), ageText(r.birthDate), toWx(r.archiveNo)));
    who->SetFont(who->GetFont().Bold().Larger());
    return who;
}

CodeChoice::CodeChoice(wxWindow* parent, const char* list, bool optional)
    : wxChoice(parent, wxID_ANY) {
    if (optional) {
        Append(_("(not filled in)"));
        m_codes.emplace_back();
    }
    if (const auto* l = rules::codeList(list)) {
        for (const auto& c : l->codes) {
            Append(wxGetTranslation(wxString::FromUTF8(c.english)));
            m_codes.emplace_back(c.code);
        }
    }
    SetSelection(0);
}

void CodeChoice::setCode(const std::string& code) {
    for (std::size_t i = 0; i < m_codes.size(); ++i) {
        if (m_codes[i] == code) {
            SetSelection(static_cast<int>(i));
            return;
        }
    }
    SetSelection(0);
}

std::string CodeChoice::code() const {
    const int i = GetSelection();
    return i == wxNOT_FOUND ? std::string() : m_codes[static_cast<std::size_t>(i)];
}

CodeChecks::CodeChecks(wxWindow* parent, const char* list, int columns) : wxPanel(parent) {
    wxSizer* sizer = columns > 0 ? static_cast<wxSizer*>(new wxGridSizer(columns, 2, 12))
                                 : new wxWrapSizer(wxHORIZONTAL);
    if (const auto* l = rules::codeList(list)) {
        for (const auto& c : l->codes) {
            auto* box = new wxCheckBox(this, wxID_ANY, wxGetTranslation(wxString::FromUTF8(c.english)));
            sizer->Add(box, 0, wxRIGHT | wxBOTTOM, columns > 0 ? 0 : 12);
            m_boxes.emplace_back(c.code, box);
        }
    }
    SetSizer(sizer);
}

void CodeChecks::setCodes(const std::vector<std::string>& codes) {
    for (auto& [code, box] : m_boxes)
        box->SetValue(std::find(codes.begin(), codes.end(), code) != codes.end());
}

std::vector<std::string> CodeChecks::codes() const {
    std::vector<std::string> out;
    for (const auto& [code, box] : m_boxes)
        if (box->GetValue()) out.push_back(code);
    return out;
}

wxTextCtrl* makeDateCtrl(wxWindow* parent) {
    auto* ctrl = new wxTextCtrl(parent, wxID_ANY, {}, wxDefaultPosition,
                                wxSize(parent->FromDIP(120), -1));
    ctrl->SetHint(_("YYYY-MM-DD"));
    ctrl->SetMaxLength(10);
    return ctrl;
}

std::string controlText(wxWindow* control) {
    if (auto* c = dynamic_cast<CodeChoice*>(control)) return c->code();
    if (auto* c = dynamic_cast<CodeChecks*>(control)) {
        std::string out;
        for (const auto& code : c->codes()) out += (out.empty() ? "" : ",") + code;
        return out;
    }
    if (auto* c = dynamic_cast<wxCheckBox*>(control)) return c->GetValue() ? "1" : "";
    if (auto* c = dynamic_cast<wxTextCtrl*>(control)) return toUtf8(c->GetValue());
    return {};
}

void setControlText(wxWindow* control, const std::string& text) {
    if (auto* c = dynamic_cast<CodeChoice*>(control)) {
        c->setCode(text);
    } else if (auto* c = dynamic_cast<CodeChecks*>(control)) {
        std::vector<std::string> codes;
        for (std::size_t start = 0; start < text.size();) {
            const auto end = std::min(text.find(',', start), text.size());
            if (end > start) codes.push_back(text.substr(start, end - start));
            start = end + 1;
        }
        c->setCodes(codes);
    } else if (auto* c = dynamic_cast<wxCheckBox*>(control)) {
        c->SetValue(!text.empty());
    } else if (auto* c = dynamic_cast<wxTextCtrl*>(control)) {
        c->ChangeValue(toWx(text));
    }
}

std::optional<Date> readDate(wxTextCtrl* ctrl, const std::string& field,
                             std::vector<FieldError>& errors) {
    const auto text = toUtf8(ctrl->GetValue().Strip(wxString::both));
    if (text.empty()) return std::nullopt;
    auto date = parseDate(text);
    if (!date)
        errors.push_back({field, toUtf8(_("Enter a real date as YYYY-MM-DD, e.g. 1960-05-01"))});
    return date;
}

std::optional<int> readWholeNumber(wxTextCtrl* ctrl, const std::string& field,
                                   std::vector<FieldError>& errors) {
    const auto v = readInt(ctrl->GetValue());
    if (!v && !ctrl->GetValue().Strip(wxString::both).empty())
        errors.push_back({field, toUtf8(_("Enter a whole number"))});
    return v;
}

std::optional<double> readNumber(wxTextCtrl* ctrl, const std::string& field,
                                 std::vector<FieldError>& errors) {
    const auto v = readDouble(ctrl->GetValue());
    if (!v && !ctrl->GetValue().Strip(wxString::both).empty())
        errors.push_back({field, toUtf8(_("Enter a number"))});
    return v;
}

wxTextCtrl* numberBox(wxWindow* parent, int width) {
    return new wxTextCtrl(parent, wxID_ANY, {}, wxDefaultPosition, wxSize(parent->FromDIP(width), -1));
}

wxTextCtrl* textBox(wxWindow* parent, int width) {
    return new wxTextCtrl(parent, wxID_ANY, {}, wxDefaultPosition, wxSize(parent->FromDIP(width), -1));
}

wxSizer* withUnit(wxWindow* parent, wxWindow* control, const wxString& unit) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(control, 0, wxALIGN_CENTER_VERTICAL);
    row->Add(new wxStaticText(parent, wxID_ANY, unit), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, parent->FromDIP(4));
    return row;
}

wxSizer* bloodPressureRow(wxWindow* parent, wxTextCtrl*& systolic, wxTextCtrl*& diastolic) {
    systolic = numberBox(parent, 60);
    diastolic = numberBox(parent, 60);
    systolic->SetName("systolic");
    diastolic->SetName("diastolic");
    auto* bp = new wxBoxSizer(wxHORIZONTAL);
    bp->Add(systolic, 0, wxALIGN_CENTER_VERTICAL);
    bp->Add(new wxStaticText(parent, wxID_ANY, "/"), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, parent->FromDIP(4));
    bp->Add(diastolic, 0, wxALIGN_CENTER_VERTICAL);
    bp->Add(new wxStaticText(parent, wxID_ANY, "mmHg"), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, parent->FromDIP(4));
    return bp;
}

void FormErrors::registerField(const std::string& field, Slot slot) {
    m_slots[field] = slot;
    if (!slot.control || !slot.label) return;
    auto* label = slot.label;
    const auto hide = [label](wxCommandEvent& e) {
        e.Skip();
        if (label->IsShown()) label->Hide();
    };
    slot.control->Bind(wxEVT_TEXT, hide);
    slot.control->Bind(wxEVT_CHOICE, hide);
    slot.control->Bind(wxEVT_CHECKBOX, hide);
}

void FormErrors::clear() {
    for (auto& [field, slot] : m_slots) {
        slot.label->SetLabel({});
        slot.label->Hide();
    }
    if (m_fallback) {
        m_fallback->SetLabel({});
        m_fallback->Hide();
    }
}

std::optional<FormErrors::Slot> FormErrors::show(const std::vector<FieldError>& errors) {
    std::optional<Slot> first;
    std::map<wxStaticText*, wxString> texts;
    for (const auto& e : errors) {
        auto it = m_slots.find(e.field);
        wxStaticText* label = it != m_slots.end() ? it->second.label : m_fallback;
        if (!label) continue;
        if (!first && it != m_slots.end()) first = it->second;
        auto& text = texts[label];
        // Several reasons for one field are shown together, one per line.
        if (!text.empty()) text += "\n";
        text += toWx(e.reason);
    }
    for (auto& [label, text] : texts) {
        setWrapped(label, text, label->GetParent()->FromDIP(m_wrapWidth));
        label->Show();
    }
    return first;
}

wxStaticText* FormErrors::label(const std::string& field) const {
    auto it = m_slots.find(field);
    return it == m_slots.end() ? nullptr : it->second.label;
}

wxStaticText* addErrorLine(wxWindow* parent, wxSizer* sizer, FormErrors& errors) {
    auto* line = new wxStaticText(parent, wxID_ANY, {});
    line->SetForegroundColour(wxColour(200, 0, 0));
    line->Hide();
    errors.setFallback(line);
    sizer->Add(line, 0, wxLEFT | wxRIGHT, parent->FromDIP(12));
    return line;
}

wxListCtrl* reportList(wxWindow* parent, std::initializer_list<std::pair<wxString, int>> columns) {
    auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES | wxLC_VRULES);
    int i = 0;
    for (const auto& [title, width] : columns) list->InsertColumn(i++, title, wxLIST_FORMAT_LEFT, parent->FromDIP(width));
    return list;
}

void appendRow(wxListCtrl* list, long row, const std::vector<wxString>& cells) {
    list->InsertItem(row, cells.empty() ? wxString() : cells[0]);
    for (std::size_t c = 1; c < cells.size(); ++c) list->SetItem(row, static_cast<long>(c), cells[c]);
}

wxSizer* okCancelButtons(wxWindow* dialog, const wxString& okLabel, std::function<void()> onOk,
                         bool enterPresses) {
    auto* buttons = new wxStdDialogButtonSizer;
    auto* ok = new wxButton(dialog, wxID_OK, okLabel);
    if (enterPresses) ok->SetDefault();
    ok->Bind(wxEVT_BUTTON, [onOk = std::move(onOk)](wxCommandEvent&) { onOk(); });
    buttons->AddButton(ok);
    buttons->AddButton(new wxButton(dialog, wxID_CANCEL, _("Cancel")));
    buttons->Realize();
    return buttons;
}

bool storeOrShow(FormErrors& errors, std::vector<FieldError> found, const std::function<void()>& store) {
    if (found.empty()) {
        try {
            store();
            return true;
        } catch (const ValidationError& e) {
            found = e.errors();
        } catch (const std::exception& e) {
            found = {{"", e.what()}};
        }
    }
    errors.show(found);
    return false;
}

void endOk(wxWindow* window) {
    auto* dialog = dynamic_cast<wxDialog*>(window);
    if (!dialog) return;
    dialog->SetReturnCode(wxID_OK);
    if (dialog->IsModal()) dialog->EndModal(wxID_OK);
    else dialog->Hide();
}

void finishForm(wxDialog* dialog, wxSizer* sizer, FormErrors& errors, DiscardGuard& guard, wxWindow* focus,
                std::function<bool()> save, int minWidthDip, const wxString& okLabel) {
    addErrorLine(dialog, sizer, errors);
    sizer->Add(okCancelButtons(dialog, okLabel.empty() ? _("&Save") : okLabel,
                               [dialog, save = std::move(save)] {
                                   if (save()) endOk(dialog);
                               }),
               0, wxEXPAND | wxALL, dialog->FromDIP(12));
    if (minWidthDip > 0) sizer->Add(dialog->FromDIP(minWidthDip), 0);
    dialog->SetSizer(sizer);
    errors.clear();
    dialog->Fit();
    dialog->CentreOnParent();
    if (focus) focus->SetFocus();
    guard.watch(dialog);
}

namespace {

std::function<bool(wxWindow*)>& discardAsker() {
    static std::function<bool(wxWindow*)> asker = [](wxWindow* parent) {
        wxMessageDialog ask(parent, _("Discard what you typed in this form?"), _("Discard changes"),
                            wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("&Discard"), _("&Keep editing"));
        return ask.ShowModal() == wxID_YES;
    };
    return asker;
}

// Every value a person can change in `root`, one line each, in window order.
void formValues(wxWindow* root, wxString& out) {
    for (auto* child : root->GetChildren()) {
        if (child->GetName().StartsWith("live_")) continue;  // filled by the form itself
        if (auto* t = dynamic_cast<wxTextCtrl*>(child); t && t->IsEditable()) out << t->GetValue() << '\n';
        else if (auto* c = dynamic_cast<wxChoice*>(child)) out << c->GetSelection() << '\n';
        else if (auto* b = dynamic_cast<wxCheckBox*>(child)) out << (b->GetValue() ? '1' : '0') << '\n';
        formValues(child, out);
    }
}

}  // namespace

void keepFocusInView(wxScrolledWindow* body) {
    body->Bind(wxEVT_CHILD_FOCUS, [body](wxChildFocusEvent& e) {
        auto* focused = wxWindow::FindFocus();
        if (!focused || focused == body) return;
        const int top = focused->GetScreenPosition().y - body->GetScreenPosition().y;
        const int bottom = top + focused->GetSize().y;
        const int margin = body->FromDIP(40);
        int unit = 1;
        body->GetScrollPixelsPerUnit(nullptr, &unit);
        unit = std::max(1, unit);
        int x = 0, y = 0;
        body->GetViewStart(&x, &y);
        if (top < margin) body->Scroll(-1, std::max(0, y + (top - margin) / unit));
        else if (bottom > body->GetClientSize().y - margin)
            body->Scroll(-1, y + (bottom - body->GetClientSize().y + margin + unit - 1) / unit);
        (void)e;  // not skipped: wx's own scrolling aims at the section, not the field
    });
}

void DiscardGuard::setAsker(std::function<bool(wxWindow*)> asker) { discardAsker() = std::move(asker); }

void DiscardGuard::watch(wxDialog* dialog) {
    m_dialog = dialog;
    take();
    // Esc presses the Cancel button (wxDialog), so both come here.
    dialog->Bind(wxEVT_BUTTON, [this](wxCommandEvent& e) {
        if (allowClose()) e.Skip();
    }, wxID_CANCEL);
    dialog->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (e.CanVeto() && !allowClose()) e.Veto();
        else e.Skip();
    });
}

void DiscardGuard::take() {
    m_saved.clear();
    formValues(m_dialog, m_saved);
}

bool DiscardGuard::changed() const {
    wxString now;
    formValues(m_dialog, now);
    return now != m_saved;
}

bool DiscardGuard::allowClose() {
    if (!changed()) return true;
    if (!discardAsker()(m_dialog)) return false;
    take();  // discarded: the close that follows (Cancel after the close box) asks no more
    return true;
}

FormSection::FormSection(wxWindow* page, const wxString& title, FormErrors& errors,
                         int pageIndex, int pairsPerRow)
    : m_errors(errors), m_page(pageIndex), m_pairsPerRow(pairsPerRow) {
    m_outer = new wxStaticBoxSizer(wxVERTICAL, page, title);
    m_box = m_outer->GetStaticBox();
    m_grid = new wxGridBagSizer(page->FromDIP(4), page->FromDIP(10));
    m_outer->Add(m_grid, 1, wxEXPAND | wxALL, page->FromDIP(6));
}

wxSizer* FormSection::errorCell(wxSizer* inner, wxWindow* focus, const std::string& field) {
    auto* cell = new wxBoxSizer(wxVERTICAL);
    cell->Add(inner, 0, wxEXPAND);
    if (!field.empty()) {
        auto* error = new wxStaticText(m_box, wxID_ANY, {});
        error->SetForegroundColour(wxColour(200, 0, 0));
        error->SetName(wxString::FromUTF8("error_" + field));
        error->Hide();
        cell->Add(error, 0, wxTOP, 2);
        m_errors.registerField(field, {error, focus, m_page});
    }
    return cell;
}

void FormSection::add(const wxString& label, wxWindow* control, const std::string& field,
                      int span) {
    auto* inner = new wxBoxSizer(wxHORIZONTAL);
    inner->Add(control, 1, wxEXPAND);
    place(label, errorCell(inner, control, field), span);
}

void FormSection::add(const wxString& label, wxSizer* controls, wxWindow* focus,
                      const std::string& field, int span) {
    place(label, errorCell(controls, focus, field), span);
}

wxTextCtrl* FormSection::addNumber(const wxString& label, const wxString& unit, const std::string& field) {
    auto* box = numberBox(m_box);
    add(label, withUnit(m_box, box, unit), box, field);
    return box;
}

void FormSection::addBloodPressure(wxTextCtrl*& systolic, wxTextCtrl*& diastolic, int span) {
    // The row is built first: it sets `systolic`, which is then the error's focus control (an
    // argument evaluated beside the call that sets it would be read before it is set).
    auto* row = bloodPressureRow(m_box, systolic, diastolic);
    add(_("Blood pressure"), row, systolic, "systolic", span);
    // Both readings share the line under the pair.
    m_errors.registerField("diastolic", {m_errors.label("systolic"), diastolic, m_page});
}

void FormSection::place(const wxString& label, wxSizer* cell, int span) {
    if (m_pair + span > m_pairsPerRow) {
        ++m_row;
        m_pair = 0;
    }
    auto* text = new wxStaticText(m_box, wxID_ANY, label, wxDefaultPosition, wxDefaultSize,
                                  wxALIGN_RIGHT);
    // One label width in every section, so the fields of all groups line up.
    if (text->GetBestSize().x < m_box->FromDIP(120)) text->SetMinSize({m_box->FromDIP(120), -1});
    // Labels sit at the control's first line, right-aligned like the paper form.
    m_grid->Add(text, wxGBPosition(m_row, m_pair * 2), wxDefaultSpan, wxEXPAND | wxTOP,
                m_box->FromDIP(8));
    m_grid->Add(cell, wxGBPosition(m_row, m_pair * 2 + 1), wxGBSpan(1, span * 2 - 1), wxEXPAND);
    // Only columns that exist may grow (wx asserts otherwise).
    for (int c = 1; c <= (m_pair + span) * 2 - 1; c += 2)
        if (!m_grid->IsColGrowable(c)) m_grid->AddGrowableCol(c, 1);
    m_pair += span;
    if (m_pair >= m_pairsPerRow) {
        ++m_row;
        m_pair = 0;
    }
}

}  // namespace jiayi::gui
