// The supervisor's page in the real window under Xvfb (issue 18): on a demo township, the
// indicators with the chart village by village and month by month; the drill from the
// blood-pressure control rate to a village, to a patient, to the visit that decided (the
// chart opens on it); the data-quality scan with the planted doctors; a sample drawn for
// review. Screenshots in docs/screenshots when JIAYI_SCREENSHOT_DIR is set.
#include <boost/test/unit_test.hpp>

#include "GuiTestSupport.h"
#include "core/demo/DemoData.h"
#include "gui/ChartDialog.h"
#include "gui/ChartPanel.h"
#include "gui/MainFrame.h"
#include "gui/RateChart.h"
#include "gui/SupervisionPanel.h"
#include "gui/WxText.h"

using namespace jiayi;
using gui::toWx;
using test::pump;
using rules::indicators::Indicator;

namespace {

struct SupervisionGui {
    test::TempDir dir;
    std::unique_ptr<services::Workstation> ws;
    services::DemoSummary demo;
    gui::MainFrame* frame = nullptr;
    gui::SupervisionPanel* page = nullptr;
    SupervisionGui() {
        ws = services::Workstation::open(dir.file("jiayi.db"), "tester");
        services::DemoOptions options;
        options.residents = 10000;
        options.seed = 1;
        options.contracts = false;
        demo = services::createDemoTownship(*ws, options);
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(200);
        page = frame->supervisionPanel();
        BOOST_REQUIRE(page);
        for (std::size_t i = 0; i < frame->notebook()->GetPageCount(); ++i)
            if (frame->notebook()->GetPage(i) == page) frame->notebook()->SetSelection(i);
        pump(200);
    }
    ~SupervisionGui() {
        frame->Destroy();
        pump(50);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(supervision_gui, SupervisionGui)

BOOST_AUTO_TEST_CASE(drill_from_the_control_rate_to_the_visit) {
    // Showing the page counted the year.
    BOOST_REQUIRE(page->report().has_value());
    page->chooseIndicator(Indicator::HtnControl);
    pump(100);
    BOOST_TEST(page->villageChart()->bars().size() > 10u);
    BOOST_TEST(page->monthChart()->bars().size() == 12u);
    BOOST_TEST(page->villageList()->GetItemCount() == static_cast<int>(page->villageChart()->bars().size()));
    // A village with patients: its members, counted first, each with the reason.
    std::string village;
    for (const auto& bar : page->villageChart()->bars())
        if (bar.rate && *bar.rate > 0 && *bar.rate < 1) {
            village = bar.key;
            break;
        }
    BOOST_REQUIRE(!village.empty());
    page->chooseVillage(village);
    pump(100);
    const auto& members = page->members();
    BOOST_REQUIRE(!members.empty());
    BOOST_TEST(page->memberList()->GetItemCount() == static_cast<int>(members.size()));
    BOOST_TEST(members.front().counted);
    test::screenshot(frame, "supervision-indicators");
    // The patient's chart opens on the visit that decided.
    long row = -1;
    for (std::size_t i = 0; i < members.size(); ++i)
        if (!members[i].recordId.empty()) row = static_cast<long>(i);
    BOOST_REQUIRE(row >= 0);
    const auto expected = members[static_cast<std::size_t>(row)].recordId;
    std::string shown;
    wxTheApp->CallAfter([&] {
        auto* dialog = test::findOpenDialog<gui::ChartDialog>();
        BOOST_REQUIRE(dialog);
        pump(100);
        if (const auto* f = dialog->panel()->selectedFollowUp()) shown = f->id;
        test::screenshot(dialog, "supervision-visit");
        dialog->EndModal(wxID_CANCEL);
    });
    page->openMember(row);
    BOOST_TEST(shown == expected);
}

BOOST_AUTO_TEST_CASE(the_scan_finds_the_planted_doctors_and_a_sample_is_drawn) {
    page->pages()->SetSelection(1);
    page->scan();
    pump(100);
    BOOST_REQUIRE(page->lastScan().has_value());
    std::set<std::string> flagged;
    for (const auto& s : page->lastScan()->doctors) flagged.insert(s.subject);
    for (const auto& [doctor, conduct] : demo.chronic.planted) BOOST_TEST(flagged.count(doctor) == 1u, doctor << " " << conduct);
    BOOST_TEST(page->signalList()->GetItemCount() > 0);
    test::screenshot(frame, "supervision-quality");
    page->pages()->SetSelection(2);
    page->drawSample(8, true, {"tester"});
    pump(100);
    BOOST_TEST(page->caseList()->GetItemCount() == 8);
    test::screenshot(frame, "supervision-review");
}

// Each Alt accelerator once per screen: the menu bar, the buttons above the pages, the
// supervision page's own and the tab shown.
BOOST_AUTO_TEST_CASE(each_alt_accelerator_once_on_each_tab) {
    for (std::size_t tab = 0; tab < page->pages()->GetPageCount(); ++tab) {
        std::map<char, std::vector<wxString>> seen;
        auto* bar = frame->GetMenuBar();
        for (std::size_t m = 0; m < bar->GetMenuCount(); ++m)
            if (const char k = test::mnemonic(bar->GetMenuLabel(m))) seen[k].push_back(bar->GetMenuLabel(m));
        test::collectMnemonics(frame, seen);
        test::collectMnemonics(page, seen);
        test::collectMnemonics(page->pages()->GetPage(tab), seen);
        for (const auto& [key, labels] : seen)
            BOOST_TEST(labels.size() == 1u, "tab " << tab << ": Alt+" << key << " is claimed " << labels.size() << " times");
    }
}

BOOST_AUTO_TEST_CASE(a_bad_period_says_why) {
    page->periodBox()->ChangeValue("2026-Q7");
    page->refresh();
    pump(50);
    BOOST_TEST(!page->report().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
