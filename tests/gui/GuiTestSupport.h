#pragma once
// Helpers for driving real windows: a site database with a few residents, an event pump,
// button clicks, and screenshots when JIAYI_SCREENSHOT_DIR is set.
#include <boost/test/unit_test.hpp>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/notebook.h>

#include <cctype>
#include <map>

#include <wx/app.h>
#include <wx/dcmemory.h>
#include <wx/image.h>
#include <wx/print.h>
#include <wx/button.h>
#include <wx/stopwatch.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "../core/TestSupport.h"  // TempDir
#include "core/rules/IdNumber.h"
#include "core/services/Workstation.h"

namespace jiayi::test {

// Runs the event loop for `ms` milliseconds (timers fire, windows paint).
inline void pump(int ms = 50) {
    wxStopWatch watch;
    do {
        wxTheApp->Yield(true);
        wxTheApp->ProcessPendingEvents();
        wxMilliSleep(5);
    } while (watch.Time() < ms);
}

// Pumps until `done` holds or `timeoutMs` passes; returns whether it held.
inline bool pumpUntil(const std::function<bool()>& done, int timeoutMs = 3000) {
    wxStopWatch watch;
    while (!done()) {
        if (watch.Time() > timeoutMs) return false;
        pump(10);
    }
    return true;
}

// Sends the click a mouse would (wxEVT_BUTTON) to a button.
inline void click(wxButton* button) {
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
}

// The dialog of that type now shown (modal dialogs are inspected from inside their loop).
template <typename Dialog>
Dialog* findOpenDialog() {
    for (auto* w : wxTopLevelWindows)
        if (auto* d = dynamic_cast<Dialog*>(w); d && d->IsShown()) return d;
    return nullptr;
}

// Saves the window's area of the virtual screen as <JIAYI_SCREENSHOT_DIR>/<name>.png.
inline void screenshot(wxWindow* window, const std::string& name) {
    const char* dir = std::getenv("JIAYI_SCREENSHOT_DIR");
    if (!dir || !*dir) return;
    window->Raise();
    window->Refresh();
    window->Update();
    pump(400);
    const wxRect r = window->GetScreenRect();
    std::ostringstream cmd;
    cmd << "import -window root -crop " << r.width << "x" << r.height << "+" << r.x << "+" << r.y
        << " +repage '" << dir << "/" << name << ".png'";
    if (std::system(cmd.str().c_str()) != 0)
        throw std::runtime_error("screenshot failed: " + cmd.str());
}

// Draws page 1 of a printout on an A4 bitmap (127 dpi) and checks that something was drawn
// (and, with `onePage`, that there is no page 2); saves it as <JIAYI_SCREENSHOT_DIR>/<name>.png.
inline void printFirstPage(wxPrintout& printout, const char* name, bool onePage) {
    const wxSize page(1050, 1485);
    wxBitmap bitmap(page);
    wxMemoryDC dc(bitmap);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    printout.SetDC(&dc);
    printout.SetPageSizeMM(210, 297);
    printout.SetPageSizePixels(page.x, page.y);
    printout.SetPPIPrinter(127, 127);
    printout.SetPPIScreen(96, 96);
    printout.OnPreparePrinting();
    BOOST_TEST(printout.HasPage(1));
    if (onePage) BOOST_TEST(!printout.HasPage(2));
    BOOST_TEST(printout.OnPrintPage(1));
    dc.SelectObject(wxNullBitmap);
    const wxImage image = bitmap.ConvertToImage();
    long dark = 0;
    for (int y = 0; y < image.GetHeight(); y += 2)
        for (int x = 0; x < image.GetWidth(); x += 2) dark += image.GetRed(x, y) < 128;
    BOOST_TEST(dark > 1000);
    if (const char* shots = std::getenv("JIAYI_SCREENSHOT_DIR"); shots && *shots) {
        wxInitAllImageHandlers();
        image.SaveFile(wxString::FromUTF8(std::string(shots) + "/" + name + ".png"), wxBITMAP_TYPE_PNG);
    }
}

inline std::string withCheck(const std::string& first17) {
    return first17 + rules::idCheckCharacter(first17);
}

// A site database with one household of three (张三 head, 王芳 spouse, 张小明 son without
// an ID number) and 李四 in a household of her own.
struct SiteFixture {
    TempDir dir;
    std::unique_ptr<services::Workstation> ws;
    std::string village;
    model::Resident zhangSan, wangFang, zhangXiaoming, liSi;

    SiteFixture() {
        ws = services::Workstation::open(dir.file("jiayi.db"), "tester");
        village = ws->villages().at(0).code;
        auto& registry = ws->registry();
        zhangSan = registry.registerResident(newHousehold(
            person("张三", "1", "1960-05-01", "371721196005010016", "13800138000"), "西村1组12号"));
        const auto home = registry.householdOf(zhangSan.id)->id;
        wangFang = registry.registerResident(
            join(person("王芳", "2", "1962-03-08", withCheck("37172119620308002"), ""), home, "1"));
        zhangXiaoming = registry.registerResident(
            join(person("张小明", "1", "2015-09-01", "", ""), home, "2"));
        liSi = registry.registerResident(newHousehold(
            person("李四", "2", "1965-08-12", withCheck("37172119650812002"), "13900001111"),
            "西村2组3号"));
    }

    model::Resident person(const char* name, const char* sex, const char* birth,
                           const std::string& idNumber, const char* phone) const {
        model::Resident r;
        r.name = name;
        r.sex = sex;
        r.birthDate = parseDate(birth);
        r.idNumber = idNumber;
        r.phone = phone;
        r.villageCode = village;
        r.residenceType = "1";
        r.ethnicity = "01";
        return r;
    }
    static services::Registration newHousehold(model::Resident r, std::string address) {
        services::Registration reg;
        reg.resident = std::move(r);
        reg.newHouseholdAddress = std::move(address);
        return reg;
    }
    static services::Registration join(model::Resident r, std::string household,
                                       std::string relation) {
        services::Registration reg;
        reg.resident = std::move(r);
        reg.householdId = std::move(household);
        reg.relation = std::move(relation);
        return reg;
    }
};

// The letter after '&' in a label ("随访(&U)…" → 'U'), 0 when it has none.
inline char mnemonic(const wxString& label) {
    for (std::size_t i = 0; i + 1 < label.size(); ++i) {
        if (label[i] != '&') continue;
        if (label[i + 1] == '&') {
            ++i;
            continue;
        }
        return static_cast<char>(std::toupper(static_cast<int>(label[i + 1].GetValue())));
    }
    return 0;
}

inline void collectMnemonics(wxWindow* root, std::map<char, std::vector<wxString>>& seen) {
    for (auto* child : root->GetChildren()) {
        if (dynamic_cast<wxNotebook*>(child)) continue;  // pages are screens of their own
        if (dynamic_cast<wxButton*>(child) || dynamic_cast<wxCheckBox*>(child))
            if (const char m = mnemonic(child->GetLabel())) seen[m].push_back(child->GetLabel());
        collectMnemonics(child, seen);
    }
}


}  // namespace jiayi::test
