#include <boost/test/unit_test.hpp>

#include <wx/dataview.h>

#include "GuiTestSupport.h"
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

BOOST_AUTO_TEST_SUITE_END()
