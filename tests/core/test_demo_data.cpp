#include <boost/test/unit_test.hpp>

#include "core/rules/Divisions.h"

#include "TestSupport.h"
#include "core/demo/DemoData.h"
#include "core/services/Workstation.h"
#include "core/store/Site.h"

using namespace jiayi;

namespace {

std::vector<std::string> column(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(demo_data)

BOOST_AUTO_TEST_CASE(demo_township_is_registered_through_the_registry_deterministically) {
    test::TempDir dir;
    auto a = services::Workstation::open(dir.file("a.db"), "demo");
    auto b = services::Workstation::open(dir.file("b.db"), "demo");
    services::DemoOptions options;
    options.residents = 1500;
    options.seed = 7;
    options.chronicYears = 0;  // registration only; deaths at follow-ups close records
    const auto summary = services::createDemoTownship(*a, options);
    services::createDemoTownship(*b, options);

    BOOST_TEST(summary.residents == 1500u);
    BOOST_TEST(a->residentCount() == 1500u);
    BOOST_TEST(summary.townshipCode.substr(0, 6) == "371721");
    // The scope is kept as the prefix of the township's village codes (issue 15, defect 2).
    BOOST_TEST(a->scope() == rules::divisionPrefix(summary.townshipCode));
    BOOST_TEST(a->scope().size() == 9u);
    const auto sql = "SELECT name || id_number FROM resident ORDER BY archive_no";
    BOOST_TEST(column(a->database(), sql) == column(b->database(), sql));
    // Every resident has an archive number of its village and belongs to a household.
    BOOST_TEST(column(a->database(), "SELECT count(DISTINCT archive_no) FROM resident")[0] == "1500");
    BOOST_TEST(column(a->database(), "SELECT count(*) FROM resident "
                                     "WHERE substr(archive_no, 1, 12) != village_code")[0] == "0");
    BOOST_TEST(column(a->database(), "SELECT count(*) FROM household_member "
                                     "WHERE left_on IS NULL")[0] == "1500");
    BOOST_TEST(column(a->database(), "SELECT count(*) FROM household")[0] ==
               std::to_string(summary.households));
    // The chronic-disease flags are in the 既往史 of adults.
    BOOST_TEST(column(a->database(), "SELECT count(*) FROM resident "
                                     "WHERE past_diseases LIKE '%\"code\":\"2\"%'")[0] ==
               std::to_string(summary.hypertension));
    // Every write went through the change log.
    BOOST_TEST(store::changesSince(a->database(), a->siteId(), 0, 100000).size() > 1500u);
    // Searchable at once.
    BOOST_TEST(!a->registry().find("wang").empty());
}

BOOST_AUTO_TEST_CASE(demo_refuses_a_database_that_holds_residents) {
    test::TempDir dir;
    auto ws = services::Workstation::open(dir.file("a.db"), "demo");
    services::DemoOptions options;
    options.residents = 50;
    services::createDemoTownship(*ws, options);
    BOOST_CHECK_THROW(services::createDemoTownship(*ws, options), ConflictError);
    BOOST_TEST(ws->residentCount() == 50u);
}

BOOST_AUTO_TEST_SUITE_END()
