// Signing in from the command line (issue 16): once a site has users every command signs
// in; `--user` is a login with its password, not free text; scripts use a token.
#include <sqlite3.h>

#include <fstream>

#include "CliSupport.h"
#include "core/store/KeyRing.h"
#include "core/util/Crypto.h"

using jiayi::test::CliFixture;
using jiayi::test::Result;

namespace {

const std::string kAdmin = "LANG=C JIAYI_USER=admin JIAYI_PASSWORD=Admin-pass-2026";

std::string as(const std::string& login, const std::string& password) {
    return "LANG=C JIAYI_USER=" + login + " JIAYI_PASSWORD='" + password + "'";
}

Poco::JSON::Object::Ptr object(const Result& r) {
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
}

struct UsersFixture : CliFixture {
    UsersFixture() { BOOST_REQUIRE_EQUAL(run("init --admin admin --name 王管理", kAdmin).code, 0); }
    // Adds a village doctor; returns the first password the administrator hands over.
    std::string addDoctor(const std::string& login, const std::string& village = "371721101201",
                          const std::string& role = "village_doctor") {
        return object(run("--json user add " + login + " --name 医生" + login + " --role " + role + " --division " +
                              village,
                          kAdmin))
            ->getValue<std::string>("password");
    }
    // The site's database opened with SQLite directly, as someone who knows the
    // administrator's password (and so can unseal the site key) could.
    sqlite3* openDirectly() {
        const auto key = jiayi::store::KeyRing(file("jiayi.db")).unlock("admin", "Admin-pass-2026");
        BOOST_REQUIRE(key);
        sqlite3* raw = nullptr;
        BOOST_REQUIRE(sqlite3_open(file("jiayi.db").c_str(), &raw) == SQLITE_OK);
        const std::string pragma = "PRAGMA key=\"x'" + jiayi::crypto::toHex(*key) + "'\"";
        BOOST_REQUIRE(sqlite3_exec(raw, pragma.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        return raw;
    }
    // A user with their own password (the first one changed).
    std::string ready(const std::string& login, const std::string& village = "371721101201",
                      const std::string& role = "village_doctor") {
        const auto first = addDoctor(login, village, role);
        const std::string own = "Own-pass-" + login;
        BOOST_REQUIRE_EQUAL(run("user passwd", as(login, first) + " JIAYI_NEW_PASSWORD=" + own).code, 0);
        return as(login, own);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(users, UsersFixture)

BOOST_AUTO_TEST_CASE(once_the_site_has_users_every_command_signs_in) {
    // A second first administrator is refused.
    BOOST_TEST(run("init --admin other", "LANG=C JIAYI_PASSWORD=another-pass-1").code != 0);
    // No login: refused, saying how to sign in.
    const auto anonymous = run("villages");
    BOOST_TEST(anonymous.code == 4);
    BOOST_TEST(anonymous.err.find("--user") != std::string::npos);
    // --user is a login and needs its password.
    const auto wrong = run("--user admin villages", "LANG=C JIAYI_PASSWORD=not-it");
    BOOST_TEST(wrong.code == 4);
    BOOST_TEST(wrong.err.find("Wrong login or password") != std::string::npos);
    BOOST_TEST(run("villages", kAdmin).code == 0);
    // The password may come on stdin, keeping it out of the environment and the process list.
    std::ofstream(file("pw.txt")) << "Admin-pass-2026\n";
    const auto piped = run("--user admin --password-stdin villages < '" + file("pw.txt").string() + "'");
    BOOST_TEST(piped.code == 0, piped.err);
}

BOOST_AUTO_TEST_CASE(a_new_user_changes_the_first_password_before_anything_else) {
    const auto first = addDoctor("zhangsan");
    BOOST_TEST(first.size() == 14u);
    const auto blocked = run("villages", as("zhangsan", first));
    BOOST_TEST(blocked.code == 4);
    BOOST_TEST(blocked.err.find("user passwd") != std::string::npos);
    const auto changed = run("user passwd", as("zhangsan", first) + " JIAYI_NEW_PASSWORD=Zhangsan-own-1");
    BOOST_TEST(changed.code == 0, changed.err);
    BOOST_TEST(run("villages", as("zhangsan", first)).code == 4);
    BOOST_TEST(run("villages", as("zhangsan", "Zhangsan-own-1")).code == 0);
    // A doctor manages no users.
    const auto refused = run("user add lisi --name 李四 --role nurse", as("zhangsan", "Zhangsan-own-1"));
    BOOST_TEST(refused.code == 4);
    BOOST_TEST(refused.err.find("may not manage users") != std::string::npos, refused.err);
}

BOOST_AUTO_TEST_CASE(five_wrong_passwords_lock_the_login) {
    for (int i = 1; i <= 5; ++i) {
        const auto r = run("villages", as("admin", "guess-" + std::to_string(i)));
        BOOST_TEST(r.code == 4);
        if (i == 5) BOOST_TEST(r.err.find("locked for 30 s") != std::string::npos, r.err);
    }
    const auto locked = run("villages", kAdmin);
    BOOST_TEST(locked.code == 4);
    BOOST_TEST(locked.err.find("try again in") != std::string::npos, locked.err);
}

BOOST_AUTO_TEST_CASE(a_script_signs_in_with_a_token_until_it_is_revoked) {
    const auto first = addDoctor("zhangsan");
    BOOST_REQUIRE_EQUAL(run("user passwd", as("zhangsan", first) + " JIAYI_NEW_PASSWORD=Zhangsan-own-1").code, 0);
    const auto token = object(run("--json user token zhangsan --name nightly-import", kAdmin))->getValue<std::string>("token");
    BOOST_TEST(token.size() == 64u);
    BOOST_TEST(run("villages", "LANG=C JIAYI_TOKEN=" + token).code == 0);
    BOOST_TEST(run("user revoke-token --name nightly-import", kAdmin).code == 0);
    BOOST_TEST(run("villages", "LANG=C JIAYI_TOKEN=" + token).code == 4);
    // The list shows users, never a password or a hash.
    const auto list = run("--json user list", kAdmin);
    BOOST_TEST(list.out.find("zhangsan") != std::string::npos);
    BOOST_TEST(list.out.find("pbkdf2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(rights_hold_through_the_command_line) {
    // Two villages of 庄寨镇 with their doctors; an administrator and a supervisor.
    const auto west = ready("xicun", "371721101201");
    const auto east = ready("dongcun", "371721101202");
    const auto supervisor = ready("zhikong", "371721101", "supervisor");
    const auto add = [&](const std::string& who, const std::string& village, const std::string& id) {
        return run("--json resident add --name 王五 --sex 1 --birth-date 1960-05-01 --id-number " + id +
                       " --village " + village + " --address 一组",
                   who);
    };
    BOOST_REQUIRE_EQUAL(add(west, "371721101201", "371721196005010016").code, 0);
    // The east's doctor cannot register in the west, nor open the west's resident.
    BOOST_TEST(add(east, "371721101201", "371721196005010091").code == 4);
    const auto peek = run("resident show 371721196005010016", east);
    BOOST_TEST(peek.code == 4);
    BOOST_TEST(peek.err.find("outside their area") != std::string::npos, peek.err);
    BOOST_TEST(run("resident show 371721196005010016", west).code == 0);
    // The supervisor reads, and may not enrol or sign.
    BOOST_TEST(run("resident show 371721196005010016", supervisor).code == 0);
    const auto enrol = run("chronic enrol 371721196005010016 --programme htn --on 2026-01-10", supervisor);
    BOOST_TEST(enrol.code == 4);
    BOOST_TEST(enrol.err.find("may not") != std::string::npos, enrol.err);
    // The administrator manages users and opens no record.
    BOOST_TEST(run("resident show 371721196005010016", kAdmin).code == 4);
}

BOOST_AUTO_TEST_CASE(audit_verify_finds_an_entry_changed_outside_jiayi) {
    const auto west = ready("xicun", "371721101201");
    BOOST_REQUIRE_EQUAL(run("resident add --name 王五 --sex 1 --birth-date 1960-05-01 --id-number 371721196005010016 "
                            "--village 371721101201 --address 一组",
                            west)
                            .code,
                        0);
    const auto intact = run("audit verify", kAdmin);
    BOOST_TEST(intact.code == 0, intact.err);
    BOOST_TEST(intact.out.find("intact") != std::string::npos);
    // A village doctor does not read the trail.
    BOOST_TEST(run("audit verify", west).code == 4);
    // Someone who knows the administrator's password (so can unseal the site key) changes
    // the recorded name of the doctor who wrote entry 1, with SQLite directly.
    sqlite3* raw = openDirectly();
    BOOST_REQUIRE(sqlite3_exec(raw, "UPDATE audit_log SET user = 'someone' WHERE seq = 1", nullptr, nullptr, nullptr) ==
                  SQLITE_OK);
    sqlite3_close(raw);
    const auto broken = run("--json audit verify", kAdmin);
    BOOST_TEST(broken.code == 1);
    const auto o = Poco::JSON::Parser().parse(broken.out).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(!o->getValue<bool>("intact"));
    BOOST_TEST(o->getValue<int>("broken_at") == 1);
}

BOOST_AUTO_TEST_CASE(a_backup_is_restored_here_and_not_at_another_site) {
    const auto usb = file("usb");
    std::filesystem::create_directories(usb);
    const auto made = object(run("--json backup --to '" + usb.string() + "'", kAdmin))->getValue<std::string>("file");
    BOOST_TEST(std::filesystem::exists(made));
    // A doctor does not manage backups.
    BOOST_TEST(run("backup --to '" + usb.string() + "'", ready("xicun")).code == 4);
    // Another site's database is refused in words.
    BOOST_REQUIRE_EQUAL(run("--db '" + file("other.db").string() + "' init").code, 0);
    const auto foreign = run("backup restore '" + file("other.db").string() + "'", kAdmin);
    BOOST_TEST(foreign.code == 1);
    BOOST_TEST(foreign.err.find("another workstation") != std::string::npos, foreign.err);
    const auto restored = run("backup restore '" + made + "'", kAdmin);
    BOOST_TEST(restored.code == 0, restored.err);
    BOOST_TEST(std::filesystem::exists(file("jiayi.db").string() + ".before-restore"));
    BOOST_TEST(run("audit verify", kAdmin).code == 0);
}

BOOST_AUTO_TEST_CASE(an_account_held_by_a_login_given_earlier_elsewhere_is_listed_and_renamed) {
    const auto first = addDoctor("zhangsan");
    // Another site gave "zhangsan" earlier; its account arrived by sync (here: written in).
    sqlite3* raw = openDirectly();
    BOOST_REQUIRE(sqlite3_exec(raw,
                               "INSERT INTO user_account(id, login, display_name, role, division, password, "
                               "created_at, created_by) SELECT '00000000-0000-7000-8000-000000000001', 'zhangsan', "
                               "'东村张三', 'village_doctor', '371721101202', password, created_at, 'admin.east' "
                               "FROM user_account WHERE login = 'admin'",
                               nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    const auto list = run("--json user list", kAdmin);
    BOOST_REQUIRE_EQUAL(list.code, 0);
    const auto users = Poco::JSON::Parser().parse(list.out).extract<Poco::JSON::Array::Ptr>();
    std::string heldId;
    for (std::size_t i = 0; i < users->size(); ++i) {
        const auto u = users->getObject(static_cast<unsigned>(i));
        if (u->getValue<bool>("held")) heldId = u->getValue<std::string>("id");
    }
    BOOST_REQUIRE(!heldId.empty());
    BOOST_TEST(run("user list", kAdmin).out.find("user rename " + heldId) != std::string::npos);
    // Its password no longer signs in as "zhangsan", and says why.
    const auto held = run("villages", as("zhangsan", first));
    BOOST_TEST(held.code == 4);
    BOOST_TEST(held.err.find("also given at another site") != std::string::npos, held.err);
    // The administrator gives it a new login.
    BOOST_TEST(run("user rename " + heldId + " admin", kAdmin).code == 1);  // taken
    const auto renamed = run("user rename " + heldId + " zhangsan.west", kAdmin);
    BOOST_TEST(renamed.code == 0, renamed.err);
    BOOST_TEST(run("user passwd", as("zhangsan.west", first) + " JIAYI_NEW_PASSWORD=Zhangsan-own-1").code == 0);
    BOOST_TEST(run("villages", as("zhangsan.west", "Zhangsan-own-1")).code == 0);
}

BOOST_AUTO_TEST_SUITE_END()

// Encryption at rest from the command line (issue 16): the site made by init --admin is
// encrypted, the recovery code it prints opens it when the passwords are lost, and the demo
// with --users makes a signed-in, encrypted site.
BOOST_AUTO_TEST_SUITE(encrypted_site)

BOOST_FIXTURE_TEST_CASE(the_site_is_encrypted_and_the_recovery_code_opens_it, CliFixture) {
    const auto made = run("--json init --admin admin --name 王管理", kAdmin);
    const auto code = object(made)->getValue<std::string>("recovery_code");
    BOOST_TEST(code.size() == 29u);
    const auto doctor = object(run("--json user add doc --name 李医生 --role township_doctor", kAdmin))
                            ->getValue<std::string>("password");
    BOOST_REQUIRE_EQUAL(run("user passwd", as("doc", doctor) + " JIAYI_NEW_PASSWORD=Doc-own-2026").code, 0);
    BOOST_REQUIRE_EQUAL(run("resident add --name 张三 --sex 1 --birth-date 1960-05-01 --id-number 371721196005010016 "
                            "--phone 13800138000 --village 371721101201 --address 一组",
                            as("doc", "Doc-own-2026"))
                            .code,
                        0);
    std::ifstream in(file("jiayi.db"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(bytes.find("371721196005010016") == std::string::npos);
    BOOST_TEST(bytes.find("SQLite format 3") == std::string::npos);
    // Every password lost: a wrong code is refused, the right one sets the admin's password.
    const auto wrongCode = run("recover --user admin", "LANG=C JIAYI_RECOVERY_CODE=AAAAA-AAAAA-AAAAA-AAAAA-AAAAA "
                                                       "JIAYI_PASSWORD=Recovered-2026");
    BOOST_TEST(wrongCode.code == 4);
    BOOST_TEST(wrongCode.err.find("recovery code") != std::string::npos, wrongCode.err);
    const auto recovered =
        run("recover --user admin", "LANG=C JIAYI_RECOVERY_CODE=" + code + " JIAYI_PASSWORD=Recovered-2026");
    BOOST_TEST(recovered.code == 0, recovered.err);
    BOOST_TEST(run("user list", kAdmin).code == 4);  // the old password no longer opens it
    BOOST_TEST(run("user list", as("admin", "Recovered-2026")).code == 0);
    // The recovery act is in the audit trail, and the trail holds.
    BOOST_TEST(run("audit verify", as("admin", "Recovered-2026")).code == 0);
}

BOOST_FIXTURE_TEST_CASE(the_demo_with_users_is_signed_in_and_encrypted, CliFixture) {
    const auto o = object(run("--json demo --residents 200 --users"));
    const auto users = o->getArray("users");
    BOOST_REQUIRE(users && users->size() >= 3u);
    const auto password = o->getValue<std::string>("password");
    std::string townshipDoctor;
    for (std::size_t i = 0; i < users->size(); ++i)
        if (users->getObject(static_cast<unsigned>(i))->getValue<std::string>("role") == "township_doctor")
            townshipDoctor = users->getObject(static_cast<unsigned>(i))->getValue<std::string>("login");
    BOOST_REQUIRE(!townshipDoctor.empty());
    BOOST_TEST(run("villages").code == 4);  // nobody signed in
    BOOST_TEST(run("villages", as("admin", password)).code == 0);
    BOOST_TEST(run("resident find 张", as("admin", password)).code == 4);  // administrators open no records
    const auto found = run("--json resident find 张", as(townshipDoctor, password));
    BOOST_TEST(found.code == 0, found.err);
    BOOST_TEST(found.out.find("张") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
