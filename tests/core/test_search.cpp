#include <boost/test/unit_test.hpp>

#include "TestSupport.h"

using namespace jiayi;

namespace {

struct SearchFixture : test::DbFixture {
    services::Registry registry{*db, services::Session::bootstrap("doctor1")};
    model::Resident zhang, shan, zeng, wang;

    SearchFixture() {
        zhang = add("张三", "1", "1960-05-01", "371721196005010016", "13800138000", "西村1组1号");
        shan = add("单田芳", "1", "1934-12-01", "", "13911112222", "西村1组2号");
        zeng = add("曾乐", "2", "1988-03-03", "", "", "西村1组3号");
        wang = add("王秀英", "2", "1952-06-06", "", "15066667777", "西村1组4号");
    }

    model::Resident add(const std::string& name, const std::string& sex, const std::string& birth,
                        const std::string& id, const std::string& phone,
                        const std::string& address) {
        model::Resident r;
        r.name = name;
        r.sex = sex;
        r.birthDate = parseDate(birth);
        r.idNumber = id;
        r.phone = phone;
        r.villageCode = test::kVillageA;
        return registry.registerResident(test::registration(r, address));
    }

    std::vector<std::string> names(const std::string& query) {
        std::vector<std::string> out;
        for (const auto& r : registry.find(query)) out.push_back(r.name);
        return out;
    }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(search, SearchFixture)

BOOST_AUTO_TEST_CASE(pinyin_initials_find_the_name) {
    BOOST_TEST(names("zs") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("ZS") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("wxy") == std::vector<std::string>{"王秀英"});
}

BOOST_AUTO_TEST_CASE(full_pinyin_and_its_prefix_find_the_name) {
    BOOST_TEST(names("zhangsan") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("zhang") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("wang xiu") == std::vector<std::string>{"王秀英"});
}

BOOST_AUTO_TEST_CASE(polyphonic_surnames_read_as_surnames) {
    BOOST_TEST(names("shantianfang") == std::vector<std::string>{"单田芳"});
    BOOST_TEST(names("stf") == std::vector<std::string>{"单田芳"});
    BOOST_TEST(names("zengle") == std::vector<std::string>{"曾乐"});
    BOOST_TEST(names("zengyue") == std::vector<std::string>{"曾乐"});
    // The ordinary reading stays a fallback key: whoever reads 单 as "dan" still finds him.
    BOOST_TEST(names("dantianfang") == std::vector<std::string>{"单田芳"});
}

BOOST_AUTO_TEST_CASE(chinese_name_prefix_and_given_name_find_the_person) {
    BOOST_TEST(names("张") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("张三") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("秀英") == std::vector<std::string>{"王秀英"});
    BOOST_TEST(names("李").empty());
}

BOOST_AUTO_TEST_CASE(digits_find_id_suffix_phone_and_archive_number) {
    BOOST_TEST(names("0016") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("371721196005010016") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("2222") == std::vector<std::string>{"单田芳"});
    BOOST_TEST(names("1506666") == std::vector<std::string>{"王秀英"});
    BOOST_TEST(names(wang.archiveNo) == std::vector<std::string>{"王秀英"});
    // The last digits of an archive number (its serial) also find it.
    BOOST_TEST(contains(names(wang.archiveNo.substr(12)), "王秀英"));
}

BOOST_AUTO_TEST_CASE(edited_name_and_phone_are_searchable_at_once) {
    auto r = zhang;
    r.phone = "18655554444";
    registry.edit(r);
    BOOST_TEST(names("4444") == std::vector<std::string>{"张三"});
    BOOST_TEST(names("138001").empty());
}

BOOST_AUTO_TEST_CASE(empty_and_punctuation_queries_find_nothing) {
    BOOST_TEST(names("").empty());
    BOOST_TEST(names("   ").empty());
    BOOST_TEST(names("--").empty());
}

BOOST_AUTO_TEST_SUITE_END()
