#include <boost/test/unit_test.hpp>

#include "GuiTestSupport.h"
#include "gui/HouseholdDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using test::pump;
using test::pumpUntil;
using gui::toWx;

namespace {

struct HouseholdFixture : test::SiteFixture {
    wxFrame* frame;
    gui::HouseholdDialog* dialog = nullptr;
    HouseholdFixture() {
        frame = new wxFrame(nullptr, wxID_ANY, "host", wxDefaultPosition, wxSize(1200, 760));
        frame->Show();
    }
    ~HouseholdFixture() {
        if (dialog) dialog->Destroy();
        frame->Destroy();
        pump(50);
    }
    void open(const std::string& residentId) {
        dialog = new gui::HouseholdDialog(frame, *ws, ws->registry().householdOf(residentId)->id);
        dialog->Show();
        pump(200);
    }
    std::vector<wxString> column(wxDataViewListCtrl* list, unsigned col) {
        std::vector<wxString> out;
        for (int i = 0; i < list->GetItemCount(); ++i)
            out.push_back(list->GetTextValue(static_cast<unsigned>(i), col));
        return out;
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(household_dialog)

BOOST_FIXTURE_TEST_CASE(members_are_listed_with_their_relation, HouseholdFixture) {
    open(zhangSan.id);
    BOOST_TEST(dialog->addressCtrl()->GetValue() == toWx("西村1组12号"));
    const auto names = column(dialog->currentMembers(), 0);
    BOOST_TEST((names == std::vector<wxString>{toWx("张三"), toWx("王芳"), toWx("张小明")}));
    BOOST_TEST(column(dialog->currentMembers(), 1)[0] == wxGetTranslation("Head of household"));
    BOOST_TEST(dialog->pastMembers()->GetItemCount() == 0);
}

BOOST_FIXTURE_TEST_CASE(moving_a_member_keeps_the_history, HouseholdFixture) {
    open(zhangSan.id);
    BOOST_REQUIRE(dialog->addMember(liSi.id, "7"));
    BOOST_TEST(dialog->currentMembers()->GetItemCount() == 4);
    BOOST_REQUIRE(dialog->makeHead(wangFang.id, "1"));
    // The head is listed first.
    BOOST_TEST(column(dialog->currentMembers(), 0)[0] == toWx("王芳"));
    BOOST_TEST(column(dialog->currentMembers(), 1)[0] == wxGetTranslation("Head of household"));
    dialog->addressCtrl()->SetValue(toWx("西村1组12号（新）"));
    BOOST_REQUIRE(dialog->saveAddress());
    BOOST_TEST(ws->registry().household(dialog->household().id).address == "西村1组12号（新）");
    test::screenshot(dialog, "household");
    dialog->Destroy();

    // 李四's former household lists her as a past member, with the day and the reason.
    dialog = nullptr;
    const auto history = ws->registry().household(
        ws->registry().findHouseholds(village, "西村2组3号").at(0).id);
    dialog = new gui::HouseholdDialog(frame, *ws, history.id);
    dialog->Show();
    pump(100);
    BOOST_TEST(dialog->currentMembers()->GetItemCount() == 0);
    BOOST_REQUIRE(dialog->pastMembers()->GetItemCount() == 1);
    BOOST_TEST(column(dialog->pastMembers(), 0)[0] == toWx("李四"));
    BOOST_TEST(!column(dialog->pastMembers(), 3)[0].empty());
    test::screenshot(dialog, "household-history");
}

BOOST_FIXTURE_TEST_CASE(an_empty_address_is_refused_with_a_reason, HouseholdFixture) {
    open(zhangSan.id);
    dialog->addressCtrl()->SetValue("");
    BOOST_TEST(!dialog->saveAddress());
    BOOST_TEST(dialog->errorLine()->GetLabel() == wxGetTranslation("Required"));
}

BOOST_AUTO_TEST_SUITE_END()
