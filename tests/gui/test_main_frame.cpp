#include <boost/test/unit_test.hpp>

#include <wx/checkbox.h>
#include <wx/dataview.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/uiaction.h>

#include <cctype>
#include <map>

#include "GuiTestSupport.h"
#include "core/rules/Divisions.h"
#include "gui/MainFrame.h"
#include "gui/ResidentDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using test::pump;
using test::pumpUntil;
using jiayi::gui::toWx;

namespace {

// The frame, shown like the app shows it; destroyed at the end of the test.
struct FrameFixture : test::SiteFixture {
    gui::MainFrame* frame;
    FrameFixture() {
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(200);
    }
    ~FrameFixture() {
        frame->Destroy();
        pump(50);
    }
    // Types into the search box and waits for the debounced search to fill the list.
    void search(const wxString& text) {
        frame->searchBox()->SetValue(text);
        pumpUntil([&] { return frame->residentList()->IsShown(); });
        pump(300);  // more than the 150 ms pause
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(main_frame)

BOOST_FIXTURE_TEST_CASE(empty_search_box_shows_the_resident_count, FrameFixture) {
    BOOST_TEST(!frame->residentList()->IsShown());
    BOOST_TEST(frame->GetStatusBar()->GetStatusText(2).Contains("4"));
    test::screenshot(frame, "main-empty");
}

BOOST_FIXTURE_TEST_CASE(typing_pinyin_initials_lists_the_resident, FrameFixture) {
    search("zs");
    auto* list = frame->residentList();
    BOOST_REQUIRE_EQUAL(list->GetItemCount(), 1);
    BOOST_TEST(list->cellText(0, 0) == toWx("张三"));
    BOOST_TEST(list->cellText(0, 1) == wxGetTranslation("Male"));
    // The ID number is shown in full: doctors read it to tell people apart.
    BOOST_TEST(list->cellText(0, 4) == "371721196005010016");
    BOOST_TEST(list->cellText(0, 6) == toWx(zhangSan.archiveNo));
    BOOST_TEST(list->cellText(0, 8) == wxGetTranslation("Active"));
    // The village by the name doctors say (南关居民委员会 → 南关社区), never cut: the column
    // is wide enough for the longest village of the site.
    BOOST_TEST(list->cellText(0, gui::ResidentListView::kVillageColumn) == toWx("南关社区"));
    int widest = 0;
    for (const auto& v : ws->villages())
        widest = std::max(widest, list->GetTextExtent(toWx(rules::shortVillageName(v.name))).x);
    BOOST_TEST(widest > 0);
    BOOST_TEST(list->GetColumn(gui::ResidentListView::kVillageColumn)->GetWidth() > widest);
}

BOOST_FIXTURE_TEST_CASE(search_by_name_and_by_phone_digits, FrameFixture) {
    search(toWx("张"));
    BOOST_TEST(frame->residentList()->GetItemCount() == 2);  // 张三, 张小明
    test::screenshot(frame, "main");
    search("1111");
    BOOST_REQUIRE_EQUAL(frame->residentList()->GetItemCount(), 1);
    BOOST_TEST(frame->residentList()->cellText(0, 0) == toWx("李四"));
}

BOOST_FIXTURE_TEST_CASE(enter_in_the_search_box_opens_the_record, FrameFixture) {
    search("zs");
    wxString shownName;
    // The record opens modally: inspect and close it from inside its own event loop.
    wxTheApp->CallAfter([&] {
        pump(100);
        if (auto* dialog = test::findOpenDialog<gui::ResidentDialog>()) {
            shownName = dialog->nameCtrl()->GetValue();
            dialog->EndModal(wxID_CANCEL);
        }
    });
    wxCommandEvent enter(wxEVT_TEXT_ENTER, frame->searchBox()->GetId());
    enter.SetEventObject(frame->searchBox());
    frame->searchBox()->ProcessWindowEvent(enter);
    BOOST_TEST(shownName == toWx("张三"));
}

// Issue 15, defect 6: typing on the worklist page brought the residents page forward after
// the first key and lost the others.
BOOST_FIXTURE_TEST_CASE(typing_on_the_worklist_page_keeps_every_key, FrameFixture) {
    BOOST_REQUIRE(frame->notebook()->GetSelection() == gui::MainFrame::WorklistPage);
    frame->Raise();
    frame->searchBox()->SetFocus();
    pump(100);
    wxUIActionSimulator keys;
    keys.Text("ls");
    pumpUntil([&] { return frame->searchBox()->GetValue() == "ls"; }, 2000);
    BOOST_TEST(frame->searchBox()->GetValue() == "ls");
    BOOST_TEST(frame->notebook()->GetSelection() == gui::MainFrame::ResidentsPage);
    pump(300);
    BOOST_REQUIRE_EQUAL(frame->residentList()->GetItemCount(), 1);
    BOOST_TEST(frame->residentList()->cellText(0, 0) == toWx("李四"));
    // Esc clears the search and brings the worklist back; Down goes into its rows.
    keys.Char(WXK_ESCAPE);
    pumpUntil([&] { return frame->notebook()->GetSelection() == gui::MainFrame::WorklistPage; }, 2000);
    BOOST_TEST(frame->searchBox()->GetValue().empty());
    BOOST_TEST(frame->notebook()->GetSelection() == gui::MainFrame::WorklistPage);
}

using test::collectMnemonics;
using test::mnemonic;

// Issue 15, defect 5: each Alt accelerator once per screen (the menu bar, the buttons above
// the pages and the page shown).
BOOST_FIXTURE_TEST_CASE(each_alt_accelerator_is_used_once_per_screen, FrameFixture) {
    for (std::size_t page = 0; page < frame->notebook()->GetPageCount(); ++page) {
        std::map<char, std::vector<wxString>> seen;
        auto* bar = frame->GetMenuBar();
        for (std::size_t m = 0; m < bar->GetMenuCount(); ++m)
            if (const char k = mnemonic(bar->GetMenuLabel(m))) seen[k].push_back(bar->GetMenuLabel(m));
        collectMnemonics(frame, seen);
        collectMnemonics(frame->notebook()->GetPage(page), seen);
        for (const auto& [key, labels] : seen) {
            wxString all;
            for (const auto& l : labels) all += l + "  ";
            BOOST_TEST(labels.size() == 1u, "page " << page << ": Alt+" << key << " is claimed by " << all.utf8_string());
        }
        BOOST_TEST(seen.size() > 8u);
    }
    // Inside each menu, each item's letter once (an open menu takes the letter alone).
    auto* bar = frame->GetMenuBar();
    for (std::size_t m = 0; m < bar->GetMenuCount(); ++m) {
        std::map<char, std::vector<wxString>> items;
        for (const auto* item : bar->GetMenu(m)->GetMenuItems())
            if (const char k = mnemonic(item->GetItemLabel())) items[k].push_back(item->GetItemLabel());
        for (const auto& [key, labels] : items)
            BOOST_TEST(labels.size() == 1u, bar->GetMenuLabelText(m).utf8_string() << ": " << key << " is claimed "
                                                                                  << labels.size() << " times");
        BOOST_TEST(items.size() >= bar->GetMenu(m)->GetMenuItemCount() / 2);
    }
}

BOOST_AUTO_TEST_SUITE_END()
