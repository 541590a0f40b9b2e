#include "core/rules/FollowUpForm.h"

#include <algorithm>
#include <cstdlib>

#include "core/model/FollowUpFields.h"
#include "core/rules/FieldChecker.h"
#include "core/rules/ResidentValidation.h"

namespace jiayi::rules {

using chronic::Programme;

const std::vector<LifestyleItem>& lifestyleItems() {
    // chronic.md, "Follow-up form", 生活方式指导; diabetes has staple food instead of salt.
    static const std::vector<LifestyleItem> items{
        {"smoking", N_("Cigarettes a day"), N_("per day"), nullptr, 100, true, true},
        {"drinking", N_("Alcohol (liang of liquor a day)"), N_("liang/day"), nullptr, 50, true, true},
        {"exercise_times", N_("Exercise times a week"), N_("times/week"), nullptr, 21, true, true},
        {"exercise_minutes", N_("Minutes each time"), N_("min/time"), nullptr, 600, true, true},
        {"salt", N_("Salt intake"), "", "salt", 0, true, false},
        {"staple", N_("Staple food (g a day)"), N_("g/day"), nullptr, 2000, false, true},
        {"psych", N_("Psychological adjustment"), "", "good_fair_poor", 0, true, true},
        {"compliance", N_("Follows medical advice"), "", "good_fair_poor", 0, true, true},
    };
    return items;
}

const char* symptomList(Programme p) { return p == Programme::Diabetes ? "t2d_symptom" : "htn_symptom"; }

namespace {

bool faceToFace(const std::string& mode) { return mode == "clinic" || mode == "home"; }

// Blood pressure and heart rate, as both forms take them.
void checkVitals(Checker& check, const std::optional<int>& systolic, const std::optional<int>& diastolic,
                 const std::optional<int>& heartRate) {
    check.range("systolic", systolic, 60, 300, "mmHg");
    check.range("diastolic", diastolic, 30, 200, "mmHg");
    if (systolic.has_value() != diastolic.has_value())
        check.add(systolic ? "diastolic" : "systolic", tr("Blood pressure needs both systolic and diastolic"));
    if (systolic && diastolic && *diastolic >= *systolic && !check.has("diastolic"))
        check.add("diastolic", tr("Diastolic pressure must be lower than systolic"));
    check.range("heart_rate", heartRate, 20, 250, "/min");
}

void checkLifestyle(Checker& check, const model::FollowUp& f, Programme p) {
    for (const auto& [key, value] : f.lifestyle) {
        const bool target = key.size() > 7 && key.ends_with("_target");
        const auto base = target ? key.substr(0, key.size() - 7) : key;
        const auto item = std::find_if(lifestyleItems().begin(), lifestyleItems().end(),
                                       [&](const LifestyleItem& i) { return base == i.key; });
        if (item == lifestyleItems().end() ||
            !(p == Programme::Diabetes ? item->diabetes : item->hypertension)) {
            check.add("lifestyle." + key, tr("Not an item of this form"));
            continue;
        }
        if (value.empty()) continue;
        if (item->codeList) {
            if (!findCode(item->codeList, value))
                check.add("lifestyle." + key, format(tr("\"{0}\" is not one of the allowed codes"), {value}));
            continue;
        }
        char* end = nullptr;
        const double n = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || n < 0 || n > item->max)
            check.add("lifestyle." + key, format(tr("A number from 0 to {0} {1}"),
                                                 {Checker::number(item->max), tr(item->unit)}));
    }
}

}  // namespace

model::FollowUp formOfProgramme(const model::FollowUp& visit, const std::string& programme) {
    model::FollowUp f = visit;
    f.programme = programme;
    // The items of the table that this programme's form does not carry are left out.
    for (const auto& field : model::followUpFields())
        if (!field.onForm(programme)) model::clearFollowUpField(field, f);
    // Urgent signs and lifestyle items are listed per form item by item.
    const bool htn = programme == "htn", t2d = programme == "t2d";
    f.urgentSigns.clear();
    for (const auto& code : visit.urgentSigns)
        for (const auto& s : chronic::urgentSigns())
            if (code == s.code && ((htn && s.hypertension) || (t2d && s.diabetes))) f.urgentSigns.push_back(code);
    f.lifestyle.clear();
    for (const auto& item : lifestyleItems())
        if ((htn && item.hypertension) || (t2d && item.diabetes))
            for (const auto& key : {std::string(item.key), std::string(item.key) + "_target"})
                if (auto it = visit.lifestyle.find(key); it != visit.lifestyle.end()) f.lifestyle[key] = it->second;
    return f;
}

std::vector<model::FollowUp> splitVisit(const model::FollowUp& visit, const std::vector<std::string>& programmes,
                                        const std::map<std::string, FormChoices>& choices) {
    std::vector<model::FollowUp> forms;
    for (const auto& programme : programmes) {
        auto f = formOfProgramme(visit, programme);
        f.symptoms.clear();
        f.classification.clear();
        if (const auto it = choices.find(programme); it != choices.end()) {
            for (const auto& field : model::followUpFields())
                if (field.perForm && field.onForm(programme))
                    model::setFollowUpFieldText(field, f, model::followUpFieldText(field, it->second));
        }
        forms.push_back(std::move(f));
    }
    return forms;
}

chronic::VisitFindings findingsOf(const model::FollowUp& f, int ageOnVisit) {
    chronic::VisitFindings v;
    if (f.visitDate) v.date = *f.visitDate;
    v.ageOnVisit = ageOnVisit;
    v.faceToFace = faceToFace(f.mode);
    v.systolic = f.systolic;
    v.diastolic = f.diastolic;
    v.heartRate = f.heartRate;
    v.fastingGlucose = f.fastingGlucose;
    v.temperature = f.temperature;
    v.symptoms = {f.symptoms.begin(), f.symptoms.end()};
    v.urgentSigns = {f.urgentSigns.begin(), f.urgentSigns.end()};
    v.pregnantOrBreastfeeding = f.pregnantOrBreastfeeding;
    v.adverseReaction = f.adverseReaction;
    v.adverseReactionHardToControl = f.adverseReactionHardToControl;
    v.newOrWorseComplication = f.newOrWorseComplication;
    v.cannotHandle = f.cannotHandle;
    return v;
}

std::vector<FieldError> validateFollowUp(model::FollowUp& f, Programme p, const FollowUpContext& c) {
    Checker check(c.today);
    for (auto* text : {&f.symptomsOther, &f.signsOther, &f.testsOther, &f.adverseReactionText, &f.insulin,
                       &f.referralReason, &f.referralInstitution, &f.referralDepartment, &f.lostReason,
                       &f.deathCause})
        *text = trimmed(*text);
    if (!f.visitDate) check.add("visit_date", tr("Required"));
    check.lifeDate("visit_date", f.visitDate, c.birthDate);
    if (f.visitDate && c.enrolledOn && *f.visitDate < *c.enrolledOn && !check.has("visit_date"))
        check.add("visit_date", format(tr("The visit is before the enrolment on {0}"), {formatDate(*c.enrolledOn)}));
    check.code("mode", "follow_up_mode", f.mode, true);

    const bool measured = f.systolic || f.diastolic || f.weight || f.fastingGlucose || f.heartRate || f.danger;
    if (f.mode == "lost") {
        if (f.lostReason.empty()) check.add("lost_reason", tr("Required: why the patient could not be followed up"));
        if (measured) check.add("mode", tr("A lost-to-follow-up entry records the reason instead of findings"));
    }
    if (f.mode == "dead") {
        if (!f.deathDate) check.add("death_date", tr("Required"));
        check.lifeDate("death_date", f.deathDate, c.birthDate);
        if (f.deathCause.empty()) check.add("death_cause", tr("Required"));
        if (measured) check.add("mode", tr("A death entry records the date and cause instead of findings"));
    }

    checkVitals(check, f.systolic, f.diastolic, f.heartRate);
    check.range("weight", f.weight, 2, 300, "kg");
    check.range("target_weight", f.targetWeight, 2, 300, "kg");
    check.range("height", f.height, 50, 250, "cm");
    check.range("temperature", f.temperature, 34, 43, "°C");
    check.range("fasting_glucose", f.fastingGlucose, 0.5, 50, "mmol/L");
    check.range("hba1c", f.hba1c, 3, 20, "%");
    check.range("missed_doses", f.missedDoses, 0, 200, "");
    if (f.hba1cDate) check.lifeDate("hba1c_date", f.hba1cDate, c.birthDate);

    const bool hypertensionOrDiabetes = p == Programme::Hypertension || p == Programme::Diabetes;
    if (faceToFace(f.mode) && hypertensionOrDiabetes) {
        if (p == Programme::Hypertension && !f.systolic && !f.diastolic)
            check.add("systolic", tr("Required at a face-to-face visit"));
        // chronic.md: overweight patients are weighed every visit, the others once a year.
        if (!f.weight && f.visitDate && chronic::weightRequired(c.lastBmi, c.lastWeighed, *f.visitDate))
            check.add("weight", c.lastBmi && *c.lastBmi >= chronic::kOverweightBmi
                                    ? tr("Required: an overweight patient is weighed at every visit")
                                    : tr("Required: weigh the patient once a year"));
    }
    if (hypertensionOrDiabetes) {
        check.codes("symptoms", symptomList(p), f.symptoms, true);
        if (std::find(f.symptoms.begin(), f.symptoms.end(), "10") != f.symptoms.end() && f.symptomsOther.empty())
            check.add("symptoms_other", tr("Required when \"Other symptoms\" is ticked"));
        for (const auto& sign : f.urgentSigns) {
            const auto known = std::find_if(chronic::urgentSigns().begin(), chronic::urgentSigns().end(),
                                            [&](const chronic::UrgentSign& s) { return sign == s.code; });
            if (known == chronic::urgentSigns().end() ||
                !(p == Programme::Diabetes ? known->diabetes : known->hypertension))
                check.add("urgent_signs", format(tr("\"{0}\" is not one of the allowed codes"), {sign}));
        }
        checkLifestyle(check, f, p);
        check.code("adherence", "adherence", f.adherence, false);
        if (f.adverseReaction && f.adverseReactionText.empty())
            check.add("adverse_reaction_text", tr("Required: which reaction"));
    }
    if (p == Programme::Diabetes) {
        check.code("hypoglycaemia", "hypoglycaemia", f.hypoglycaemia, false);
        check.code("dorsal_pulse", "dorsal_pulse", f.dorsalPulse, false);
    } else {
        if (!f.hypoglycaemia.empty()) check.add("hypoglycaemia", tr("Not an item of this form"));
        if (!f.dorsalPulse.empty()) check.add("dorsal_pulse", tr("Not an item of this form"));
    }
    if (p == Programme::MentalIllness) {
        check.range("danger", f.danger, 0, 5, "");
        if (f.mode != "lost" && f.mode != "dead" && !f.danger)
            check.add("danger", tr("Required: the danger grade 0-5"));
        check.codes("smi_findings", "smi_finding", f.smiFindings, false);
    }
    if (p == Programme::Tuberculosis) {
        check.code("tb_phase", "tb_phase", f.tbPhase, false);
        check.code("tb_supervisor", "tb_supervisor", f.tbSupervisor, false);
    }
    for (std::size_t i = 0; i < f.medicines.size(); ++i) {
        const auto field = "medicines." + std::to_string(i + 1);
        if (trimmed(f.medicines[i].name).empty()) check.add(field, tr("A medicine needs its name"));
        check.length(field.c_str(), f.medicines[i].name, kMaxTextLength);
    }
    check.length("symptoms_other", f.symptomsOther, kMaxTextLength);
    check.length("signs_other", f.signsOther, kMaxTextLength);
    check.length("tests_other", f.testsOther, kMaxTextLength);
    check.length("adverse_reaction_text", f.adverseReactionText, kMaxTextLength);
    check.length("insulin", f.insulin, kMaxTextLength);
    check.length("referral_reason", f.referralReason, kMaxTextLength);
    check.length("referral_institution", f.referralInstitution, kMaxTextLength);
    check.length("referral_department", f.referralDepartment, kMaxTextLength);
    check.length("lost_reason", f.lostReason, kMaxTextLength);
    check.length("death_cause", f.deathCause, kMaxTextLength);
    return check.take();
}

std::string formFieldLabel(std::string_view field) {
    // Follow-up fields are named by model::followUpFields(); these are the other forms'.
    static const std::pair<const char*, const char*> kLabels[] = {
        {"programme", N_("Programme")}, {"correction_reason", N_("Reason for correction")},
        {"enrolled_on", N_("Enrolled on")}, {"diagnosed_on", N_("Diagnosed on")},
        {"diagnosed_by", N_("Diagnosed by (institution)")}, {"diagnosis", N_("Diagnosis")},
        {"close_reason", N_("Reason for closing")}, {"closed_on", N_("Closed on")},
        {"check_date", N_("Check date")}, {"respiration", N_("Respiration")}, {"waist", N_("Waist")},
        {"to_institution", N_("Referred to")}, {"reason", N_("Main current illness (reason)")},
        {"consent", N_("Consent")}, {"urgency", N_("Urgency")}, {"referred_on", N_("Referred on")},
        {"refuse_reason", N_("Reason for refusal")}, {"cancel_reason", N_("Reason for cancelling")},
        {"return_diagnosis", N_("Diagnosis")}, {"return_outcome", N_("Outcome")}, {"from_phone", N_("Phone")},
    };
    const auto dot = field.find('.');
    const auto group = field.substr(0, dot);
    if (dot != std::string_view::npos) {
        const auto item = field.substr(dot + 1);
        if (group == "lifestyle")
            for (const auto& i : lifestyleItems())
                if (item == i.key || (item.ends_with("_target") && item.substr(0, item.size() - 7) == i.key))
                    return tr(i.label);
        if (group == "self_care")
            for (const auto& i : selfCareItems())
                if (item == i.code) return tr(i.label);
        if (group == "medicines") return tr("Medicines");
        return {};
    }
    if (const auto* f = model::findFollowUpField(field)) return tr(f->label);
    for (const auto& [name, label] : kLabels)
        if (field == name) return tr(label);
    return {};
}

const std::vector<SelfCareItem>& selfCareItems() {
    // 老年人生活自理能力评估表: points of independent / mild / moderate / dependent.
    static const std::vector<SelfCareItem> items{
        {"eating", N_("Eating"), {0, 0, 3, 5}},
        {"grooming", N_("Grooming"), {0, 1, 3, 7}},
        {"dressing", N_("Dressing"), {0, 0, 3, 5}},
        {"toileting", N_("Toileting"), {0, 1, 5, 10}},
        {"moving", N_("Moving about"), {0, 1, 5, 10}},
    };
    return items;
}

std::string selfCareLevel(int total) {
    // groups.md, Elderly: 0-3 可自理, 4-8 轻度依赖, 9-18 中度依赖, ≥ 19 不能自理.
    if (total <= 3) return "independent";
    if (total <= 8) return "mild";
    if (total <= 18) return "moderate";
    return "dependent";
}

std::string selfCareLevelName(const std::string& level) {
    if (level == "independent") return tr("Independent");
    if (level == "mild") return tr("Mild dependence");
    if (level == "moderate") return tr("Moderate dependence");
    if (level == "dependent") return tr("Dependent");
    return level;
}

std::vector<FieldError> validateHealthCheck(model::HealthCheck& h, const FollowUpContext& c) {
    Checker check(c.today);
    if (!h.checkDate) check.add("check_date", tr("Required"));
    check.lifeDate("check_date", h.checkDate, c.birthDate);
    if (!h.selfCare.empty()) {
        for (const auto& [item, points] : h.selfCare) {
            const auto known = std::find_if(selfCareItems().begin(), selfCareItems().end(),
                                            [&](const SelfCareItem& i) { return item == i.code; });
            if (known == selfCareItems().end()) {
                check.add("self_care." + item, tr("Not an item of this form"));
            } else if (std::find(std::begin(known->points), std::end(known->points), points) ==
                       std::end(known->points)) {
                check.add("self_care." + item,
                          format(tr("{0} points is not a level of this item ({1}, {2}, {3} or {4})"),
                                 {std::to_string(points), std::to_string(known->points[0]),
                                  std::to_string(known->points[1]), std::to_string(known->points[2]),
                                  std::to_string(known->points[3])}));
            }
        }
        for (const auto& item : selfCareItems())
            if (!h.selfCare.count(item.code)) check.add(std::string("self_care.") + item.code, tr("Required"));
    }
    checkVitals(check, h.systolic, h.diastolic, h.heartRate);
    check.range("respiration", h.respiration, 5, 60, "/min");
    check.range("temperature", h.temperature, 34, 43, "°C");
    check.range("height", h.height, 50, 250, "cm");
    check.range("weight", h.weight, 2, 300, "kg");
    check.range("waist", h.waist, 30, 200, "cm");
    check.range("fasting_glucose", h.fastingGlucose, 0.5, 50, "mmol/L");
    for (auto& [item, value] : h.items) {
        value = trimmed(value);
        check.length(("items." + item).c_str(), value, kMaxTextLength);
    }
    return check.take();
}

}  // namespace jiayi::rules
