// Accounts replicate through a real hub over HTTPS (issue 16): a user made at one site signs
// in at another of the township; an account reaches the sites of its area only; one login
// given offline at two sites leaves it to the earlier account and holds the later.
#include <boost/test/unit_test.hpp>

#include <set>

#include "HubFixture.h"
#include "SyncTestSupport.h"
#include "core/services/Accounts.h"
#include "core/store/AccountRepository.h"
#include "sync/HubClient.h"
#include "sync/SyncStore.h"

using namespace jiayi;
using test::Station;

namespace {

constexpr const char* kTownship = "371721001";

SignInError::Why refusal(store::Database& db, const std::string& login, const std::string& pw) {
    try {
        services::Accounts(db).signIn(login, pw);
    } catch (const SignInError& e) {
        return e.why;
    }
    BOOST_FAIL(login + " signed in with " + pw);
    return SignInError::Why::Wrong;
}

// Two villages, their township and a site of another township, each enrolled at `hub`.
struct Township {
    test::TempDir dir;
    testing::HubFixture hub{dir.path()};
    Station west{dir.file("west.db"), "w"}, east{dir.file("east.db"), "e"}, town{dir.file("town.db"), "t"},
        other{dir.file("other.db"), "o"};
    Township() {
        hub.enrol(*west.db, test::kVillageA, "西村卫生室");
        hub.enrol(*east.db, test::kVillageB, "东村卫生室");
        hub.enrol(*town.db, kTownship, "曹城街道卫生院");
        hub.enrol(*other.db, "371721002", "另一个乡镇卫生院");
    }
    void syncAll() {
        for (auto* s : {&west, &east, &town, &other}) s->sync();
        for (auto* s : {&west, &east, &town, &other}) s->sync();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(accounts_through_the_hub, Township)

BOOST_AUTO_TEST_CASE(a_user_made_at_a_village_signs_in_at_the_township_and_a_township_user_at_every_village) {
    services::Accounts westAccounts(*west.db), townAccounts(*town.db);
    const auto westAdmin = westAccounts.createFirstAdministrator({"admin.west", "西村管理员", "", "", "Kx7!pass-west"});
    const auto wangli = westAccounts.addUser(westAdmin, {"wangli", "王丽", "village_doctor", "", "初始密码-123456"});
    const auto townAdmin = townAccounts.createFirstAdministrator({"admin.town", "镇管理员", "", "", "Kx7!pass-town"});
    townAccounts.addUser(townAdmin, {"zhaogang", "赵刚", "township_doctor", "", "初始密码-654321"});
    syncAll();

    // 王丽 signs in at the township hospital with the password given at the west, as a
    // doctor of her village only (her area was written out: no wider at another site).
    const auto atTown = services::Accounts(*town.db).signIn("wangli", "初始密码-123456");
    BOOST_TEST(atTown.userId == wangli.id);
    BOOST_TEST(atTown.displayName == "王丽");
    BOOST_TEST(atTown.division == test::kVillageA);
    BOOST_TEST(atTown.mustChangePassword);
    // The township's doctor signs in at both villages, for the whole township.
    BOOST_TEST(services::Accounts(*west.db).signIn("zhaogang", "初始密码-654321").division == kTownship);
    BOOST_TEST(services::Accounts(*east.db).signIn("zhaogang", "初始密码-654321").division == kTownship);
    // A village's accounts stay in its township's area: not at the other village, nothing
    // of this township at another township's site.
    BOOST_TEST(!store::AccountRepository(*east.db).byLogin("wangli"));
    BOOST_TEST(!store::AccountRepository(*east.db).byLogin("admin.west"));
    BOOST_TEST(store::AccountRepository(*other.db).count() == 0u);

    // Her own new password, set at the township, is hers at the west after sync; failed
    // sign-ins are counted per PC (five at the township do not lock her at the west).
    services::Accounts(*town.db).changePassword(atTown, "初始密码-123456", "新的密码-abcdef");
    for (int i = 0; i < 5; ++i) refusal(*town.db, "wangli", "wrong-" + std::to_string(i));
    BOOST_TEST((refusal(*town.db, "wangli", "新的密码-abcdef") == SignInError::Why::Locked));
    syncAll();
    BOOST_TEST(!services::Accounts(*west.db).signIn("wangli", "新的密码-abcdef").mustChangePassword);
    BOOST_TEST((refusal(*west.db, "wangli", "初始密码-123456") == SignInError::Why::Wrong));
    BOOST_TEST(sync::SyncStore(*west.db).openConflicts().empty());

    // The township doctor changes their own password at the east's PC: the hub takes it
    // (an account of a wider area than the device's, its user's own password).
    const auto atEast = services::Accounts(*east.db).signIn("zhaogang", "初始密码-654321");
    services::Accounts(*east.db).changePassword(atEast, "初始密码-654321", "东村改的密码-1");
    syncAll();
    BOOST_TEST(services::Accounts(*town.db).signIn("zhaogang", "东村改的密码-1").division == kTownship);

    // Anything else about that account is not the east's to send: the hub refuses the batch.
    const auto zhaogang = store::AccountRepository(*east.db).byLogin("zhaogang");
    {
        store::Transaction tx(*east.db);
        store::AccountRepository(*east.db).setDisabled(zhaogang->id, true, "admin.east");
        tx.commit();
    }
    try {
        east.sync();
        BOOST_FAIL("a village PC disabled a township account at the hub");
    } catch (const sync::SyncError& e) {
        BOOST_TEST(e.code == "out_of_scope");
    }
    town.sync();
    BOOST_TEST(!store::AccountRepository(*town.db).byLogin("zhaogang")->disabled);
}

BOOST_AUTO_TEST_CASE(one_login_given_offline_at_two_sites_stays_with_the_earlier_account_until_the_later_is_renamed) {
    services::Accounts westAccounts(*west.db), townAccounts(*town.db);
    const auto westAdmin = westAccounts.createFirstAdministrator({"admin.west", "西村管理员", "", "", "Kx7!pass-west"});
    const auto townAdmin = townAccounts.createFirstAdministrator({"admin.town", "镇管理员", "", "", "Kx7!pass-town"});
    // Both offline: the west gives "wangli" first, the township the same login a moment later.
    const auto first = westAccounts.addUser(westAdmin, {"wangli", "王丽", "village_doctor", "", "西村密码-123456"});
    const auto later = townAccounts.addUser(townAdmin, {"wangli", "王力", "township_doctor", "", "镇上密码-654321"});
    BOOST_REQUIRE(first.id < later.id);
    syncAll();

    // Where both accounts are, the earlier has the login and the later is held, in words.
    for (auto* site : {&west, &town}) {
        BOOST_TEST(services::Accounts(*site->db).signIn("wangli", "西村密码-123456").userId == first.id);
        BOOST_TEST((refusal(*site->db, "wangli", "镇上密码-654321") == SignInError::Why::Held));
        const auto held = store::AccountRepository(*site->db).heldWithLogin("wangli");
        BOOST_REQUIRE_EQUAL(held.size(), 1u);
        BOOST_TEST(held.front().id == later.id);
    }
    // The hub keeps both: nothing was refused, nothing lost.
    std::set<std::string> atHub;
    for (const auto& row : hub.store().rows("user_account", "")) atHub.insert(row.id);
    BOOST_TEST((atHub.count(first.id) == 1u && atHub.count(later.id) == 1u));
    if (hub.sqlite()) {
        auto hubDb = store::Database::open(hub.databasePath(), hub.storeKey());
        BOOST_TEST(store::AccountRepository(*hubDb).byLogin("wangli")->id == first.id);
        BOOST_TEST(store::AccountRepository(*hubDb).heldWithLogin("wangli").size() == 1u);
    }
    // The east holds only the township's account (the west's is of another village): no clash there.
    BOOST_TEST(services::Accounts(*east.db).signIn("wangli", "镇上密码-654321").userId == later.id);

    // The township's administrator gives the held account a new login; every site follows.
    townAccounts.renameUser(townAdmin, later.id, "wangli.town");
    syncAll();
    for (auto* site : {&west, &town, &east}) {
        BOOST_TEST(services::Accounts(*site->db).signIn("wangli.town", "镇上密码-654321").userId == later.id);
        BOOST_TEST(store::AccountRepository(*site->db).heldWithLogin("wangli").empty());
    }
    BOOST_TEST(services::Accounts(*west.db).signIn("wangli", "西村密码-123456").userId == first.id);
    BOOST_TEST((refusal(*east.db, "wangli", "镇上密码-654321") == SignInError::Why::Wrong));
}

BOOST_AUTO_TEST_CASE(accounts_made_before_the_site_had_an_area_get_its_area_before_they_replicate) {
    // A site that made its administrator before it knew its area (no scope at installation).
    Station fresh(dir.file("fresh.db"), "f");
    services::Accounts accounts(*fresh.db);
    const auto admin = accounts.createFirstAdministrator({"admin.fresh", "管理员", "", "", "Kx7!pass-fresh"});
    BOOST_TEST(store::AccountRepository(*fresh.db).byId(admin.userId)->division == "");
    hub.enrol(*fresh.db, test::kVillageB, "东村新电脑");
    fresh.sync();
    BOOST_TEST(store::AccountRepository(*fresh.db).byId(admin.userId)->division == test::kVillageB);
    // It reached the township as an account of the east village, not of the whole township.
    town.sync();
    BOOST_TEST(services::Accounts(*town.db).signIn("admin.fresh", "Kx7!pass-fresh").division == test::kVillageB);
    west.sync();
    BOOST_TEST(!store::AccountRepository(*west.db).byLogin("admin.fresh"));
}

BOOST_AUTO_TEST_SUITE_END()
