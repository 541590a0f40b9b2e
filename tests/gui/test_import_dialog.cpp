#include <boost/test/unit_test.hpp>

#include "GuiTestSupport.h"
#include "gui/ImportDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using test::pump;

namespace {

struct ImportFixture : test::SiteFixture {
    wxFrame* frame;
    gui::ImportDialog* dialog;
    ImportFixture() {
        frame = new wxFrame(nullptr, wxID_ANY, "host", wxDefaultPosition, wxSize(1200, 760));
        frame->Show();
        dialog = new gui::ImportDialog(
            frame, *ws, wxString::FromUTF8(JIAYI_TEST_DATA_DIR) + "/import/broken_rows.csv");
        dialog->Show();
        pump(100);
    }
    ~ImportFixture() {
        dialog->Destroy();
        frame->Destroy();
        pump(50);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(import_dialog, ImportFixture)

BOOST_AUTO_TEST_CASE(check_lists_every_rejected_row_and_writes_nothing) {
    const auto before = ws->residentCount();
    BOOST_REQUIRE(dialog->check());
    pump(100);
    const auto& report = dialog->report();
    BOOST_TEST(report.imported == 5u);
    BOOST_TEST(static_cast<std::size_t>(dialog->problems()->GetItemCount()) ==
               report.rejected.size() + report.warnings.size());
    BOOST_TEST(ws->residentCount() == before);
    // The first problem row names the line and the column the file used.
    const long first = static_cast<long>(report.warnings.size());
    BOOST_TEST(dialog->problems()->GetItemText(first, 0) == "5");
    BOOST_TEST(dialog->problems()->GetItemText(first, 1) == gui::toWx("身份证号"));
    test::screenshot(dialog, "import");
}

BOOST_AUTO_TEST_CASE(import_writes_the_valid_rows) {
    const auto before = ws->residentCount();
    BOOST_REQUIRE(dialog->importNow());
    BOOST_TEST(ws->residentCount() == before + 5u);
    BOOST_TEST(dialog->summary()->GetLabel().Find(wxT("5")) != wxNOT_FOUND);
}

BOOST_AUTO_TEST_SUITE_END()
