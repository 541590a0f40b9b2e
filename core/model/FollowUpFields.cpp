#include "core/model/FollowUpFields.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <type_traits>

#include "core/util/I18n.h"

namespace jiayi::model {
namespace {

using F = FollowUp;
using S = FollowUpStore;

std::string trimmedText(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// The items of a list typed with `separator`, trimmed; empty items are dropped unless
// `keepEmpty` (the positions of a medicine's name, times and dose count).
std::vector<std::string> split(std::string_view text, char separator, bool keepEmpty = false) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(separator, start), text.size());
        if (auto item = trimmedText(text.substr(start, end - start)); keepEmpty || !item.empty())
            out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

std::string numberText(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

template <typename N>
std::optional<N> parseNumber(const std::string& text) {
    N value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    if constexpr (std::is_floating_point_v<N>)
        if (!std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

unsigned formBitOf(std::string_view programme) {
    if (programme == "htn") return kHypertensionForm;
    if (programme == "t2d") return kDiabetesForm;
    if (programme == "smi") return kMentalIllnessForm;
    if (programme == "tb") return kTuberculosisForm;
    return 0;
}

const std::vector<FollowUpField>& followUpFields() {
    // chronic.md, "Follow-up form": 高血压/2型糖尿病患者随访服务记录表 (both carry the visit,
    // signs, lifestyle, medication and referral items; glucose, HbA1c, dorsal pulse,
    // hypoglycaemia and insulin are the diabetes form's), 严重精神障碍患者随访服务记录表 (danger
    // grade, findings) and 肺结核患者随访服务记录表 (phase, supervisor, missed doses).
    constexpr unsigned all = kEveryForm, both = kHypertensionDiabetesForms, t2d = kDiabetesForm;
    static const std::vector<FollowUpField> fields{
        {"visit_date", "date", N_("Visit date"), &F::visitDate, nullptr, all, S::Column},
        {"mode", "mode", N_("Follow-up mode"), &F::mode, "follow_up_mode", all, S::Column},
        {"systolic", "sbp", N_("Systolic pressure"), &F::systolic, nullptr, all, S::Column},
        {"diastolic", "dbp", N_("Diastolic pressure"), &F::diastolic, nullptr, all, S::Column},
        {"heart_rate", "hr", N_("Heart rate"), &F::heartRate, nullptr, all, S::Column},
        {"weight", "weight", N_("Weight"), &F::weight, nullptr, all, S::Column},
        {"height", "height", N_("Height"), &F::height, nullptr, all, S::Form},
        {"target_weight", "target-weight", N_("Target weight"), &F::targetWeight, nullptr, all, S::Form},
        {"target_bmi", "target-bmi", N_("Target BMI"), &F::targetBmi, nullptr, all, S::Form},
        {"temperature", "temperature", N_("Temperature"), &F::temperature, nullptr, all, S::Form},
        {"signs_other", "signs-other", N_("Other signs"), &F::signsOther, nullptr, all, S::Form},
        {"symptoms", "symptoms", N_("Symptoms"), &F::symptoms, nullptr, both, S::Form, true},
        {"symptoms_other", "symptoms-other", N_("Other symptoms"), &F::symptomsOther, nullptr, both, S::Form},
        {"urgent_signs", "urgent-signs", N_("Urgent signs"), &F::urgentSigns, nullptr, both, S::Form},
        {"fasting_glucose", "glucose", N_("Fasting glucose"), &F::fastingGlucose, nullptr, t2d, S::Column},
        {"dorsal_pulse", "dorsal-pulse", N_("Dorsal foot pulse"), &F::dorsalPulse, "dorsal_pulse", t2d, S::Form},
        {"hba1c", "hba1c", N_("HbA1c"), &F::hba1c, nullptr, t2d, S::Column},
        {"hba1c_date", "hba1c-date", N_("HbA1c date"), &F::hba1cDate, nullptr, t2d, S::Form},
        {"hypoglycaemia", "hypoglycaemia", N_("Hypoglycaemia"), &F::hypoglycaemia, "hypoglycaemia", t2d, S::Form},
        {"insulin", "insulin", N_("Insulin"), &F::insulin, nullptr, t2d, S::Form},
        {"lifestyle", "lifestyle", N_("Lifestyle guidance"), &F::lifestyle, nullptr, both, S::Form},
        {"tests_other", "tests", N_("Test results"), &F::testsOther, nullptr, all, S::Form},
        {"adherence", "adherence", N_("Medication adherence"), &F::adherence, "adherence", both, S::Form},
        {"adverse_reaction", nullptr, N_("Adverse drug reaction"), &F::adverseReaction, nullptr, all, S::Form},
        {"adverse_reaction_text", "adverse", N_("Adverse reaction"), &F::adverseReactionText, nullptr, all, S::Form},
        {"adverse_hard_to_control", "adverse-hard", N_("Adverse reaction hard to control"),
         &F::adverseReactionHardToControl, nullptr, all, S::Form},
        {"new_or_worse_complication", "complication", N_("New or worse complication"), &F::newOrWorseComplication,
         nullptr, all, S::Form},
        {"pregnant_or_breastfeeding", "pregnant", N_("Pregnant or breastfeeding"), &F::pregnantOrBreastfeeding,
         nullptr, all, S::Form},
        {"cannot_handle", "cannot-handle", N_("Another condition the clinic cannot handle"), &F::cannotHandle,
         nullptr, all, S::Form},
        {"medicines", "medicines", N_("Medicines"), &F::medicines, nullptr, all, S::Form},
        {"danger", "danger", N_("Danger grade"), &F::danger, nullptr, kMentalIllnessForm, S::Column},
        {"smi_findings", "smi-findings", N_("Findings"), &F::smiFindings, "smi_finding", kMentalIllnessForm, S::Form},
        {"tb_phase", "tb-phase", N_("Treatment phase"), &F::tbPhase, "tb_phase", kTuberculosisForm, S::Form},
        {"tb_supervisor", "tb-supervisor", N_("Supervised by"), &F::tbSupervisor, "tb_supervisor",
         kTuberculosisForm, S::Form},
        {"missed_doses", "missed-doses", N_("Missed doses"), &F::missedDoses, nullptr, kTuberculosisForm, S::Form},
        {"classification", "classification", N_("Classification"), &F::classification, nullptr, all, S::Column,
         true},
        {"next_due", "next-visit", N_("Next visit"), &F::chosenNextDue, nullptr, all, S::Input},
        {"referral_reason", "referral-reason", N_("Referral reason"), &F::referralReason, nullptr, all, S::Form},
        {"referral_institution", "referral-institution", N_("Institution"), &F::referralInstitution, nullptr, all,
         S::Form},
        {"referral_department", "referral-department", N_("Department"), &F::referralDepartment, nullptr, all,
         S::Form},
        {"lost_reason", "lost-reason", N_("Why lost"), &F::lostReason, nullptr, all, S::Form},
        {"death_date", "death-date", N_("Date of death"), &F::deathDate, nullptr, all, S::Form},
        {"death_cause", "death-cause", N_("Cause of death"), &F::deathCause, nullptr, all, S::Form},
    };
    return fields;
}

const FollowUpField* findFollowUpField(std::string_view name) {
    for (const auto& f : followUpFields())
        if (name == f.name) return &f;
    return nullptr;
}

std::string followUpFieldText(const FollowUpField& field, const FollowUp& f) {
    return std::visit(
        [&](auto member) -> std::string {
            const auto& v = f.*member;
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) return v;
            else if constexpr (std::is_same_v<T, std::optional<int>>) return v ? std::to_string(*v) : "";
            else if constexpr (std::is_same_v<T, std::optional<double>>) return v ? numberText(*v) : "";
            else if constexpr (std::is_same_v<T, std::optional<Date>>) return v ? formatDate(*v) : "";
            else if constexpr (std::is_same_v<T, bool>) return v ? "1" : "";
            else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                std::string out;
                for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
                return out;
            } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
                std::string out;
                for (const auto& [k, x] : v) out += (out.empty() ? "" : ",") + k + "=" + x;
                return out;
            } else {
                std::string out;
                for (const auto& m : v)
                    out += (out.empty() ? "" : ";") + m.name + "," + m.timesPerDay + "," + m.dosePerTime;
                return out;
            }
        },
        field.member);
}

std::optional<FieldError> setFollowUpFieldText(const FollowUpField& field, FollowUp& f, std::string_view typed) {
    const std::string text = trimmedText(typed);
    std::optional<FieldError> error;
    std::visit(
        [&](auto member) {
            auto& v = f.*member;
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                v = text;
            } else if constexpr (std::is_same_v<T, std::optional<int>>) {
                v = text.empty() ? std::nullopt : parseNumber<int>(text);
                if (!text.empty() && !v) error = FieldError{field.name, tr("Enter a whole number")};
            } else if constexpr (std::is_same_v<T, std::optional<double>>) {
                v = text.empty() ? std::nullopt : parseNumber<double>(text);
                if (!text.empty() && !v) error = FieldError{field.name, tr("Enter a number")};
            } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
                v = parseDate(text);
                if (!text.empty() && !v)
                    error = FieldError{field.name, tr("Enter a real date as YYYY-MM-DD, e.g. 1960-05-01")};
            } else if constexpr (std::is_same_v<T, bool>) {
                v = !text.empty() && text != "0";
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                v = split(text, ',');
            } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
                v.clear();
                for (const auto& item : split(text, ',')) {
                    const auto eq = item.find('=');
                    if (eq == std::string::npos) {
                        error = FieldError{field.name, format(tr("Write each item as key=value, e.g. {0}"), {"smoking=5"})};
                        v.clear();
                        return;
                    }
                    v[trimmedText(item.substr(0, eq))] = trimmedText(item.substr(eq + 1));
                }
            } else {
                v.clear();
                for (const auto& m : split(text, ';')) {
                    const auto parts = split(m, ',', true);
                    v.push_back({parts.size() > 0 ? parts[0] : "", parts.size() > 1 ? parts[1] : "",
                                 parts.size() > 2 ? parts[2] : ""});
                }
            }
        },
        field.member);
    return error;
}

void clearFollowUpField(const FollowUpField& field, FollowUp& f) {
    std::visit([&](auto member) { f.*member = {}; }, field.member);
}

}  // namespace jiayi::model
