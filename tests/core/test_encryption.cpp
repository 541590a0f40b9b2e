// Encryption at rest (issue 16): a site with users is an encrypted database whose key only
// its users' passwords, its script tokens and its recovery code unseal; a copied file, a
// copied WAL, a backup and a key ring reveal no name, ID number or phone; a wrong key and a
// file opened without one fail cleanly.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "TestSupport.h"
#include "core/services/Accounts.h"
#include "core/services/Backups.h"
#include "core/services/SiteAccess.h"
#include "core/store/Backup.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/Crypto.h"

using namespace jiayi;
using services::SiteAccess;
namespace fs = std::filesystem;

namespace {

constexpr const char* kAdminPassword = "Admin-pass-2026";
constexpr const char* kDoctorPassword = "Doctor-pass-2026";

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// What a thief would look for in a file.
void revealsNothing(const fs::path& file) {
    BOOST_TEST_INFO("file " << file.filename().string());
    const auto bytes = contents(file);
    BOOST_TEST(!bytes.empty());
    for (const char* secret : {"张三", "371721196005010016", "13800138000", "SQLite format 3"})
        BOOST_TEST(bytes.find(secret) == std::string::npos, "found " << secret);
}

struct SiteFixture {
    test::TempDir dir;
    fs::path path = dir.file("jiayi.db");
    std::int64_t now = 1'800'000'000'000;
    std::function<std::int64_t()> clock = [this] { return now; };
    std::string recoveryCode;

    SiteFixture() {
        auto created = SiteAccess(path, clock).createFirstAdministrator({"admin", "王管理", "", "", kAdminPassword});
        recoveryCode = created.recoveryCode;
        auto& ws = *created.workstation;
        test::loadTestDivisions(ws.database());
        services::Accounts(ws.database(), clock)
            .addUser(ws.session(), {"doctor", "李医生", "township_doctor", "", kDoctorPassword}, false);
    }

    std::unique_ptr<services::Workstation> doctor() { return SiteAccess(path, clock).signIn("doctor", kDoctorPassword); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(encryption, SiteFixture)

BOOST_AUTO_TEST_CASE(nothing_of_a_resident_is_readable_in_the_files) {
    BOOST_TEST(store::Database::isEncrypted(path));
    {
        auto ws = doctor();
        ws->registry().registerResident(test::registration(test::sampleResident()));
        // While the workstation is open, the WAL holds the newest pages: encrypted too.
        BOOST_REQUIRE(fs::exists(path.string() + "-wal"));
        revealsNothing(path.string() + "-wal");
        BOOST_TEST(store::ResidentRepository(ws->database()).count() == 1u);
    }
    revealsNothing(path);
    revealsNothing(store::KeyRing::fileFor(path));
    BOOST_TEST(contents(store::KeyRing::fileFor(path)).find(kDoctorPassword) == std::string::npos);
    // The search index works on the encrypted database.
    auto ws = doctor();
    BOOST_TEST(ws->registry().find("zs").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_copied_file_opens_neither_without_nor_with_a_wrong_key) {
    fs::copy_file(path, dir.file("stolen.db"));
    BOOST_CHECK_EXCEPTION(store::Database::open(dir.file("stolen.db")), KeyError, [](const KeyError& e) {
        return std::string(e.what()).find("encrypted") != std::string::npos;
    });
    BOOST_CHECK_EXCEPTION(store::Database::open(dir.file("stolen.db"), store::KeyRing::newSiteKey()), KeyError,
                          [](const KeyError& e) { return std::string(e.what()).find("key") != std::string::npos; });
    // Nothing was written to it by the failed attempts: still the same bytes.
    BOOST_TEST(contents(dir.file("stolen.db")) == contents(path));
    // The device's signing key lives inside: unreadable without the site key, so a copy
    // cannot sign a sync request as this clinic.
    BOOST_TEST(contents(path).find("site_id") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(passwords_tokens_and_the_recovery_code_unseal_the_site_key) {
    store::KeyRing ring(path);
    const auto key = ring.unlock("admin", kAdminPassword);
    BOOST_REQUIRE(key);
    BOOST_TEST(key->size() == 32u);
    BOOST_TEST((ring.unlock("doctor", kDoctorPassword) == key));
    BOOST_TEST(!ring.unlock("admin", kDoctorPassword).has_value());
    BOOST_TEST(!ring.unlock("nobody", kAdminPassword).has_value());
    // The recovery code as printed, in lower case, or without its dashes.
    BOOST_TEST((ring.unlockWithRecovery(recoveryCode) == key));
    std::string loose;
    for (char c : recoveryCode)
        if (c != '-') loose.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    BOOST_TEST((ring.unlockWithRecovery(loose) == key));
    BOOST_TEST(!ring.unlockWithRecovery(store::KeyRing::newRecoveryCode()).has_value());
    // A seal moved to another account does not open: the account it is for is bound to it.
    auto text = contents(ring.file());
    const auto at = text.find("\"user\": \"", text.find("\"login\": \"doctor\""));  // keys are sorted
    BOOST_REQUIRE(at != std::string::npos);
    text[at + 12] = text[at + 12] == 'a' ? 'b' : 'a';  // one character of the account id
    std::ofstream(ring.file(), std::ios::binary | std::ios::trunc) << text;
    BOOST_TEST(!ring.unlock("doctor", kDoctorPassword).has_value());
}

BOOST_AUTO_TEST_CASE(five_wrong_passwords_lock_the_login_before_the_database_opens) {
    SiteAccess access(path, clock);
    for (int i = 1; i <= 4; ++i)
        BOOST_CHECK_EXCEPTION(access.signIn("doctor", "wrong-password"), SignInError,
                              [](const SignInError& e) { return e.why == SignInError::Why::Wrong; });
    BOOST_CHECK_EXCEPTION(access.signIn("doctor", "wrong-password"), SignInError,
                          [](const SignInError& e) { return e.why == SignInError::Why::Locked && e.retryAfterSeconds == 30; });
    // Locked: the right password waits too.
    BOOST_CHECK_EXCEPTION(access.signIn("doctor", kDoctorPassword), SignInError,
                          [](const SignInError& e) { return e.why == SignInError::Why::Locked; });
    now += 31'000;
    BOOST_TEST(access.signIn("doctor", kDoctorPassword)->session().login == "doctor");
    BOOST_TEST(store::KeyRing(path).failures("doctor").count == 0);
}

BOOST_AUTO_TEST_CASE(changing_resetting_and_disabling_keep_the_key_ring_in_step) {
    {
        auto ws = doctor();
        services::Accounts(ws->database(), clock).changePassword(ws->session(), kDoctorPassword, "New-doctor-pass-1");
    }
    BOOST_CHECK_THROW(doctor(), SignInError);
    BOOST_TEST(SiteAccess(path, clock).signIn("doctor", "New-doctor-pass-1")->session().login == "doctor");
    {
        auto admin = SiteAccess(path, clock).signIn("admin", kAdminPassword);
        services::Accounts(admin->database(), clock).resetPassword(admin->session(), "doctor", "Reset-pass-2026");
    }
    auto reset = SiteAccess(path, clock).signIn("doctor", "Reset-pass-2026");
    BOOST_TEST(reset->session().mustChangePassword);
    reset.reset();
    {
        auto admin = SiteAccess(path, clock).signIn("admin", kAdminPassword);
        services::Accounts(admin->database(), clock).setDisabled(admin->session(), "doctor", true);
    }
    BOOST_TEST(!store::KeyRing(path).hasLogin("doctor"));
    BOOST_CHECK_THROW(SiteAccess(path, clock).signIn("doctor", "Reset-pass-2026"), SignInError);
}

BOOST_AUTO_TEST_CASE(a_token_opens_the_site_until_it_is_revoked) {
    std::string token;
    {
        auto admin = SiteAccess(path, clock).signIn("admin", kAdminPassword);
        token = services::Accounts(admin->database(), clock).createToken(admin->session(), "doctor", "nightly");
    }
    BOOST_TEST(SiteAccess(path, clock).signInWithToken(token)->session().login == "doctor");
    {
        auto admin = SiteAccess(path, clock).signIn("admin", kAdminPassword);
        BOOST_TEST(services::Accounts(admin->database(), clock).revokeToken(admin->session(), "nightly"));
    }
    BOOST_CHECK_THROW(SiteAccess(path, clock).signInWithToken(token), SignInError);
}

BOOST_AUTO_TEST_CASE(the_recovery_code_gives_the_administrator_a_new_password) {
    SiteAccess access(path, clock);
    BOOST_CHECK_THROW(access.recover(store::KeyRing::newRecoveryCode(), "admin", "Recovered-2026"), SignInError);
    BOOST_CHECK_THROW(access.recover(recoveryCode, "doctor", "Recovered-2026"), NotFoundError);  // not an administrator
    {
        auto ws = access.recover(recoveryCode, "admin", "Recovered-2026");
        BOOST_TEST(ws->session().login == "admin");
        // A new code replaces the old one.
        const auto next = SiteAccess::newRecoveryCode(*ws);
        BOOST_TEST(next != recoveryCode);
        recoveryCode = next;
    }
    BOOST_CHECK_THROW(access.signIn("admin", kAdminPassword), SignInError);
    BOOST_TEST(access.signIn("admin", "Recovered-2026")->session().login == "admin");
    BOOST_TEST(!store::KeyRing(path).unlockWithRecovery("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA").has_value());
    BOOST_TEST(store::KeyRing(path).unlockWithRecovery(recoveryCode).has_value());
}

BOOST_AUTO_TEST_CASE(backups_are_encrypted_and_another_sites_key_is_refused_in_words) {
    {
        auto ws = doctor();
        ws->registry().registerResident(test::registration(test::sampleResident()));
    }
    auto admin = SiteAccess(path, clock).signIn("admin", kAdminPassword);
    services::Backups backups(admin->database(), admin->session());
    fs::create_directories(dir.file("usb"));
    backups.setFolder(dir.file("usb"));
    const auto copy = backups.backupNow();
    BOOST_TEST(store::Database::isEncrypted(copy));
    revealsNothing(copy);
    BOOST_TEST(fs::exists(store::KeyRing::fileFor(copy)));
    BOOST_CHECK_NO_THROW(backups.checkRestorable(copy));
    // The copy with the key its ring unseals: the same site, the resident inside.
    const auto key = store::KeyRing(copy).unlock("doctor", kDoctorPassword);
    BOOST_REQUIRE(key);
    BOOST_TEST(store::ResidentRepository(*store::Database::openReadOnly(copy, *key)).count() == 1u);

    // Another encrypted site's copy: another key.
    SiteFixture other;
    auto otherAdmin = SiteAccess(other.path, other.clock).signIn("admin", kAdminPassword);
    services::Backups otherBackups(otherAdmin->database(), otherAdmin->session());
    fs::create_directories(other.dir.file("usb"));
    const auto foreign = otherBackups.backupNow(other.dir.file("usb"));
    BOOST_CHECK_EXCEPTION(backups.checkRestorable(foreign), ValidationError, [](const ValidationError& e) {
        return e.reason().find("another key") != std::string::npos;
    });
    // A plain copy of this very site (made before encryption) is refused too.
    BOOST_CHECK_EXCEPTION(backups.checkRestorable(dir.file("missing.db")), ValidationError,
                          [](const ValidationError& e) { return e.reason().find("not a Jiayi") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(a_crash_between_key_ring_and_encryption_is_finished_at_sign_in) {
    test::TempDir other;
    const auto plain = other.file("plain.db");
    services::Session admin;
    {
        auto ws = services::Workstation::open(plain, services::Session::bootstrap("admin"));
        admin = services::Accounts(ws->database()).createFirstAdministrator({"admin", "王管理", "", "", kAdminPassword});
    }
    // The ring was written, the file not yet encrypted (what createFirstAdministrator does
    // in that order).
    const auto key = store::KeyRing::newSiteKey();
    store::KeyRing ring(plain);
    ring.create(key, store::KeyRing::newRecoveryCode());
    ring.setPassword(key, admin.userId, "admin", kAdminPassword);
    BOOST_TEST(!store::Database::isEncrypted(plain));
    BOOST_TEST(SiteAccess(plain).needsSignIn());
    BOOST_TEST(SiteAccess(plain).signIn("admin", kAdminPassword)->session().login == "admin");
    BOOST_TEST(store::Database::isEncrypted(plain));
}

BOOST_AUTO_TEST_CASE(a_plain_site_with_users_is_encrypted_by_its_administrator) {
    test::TempDir other;
    const auto plain = other.file("old.db");
    {
        auto ws = services::Workstation::open(plain, services::Session::bootstrap("admin"));
        test::loadTestDivisions(ws->database());
        auto admin = services::Accounts(ws->database()).createFirstAdministrator({"admin", "王管理", "", "", kAdminPassword});
        services::Accounts(ws->database()).addUser(admin, {"doctor", "李医生", "township_doctor", "", kDoctorPassword}, false);
    }
    {
        auto ws = SiteAccess(plain).signIn("doctor", kDoctorPassword);
        ws->registry().registerResident(test::registration(test::sampleResident()));
    }
    BOOST_TEST(contents(plain).find("371721196005010016") != std::string::npos);  // plain before
    BOOST_CHECK_THROW(SiteAccess(plain).encrypt("doctor", kDoctorPassword), PermissionError);
    const auto code = SiteAccess(plain).encrypt("admin", kAdminPassword);
    BOOST_TEST(code.size() == 29u);
    revealsNothing(plain);
    // Users other than the one who encrypted get their seal at their next sign-in on an
    // open site; until then the administrator resets their password.
    BOOST_TEST(SiteAccess(plain).signIn("admin", kAdminPassword)->session().login == "admin");
}

BOOST_AUTO_TEST_SUITE_END()
