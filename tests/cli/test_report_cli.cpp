// jiayi-cli report … through the real binary (issue 18): the indicators of a village with
// --json, the people behind a figure, the records behind a person, the settings and the
// population, refusals that name the option, and the XLSX and PDF exports opened and read
// back by independent readers (Debian's python3-openpyxl, pdftotext).
#include <boost/test/unit_test.hpp>

#include "CliSupport.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace {

using jiayi::test::CliFixture;
using jiayi::test::slurp;

std::string thisYear() {
    const auto now = std::chrono::system_clock::now();
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
    return std::to_string(static_cast<int>(ymd.year()));
}

struct ReportCli : CliFixture {
    std::string calm, high;
    ReportCli() {
        BOOST_REQUIRE(run("init").code == 0);
        calm =
            json(
                "resident add --name 李稳 --sex 男 --birth-date 1960-03-01 --village 371721101201 "
                "--address 前杨口村1组1号 --phone 13800000001")
                ->getValue<std::string>("archive_no");
        high =
            json(
                "resident add --name 张高 --sex 男 --birth-date 1970-03-01 --village 371721101201 "
                "--address 前杨口村1组2号")
                ->getValue<std::string>("archive_no");
        for (const auto& who : {calm, high})
            BOOST_REQUIRE(run("chronic enrol " + who + " --programme htn").code == 0);
        // Visits today: the period is this year whatever day the test runs.
        BOOST_REQUIRE(
            run("followup add " + calm + " --sbp 128 --dbp 80 --weight 66 --height 168").code == 0);
        BOOST_REQUIRE(
            run("followup add " + high + " --sbp 165 --dbp 98 --weight 70 --height 170").code == 0);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(report_cli, ReportCli)

BOOST_AUTO_TEST_CASE(indicators_traced_and_explained) {
    const auto report = json("report --scope 371721101201 --period " + thisYear());
    const auto figures = report->getObject("report")->getArray("figures");
    bool seen = false;
    for (std::size_t i = 0; i < figures->size(); ++i) {
        const auto f = figures->getObject(i);
        if (f->getValue<std::string>("code") != "htn_control") continue;
        seen = true;
        BOOST_TEST(f->getValue<double>("numerator") == 1);
        BOOST_TEST(f->getValue<double>("denominator") == 2);
        BOOST_TEST(f->getValue<double>("rate") == 0.5);
    }
    BOOST_TEST(seen);
    BOOST_TEST(report->getArray("definitions")->size() == figures->size());
    BOOST_TEST(report->getObject("settings")->getValue<int>("grace_days") == 7);
    // The people behind the figure, counted first.
    const auto members =
        jsonArray("report members htn_control --scope 371721101201 --period " + thisYear());
    BOOST_REQUIRE(members->size() == 2u);
    BOOST_TEST(members->getObject(0)->getValue<std::string>("archive_no") == calm);
    BOOST_TEST(members->getObject(0)->getValue<bool>("counted"));
    BOOST_TEST(members->getObject(1)->getValue<std::string>("reason").find("165/98") !=
               std::string::npos);
    // The records behind a person.
    const auto why = jsonArray("report explain " + high + " --period " + thisYear());
    bool control = false;
    for (std::size_t i = 0; i < why->size(); ++i)
        if (why->getObject(i)->getValue<std::string>("indicator") == "htn_control") {
            control = true;
            BOOST_TEST(!why->getObject(i)->getValue<bool>("counted"));
            BOOST_TEST(!why->getObject(i)->getValue<std::string>("record_id").empty());
        }
    BOOST_TEST(control);
}

BOOST_AUTO_TEST_CASE(settings_population_and_refusals) {
    BOOST_TEST(json("report settings grace_days 10")->getValue<int>("grace_days") == 10);
    const auto bad = run("report settings grace_days ten");
    BOOST_TEST(bad.code != 0);
    BOOST_TEST(bad.err.find("grace_days") != std::string::npos);
    BOOST_TEST(json("report population 371721101201 --count 1500 --year " + thisYear())
                   ->getValue<int>("371721101201") == 1500);
    const auto coverage = json("report --scope 371721101201 --period " + thisYear())
                              ->getObject("report")
                              ->getArray("figures");
    for (std::size_t i = 0; i < coverage->size(); ++i)
        if (coverage->getObject(i)->getValue<std::string>("code") == "record_coverage")
            BOOST_TEST(coverage->getObject(i)->getValue<double>("denominator") == 1500);
    const auto period = run("report --period 2025-Q5");
    BOOST_TEST(period.code != 0);
    BOOST_TEST(period.err.find("period") != std::string::npos);
    const auto unknown = run("report members htn_controll");
    BOOST_TEST(unknown.code != 0);
    BOOST_TEST(unknown.err.find("htn_control") != std::string::npos);
    // Chinese by default: the refusal in the user's language.
    const auto zh = run("report --period 2025-Q5", "LANG=zh_CN.UTF-8");
    BOOST_TEST(zh.err.find("季度") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(xlsx_and_pdf_read_back) {
    const auto xlsx = file("indicators.xlsx");
    const auto pdf = file("indicators.pdf");
    BOOST_REQUIRE(run("report --scope 371721101201 --period " + thisYear() + " --xlsx '" +
                      xlsx.string() + "' --pdf '" + pdf.string() + "'")
                      .code == 0);
    // openpyxl (python3-openpyxl) opens the workbook: the control rate row and the definitions.
    const auto cells = slurp(
        "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); "
        "ws=wb.worksheets[0]; print(wb.sheetnames); "
        "[print(r) for r in ws.iter_rows(values_only=True) if r[1]=='htn_control']\" '" +
        xlsx.string() + "'");
    BOOST_TEST(cells.find("'htn_control', 1, 2, 0.5") != std::string::npos, cells);
    BOOST_TEST(cells.find("Definitions") != std::string::npos, cells);
    BOOST_TEST(cells.find("By month") != std::string::npos, cells);
    const auto text = slurp("pdftotext -layout '" + pdf.string() + "' -");
    BOOST_TEST(text.find("Blood-pressure control rate") != std::string::npos, text);
    BOOST_TEST(text.find("50%") != std::string::npos, text);
    BOOST_TEST(text.find("Definitions") != std::string::npos, text);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(quality_cli, ReportCli)

BOOST_AUTO_TEST_CASE(scan_sample_verify_send_back_and_answer) {
    const auto scan = json("quality scan --period " + thisYear());
    BOOST_TEST(scan->getValue<int>("visits") == 2);
    const auto drawn = jsonArray("quality sample --size 1 --reviewers qc1 --seed 3 --period " + thisYear());
    BOOST_REQUIRE(drawn->size() == 1u);
    const auto id = drawn->getObject(0)->getValue<std::string>("id");
    BOOST_TEST(drawn->getObject(0)->getValue<std::string>("assigned_to") == "qc1");
    // Refusals name the option.
    const auto bad = run("quality verify " + id + " --method fax --outcome data_error --sbp 80 --dbp 90");
    BOOST_TEST(bad.code != 0);
    BOOST_TEST(bad.err.find("method") != std::string::npos);
    const auto verified = jsonArray("quality verify " + id +
                                    " --method phone --outcome data_error --sbp 150 --dbp 96 --note 电话核实血压不符");
    BOOST_TEST(verified->getObject(0)->getValue<std::string>("state") == "verified");
    BOOST_TEST(verified->getObject(0)->getValue<std::string>("comparison").find("150/96") != std::string::npos);
    BOOST_TEST(jsonArray("quality send-back " + id + " --note 请更正血压")->getObject(0)->getValue<std::string>("state") ==
               "sent_back");
    // The author's requests, and the worklist line.
    BOOST_TEST(jsonArray("quality requests")->size() == 1u);
    BOOST_TEST(run("worklist").out.find("请更正血压") != std::string::npos);
    const auto scores = jsonArray("quality scores");
    BOOST_TEST(scores->getObject(0)->getValue<int>("data_errors") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
