// Name search keys: shared/domain/records.md, "Finding people" (zs → 张三, full pinyin).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/rules/Pinyin.h"
#include "core/util/Error.h"
#include "core/util/Resources.h"
#include "core/util/Utf8.h"

using jiayi::rules::PinyinTable;

namespace {

char32_t only(const char* utf8) {
    const auto decoded = jiayi::utf8::decode(utf8);
    BOOST_REQUIRE(decoded.text.size() == 1);
    return decoded.text[0];
}

bool has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

const PinyinTable& table() {
    return PinyinTable::instance();
}

// A file in the system temporary folder, removed when the test ends.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& content) {
        path =
            std::filesystem::temp_directory_path() /
            ("jiayi-pinyin-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".tsv");
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

struct SurnameCase {
    const char* character;
    const char* reading;
};

// The polyphonic surnames a village doctor meets; each read differently as a surname.
const SurnameCase kPolyphonicSurnames[] = {
    {"单", "shan"},  {"曾", "zeng"}, {"解", "xie"},   {"区", "ou"},   {"仇", "qiu"}, {"朴", "piao"},
    {"查", "zha"},   {"盖", "ge"},   {"华", "hua"},   {"缪", "miao"}, {"乐", "yue"}, {"召", "shao"},
    {"种", "chong"}, {"覃", "qin"},  {"重", "chong"}, {"那", "na"},   {"燕", "yan"}, {"秘", "bi"},
    {"员", "yun"},   {"折", "she"},  {"翟", "zhai"},  {"藏", "zang"}, {"石", "shi"}, {"柏", "bai"},
    {"贲", "ben"},   {"繁", "po"},   {"單", "shan"},  {"樂", "yue"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(pinyin)

BOOST_AUTO_TEST_CASE(common_characters_have_their_usual_reading_first) {
    BOOST_TEST(table().readings(only("张")).front() == "zhang");
    BOOST_TEST(table().readings(only("三")).front() == "san");
    BOOST_TEST(table().readings(only("李")).front() == "li");
    BOOST_TEST(table().readings(only("王")).front() == "wang");
    BOOST_TEST(table().readings(only("明")).front() == "ming");
}

BOOST_AUTO_TEST_CASE(u_umlaut_is_written_v) {
    BOOST_TEST(table().readings(only("绿")).front() == "lv");
    BOOST_TEST(table().readings(only("女")).front() == "nv");
}

BOOST_AUTO_TEST_CASE(polyphonic_character_lists_every_reading) {
    const auto& le = table().readings(only("乐"));
    BOOST_TEST(le.front() == "le");
    BOOST_TEST(has(le, "yue"));
    const auto& dan = table().readings(only("单"));
    BOOST_TEST(has(dan, "dan"));
    BOOST_TEST(has(dan, "shan"));
    BOOST_TEST(has(dan, "chan"));
}

BOOST_AUTO_TEST_CASE(non_cjk_code_points_have_no_readings) {
    BOOST_TEST(table().readings(U'A').empty());
    BOOST_TEST(table().readings(U'7').empty());
    BOOST_TEST(table().readings(0x00B7).empty());
    BOOST_TEST(table().surnameReading(U'A').empty());
}

BOOST_AUTO_TEST_CASE(every_polyphonic_surname_reads_as_a_surname) {
    for (const auto& surname : kPolyphonicSurnames) {
        BOOST_TEST_CONTEXT(surname.character) {
            BOOST_TEST(table().surnameReading(only(surname.character)) == surname.reading);
            const auto keys = table().nameKeys(std::string(surname.character) + "明");
            BOOST_TEST(keys.full.front() == std::string(surname.reading) + "ming");
            BOOST_TEST(keys.initials.front() == std::string(1, surname.reading[0]) + "m");
        }
    }
}

BOOST_AUTO_TEST_CASE(surname_readings_are_real_readings_of_the_character) {
    // Guards the surname table against typos: Unihan must know each surname reading.
    for (const auto& surname : kPolyphonicSurnames) {
        BOOST_TEST_CONTEXT(surname.character) {
            BOOST_TEST(has(table().readings(only(surname.character)), surname.reading));
        }
    }
}

BOOST_AUTO_TEST_CASE(ordinary_surname_falls_back_to_the_most_common_reading) {
    BOOST_TEST(table().surnameReading(only("张")) == "zhang");
    BOOST_TEST(table().surnameReading(only("王")) == "wang");
}

BOOST_AUTO_TEST_CASE(zhang_san_has_one_full_key_and_initials_zs) {
    const auto keys = table().nameKeys("张三");
    BOOST_TEST(keys.full == std::vector<std::string>{"zhangsan"});
    BOOST_TEST(keys.initials == std::vector<std::string>{"zs"});
}

BOOST_AUTO_TEST_CASE(shan_tianfang_is_read_with_the_surname_reading_first) {
    const auto keys = table().nameKeys("单田芳");
    BOOST_TEST(keys.full.front() == "shantianfang");
    BOOST_TEST(keys.initials.front() == "stf");
    // Someone who misreads the surname still finds him, but later.
    BOOST_TEST(has(keys.full, "dantianfang"));
}

BOOST_AUTO_TEST_CASE(zeng_le_includes_both_readings_of_the_given_name) {
    const auto keys = table().nameKeys("曾乐");
    BOOST_TEST(keys.full.front() == "zengle");
    BOOST_TEST(has(keys.full, "zengyue"));
    BOOST_TEST(keys.initials.front() == "zl");
    BOOST_TEST(has(keys.initials, "zy"));
}

BOOST_AUTO_TEST_CASE(compound_surnames_are_read_as_one_surname) {
    const std::pair<const char*, const char*> cases[] = {
        {"欧阳修", "ouyangxiu"},  {"司马光", "simaguang"},    {"上官婉儿", "shangguanwaner"},
        {"诸葛亮", "zhugeliang"}, {"东方朔", "dongfangshuo"}, {"皇甫谧", "huangfumi"},
        {"慕容复", "murongfu"},   {"司徒雷", "situlei"},      {"令狐冲", "linghuchong"},
        {"夏侯惇", "xiahoudun"},  {"尉迟恭", "yuchigong"},    {"长孙无忌", "zhangsunwuji"},
        {"宇文泰", "yuwentai"},   {"公孙胜", "gongsunsheng"}, {"万俟卨", "moqixie"},
        {"单于夫", "chanyufu"},   {"澹台明", "tantaiming"},
    };
    for (const auto& [name, expected] : cases) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(table().nameKeys(name).full.front() == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(compound_surname_initials_take_both_characters) {
    BOOST_TEST(table().nameKeys("欧阳娜娜").initials.front() == "oynn");
    BOOST_TEST(table().nameKeys("尉迟恭").initials.front() == "ycg");
}

BOOST_AUTO_TEST_CASE(compound_surname_characters_may_also_be_surname_plus_given_name) {
    // 单于明 could be 单 于明 (shan yuming) as well as 单于 明 (chanyu ming).
    const auto keys = table().nameKeys("单于明");
    BOOST_TEST(keys.full.front() == "chanyuming");
    BOOST_TEST(has(keys.full, "shanyuming"));
}

BOOST_AUTO_TEST_CASE(variants_are_capped_at_max_variants) {
    // 乐 (le yue …), 重 (zhong chong …), 行 (xing hang …), 单 (dan chan shan …).
    const std::string name = "曾乐重行单";
    BOOST_TEST(table().nameKeys(name, 3).full.size() == 3u);
    BOOST_TEST(table().nameKeys(name, 1).full.size() == 1u);
    BOOST_TEST(table().nameKeys(name).full.size() == 8u);
    BOOST_TEST(table().nameKeys(name, 0).full.empty());
    BOOST_TEST(table().nameKeys(name, 100).full.size() <= 100u);
    BOOST_TEST(table().nameKeys(name, 100).initials.size() <= 100u);
}

BOOST_AUTO_TEST_CASE(most_common_readings_come_first) {
    const auto keys = table().nameKeys("曾乐重行单", 3);
    BOOST_TEST(keys.full.front() == "zenglezhongxingdan");
}

BOOST_AUTO_TEST_CASE(keys_are_distinct) {
    const auto keys = table().nameKeys("曾乐重行单", 50);
    auto full = keys.full;
    std::sort(full.begin(), full.end());
    BOOST_TEST((std::adjacent_find(full.begin(), full.end()) == full.end()));
    auto initials = keys.initials;
    std::sort(initials.begin(), initials.end());
    BOOST_TEST((std::adjacent_find(initials.begin(), initials.end()) == initials.end()));
}

BOOST_AUTO_TEST_CASE(latin_letters_and_digits_are_kept_lower_case) {
    const auto keys = table().nameKeys("Anna 2");
    BOOST_TEST(keys.full == std::vector<std::string>{"anna2"});
    BOOST_TEST(keys.initials == std::vector<std::string>{"anna2"});
    BOOST_TEST(table().nameKeys("李A").full.front() == "lia");
}

BOOST_AUTO_TEST_CASE(spaces_and_name_dots_are_dropped) {
    BOOST_TEST(table().nameKeys("阿依古丽·买买提").full.front() == "ayigulimaimaiti");
    BOOST_TEST(table().nameKeys(" 张 三 ").full.front() == "zhangsan");
    BOOST_TEST(table().nameKeys("J. Smith").full.front() == "jsmith");
}

BOOST_AUTO_TEST_CASE(full_width_letters_from_an_ime_become_ascii) {
    BOOST_TEST(table().nameKeys("王ＡＢ").full.front() == "wangab");
}

BOOST_AUTO_TEST_CASE(empty_and_invalid_input_give_no_keys) {
    BOOST_TEST(table().nameKeys("").full.empty());
    BOOST_TEST(table().nameKeys(" · ").initials.empty());
    BOOST_TEST(table().nameKeys("\xff\xfe").full.empty());
    BOOST_TEST(table().nameKeys("张\xff三").full.front() == "zhangsan");
}

BOOST_AUTO_TEST_CASE(table_loads_from_a_small_tsv_file) {
    const TempFile file(
        "# comment line\n"
        "5F20\tzhang\n"
        "4E50\tle yue\r\n"  // Windows line end from an edited copy
        "\n"
        "66FE\tceng zeng");  // no final newline
    const auto loaded = PinyinTable::load(file.path.string());
    BOOST_TEST(loaded.readings(only("张")) == std::vector<std::string>{"zhang"});
    BOOST_TEST((loaded.readings(only("乐")) == std::vector<std::string>{"le", "yue"}));
    BOOST_TEST(loaded.readings(only("三")).empty());
    BOOST_TEST(loaded.surnameReading(only("曾")) == "zeng");
    BOOST_TEST(loaded.nameKeys("曾乐").full.front() == "zengle");
    BOOST_TEST(loaded.nameKeys("张三").full.front() == "zhang三");
}

BOOST_AUTO_TEST_CASE(malformed_or_missing_table_is_a_storage_error) {
    const TempFile file("5F20 zhang\n");
    BOOST_CHECK_THROW(PinyinTable::load(file.path.string()), jiayi::StorageError);
    const TempFile badHex("ZZZZ\tzhang\n");
    BOOST_CHECK_THROW(PinyinTable::load(badHex.path.string()), jiayi::StorageError);
    BOOST_CHECK_THROW(PinyinTable::load("/nonexistent/unihan_pinyin.tsv"), jiayi::StorageError);
}

BOOST_AUTO_TEST_CASE(shipped_table_covers_unihan) {
    // Load time is measured in bench/, never asserted here.
    const auto loaded = PinyinTable::load(jiayi::resourcePath("pinyin/unihan_pinyin.tsv").string());
    BOOST_TEST(loaded.readings(0x3400).front() == "qiu");  // first of Extension A
    BOOST_TEST(!loaded.readings(0x20000).empty());         // Extension B
}

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(decode_and_encode_round_trip) {
    const std::string text = "张a\u00e9\U00020000";
    const auto decoded = jiayi::utf8::decode(text);
    BOOST_TEST(decoded.valid());
    BOOST_TEST((decoded.text == std::u32string{U'张', U'a', 0xE9, 0x20000}));
    BOOST_TEST(jiayi::utf8::encode(decoded.text) == text);
    BOOST_TEST(jiayi::utf8::length(text) == 4u);
}

BOOST_AUTO_TEST_CASE(invalid_sequences_are_replaced_and_reported) {
    // Truncated 张 (E5 BC A0), an overlong '/', a surrogate, a stray continuation byte.
    const auto decoded = jiayi::utf8::decode(
        "a\xE5\xBC"
        "b\xC0\xAF\xED\xA0\x80\x80");
    BOOST_TEST(!decoded.valid());
    BOOST_TEST(decoded.firstInvalidOffset == 1u);
    // char32_t has no operator<< for Boost.Test to print, hence the double parentheses.
    BOOST_TEST(
        (decoded.text.substr(0, 3) == std::u32string{U'a', jiayi::utf8::kReplacement, U'b'}));
    BOOST_TEST(!jiayi::utf8::isValid("\xF4\x90\x80\x80"));  // above U+10FFFF
    BOOST_TEST(jiayi::utf8::isValid("张三"));
}

BOOST_AUTO_TEST_CASE(encoding_a_surrogate_writes_the_replacement_character) {
    BOOST_TEST(jiayi::utf8::encode(char32_t{0xD800}) == "\uFFFD");
}

BOOST_AUTO_TEST_CASE(is_cjk_covers_ideographs_only) {
    BOOST_TEST(jiayi::utf8::isCjk(U'张'));
    BOOST_TEST(jiayi::utf8::isCjk(0x3400));
    BOOST_TEST(jiayi::utf8::isCjk(0x20000));
    BOOST_TEST(jiayi::utf8::isCjk(U'〇'));
    BOOST_TEST(!jiayi::utf8::isCjk(U'A'));
    BOOST_TEST(!jiayi::utf8::isCjk(U'、'));
    BOOST_TEST(!jiayi::utf8::isCjk(U'あ'));
}

BOOST_AUTO_TEST_SUITE_END()  // utf8

BOOST_AUTO_TEST_SUITE_END()  // pinyin
