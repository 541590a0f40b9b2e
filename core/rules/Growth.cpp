#include "core/rules/Growth.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"

namespace jiayi::rules::growth {
namespace {

// One row of a table: its key (month, or cm) and L, M, S.
struct Row {
    double key = 0;
    Lms lms;
};

// A WHO table from resources/growth/ (tab-separated, a header naming the columns); for the
// length/height table, only the rows of `measure` ("length" or "height").
std::vector<Row> loadTable(const std::string& file, const std::string& measure = "") {
    const auto path = resourcePath("growth/" + file);
    std::ifstream in(path);
    if (!in) throw StorageError(format(tr("The growth table {0} cannot be read"), {path.string()}));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::istringstream h(line);
        for (std::string c; std::getline(h, c, '\t');) header.push_back(c);
    }
    auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) throw StorageError(format(tr("The growth table {0} has no column {1}"), {file, name}));
        return static_cast<std::size_t>(it - header.begin());
    };
    const auto l = column("L"), m = column("M"), s = column("S");
    const std::size_t key = header[0] == "Measure" ? 1 : 0;
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::istringstream r(line);
        for (std::string c; std::getline(r, c, '\t');) cells.push_back(c);
        if (cells.size() != header.size()) continue;
        if (key == 1 && cells[0] != measure) continue;
        rows.push_back({std::stod(cells[key]), {std::stod(cells[l]), std::stod(cells[m]), std::stod(cells[s])}});
    }
    if (rows.empty()) throw StorageError(format(tr("The growth table {0} is empty"), {file}));
    return rows;
}

const std::vector<Row>& table(const std::string& name, const std::string& sex, const std::string& measure = "") {
    static std::mutex mutex;
    static std::map<std::string, std::vector<Row>> loaded;
    const auto file = name + (sex == "1" ? "_boys" : "_girls") +
                      (name == "wfl" ? "_0_2" : name == "wfh" ? "_2_5" : "_0_5") + ".tsv";
    std::lock_guard lock(mutex);
    const auto key = file + "/" + measure;
    if (const auto it = loaded.find(key); it != loaded.end()) return it->second;
    return loaded.emplace(key, loadTable(file, measure)).first->second;
}

// L, M and S at `key`, linear between the two rows around it; nullopt outside the table.
std::optional<Lms> interpolate(const std::vector<Row>& rows, double key) {
    if (key < rows.front().key - 1e-9 || key > rows.back().key + 1e-9) return std::nullopt;
    const auto upper = std::lower_bound(rows.begin(), rows.end(), key, [](const Row& r, double k) { return r.key < k; });
    if (upper == rows.end()) return rows.back().lms;
    if (upper == rows.begin() || std::abs(upper->key - key) < 1e-9) return upper->lms;
    const auto& a = *(upper - 1);
    const auto& b = *upper;
    const double t = (key - a.key) / (b.key - a.key);
    return Lms{a.lms.l + t * (b.lms.l - a.lms.l), a.lms.m + t * (b.lms.m - a.lms.m), a.lms.s + t * (b.lms.s - a.lms.s)};
}

bool known(const std::string& sex) { return sex == "1" || sex == "2"; }

}  // namespace

const char* code(Indicator i) {
    switch (i) {
        case Indicator::WeightForAge: return "wfa";
        case Indicator::LengthForAge: return "lhfa";
        case Indicator::WeightForLength: return "wflh";
        case Indicator::HeadForAge: return "hcfa";
    }
    return "";
}

std::string name(Indicator i) {
    switch (i) {
        case Indicator::WeightForAge: return tr("Weight for age");
        case Indicator::LengthForAge: return tr("Length/height for age");
        case Indicator::WeightForLength: return tr("Weight for length/height");
        case Indicator::HeadForAge: return tr("Head circumference for age");
    }
    return {};
}

std::string describe(const std::vector<Assessment>& list) {
    std::string out;
    char z[32];
    for (const auto& a : list) {
        std::snprintf(z, sizeof z, "%.2f", a.z);
        out += (out.empty() ? "" : "; ") + name(a.indicator) + " z " + z + " " + a.label;
    }
    return out;
}

double valueAt(const Lms& lms, double z) {
    if (std::abs(lms.l) < 1e-12) return lms.m * std::exp(lms.s * z);
    return lms.m * std::pow(1 + lms.l * lms.s * z, 1 / lms.l);
}

double zScore(const Lms& lms, double x, bool weightBased) {
    const double z = std::abs(lms.l) < 1e-12 ? std::log(x / lms.m) / lms.s
                                             : (std::pow(x / lms.m, lms.l) - 1) / (lms.l * lms.s);
    if (!weightBased) return z;
    // WHO (2006), "restricted application of the LMS method": beyond ±3 SD the distance
    // between the 2 and 3 SD lines is the unit, since the skewed curve stretches there.
    if (z > 3) {
        const double sd3 = valueAt(lms, 3), sd23 = sd3 - valueAt(lms, 2);
        return 3 + (x - sd3) / sd23;
    }
    if (z < -3) {
        const double sd3 = valueAt(lms, -3), sd23 = valueAt(lms, -2) - sd3;
        return -3 + (x - sd3) / sd23;
    }
    return z;
}

std::optional<Lms> byAge(Indicator i, const std::string& sex, double ageMonths) {
    if (!known(sex) || ageMonths < 0) return std::nullopt;
    switch (i) {
        case Indicator::WeightForAge: return interpolate(table("wfa", sex), ageMonths);
        case Indicator::HeadForAge: return interpolate(table("hcfa", sex), ageMonths);
        case Indicator::LengthForAge:
            // Under 24 months the lying length; from 24 the standing height (WHO).
            return interpolate(table("lhfa", sex, ageMonths < 24 ? "length" : "height"), ageMonths);
        case Indicator::WeightForLength: return std::nullopt;
    }
    return std::nullopt;
}

std::optional<Lms> byLength(const std::string& sex, double lengthCm, double ageMonths) {
    if (!known(sex) || ageMonths < 0 || ageMonths > 60) return std::nullopt;
    return interpolate(table(ageMonths < 24 ? "wfl" : "wfh", sex), lengthCm);
}

double ageInMonths(const Date& birth, const Date& on) { return daysBetween(birth, on) / 30.4375; }

std::vector<Assessment> assess(const std::string& sex, const Date& birth, const Date& on, std::optional<double> weightKg,
                               std::optional<double> lengthCm, std::optional<double> headCm) {
    std::vector<Assessment> out;
    const double age = ageInMonths(birth, on);
    // groups.md / the national child-health norms: below -2 SD is underweight (低体重),
    // stunting (生长迟缓) or wasting (消瘦); above +2 SD weight for length is overweight (超重),
    // above +3 obesity (肥胖).
    auto add = [&](Indicator i, double z) {
        Assessment a{i, z, "normal", tr("Normal")};
        const bool low3 = z < -3, low2 = z < -2, high2 = z > 2, high3 = z > 3;
        switch (i) {
            case Indicator::WeightForAge:
                if (low2) a = {i, z, low3 ? "severe_low" : "low", low3 ? tr("Severely underweight") : tr("Underweight")};
                break;
            case Indicator::LengthForAge:
                if (low2) a = {i, z, low3 ? "severe_low" : "low", low3 ? tr("Severely stunted") : tr("Stunted")};
                break;
            case Indicator::WeightForLength:
                if (low2) a = {i, z, low3 ? "severe_low" : "low", low3 ? tr("Severely wasted") : tr("Wasted")};
                else if (high2) a = {i, z, high3 ? "very_high" : "high", high3 ? tr("Obese") : tr("Overweight")};
                break;
            case Indicator::HeadForAge:
                if (low2) a = {i, z, "low", tr("Head circumference below -2 SD")};
                else if (high2) a = {i, z, "high", tr("Head circumference above +2 SD")};
                break;
        }
        out.push_back(std::move(a));
    };
    if (weightKg && *weightKg > 0)
        if (const auto lms = byAge(Indicator::WeightForAge, sex, age)) add(Indicator::WeightForAge, zScore(*lms, *weightKg, true));
    if (lengthCm && *lengthCm > 0)
        if (const auto lms = byAge(Indicator::LengthForAge, sex, age)) add(Indicator::LengthForAge, zScore(*lms, *lengthCm, false));
    if (weightKg && *weightKg > 0 && lengthCm && *lengthCm > 0)
        if (const auto lms = byLength(sex, *lengthCm, age)) add(Indicator::WeightForLength, zScore(*lms, *weightKg, true));
    if (headCm && *headCm > 0)
        if (const auto lms = byAge(Indicator::HeadForAge, sex, age)) add(Indicator::HeadForAge, zScore(*lms, *headCm, false));
    return out;
}

}  // namespace jiayi::rules::growth
