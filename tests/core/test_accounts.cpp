// Accounts and roles (issue 16): the first administrator, sign-in with PBKDF2 hashes,
// lock after five failures with a growing delay, resets, tokens for scripts, and the rights
// table the services ask.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <set>

#include "TestSupport.h"
#include "core/services/Accounts.h"
#include "core/store/AccountRepository.h"
#include "core/util/Password.h"

using namespace jiayi;
using rules::Right;
using rules::Role;

namespace {

struct AccountsFixture : test::DbFixture {
    std::int64_t now = 1'800'000'000'000;
    services::Accounts accounts{*db, [this] { return now; }};
    services::Session admin;

    AccountsFixture() { admin = accounts.createFirstAdministrator({"admin", "王管理", "", "", "Kx7!pass-admin"}); }

    services::NewUser doctor(const std::string& login = "zhangsan") {
        return {login, "张三医生", "village_doctor", "371721101201", "初始密码-123456"};
    }

    SignInError::Why failure(const std::string& login, const std::string& pw) {
        try {
            accounts.signIn(login, pw);
        } catch (const SignInError& e) {
            return e.why;
        }
        BOOST_FAIL("signed in with " + pw);
        return SignInError::Why::Wrong;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(accounts, AccountsFixture)

BOOST_AUTO_TEST_CASE(the_first_administrator_is_created_once) {
    BOOST_TEST(accounts.any());
    BOOST_TEST((admin.role == Role::Administrator));
    BOOST_CHECK_THROW(accounts.createFirstAdministrator({"other", "别人", "", "", "another-password"}), ConflictError);
    const auto session = accounts.signIn("admin", "Kx7!pass-admin");
    BOOST_TEST(session.displayName == "王管理");
}

BOOST_AUTO_TEST_CASE(passwords_are_stored_as_salted_pbkdf2_hashes_only) {
    const auto stored = store::AccountRepository(*db).byLogin("admin")->passwordHash;
    BOOST_TEST(stored.rfind("pbkdf2-sha256$", 0) == 0u);
    BOOST_TEST(password::iterationsOf(stored) >= 600000);
    BOOST_TEST(stored.find("Kx7!pass-admin") == std::string::npos);
    // Two users with one password get different hashes (salted).
    accounts.addUser(admin, doctor("a1"));
    accounts.addUser(admin, doctor("a2"));
    store::AccountRepository repo(*db);
    BOOST_TEST(repo.byLogin("a1")->passwordHash != repo.byLogin("a2")->passwordHash);
    // The database file holds no password in clear.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::ifstream file(dir.file("jiayi.db"), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    BOOST_TEST(!bytes.empty());
    BOOST_TEST(bytes.find("初始密码-123456") == std::string::npos);
    BOOST_TEST(bytes.find("Kx7!pass-admin") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_and_an_unknown_login_get_the_same_refusal) {
    std::string wrong, unknown;
    try {
        accounts.signIn("admin", "not-the-password");
    } catch (const SignInError& e) {
        wrong = e.what();
    }
    try {
        accounts.signIn("nobody", "not-the-password");
    } catch (const SignInError& e) {
        unknown = e.what();
    }
    BOOST_TEST(!wrong.empty());
    BOOST_TEST(wrong == unknown);
}

BOOST_AUTO_TEST_CASE(five_failures_lock_the_login_for_longer_each_time) {
    for (int i = 0; i < 4; ++i) BOOST_TEST((failure("admin", "guess" + std::to_string(i)) == SignInError::Why::Wrong));
    BOOST_TEST((failure("admin", "guess4") == SignInError::Why::Locked));
    // Locked: even the right password is refused, without being checked.
    try {
        accounts.signIn("admin", "Kx7!pass-admin");
        BOOST_FAIL("signed in while locked");
    } catch (const SignInError& e) {
        BOOST_TEST((e.why == SignInError::Why::Locked));
        BOOST_TEST(e.retryAfterSeconds == 30);
    }
    now += 31'000;
    // The next failure locks for twice as long.
    BOOST_TEST((failure("admin", "guess5") == SignInError::Why::Locked));
    try {
        accounts.signIn("admin", "Kx7!pass-admin");
    } catch (const SignInError& e) {
        BOOST_TEST(e.retryAfterSeconds == 60);
    }
    now += 61'000;
    BOOST_TEST(accounts.signIn("admin", "Kx7!pass-admin").login == "admin");
    // A success clears the count.
    BOOST_TEST((failure("admin", "again") == SignInError::Why::Wrong));
}

BOOST_AUTO_TEST_CASE(the_administrator_adds_users_resets_and_disables_them) {
    const auto user = accounts.addUser(admin, doctor());
    BOOST_TEST(user.passwordHash.empty());  // never handed out
    auto session = accounts.signIn("zhangsan", "初始密码-123456");
    BOOST_TEST(session.mustChangePassword);
    BOOST_TEST((session.role == Role::VillageDoctor));
    BOOST_TEST(session.division == "371721101201");
    // A doctor manages no users.
    BOOST_CHECK_THROW(accounts.addUser(session, doctor("lisi")), PermissionError);
    BOOST_CHECK_THROW(accounts.users(session), PermissionError);
    // Changing the password needs the current one.
    BOOST_CHECK_THROW(accounts.changePassword(session, "wrong", "新的密码-abcdef"), ValidationError);
    accounts.changePassword(session, "初始密码-123456", "新的密码-abcdef");
    BOOST_TEST(!accounts.signIn("zhangsan", "新的密码-abcdef").mustChangePassword);
    // Locked out, then reset by the administrator: unlocked, and must change it again.
    for (int i = 0; i < 5; ++i) failure("zhangsan", "x" + std::to_string(i));
    accounts.resetPassword(admin, "zhangsan", "重设密码-7654321");
    BOOST_TEST(accounts.signIn("zhangsan", "重设密码-7654321").mustChangePassword);
    accounts.setDisabled(admin, "zhangsan", true);
    BOOST_TEST((failure("zhangsan", "重设密码-7654321") == SignInError::Why::Disabled));
    BOOST_CHECK_THROW(accounts.setDisabled(admin, "admin", true), ConflictError);
}

BOOST_AUTO_TEST_CASE(bad_users_are_refused_by_field) {
    auto bad = doctor("Zhang San");
    bad.displayName = " ";
    bad.role = "doctor";
    bad.division = "3717";
    bad.password = "short";
    try {
        accounts.addUser(admin, bad);
        BOOST_FAIL("added a bad user");
    } catch (const ValidationError& e) {
        std::set<std::string> fields;
        for (const auto& f : e.errors()) fields.insert(f.field);
        BOOST_TEST((fields == std::set<std::string>{"login", "display_name", "role", "password"}));
    }
    accounts.addUser(admin, doctor());
    BOOST_CHECK_THROW(accounts.addUser(admin, doctor()), ValidationError);  // login taken
    BOOST_TEST(services::Accounts::passwordProblem("zhangsan", "zhangsan").has_value());
    BOOST_TEST(services::Accounts::passwordProblem("x", "aaaaaaaaaa").has_value());
    BOOST_TEST(!services::Accounts::passwordProblem("x", "长城-2026-合格").has_value());
}

BOOST_AUTO_TEST_CASE(tokens_sign_scripts_in_until_revoked) {
    accounts.addUser(admin, doctor());
    const auto token = accounts.createToken(admin, "zhangsan", "每晚导入");
    BOOST_TEST(token.size() == 64u);
    BOOST_TEST(accounts.signInWithToken(token).login == "zhangsan");
    BOOST_CHECK_THROW(accounts.signInWithToken(token + "0"), SignInError);
    BOOST_CHECK_THROW(accounts.signInWithToken(""), SignInError);
    BOOST_TEST(accounts.revokeToken(admin, "每晚导入"));
    BOOST_CHECK_THROW(accounts.signInWithToken(token), SignInError);
}

BOOST_AUTO_TEST_CASE(the_rights_table_keeps_clinical_data_to_clinical_roles) {
    // docs/security.md, "Roles and rights".
    BOOST_TEST(!rules::allows(Role::Administrator, Right::ReadRecords));
    BOOST_TEST(rules::allows(Role::Administrator, Right::ManageUsers));
    BOOST_TEST(rules::allows(Role::Supervisor, Right::ReadRecords));
    BOOST_TEST(rules::allows(Role::Supervisor, Right::ReviewQuality));
    BOOST_TEST(!rules::allows(Role::Supervisor, Right::SignClinical));
    BOOST_TEST(!rules::allows(Role::Supervisor, Right::EditRecords));
    BOOST_TEST(!rules::allows(Role::Nurse, Right::ReadMentalIllness));
    BOOST_TEST(rules::allows(Role::VillageDoctor, Right::ReadMentalIllness));
    for (const auto role : rules::allRoles()) {
        BOOST_TEST((rules::roleFromCode(rules::roleCode(role)) == std::optional<Role>(role)));
        BOOST_TEST(!rules::roleName(role).empty());
        // Only the administrator manages users; nobody else the site.
        BOOST_TEST(rules::allows(role, Right::ManageUsers) == (role == Role::Administrator));
    }
    try {
        services::Session{"", "zhaoliu", "赵六", Role::Supervisor, "", false}.require(Right::SignClinical);
        BOOST_FAIL("a supervisor may sign");
    } catch (const PermissionError& e) {
        BOOST_TEST(std::string(e.what()).find("赵六") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_rights_table_in_the_docs_is_the_code) {
    std::ifstream doc(std::string(JIAYI_SOURCE_DIR) + "/docs/security.md");
    BOOST_REQUIRE(doc);
    std::size_t rows = 0;
    for (std::string line; std::getline(doc, line);) {
        for (const auto right : rules::allRights()) {
            const std::string head = "| " + std::string(rules::rightCode(right)) + " |";
            if (line.rfind(head, 0) != 0) continue;
            ++rows;
            // The cells after the right, one per role in the order of rules::allRoles().
            std::vector<bool> cells;
            std::size_t at = head.size();
            while (at < line.size()) {
                const auto next = line.find('|', at);
                if (next == std::string::npos) break;
                cells.push_back(line.substr(at, next - at).find("✓") != std::string::npos);
                at = next + 1;
            }
            const auto roles = rules::allRoles();
            BOOST_REQUIRE_EQUAL(cells.size(), roles.size());
            for (std::size_t i = 0; i < roles.size(); ++i)
                BOOST_TEST(cells[i] == rules::allows(roles[i], right),
                           rules::rightCode(right) << " / " << rules::roleCode(roles[i]));
        }
    }
    BOOST_TEST(rows == rules::allRights().size());
}

BOOST_AUTO_TEST_SUITE_END()
