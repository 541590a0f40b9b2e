// jiayi-cli vaccine …, child … and pregnancy … (issue 19) as a script or a doctor at a terminal uses it: record, refuse
// with the field and the reason (in Chinese by default), the card as JSON and as an A4 PDF
// read back by poppler, the due list, voiding, the site's edition.
#include <boost/test/unit_test.hpp>

#include "CliSupport.h"

namespace {

using jiayi::test::CliFixture;
using jiayi::test::slurp;

struct VaccineCli : CliFixture {
    std::string child;
    VaccineCli() {
        BOOST_REQUIRE(run("init").code == 0);
        child = json("resident add --name 王小花 --sex 女 --birth-date 2026-01-31 --village 371721101201 "
                     "--address 前杨口村1组2号")
                    ->getValue<std::string>("id");
    }
    std::string record(const std::string& vaccine, int dose, const std::string& date, const std::string& more = "") {
        return "vaccine record " + child + " --vaccine " + vaccine + " --dose " + std::to_string(dose) + " --date " +
               date + " --batch 2026A01 --site 左上臂 --today 2026-04-15" + more;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(vaccine_cli, VaccineCli)

BOOST_AUTO_TEST_CASE(doses_are_recorded_and_the_card_and_due_list_read_them) {
    const auto saved = json(record("HepB", 1, "2026-01-31"));
    BOOST_TEST(saved->getValue<std::string>("vaccine") == "HepB");
    BOOST_TEST(saved->getValue<std::string>("site") == "left_arm");  // 左上臂, the official term, as its code
    BOOST_TEST(saved->getValue<std::string>("edition") == "2021");
    const auto card = json("vaccine card " + child + " --today 2026-04-15");
    BOOST_TEST(card->getArray("records")->size() == 1u);
    std::map<std::string, std::string> status;
    const auto doses = card->getArray("doses");
    for (std::size_t i = 0; i < doses->size(); ++i) {
        const auto d = doses->getObject(static_cast<unsigned>(i));
        status[d->getValue<std::string>("vaccine") + "/" + std::to_string(d->getValue<int>("dose"))] =
            d->getValue<std::string>("status");
    }
    BOOST_TEST(status["HepB/1"] == "given");
    BOOST_TEST(status["HepB/2"] == "overdue");
    BOOST_TEST(status["IPV/1"] == "due");
    BOOST_TEST(status["JE-I/1"] == "skipped");
    const auto due = jsonArray("vaccine due --date 2026-04-15");
    BOOST_REQUIRE_EQUAL(due->size(), 1u);
    const auto first = due->getObject(0)->getArray("doses")->getObject(0);
    BOOST_TEST(first->getValue<std::string>("vaccine") == "BCG");  // the longest overdue first
    BOOST_TEST(first->getValue<std::string>("text").find("2026-03-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_refused_dose_says_why_in_chinese_and_writes_nothing) {
    const auto early = run(record("DTaP", 1, "2026-04-10"), "LANG=zh_CN.UTF-8");
    BOOST_TEST(early.code != 0);
    BOOST_TEST(early.err.find("过早") != std::string::npos, early.err);
    BOOST_TEST(early.err.find("2026-04-30") != std::string::npos, early.err);
    const auto noBatch = run("vaccine record " + child + " --vaccine HepB --dose 1 --date 2026-01-31 --site 口服 --json");
    BOOST_TEST(noBatch.code != 0);
    BOOST_TEST(noBatch.out.find("\"batch\"") != std::string::npos, noBatch.out);
    BOOST_TEST(json("vaccine card " + child)->getArray("records")->size() == 0u);
    BOOST_TEST(run(record("HepB", 1, "2026-01-31") + " --dose x").code != 0);
}

BOOST_AUTO_TEST_CASE(the_card_prints_as_an_a4_pdf_in_chinese) {
    BOOST_REQUIRE(run(record("HepB", 1, "2026-01-31")).code == 0);
    const auto pdf = file("card.pdf");
    const auto made = run("vaccine card " + child + " --today 2026-04-15 --pdf '" + pdf.string() + "'", "JIAYI_LANG=zh_CN");
    BOOST_REQUIRE_MESSAGE(made.code == 0, made.err);
    const auto text = slurp("pdftotext -layout '" + pdf.string() + "' -");
    BOOST_TEST(text.find("预防接种卡") != std::string::npos, text);
    BOOST_TEST(text.find("王小花") != std::string::npos);
    BOOST_TEST(text.find("乙肝疫苗") != std::string::npos);
    BOOST_TEST(text.find("2026A01") != std::string::npos);
    BOOST_TEST(slurp("pdfinfo '" + pdf.string() + "'").find("595.276 x 841.89") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_record_is_voided_and_the_edition_is_the_sites_choice) {
    const auto saved = json(record("HepB", 1, "2026-02-01"));
    const auto id = saved->getValue<std::string>("id");
    BOOST_TEST(run("vaccine void " + id).code != 0);  // a reason is required
    const auto voided = json("vaccine void " + id + " --reason 日期录错");
    BOOST_TEST(voided->getValue<bool>("voided"));
    BOOST_TEST(run(record("HepB", 1, "2026-01-31")).code == 0);
    BOOST_TEST(json("vaccine edition")->getValue<std::string>("edition") == "2021");
    BOOST_TEST(json("vaccine edition 2025")->getValue<std::string>("edition") == "2025");
    const auto schedule = json("vaccine schedule");
    BOOST_TEST(schedule->getValue<std::string>("edition") == "2025");
    BOOST_TEST(run("vaccine edition 2019").code != 0);
}

BOOST_AUTO_TEST_CASE(a_child_visit_gives_its_growth_and_the_timeline_and_due_list_read_it) {
    const auto saved = json("child visit " + child + " --visit m3 --date 2026-04-30 --weight 4.3 --length 59.8 "
                            "--head 39.5 --feeding 纯母乳 --guidance 科学喂养,injury --today 2026-05-10");
    BOOST_TEST(saved->getValue<std::string>("feeding") == "breast");
    BOOST_TEST(saved->getValue<std::string>("guidance") == "feeding injury");
    const auto wfa = saved->getArray("growth")->getObject(0);
    BOOST_TEST(wfa->getValue<std::string>("indicator") == "wfa");
    BOOST_TEST(wfa->getValue<std::string>("level") == "low");
    const auto again = run("child visit " + child + " --visit m3 --date 2026-05-01 --weight 4.5 --length 60 --head 40 "
                           "--today 2026-05-10 --json");
    BOOST_TEST(again.code != 0);
    BOOST_TEST(again.out.find("\"visit\"") != std::string::npos, again.out);
    const auto timeline = json("child timeline " + child + " --today 2026-05-10");
    BOOST_TEST(timeline->getArray("growth")->size() == 1u);
    BOOST_TEST(timeline->getArray("visits")->getObject(3)->getValue<std::string>("status") == "upcoming");  // m6
    const auto due = jsonArray("child due --date 2026-08-05");
    BOOST_REQUIRE_EQUAL(due->size(), 1u);
    BOOST_TEST(due->getObject(0)->getObject("visit")->getValue<std::string>("visit") == "m6");
    const auto zh = run("child timeline " + child + " --today 2026-05-10", "LANG=zh_CN.UTF-8");
    BOOST_TEST(zh.out.find("低体重") != std::string::npos, zh.out);
}

BOOST_AUTO_TEST_CASE(a_pregnancy_from_registration_to_the_newborn) {
    const auto mother = json("resident add --name 李秀英 --sex 女 --birth-date 1992-04-10 --village 371721101201 "
                             "--address 前杨口村1组9号")
                            ->getValue<std::string>("id");
    const auto p = json("pregnancy register " + mother + " --lmp 2026-05-01 --gravidity 2 --parity 1 --risks 贫血 "
                        "--today 2026-07-20");
    BOOST_TEST(p->getValue<std::string>("edd") == "2027-02-05");
    BOOST_TEST(p->getValue<std::string>("risks") == "anaemia");
    const auto id = p->getValue<std::string>("id");
    const auto man = run("pregnancy register " + child + " --lmp 2026-05-01 --gravidity 1 --parity 0 --json");
    BOOST_TEST(man.code != 0);  // a child's record (born 2026): aged 0 at the last period
    const auto visit = json("pregnancy visit " + id + " --visit an1 --date 2026-07-20 --sbp 150 --dbp 96 --today 2026-07-20");
    BOOST_TEST(visit->getArray("urgent")->size() == 1u);
    const auto slip = json("pregnancy referral " + visit->getValue<std::string>("id"));
    BOOST_TEST(slip->getValue<std::string>("urgency") == "urgent");
    const auto due = jsonArray("pregnancy due --date 2026-08-25");  // 16+3 weeks
    BOOST_REQUIRE_EQUAL(due->size(), 1u);
    BOOST_TEST(due->getObject(0)->getObject("visit")->getValue<std::string>("visit") == "an2");
    const auto born = json("pregnancy deliver " + id + " --date 2027-01-30 --place 医院 --mode 阴道分娩 --babies 女 "
                           "--names 李小雨 --today 2027-01-31");
    BOOST_TEST(born->getValue<std::string>("state") == "delivered");
    const auto baby = born->getArray("newborns")->getObject(0);
    BOOST_TEST(baby->getValue<std::string>("name") == "李小雨");
    BOOST_TEST(!baby->getValue<std::string>("archive_no").empty());
    const auto shown = jsonArray("pregnancy show " + mother + " --today 2027-01-31")->getObject(0);
    BOOST_TEST(shown->getArray("plan")->getObject(5)->getValue<std::string>("status") == "due");  // pp_home
    // The newborn's timeline names her mother, from the delivery.
    const auto timeline = json("child timeline " + baby->getValue<std::string>("id") + " --today 2027-01-31");
    BOOST_REQUIRE(!timeline->isNull("mother"));
    BOOST_TEST(timeline->getObject("mother")->getValue<std::string>("resident_id") == mother);
    BOOST_TEST(timeline->getObject("mother")->getValue<std::string>("pregnancy_id") == id);
    // A child born before any delivery on record has none.
    BOOST_TEST(json("child timeline " + child)->isNull("mother"));
}

BOOST_AUTO_TEST_SUITE_END()
