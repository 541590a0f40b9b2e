#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/model/ResidentJson.h"

using namespace jiayi;

BOOST_AUTO_TEST_SUITE(resident_json)

BOOST_AUTO_TEST_CASE(every_field_round_trips_through_json) {
    auto r = test::sampleResident();
    r.id = "0190a000-0000-7000-8000-000000000001";
    r.payment = {"3", "5"};
    r.paymentOther = "大病保险";
    r.pastDiseases = {{"2", parseDate("2015-03-01"), ""}, {"6", parseDate("2020-01-01"), "胃癌"}};
    r.surgeries = {{"阑尾切除", parseDate("1990-07-01")}};
    r.familyHistory.father = {"2", "7"};
    r.disability = {"1"};
    r.toilet = "1";
    const auto json = model::residentToJson(r);
    BOOST_TEST(json.find("\"payment\":[\"3\",\"5\"]") != std::string::npos);
    BOOST_TEST(json.find("\"employer\":null") != std::string::npos);
    const auto back = model::residentFromJson(json);
    BOOST_TEST((back.payment == r.payment));
    BOOST_TEST((back.pastDiseases == r.pastDiseases));
    BOOST_TEST((back.surgeries == r.surgeries));
    BOOST_TEST((back.familyHistory == r.familyHistory));
    r.id.clear();  // the id is never taken from input
    BOOST_TEST((back == r));
}

BOOST_AUTO_TEST_CASE(unknown_key_and_wrong_shape_name_the_key) {
    try {
        model::residentFromJson(R"({"nmae":"张三"})");
        BOOST_FAIL("unknown key must be refused");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.field() == "nmae");
    }
    try {
        model::residentFromJson(R"({"birth_date":"1990-02-31"})");
        BOOST_FAIL("impossible date must be refused");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.field() == "birth_date");
    }
    BOOST_CHECK_THROW(model::residentFromJson(R"({"payment":{"x":1}})"), ValidationError);
    BOOST_CHECK_THROW(model::residentFromJson("not json"), ValidationError);
}

BOOST_AUTO_TEST_CASE(absent_keys_keep_values_and_null_clears) {
    const auto base = test::sampleResident();
    const auto r = model::residentFromJson(R"({"phone":null,"employer":"砖厂"})", base);
    BOOST_TEST(r.phone.empty());
    BOOST_TEST(r.employer == "砖厂");
    BOOST_TEST(r.name == base.name);
}

BOOST_AUTO_TEST_SUITE_END()
