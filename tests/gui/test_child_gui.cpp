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
    page->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_SUITE_END()
