#pragma once
// Building blocks of the record forms: code-list choices and check boxes, date boxes, and
// form sections whose every field has its own red error line (STYLE.md habit 11).
#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/choice.h>
#include <wx/gbsizer.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::gui {

// Makes a top-level window and its future children use a readable size (≥ 11 pt).
void applyReadableFont(wxWindow* window);
// Sets `text` on `label` broken into lines of at most `width` pixels. Unlike wxStaticText::Wrap,
// which breaks only at spaces, Chinese text (no spaces) is broken between characters.
void setWrapped(wxStaticText* label, const wxString& text, int width);
// GTK measures text of pages that were never shown with the default font, so labels on
// them come out clipped; re-measures every child of `root` and lays it out again.
void remeasure(wxWindow* root);
// Does remeasure(body) each time `dialog` comes on screen, then lays the dialog out again.
void remeasureWhenShown(wxWindow* dialog, wxScrolledWindow* body);
// Scrolls `body` so that the control receiving the keyboard focus (Tab) is in view, with a
// margin, wherever it sits in nested boxes.
void keepFocusInView(wxScrolledWindow* body);
// Sizes `window` to `dip` (in DIP), or to the screen of `parent` when that is smaller.
void sizeToScreen(wxWindow* window, wxWindow* parent, const wxSize& dip);
// "Name · sex · age years · archive number …" in bold, at the top of a resident's form.
wxStaticText* residentHeading(wxWindow* parent, const model::Resident& resident);

// Single choice from a rules::codeList; the first entry is "not filled in" when optional.
class CodeChoice : public wxChoice {
public:
    CodeChoice(wxWindow* parent, const char* list, bool optional = true);
    void setCode(const std::string& code);
    std::string code() const;

private:
    std::vector<std::string> m_codes;
};

// Multi-select from a rules::codeList as a row of check boxes, like the paper form.
class CodeChecks : public wxPanel {
public:
    CodeChecks(wxWindow* parent, const char* list, int columns = 0);
    void setCodes(const std::vector<std::string>& codes);
    std::vector<std::string> codes() const;

private:
    std::vector<std::pair<std::string, wxCheckBox*>> m_boxes;
};

// The value of a form control as core's field text (model::followUpFieldText): a text box's
// text, a code choice's code, ticked codes as "a,b", a tick as "1" or "". And back.
std::string controlText(wxWindow* control);
void setControlText(wxWindow* control, const std::string& text);

// A YYYY-MM-DD text box: quicker to type than a picker and works the same everywhere.
wxTextCtrl* makeDateCtrl(wxWindow* parent);
// The date in `ctrl`; an unreadable date adds a FieldError for `field`.
std::optional<Date> readDate(wxTextCtrl* ctrl, const std::string& field,
                             std::vector<FieldError>& errors);
// The number in `ctrl` (nullopt when empty); text that is not one adds a FieldError.
std::optional<int> readWholeNumber(wxTextCtrl* ctrl, const std::string& field,
                                   std::vector<FieldError>& errors);
std::optional<double> readNumber(wxTextCtrl* ctrl, const std::string& field,
                                 std::vector<FieldError>& errors);

// Text boxes of a fixed width in DIP: short for a reading, long for words.
wxTextCtrl* numberBox(wxWindow* parent, int width = 70);
wxTextCtrl* textBox(wxWindow* parent, int width = 260);
// "[control] unit" on one line.
wxSizer* withUnit(wxWindow* parent, wxWindow* control, const wxString& unit);
// "[systolic] / [diastolic] mmHg" on one line (the boxes named "systolic" and "diastolic").
wxSizer* bloodPressureRow(wxWindow* parent, wxTextCtrl*& systolic, wxTextCtrl*& diastolic);

// Where each field's error is shown, and which page and control to bring forward.
class FormErrors {
public:
    struct Slot {
        wxStaticText* label = nullptr;
        wxWindow* control = nullptr;
        int page = 0;
    };
    // Also hides the field's reason once the person changes the field ("必填" does not stay
    // under a field that has been filled).
    void registerField(const std::string& field, Slot slot);
    // Errors for fields without a slot go to this line (e.g. under the buttons).
    void setFallback(wxStaticText* label) { m_fallback = label; }
    void clear();
    // Shows every reason next to its field; returns the slot of the first error.
    std::optional<Slot> show(const std::vector<FieldError>& errors);
    wxStaticText* label(const std::string& field) const;
    // Width in DIP the reasons wrap to (narrow forms set less).
    void setWrapWidth(int dip) { m_wrapWidth = dip; }

private:
    std::map<std::string, Slot> m_slots;
    wxStaticText* m_fallback = nullptr;
    int m_wrapWidth = 360;
};

// The red line under a form for errors no field owns; added to `sizer`, hidden until used.
wxStaticText* addErrorLine(wxWindow* parent, wxSizer* sizer, FormErrors& errors);
// A report list of single selection with its columns (title, width in DIP), and a row of
// cells appended at `row`.
wxListCtrl* reportList(wxWindow* parent, std::initializer_list<std::pair<wxString, int>> columns);
void appendRow(wxListCtrl* list, long row, const std::vector<wxString>& cells);

// "[ok] [Cancel]" at the foot of a dialog; `onOk` runs on the first button (validates, then
// ends the dialog itself); `enterPresses` makes it the button Enter presses.
wxSizer* okCancelButtons(wxWindow* dialog, const wxString& okLabel, std::function<void()> onOk,
                         bool enterPresses = true);
// Runs `store` (one core call) when `found` (the form's own errors) is empty, and shows what
// was found or what core refused next to the fields. True when stored.
bool storeOrShow(FormErrors& errors, std::vector<FieldError> found, const std::function<void()>& store);
// Ends a dialog with wxID_OK whether it is modal (the app) or shown modeless (tests).
void endOk(wxWindow* dialog);

class DiscardGuard;
// The foot of a record form, after its sections are in `sizer`: the red line for errors no
// field owns, [okLabel] [Cancel] (the first runs `save` and ends the dialog when it stored),
// at least `minWidthDip` wide (room for a reason beside its field); then the sizer set, the
// errors hidden, the dialog fitted and centred, `focus` focused and Esc guarded from the
// values shown now.
void finishForm(wxDialog* dialog, wxSizer* sizer, FormErrors& errors, DiscardGuard& guard, wxWindow* focus,
                std::function<bool()> save, int minWidthDip = 0, const wxString& okLabel = {});

// Asks before a form's typed values are thrown away by Esc, Cancel or the close box
// (a doctor interrupted halfway through a form must not lose it by one key).
class DiscardGuard {
public:
    // Watches `dialog` from now: the values it shows now count as nothing typed yet.
    void watch(wxDialog* dialog);
    // The values shown now are saved ones (after a save that keeps the form open).
    void take();
    bool changed() const;
    // Who is asked; true = discard. Tests replace it (the default is a question box).
    static void setAsker(std::function<bool(wxWindow*)> asker);

private:
    bool allowClose();
    wxDialog* m_dialog = nullptr;
    wxString m_saved;
};

// A titled group of "label: control" pairs, two pairs a row, each control with an error
// line under it keyed by the core field name.
class FormSection {
public:
    FormSection(wxWindow* page, const wxString& title, FormErrors& errors, int pageIndex,
                int pairsPerRow = 2);
    wxWindow* box() const { return m_box; }  // parent for the section's controls
    wxSizer* sizer() const { return m_outer; }
    // `span` in pairs; a new row starts when the current one is full.
    void add(const wxString& label, wxWindow* control, const std::string& field = {},
             int span = 1);
    void add(const wxString& label, wxSizer* controls, wxWindow* focus, const std::string& field,
             int span = 1);
    // A number box with its unit after it; returns the box.
    wxTextCtrl* addNumber(const wxString& label, const wxString& unit, const std::string& field);
    // "[systolic] / [diastolic] mmHg" with one error line for both fields.
    void addBloodPressure(wxTextCtrl*& systolic, wxTextCtrl*& diastolic, int span = 1);

private:
    wxSizer* errorCell(wxSizer* inner, wxWindow* focus, const std::string& field);
    void place(const wxString& label, wxSizer* cell, int span);

    wxWindow* m_box;
    wxStaticBoxSizer* m_outer;
    wxGridBagSizer* m_grid;
    FormErrors& m_errors;
    int m_page;
    int m_pairsPerRow;
    int m_row = 0;
    int m_pair = 0;
};

}  // namespace jiayi::gui
