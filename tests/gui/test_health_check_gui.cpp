// The annual health check (健康体检表 with 老年人生活自理能力评估表) and blood-pressure
// screening in the real windows: the self-care total and level follow the choices, a signed
// check shows in the chart and leaves the worklist, a wrong reading is refused next to its
// field, and a high screening reading asks for a recheck on another day.
#include <boost/test/unit_test.hpp>

#include "GuiTestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Screening.h"
#include "gui/ChartDialog.h"
#include "gui/ChartPanel.h"
#include "gui/HealthCheckDialog.h"
#include "gui/MainFrame.h"
#include "gui/ScreeningDialog.h"
#include "gui/WorklistPanel.h"
#include "gui/WxText.h"

#include <wx/uiaction.h>

using namespace jiayi;
using gui::toWx;
using test::pump;

namespace {

struct HealthCheckFixture : test::SiteFixture {
    gui::MainFrame* frame;
    services::ChronicCare care;
    services::Screening screening;

    HealthCheckFixture() : care(ws->database(), ws->session()), screening(ws->database(), ws->session()) {
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(200);
    }
    ~HealthCheckFixture() {
        frame->Destroy();
        pump(50);
    }
    // Chooses a self-care level as a click (or the arrow keys) would.
    static void choose(gui::HealthCheckDialog& dialog, const char* item, int level) {
        auto* button = dialog.selfCareButton(item, level);
        BOOST_REQUIRE(button);
        button->SetValue(true);
        wxCommandEvent event(wxEVT_RADIOBUTTON, button->GetId());
        event.SetEventObject(button);
        event.SetInt(1);
        button->ProcessWindowEvent(event);
    }
    // 张三's check as the doctor types it: 中度依赖, 148/88, the heart and the ECG.
    static void fillCheck(gui::HealthCheckDialog& dialog) {
        choose(dialog, "eating", 2);     // 3 points
        choose(dialog, "grooming", 1);   // 1
        choose(dialog, "dressing", 0);   // 0
        choose(dialog, "toileting", 2);  // 5
        choose(dialog, "moving", 1);     // 1
        dialog.systolicCtrl()->SetValue("148");
        dialog.diastolicCtrl()->SetValue("88");
        dialog.heightCtrl()->SetValue("165");
        dialog.weightCtrl()->SetValue("68");
        dialog.glucoseCtrl()->SetValue("6.1");
        dialog.itemCtrl("heart")->SetValue(toWx("心律齐，未闻及杂音"));
        dialog.itemCtrl("ecg")->SetValue(toWx("窦性心律"));
        dialog.itemCtrl("guidance")->SetValue(toWx("低盐饮食，每年体检"));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(health_check_gui, HealthCheckFixture)

BOOST_AUTO_TEST_CASE(self_care_total_and_level_follow_the_choices) {
    gui::HealthCheckDialog dialog(frame, care, zhangSan);
    dialog.Show();
    pump(100);
    BOOST_TEST(dialog.dateCtrl()->GetValue() == toWx(formatDate(today())));
    BOOST_TEST(dialog.selfCareText() == wxGetTranslation("Self-care not assessed"));
    // 进餐 and 穿衣 have no "mild" level on the paper form.
    BOOST_TEST(dialog.selfCareButton("eating", 1) == nullptr);
    BOOST_TEST(dialog.selfCareButton("grooming", 1) != nullptr);
    choose(dialog, "eating", 2);
    BOOST_TEST(dialog.selfCareText().Contains(wxGetTranslation("Independent")));  // 3 points
    choose(dialog, "grooming", 1);
    choose(dialog, "toileting", 2);
    // 3 + 1 + 5 = 9: moderate dependence, two items still to choose.
    const auto text = dialog.selfCareText();
    BOOST_TEST(text.Contains(wxString::Format(wxGetTranslation("Total %d points: %s"), 9,
                                              wxGetTranslation("Moderate dependence"))));
    BOOST_TEST(text.Contains(wxString::Format(wxGetTranslation("(%d of %d items chosen)"), 3, 5)));
    choose(dialog, "toileting", -1);  // back to "not assessed": 4 points
    BOOST_TEST(dialog.selfCareText().Contains(wxGetTranslation("Mild dependence")));
    // BMI as it is typed.
    dialog.heightCtrl()->SetValue("165");
    dialog.weightCtrl()->SetValue("68");
    BOOST_TEST(dialog.bmiText() == "25.0");
}

BOOST_AUTO_TEST_CASE(signed_check_shows_in_the_chart_and_leaves_the_worklist) {
    // 张三 is 66: his annual check is due; double-click opens the form, not the chart.
    auto* worklist = frame->worklist();
    worklist->refresh();
    const long row = worklist->rowOf(zhangSan.id, services::WorkKind::AnnualCheck);
    BOOST_REQUIRE(row >= 0);
    worklist->selectRow(row);
    bool ranInDialog = false;
    wxString total;
    wxTheApp->CallAfter([&] {
        pump(300);
        auto* dialog = test::findOpenDialog<gui::HealthCheckDialog>();
        if (!dialog) return;
        ranInDialog = true;
        fillCheck(*dialog);
        total = dialog->selfCareText();
        test::screenshot(dialog, "health-check");
        if (!dialog->save()) dialog->EndModal(wxID_CANCEL);
    });
    worklist->actOnSelected();
    BOOST_REQUIRE(ranInDialog);
    BOOST_TEST(total.Contains(wxString::Format(wxGetTranslation("Total %d points: %s"), 10,
                                               wxGetTranslation("Moderate dependence"))));
    BOOST_TEST(worklist->rowOf(zhangSan.id, services::WorkKind::AnnualCheck) == -1);

    const auto chart = care.chart(zhangSan.id);
    BOOST_REQUIRE_EQUAL(chart.healthChecks.size(), 1u);
    const auto& check = chart.healthChecks.front();
    BOOST_TEST(*check.selfCareTotal == 10);
    BOOST_TEST(check.selfCareLevel == "moderate");
    BOOST_TEST(check.items.at("ecg") == "窦性心律");
    BOOST_TEST(check.items.count("skin") == 0u);  // left empty: not stored

    // A screening reading too: its outcome shows under the name.
    model::BpScreening reading;
    reading.residentId = zhangSan.id;
    reading.systolic = 146;
    reading.diastolic = 92;
    screening.record(reading);
    gui::ChartDialog dialog(frame, *ws, zhangSan.id);
    dialog.Show();
    pump(100);
    BOOST_TEST(dialog.panel()->screeningText().Contains("146/92"));
    auto* checks = dialog.panel()->checkList();
    BOOST_REQUIRE_EQUAL(checks->GetItemCount(), 1);
    BOOST_TEST(checks->GetItemText(0, 0) == toWx(formatDate(today())));
    BOOST_TEST(checks->GetItemText(0, 1) == "10");
    BOOST_TEST(checks->GetItemText(0, 2) == wxGetTranslation("Moderate dependence"));
    BOOST_TEST(checks->GetItemText(0, 3) == "148/88");
    dialog.panel()->notebook()->SetSelection(2);
    test::screenshot(&dialog, "chronic-chart-health-checks");
}

BOOST_AUTO_TEST_CASE(check_with_80_over_95_shows_the_error_next_to_diastolic_and_writes_nothing) {
    gui::HealthCheckDialog dialog(frame, care, zhangSan);
    dialog.Show();
    pump(100);
    choose(dialog, "eating", 0);  // one item only: the other four are required too
    dialog.systolicCtrl()->SetValue("80");
    dialog.diastolicCtrl()->SetValue("95");
    BOOST_TEST(!dialog.save());
    BOOST_TEST(dialog.errorLabel("diastolic")->IsShown());
    BOOST_TEST(dialog.errorLabel("diastolic")->GetLabel() ==
               wxGetTranslation("Diastolic pressure must be lower than systolic"));
    BOOST_TEST(dialog.errorLabel("self_care.moving")->IsShown());
    BOOST_TEST(!dialog.errorLabel("self_care.eating")->IsShown());
    BOOST_TEST(care.chart(zhangSan.id).healthChecks.empty());
}

BOOST_AUTO_TEST_CASE(check_is_typed_from_the_keyboard_and_enter_signs_it) {
    auto* dialog = new gui::HealthCheckDialog(frame, care, liSi);
    dialog->Show();
    dialog->Raise();
    pump(200);
    // The cursor starts in the temperature: Tab through pulse, respiration and BP, Enter signs.
    wxUIActionSimulator keys;
    for (const char* value : {"36.5", "72", "18", "138", "84"}) {
        keys.Text(value);
        keys.Char(WXK_TAB);
    }
    pump(100);
    BOOST_TEST(dialog->systolicCtrl()->GetValue() == "138");
    BOOST_TEST(dialog->diastolicCtrl()->GetValue() == "84");
    keys.Char(WXK_RETURN);
    test::pumpUntil([&] { return !dialog->IsShown(); }, 2000);
    const auto checks = care.chart(liSi.id).healthChecks;
    BOOST_REQUIRE_EQUAL(checks.size(), 1u);
    BOOST_TEST(*checks.front().temperature == 36.5);
    BOOST_TEST(*checks.front().respiration == 18);
    BOOST_TEST(checks.front().selfCare.empty());  // 61: not assessed
    dialog->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(screening_of_150_over_95_asks_for_a_recheck) {
    auto* dialog = new gui::ScreeningDialog(frame, screening, liSi);
    dialog->Show();
    pump(100);
    dialog->systolicCtrl()->SetValue("150");
    dialog->diastolicCtrl()->SetValue("95");
    dialog->weightCtrl()->SetValue("72");
    dialog->heightCtrl()->SetValue("158");
    dialog->waistCtrl()->SetValue("92");
    dialog->highSaltBox()->SetValue(true);
    BOOST_REQUIRE(dialog->save());
    const auto status = screening.status(liSi.id);
    BOOST_REQUIRE_EQUAL(status.readings.size(), 1u);
    BOOST_TEST(status.outcome.recheck);
    BOOST_TEST(dialog->outcomePanel()->IsShown());
    BOOST_TEST(dialog->outcomeText().Contains("150/95"));
    BOOST_TEST(dialog->outcomeText().Contains(toWx(status.outcome.reason)));
    BOOST_REQUIRE(!status.highRisk.empty());  // BMI 28.8, waist 92, salt
    BOOST_TEST(dialog->outcomeText().Contains(toWx(status.highRisk.front())));
    test::screenshot(dialog, "screening");
    dialog->Destroy();
    pump(50);

    // The chart shows the outcome under the name; the worklist lists her for the recheck and
    // a double-click opens the screening form.
    {
        gui::ChartDialog chart(frame, *ws, liSi.id);
        BOOST_TEST(chart.panel()->screeningText().Contains(toWx(status.outcome.reason)));
    }
    auto* worklist = frame->worklist();
    worklist->refresh();
    const long row = worklist->rowOf(liSi.id, services::WorkKind::Screening);
    BOOST_REQUIRE(row >= 0);
    worklist->selectRow(row);
    bool opened = false;
    wxTheApp->CallAfter([&] {
        pump(200);
        if (auto* d = test::findOpenDialog<gui::ScreeningDialog>()) {
            opened = true;
            d->EndModal(wxID_CANCEL);
        }
    });
    worklist->actOnSelected();
    BOOST_TEST(opened);
}

BOOST_AUTO_TEST_CASE(screening_without_a_reading_is_refused) {
    gui::ScreeningDialog dialog(frame, screening, liSi);
    dialog.Show();
    pump(50);
    dialog.systolicCtrl()->SetValue("150");
    BOOST_TEST(!dialog.save());
    BOOST_TEST(dialog.errorLabel("systolic")->IsShown());
    BOOST_TEST(screening.status(liSi.id).readings.empty());
}

BOOST_AUTO_TEST_SUITE_END()
