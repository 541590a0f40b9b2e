#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <functional>
#include <set>

#include "TestSupport.h"
#include "core/services/CsvImport.h"
#include "core/services/Workstation.h"
#include "core/util/Csv.h"
#include "core/util/Encoding.h"

using namespace jiayi;
using services::CsvImport;
using services::ImportOptions;
using services::ImportReport;

namespace {

// Village codes of the shipped 曹县 division list (resources/divisions/divisions.tsv).
const std::string kMaShanZhuang = "371721001201";  // 马山庄村民委员会
const std::string kXiShao = "371721001203";        // 西邵村民委员会

std::filesystem::path fixture(const std::string& name) {
    return std::filesystem::path(JIAYI_TEST_DATA_DIR) / "import" / name;
}

// A workstation on a fresh database file with the shipped divisions of 曹县.
struct Site {
    test::TempDir dir;
    std::unique_ptr<services::Workstation> ws =
        services::Workstation::open(dir.file("a.db"), "importer");
    store::Database& db() { return ws->database(); }
    ImportReport import(const std::string& file, ImportOptions options = {}) {
        return CsvImport(*ws).importFile(fixture(file), options);
    }
    ImportReport importText(std::string_view text, ImportOptions options = {}) {
        return CsvImport(*ws).importBytes(text, options);
    }
};

std::int64_t scalar(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    st.step();
    return st.isNull(0) ? 0 : st.integer(0);
}

// Row counts and the archive-number counters: "the database is unchanged".
std::vector<std::int64_t> snapshot(store::Database& db) {
    return {scalar(db, "SELECT count(*) FROM resident"),
            scalar(db, "SELECT count(*) FROM household"),
            scalar(db, "SELECT count(*) FROM household_member"),
            scalar(db, "SELECT count(*) FROM change_log"),
            scalar(db, "SELECT count(*) FROM archive_block"),
            scalar(db, "SELECT sum(next_serial) FROM archive_block")};
}

// Every row of a query, columns joined by '|': compares two databases' contents.
std::vector<std::string> rows(store::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    store::Statement st(db, sql);
    while (st.step()) {
        std::string line;
        for (int c = 0; c < st.columnCount(); ++c) line += st.optText(c).value_or("∅") + "|";
        out.push_back(line);
    }
    return out;
}

const char* kResidentsSql =
    "SELECT archive_no, village_code, name, sex, birth_date, id_number, phone, residence_type, "
    "ethnicity, blood_type, employer FROM resident ORDER BY archive_no";
const char* kMembershipSql =
    "SELECT r.name, h.address, m.relation, h.head_id = r.id FROM household_member m "
    "JOIN household h ON h.id = m.household_id JOIN resident r ON r.id = m.resident_id "
    "ORDER BY r.archive_no";

std::set<std::pair<std::size_t, std::string>> rejectedCells(const ImportReport& report) {
    std::set<std::pair<std::size_t, std::string>> cells;
    for (const auto& e : report.rejected) cells.insert({e.line, e.column});
    return cells;
}

// The message of the whole-file refusal, which must name the field "file".
std::string refusal(const std::function<void()>& action) {
    try {
        action();
    } catch (const ValidationError& e) {
        BOOST_TEST(e.field() == "file");
        return e.reason();
    }
    BOOST_FAIL("the file should have been refused");
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The record broken_rows.csv line 13 duplicates.
void registerExisting(services::Workstation& ws) {
    auto r = test::sampleResident();
    r.name = "老户";
    r.sex = "2";
    r.birthDate = parseDate("1955-05-05");
    r.idNumber = "371721195505052082";
    r.villageCode = kMaShanZhuang;
    ws.registry().registerResident(test::registration(r, "马山庄村9组9号"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_import)

BOOST_AUTO_TEST_CASE(csv_parser_keeps_quoted_commas_newlines_and_real_line_numbers) {
    const auto rows = csv::parse("a,\"b,1\",c\r\n\"x\"\"y\",\"two\nlines\",\r\n\nlast,\"\",z");
    BOOST_REQUIRE(rows.size() == 4u);
    BOOST_TEST((rows[0].fields == std::vector<std::string>{"a", "b,1", "c"}));
    BOOST_TEST((rows[1].fields == std::vector<std::string>{"x\"y", "two\nlines", ""}));
    BOOST_TEST(rows[1].line == 2u);
    BOOST_TEST(rows[2].blank());
    BOOST_TEST(rows[2].line == 4u);
    BOOST_TEST((rows[3].fields == std::vector<std::string>{"last", "", "z"}));
    BOOST_TEST(rows[3].line == 5u);
    // A trailing line break ends the last row; it does not start an empty one.
    BOOST_TEST(csv::parse("a,b\n").size() == 1u);
    BOOST_TEST(csv::parse("a,b\r\nc,d\r\n").size() == 2u);
}

BOOST_AUTO_TEST_CASE(spreadsheet_cells_dates_and_excel_numbers) {
    std::string reason;
    for (const auto* text : {"1960-05-01", "1960/5/1", "1960.5.1", "19600501", "1960年5月1日",
                             "1960/5/1 0:00", " 1960-5-1\u3000"}) {
        const auto date = csv::parseCellDate(text, reason);
        BOOST_TEST_INFO(text);
        BOOST_REQUIRE(date.has_value());
        BOOST_TEST(formatDate(*date) == "1960-05-01");
    }
    BOOST_TEST(!csv::parseCellDate("2023-02-31", reason));
    BOOST_TEST(contains(reason, "not a real calendar date"));
    BOOST_TEST(!csv::parseCellDate("22037", reason));
    BOOST_TEST(contains(reason, "serial number"));
    BOOST_TEST(!csv::parseCellDate("1960-05", reason));
    BOOST_TEST(csv::isExcelScientific("3.71721E+17"));
    BOOST_TEST(csv::isExcelScientific("1.38001e+10"));
    BOOST_TEST(!csv::isExcelScientific("371721196503120111"));
    BOOST_TEST(csv::unwrapTextNumber("'371721196503120111") == "371721196503120111");
    BOOST_TEST(csv::unwrapTextNumber("\t13800138000") == "13800138000");
    BOOST_TEST(csv::unwrapTextNumber("=\"13800138000\"") == "13800138000");
    BOOST_TEST(encoding::lineOfOffset("a\r\nb\rc\nd", 7) == 4u);
    BOOST_TEST((encoding::parseMode("GBK") == encoding::Mode::Gb18030));
    BOOST_TEST(!encoding::parseMode("latin-1").has_value());
}

BOOST_AUTO_TEST_CASE(unterminated_quote_refuses_the_file_naming_its_line) {
    Site site;
    const auto before = snapshot(site.db());
    const auto message =
        refusal([&] { site.importText("姓名,性别\n张三,男\n\"李四,女\n王五,男\n"); });
    BOOST_TEST(contains(message, "Line 3"));
    BOOST_TEST(snapshot(site.db()) == before);
}

BOOST_AUTO_TEST_CASE(clean_utf8_file_imports_residents_and_forms_households) {
    Site site;
    const auto report = site.import("clean_utf8.csv");
    BOOST_TEST(report.encoding == "UTF-8");
    BOOST_TEST(report.rows == 9u);
    BOOST_TEST(report.imported == 9u);
    BOOST_TEST(report.households == 3u);
    BOOST_TEST(report.rejected.empty());
    BOOST_TEST(report.warnings.empty());

    auto& registry = site.ws->registry();
    // 马山庄村1组3号: four members, the row with "马山庄村 1组3号" (a space) included.
    const auto head = registry.get("371721196503120111");
    const auto family = registry.householdOf(head.id);
    BOOST_REQUIRE(family.has_value());
    BOOST_TEST(family->headId == head.id);
    BOOST_TEST(family->members.size() == 4u);
    // 孙大海 (户主) heads 王乐田村5组1号 although his daughter's row comes first.
    const auto sun = registry.get("371721196010100913");
    BOOST_TEST(registry.householdOf(sun.id)->headId == sun.id);
    BOOST_TEST(registry.householdOf(registry.get("371721198604041024").id)->id ==
               registry.householdOf(sun.id)->id);
    // An ID number without an address: registered, no household; sex and birth date
    // taken from the ID number.
    const auto liu = registry.get("371721198807070714");
    BOOST_TEST(!registry.householdOf(liu.id).has_value());
    BOOST_TEST(liu.sex == "1");
    BOOST_TEST(formatDate(*liu.birthDate) == "1988-07-07");
    BOOST_TEST(liu.villageCode == kXiShao);
    // Excel habits: apostrophes, dropped zeros, 年月日, short village names, code 1 for 01.
    const auto zhangWei = registry.get("371721199001010311");
    BOOST_TEST(zhangWei.phone == "13953001122");
    BOOST_TEST(zhangWei.ethnicity == "01");
    BOOST_TEST(zhangWei.villageCode == kMaShanZhuang);
    BOOST_TEST(formatDate(*registry.get("371721196708050225").birthDate) == "1967-08-05");
    BOOST_TEST(registry.get("371721196708050225").bloodType == "3");
    const auto zhao = registry.find("赵桂兰");
    BOOST_REQUIRE(zhao.size() == 1u);
    BOOST_TEST(formatDate(*zhao[0].birthDate) == "1952-11-30");
    BOOST_TEST(zhao[0].ethnicity == "03");
    BOOST_TEST(registry.householdOf(zhao[0].id)->address == "石庄村2组8号");
}

BOOST_AUTO_TEST_CASE(gb18030_file_imports_identically_to_utf8) {
    Site utf8, gb;
    const auto a = utf8.import("clean_utf8.csv");
    const auto b = gb.import("clean_gb18030.csv");
    BOOST_TEST(b.encoding == "GB18030");
    BOOST_TEST(b.imported == a.imported);
    BOOST_TEST(b.households == a.households);
    BOOST_TEST(rows(gb.db(), kResidentsSql) == rows(utf8.db(), kResidentsSql));
    BOOST_TEST(rows(gb.db(), kMembershipSql) == rows(utf8.db(), kMembershipSql));
    BOOST_TEST(rows(gb.db(), kResidentsSql).size() == 9u);
}

BOOST_AUTO_TEST_CASE(utf8_bom_file_with_english_headers_and_crlf_imports) {
    Site site;
    const auto report = site.import("bom_utf8.csv");
    BOOST_TEST(report.encoding == "UTF-8");
    BOOST_TEST(report.imported == 2u);
    BOOST_TEST(report.households == 1u);
    BOOST_TEST(report.rejected.empty());
    // The BOM is not part of the first column's name, or "Name" would not be found.
    BOOST_TEST(site.ws->registry().get("371721196503120111").name == "张建国");
}

BOOST_AUTO_TEST_CASE(broken_rows_are_rejected_with_line_and_column_and_the_rest_imported) {
    Site site;
    registerExisting(*site.ws);
    const auto report = site.import("broken_rows.csv");
    const std::set<std::pair<std::size_t, std::string>> expected = {
        {5, "身份证号"},   // wrong check character
        {6, "出生日期"},   // 2023-02-31
        {7, "出生日期"},   // in the future
        {8, "性别"},       // female, but the ID number says male
        {9, "姓名"},       // 31 characters
        {10, "村"},        // no such village
        {11, "身份证号"},  // 3.71721E+17
        {12, "身份证号"},  // same ID number as line 2
        {13, "身份证号"},  // same ID number as the record registered before
    };
    BOOST_TEST(rejectedCells(report) == expected);
    BOOST_TEST(report.rejected.size() == expected.size());  // one reason per bad row
    BOOST_TEST(report.rows == 13u);
    BOOST_TEST(report.imported == 4u);
    BOOST_TEST(report.rejectedRows() == 9u);
    BOOST_TEST(report.households == 2u);
    for (const auto& e : report.rejected) {
        BOOST_TEST(!e.reason.empty());
        if (e.line == 11) BOOST_TEST(contains(e.reason, "text"));
        if (e.line == 12) BOOST_TEST(contains(e.reason, "line 2"));
        if (e.line == 13) BOOST_TEST(contains(e.reason, "老户"));
    }
    BOOST_REQUIRE(report.warnings.size() == 1u);
    BOOST_TEST(contains(report.warnings[0], "备注"));

    auto& registry = site.ws->registry();
    const auto zhou = registry.get("371721197209091246");
    BOOST_TEST(zhou.employer == "曹县华兴木业有限公司,\n二车间");
    const auto chen = registry.get("371721197004151137");
    BOOST_TEST(registry.householdOf(zhou.id)->headId == chen.id);
    BOOST_TEST(registry.householdOf(chen.id)->members.size() == 2u);
    BOOST_TEST(scalar(site.db(), "SELECT count(*) FROM resident") == 5);
}

BOOST_AUTO_TEST_CASE(rejected_rows_leave_no_gap_in_change_log_or_archive_numbers) {
    Site site;
    registerExisting(*site.ws);
    site.import("broken_rows.csv");
    BOOST_TEST(scalar(site.db(), "SELECT max(seq) FROM change_log") ==
               scalar(site.db(), "SELECT count(*) FROM change_log"));
    for (const auto& village : {kMaShanZhuang, kXiShao}) {
        const auto numbers =
            rows(site.db(), "SELECT archive_no FROM resident WHERE village_code = '" + village +
                                "' ORDER BY archive_no");
        BOOST_REQUIRE(!numbers.empty());
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            char serial[24];
            std::snprintf(serial, sizeof serial, "%05zu", i + 1);
            BOOST_TEST(numbers[i] == village + serial + "|");
        }
        BOOST_TEST(
            scalar(site.db(), "SELECT next_serial FROM archive_block WHERE village_code = '" +
                                  village + "'") == static_cast<std::int64_t>(numbers.size()) + 1);
    }
}

BOOST_AUTO_TEST_CASE(dry_run_reports_the_same_and_leaves_the_database_unchanged) {
    Site dry, real;
    registerExisting(*dry.ws);
    registerExisting(*real.ws);
    const auto before = snapshot(dry.db());
    ImportOptions options;
    options.dryRun = true;
    const auto tried = dry.import("broken_rows.csv", options);
    BOOST_TEST(snapshot(dry.db()) == before);
    const auto done = real.import("broken_rows.csv");
    BOOST_TEST(tried.imported == done.imported);
    BOOST_TEST(tried.households == done.households);
    BOOST_TEST(tried.warnings == done.warnings);
    BOOST_REQUIRE(tried.rejected.size() == done.rejected.size());
    for (std::size_t i = 0; i < tried.rejected.size(); ++i) {
        BOOST_TEST(tried.rejected[i].line == done.rejected[i].line);
        BOOST_TEST(tried.rejected[i].column == done.rejected[i].column);
        BOOST_TEST(tried.rejected[i].reason == done.rejected[i].reason);
    }
}

BOOST_AUTO_TEST_CASE(latin1_and_random_bytes_are_refused_and_nothing_is_written) {
    Site site;
    const auto before = snapshot(site.db());
    const auto latin1 = refusal([&] { site.import("latin1.csv"); });
    BOOST_TEST(contains(latin1, "neither UTF-8 nor GB18030"));
    BOOST_TEST(contains(latin1, "line 2"));
    BOOST_TEST(contains(latin1, "offset 24"));  // the é of "José"
    std::string noise = "姓名,性别\n";
    for (int i = 0; i < 64; ++i) noise += static_cast<char>(0x80 + (i * 37) % 0x80);
    const auto random = refusal([&] { site.importText(noise); });
    BOOST_TEST(contains(random, "neither UTF-8 nor GB18030"));
    BOOST_TEST(snapshot(site.db()) == before);
}

BOOST_AUTO_TEST_CASE(utf16_file_is_refused_with_a_message_that_says_so) {
    Site site;
    const auto before = snapshot(site.db());
    BOOST_TEST(contains(refusal([&] { site.import("clean_utf16.csv"); }), "UTF-16"));
    // Without a byte-order mark too (zero high bytes of ASCII text).
    const std::string noBom("n\0a\0m\0e\0,\0s\0e\0x\0\n\0", 18);
    BOOST_TEST(contains(refusal([&] { site.importText(noBom); }), "UTF-16"));
    BOOST_TEST(snapshot(site.db()) == before);
}

BOOST_AUTO_TEST_CASE(gb18030_file_forced_to_utf8_is_refused) {
    Site site;
    const auto before = snapshot(site.db());
    ImportOptions options;
    options.encoding = "utf-8";
    const auto message = refusal([&] { site.import("clean_gb18030.csv", options); });
    BOOST_TEST(contains(message, "not UTF-8"));
    BOOST_TEST(contains(message, "line 1"));
    BOOST_TEST(snapshot(site.db()) == before);
    // Forced GB18030 on it works; an unknown encoding name is refused.
    options.encoding = "GB18030";
    BOOST_TEST(site.import("clean_gb18030.csv", options).imported == 9u);
    BOOST_TEST(contains(refusal([&] { site.import("bom_utf8.csv", options); }), "UTF-8 mark"));
    options.encoding = "latin-1";
    BOOST_CHECK_THROW(site.import("clean_gb18030.csv", options), ValidationError);
}

BOOST_AUTO_TEST_CASE(missing_name_column_refuses_the_file) {
    Site site;
    const auto before = snapshot(site.db());
    const auto message = refusal([&] {
        site.importText("性别,出生日期,身份证号,村\n男,1965-03-12,371721196503120111,马山庄村\n");
    });
    BOOST_TEST(contains(message, "姓名"));
    BOOST_TEST(snapshot(site.db()) == before);
    BOOST_TEST(contains(refusal([&] { site.importText(""); }), "empty"));
}

BOOST_AUTO_TEST_CASE(likely_duplicates_are_rejected_unless_accepted) {
    const std::string text =
        "姓名,性别,出生日期,村,住址\n"
        "王秀英,女,1950-02-03,马山庄村,马山庄村2组5号\n"
        "王秀英,女,1950-02-03,马山庄村,马山庄村6组1号\n";
    Site site;
    const auto report = site.importText(text);
    BOOST_TEST(report.imported == 1u);
    BOOST_REQUIRE(report.rejected.size() == 1u);
    BOOST_TEST(report.rejected[0].line == 3u);
    BOOST_TEST(report.rejected[0].column == "姓名");
    BOOST_TEST(contains(report.rejected[0].reason, "line 2"));
    Site accepting;
    ImportOptions options;
    options.acceptLikelyDuplicates = true;
    BOOST_TEST(accepting.importText(text, options).imported == 2u);
}

BOOST_AUTO_TEST_CASE(village_comes_from_the_default_or_needs_a_unique_name) {
    Site site;
    // 石庄村民委员会 exists in two townships of 曹县: the name alone is ambiguous.
    const auto report = site.importText(
        "姓名,性别,出生日期,村,住址\n"
        "李桂兰,女,1955-07-07,石庄村,石庄村1组2号\n");
    BOOST_REQUIRE(report.rejected.size() == 1u);
    BOOST_TEST(report.rejected[0].column == "村");
    BOOST_TEST(contains(report.rejected[0].reason, "371721001202"));
    // No village column: refused without a default, placed in the default with one.
    const std::string noVillage = "姓名,性别,出生日期,住址\n李桂兰,女,1955-07-07,西邵村1组2号\n";
    BOOST_TEST(contains(refusal([&] { site.importText(noVillage); }), "village"));
    ImportOptions options;
    options.defaultVillageCode = kXiShao;
    const auto placed = site.importText(noVillage, options);
    BOOST_TEST(placed.imported == 1u);
    BOOST_TEST(site.ws->registry().find("李桂兰").front().villageCode == kXiShao);
    // A person without ID number and address belongs to no household: the registry says no.
    const auto homeless = site.importText("姓名,性别,出生日期,村\n赵四,男,1970-01-01,西邵村\n");
    BOOST_REQUIRE(homeless.rejected.size() == 1u);
    BOOST_TEST(homeless.rejected[0].column == "Household address");
}

BOOST_AUTO_TEST_CASE(second_head_of_one_household_is_rejected_and_title_rows_skipped) {
    Site site;
    const auto report = site.importText(
        "马山庄村居民花名册,,,,\n"
        "姓名,性别,出生日期,村,家庭住址,与户主关系\n"
        "甲一,男,1960-01-01,马山庄村,马山庄村7组1号,户主\n"
        "甲二,男,1961-01-01,马山庄村,马山庄村7组1号,户主\n"
        "甲三,女,1990-01-01,马山庄村,马山庄村7组1号,女儿\n");
    BOOST_TEST(report.imported == 2u);
    BOOST_TEST(report.households == 1u);
    BOOST_REQUIRE(report.rejected.size() == 1u);
    BOOST_TEST(report.rejected[0].line == 4u);
    BOOST_TEST(report.rejected[0].column == "与户主关系");
    BOOST_TEST(contains(report.rejected[0].reason, "line 3"));
    BOOST_REQUIRE(report.warnings.size() == 1u);  // the title line
    // Without any 户主 the first row heads the household, with a warning.
    const auto headless = site.importText(
        "姓名,性别,出生日期,村,家庭住址,与户主关系\n"
        "乙一,女,1970-01-01,马山庄村,马山庄村8组1号,配偶\n"
        "乙二,男,1992-01-01,马山庄村,马山庄村8组1号,子\n");
    BOOST_TEST(headless.imported == 2u);
    BOOST_REQUIRE(headless.warnings.size() == 1u);
    BOOST_TEST(contains(headless.warnings[0], "乙一"));
}

BOOST_AUTO_TEST_SUITE_END()
