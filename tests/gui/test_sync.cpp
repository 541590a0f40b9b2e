// Sync from the main window against a real hub on 127.0.0.1 (HubFixture): enrolment through
// the dialog, a sync on its worker thread while the window keeps handling events, the status
// strip, the conflict review, and a hub that has gone away.
#include <boost/test/unit_test.hpp>

#include <wx/timer.h>

#include <optional>

#include "GuiTestSupport.h"
#include "HubFixture.h"
#include "core/store/Database.h"
#include "gui/ConflictDialog.h"
#include "gui/EnrolDialog.h"
#include "gui/MainFrame.h"
#include "gui/WxText.h"
#include "sync/HubClient.h"

using namespace jiayi;
using gui::toWx;
using test::pump;
using test::pumpUntil;

namespace {

constexpr int kSyncTimeoutMs = 30000;

// A wrapped label's text without the line breaks wrapping put in.
wxString withoutBreaks(wxString text) {
    text.Replace("\n", "");
    text.Replace(" ", "");
    return text;
}

// The GUI's site (SiteFixture's four residents), a second site of the same village, a hub.
struct SyncFixture : test::SiteFixture {
    std::optional<testing::HubFixture> hub;
    std::unique_ptr<services::Workstation> other;
    gui::MainFrame* frame = nullptr;

    SyncFixture() {
        hub.emplace(dir.path());
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(200);
    }
    ~SyncFixture() {
        frame->Destroy();
        pump(50);
    }

    // The second site joins after this one: this one numbered its records before the hub
    // existed, and the hub refuses a ledger that clashes with blocks it already handed out.
    void joinOtherSite() {
        other = services::Workstation::open(dir.file("other.db"), "doctor-east");
        hub->enrol(other->database(), village, "东头卫生室");
        sync::HubClient(other->database()).sync();
    }
    sync::SyncStatus status() { return sync::syncStatus(ws->database()); }
    gui::SyncPanel* strip() { return frame->syncPanel(); }
    // Presses Sync and waits for the worker to finish.
    void pressSync() {
        test::click(frame->syncButton());
        BOOST_REQUIRE(pumpUntil([&] { return !frame->syncRunning(); }, kSyncTimeoutMs));
        pump(50);
    }
    wxString waitingLabel(std::int64_t n) {
        return n == 0 ? wxGetTranslation("All changes synced")
                      : wxString::Format(wxGetTranslation("%lld changes not yet synced"), static_cast<long long>(n));
    }
    wxString conflictsLabel(std::int64_t n) {
        return wxString::Format(wxGetTranslation("Conflicts to review: %lld"),
                                static_cast<long long>(n));
    }
    // Both sites change the same two fields of 张三 before either syncs again.
    void editAtBothSites() {
        auto mine = ws->registry().get(zhangSan.id);
        mine.phone = "13811112222";
        mine.employer = "西村砖厂";
        ws->registry().edit(mine);
        auto theirs = other->registry().get(zhangSan.id);
        theirs.phone = "13833334444";
        theirs.employer = "曹县纺织厂";
        other->registry().edit(theirs);
        sync::HubClient(other->database()).sync();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(sync_from_the_main_window, SyncFixture)

BOOST_AUTO_TEST_CASE(sync_button_enrols_through_the_dialog_then_sends_every_waiting_change) {
    BOOST_TEST(!status().enrolled);
    BOOST_TEST(strip()->lastSyncText()->GetLabel() ==
               wxGetTranslation("Not joined to a township hub yet"));
    const auto waiting = status().waiting;
    BOOST_TEST(waiting > 0);
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(waiting));

    wxString addressError, codeError;
    bool ranInDialog = false;
    // The Sync button opens the enrolment dialog modally: fill it in from its own loop.
    wxTheApp->CallAfter([&] {
        pump(100);
        auto* dialog = test::findOpenDialog<gui::EnrolDialog>();
        if (!dialog) return;
        ranInDialog = true;
        auto attempt = [&] {
            dialog->enrol();
            pumpUntil([&] { return !dialog->busy(); }, kSyncTimeoutMs);
        };
        dialog->hubCtrl()->SetValue(toWx(hub->url()));
        dialog->codeCtrl()->SetValue(toWx(hub->code(village, "西村卫生室")));
        dialog->nameCtrl()->SetValue(toWx("西村卫生室"));
        test::screenshot(dialog, "sync-enrol");
        const auto code = dialog->codeCtrl()->GetValue();
        dialog->hubCtrl()->SetValue("http://127.0.0.1:1");
        attempt();
        addressError = dialog->errorText("hub")->GetLabel();
        dialog->hubCtrl()->SetValue(toWx(hub->url()));
        dialog->codeCtrl()->SetValue("ABCD-EFGH");
        attempt();
        codeError = dialog->errorText("code")->GetLabel();
        test::screenshot(dialog, "sync-enrol-error");
        dialog->codeCtrl()->SetValue(code);
        attempt();  // the dialog closes once the hub accepted
        if (dialog->IsModal() && dialog->IsShown()) {
            BOOST_ERROR("enrolment failed: " << dialog->messageText()->GetLabel().utf8_string()
                                             << dialog->errorText("code")->GetLabel().utf8_string()
                                             << dialog->errorText("hub")->GetLabel().utf8_string());
            dialog->EndModal(wxID_CANCEL);
        }
    });
    test::click(frame->syncButton());
    BOOST_REQUIRE(ranInDialog);
    // Bad input is named next to its field, in words, and nothing is saved.
    BOOST_TEST(!addressError.empty());
    BOOST_TEST(addressError.Contains("https://"));
    BOOST_TEST(!codeError.empty());
    BOOST_TEST(status().enrolled);

    // Enrolled: the sync started at once, on its worker thread.
    BOOST_REQUIRE(pumpUntil([&] { return !frame->syncRunning(); }, kSyncTimeoutMs));
    pump(50);
    const auto after = status();
    BOOST_TEST(after.lastError == "");
    BOOST_TEST(after.waiting == 0);
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(0));
    BOOST_TEST(strip()->lastSyncText()->GetLabel().Contains(toWx(after.lastSync)));
    BOOST_TEST(strip()->messageText()->IsShown());  // what the sync did
    // Another site of the village receives this site's residents.
    joinOtherSite();
    BOOST_TEST(other->registry().get(liSi.id).name == "李四");
}

BOOST_AUTO_TEST_CASE(a_concurrent_edit_becomes_a_conflict_to_review_while_the_window_stays_live) {
    hub->enrol(ws->database(), village, "西村卫生室");
    sync::HubClient(ws->database()).sync();
    joinOtherSite();
    editAtBothSites();
    frame->refreshSyncStatus();
    const auto waiting = status().waiting;
    BOOST_TEST(waiting > 0);
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(waiting));
    BOOST_TEST(!strip()->conflictsButton()->IsEnabled());

    // A writer elsewhere holds the database: the sync's worker waits for it, the window not.
    auto blocker = store::Database::open(dir.file("jiayi.db"));
    auto lock = std::make_unique<store::Transaction>(*blocker);
    int ticks = 0;
    wxTimer timer;
    timer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) { ++ticks; });
    timer.Start(20);
    test::click(frame->syncButton());
    pump(600);
    BOOST_TEST(frame->syncRunning());
    BOOST_TEST(ticks >= 10);  // the event loop kept turning during the sync
    BOOST_TEST(!frame->syncButton()->IsEnabled());
    BOOST_TEST(strip()->gauge()->IsShown());
    BOOST_TEST(strip()->cancelButton()->IsShown());
    test::screenshot(frame, "sync-progress");
    lock.reset();
    BOOST_REQUIRE(pumpUntil([&] { return !frame->syncRunning(); }, kSyncTimeoutMs));
    timer.Stop();
    pump(50);

    const auto after = status();
    BOOST_TEST(after.lastError == "");
    BOOST_TEST(after.waiting == 0);
    BOOST_TEST(after.openConflicts == 2);  // phone and employer
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(0));
    BOOST_TEST(strip()->conflictsButton()->GetLabel() == conflictsLabel(after.openConflicts));
    BOOST_TEST(strip()->conflictsButton()->IsEnabled());
    BOOST_TEST(!strip()->gauge()->IsShown());
    frame->searchBox()->SetValue("zs");
    pump(300);
    test::screenshot(frame, "sync-status");

    // The review lists both values; keep one field's current value, restore the other's.
    const auto current = ws->registry().get(zhangSan.id);
    std::string restoredPhone;
    bool ranInDialog = false;
    int listed = 0, leftAfterRestore = 0;
    wxTheApp->CallAfter([&] {
        pump(100);
        auto* dialog = test::findOpenDialog<gui::ConflictDialog>();
        if (!dialog) return;
        ranInDialog = true;
        listed = dialog->list()->GetItemCount();
        test::screenshot(dialog, "sync-conflicts");
        for (long row = 0; row < dialog->list()->GetItemCount(); ++row) {
            BOOST_TEST(dialog->list()->GetItemText(row, 0).Contains(toWx("张三")));
            const auto writer = dialog->list()->GetItemText(row, 4);
            BOOST_TEST((writer == "doctor-east" || writer == "tester"));
        }
        for (std::size_t i = 0; i < dialog->conflicts().size(); ++i) {
            const auto& v = dialog->conflicts()[i];
            if (v.conflict.field != "phone") continue;
            const auto row = static_cast<long>(i);
            BOOST_TEST(dialog->list()->GetItemText(row, 2) == toWx(current.phone));
            BOOST_TEST(dialog->list()->GetItemText(row, 3) == toWx(v.lostText));
            restoredPhone = v.lostText;
            dialog->select(row);
            BOOST_TEST(dialog->restoreLost());
            break;
        }
        leftAfterRestore = dialog->list()->GetItemCount();
        dialog->select(0);
        BOOST_TEST(dialog->keepCurrent());
        BOOST_TEST(dialog->list()->GetItemCount() == 0);
        BOOST_TEST(!dialog->keepButton()->IsEnabled());
        dialog->EndModal(wxID_CANCEL);
    });
    test::click(strip()->conflictsButton());
    BOOST_REQUIRE(ranInDialog);
    BOOST_TEST(listed == 2);
    BOOST_TEST(leftAfterRestore == 1);
    const auto resolved = ws->registry().get(zhangSan.id);
    BOOST_TEST(!restoredPhone.empty());
    BOOST_TEST(restoredPhone != current.phone);
    BOOST_TEST(resolved.phone == restoredPhone);
    BOOST_TEST(resolved.employer == current.employer);
    BOOST_TEST(status().openConflicts == 0);
    BOOST_TEST(strip()->conflictsButton()->GetLabel() == conflictsLabel(0));
    // The restore is a change of its own: it waits to be sent, and reaches the other site.
    BOOST_TEST(status().waiting > 0);
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(status().waiting));
    pressSync();
    sync::HubClient(other->database()).sync();
    BOOST_TEST(other->registry().get(zhangSan.id).phone == restoredPhone);
}

BOOST_AUTO_TEST_CASE(a_hub_that_is_gone_is_said_in_plain_words_and_nothing_is_lost) {
    hub->enrol(ws->database(), village, "西村卫生室");
    sync::HubClient(ws->database()).sync();
    auto edited = ws->registry().get(liSi.id);
    edited.phone = "13955556666";
    ws->registry().edit(edited);
    const auto waiting = status().waiting;
    BOOST_TEST(waiting > 0);
    frame->refreshSyncStatus();
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(waiting));
    hub.reset();  // the hub's server is shut down

    pressSync();
    const auto after = status();
    BOOST_TEST(!after.lastError.empty());
    BOOST_TEST(strip()->messageText()->IsShown());
    BOOST_TEST(withoutBreaks(strip()->messageText()->GetLabel()).Contains(
        withoutBreaks(toWx(after.lastError))));
    BOOST_TEST(after.waiting == waiting);
    BOOST_TEST(strip()->waitingText()->GetLabel() == waitingLabel(waiting));
    BOOST_TEST(ws->registry().get(liSi.id).phone == "13955556666");
    BOOST_TEST(frame->syncButton()->IsEnabled());  // another try is one press away
    test::screenshot(frame, "sync-error");
}

BOOST_AUTO_TEST_CASE(stop_sync_ends_after_the_current_batch_and_says_so) {
    hub->enrol(ws->database(), village, "西村卫生室");
    auto blocker = store::Database::open(dir.file("jiayi.db"));
    auto lock = std::make_unique<store::Transaction>(*blocker);
    test::click(frame->syncButton());
    pump(100);
    BOOST_REQUIRE(frame->syncRunning());
    test::click(strip()->cancelButton());
    BOOST_TEST(!strip()->cancelButton()->IsEnabled());
    lock.reset();
    BOOST_REQUIRE(pumpUntil([&] { return !frame->syncRunning(); }, kSyncTimeoutMs));
    pump(50);
    const auto after = status();
    BOOST_TEST(!after.lastError.empty());  // "stopped; what was sent is kept"
    BOOST_TEST(withoutBreaks(strip()->messageText()->GetLabel()).Contains(
        withoutBreaks(toWx(after.lastError))));
    BOOST_TEST(!strip()->gauge()->IsShown());
    BOOST_TEST(frame->syncButton()->IsEnabled());
    // What the first batch carried stays sent; the next sync finishes the rest.
    pressSync();
    BOOST_TEST(status().lastError == "");
    BOOST_TEST(status().waiting == 0);
}

BOOST_AUTO_TEST_SUITE_END()
