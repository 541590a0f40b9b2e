// Loading the demo recipe (resources/demo/population.tsv): every tunable figure of
// shared/domain/population.md, read into DemoParams.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "core/demo/DemoPopulation.h"
#include "core/util/Error.h"
#include "core/util/Resources.h"

namespace jiayi::demo {

// ---------------------------------------------------------------------------------------
// Parameter file
// ---------------------------------------------------------------------------------------
namespace {

std::vector<std::string> split(std::string_view text, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(sep, start), text.size());
        if (end > start || sep == '\t') parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

class ParamReader {
public:
    ParamReader(const std::filesystem::path& file, DemoParams& p) : m_file(file), m_p(p) {
        m_scalars = {{"household_size_mean", &p.householdSizeMean},
                     {"sex_ratio", &p.sexRatio},
                     {"births_per_1000", &p.birthsPer1000},
                     {"non_registered_working_age", &p.nonRegisteredWorkingAge},
                     {"nuclear_with_parent", &p.nuclearWithParent},
                     {"female_head_of_couple", &p.femaleHeadOfCouple},
                     {"single_elderly_female", &p.singleElderlyFemale},
                     {"single_adult_male", &p.singleAdultMale},
                     {"village_dominant_share", &p.villageDominantShare},
                     {"village_two_dominant", &p.villageTwoDominant},
                     {"households_per_group", &m_perGroup}};
    }

    void line(std::size_t lineNo, std::string_view text) {
        m_line = lineNo;
        const auto f = split(text, '\t');
        const std::string& key = f[0];
        if (auto it = m_scalars.find(key); it != m_scalars.end()) {
            want(f, 2);
            *it->second = number(f[1]);
            m_seen.insert(key);
        } else if (key == "age_band") {
            m_p.ageBands.push_back(ageRate(f));
        } else if (key == "phone") {
            m_p.phone.push_back(ageRate(f));
        } else if (key == "hypertension") {
            m_p.hypertension.push_back(ageRate(f));
        } else if (key == "diabetes") {
            m_p.diabetes.push_back(ageRate(f));
        } else {
            structured(key, f);
        }
    }

    void finish() {
        m_line = 0;
        for (const auto& [key, target] : m_scalars)
            if (!m_seen.count(key)) fail("missing figure '" + key + "'");
        m_p.householdsPerGroup = static_cast<int>(m_perGroup);
        for (const char* kind : kHouseholdKinds)
            if (!m_p.householdTypes.count(kind))
                fail(std::string("missing household_type '") + kind + "'");
        if (m_p.ageBands.empty() || m_p.surnames.empty() || m_p.givenNames[0].empty() ||
            m_p.givenNames[1].empty() || m_p.nuclearChildren.empty() || m_p.grandchildren.empty() ||
            m_p.otherCounties.empty())
            fail(
                "age_band, surname, given_name (both sexes), children and other_counties "
                "must all be given");
        if (m_p.householdSizeMean <= 1 || m_p.householdsPerGroup < 1 || m_p.sexRatio <= 0)
            fail(
                "household_size_mean must exceed 1, households_per_group and sex_ratio be "
                "positive");
        double listed = 0;
        for (const auto& s : m_p.surnames) listed += s.second;
        if (listed > 100 || (listed < 100 && m_p.rareSurnames.empty()))
            fail("surname shares must stay within 100%, the rest needs surname_rare");
    }

private:
    void structured(const std::string& key, const std::vector<std::string>& f) {
        if (key == "id_other_county") {
            want(f, 3);
            if (f[1] == "registered")
                m_p.otherCountyRegistered = number(f[2]);
            else if (f[1] == "non_registered")
                m_p.otherCountyNonRegistered = number(f[2]);
            else
                fail("id_other_county wants registered or non_registered");
        } else if (key == "other_counties") {
            want(f, 2);
            for (auto& code : split(f[1], ' ')) {
                if (code.size() != 6 || code.find_first_not_of("0123456789") != code.npos)
                    fail("county code '" + code + "' is not 6 digits");
                m_p.otherCounties.push_back(code);
            }
        } else if (key == "household_type") {
            want(f, 3);
            if (std::find(std::begin(kHouseholdKinds), std::end(kHouseholdKinds), f[1]) ==
                std::end(kHouseholdKinds))
                fail("unknown household_type '" + f[1] + "'");
            m_p.householdTypes[f[1]] = number(f[2]);
        } else if (key == "children") {
            if (f.size() < 3) fail("children wants a kind and at least one weight");
            if (f[1] != "nuclear" && f[1] != "grandchildren") fail("unknown children kind");
            auto& weights = f[1] == "nuclear" ? m_p.nuclearChildren : m_p.grandchildren;
            weights.clear();
            for (std::size_t i = 2; i < f.size(); ++i) weights.push_back(number(f[i]));
        } else if (key == "surname") {
            want(f, 3);
            m_p.surnames.emplace_back(f[1], number(f[2]));
        } else if (key == "surname_rare") {
            want(f, 2);
            m_p.rareSurnames = split(f[1], ' ');
        } else if (key == "given_name") {
            want(f, 4);
            const int decade = static_cast<int>(number(f[1]));
            if (f[2] != "1" && f[2] != "2") fail("given_name sex must be 1 or 2");
            auto names = split(f[3], ' ');
            if (names.empty()) fail("given_name without names");
            m_p.givenNames[f[2] == "1" ? 0 : 1][decade] = std::move(names);
        } else {
            fail("unknown key '" + key + "'");
        }
    }

    AgeRate ageRate(const std::vector<std::string>& f) {
        want(f, 4);
        AgeRate r{static_cast<int>(number(f[1])), static_cast<int>(number(f[2])), number(f[3])};
        if (r.from < 0 || r.to > 99 || r.from > r.to || r.percent < 0 || r.percent > 100)
            fail("age range must lie within 0-99 and the percentage within 0-100");
        return r;
    }

    double number(const std::string& text) {
        double value = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0)
            fail("'" + text + "' is not a non-negative number");
        return value;
    }

    void want(const std::vector<std::string>& f, std::size_t n) {
        if (f.size() != n)
            fail("'" + f[0] + "' wants " + std::to_string(n - 1) + " tab-separated values");
    }

    [[noreturn]] void fail(const std::string& what) {
        throw StorageError(m_file.string() + (m_line ? ":" + std::to_string(m_line) : "") + ": " +
                           what);
    }

    const std::filesystem::path& m_file;
    DemoParams& m_p;
    std::map<std::string, double*> m_scalars;
    std::set<std::string> m_seen;
    double m_perGroup = 0;
    std::size_t m_line = 0;
};

}  // namespace

DemoParams loadDemoParams(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StorageError(file.string() + ": cannot open the demo population file");
    DemoParams params;
    ParamReader reader(file, params);
    std::string text;
    for (std::size_t lineNo = 1; std::getline(in, text); ++lineNo) {
        if (!text.empty() && text.back() == '\r') text.pop_back();
        if (text.empty() || text.front() == '#') continue;
        reader.line(lineNo, text);
    }
    reader.finish();
    return params;
}

DemoParams loadDemoParams() {
    return loadDemoParams(resourcePath("demo/population.tsv"));
}
}  // namespace jiayi::demo
