// Synthetic township residents against the figures of shared/domain/population.md and the
// identity rules of shared/domain/records.md.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>
#include <set>

#include "core/rules/Divisions.h"
#include "core/rules/IdNumber.h"
#include "core/demo/DemoPopulation.h"
#include "core/util/Error.h"

using namespace jiayi::demo;

namespace {

const jiayi::Date kToday{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{15}};

const DemoParams& params() {
    static const DemoParams p = loadDemoParams();
    return p;
}

// The villages of 韩集镇 (371721105), 曹县: real codes and names from the divisions file.
const std::vector<DemoVillage>& villages() {
    static const std::vector<DemoVillage> list = [] {
        std::vector<DemoVillage> v;
        for (const auto& d : jiayi::rules::loadDivisions())
            if (d.level == jiayi::rules::Division::Level::Village && d.parent == "371721105000")
                v.push_back({d.code, d.name});
        return v;
    }();
    return list;
}

const std::vector<DemoHousehold>& township() {
    static const auto households = generateTownship(params(), villages(), 20000, 42, kToday);
    return households;
}

std::vector<const DemoPerson*> people(const std::vector<DemoHousehold>& households) {
    std::vector<const DemoPerson*> all;
    for (const auto& h : households)
        for (const auto& p : h.members) all.push_back(&p);
    return all;
}

bool samePeople(const std::vector<DemoHousehold>& a, const std::vector<DemoHousehold>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].address != b[i].address || a[i].villageCode != b[i].villageCode ||
            a[i].members.size() != b[i].members.size())
            return false;
        for (std::size_t j = 0; j < a[i].members.size(); ++j) {
            const auto &x = a[i].members[j], &y = b[i].members[j];
            if (x.name != y.name || x.idNumber != y.idNumber || x.phone != y.phone ||
                x.relation != y.relation || x.registered != y.registered ||
                x.hypertension != y.hypertension || x.diabetes != y.diabetes)
                return false;
        }
    }
    return true;
}

double percent(std::size_t part, std::size_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(demo_population)

BOOST_AUTO_TEST_CASE(shipped_parameters_load_with_every_figure) {
    const auto& p = params();
    BOOST_TEST(p.householdSizeMean == 2.62);
    BOOST_TEST(p.sexRatio == 105);
    BOOST_TEST(p.surnames.size() >= 100u);
    BOOST_TEST(p.surnames.front().first == "王");
    double sixtyFive = 0;
    for (const auto& band : p.ageBands)
        if (band.from >= 65) sixtyFive += band.percent;
    BOOST_TEST(sixtyFive == 17.7, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(p.givenNames[0].count(1950) == 1u);
    BOOST_TEST(p.givenNames[1].count(2020) == 1u);
    BOOST_TEST(villages().size() == 32u);
}

BOOST_AUTO_TEST_CASE(bad_parameter_line_is_reported_with_its_line) {
    const auto path = std::filesystem::temp_directory_path() / "jiayi_demo_bad.tsv";
    std::ofstream(path) << "# x\nhousehold_size_mean\t2.62\nsex_ratio\tmany\n";
    BOOST_CHECK_EXCEPTION(loadDemoParams(path), jiayi::StorageError, [](const auto& e) {
        return std::string(e.what()).find("jiayi_demo_bad.tsv:3") != std::string::npos;
    });
    std::ofstream(path) << "household_size_mean\t2.62\n";
    BOOST_CHECK_EXCEPTION(loadDemoParams(path), jiayi::StorageError, [](const auto& e) {
        return std::string(e.what()).find("missing figure") != std::string::npos;
    });
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(same_seed_gives_identical_output_other_seed_differs) {
    const auto a = generateTownship(params(), villages(), 3000, 7, kToday);
    const auto b = generateTownship(params(), villages(), 3000, 7, kToday);
    const auto c = generateTownship(params(), villages(), 3000, 8, kToday);
    BOOST_TEST(samePeople(a, b));
    BOOST_TEST(!samePeople(a, c));
}

BOOST_AUTO_TEST_CASE(exactly_the_requested_number_of_residents) {
    for (std::size_t n : {1u, 2u, 17u, 999u, 5000u}) {
        const auto households = generateTownship(params(), villages(), n, 3, kToday);
        BOOST_TEST(people(households).size() == n);
        for (const auto& h : households) BOOST_TEST(!h.members.empty());
    }
    BOOST_TEST(people(township()).size() == 20000u);
    BOOST_TEST(generateTownship(params(), {}, 100, 1, kToday).empty());
}

BOOST_AUTO_TEST_CASE(every_id_number_is_valid_unique_and_agrees_with_sex_and_birth) {
    std::set<std::string> ids;
    std::size_t ownCounty = 0;
    const auto all = people(township());
    for (const auto* p : all) {
        const auto& id = p->idNumber;
        BOOST_REQUIRE(id.size() == 18u);
        BOOST_TEST(jiayi::rules::idCheckCharacter(std::string_view(id).substr(0, 17)) == id[17],
                   id);
        BOOST_TEST(id.substr(6, 8) == jiayi::formatDate(p->birthDate).erase(7, 1).erase(4, 1), id);
        BOOST_TEST(((id[16] - '0') % 2 == 1) == (p->sex == "1"), id);
        BOOST_TEST(ids.insert(id).second, "duplicate " << id);
        ownCounty += id.starts_with("371721");
        const auto info = jiayi::rules::parseIdNumber(id, kToday);
        BOOST_CHECK_NO_THROW(jiayi::rules::checkIdAgreement(info, p->sex, p->birthDate));
        BOOST_TEST((p->birthDate <= kToday));
    }
    BOOST_TEST(percent(ownCounty, all.size()) > 90.0);
    BOOST_TEST(percent(ownCounty, all.size()) < 99.0);
}

BOOST_AUTO_TEST_CASE(phones_are_unique_mobile_numbers_for_adults_only) {
    std::set<std::string> phones;
    std::size_t adults = 0, adultsWithPhone = 0;
    for (const auto* p : people(township())) {
        const bool adult = jiayi::ageOn(p->birthDate, kToday) >= 18;
        adults += adult;
        if (p->phone.empty()) continue;
        BOOST_TEST(adult, p->idNumber);
        ++adultsWithPhone;
        BOOST_TEST(p->phone.size() == 11u);
        BOOST_TEST(p->phone.find_first_not_of("0123456789") == std::string::npos);
        BOOST_TEST(std::string("35789").find(p->phone[1]) != std::string::npos, p->phone);
        BOOST_TEST(p->phone[0] == '1');
        BOOST_TEST(phones.insert(p->phone).second, "duplicate " << p->phone);
    }
    BOOST_TEST(percent(adultsWithPhone, adults) > 80.0);
    BOOST_TEST(percent(adultsWithPhone, adults) < 90.0);
}

BOOST_AUTO_TEST_CASE(households_have_a_real_family_structure) {
    std::set<std::string> addresses;
    for (const auto& h : township()) {
        BOOST_TEST(h.villageCode.starts_with("371721105"));
        BOOST_TEST(addresses.insert(h.address).second, h.address);
        BOOST_TEST(h.address.find("组") != std::string::npos);
        const auto& head = h.members[0];
        BOOST_TEST(head.relation == relation::Self);
        const int headAge = jiayi::ageOn(head.birthDate, kToday);
        BOOST_TEST(headAge >= 18, head.idNumber);
        for (std::size_t i = 1; i < h.members.size(); ++i) {
            const auto& m = h.members[i];
            BOOST_TEST(m.relation != relation::Self);
            const int age = jiayi::ageOn(m.birthDate, kToday);
            if (m.relation == relation::Spouse) {
                BOOST_TEST(m.sex != head.sex, h.address);
                BOOST_TEST(std::abs(age - headAge) <= 6, h.address);
            } else if (m.relation == relation::Son || m.relation == relation::Daughter) {
                BOOST_TEST(headAge - age >= 20, h.address);
                BOOST_TEST(headAge - age <= 36, h.address);
                BOOST_TEST(m.sex == (m.relation == relation::Son ? "1" : "2"));
            } else if (m.relation == relation::Parent) {
                BOOST_TEST(age - headAge >= 20, h.address);
            } else if (m.relation == relation::Grandchild) {
                BOOST_TEST(headAge - age >= 40, h.address);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(figures_of_twenty_thousand_residents_match_population_md) {
    const auto& households = township();
    const auto all = people(households);
    std::size_t old65 = 0, old60 = 0, adults = 0, ht = 0, dm = 0, men = 0, under1 = 0;
    std::size_t nonRegistered = 0;
    std::map<std::string, std::size_t> surnames;
    for (const auto* p : all) {
        const int age = jiayi::ageOn(p->birthDate, kToday);
        old65 += age >= 65;
        old60 += age >= 60;
        under1 += age < 1;
        men += p->sex == "1";
        nonRegistered += !p->registered;
        // All surnames in the parameter file are one character (3 bytes of UTF-8).
        ++surnames[p->name.substr(0, 3)];
        if (age >= 18) {
            ++adults;
            ht += p->hypertension;
            dm += p->diabetes;
        }
    }
    std::vector<std::size_t> counts;
    for (const auto& [name, n] : surnames) counts.push_back(n);
    std::sort(counts.rbegin(), counts.rend());
    std::size_t topFive = 0;
    for (std::size_t i = 0; i < 5 && i < counts.size(); ++i) topFive += counts[i];
    const double meanSize =
        static_cast<double>(all.size()) / static_cast<double>(households.size());
    BOOST_TEST_MESSAGE("20,000 residents, seed 42: 65+ "
                       << percent(old65, all.size()) << "%, 60+ " << percent(old60, all.size())
                       << "%, hypertension " << percent(ht, adults) << "% of adults, diabetes "
                       << percent(dm, adults) << "%, top-5 surnames "
                       << percent(topFive, all.size()) << "%, mean household " << meanSize
                       << ", men per 100 women "
                       << 100.0 * static_cast<double>(men) / static_cast<double>(all.size() - men)
                       << ", under 1: " << under1 << ", 非户籍 " << nonRegistered);
    BOOST_TEST(std::abs(percent(old65, all.size()) - 17.7) <= 2.0);
    BOOST_TEST(std::abs(percent(old60, all.size()) - 23.8) <= 2.5);
    BOOST_TEST(percent(ht, adults) >= 24.0);
    BOOST_TEST(percent(ht, adults) <= 31.0);
    BOOST_TEST(percent(dm, adults) >= 8.0);
    BOOST_TEST(percent(dm, adults) <= 14.0);
    BOOST_TEST(percent(topFive, all.size()) >= 25.0);
    BOOST_TEST(percent(topFive, all.size()) <= 35.0);
    BOOST_TEST(meanSize >= 2.4);
    BOOST_TEST(meanSize <= 2.9);
    // population.md, Births: 7-8 per 1,000 a year → about 150 infants in 20,000.
    BOOST_TEST(under1 >= 110u);
    BOOST_TEST(under1 <= 190u);
}

BOOST_AUTO_TEST_CASE(short_village_names_for_addresses) {
    BOOST_TEST(jiayi::rules::shortVillageName("马山庄村民委员会") == "马山庄村");
    BOOST_TEST(jiayi::rules::shortVillageName("南关居民委员会") == "南关社区");
    BOOST_TEST(jiayi::rules::shortVillageName("多福巷社区居委会") == "多福巷社区");
    BOOST_TEST(jiayi::rules::shortVillageName("某某村委会") == "某某村");
    BOOST_TEST(jiayi::rules::shortVillageName("生活区") == "生活区");
}

BOOST_AUTO_TEST_SUITE_END()
