#pragma once
// Field rules of the follow-up forms (shared/domain/chronic.md, "Follow-up form" of each
// programme) and of the annual health check with the self-care score (groups.md, Elderly).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Chronic.h"
#include "core/rules/Chronic.h"
#include "core/util/Error.h"

namespace jiayi::rules {

struct FollowUpContext {
    Date today{};
    std::optional<Date> birthDate;
    std::optional<Date> enrolledOn;
    std::optional<double> lastBmi;        // from the last visit with a weight
    std::optional<Date> lastWeighed;
};

// 生活方式指导 items: this visit and target (key and key + "_target").
struct LifestyleItem {
    const char* key;
    const char* label;  // English, marked for translation
    const char* unit;   // "" for a code list
    const char* codeList;  // nullptr for a number
    double max;
    bool hypertension;
    bool diabetes;
};
const std::vector<LifestyleItem>& lifestyleItems();

// The code list of a programme's symptoms ("htn_symptom", "t2d_symptom").
const char* symptomList(chronic::Programme p);

// One programme's form of a visit entered once (chronic.md: one visit may serve the
// hypertension and the diabetes forms): `visit` holds the shared findings and the items of
// every form; the result keeps only the items of `programme`'s national form (urgent signs
// and lifestyle items of that form, glucose and diabetes items on the diabetes form only,
// SMI and TB items on theirs: model::followUpFields() says which form carries what).
model::FollowUp formOfProgramme(const model::FollowUp& visit, const std::string& programme);

// What each programme's form of a combined visit has of its own: the fields marked perForm
// in model::followUpFields() (symptoms, the doctor's classification).
using FormChoices = model::FollowUp;
// The forms of a visit entered once, one per programme in `programmes`, in that order:
// formOfProgramme() of each, with that programme's own choices from `choices` (an absent
// programme has none). The GUI and the CLI both split a visit with it.
std::vector<model::FollowUp> splitVisit(const model::FollowUp& visit, const std::vector<std::string>& programmes,
                                        const std::map<std::string, FormChoices>& choices = {});

// The findings of a follow-up record that the rules of chronic.md read (the form signed by
// ChronicCare, the live rules shown while the form is typed).
chronic::VisitFindings findingsOf(const model::FollowUp& f, int ageOnVisit);

// Every field error of one programme's follow-up record (empty when it can be signed).
// Normalises text fields (trimmed) in place.
std::vector<FieldError> validateFollowUp(model::FollowUp& f, chronic::Programme p, const FollowUpContext& c);

// The label of a field of the follow-up, health-check or referral forms (translated), for
// error messages; "" when the field is not one of theirs. "lifestyle.salt" and
// "self_care.eating" name an item of a group.
std::string formFieldLabel(std::string_view field);

// 老年人生活自理能力评估表 (groups.md, Elderly): five items, each with the points of its four
// levels (independent, mild, moderate, dependent), from the national form.
struct SelfCareItem {
    const char* code;
    const char* label;
    int points[4];
};
const std::vector<SelfCareItem>& selfCareItems();
// 0-3 independent, 4-8 mild dependence, 9-18 moderate, ≥ 19 dependent.
std::string selfCareLevel(int total);
std::string selfCareLevelName(const std::string& level);

std::vector<FieldError> validateHealthCheck(model::HealthCheck& h, const FollowUpContext& c);

}  // namespace jiayi::rules
