// What the README's first command does (init + demo, then the workstation opens on the
// worklist of the site's scope), and division codes that mean the same however they are
// written (issue 15, defect 2).
#include "CliSupport.h"

using jiayi::test::CliFixture;

BOOST_FIXTURE_TEST_SUITE(first_start, CliFixture)

BOOST_AUTO_TEST_CASE(init_and_demo_open_on_a_worklist_with_overdue_patients) {
    BOOST_REQUIRE_EQUAL(run("init").code, 0);
    const auto demo = run("demo --residents 3000 --seed 1");
    BOOST_REQUIRE_MESSAGE(demo.code == 0, demo.err);
    // The default view: the site's own scope, as start.sh leaves it.
    const auto items = jsonArray("worklist");
    std::size_t overdue = 0;
    for (std::size_t i = 0; i < items->size(); ++i)
        if (items->getObject(static_cast<unsigned>(i))->getValue<std::string>("kind") == "overdue") ++overdue;
    BOOST_TEST(overdue > 0u);
    // The same township written with 9 or 12 digits lists the same patients.
    BOOST_TEST(jsonArray("worklist --scope 371721101")->size() == items->size());
    BOOST_TEST(jsonArray("worklist --scope 371721101000")->size() == items->size());
    // The county holds the township.
    BOOST_TEST(jsonArray("worklist --scope 371721")->size() == items->size());
}

BOOST_AUTO_TEST_CASE(a_killed_demo_leaves_the_database_as_init_made_it_and_a_rerun_completes) {
    // Issue 16, "Input hygiene": the demo is all or nothing.
    BOOST_REQUIRE_EQUAL(run("init").code, 0);
    const auto killed = run("demo --residents 50000 --chronic-years 5", "LANG=C timeout -s KILL 1");
    BOOST_REQUIRE(killed.code != 0);  // killed part-way
    BOOST_TEST(json("init")->getValue<int>("residents") == 0);  // nothing half-written
    const auto rerun = run("demo --residents 500 --seed 3");
    BOOST_REQUIRE_MESSAGE(rerun.code == 0, rerun.err);
    BOOST_TEST(json("init")->getValue<int>("residents") == 500);
    BOOST_TEST(!std::filesystem::exists(file("jiayi.db.demo-partial")));
    // A database that holds residents is still refused.
    const auto again = run("demo --residents 500");
    BOOST_TEST(again.code != 0);
    BOOST_TEST(again.err.find("already holds residents") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scope_is_kept_as_its_villages_prefix_whatever_its_length) {
    BOOST_REQUIRE_EQUAL(run("init --scope 371721101000").code, 0);
    BOOST_TEST(json("init")->getValue<std::string>("scope") == "371721101");
    BOOST_REQUIRE_EQUAL(run("init --scope 371721000000").code, 0);
    BOOST_TEST(json("init")->getValue<std::string>("scope") == "371721");
    const auto bad = run("worklist --scope 37172110");
    BOOST_TEST(bad.code != 0);
    BOOST_TEST(bad.err.find("37172110") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_demo_names_the_township_hospital_and_settings_change_the_names) {
    BOOST_REQUIRE_EQUAL(run("init").code, 0);
    BOOST_REQUIRE_EQUAL(run("demo --residents 1500 --seed 2").code, 0);
    const auto shown = json("settings");
    BOOST_TEST(shown->getValue<std::string>("clinic_name").find("卫生院") != std::string::npos);
    const auto set = json("--user huanghaitao settings --clinic-name 马山庄村卫生室 --doctor-name 黄海涛");
    BOOST_TEST(set->getValue<std::string>("clinic_name") == "马山庄村卫生室");
    BOOST_TEST(set->getValue<std::string>("doctor_name") == "黄海涛");
    const auto blank = run("settings --clinic-name ' '");
    BOOST_TEST(blank.code != 0);
    BOOST_TEST(blank.err.find("--clinic-name") != std::string::npos, blank.err);
}

BOOST_AUTO_TEST_SUITE_END()
