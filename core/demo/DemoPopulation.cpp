#include "core/demo/DemoPopulation.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <unordered_set>

#include "core/rules/Divisions.h"
#include "core/rules/IdNumber.h"
#include "core/util/Error.h"
#include "core/util/Resources.h"

namespace jiayi::demo {

// ---------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------
namespace {

constexpr int kMaxAge = 99;
// Parents are 20-35 years older than their children (brief for the demo data; matches
// rural childbearing ages); spouses: wife up to 5 years younger or 1 year older.
constexpr int kParentGapMin = 20;
constexpr int kParentGapMax = 35;
constexpr int kMarriageAge = 20;
// Adult children still living in their parents' nuclear household are at most this old.
constexpr int kChildAtHomeMax = 30;
// Share of three-generation households whose elder generation is a widowed person.
constexpr double kWidowedElderPercent = 20;
// Share of skipped-generation households with both grandparents.
constexpr double kGrandparentCouplePercent = 65;
// A few ages are always possible even when the pyramid is already full, so a household
// shape never becomes impossible; small enough not to distort the pyramid.
constexpr double kQuotaFloor = 0.01;

// Portable randomness: std::mt19937_64 is specified bit for bit, the standard
// distributions are not, so all draws below are made from its raw output.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}
    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) {
        return std::min(n - 1, static_cast<std::size_t>(unit() * static_cast<double>(n)));
    }
    int between(int lo, int hi) { return lo + static_cast<int>(below(hi - lo + 1)); }
    bool chance(double percent) { return unit() * 100.0 < percent; }
    // Index drawn with probability proportional to weights[i] (all zero → last index).
    std::size_t weighted(const std::vector<double>& weights) {
        double total = 0;
        for (double w : weights) total += w;
        double u = unit() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (u < weights[i]) return i;
            u -= weights[i];
        }
        return weights.size() - 1;
    }
    template <class T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::mt19937_64 m_engine;
};

double rateFor(const std::vector<AgeRate>& rates, int age) {
    for (const auto& r : rates)
        if (age >= r.from && age <= r.to) return r.percent;
    return 0;
}

double expectedCount(const std::vector<double>& weights) {
    double total = 0, sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        total += weights[i];
        sum += weights[i] * static_cast<double>(i + 1);
    }
    return total > 0 ? sum / total : 0;
}

// Share of residents at each single year of age from the 5-year bands (population.md,
// Age), with age 0 set by the birth rate (population.md, Births) and the open top band
// tapering off.
std::vector<double> singleYearShares(const DemoParams& p) {
    std::vector<double> shares(kMaxAge + 1, 0.0);
    int top = 0;
    for (const auto& band : p.ageBands) top = std::max(top, band.to);
    for (const auto& band : p.ageBands) {
        std::vector<double> w(band.to - band.from + 1, 1.0);
        if (band.to == top && w.size() > 5)
            for (std::size_t i = 1; i < w.size(); ++i) w[i] = w[i - 1] * 0.8;
        double share = band.percent / 100.0;
        if (band.from == 0) {
            const double infants = std::min(share, p.birthsPer1000 / 1000.0);
            shares[0] += infants;
            share -= infants;
            w[0] = 0;
        }
        double total = 0;
        for (double x : w) total += x;
        for (std::size_t i = 0; i < w.size(); ++i)
            if (total > 0) shares[band.from + i] += share * w[i] / total;
    }
    return shares;
}

Date anniversary(const Date& today, int years) {
    const std::chrono::year y = today.year() - std::chrono::years{years};
    const Date d{y, today.month(), today.day()};
    return d.ok() ? d
                  : Date{std::chrono::year_month_day_last{y, today.month() / std::chrono::last}};
}

std::string digits(std::uint64_t value, int width) {
    std::string s = std::to_string(value);
    const auto w = static_cast<std::size_t>(width);
    return (s.size() < w ? std::string(w - s.size(), '0') : std::string()) + s;
}

struct Surnames {
    std::vector<std::string> names;
    std::vector<double> weights;  // national shares, percent
};

Surnames nationalSurnames(const DemoParams& p) {
    Surnames s;
    double listed = 0;
    for (const auto& [name, percent] : p.surnames) {
        s.names.push_back(name);
        s.weights.push_back(percent);
        listed += percent;
    }
    const double rare = p.rareSurnames.empty() ? 0
                                               : std::max(0.0, 100 - listed) /
                                                     static_cast<double>(p.rareSurnames.size());
    for (const auto& name : p.rareSurnames) {
        s.names.push_back(name);
        s.weights.push_back(rare);
    }
    return s;
}

// Builds one township household by household; keeps the age pyramid on target by drawing
// every age with weights from the places still open in it (quota sampling).
class TownshipBuilder {
public:
    TownshipBuilder(const DemoParams& p, std::size_t residents, std::uint64_t seed,
                    const Date& today)
        : m_p(p), m_rng(seed), m_today(today), m_national(nationalSurnames(p)) {
        const auto shares = singleYearShares(p);
        double total = 0;
        for (double s : shares) total += s;
        for (int a = 0; a <= kMaxAge; ++a)
            m_target[a] = static_cast<double>(residents) * shares[a] / total;
        m_maleChance = 100.0 * p.sexRatio / (p.sexRatio + 100.0);
        buildKindWeights();
    }

    Random& rng() { return m_rng; }
    const Surnames& national() const { return m_national; }

    void setVillage(const std::string& countyCode, std::vector<std::string> dominant) {
        m_county = countyCode;
        m_dominant = std::move(dominant);
    }

    DemoHousehold household() {
        DemoHousehold h;
        m_members = &h.members;
        m_lineage = lineageSurname();
        switch (m_rng.weighted(m_kindWeights)) {
            case 0:
                singleElderly();
                break;
            case 1:
                singleAdult();
                break;
            case 2:
                couple(58, 95);
                break;
            case 3:
                couple(kMarriageAge + 2, 64);
                break;
            case 4:
                nuclear();
                break;
            case 5:
                threeGeneration();
                break;
            default:
                skippedGeneration();
                break;
        }
        return h;
    }

private:
    // Household kinds in kHouseholdKinds order; the single-person kinds are scaled so
    // that the expected mean size is household_size_mean (population.md, Size).
    void buildKindWeights() {
        const auto& t = m_p.householdTypes;
        const double sizes[] = {
            1,
            1,
            2,
            2,
            2 + expectedCount(m_p.nuclearChildren) + m_p.nuclearWithParent / 100,
            1 + (1 - kWidowedElderPercent / 100) + 2 + expectedCount(m_p.grandchildren),
            1 + kGrandparentCouplePercent / 100 + expectedCount(m_p.grandchildren)};
        double singles = 0, others = 0, otherPeople = 0;
        for (std::size_t i = 0; i < std::size(kHouseholdKinds); ++i) {
            const double w = t.at(kHouseholdKinds[i]);
            m_kindWeights.push_back(w);
            if (sizes[i] == 1)
                singles += w;
            else {
                others += w;
                otherPeople += w * sizes[i];
            }
        }
        const double mu = m_p.householdSizeMean;
        const double wantedSingles = std::max(0.0, (otherPeople - mu * others) / (mu - 1));
        if (singles > 0)
            for (std::size_t i = 0; i < 2; ++i) m_kindWeights[i] *= wantedSingles / singles;
    }

    std::string lineageSurname() {
        if (!m_dominant.empty() && m_rng.chance(m_p.villageDominantShare)) {
            // With two dominant surnames the first takes two thirds (population.md, 同姓村).
            return m_dominant.size() == 1 || m_rng.chance(200.0 / 3) ? m_dominant[0]
                                                                     : m_dominant[1];
        }
        return nationalSurname();
    }
    std::string nationalSurname() { return m_national.names[m_rng.weighted(m_national.weights)]; }

    // Age in [lo, hi] weighted by the places still open in the pyramid; -1 if none.
    int drawAge(int lo, int hi) {
        lo = std::max(lo, 0);
        hi = std::min(hi, kMaxAge);
        if (lo > hi) return -1;
        std::vector<double> w;
        for (int a = lo; a <= hi; ++a)
            w.push_back(std::max(m_target[a] - m_filled[a], 0.0) + kQuotaFloor * m_target[a] +
                        1e-9);
        return lo + static_cast<int>(m_rng.weighted(w));
    }
    int wifeAge(int husband) { return drawAge(std::max(kMarriageAge, husband - 5), husband + 1); }
    int husbandAge(int wife) { return drawAge(std::max(kMarriageAge + 2, wife - 1), wife + 5); }
    // A child of parents aged a and b (b < 0: one parent) living at home up to maxAge.
    int childAge(int a, int b, int maxAge) {
        const int older = std::max(a, b), younger = b < 0 ? a : std::min(a, b);
        return drawAge(older - kParentGapMax, std::min(maxAge, younger - kParentGapMin));
    }
    bool childIsMale() { return m_rng.chance(m_maleChance); }

    void add(int age, bool male, const std::string& surname, const char* relation);
    std::string givenName(int birthYear, bool male);
    std::string idNumber(const Date& birth, bool male, bool registered);
    std::string phoneNumber();

    void singleElderly() {
        const bool female = m_rng.chance(m_p.singleElderlyFemale);
        add(drawAge(60, kMaxAge), !female, female ? nationalSurname() : m_lineage, relation::Self);
    }
    void singleAdult() {
        const bool male = m_rng.chance(m_p.singleAdultMale);
        add(drawAge(kMarriageAge + 2, 64), male, male ? m_lineage : nationalSurname(),
            relation::Self);
    }
    // Adds a married couple, head first; returns {husband age, wife age}.
    std::pair<int, int> addCouple(int husband) {
        const int wife = wifeAge(husband);
        if (m_rng.chance(m_p.femaleHeadOfCouple)) {
            add(wife, false, nationalSurname(), relation::Self);
            add(husband, true, m_lineage, relation::Spouse);
        } else {
            add(husband, true, m_lineage, relation::Self);
            add(wife, false, nationalSurname(), relation::Spouse);
        }
        return {husband, wife};
    }
    void couple(int lo, int hi) { addCouple(drawAge(lo, hi)); }
    void nuclear();
    void threeGeneration();
    void skippedGeneration();
    void addChildren(const std::vector<double>& counts, int a, int b, int maxAge,
                     const char* relationOverride);

    const DemoParams& m_p;
    Random m_rng;
    Date m_today;
    Surnames m_national;
    double m_target[kMaxAge + 1] = {};
    double m_filled[kMaxAge + 1] = {};
    double m_maleChance = 50;
    std::vector<double> m_kindWeights;
    std::string m_county;
    std::vector<std::string> m_dominant;
    std::string m_lineage;
    std::vector<DemoPerson>* m_members = nullptr;
    std::unordered_set<std::string> m_ids, m_phones;
};

void TownshipBuilder::nuclear() {
    const auto [husband, wife] = addCouple(drawAge(kMarriageAge + 5, 59));
    addChildren(m_p.nuclearChildren, husband, wife, kChildAtHomeMax, nullptr);
    if (m_rng.chance(m_p.nuclearWithParent)) {
        // A widowed parent of the husband; mostly his mother, who married in.
        const int age = drawAge(husband + kParentGapMin, husband + kParentGapMax);
        const bool father = m_rng.chance(30);
        if (age >= 0) add(age, father, father ? m_lineage : nationalSurname(), relation::Parent);
    }
}

void TownshipBuilder::threeGeneration() {
    // Elder generation as head (rural custom), a married child with spouse, grandchildren.
    const int elder = drawAge(50, 85);
    int a = elder, b = -1;
    if (m_rng.chance(kWidowedElderPercent)) {
        const bool widow = m_rng.chance(75);
        add(elder, !widow, widow ? nationalSurname() : m_lineage, relation::Self);
    } else {
        std::tie(a, b) = addCouple(elder);
    }
    const int child = childAge(a, b, 60);
    if (child < kMarriageAge + 2) {
        addChildren(m_p.nuclearChildren, a, b, kChildAtHomeMax, nullptr);
        return;
    }
    // Mostly a son whose wife moved in; sometimes a daughter with an in-marrying husband
    // (上门女婿), whose children then carry her family's surname.
    const bool son = m_rng.chance(85);
    const int inLaw = son ? wifeAge(child) : husbandAge(child);
    add(child, son, m_lineage, son ? relation::Son : relation::Daughter);
    if (inLaw >= 0) add(inLaw, !son, nationalSurname(), relation::Other);
    addChildren(m_p.grandchildren, child, inLaw, kChildAtHomeMax, relation::Grandchild);
}

void TownshipBuilder::skippedGeneration() {
    // Grandparents raising grandchildren whose parents work away (留守儿童).
    int a = -1, b = -1;
    if (m_rng.chance(kGrandparentCouplePercent)) {
        std::tie(a, b) = addCouple(drawAge(50, 85));
    } else {
        const bool grandmother = m_rng.chance(70);
        a = drawAge(50, 85);
        add(a, !grandmother, grandmother ? nationalSurname() : m_lineage, relation::Self);
    }
    const int younger = b < 0 ? a : std::min(a, b);
    const std::size_t n = m_rng.weighted(m_p.grandchildren) + 1;
    for (std::size_t i = 0; i < n; ++i) {
        const int age =
            drawAge(std::max(a, b) - 2 * kParentGapMax, std::min(17, younger - 2 * kParentGapMin));
        if (age >= 0) add(age, childIsMale(), m_lineage, relation::Grandchild);
    }
}

void TownshipBuilder::addChildren(const std::vector<double>& counts, int a, int b, int maxAge,
                                  const char* relationOverride) {
    const std::size_t n = m_rng.weighted(counts) + 1;
    for (std::size_t i = 0; i < n; ++i) {
        const int age = childAge(a, b, maxAge);
        if (age < 0) return;
        const bool male = childIsMale();
        add(age, male, m_lineage,
            relationOverride ? relationOverride
            : male           ? relation::Son
                             : relation::Daughter);
    }
}

void TownshipBuilder::add(int age, bool male, const std::string& surname, const char* relation) {
    if (age < 0) return;
    m_filled[age] += 1;
    DemoPerson p;
    // Birth date uniformly among the days that give this age today.
    const auto latest = std::chrono::sys_days{anniversary(m_today, age)};
    const auto earliest =
        std::chrono::sys_days{anniversary(m_today, age + 1)} + std::chrono::days{1};
    const auto span = static_cast<std::size_t>((latest - earliest).count() + 1);
    p.birthDate = Date{earliest + std::chrono::days{static_cast<int>(m_rng.below(span))}};
    p.sex = male ? "1" : "2";
    p.relation = relation;
    for (int attempt = 0; attempt < 5; ++attempt) {
        // Siblings do not share a full name.
        p.name = surname + givenName(static_cast<int>(p.birthDate.year()), male);
        const bool taken = std::any_of(m_members->begin(), m_members->end(),
                                       [&](const DemoPerson& o) { return o.name == p.name; });
        if (!taken) break;
    }
    // population.md, Age: working-age adults living here but registered elsewhere.
    p.registered = !(age >= 18 && age <= 59 && m_rng.chance(m_p.nonRegisteredWorkingAge));
    p.idNumber = idNumber(p.birthDate, male, p.registered);
    if (age >= 18 && m_rng.chance(rateFor(m_p.phone, age))) p.phone = phoneNumber();
    // population.md, Chronic disease: prevalence by age band, adults only.
    p.hypertension = age >= 18 && m_rng.chance(rateFor(m_p.hypertension, age));
    p.diabetes = age >= 18 && m_rng.chance(rateFor(m_p.diabetes, age));
    m_members->push_back(std::move(p));
}

std::string TownshipBuilder::givenName(int birthYear, bool male) {
    // population.md, Given names: typical of the birth decade; outside the listed decades
    // the nearest one.
    const auto& byDecade = m_p.givenNames[male ? 0 : 1];
    auto it = byDecade.upper_bound(birthYear);
    if (it != byDecade.begin()) --it;
    const auto& names = it->second;
    return names[m_rng.below(names.size())];
}

std::string TownshipBuilder::idNumber(const Date& birth, bool male, bool registered) {
    // population.md, ID numbers: the county of first registration, mostly this county.
    std::string county = m_county;
    const double otherPercent =
        registered ? m_p.otherCountyRegistered : m_p.otherCountyNonRegistered;
    if (m_rng.chance(otherPercent)) {
        const auto& other = m_p.otherCounties[m_rng.below(m_p.otherCounties.size())];
        if (other != m_county) county = other;
    }
    const std::string prefix = county + digits(static_cast<int>(birth.year()), 4) +
                               digits(static_cast<unsigned>(birth.month()), 2) +
                               digits(static_cast<unsigned>(birth.day()), 2);
    for (;;) {
        // records.md, Identity: sequence odd for men, even for women; 000 is not issued.
        const int seq = static_cast<int>(m_rng.below(500)) * 2 + (male ? 1 : 0);
        if (seq == 0) continue;
        std::string first17 = prefix + digits(seq, 3);
        if (!m_ids.insert(first17).second) continue;
        return first17 + rules::idCheckCharacter(first17);
    }
}

std::string TownshipBuilder::phoneNumber() {
    // Mobile number prefixes of the three carriers (13x, 15x, 17x, 18x, 19x).
    static const char* const kPrefixes[] = {
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151",
        "152", "153", "155", "156", "157", "158", "159", "173", "176", "177", "178", "180",
        "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199"};
    for (;;) {
        std::string phone = std::string(kPrefixes[m_rng.below(std::size(kPrefixes))]) +
                            digits(m_rng.below(100000000), 8);
        if (m_phones.insert(phone).second) return phone;
    }
}

// One or two dominant surnames per village (population.md, Surnames, 同姓村), picked by
// systematic sampling over the national shares so that across a township the dominant
// surnames follow the national mix instead of piling onto a few by chance.
std::vector<std::vector<std::string>> dominantSurnames(const DemoParams& p,
                                                       const Surnames& national, Random& rng,
                                                       std::size_t villages) {
    std::vector<std::size_t> slotsPerVillage;
    std::size_t slots = 0;
    for (std::size_t v = 0; v < villages; ++v) {
        slotsPerVillage.push_back(rng.chance(p.villageTwoDominant) ? 2 : 1);
        slots += slotsPerVillage.back();
    }
    double total = 0;
    for (double w : national.weights) total += w;
    std::vector<std::string> picks;
    const double offset = rng.unit();
    std::size_t i = 0;
    double cumulative = national.weights[0];
    for (std::size_t k = 0; k < slots; ++k) {
        const double point = (static_cast<double>(k) + offset) / static_cast<double>(slots) * total;
        while (cumulative <= point && i + 1 < national.weights.size())
            cumulative += national.weights[++i];
        picks.push_back(national.names[i]);
    }
    rng.shuffle(picks);
    std::vector<std::vector<std::string>> result(villages);
    std::size_t next = 0;
    for (std::size_t v = 0; v < villages; ++v) {
        for (std::size_t s = 0; s < slotsPerVillage[v]; ++s) {
            if (std::find(result[v].begin(), result[v].end(), picks[next]) == result[v].end())
                result[v].push_back(picks[next]);
            ++next;
        }
    }
    return result;
}

}  // namespace

std::vector<DemoHousehold> generateTownship(const DemoParams& params,
                                            const std::vector<DemoVillage>& villages,
                                            std::size_t residents, std::uint64_t seed,
                                            const Date& today) {
    std::vector<DemoHousehold> households;
    if (villages.empty() || residents == 0) return households;
    TownshipBuilder builder(params, residents, seed, today);
    auto& rng = builder.rng();
    const auto dominant = dominantSurnames(params, builder.national(), rng, villages.size());

    // Villages differ in size (population.md, Size: 800-2,500 residents): relative weights
    // 0.5-1.5, turned into cumulative resident targets that end exactly at `residents`.
    std::vector<double> weight;
    double totalWeight = 0;
    for (std::size_t v = 0; v < villages.size(); ++v) {
        weight.push_back(0.5 + rng.unit());
        totalWeight += weight.back();
    }
    std::size_t people = 0;
    double cumulative = 0;
    for (std::size_t v = 0; v < villages.size(); ++v) {
        cumulative += weight[v];
        const auto target = v + 1 == villages.size()
                                ? residents
                                : static_cast<std::size_t>(std::llround(
                                      static_cast<double>(residents) * cumulative / totalWeight));
        builder.setVillage(villages[v].code.substr(0, 6), dominant[v]);
        const std::string place = rules::shortVillageName(villages[v].name);
        const auto perGroup = static_cast<std::size_t>(params.householdsPerGroup);
        for (std::size_t index = 0; people < target; ++index) {
            DemoHousehold h = builder.household();
            if (h.members.empty()) continue;
            h.villageCode = villages[v].code;
            h.address = place + std::to_string(index / perGroup + 1) + "组" +
                        std::to_string(index % perGroup + 1) + "号";
            people += h.members.size();
            households.push_back(std::move(h));
        }
    }
    // The last household gives up its youngest-generation members beyond the total asked.
    auto& last = households.back().members;
    while (people > residents && last.size() > 1) {
        last.pop_back();
        --people;
    }
    return households;
}

}  // namespace jiayi::demo
