// Issue 16, "Input hygiene": text fields refuse control characters (NUL, BEL …) and the
// bidirectional overrides that make a text display other than it holds, naming the field;
// every real CJK character, extension planes included, is kept.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/model/FollowUpFields.h"
#include "core/model/ResidentFields.h"
#include "core/rules/FollowUpForm.h"
#include "core/rules/ResidentValidation.h"
#include "core/services/Registry.h"
#include "core/store/ResidentRepository.h"
#include "core/util/Utf8.h"

using namespace jiayi;

namespace {

bool names(const std::vector<FieldError>& errors, const std::string& field) {
    return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
}

// NUL, BEL, ESC, DEL, a C1 control, RLO (U+202E), an isolate (U+2066) and RLM (U+200F).
const std::vector<std::string> kUnsafe{std::string("张\0三", 4), "张\a三", "张\x1b三", "张\x7f三", "张\xc2\x85三",
                                       "张\u202e三", "张\u2066三", "张\u200f三"};

}  // namespace

BOOST_AUTO_TEST_SUITE(input_hygiene)

BOOST_AUTO_TEST_CASE(unsafe_characters_are_found_and_real_text_is_not) {
    for (const auto& text : kUnsafe) BOOST_TEST(utf8::firstUnsafe(text).has_value());
    BOOST_TEST(static_cast<unsigned>(*utf8::firstUnsafe("a\u202eb")) == 0x202Eu);
    BOOST_TEST(static_cast<unsigned>(*utf8::firstUnsafe(std::string("a\0b", 3))) == 0u);
    // CJK of every plane, tabs and line breaks in notes, and ordinary punctuation stay.
    for (const char* text : {"张三", "𠀀𪚥𫠠𬺰𰀀", "〇", "西村1组1号\n（东）", "a\tb\r\n", "Zhang San-Li, 5 kg/m²"})
        BOOST_TEST(!utf8::firstUnsafe(text).has_value(), text);
}

BOOST_AUTO_TEST_CASE(every_text_field_of_the_resident_refuses_them_by_name) {
    for (const auto& field : model::residentFields()) {
        // The archive number, the status and the creating site are set by the services.
        const std::string name = field.name;
        if (field.kind != model::FieldKind::Text || name == "archive_no" || name == "status" || name == "created_site")
            continue;
        for (const auto& text : {kUnsafe[1], kUnsafe[5]}) {
            auto r = test::sampleResident();
            if (name == "status_reason") r.status = model::RecordStatus::Lost;  // a reason of a closed record
            field.set(r, text);
            const auto errors = rules::validateResident(r, parseDate("2026-12-01").value());
            BOOST_TEST(names(errors, field.name), field.name);
        }
    }
    // A name in an extension plane is a real name.
    auto r = test::sampleResident();
    r.name = "𠀀𪚥";
    BOOST_TEST(rules::validateResident(r, parseDate("2026-12-01").value()).empty());
}

BOOST_AUTO_TEST_CASE(every_text_field_of_a_follow_up_refuses_them_by_name) {
    rules::FollowUpContext context;
    context.today = parseDate("2026-12-01").value();
    for (const auto& field : model::followUpFields()) {
        if (!std::holds_alternative<std::string model::FollowUp::*>(field.member) || field.codeList) continue;
        if (field.perForm) continue;  // the classification is a code of the rules
        model::FollowUp f;
        f.programme = "htn";
        f.visitDate = parseDate("2026-11-20");
        f.mode = field.name == std::string("lost_reason") ? "lost" : "clinic";
        model::setFollowUpFieldText(field, f, kUnsafe[5]);
        const auto errors = rules::validateFollowUp(f, rules::chronic::Programme::Hypertension, context);
        BOOST_TEST(names(errors, field.name), field.name);
    }
}

BOOST_FIXTURE_TEST_CASE(registration_refuses_them_and_writes_nothing, test::DbFixture) {
    services::Registry registry(*db, services::Session::bootstrap("tester"));
    auto r = test::sampleResident();
    r.name = "张\u202e三";
    try {
        registry.registerResident(test::registration(r));
        BOOST_FAIL("registered a name with a bidi override");
    } catch (const ValidationError& e) {
        BOOST_TEST(names(e.errors(), "name"));
        BOOST_TEST(e.errors().front().reason.find("U+202E") != std::string::npos);
    }
    // The household address is a text field too.
    try {
        registry.registerResident(test::registration(test::sampleResident(), "西村\a1组"));
        BOOST_FAIL("registered an address with BEL");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.errors().front().reason.find("U+0007") != std::string::npos);
    }
    BOOST_TEST(store::ResidentRepository(*db).count() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
