// jiayi-cli team … and contract … through the real binary (issue 17): a team set up, a
// resident signed, a nurse refused, a prepared contract signed, delivery with the record
// that delivered each item, a service entry, refusals that name the field, the dashboard.
#include <boost/test/unit_test.hpp>

#include "CliSupport.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace {

using jiayi::test::CliFixture;

struct ContractCli : CliFixture {
    std::string elder, spouse, team;
    ContractCli() {
        BOOST_REQUIRE(run("init").code == 0);
        elder = json("resident add --name 张三 --sex 男 --birth-date 1955-05-01 --village 371721101201 "
                     "--address 前杨口村1组1号")
                    ->getValue<std::string>("archive_no");
        const auto household = json("household show " + elder)->getValue<std::string>("id");
        spouse = json("resident add --name 李梅 --sex 女 --birth-date 1990-02-03 --village 371721101201 --household " +
                      household + " --relation 1")
                     ->getValue<std::string>("archive_no");
        team = json("--user lead1 team add --name 前杨口团队 --lead lead1 --nurses nurse1 --village-doctors vd1 "
                    "--villages 371721101201 --institution 庄寨镇卫生院")
                   ->getValue<std::string>("id");
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(contract_cli, ContractCli)

BOOST_AUTO_TEST_CASE(a_doctor_signs_a_nurse_prepares_and_delivery_counts_itself) {
    // A village doctor of the team signs, with a personalised package partly insured.
    const auto signedNow = jsonArray("--user vd1 contract sign " + elder +
                                     " --team 前杨口团队 --agreement --packages elderly_home --insurance 40");
    const auto c = signedNow->getObject(0);
    BOOST_TEST(c->getValue<std::string>("state") == "signed");
    BOOST_TEST(c->getValue<int>("fee_fen") == 6000);
    BOOST_TEST(c->getValue<int>("resident_fen") == 2000);
    BOOST_TEST(c->getValue<std::string>("team_id") == team);
    const auto id = c->getValue<std::string>("id");
    // The nurse cannot sign; she prepares, and the village doctor signs what she prepared.
    const auto refused = run("--user nurse1 contract sign " + spouse + " --team 前杨口团队 --agreement");
    BOOST_TEST(refused.code != 0);
    BOOST_TEST(refused.err.find("only the team's doctors sign") != std::string::npos);
    const auto prepared = jsonArray("--user nurse1 contract sign " + spouse + " --team 前杨口团队 --prepare");
    BOOST_TEST(prepared->getObject(0)->getValue<std::string>("state") == "pending");
    const auto pendingId = prepared->getObject(0)->getValue<std::string>("id");
    const auto noAgreement = run("--user vd1 contract sign-pending " + pendingId);
    BOOST_TEST(noAgreement.err.find("agreement") != std::string::npos);
    BOOST_TEST(jsonArray("--user vd1 contract sign-pending " + pendingId + " --agreement --signed-for 本人")
                   ->getObject(0)
                   ->getValue<std::string>("state") == "signed");
    // A second contract with the same team: renew instead.
    const auto twice = run("--user vd1 contract sign " + elder + " --team 前杨口团队 --agreement");
    BOOST_TEST(twice.code != 0);
    BOOST_TEST(twice.err.find("renew it instead") != std::string::npos);

    // Delivery: a home visit without readings, recorded as a service, closes the item and links to it.
    const auto service = json("--user vd1 contract service " + elder + " --item home_visit --mode home --note 入户随访");
    const auto delivery = json("contract delivery " + id);
    bool homeVisit = false;
    const auto items = delivery->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        if (item->getValue<std::string>("item") != "home_visit") continue;
        homeVisit = true;
        BOOST_TEST(item->getValue<int>("delivered") == 1);
        BOOST_TEST(item->getArray("records")->getObject(0)->getValue<std::string>("id") ==
                   service->getValue<std::string>("id"));
    }
    BOOST_TEST(homeVisit);
    // A service the packages do not hold is refused, naming the field.
    const auto wrong = run("--user vd1 contract service " + elder + " --item referral_help");
    BOOST_TEST(wrong.code != 0);
    BOOST_TEST(wrong.err.find("item") != std::string::npos);

    // The team's dashboard: both signed, the elder in a priority group.
    const auto dash = json("team dashboard 前杨口团队");
    BOOST_TEST(dash->getObject("all")->getValue<int>("people") == 2);
    BOOST_TEST(dash->getObject("all")->getValue<int>("signed") == 2);
    BOOST_TEST(dash->getObject("priority")->getValue<int>("people") == 1);
    BOOST_TEST(dash->getObject("by_group")->getObject("elderly65")->getValue<int>("signed") == 1);

    // Ending by the resident's refusal needs a note.
    const auto noNote = run("--user vd1 contract end " + id + " --reason refused");
    BOOST_TEST(noNote.code != 0);
    BOOST_TEST(noNote.err.find("note") != std::string::npos);
    const auto ended = jsonArray("--user vd1 contract end " + id + " --reason refused --note 本人不再续签");
    BOOST_TEST(ended->getObject(0)->getValue<std::string>("state") == "terminated");
    BOOST_TEST(ended->getObject(0)->getValue<std::string>("end_reason") == "refused");
}

BOOST_AUTO_TEST_CASE(a_household_signs_in_one_go) {
    const auto all = jsonArray("--user lead1 contract household " + elder + " --team 前杨口团队 --agreement --date 2026-11-01");
    BOOST_REQUIRE_EQUAL(all->size(), 2U);
    BOOST_TEST(all->getObject(0)->getValue<std::string>("signing_id") ==
               all->getObject(1)->getValue<std::string>("signing_id"));
    // A death ends the member's contract, dated by the death.
    BOOST_REQUIRE(run("resident close " + spouse + " --status dead --date 2026-11-30 --reason 车祸").code == 0);
    const auto mine = jsonArray("contract list " + spouse)->getObject(0);
    BOOST_TEST(mine->getValue<std::string>("state") == "terminated");
    BOOST_TEST(mine->getValue<std::string>("end_reason") == "dead");
    BOOST_TEST(mine->getValue<std::string>("ended_on") == "2026-11-30");
    BOOST_TEST(jsonArray("contract list " + elder)->getObject(0)->getValue<std::string>("state") == "signed");
}

BOOST_AUTO_TEST_CASE(the_agreement_is_an_a4_pdf_with_the_resident_and_the_packages) {
    const auto c = jsonArray("--user vd1 contract sign " + elder +
                             " --team 前杨口团队 --agreement --packages elderly_home --signed-for 儿子张伟")
                       ->getObject(0);
    const auto pdf = file("agreement.pdf");
    const auto made = run("contract agreement " + c->getValue<std::string>("id") + " --pdf '" + pdf.string() + "'",
                          "JIAYI_LANG=zh_CN");
    BOOST_REQUIRE_MESSAGE(made.code == 0, made.err);
    // Read back by poppler, as any PDF reader would: the Chinese text is there.
    const auto text = file("agreement.txt");
    BOOST_REQUIRE(std::system(("pdftotext -layout '" + pdf.string() + "' '" + text.string() + "'").c_str()) == 0);
    std::ifstream in(text);
    const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(content.find("家庭医生签约服务协议书") != std::string::npos);
    BOOST_TEST(content.find("张三") != std::string::npos);
    BOOST_TEST(content.find("老年人居家服务包") != std::string::npos);
    BOOST_TEST(content.find("上门随访") != std::string::npos);
    BOOST_TEST(content.find("前杨口团队") != std::string::npos);
    BOOST_TEST(content.find("儿子张伟") != std::string::npos);
    // A4: 595 x 842 points.
    const auto info = file("info.txt");
    BOOST_REQUIRE(std::system(("pdfinfo '" + pdf.string() + "' > '" + info.string() + "'").c_str()) == 0);
    std::ifstream infoIn(info);
    const std::string infoText((std::istreambuf_iterator<char>(infoIn)), std::istreambuf_iterator<char>());
    BOOST_TEST(infoText.find("595.276 x 841.89") != std::string::npos);
    // Without --pdf: the same text on the terminal.
    BOOST_TEST(run("contract agreement " + c->getValue<std::string>("id")).out.find("Party A") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
