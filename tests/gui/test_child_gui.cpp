// Children's and mothers' pages in the real windows under Xvfb (issue 19): the health visits
// and the doses with their states from core, the growth chart with the child's points, the
// dose form that says what the schedule refuses while the doctor types and records what it
// allows, the immunization card printed; a pregnancy registered (bad input refused at its
// field), its schedule of visits, and a visit whose blood pressure calls for urgent referral.
#include <boost/test/unit_test.hpp>

#include <map>

#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/textctrl.h>

#include "GuiTestSupport.h"
#include "core/services/ChildHealth.h"
#include "core/services/Immunization.h"
#include "core/services/Maternal.h"
#include "gui/ChildDialog.h"
#include "gui/DocumentPrintout.h"
#include "gui/GrowthChart.h"
#include "gui/PregnancyDialog.h"
#include "gui/WxText.h"

using namespace jiayi;
using gui::toUtf8;
using gui::toWx;
using test::pump;

namespace {

struct ChildGui : test::SiteFixture {
    model::Resident baby;
    ChildGui() {
        // A girl of about ten months: HepB 1 and BCG at birth, the newborn and 3-month visits.
        const auto birth = addDays(today(), -300);
        baby = ws->registry().registerResident(
            join(person("张小雨", "2", formatDate(birth).c_str(), "", ""), ws->registry().householdOf(zhangSan.id)->id, "5"));
        services::Immunization vaccines(ws->database(), ws->session());
        for (const char* v : {"HepB", "BCG"}) {
            model::Vaccination d;
            d.residentId = baby.id;
            d.vaccine = v;
            d.dose = 1;
            d.givenOn = birth;
            d.batch = "2026A01";
            d.site = "right_arm";
            vaccines.record(d);
        }
        services::ChildHealth health(ws->database(), ws->session());
        auto visit = [&](const char* code, int day, double weight, double length, double head) {
            model::ChildVisit v;
            v.residentId = baby.id;
            v.visitCode = code;
            v.visitDate = addDays(birth, day);
            v.weightKg = weight;
            v.lengthCm = length;
            v.headCm = head;
            v.development = "normal";
            health.record(v);
        };
        visit("newborn", 5, 3.3, 50.0, 34.0);
        visit("m3", 92, 6.0, 60.5, 40.0);
    }
    static wxString cell(wxListCtrl* list, long row, int column) { return list->GetItemText(row, column); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(child_gui, ChildGui)

BOOST_AUTO_TEST_CASE(the_child_page_shows_visits_doses_and_growth_and_records_a_dose) {
    auto* dialog = new gui::ChildDialog(nullptr, *ws, baby.id);
    dialog->Move(0, 0);  // its own size, 1180 × 720 DIP at most, on the 1366 × 768 screen
    dialog->Show();
    pump(300);
    auto* visits = dialog->visitList();
    BOOST_TEST(visits->GetItemCount() == 13);
    BOOST_TEST(toUtf8(cell(visits, 0, 1)).find("2026") != std::string::npos);  // newborn: done on …
    auto* doses = dialog->doseList();
    BOOST_TEST(doses->GetItemCount() >= 20);
    BOOST_TEST(toUtf8(cell(doses, 0, 0)).find("HepB") != std::string::npos);
    BOOST_TEST(dialog->chart()->marks() == 2u);
    test::screenshot(dialog, "child-page");
    // Each Alt letter once on the page.
    std::map<char, std::vector<wxString>> letters;
    test::collectMnemonics(dialog, letters);
    BOOST_TEST(letters.count('R') == 1u);
    for (const auto& [letter, labels] : letters) BOOST_TEST(labels.size() == 1u, letter);

    // The dose form: an impossible date is refused while typing, with the schedule's reason.
    services::Immunization vaccines(ws->database(), ws->session());
    {
    gui::DoseDialog form(nullptr, *ws, baby, vaccines.card(baby.id));
    form.Show();
    pump(100);
    // The first dose to give is offered: HepB dose 2 (the longest overdue).
    BOOST_TEST(toUtf8(form.vaccineChoice()->GetStringSelection()).find("HepB") != std::string::npos);
    BOOST_TEST(toUtf8(form.doseCtrl()->GetValue()) == "2");
    form.dateCtrl()->SetValue(toWx(formatDate(addDays(today(), -299))));  // a day after birth: too early
    pump(100);
    BOOST_TEST(form.errorLabel("given_on")->IsShown());
    BOOST_TEST(!form.errorLabel("given_on")->GetLabel().IsEmpty());
    test::screenshot(&form, "child-dose-refused");
    form.dateCtrl()->SetValue(toWx(formatDate(today())));
    form.batchCtrl()->SetValue("2026B07");
    form.siteChoice()->setCode("left_thigh");
    pump(50);
    BOOST_TEST(form.save());
    form.Hide();
    }
    dialog->reload();
    pump(100);
    BOOST_TEST(toUtf8(cell(doses, 1, 2)).find(formatDate(today())) != std::string::npos);  // HepB 2 given today

    // The visit form: the overdue 8-month visit offered; z-scores while typing; a missing
    // and an impossible measurement refused at their fields; the visit saved.
    {
        gui::ChildVisitDialog form(nullptr, *ws, baby, services::ChildHealth(ws->database(), ws->session()).timeline(baby.id));
        form.Show();
        pump(100);
        BOOST_TEST(toUtf8(form.visitChoice()->GetStringSelection()).find("8") != std::string::npos,
                   toUtf8(form.visitChoice()->GetStringSelection()));
        BOOST_TEST(!form.dischargeCtrl()->IsEnabled());  // asked at the newborn visit only
        BOOST_TEST(form.headCtrl()->IsEnabled());
        form.weightCtrl()->SetValue("80");  // a typo for 8.0
        form.lengthCtrl()->SetValue("70");
        pump(100);
        BOOST_TEST(!form.save());
        BOOST_TEST(form.errorLabel("weight")->IsShown());
        BOOST_TEST(form.errorLabel("head")->IsShown());  // required to 3 years
        form.weightCtrl()->SetValue("5.6");  // light for a girl of 8 months: below -2 SD
        form.headCtrl()->SetValue("43");
        pump(100);
        const auto growthText = toUtf8(form.growthText());
        BOOST_TEST(growthText.find("z") != std::string::npos, growthText);
        BOOST_TEST(growthText.find("-") != std::string::npos, growthText);
        test::screenshot(&form, "child-visit-form");
        BOOST_TEST(form.save());
        form.Hide();
    }
    dialog->reload();
    pump(100);
    BOOST_TEST(dialog->chart()->marks() == 3u);
    // No delivery on record names this child: the page says so, without a mother's button.
    BOOST_TEST(!dialog->motherLine()->GetLabel().IsEmpty());

    // The immunization card prints on A4.
    gui::DocumentPrintout card(vaccines.cardDocument(baby.id));
    test::printFirstPage(card, "child-card-print", false);
    dialog->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_pregnancy_is_registered_and_an_urgent_visit_is_said_while_typing) {
    const auto woman = ws->registry().registerResident(
        join(person("李丽", "2", "1996-03-03", "", ""), ws->registry().householdOf(liSi.id)->id, "3"));
    auto* page = new gui::PregnancyDialog(nullptr, *ws, woman.id);
    page->Move(0, 0);
    page->Show();
    pump(100);
    BOOST_TEST(page->planList()->GetItemCount() == 0);
    {
        gui::RegisterPregnancyDialog form(nullptr, *ws, woman);
        form.Show();
        form.lmpCtrl()->SetValue(toWx(formatDate(addDays(today(), -150))));  // 21+3 weeks
        form.gravidityCtrl()->SetValue("1");
        form.parityCtrl()->SetValue("1");
        BOOST_TEST(!form.save());  // parity must be below gravidity
        BOOST_TEST(form.errorLabel("parity")->IsShown());
        form.gravidityCtrl()->SetValue("2");
        BOOST_TEST(form.save());
        form.Hide();
    }
    page->reload();
    pump(50);
    BOOST_TEST(page->planList()->GetItemCount() == 7);
    BOOST_TEST(toUtf8(page->summary()).find("21+3") != std::string::npos, toUtf8(page->summary()));
    services::Maternal maternal(ws->database(), ws->session());
    const auto view = maternal.ofResident(woman.id).back();
    {
        gui::MaternalVisitDialog visit(nullptr, *ws, woman, view);
        visit.Show();
        visit.systolicCtrl()->SetValue("152");
        visit.diastolicCtrl()->SetValue("96");
        pump(100);
        BOOST_TEST(!visit.urgentText().IsEmpty());  // said while typing
        test::screenshot(&visit, "pregnancy-visit-urgent");
        BOOST_TEST(visit.save());
        BOOST_REQUIRE(visit.saved().has_value());
        BOOST_TEST(!visit.saved()->urgent.empty());
        visit.Hide();
    }
    page->reload();
    pump(50);
    BOOST_TEST(page->visitList()->GetItemCount() == 1);
    test::screenshot(page, "pregnancy-page");
    std::map<char, std::vector<wxString>> letters;
    test::collectMnemonics(page, letters);
    for (const auto& [letter, labels] : letters) BOOST_TEST(labels.size() == 1u, letter);

    // The delivery: before the 20th week refused at its date; then a girl registered at once
    // in the mother's household, with a record number, and her page names her mother.
    std::string babyId;
    {
        gui::DeliveryDialog form(nullptr, *ws, woman, maternal.ofResident(woman.id).back());
        form.Show();
        pump(50);
        form.dateCtrl()->SetValue(toWx(formatDate(addDays(today(), -20))));  // 18+4 weeks
        form.placeChoice()->setCode("hospital");
        form.modeChoice()->setCode("vaginal");
        form.babySex(0)->setCode("2");
        BOOST_TEST(!form.save());
        BOOST_TEST(form.errorLabel("delivered_on")->IsShown());
        form.dateCtrl()->SetValue(toWx(formatDate(today())));
        pump(50);
        test::screenshot(&form, "delivery-form");
        BOOST_TEST(form.save());
        BOOST_REQUIRE(form.delivered().has_value());
        BOOST_REQUIRE(form.delivered()->babies.size() == 1u);
        const auto& girl = form.delivered()->babies.front();
        BOOST_TEST(girl.name == "李丽之女");
        BOOST_TEST(!girl.archiveNo.empty());
        BOOST_TEST(ws->registry().householdOf(girl.id)->id == ws->registry().householdOf(woman.id)->id);
        babyId = girl.id;
        form.Hide();
    }
    page->reload();
    pump(50);
    BOOST_TEST(toUtf8(page->summary()).find("李丽之女") != std::string::npos, toUtf8(page->summary()));
    {
        auto* child = new gui::ChildDialog(nullptr, *ws, babyId);
        child->Show();
        pump(100);
        BOOST_TEST(toUtf8(child->motherLine()->GetLabel()).find("李丽") != std::string::npos);
        test::screenshot(child, "child-page-newborn");
        child->Destroy();
        pump(50);
    }
    page->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_pregnancy_ended_without_a_birth_asks_the_reason) {
    const auto woman = ws->registry().registerResident(
        join(person("王芳", "2", "1992-05-05", "", ""), ws->registry().householdOf(liSi.id)->id, "7"));
    services::Maternal maternal(ws->database(), ws->session());
    model::Pregnancy p;
    p.residentId = woman.id;
    p.lmp = addDays(today(), -70);
    p.gravidity = 1;
    p.parity = 0;
    maternal.registerPregnancy(p);
    {
        gui::EndPregnancyDialog form(nullptr, *ws, woman, maternal.ofResident(woman.id).back());
        form.Show();
        pump(50);
        BOOST_TEST(!form.save());  // the reason is asked
        BOOST_TEST(form.errorLabel("reason")->IsShown());
        form.reasonChoice()->setCode("miscarriage");
        BOOST_TEST(form.save());
        form.Hide();
    }
    BOOST_TEST(maternal.ofResident(woman.id).back().pregnancy.state == "ended");
}

BOOST_AUTO_TEST_SUITE_END()
