// Cases from shared/domain/records.md, "Identity" (GB 11643-1999 resident ID numbers).
#include <boost/test/unit_test.hpp>

#include "core/rules/IdNumber.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

using jiayi::Date;
using jiayi::ValidationError;
using namespace jiayi::rules;

namespace {

Date date(const char* text) {
    return jiayi::parseDate(text).value();
}

const Date kToday = date("2024-06-15");

// A syntactically valid 18-digit number with a correct check character, so that a test
// fails on the one property it is about.
std::string makeId(const std::string& address, const std::string& birth,
                   const std::string& sequence) {
    std::string first17 = address + birth + sequence;
    return first17 + idCheckCharacter(first17);
}

// Runs `action` and returns the ValidationError it throws (fails the test if none).
template <typename F>
ValidationError thrownBy(F&& action) {
    try {
        action();
    } catch (const ValidationError& error) {
        return error;
    }
    BOOST_FAIL("expected a ValidationError");
    return ValidationError("", "");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(id_number)

BOOST_AUTO_TEST_CASE(check_character_of_worked_examples) {
    BOOST_TEST(idCheckCharacter("11010519491231002") == 'X');
    BOOST_TEST(idCheckCharacter("44052418800101001") == '4');
}

BOOST_AUTO_TEST_CASE(worked_example_11010519491231002X_validates_as_woman_born_1949) {
    const auto info = parseIdNumber("11010519491231002X", kToday);
    BOOST_TEST(info.normalized == "11010519491231002X");
    BOOST_TEST(info.addressCode == "110105");
    BOOST_TEST(jiayi::formatDate(info.birthDate) == "1949-12-31");
    BOOST_TEST(!info.male);  // sequence 002: even
    BOOST_TEST(!info.convertedFrom15);
}

BOOST_AUTO_TEST_CASE(worked_example_440524188001010014_validates_as_man_born_1880) {
    const auto info = parseIdNumber("440524188001010014", kToday);
    BOOST_TEST(info.normalized == "440524188001010014");
    BOOST_TEST(info.addressCode == "440524");
    BOOST_TEST(jiayi::formatDate(info.birthDate) == "1880-01-01");
    BOOST_TEST(info.male);  // sequence 001: odd
}

BOOST_AUTO_TEST_CASE(lower_case_x_is_accepted_and_stored_upper_case) {
    BOOST_TEST(parseIdNumber("11010519491231002x", kToday).normalized == "11010519491231002X");
}

BOOST_AUTO_TEST_CASE(spaces_and_full_width_digits_from_an_ime_are_normalized) {
    BOOST_TEST(parseIdNumber("  11010519491231002X\t", kToday).normalized == "11010519491231002X");
    BOOST_TEST(parseIdNumber("110105 19491231 002x", kToday).normalized == "11010519491231002X");
    BOOST_TEST(parseIdNumber("\u3000１１０１０５１９４９１２３１００２ｘ", kToday).normalized ==
               "11010519491231002X");
}

BOOST_AUTO_TEST_CASE(check_character_mismatch_names_expected_character) {
    const auto error = thrownBy([] { parseIdNumber("110105194912310025", kToday); });
    BOOST_TEST(error.field() == "id_number");
    BOOST_TEST(error.reason() == "The check character should be X, not 5");
}

BOOST_AUTO_TEST_CASE(error_carries_the_field_name_given_by_the_caller) {
    const auto error =
        thrownBy([] { parseIdNumber("110105194912310025", kToday, "guardian_id_number"); });
    BOOST_TEST(error.field() == "guardian_id_number");
}

BOOST_AUTO_TEST_CASE(february_31_is_not_a_real_date) {
    const auto error = thrownBy([] { parseIdNumber(makeId("110105", "19900231", "123"), kToday); });
    BOOST_TEST(error.reason() == "The birth date 1990-02-31 in the ID number is not a real date");
}

BOOST_AUTO_TEST_CASE(month_13_is_not_a_real_date) {
    const auto error = thrownBy([] { parseIdNumber(makeId("110105", "19901301", "123"), kToday); });
    BOOST_TEST(contains(error.reason(), "1990-13-01"));
}

BOOST_AUTO_TEST_CASE(february_29_is_accepted_in_a_leap_year) {
    BOOST_TEST(
        jiayi::formatDate(parseIdNumber(makeId("110105", "19960229", "123"), kToday).birthDate) ==
        "1996-02-29");
    BOOST_TEST(
        jiayi::formatDate(parseIdNumber(makeId("110105", "20000229", "123"), kToday).birthDate) ==
        "2000-02-29");
}

BOOST_AUTO_TEST_CASE(february_29_is_rejected_in_a_non_leap_year) {
    BOOST_CHECK_THROW(parseIdNumber(makeId("110105", "19990229", "123"), kToday), ValidationError);
    // 1900 is divisible by 4 but is not a leap year (century not divisible by 400).
    const auto error = thrownBy([] { parseIdNumber(makeId("110105", "19000229", "123"), kToday); });
    BOOST_TEST(contains(error.reason(), "1900-02-29"));
}

BOOST_AUTO_TEST_CASE(birth_date_after_today_is_rejected_as_future) {
    const auto error = thrownBy([] { parseIdNumber(makeId("110105", "20240616", "123"), kToday); });
    BOOST_TEST(error.field() == "id_number");
    BOOST_TEST(error.reason() == "The birth date 2024-06-16 in the ID number is in the future");
}

BOOST_AUTO_TEST_CASE(birth_date_equal_to_today_is_accepted_for_a_newborn) {
    const auto info = parseIdNumber(makeId("110105", "20240615", "123"), kToday);
    BOOST_TEST(jiayi::formatDate(info.birthDate) == "2024-06-15");
}

BOOST_AUTO_TEST_CASE(wrong_length_reports_the_number_of_characters) {
    const auto error = thrownBy([] { parseIdNumber("110105194912", kToday); });
    BOOST_TEST(error.reason() ==
               "An ID number has 18 characters (or 15 for old cards); this one has 12");
    BOOST_CHECK_THROW(parseIdNumber("11010519491231002X1", kToday), ValidationError);
}

BOOST_AUTO_TEST_CASE(length_counts_characters_not_bytes) {
    const auto error = thrownBy([] { parseIdNumber("张三11010519", kToday); });
    BOOST_TEST(contains(error.reason(), "this one has 10"));
}

BOOST_AUTO_TEST_CASE(empty_input_is_reported_as_empty) {
    const auto error = thrownBy([] { parseIdNumber("   ", kToday); });
    BOOST_TEST(error.reason() == "The ID number is empty");
}

BOOST_AUTO_TEST_CASE(letter_inside_the_number_is_rejected_naming_its_position) {
    const auto error = thrownBy([] { parseIdNumber("1101051949123100AX", kToday); });
    BOOST_TEST(error.reason() ==
               "Character 17 of the ID number is \"A\"; only digits are allowed there");
}

BOOST_AUTO_TEST_CASE(x_is_allowed_only_as_the_last_character) {
    const auto error = thrownBy([] { parseIdNumber("X10105194912310020", kToday); });
    BOOST_TEST(contains(error.reason(), "Character 1 "));
    const auto last = thrownBy([] { parseIdNumber("11010519491231002Y", kToday); });
    BOOST_TEST(last.reason() ==
               "The last character of the ID number must be a digit or X, "
               "not \"Y\"");
}

BOOST_AUTO_TEST_CASE(legacy_15_digit_number_converts_to_18) {
    BOOST_TEST(convertId15To18("110105491231002") == "11010519491231002X");
    const auto info = parseIdNumber("110105491231002", kToday);
    BOOST_TEST(info.normalized == "11010519491231002X");
    BOOST_TEST(info.convertedFrom15);
    BOOST_TEST(jiayi::formatDate(info.birthDate) == "1949-12-31");
    BOOST_TEST(!info.male);
}

BOOST_AUTO_TEST_CASE(legacy_15_digit_number_may_not_contain_x) {
    BOOST_CHECK_THROW(parseIdNumber("11010549123100X", kToday), ValidationError);
    BOOST_CHECK_THROW(convertId15To18("11010549123100X"), ValidationError);
}

BOOST_AUTO_TEST_CASE(legacy_15_digit_number_with_impossible_date_is_rejected) {
    const auto error = thrownBy([] { parseIdNumber("110105490230002", kToday); });
    BOOST_TEST(contains(error.reason(), "1949-02-30"));
}

BOOST_AUTO_TEST_CASE(convert_15_to_18_rejects_other_lengths) {
    BOOST_CHECK_THROW(convertId15To18("11010519491231002X"), ValidationError);
}

BOOST_AUTO_TEST_CASE(check_character_needs_17_digits) {
    BOOST_CHECK_THROW(idCheckCharacter("1101051949"), std::invalid_argument);
    BOOST_CHECK_THROW(idCheckCharacter("1101051949123100A"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(abolished_address_code_is_accepted) {
    // 110103 was Beijing's 崇文区, merged into 东城区 in 2010; holders keep their number.
    const auto info = parseIdNumber(makeId("110103", "19700101", "011"), kToday);
    BOOST_TEST(info.addressCode == "110103");
}

BOOST_AUTO_TEST_CASE(male_recorded_for_a_womans_id_names_sex_and_the_id_number) {
    const auto id = parseIdNumber("11010519491231002X", kToday);
    const auto error = thrownBy([&] { checkIdAgreement(id, "1", std::nullopt); });
    BOOST_TEST(error.field() == "sex");
    BOOST_TEST(contains(error.reason(), "11010519491231002X"));
}

BOOST_AUTO_TEST_CASE(female_recorded_for_a_mans_id_names_sex_and_the_id_number) {
    const auto id = parseIdNumber("440524188001010014", kToday);
    const auto error = thrownBy([&] { checkIdAgreement(id, "2", std::nullopt); });
    BOOST_TEST(error.field() == "sex");
    BOOST_TEST(contains(error.reason(), "440524188001010014"));
}

BOOST_AUTO_TEST_CASE(sex_codes_9_and_0_never_conflict) {
    for (const char* id : {"11010519491231002X", "440524188001010014"}) {
        const auto info = parseIdNumber(id, kToday);
        BOOST_CHECK_NO_THROW(checkIdAgreement(info, "9", std::nullopt));
        BOOST_CHECK_NO_THROW(checkIdAgreement(info, "0", std::nullopt));
    }
}

BOOST_AUTO_TEST_CASE(matching_sex_and_birth_date_agree) {
    const auto woman = parseIdNumber("11010519491231002X", kToday);
    BOOST_CHECK_NO_THROW(checkIdAgreement(woman, "2", date("1949-12-31")));
    const auto man = parseIdNumber("440524188001010014", kToday);
    BOOST_CHECK_NO_THROW(checkIdAgreement(man, "1", date("1880-01-01")));
    BOOST_CHECK_NO_THROW(checkIdAgreement(man, "", std::nullopt));
}

BOOST_AUTO_TEST_CASE(birth_date_mismatch_names_birth_date_and_both_dates) {
    const auto id = parseIdNumber("11010519491231002X", kToday);
    const auto error = thrownBy([&] { checkIdAgreement(id, "2", date("1949-12-30")); });
    BOOST_TEST(error.field() == "birth_date");
    BOOST_TEST(error.reason() ==
               "The birth date 1949-12-30 does not match the ID number "
               "11010519491231002X, which gives 1949-12-31");
}

BOOST_AUTO_TEST_CASE(unknown_sex_code_is_rejected) {
    const auto id = parseIdNumber("11010519491231002X", kToday);
    const auto error = thrownBy([&] { checkIdAgreement(id, "M", std::nullopt); });
    BOOST_TEST(error.field() == "sex");
}

BOOST_AUTO_TEST_CASE(reasons_go_through_the_translation_hook) {
    struct ResetTranslator {
        ~ResetTranslator() { jiayi::setTranslator(nullptr); }
    } reset;
    jiayi::setTranslator([](const char* english) {
        return std::string(english) == "The check character should be {0}, not {1}"
                   ? std::string("校验码应为{0}，而不是{1}")
                   : std::string(english);
    });
    const auto error = thrownBy([] { parseIdNumber("110105194912310025", kToday); });
    BOOST_TEST(error.reason() == "校验码应为X，而不是5");
}

BOOST_AUTO_TEST_SUITE_END()
