// Growth z-scores against the WHO Child Growth Standards (../shared/domain/groups.md,
// "Children 0-6"): every row of every shipped table reproduces WHO's published SD lines, the
// weight-based adjustment beyond ±3 SD, interpolation between months and centimetres, the
// switch from length to height at 24 months, and the assessment's words.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "TestSupport.h"
#include "core/rules/Growth.h"
#include "core/util/Resources.h"

using namespace jiayi;
using namespace jiayi::rules::growth;

namespace {

// The published SD lines of a table, read independently of the code under test.
struct Published {
    std::string measure;
    double key = 0;
    double sd[7] = {};  // -3 … +3
};

std::vector<Published> published(const std::string& file) {
    std::ifstream in(resourcePath("growth/" + file));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::istringstream h(line);
    for (std::string c; std::getline(h, c, '\t');) header.push_back(c);
    const char* names[] = {"SD3neg", "SD2neg", "SD1neg", "SD0", "SD1", "SD2", "SD3"};
    std::vector<Published> out;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::istringstream r(line);
        for (std::string c; std::getline(r, c, '\t');) cells.push_back(c);
        Published p;
        const bool measured = header[0] == "Measure";
        p.measure = measured ? cells[0] : "";
        p.key = std::stod(cells[measured ? 1 : 0]);
        for (int k = 0; k < 7; ++k)
            for (std::size_t c = 0; c < header.size(); ++c)
                if (header[c] == names[k]) p.sd[k] = std::stod(cells[c]);
        out.push_back(p);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(growth)

BOOST_AUTO_TEST_CASE(every_row_reproduces_whos_published_sd_lines) {
    // WHO rounds the SD lines to 0.1: each computed line is within half of that.
    std::size_t rows = 0;
    for (const char* sex : {"1", "2"}) {
        const std::string s = std::string(sex) == "1" ? "boys" : "girls";
        const std::pair<Indicator, std::string> byAgeTables[] = {{Indicator::WeightForAge, "wfa_" + s + "_0_5.tsv"},
                                                                 {Indicator::LengthForAge, "lhfa_" + s + "_0_5.tsv"},
                                                                 {Indicator::HeadForAge, "hcfa_" + s + "_0_5.tsv"}};
        for (const auto& [indicator, file] : byAgeTables)
            for (const auto& p : published(file)) {
                // Month 24 is in both the length and the height rows: from 24 the height.
                if (p.measure == "length" && p.key == 24) continue;
                const auto lms = byAge(indicator, sex, p.key);
                BOOST_REQUIRE(lms);
                for (int k = 0; k < 7; ++k)
                    BOOST_TEST(std::abs(valueAt(*lms, k - 3) - p.sd[k]) <= 0.0501, file << " " << p.key << " SD" << k - 3);
                BOOST_TEST(std::abs(zScore(*lms, lms->m, false)) < 1e-9);
                ++rows;
            }
        for (const auto& [file, age] : {std::pair{"wfl_" + s + "_0_2.tsv", 12.0}, std::pair{"wfh_" + s + "_2_5.tsv", 36.0}})
            for (const auto& p : published(file)) {
                const auto lms = byLength(sex, p.key, age);
                BOOST_REQUIRE(lms);
                for (int k = 0; k < 7; ++k)
                    BOOST_TEST(std::abs(valueAt(*lms, k - 3) - p.sd[k]) <= 0.0501, file << " " << p.key << " SD" << k - 3);
                ++rows;
            }
    }
    BOOST_TEST(rows == 2u * (61 + 61 + 61 + 131 + 111));
}

BOOST_AUTO_TEST_CASE(weight_beyond_three_sd_uses_the_distance_between_the_2_and_3_sd_lines) {
    // A boy at birth: L 0.3487, M 3.3464, S 0.14602 (wfa_boys_0_5, month 0).
    const auto lms = *byAge(Indicator::WeightForAge, "1", 0);
    BOOST_TEST(lms.l == 0.3487);
    const double sd3 = valueAt(lms, 3), sd2 = valueAt(lms, 2);
    BOOST_TEST(std::abs(zScore(lms, sd3 + (sd3 - sd2), true) - 4.0) < 1e-9);
    BOOST_TEST(zScore(lms, sd3 + (sd3 - sd2), false) < 3.95);  // the LMS curve alone says less (3.92)
    const double sdm3 = valueAt(lms, -3), sdm2 = valueAt(lms, -2);
    BOOST_TEST(std::abs(zScore(lms, sdm3 - (sdm2 - sdm3) / 2, true) + 3.5) < 1e-9);
    // Length is not weight-based: no adjustment.
    const auto length = *byAge(Indicator::LengthForAge, "1", 0);
    BOOST_TEST(std::abs(zScore(length, valueAt(length, 4), false) - 4.0) < 1e-9);
}

BOOST_AUTO_TEST_CASE(ages_and_lengths_between_rows_are_interpolated_and_height_starts_at_24_months) {
    const auto m0 = *byAge(Indicator::WeightForAge, "2", 0), m1 = *byAge(Indicator::WeightForAge, "2", 1);
    const auto half = *byAge(Indicator::WeightForAge, "2", 0.5);
    BOOST_TEST(std::abs(half.m - (m0.m + m1.m) / 2) < 1e-9);
    BOOST_TEST(byAge(Indicator::LengthForAge, "1", 24)->m == 87.1161);  // the height row
    BOOST_TEST(byAge(Indicator::LengthForAge, "1", 23.999)->m > 87.7);    // the length row (87.8161)
    const auto at45 = *byLength("1", 45, 6), at455 = *byLength("1", 45.5, 6);
    BOOST_TEST(std::abs(byLength("1", 45.25, 6)->m - (at45.m + at455.m) / 2) < 1e-9);
    BOOST_TEST(!byAge(Indicator::WeightForAge, "9", 6).has_value());   // sex not stated
    BOOST_TEST(!byAge(Indicator::WeightForAge, "1", 61).has_value());   // beyond the standards
    BOOST_TEST(!byLength("1", 44, 6).has_value());                      // below the table
    BOOST_TEST(!byLength("1", 60, 30).has_value());                     // height table starts at 65 cm
}

BOOST_AUTO_TEST_CASE(a_visit_is_assessed_in_words) {
    const auto birth = *parseDate("2025-12-07");
    const auto on = *parseDate("2026-12-07");  // 365 days: 11.99 months
    const double age = ageInMonths(birth, on);
    const auto wfa = *byAge(Indicator::WeightForAge, "2", age);
    const auto lhfa = *byAge(Indicator::LengthForAge, "2", age);
    // A girl at the median length, light for her age and her length.
    const double length = lhfa.m;
    const double weight = valueAt(wfa, -2.5);
    const auto a = assess("2", birth, on, weight, length, std::nullopt);
    BOOST_REQUIRE_EQUAL(a.size(), 3u);
    BOOST_TEST(std::string(code(a[0].indicator)) == "wfa");
    BOOST_TEST(std::abs(a[0].z + 2.5) < 1e-9);
    BOOST_TEST(a[0].level == "low");
    BOOST_TEST(a[0].label == "Underweight");
    BOOST_TEST(std::abs(a[1].z) < 1e-9);
    BOOST_TEST(a[1].level == "normal");
    BOOST_TEST(a[2].z < -3);  // severely wasted: light for her length
    BOOST_TEST(a[2].label == "Severely wasted");
    // Heavy for length: overweight, then obese.
    const auto wfl = *byLength("2", length, age);
    BOOST_TEST(assess("2", birth, on, valueAt(wfl, 2.5), length, std::nullopt)[2].label == "Overweight");
    BOOST_TEST(assess("2", birth, on, valueAt(wfl, 3.5), length, std::nullopt)[2].level == "very_high");
    BOOST_TEST(std::string(code(assess("2", birth, on, std::nullopt, std::nullopt, 40.0).at(0).indicator)) == "hcfa");
}

BOOST_AUTO_TEST_SUITE_END()
