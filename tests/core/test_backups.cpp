// Backups (issue 16): an online copy of this site to a chosen folder, the last 7 daily
// copies kept, and a restore that refuses another site's copy or one changed outside Jiayi.
#include <boost/test/unit_test.hpp>

#include <fstream>

#include "TestSupport.h"
#include "core/services/Backups.h"
#include "core/services/Registry.h"
#include "core/store/Backup.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"

using namespace jiayi;
using services::Session;
namespace fs = std::filesystem;

namespace {

struct BackupFixture : test::DbFixture {
    fs::path usb;
    BackupFixture() {
        usb = dir.file("usb");
        fs::create_directories(usb);
        services::Registry(*db, Session::bootstrap("doctor1")).registerResident(test::registration(test::sampleResident()));
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(backups, BackupFixture)

BOOST_AUTO_TEST_CASE(a_copy_holds_the_site_and_only_the_owner_reads_it) {
    services::Backups backups(*db, test::signedIn(rules::Role::Administrator));
    BOOST_CHECK_THROW(backups.backupNow(), ValidationError);  // no folder chosen yet
    backups.setFolder(usb);
    const auto file = backups.backupNow();
    BOOST_TEST(fs::exists(file));
    BOOST_TEST(!fs::exists(file.string() + ".partial"));
    const auto info = store::inspectBackup(file);
    BOOST_REQUIRE(info.has_value());
    BOOST_TEST(info->siteId == store::siteId(*db));
    BOOST_TEST(info->auditIntact);
    BOOST_TEST(store::ResidentRepository(*store::Database::open(file)).count() == 1u);
    const auto perms = fs::status(file).permissions();
    BOOST_TEST(((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none));
    // Made once a day: a second call today does nothing.
    BOOST_TEST(!backups.backupIfDue().has_value());
    // A doctor does not manage backups.
    BOOST_CHECK_THROW(services::Backups(*db, Session::bootstrap("doctor1")).backupNow(usb), PermissionError);
}

BOOST_AUTO_TEST_CASE(the_last_seven_daily_copies_are_kept) {
    services::Backups backups(*db, test::signedIn(rules::Role::Administrator));
    backups.setFolder(usb);
    const auto prefix = "jiayi-" + store::siteId(*db).substr(0, 8) + "-";
    for (int d = 1; d <= 9; ++d) std::ofstream(usb / (prefix + "202611" + (d < 10 ? "0" : "") + std::to_string(d) + ".db"));
    std::ofstream(usb / "notes.txt") << "other files stay";
    backups.backupNow();
    const auto kept = backups.copies();
    BOOST_TEST(kept.size() == 7u);
    BOOST_TEST(kept.front().filename().string().find("2026110") == std::string::npos);  // today's first
    BOOST_TEST(fs::exists(usb / "notes.txt"));
    BOOST_TEST(!fs::exists(usb / (prefix + "20261101.db")));
}

BOOST_AUTO_TEST_CASE(a_restore_refuses_another_sites_copy_and_a_changed_one) {
    services::Backups backups(*db, test::signedIn(rules::Role::Administrator));
    const auto file = backups.backupNow(usb);
    BOOST_CHECK_NO_THROW(backups.checkRestorable(file));
    // Another site's database.
    test::TempDir other;
    auto foreign = store::Database::open(other.file("other.db"));
    foreign.reset();
    try {
        backups.checkRestorable(other.file("other.db"));
        BOOST_FAIL("restored another site's copy");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.reason().find("another workstation") != std::string::npos, e.reason());
    }
    // Not a database at all.
    std::ofstream(usb / "photo.db") << "not sqlite";
    BOOST_CHECK_THROW(backups.checkRestorable(usb / "photo.db"), ValidationError);
    // A copy whose audit trail was edited.
    {
        auto copy = store::Database::openRaw(file);
        copy->exec("UPDATE audit_log SET user = 'someone' WHERE seq = 1");
    }
    try {
        backups.checkRestorable(file);
        BOOST_FAIL("restored a changed copy");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.reason().find("audit trail") != std::string::npos, e.reason());
    }
}

BOOST_AUTO_TEST_CASE(a_restore_brings_back_the_copy_and_keeps_what_it_replaced) {
    services::Backups backups(*db, test::signedIn(rules::Role::Administrator));
    const auto file = backups.backupNow(usb);
    services::Registry(*db, Session::bootstrap("doctor1")).registerResident(test::registration([] {
        auto r = test::sampleResident();
        r.name = "李四";
        r.idNumber.clear();
        return r;
    }()));
    BOOST_TEST(store::ResidentRepository(*db).count() == 2u);
    const auto path = dir.file("jiayi.db");
    db.reset();
    services::restoreDatabase(path, file);
    BOOST_TEST(store::ResidentRepository(*store::Database::open(path)).count() == 1u);
    BOOST_TEST(store::ResidentRepository(*store::Database::open(path.string() + ".before-restore")).count() == 2u);
}

BOOST_AUTO_TEST_CASE(the_daily_copy_is_made_whoever_signs_in_first) {
    services::Backups(*db, test::signedIn(rules::Role::Administrator)).setFolder(usb);
    const auto made = services::Backups(*db, Session::bootstrap("doctor1")).backupIfDue();
    BOOST_REQUIRE(made.has_value());
    BOOST_TEST(fs::exists(*made));
    BOOST_TEST(!services::Backups(*db, Session::bootstrap("doctor2")).backupIfDue().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
