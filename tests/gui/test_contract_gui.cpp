// Family-doctor contracts in the real windows under Xvfb (issue 17): the signing dialog with
// its live fee and refusals, a household signed in one go, a nurse who prepares, the
// resident's contract page with what is due this year, the agreement printed, a service
// recorded, and the team's dashboard whose figures open their lists.
#include <boost/test/unit_test.hpp>

#include <wx/dcmemory.h>
#include <wx/image.h>

#include "GuiTestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Contracts.h"
#include "gui/ContractDialog.h"
#include "gui/ContractForms.h"
#include "gui/ContractsPanel.h"
#include "gui/DocumentPrintout.h"
#include "gui/MainFrame.h"
#include "gui/SignContractDialog.h"
#include "gui/TeamDialog.h"
#include "gui/WorklistPanel.h"
#include "gui/WxText.h"

using namespace jiayi;
using gui::toUtf8;
using gui::toWx;
using test::pump;

namespace {

struct ContractGui : test::SiteFixture {
    gui::MainFrame* frame;
    std::string team;
    ContractGui() {
        model::CareTeam t;
        t.name = "西村家庭医生团队";
        t.institution = "曹城街道卫生院";
        t.lead = "tester";
        t.villages = {village};
        team = services::Contracts(ws->database(), ws->session())
                   .createTeam(t, {test::teamMember("nurse1", "nurse"), test::teamMember("cunyi", "village_doctor")})
                   .team.id;
        frame = new gui::MainFrame(*ws, toWx(dir.file("jiayi.db").string()));
        frame->Show();
        pump(200);
    }
    ~ContractGui() {
        frame->Destroy();
        pump(50);
    }
    // Enrols `r` in hypertension management `daysAgo` days ago.
    void enrolHypertension(const model::Resident& r, int daysAgo) {
        services::EnrolmentRequest req;
        req.residentId = r.id;
        req.programme = "htn";
        req.enrolledOn = addDays(today(), -daysAgo);
        req.diagnosedBy = "曹县人民医院";
        services::ChronicCare(ws->database(), ws->session()).enrol(req);
    }
    // Signs `r` with the team and the elderly home-care package 200 days ago (home visits
    // are overdue by now).
    void signElderlyHome(const model::Resident& r) {
        services::ContractDraft draft;
        draft.residentId = r.id;
        draft.teamId = team;
        draft.packages = {"elderly_home"};
        draft.signedOn = addDays(today(), -200);
        draft.agreementSigned = true;
        services::Contracts(ws->database(), ws->session()).sign(draft);
    }
    // Ticks the package whose code is `code` in the signing dialog.
    static void tick(gui::SignContractDialog* d, const wxString& name) {
        auto* list = d->packageList();
        for (unsigned i = 0; i < list->GetCount(); ++i)
            if (list->GetString(i).StartsWith(name)) {
                list->Check(i);
                wxCommandEvent e(wxEVT_CHECKLISTBOX, list->GetId());
                e.SetInt(static_cast<int>(i));
                e.SetEventObject(list);
                list->ProcessWindowEvent(e);
            }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(contract_gui, ContractGui)

BOOST_AUTO_TEST_CASE(a_household_is_signed_from_the_dialog_with_its_fee_shown_as_typed) {
    auto* d = new gui::SignContractDialog(frame, *ws, zhangSan);
    d->Show();
    pump(150);
    BOOST_TEST(d->signs());
    BOOST_TEST(d->teamChoice()->GetStringSelection() == toWx("西村家庭医生团队"));
    BOOST_TEST(d->packageList()->IsChecked(0));  // the basic package, always
    tick(d, toWx("老年人居家服务包"));
    d->insuranceBox()->SetValue("40");
    pump(50);
    BOOST_TEST(d->summary().Contains("60.00"));
    BOOST_TEST(d->summary().Contains("20.00"));  // the resident's share
    // Not without the agreement signed: refused, nothing written.
    BOOST_TEST(!d->save());
    BOOST_TEST(services::Contracts(ws->database(), ws->session()).ofResident(zhangSan.id).empty());
    d->agreementBox()->SetValue(true);
    BOOST_REQUIRE(d->householdBox());
    d->householdBox()->SetValue(true);
    wxCommandEvent e(wxEVT_CHECKBOX, d->householdBox()->GetId());
    d->householdBox()->ProcessWindowEvent(e);
    BOOST_TEST(d->memberList()->GetCount() == 3u);
    test::screenshot(d, "contract-sign");
    BOOST_TEST(d->save());
    BOOST_TEST(d->saved().size() == 3u);
    d->Destroy();
    pump(50);
    // Each member holds a contract of their own, signed together; the household's page says so.
    for (const auto* r : {&zhangSan, &wangFang, &zhangXiaoming})
        BOOST_TEST(services::Contracts(ws->database(), ws->session()).current(r->id, today()).has_value());
    auto* page = new gui::ContractDialog(frame, *ws, wangFang.id);
    page->Show();
    pump(100);
    BOOST_REQUIRE_EQUAL(page->householdList()->GetItemCount(), 3);
    for (int row = 0; row < 3; ++row)
        BOOST_TEST(page->householdList()->GetItemText(row, 3) == toWx(services::contractStateName("signed")));
    page->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(a_nurse_prepares_and_a_doctor_signs_on_the_contract_page) {
    auto nurseSession = test::signedIn(rules::Role::Nurse);
    nurseSession.login = "nurse1";
    auto nurseWs = services::Workstation::open(dir.file("jiayi.db"), nurseSession);
    auto* d = new gui::SignContractDialog(frame, *nurseWs, liSi);
    d->Show();
    pump(100);
    BOOST_TEST(!d->signs());
    BOOST_TEST(d->FindWindow(wxID_OK)->GetLabel() == wxGetTranslation("&Prepare for signing"));
    BOOST_TEST(d->save());
    d->Destroy();
    nurseWs.reset();
    auto* page = new gui::ContractDialog(frame, *ws, liSi.id);
    page->Show();
    pump(100);
    BOOST_REQUIRE_EQUAL(page->contracts().size(), 1u);
    BOOST_TEST(page->contracts().front().contract.state == "pending");
    gui::ContractDialog::setAsker([](wxWindow*, const wxString&) { return true; });
    page->signPending();
    BOOST_TEST(page->contracts().front().contract.state == "signed");
    BOOST_TEST(page->itemList()->GetItemCount() > 0);  // what the basic package owes
    page->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(the_contract_page_shows_what_is_due_records_a_service_and_prints_the_agreement) {
    enrolHypertension(zhangSan, 300);
    signElderlyHome(zhangSan);

    auto* page = new gui::ContractDialog(frame, *ws, zhangSan.id);
    page->Show();
    pump(150);
    BOOST_REQUIRE_EQUAL(page->contracts().size(), 1u);
    bool overdueHomeVisit = false;
    for (int row = 0; row < page->itemList()->GetItemCount(); ++row)
        if (page->itemList()->GetItemText(row, 1) == toWx("上门随访"))
            overdueHomeVisit = page->itemList()->GetItemText(row, 3) == wxGetTranslation("overdue");
    BOOST_TEST(overdueHomeVisit);  // 2 a year, 200 days in, none made
    test::screenshot(page, "contract-page");

    // A home visit without readings, recorded as a service, delivers it.
    std::vector<std::pair<std::string, std::string>> items{{"home_visit", "上门随访"}};
    services::Contracts contracts(ws->database(), ws->session());
    auto* service = new gui::ServiceEntryDialog(page, contracts, zhangSan.id, items);
    service->Show();
    pump(50);
    BOOST_TEST(service->save());
    service->Destroy();
    page->reload();
    for (int row = 0; row < page->itemList()->GetItemCount(); ++row)
        if (page->itemList()->GetItemText(row, 1) == toWx("上门随访"))
            BOOST_TEST(page->itemList()->GetItemText(row, 2) == "1/2");

    // The agreement prints on A4.
    gui::DocumentPrintout printout(services::Contracts(ws->database(), ws->session()).agreement(
        page->contracts().front().contract.id));
    test::printFirstPage(printout, "contract-agreement", false);
    page->Destroy();
    pump(50);
}

BOOST_AUTO_TEST_CASE(the_dashboard_counts_the_team_and_each_figure_opens_its_list) {
    // 李四 has hypertension and is not signed; 张三 (65+) is.
    enrolHypertension(liSi, 30);
    services::ContractDraft draft;
    draft.residentId = zhangSan.id;
    draft.teamId = team;
    draft.agreementSigned = true;
    services::Contracts(ws->database(), ws->session()).sign(draft);

    frame->showPage(gui::MainFrame::ContractsPage);
    pump(200);
    auto* panel = frame->contracts();
    BOOST_REQUIRE(panel->coverage().has_value());
    BOOST_TEST(panel->coverage()->priority.people == 2);
    BOOST_TEST(panel->coverage()->priority.signedPeople == 1);
    BOOST_TEST(panel->summary().Contains("1"));
    test::click(panel->figure(gui::ContractsPanel::List::Unsigned));
    BOOST_REQUIRE_EQUAL(panel->list()->GetItemCount(), 1);
    BOOST_TEST(panel->list()->GetItemText(0, 1) == toWx("李四"));
    test::click(panel->figure(gui::ContractsPanel::List::Signed));
    BOOST_REQUIRE_EQUAL(panel->list()->GetItemCount(), 1);
    BOOST_TEST(panel->list()->GetItemText(0, 1) == toWx("张三"));
    BOOST_TEST(panel->groupList()->GetItemCount() >= 2);
    test::click(panel->figure(gui::ContractsPanel::List::Unsigned));
    test::screenshot(frame, "contract-dashboard");
}

BOOST_AUTO_TEST_CASE(a_priority_group_the_record_cannot_show_is_ticked_by_hand) {
    services::Contracts contracts(ws->database(), ws->session());
    BOOST_TEST(contracts.groupsOf(liSi.id, today()).empty());
    auto* d = new gui::PriorityTagsDialog(frame, contracts, liSi.id);
    d->Show();
    pump(50);
    d->box(rules::contracts::Group::LowIncome)->SetValue(true);
    BOOST_TEST(d->save());
    d->Destroy();
    const auto groups = contracts.groupsOf(liSi.id, today());
    BOOST_TEST((groups == std::vector<rules::contracts::Group>{rules::contracts::Group::LowIncome}));
    // The dashboard now counts 李四 among the priority groups not signed (with 张三, 65+).
    frame->showPage(gui::MainFrame::ContractsPage);
    pump(100);
    const auto& unsignedPeople = frame->contracts()->coverage()->priorityUnsigned;
    BOOST_TEST(unsignedPeople.size() == 2u);
    BOOST_TEST(std::any_of(unsignedPeople.begin(), unsignedPeople.end(),
                           [&](const auto& p) { return p.residentId == liSi.id; }));
}

BOOST_AUTO_TEST_CASE(a_contract_line_of_the_worklist_opens_the_contract_page) {
    signElderlyHome(zhangSan);
    auto* worklist = frame->worklist();
    worklist->refresh();
    const long row = worklist->rowOf(zhangSan.id, services::WorkKind::Contract);
    BOOST_REQUIRE(row >= 0);
    BOOST_TEST(worklist->list()->GetItemText(row, gui::WorklistPanel::Reason).Contains(toWx("上门随访")));
    worklist->selectRow(row);
    bool opened = false;
    wxTheApp->CallAfter([&] {
        pump(150);
        if (auto* page = test::findOpenDialog<gui::ContractDialog>()) {
            opened = page->contracts().size() == 1u;
            page->EndModal(wxID_CANCEL);
        }
    });
    worklist->actOnSelected();
    BOOST_TEST(opened);
}

BOOST_AUTO_TEST_CASE(a_team_is_set_up_from_the_contracts_page) {
    auto* d = new gui::TeamDialog(frame, *ws);
    d->Show();
    pump(50);
    d->nameBox()->SetValue(toWx("东村家庭医生团队"));
    d->leadBox()->SetValue("tester");
    d->villageDoctorsBox()->SetValue(toWx("cunyi，cunyi2"));
    d->villageList()->Check(0);
    // Without a nurse: refused, nothing written.
    BOOST_TEST(!d->save());
    BOOST_TEST(services::Contracts(ws->database(), ws->session()).teams().size() == 1u);
    d->nursesBox()->SetValue("nurse2");
    BOOST_TEST(d->save());
    d->Destroy();
    const auto made = services::Contracts(ws->database(), ws->session()).team(toUtf8(toWx("东村家庭医生团队")));
    BOOST_TEST(made.signs("cunyi2"));
    BOOST_TEST(!made.signs("nurse2"));
}

BOOST_AUTO_TEST_SUITE_END()
