// Accounts that replicate (issue 16, migration 14): every write of an account is a change
// that names who made it; two accounts with one login (given offline at two sites) leave
// the login to the earlier and hold the later until an administrator renames it; an
// account's area is written out and managed where it belongs.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/services/Accounts.h"
#include "core/store/AccountRepository.h"
#include "core/store/AuditLog.h"
#include "core/store/Migrations.h"
#include "core/store/Site.h"
#include "core/util/Password.h"

using namespace jiayi;

namespace {

struct ReplicationFixture : test::DbFixture {
    services::Accounts accounts{*db};
    services::Session admin;

    ReplicationFixture() { admin = accounts.createFirstAdministrator({"admin", "王管理", "", "", "Kx7!pass-admin"}); }

    services::NewUser doctor(const std::string& login = "zhangsan", const std::string& division = test::kVillageA) {
        return {login, "张三医生", "village_doctor", division, "初始密码-123456"};
    }

    std::vector<store::ChangeEntry> accountChanges() {
        std::vector<store::ChangeEntry> out;
        for (auto& e : store::changesSince(*db, store::siteId(*db), 0, 1000))
            if (e.table == "user_account") out.push_back(std::move(e));
        return out;
    }

    // An account another site gave: it arrives here as a row of user_account.
    model::UserAccount arrive(const std::string& id, const std::string& login, const std::string& pw,
                              const std::string& division) {
        model::UserAccount u;
        u.id = id;
        u.login = login;
        u.displayName = "东村张三";
        u.division = division;
        u.passwordHash = password::hash(pw);
        u.createdAt = "2026-12-01T08:00:00Z";
        u.createdBy = "admin-east";
        store::Transaction tx(*db);
        store::AccountRepository(*db).insert(u);
        tx.commit();
        return u;
    }

    SignInError::Why refusal(const std::string& login, const std::string& pw, std::string* message = nullptr) {
        try {
            accounts.signIn(login, pw);
        } catch (const SignInError& e) {
            if (message) *message = e.what();
            return e.why;
        }
        BOOST_FAIL("signed in with " + pw);
        return SignInError::Why::Wrong;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(account_replication, ReplicationFixture)

BOOST_AUTO_TEST_CASE(every_account_write_is_a_change_naming_who_made_it_and_failures_and_tokens_stay_local) {
    accounts.addUser(admin, doctor());
    accounts.resetPassword(admin, "zhangsan", "重设密码-7654321");
    const auto session = accounts.signIn("zhangsan", "重设密码-7654321");
    accounts.changePassword(session, "重设密码-7654321", "新的密码-abcdef");
    accounts.setDisabled(admin, "zhangsan", true);
    const auto changes = accountChanges();
    BOOST_REQUIRE_EQUAL(changes.size(), 5u);
    BOOST_TEST(changes[0].op == "insert");  // the first administrator, by themself
    BOOST_TEST(changes[0].user == "admin");
    BOOST_TEST(changes[1].op == "insert");
    BOOST_TEST(changes[1].user == "admin");
    BOOST_TEST(changes[1].fields.find("\"login\":\"zhangsan\"") != std::string::npos);
    BOOST_TEST(changes[1].fields.find("pbkdf2-sha256$") != std::string::npos);  // the hash replicates
    BOOST_TEST(changes[1].fields.find("初始密码") == std::string::npos);          // never the password
    BOOST_TEST(changes[2].user == "admin");  // the reset: a new hash (still to be changed)
    BOOST_TEST(changes[2].fields.find("\"password\":\"pbkdf2-sha256$") != std::string::npos);
    BOOST_TEST(changes[3].user == "zhangsan");  // their own change
    BOOST_TEST(changes[3].fields.find("\"must_change\":0") != std::string::npos);
    BOOST_TEST(changes[4].user == "admin");
    BOOST_TEST(changes[4].fields == "{\"disabled\":1}");
    // Wrong passwords and script tokens are this PC's own: no change.
    accounts.setDisabled(admin, "zhangsan", false);
    const auto before = accountChanges().size();
    try {
        accounts.signIn("zhangsan", "wrong-password");
    } catch (const SignInError&) {
    }
    accounts.createToken(admin, "zhangsan", "nightly");
    BOOST_TEST(accountChanges().size() == before);
    // Each account write is in the audit trail too, and the chain holds.
    std::size_t inserts = 0;
    for (std::int64_t seq = 1; seq <= store::AuditLog(*db).lastSeq(); ++seq) {
        const auto e = store::AuditLog(*db).after(seq - 1, 1).front();
        if (e.table == "user_account" && e.action == "insert") ++inserts;
    }
    BOOST_TEST(inserts == 2u);
    BOOST_TEST(!store::AuditLog(*db).verify().has_value());
}

BOOST_AUTO_TEST_CASE(of_two_accounts_with_one_login_the_earlier_signs_in_and_the_later_waits_for_a_new_login) {
    const auto ours = accounts.addUser(admin, doctor());
    const auto token = accounts.createToken(admin, "zhangsan", "ours");
    // Another site gave "zhangsan" earlier (a smaller UUIDv7 id); its account arrives by sync.
    const auto theirs = arrive("00000000-0000-7000-8000-000000000001", "zhangsan", "东村的密码-123456", test::kVillageB);
    BOOST_TEST(accounts.signIn("zhangsan", "东村的密码-123456").userId == theirs.id);
    std::string message;
    BOOST_TEST((refusal("zhangsan", "初始密码-123456", &message) == SignInError::Why::Held));
    BOOST_TEST(message.find("zhangsan") != std::string::npos);
    BOOST_TEST((refusal("zhangsan", "neither-password") == SignInError::Why::Wrong));
    // A script token of the held account does not sign in either: its writes would carry a
    // login that names someone else.
    try {
        accounts.signInWithToken(token);
        BOOST_FAIL("a held account's token signed in");
    } catch (const SignInError& e) {
        BOOST_TEST((e.why == SignInError::Why::Held));
    }
    for (const auto& u : accounts.users(admin)) {
        if (u.id == ours.id) BOOST_TEST(u.held);
        if (u.id == theirs.id) BOOST_TEST(!u.held);
    }
    BOOST_CHECK_THROW(accounts.addUser(admin, doctor()), ValidationError);  // still taken
    // The administrator gives the held account a new login: it signs in with it.
    BOOST_CHECK_THROW(accounts.renameUser(admin, ours.id, "admin"), ValidationError);
    const auto renamed = accounts.renameUser(admin, ours.id, "zhangsan.west");
    BOOST_TEST(!renamed.held);
    BOOST_TEST(accounts.signIn("zhangsan.west", "初始密码-123456").userId == ours.id);
    BOOST_TEST(accounts.signIn("zhangsan", "东村的密码-123456").userId == theirs.id);
    BOOST_TEST(accountChanges().back().fields == "{\"login\":\"zhangsan.west\"}");
    BOOST_TEST(accountChanges().back().user == "admin");
}

BOOST_AUTO_TEST_CASE(an_account_lies_in_the_site_area_and_is_managed_where_it_belongs) {
    {
        store::Transaction tx(*db);
        store::setSiteMeta(*db, "scope", "371721001000");  // a township site
        tx.commit();
    }
    try {
        accounts.addUser(admin, doctor("far", "371721102201"));
        BOOST_FAIL("an account outside the site's area was added");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.errors().front().field == "division");
    }
    // No area given: the site's, written out (it means the same at every site it reaches).
    const auto staff = accounts.addUser(admin, doctor("lisi", ""));
    BOOST_TEST(store::AccountRepository(*db).byId(staff.id)->division == "371721001");
    // A county's account that reached this township is managed at the county.
    arrive("00000000-0000-7000-8000-000000000002", "county", "县里的密码-123456", "371721");
    BOOST_CHECK_THROW(accounts.resetPassword(admin, "county", "重设密码-7654321"), PermissionError);
    BOOST_CHECK_THROW(accounts.setDisabled(admin, "county", true), PermissionError);
    BOOST_CHECK_THROW(accounts.renameUser(admin, "county", "county2"), PermissionError);
    // A village's administrator, signed in at the township, manages the village's accounts only.
    const auto villageAdmin = accounts.addUser(admin, {"admin.west", "西村管理员", "administrator", test::kVillageA,
                                                       "初始密码-123456"});
    const auto westAdmin = accounts.signIn("admin.west", "初始密码-123456");
    BOOST_CHECK_THROW(accounts.resetPassword(westAdmin, "lisi", "重设密码-7654321"), PermissionError);
    BOOST_CHECK_THROW(accounts.createToken(westAdmin, "lisi", "script"), PermissionError);
    BOOST_CHECK_THROW(accounts.addUser(westAdmin, doctor("wangwu", "")), PermissionError);  // the whole township
    accounts.addUser(westAdmin, doctor("wangwu", test::kVillageA));
    accounts.resetPassword(westAdmin, "wangwu", "重设密码-7654321");
    // …but its user may change their own password here.
    const auto county = accounts.signIn("county", "县里的密码-123456");
    accounts.changePassword(county, "县里的密码-123456", "新的县里密码-1");
    BOOST_TEST(accountChanges().back().user == "county");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(account_migration)

BOOST_AUTO_TEST_CASE(migration_14_logs_the_accounts_a_site_already_had_so_that_they_replicate) {
    test::TempDir dir;
    auto db = store::Database::openRaw(dir.file("old.db"));
    store::migrate(*db, 13);
    db->exec("INSERT INTO site_meta(key, value) VALUES('scope', '371721001201')");
    db->exec("INSERT INTO user_account(id, login, display_name, role, division, password, created_at, created_by) "
             "VALUES('01900000-0000-7000-8000-000000000001', 'admin', '王管理', 'administrator', '', 'h1', "
             "'2026-12-01T08:00:00Z', 'admin'), ('01900000-0000-7000-8000-000000000002', 'wangwu', '王五', "
             "'village_doctor', '371721001201', 'h2', '2026-12-01T09:00:00Z', 'admin')");
    db->exec("INSERT INTO api_token(id, hash, name, user_id, created_at) VALUES('t1', 'x', 'nightly', "
             "'01900000-0000-7000-8000-000000000002', '2026-12-02T08:00:00Z')");
    store::migrate(*db);
    BOOST_TEST(db->userVersion() == store::latestSchemaVersion());
    const auto entries = store::changesSince(*db, store::siteId(*db), 0, 10);
    BOOST_REQUIRE_EQUAL(entries.size(), 2u);
    BOOST_TEST(entries[0].table == "user_account");
    BOOST_TEST(entries[0].op == "insert");
    BOOST_TEST(entries[0].user == "admin");
    // The site's whole area, written out.
    BOOST_TEST(entries[0].fields.find("\"division\":\"371721001201\"") != std::string::npos);
    BOOST_TEST(entries[1].fields.find("\"login\":\"wangwu\"") != std::string::npos);
    auto& fv = db->cached("SELECT count(*) FROM user_account WHERE fv IS NULL");
    fv.step();
    BOOST_TEST(fv.integer(0) == 0);
    fv.reset();
    BOOST_TEST(store::AuditLog(*db).count() == 2u);
    BOOST_TEST(!store::AuditLog(*db).verify().has_value());
    BOOST_TEST(store::AccountRepository(*db).tokenUser("x").value_or("") == "01900000-0000-7000-8000-000000000002");
    // A login is no longer unique in the table: another site's account may share it.
    db->exec("INSERT INTO user_account(id, login, display_name, role, division, password, created_at, created_by) "
             "VALUES('01900000-0000-7000-8000-000000000003', 'wangwu', '王五', 'nurse', '371721001202', 'h3', "
             "'2026-12-01T10:00:00Z', 'other')");
    BOOST_TEST(store::AccountRepository(*db).byLogin("wangwu")->id == "01900000-0000-7000-8000-000000000002");
}

BOOST_AUTO_TEST_SUITE_END()
