#pragma once
// Child growth against the WHO Child Growth Standards (2006), as ../shared/domain/groups.md
// "Children 0-6" asks: z-scores by the LMS method, z = ((x/M)^L − 1)/(L·S), with WHO's
// adjustment beyond ±3 SD for the weight-based indicators. The LMS tables are WHO's, shipped
// unchanged under resources/growth/ (README.md there: source and terms), loaded once.
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::rules::growth {

enum class Indicator {
    WeightForAge,     // wfa, 0-60 months
    LengthForAge,     // lhfa: length (lying) under 24 months, height (standing) from 24
    WeightForLength,  // wfl 45-110 cm under 24 months, wfh 65-120 cm from 24
    HeadForAge,       // hcfa, 0-60 months
};
const char* code(Indicator i);
std::string name(Indicator i);  // translated

struct Lms {
    double l = 1, m = 0, s = 0;
};

// z of a measurement x; `weightBased` applies WHO's restricted application beyond ±3 SD
// (the distance between the 2 and 3 SD lines extends the scale, instead of the LMS curve).
double zScore(const Lms& lms, double x, bool weightBased);
// The measurement at z (the published SD lines: z = -3 … 3).
double valueAt(const Lms& lms, double z);

// "1" male, "2" female (the record's sex codes); anything else has no table.
// Age in months may be fractional (days / 30.4375): L, M and S are interpolated between the
// months of the table. nullopt outside the table (over 60 months, or a length out of range).
std::optional<Lms> byAge(Indicator i, const std::string& sex, double ageMonths);
// Weight for length (ageMonths < 24) or height (from 24): L, M, S interpolated between the
// table's half centimetres.
std::optional<Lms> byLength(const std::string& sex, double lengthCm, double ageMonths);

double ageInMonths(const Date& birth, const Date& on);

struct Assessment {
    Indicator indicator;
    double z = 0;
    std::string level;  // severe_low, low, normal, high, very_high
    std::string label;  // translated: 低体重, 生长迟缓, 消瘦, 超重, 肥胖 …
};

// The z-scores a visit's measurements give (each that has a table at the child's age):
// weight-for-age, length/height-for-age, weight-for-length/height, head circumference-for-age.
std::vector<Assessment> assess(const std::string& sex, const Date& birth, const Date& on, std::optional<double> weightKg,
                               std::optional<double> lengthCm, std::optional<double> headCm);

// "Weight for age z -0.52 正常; …": the assessments in words, as the CLI and the visit form
// show them.
std::string describe(const std::vector<Assessment>& list);

}  // namespace jiayi::rules::growth
