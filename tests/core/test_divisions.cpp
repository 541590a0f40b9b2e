// Division codes and the shipped divisions file: resources/divisions/README.md,
// shared/domain/records.md "17-digit archive number", shared/TOOLCHAIN.md "Data".
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>

#include "core/rules/Divisions.h"
#include "core/util/Error.h"

using jiayi::rules::Division;

namespace {

std::filesystem::path writeTemp(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(divisions)

BOOST_AUTO_TEST_CASE(shipped_file_holds_every_county_and_the_demo_county_down_to_village) {
    const auto all = jiayi::rules::loadDivisions();
    std::map<Division::Level, int> perLevel;
    std::set<std::string> codes;
    for (const auto& d : all) {
        ++perLevel[d.level];
        BOOST_TEST(jiayi::rules::isValidDivisionCode(d.code));
        BOOST_TEST(codes.insert(d.code).second, "duplicate code " << d.code);
    }
    BOOST_TEST(perLevel[Division::Level::Province] == 31);
    BOOST_TEST(perLevel[Division::Level::County] > 2900);
    BOOST_TEST(all.size() > 3300u);
    // Every parent exists (the file is complete above each row).
    for (const auto& d : all)
        if (d.level != Division::Level::Province) BOOST_TEST(codes.count(d.parent) == 1u, d.code);
}

BOOST_AUTO_TEST_CASE(caoxian_has_26_townships_and_807_villages_under_them) {
    const auto all = jiayi::rules::loadDivisions();
    std::map<std::string, Division> byCode;
    for (const auto& d : all) byCode[d.code] = d;
    BOOST_TEST(byCode.at("371721000000").name == "曹县");
    BOOST_TEST(byCode.at("371721000000").parent == "371700000000");
    BOOST_TEST(byCode.at("371700000000").parent == "370000000000");
    int townships = 0, villages = 0;
    for (const auto& d : all) {
        if (d.level == Division::Level::Township) {
            ++townships;
            BOOST_TEST(d.parent == "371721000000", d.code);
        } else if (d.level == Division::Level::Village) {
            ++villages;
            const auto& parent = byCode.at(d.parent);
            BOOST_TEST((parent.level == Division::Level::Township), d.code);
            BOOST_TEST(parent.parent == "371721000000", d.code);
            BOOST_TEST(d.code.starts_with(d.parent.substr(0, 9)), d.code);
        }
    }
    BOOST_TEST(townships == 26);
    BOOST_TEST(villages == 807);
    BOOST_TEST(byCode.at("371721101000").name == "庄寨镇");
}

BOOST_AUTO_TEST_CASE(malformed_line_error_names_file_and_line) {
    const auto path = writeTemp("jiayi_divisions_bad.tsv",
                                "# comment\n"
                                "370000000000\t\tprovince\t山东省\n"
                                "\n"
                                "371700000000\t370000000000\tcity\n");
    try {
        jiayi::rules::loadDivisions(path);
        BOOST_FAIL("expected StorageError");
    } catch (const jiayi::StorageError& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("jiayi_divisions_bad.tsv:4") != std::string::npos, what);
    }
    const auto badLevel = writeTemp("jiayi_divisions_level.tsv",
                                    "370000000000\t\tprovince\t山东省\n"
                                    "371700000000\t370000000000\tprefecture\t菏泽市\n");
    BOOST_CHECK_EXCEPTION(
        jiayi::rules::loadDivisions(badLevel), jiayi::StorageError, [](const auto& e) {
            return std::string(e.what()).find(":2: unknown level") != std::string::npos;
        });
    const auto shortCode = writeTemp("jiayi_divisions_code.tsv", "37000000000\t\tprovince\tX\n");
    BOOST_CHECK_THROW(jiayi::rules::loadDivisions(shortCode), jiayi::StorageError);
    BOOST_CHECK_THROW(jiayi::rules::loadDivisions("/nonexistent/divisions.tsv"),
                      jiayi::StorageError);
    std::filesystem::remove(path);
    std::filesystem::remove(badLevel);
    std::filesystem::remove(shortCode);
}

BOOST_AUTO_TEST_CASE(windows_line_endings_are_accepted) {
    const auto path = writeTemp("jiayi_divisions_crlf.tsv", "370000000000\t\tprovince\t山东省\r\n");
    const auto all = jiayi::rules::loadDivisions(path);
    BOOST_TEST(all.size() == 1u);
    BOOST_TEST(all[0].name == "山东省");
    BOOST_TEST(all[0].parent.empty());
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(division_code_is_twelve_digits) {
    BOOST_TEST(jiayi::rules::isValidDivisionCode("371721101300"));
    BOOST_TEST(!jiayi::rules::isValidDivisionCode("371721"));
    BOOST_TEST(!jiayi::rules::isValidDivisionCode("37172110130X"));
    BOOST_TEST(!jiayi::rules::isValidDivisionCode("3717211013000"));
    BOOST_TEST(!jiayi::rules::isValidDivisionCode(""));
}

BOOST_AUTO_TEST_CASE(village_kind_follows_the_nbs_ranges_of_the_real_codes) {
    using jiayi::rules::villageKind;
    BOOST_TEST(villageKind("371721001001") == "居委会");  // 南关居民委员会
    BOOST_TEST(villageKind("371721001201") == "村委会");  // 马山庄村民委员会
    BOOST_TEST(villageKind("371721101300") == "村委会");  // 郭小湖村民委员会
    BOOST_TEST(villageKind("110101001450") == "类似居委会");
    BOOST_TEST(villageKind("110101001550") == "类似村委会");
    BOOST_TEST(villageKind("371721101000").empty());
    BOOST_TEST(villageKind("371721101700").empty());
    BOOST_TEST(villageKind("3717").empty());
}

BOOST_AUTO_TEST_CASE(archive_village_segment_follows_records_md) {
    using jiayi::rules::archiveVillageKind;
    BOOST_TEST(archiveVillageKind("001") == "居委会");
    BOOST_TEST(archiveVillageKind("099") == "居委会");
    BOOST_TEST(archiveVillageKind("101") == "村委会");
    BOOST_TEST(archiveVillageKind("199") == "村委会");
    BOOST_TEST(archiveVillageKind("901") == "其他");
    BOOST_TEST(archiveVillageKind("999") == "其他");
    BOOST_TEST(archiveVillageKind("000").empty());
    BOOST_TEST(archiveVillageKind("100").empty());
    BOOST_TEST(archiveVillageKind("500").empty());
    BOOST_TEST(archiveVillageKind("1a1").empty());
}

BOOST_AUTO_TEST_CASE(a_division_is_the_same_prefix_whether_written_with_6_9_or_12_digits) {
    using jiayi::rules::divisionPrefix;
    using jiayi::rules::fullDivisionCode;
    BOOST_TEST(divisionPrefix("371721101000") == "371721101");
    BOOST_TEST(divisionPrefix("371721101") == "371721101");
    BOOST_TEST(divisionPrefix("371721101201") == "371721101201");
    BOOST_TEST(divisionPrefix("371721000000") == "371721");
    BOOST_TEST(divisionPrefix("371721") == "371721");
    BOOST_TEST(divisionPrefix("371700") == "3717");
    BOOST_TEST(divisionPrefix("370000000000") == "37");
    // Every village code of a township starts with the township's prefix.
    BOOST_TEST(std::string("371721101201").starts_with(divisionPrefix("371721101000")));
    BOOST_TEST(fullDivisionCode("371721101") == "371721101000");
    for (const char* bad : {"", "3717211", "37172110", "37172110100", "3717211010001", "37172a101000"})
        BOOST_TEST(divisionPrefix(bad).empty(), bad);
    BOOST_CHECK_THROW(jiayi::rules::scopePrefix("37172110"), jiayi::ValidationError);
    BOOST_TEST(jiayi::rules::scopePrefix("").empty());
}

BOOST_AUTO_TEST_CASE(level_names_round_trip) {
    BOOST_TEST(jiayi::rules::levelName(Division::Level::Township) == "township");
    BOOST_TEST(jiayi::rules::levelName(Division::Level::Village) == "village");
}

BOOST_AUTO_TEST_SUITE_END()
