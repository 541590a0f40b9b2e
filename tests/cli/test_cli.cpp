// Runs the real jiayi-cli binary against a database file, as a script or a person would.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <array>

#include "CliSupport.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "sync/Merge.h"
#include "sync/SyncStore.h"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

using jiayi::test::CliFixture;
using jiayi::test::Result;

const std::string kAdd =
    "resident add --name 张三 --sex 男 --birth-date 1960-05-01 --id-number 371721196005010016 "
    "--village 371721101201 --address 前杨口村1组1号 --phone 13800138000";

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, CliFixture)

BOOST_AUTO_TEST_CASE(init_creates_the_site_database_with_divisions) {
    const auto o = json("init");
    BOOST_TEST(o->getValue<std::string>("site_id").size() == 32u);
    BOOST_TEST(o->getValue<int>("villages") == 807);
    BOOST_TEST(o->getValue<int>("residents") == 0);
}

BOOST_AUTO_TEST_CASE(add_show_find_edit_close_a_resident) {
    const auto added = json(kAdd);
    const auto archive = added->getValue<std::string>("archive_no");
    BOOST_TEST(archive == "37172110120100001");
    const auto shown = run("resident show " + archive);
    BOOST_TEST(shown.code == 0);
    BOOST_TEST(shown.out.find("Name: 张三") != std::string::npos);
    BOOST_TEST(shown.out.find("Household: 前杨口村1组1号 (Head of household)") != std::string::npos);
    BOOST_TEST(jsonArray("resident find zs")->size() == 1u);
    BOOST_TEST(jsonArray("resident find 0016")->size() == 1u);
    const auto edited = json("resident edit " + archive + " --phone 13912345678 --payment 3,5");
    BOOST_TEST(edited->getValue<std::string>("phone") == "13912345678");
    BOOST_TEST(edited->getArray("payment")->size() == 2u);
    const auto closed = json("resident close " + archive + " --status dead --date 2026-01-02 --reason 脑卒中");
    BOOST_TEST(closed->getValue<std::string>("status") == "dead");
    const auto household = json("household show " + archive);
    BOOST_TEST(household->getArray("members")->getObject(0)->getValue<std::string>("left_on") == "2026-01-02");
}

BOOST_AUTO_TEST_CASE(json_input_registers_every_field_given) {
    const auto r = run(
        R"(resident add --json '{"name":"李桂兰","sex":"2","birth_date":"1950-03-08","village_code":"371721101201","address":"前杨口村2组3号","drug_allergy":["2"],"past_diseases":[{"code":"2","date":"2010-05-01"}],"toilet":"1"}')");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto o = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(o->getValue<std::string>("name") == "李桂兰");
    BOOST_TEST(o->getArray("past_diseases")->getObject(0)->getValue<std::string>("date") == "2010-05-01");
}

BOOST_AUTO_TEST_CASE(follow_up_options_come_from_the_field_table) {
    // Options, their errors and coded terms all follow model::followUpFields().
    BOOST_REQUIRE_EQUAL(run("init").code, 0);
    BOOST_REQUIRE_EQUAL(run(kAdd).code, 0);
    for (const char* programme : {"htn", "t2d"})
        BOOST_REQUIRE_EQUAL(
            run(std::string("chronic enrol 371721196005010016 --on 2025-10-20 --programme ") + programme).code, 0);
    const auto typos = run("followup add 371721196005010016 --sbp 1320x --dbp 84 --hr 七十 --hba1c-date 2026-02-30");
    BOOST_TEST(typos.code == 1);
    for (const char* option : {"(--sbp)", "(--hr)", "(--hba1c-date)"})
        BOOST_TEST(typos.err.find(option) != std::string::npos, option);
    BOOST_TEST(run("followup history 371721196005010016").out.empty());  // nothing written
    const auto visit = jsonArray(
        "followup add 371721196005010016 --sbp 134 --dbp 84 --weight 66 --height 168 --glucose 6.1 --adherence 间断 --mode 家庭 "
        "--htn-symptoms 1 --t2d-symptoms 2,3 --medicines '二甲双胍,,0.5g' --insulin 12U --hypoglycaemia 偶尔");
    BOOST_REQUIRE_EQUAL(visit->size(), 2u);
    for (unsigned i = 0; i < 2; ++i) {
        const auto record = visit->getObject(i);
        const auto form = record->getObject("form");
        const bool diabetes = record->getValue<std::string>("programme") == "t2d";
        BOOST_TEST(record->getValue<std::string>("mode") == "home");
        BOOST_TEST(form->getValue<std::string>("adherence") == "intermittent");
        BOOST_TEST(form->getArray("symptoms")->size() == (diabetes ? 2u : 1u));
        BOOST_TEST(form->getArray("medicines")->getObject(0)->getValue<std::string>("dose_per_time") == "0.5g");
        // The diabetes items stay on the diabetes form.
        BOOST_TEST(form->has("insulin") == diabetes);
        BOOST_TEST(form->has("hypoglycaemia") == diabetes);
        BOOST_TEST(record->isNull("fasting_glucose") == !diabetes);
    }
    BOOST_TEST(run("followup add 371721196005010016 --sbp 134 --dbp 84 --no-such-thing 1").code == 2);
}

BOOST_AUTO_TEST_CASE(bad_input_is_one_line_naming_the_field_and_writes_nothing) {
    const auto bad = run(
        "resident add --name 张三 --sex 男 --birth-date 1960-05-01 --id-number 371721196005010017 "
        "--village 371721101201 --address 前杨口村1组1号");
    BOOST_TEST(bad.code == 1);
    BOOST_TEST(lines(bad.err) == 1u);
    BOOST_TEST(bad.err.find("--id-number") != std::string::npos);  // the option typed (issue 15, defect 9)
    BOOST_TEST(bad.err.find("should be 6") != std::string::npos);
    BOOST_TEST(json("init")->getValue<int>("residents") == 0);

    const auto feb = run("resident add --name 王五 --sex 男 --birth-date 1990-02-31 --village 371721101201 --address x");
    BOOST_TEST(feb.code == 1);
    BOOST_TEST(feb.err.find("--birth-date") != std::string::npos);

    const auto typo = run("resident add --nmae 王五");
    BOOST_TEST(typo.code == 2);
    BOOST_TEST(typo.err.find("--nmae") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(errors_are_in_chinese_for_a_chinese_user) {
    const auto bad = run(
        "resident add --name 张三 --sex 男 --birth-date 1960-05-01 --id-number 371721196005010017 "
        "--village 371721101201 --address 前杨口村1组1号",
        "LANG=zh_CN.UTF-8");
    BOOST_TEST(bad.code == 1);
    BOOST_TEST(bad.err.find("身份证号") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_id_number_is_refused_showing_the_existing_record) {
    BOOST_REQUIRE(run(kAdd).code == 0);
    const auto again = run(kAdd);
    BOOST_TEST(again.code == 1);
    BOOST_TEST(again.err.find("37172110120100001") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(validate_id_reports_birth_and_sex_or_the_error) {
    const auto good = run("validate-id 11010519491231002x");
    BOOST_TEST(good.code == 0);
    BOOST_TEST(good.out.find("11010519491231002X") != std::string::npos);
    BOOST_TEST(good.out.find("1949-12-31") != std::string::npos);
    const auto o = json("validate-id 110105491231002");
    BOOST_TEST(o->getValue<std::string>("normalized") == "11010519491231002X");
    BOOST_TEST(run("validate-id 110105194912310021").code == 1);
    const auto mismatch = run("validate-id 11010519491231002X --sex 男");
    BOOST_TEST(mismatch.code == 1);
    BOOST_TEST(mismatch.err.find("sex") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(demo_is_deterministic_for_a_seed) {
    const auto a = json("demo --residents 400 --seed 9");
    BOOST_TEST(a->getValue<int>("residents") == 400);
    const auto first = jsonArray("resident find wang --limit 5");
    BOOST_TEST(first->size() > 0u);
    BOOST_TEST(run("demo --residents 400 --seed 9").code == 1);  // not into a filled database
}

BOOST_AUTO_TEST_CASE(households_move_people_and_keep_history) {
    BOOST_REQUIRE(run(kAdd).code == 0);
    const auto other = json(
        "resident add --name 李四 --sex 男 --birth-date 1985-01-01 --id-number 371721198501010014 "
        "--village 371721101201 --address 前杨口村5组5号");
    const auto li = other->getValue<std::string>("archive_no");
    const auto moved = json("household add-member 37172110120100001 " + li + " --relation 子");
    BOOST_TEST(moved->getArray("members")->size() == 2u);
    const auto found = jsonArray("household find --village 371721101201 前杨口村5组");
    BOOST_REQUIRE(found->size() == 1u);
    const auto past = found->getObject(0)->getArray("members")->getObject(0);
    BOOST_TEST(!past->isNull("left_on"));
}

BOOST_AUTO_TEST_CASE(import_reports_rejected_rows_and_refuses_wrong_encoding) {
    const std::string data = JIAYI_TEST_DATA_DIR;
    const auto raw = run("import " + data + "/import/broken_rows.csv --json");
    BOOST_TEST(raw.code == 1);  // some rows rejected: a script notices
    const auto report = Poco::JSON::Parser().parse(raw.out).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(report->getValue<int>("imported") == 5);
    BOOST_TEST(report->getArray("rejected")->getObject(0)->getValue<int>("line") == 5);
    BOOST_TEST(report->getArray("rejected")->getObject(0)->getValue<std::string>("column") == "身份证号");
    const auto text = run("import " + data + "/import/broken_rows.csv --dry-run");
    BOOST_TEST(text.code == 1);  // rows rejected (here: all, since they are now duplicates)
    BOOST_TEST(text.out.find("Line 5: 身份证号:") != std::string::npos);
    const auto latin = run("import " + data + "/import/latin1.csv");
    BOOST_TEST(latin.code == 1);
    BOOST_TEST(latin.err.find("neither UTF-8 nor GB18030") != std::string::npos);
    BOOST_TEST(json("init")->getValue<int>("residents") == 5);
}

BOOST_AUTO_TEST_CASE(conflicts_are_listed_and_the_lost_value_can_be_restored) {
    using namespace jiayi;
    // This database is the hub; two sites edit the same phone offline.
    auto hub = services::Workstation::open(file("jiayi.db"), "hub");
    auto a = services::Workstation::open(file("a.db"), "doctorA");
    auto b = services::Workstation::open(file("b.db"), "doctorB");
    services::Registration reg;
    reg.resident.name = "王五";
    reg.resident.sex = "1";
    reg.resident.birthDate = parseDate("1950-01-01");
    reg.resident.villageCode = "371721101201";
    reg.newHouseholdAddress = "前杨口村1组";
    auto r = a->registry().registerResident(reg);
    auto pushPull = [&](services::Workstation& site) {
        auto& h = hub->database();
        sync::applyChanges(h, store::changesSince(site.database(), site.siteId(),
                                                  sync::SyncStore(h).cursor(site.siteId()), 1000));
        sync::applyChanges(site.database(), sync::SyncStore(h).entriesFor(
                                                site.siteId(), sync::SyncStore(site.database()).allCursors(), 1000));
    };
    pushPull(*a);
    pushPull(*b);
    for (const auto& [site, phone] :
         {std::pair{a.get(), "13911111111"}, std::pair{b.get(), "13922222222"}}) {
        auto copy = site->registry().get(r.id);
        copy.phone = phone;
        site->registry().edit(copy);
    }
    pushPull(*a);
    pushPull(*b);
    hub.reset();

    const auto list = jsonArray("conflicts");
    BOOST_REQUIRE(list->size() == 1u);
    const auto conflict = list->getObject(0);
    BOOST_TEST(conflict->getValue<std::string>("field") == "phone");
    const auto lost = conflict->getValue<std::string>("lost");
    const auto text = run("conflicts");
    BOOST_TEST(text.out.find("#" + std::to_string(conflict->getValue<int>("id"))) != std::string::npos);
    BOOST_TEST(text.out.find(lost) != std::string::npos);
    BOOST_TEST(run("conflicts restore " + std::to_string(conflict->getValue<int>("id"))).code == 0);
    BOOST_TEST(json("resident show " + r.archiveNo)->getValue<std::string>("phone") == lost);
    BOOST_TEST(jsonArray("conflicts")->size() == 0u);
    BOOST_TEST(run("conflicts restore 999").code == 1);
}

BOOST_AUTO_TEST_SUITE_END()
