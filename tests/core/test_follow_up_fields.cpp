// The follow-up field table (model::followUpFields, issue 15 "Structure"): the stored form
// document keeps its keys, every field reads back its own text, and one visit splits into
// each programme's form by the table.
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <set>

#include "core/model/ChronicJson.h"
#include "core/model/FollowUpFields.h"
#include "core/rules/FollowUpForm.h"

using namespace jiayi;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

// Every field of the table with a value, as a combined visit a doctor could type.
model::FollowUp everyField() {
    model::FollowUp f;
    f.visitDate = d("2026-11-20");
    f.mode = "home";
    f.systolic = 132;
    f.diastolic = 82;
    f.heartRate = 72;
    f.weight = 70.5;
    f.height = 168;
    f.targetWeight = 66;
    f.targetBmi = 23.4;
    f.temperature = 36.5;
    f.signsOther = "双下肢无水肿";
    f.symptoms = {"2", "3"};
    f.symptomsOther = "偶有口干";
    f.urgentSigns = {"chest_tightness", "acetone_breath"};
    f.fastingGlucose = 6.8;
    f.dorsalPulse = "normal";
    f.hba1c = 6.9;
    f.hba1cDate = d("2026-10-30");
    f.hypoglycaemia = "none";
    f.insulin = "甘精胰岛素 12U 睡前";
    f.lifestyle = {{"smoking", "5"}, {"smoking_target", "0"}, {"salt", "2"}, {"staple", "300"}};
    f.testsOther = "尿常规正常";
    f.adherence = "regular";
    f.adverseReaction = true;
    f.adverseReactionText = "轻度胃肠不适";
    f.adverseReactionHardToControl = true;
    f.newOrWorseComplication = true;
    f.pregnantOrBreastfeeding = true;
    f.cannotHandle = true;
    f.medicines = {{"二甲双胍", "2", "0.5g"}, {"硝苯地平缓释片", "", "20mg"}};
    f.danger = 1;
    f.smiFindings = {"some_symptoms"};
    f.tbPhase = "continuation";
    f.tbSupervisor = "family";
    f.missedDoses = 2;
    f.classification = "uncontrolled";
    f.chosenNextDue = d("2026-12-10");
    f.referralReason = "并发症加重";
    f.referralInstitution = "曹县人民医院";
    f.referralDepartment = "内分泌科";
    f.lostReason = "外出务工";
    f.deathDate = d("2026-11-21");
    f.deathCause = "心肌梗死";
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(follow_up_fields)

BOOST_AUTO_TEST_CASE(names_and_options_are_unique_and_every_field_has_a_label) {
    std::set<std::string> names, options;
    for (const auto& field : model::followUpFields()) {
        BOOST_TEST(names.insert(field.name).second, field.name);
        if (field.option) BOOST_TEST(options.insert(field.option).second, field.option);
        BOOST_TEST(!rules::formFieldLabel(field.name).empty(), field.name);
        BOOST_TEST(field.forms != 0u, field.name);
        BOOST_TEST(model::findFollowUpField(field.name) == &field);
    }
    BOOST_TEST(model::findFollowUpField("no_such_field") == nullptr);
}

BOOST_AUTO_TEST_CASE(the_stored_form_document_keeps_its_keys) {
    // Databases and other sites hold these keys: the table must write exactly them.
    const std::set<std::string> stored{
        "symptoms", "symptoms_other", "urgent_signs", "target_weight", "height", "target_bmi", "temperature",
        "dorsal_pulse", "signs_other", "lifestyle", "hba1c_date", "tests_other", "adherence", "adverse_reaction",
        "adverse_reaction_text", "adverse_hard_to_control", "new_or_worse_complication", "pregnant_or_breastfeeding",
        "cannot_handle", "hypoglycaemia", "medicines", "insulin", "smi_findings", "tb_phase", "tb_supervisor",
        "missed_doses", "referral_reason", "referral_institution", "referral_department", "lost_reason",
        "death_date", "death_cause"};
    const auto json = model::followUpFormJson(everyField());
    const auto o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    std::set<std::string> keys;
    for (const auto& [key, value] : *o) keys.insert(key);
    BOOST_TEST(keys == stored, boost::test_tools::per_element());
    // A document written before the table reads the same.
    model::FollowUp old;
    model::readFollowUpForm(old, R"({"height":165,"medicines":[{"name":"二甲双胍","times_per_day":"2",)"
                                 R"("dose_per_time":"0.5g"}],"lifestyle":{"salt":"2"},"adverse_reaction":true,)"
                                 R"("missed_doses":3,"death_date":"2026-01-02","smi_findings":["no_insight"]})");
    BOOST_TEST(*old.height == 165.0);
    BOOST_REQUIRE_EQUAL(old.medicines.size(), 1u);
    BOOST_TEST(old.medicines[0].dosePerTime == "0.5g");
    BOOST_TEST(old.lifestyle.at("salt") == "2");
    BOOST_TEST(old.adverseReaction);
    BOOST_TEST(*old.missedDoses == 3);
    BOOST_TEST(formatDate(*old.deathDate) == "2026-01-02");
    BOOST_TEST(old.smiFindings == std::vector<std::string>{"no_insight"});
}

BOOST_AUTO_TEST_CASE(the_form_document_round_trips_every_form_field) {
    const auto full = everyField();
    model::FollowUp back;
    back.tbPhase = "stale";  // a read replaces what was there
    model::readFollowUpForm(back, model::followUpFormJson(full));
    for (const auto& field : model::followUpFields()) {
        if (field.store != model::FollowUpStore::Form) continue;
        BOOST_TEST(model::followUpFieldText(field, back) == model::followUpFieldText(field, full), field.name);
    }
    model::FollowUp empty;
    model::readFollowUpForm(empty, model::followUpFormJson(model::FollowUp{}));
    BOOST_TEST(model::followUpFormJson(empty) == "{}");
}

BOOST_AUTO_TEST_CASE(every_field_reads_back_its_own_text) {
    const auto full = everyField();
    for (const auto& field : model::followUpFields()) {
        const auto text = model::followUpFieldText(field, full);
        BOOST_TEST(!text.empty(), field.name);
        model::FollowUp back;
        BOOST_TEST(!model::setFollowUpFieldText(field, back, text).has_value(), field.name);
        BOOST_TEST(model::followUpFieldText(field, back) == text, field.name);
        model::clearFollowUpField(field, back);
        BOOST_TEST(model::followUpFieldText(field, back).empty(), field.name);
    }
    // A medicine typed without its times keeps the dose in its place.
    model::FollowUp m;
    model::setFollowUpFieldText(*model::findFollowUpField("medicines"), m, "硝苯地平缓释片,,20mg");
    BOOST_REQUIRE_EQUAL(m.medicines.size(), 1u);
    BOOST_TEST(m.medicines[0].timesPerDay.empty());
    BOOST_TEST(m.medicines[0].dosePerTime == "20mg");
}

BOOST_AUTO_TEST_CASE(unreadable_text_names_its_field_and_leaves_it_empty) {
    model::FollowUp f;
    f.systolic = 120;
    const auto sbp = model::setFollowUpFieldText(*model::findFollowUpField("systolic"), f, "1320x");
    BOOST_REQUIRE(sbp.has_value());
    BOOST_TEST(sbp->field == "systolic");
    BOOST_TEST(!f.systolic.has_value());
    BOOST_TEST(model::setFollowUpFieldText(*model::findFollowUpField("systolic"), f, "13.5").has_value());
    BOOST_TEST(model::setFollowUpFieldText(*model::findFollowUpField("weight"), f, "六十").has_value());
    BOOST_TEST(model::setFollowUpFieldText(*model::findFollowUpField("weight"), f, "inf").has_value());
    const auto date = model::setFollowUpFieldText(*model::findFollowUpField("death_date"), f, "2026-02-30");
    BOOST_REQUIRE(date.has_value());
    BOOST_TEST(date->field == "death_date");
    const auto lifestyle = model::setFollowUpFieldText(*model::findFollowUpField("lifestyle"), f, "smoking");
    BOOST_REQUIRE(lifestyle.has_value());
    BOOST_TEST(lifestyle->field == "lifestyle");
    BOOST_TEST(f.lifestyle.empty());
    // Blanks around a value are not part of it; "" empties.
    BOOST_TEST(!model::setFollowUpFieldText(*model::findFollowUpField("weight"), f, " 61.5 ").has_value());
    BOOST_TEST(*f.weight == 61.5);
    BOOST_TEST(!model::setFollowUpFieldText(*model::findFollowUpField("weight"), f, "").has_value());
    BOOST_TEST(!f.weight.has_value());
}

BOOST_AUTO_TEST_CASE(one_visit_splits_into_each_programmes_form_with_its_own_choices) {
    const auto visit = everyField();
    std::map<std::string, rules::FormChoices> choices;
    choices["htn"].symptoms = {"1"};
    choices["t2d"].symptoms = {"2", "3"};
    choices["t2d"].classification = "uncontrolled";
    choices["smi"].symptoms = {"4"};  // the SMI form has no symptom list: ignored
    const auto forms = rules::splitVisit(visit, {"htn", "t2d", "smi", "tb"}, choices);
    BOOST_REQUIRE_EQUAL(forms.size(), 4u);
    const auto& htn = forms[0];
    const auto& t2d = forms[1];
    const auto& smi = forms[2];
    const auto& tb = forms[3];
    BOOST_TEST(htn.programme == "htn");
    BOOST_TEST(htn.symptoms == std::vector<std::string>{"1"});
    BOOST_TEST(htn.classification.empty());  // the visit's own value is not a form's choice
    BOOST_TEST(!htn.fastingGlucose.has_value());
    BOOST_TEST(htn.insulin.empty());
    BOOST_TEST(!htn.danger.has_value());
    BOOST_TEST(htn.tbPhase.empty());
    BOOST_TEST(htn.urgentSigns == std::vector<std::string>{"chest_tightness"});
    BOOST_TEST(htn.lifestyle.count("salt") == 1u);
    BOOST_TEST(htn.lifestyle.count("staple") == 0u);
    BOOST_TEST(*htn.systolic == 132);
    BOOST_TEST(htn.medicines.size() == 2u);
    BOOST_TEST((t2d.symptoms == std::vector<std::string>{"2", "3"}));
    BOOST_TEST(t2d.classification == "uncontrolled");
    BOOST_TEST(*t2d.fastingGlucose == 6.8);
    BOOST_TEST(t2d.insulin == visit.insulin);
    BOOST_TEST(t2d.urgentSigns == std::vector<std::string>{"acetone_breath"});
    BOOST_TEST(t2d.lifestyle.count("staple") == 1u);
    BOOST_TEST(smi.symptoms.empty());
    BOOST_TEST(smi.adherence.empty());
    BOOST_TEST(smi.lifestyle.empty());
    BOOST_TEST(*smi.danger == 1);
    BOOST_TEST(smi.smiFindings == visit.smiFindings);
    BOOST_TEST(smi.tbPhase.empty());
    BOOST_TEST(tb.tbPhase == "continuation");
    BOOST_TEST(*tb.missedDoses == 2);
    BOOST_TEST(!tb.danger.has_value());
    // Fields of every form stay on each.
    for (const auto& f : forms) {
        BOOST_TEST(f.referralInstitution == visit.referralInstitution);
        BOOST_TEST(formatDate(*f.visitDate) == "2026-11-20");
        BOOST_TEST(formatDate(*f.chosenNextDue) == "2026-12-10");
    }
}

BOOST_AUTO_TEST_SUITE_END()
