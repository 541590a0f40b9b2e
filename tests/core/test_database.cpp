#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <filesystem>

#include "TestSupport.h"
#include "core/store/FieldVersions.h"
#include "core/store/Migrations.h"
#include "core/store/ResidentRepository.h"
#include "core/store/SearchIndex.h"
#include "core/store/Site.h"
#include "core/util/Uuid.h"

using namespace jiayi;
using jiayi::test::TempDir;

namespace {

std::int64_t scalar(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    BOOST_REQUIRE(st.step());
    return st.integer(0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database)

BOOST_AUTO_TEST_CASE(new_database_uses_wal_foreign_keys_and_latest_schema) {
    TempDir dir;
    auto db = store::Database::open(dir.file("a.db"));
    BOOST_TEST(db->userVersion() == store::latestSchemaVersion());
    store::Statement mode(*db, "PRAGMA journal_mode");
    BOOST_REQUIRE(mode.step());
    BOOST_TEST(mode.text(0) == "wal");
    BOOST_TEST(scalar(*db, "PRAGMA foreign_keys") == 1);
    BOOST_TEST(store::siteId(*db).size() == 32u);
}

BOOST_AUTO_TEST_CASE(site_id_is_random_per_installation_and_stable_across_opens) {
    TempDir dir;
    std::string first;
    {
        auto db = store::Database::open(dir.file("a.db"));
        first = store::siteId(*db);
    }
    auto again = store::Database::open(dir.file("a.db"));
    auto other = store::Database::open(dir.file("b.db"));
    BOOST_TEST(store::siteId(*again) == first);
    BOOST_TEST(store::siteId(*other) != first);
}

BOOST_AUTO_TEST_CASE(database_from_newer_version_is_refused_with_clear_message) {
    TempDir dir;
    {
        auto db = store::Database::open(dir.file("a.db"));
        db->exec("PRAGMA user_version = 999");
    }
    try {
        store::Database::open(dir.file("a.db"));
        BOOST_FAIL("a newer schema must be refused");
    } catch (const StorageError& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("newer version") != std::string::npos);
        BOOST_TEST(message.find("999") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(each_migration_applies_from_empty_database) {
    for (const auto& m : store::migrations()) {
        TempDir dir;
        auto db = store::Database::openRaw(dir.file("a.db"));
        store::migrate(*db, m.version);
        BOOST_TEST(db->userVersion() == m.version);
    }
}

BOOST_AUTO_TEST_CASE(later_migrations_index_and_version_rows_written_under_version_1) {
    TempDir dir;
    auto db = store::Database::openRaw(dir.file("a.db"));
    store::migrate(*db, 1);
    test::loadTestDivisions(*db);
    // A resident row and its log entries as version 1 wrote them: plain SQL, since today's
    // writer fills columns version 1 did not have.
    auto r = test::sampleResident();
    r.id = newUuidV7();
    r.archiveNo = std::string(test::kVillageA) + "00001";
    r.createdOn = r.updatedOn = parseDate("2020-01-01");
    r.createdSite = store::siteId(*db);
    {
        store::Transaction tx(*db);
        std::string columns = "id", params = "?";
        auto fields = store::ResidentRepository::toFields(r);
        fields.pop_back();  // merged_into came with version 6
        fields.pop_back();  // status_epoch came with version 5
        for (const auto& f : fields) {
            columns += "," + f.first;
            params += ",?";
        }
        store::Statement insert(*db, "INSERT INTO resident(" + columns + ") VALUES(" + params + ")");
        insert.bind(1, r.id);
        for (std::size_t i = 0; i < fields.size(); ++i)
            insert.bind(static_cast<int>(i + 2), fields[i].second);
        insert.run();
        store::Statement log(*db, "INSERT INTO change_log(site, seq, hlc, tbl, row_id, op, fields, user) "
                                  "VALUES(?, ?, ?, 'resident', ?, ?, ?, 'old')");
        log.bindAll(store::siteId(*db), std::int64_t{1}, std::int64_t{1000}, r.id,
                    std::string("insert"), std::string("{}"));
        log.run();
        log.bindAll(store::siteId(*db), std::int64_t{2}, std::int64_t{2000}, r.id,
                    std::string("update"), std::string(R"({"phone":"13900000000"})"));
        log.run();
        tx.commit();
    }
    store::migrate(*db);
    BOOST_TEST(db->userVersion() == store::latestSchemaVersion());
    store::Transaction tx(*db, store::Transaction::Mode::Deferred);
    // v2: the search index covers the old row.
    BOOST_TEST(store::SearchIndex(*db).find("zs", 10).size() == 1u);
    BOOST_TEST(store::SearchIndex(*db).find("0016", 10).size() == 1u);
    // v3: field versions replayed from the log.
    store::Statement fv(*db, "SELECT fv FROM resident");
    BOOST_REQUIRE(fv.step());
    const auto versions = store::FieldVersions::parse(fv.text(0));
    const auto site = store::siteId(*db);
    BOOST_TEST(versions.of("name") == "1000@" + site);
    BOOST_TEST(versions.of("phone") == "2000@" + site);
}

BOOST_AUTO_TEST_CASE(transaction_rolls_back_unless_committed) {
    TempDir dir;
    auto db = store::Database::open(dir.file("a.db"));
    {
        store::Transaction tx(*db);
        store::setSiteMeta(*db, "probe", "1");
    }
    BOOST_TEST(!store::siteMeta(*db, "probe").has_value());
}

BOOST_AUTO_TEST_CASE(database_files_are_readable_by_their_owner_only) {
    // Issue 16: health data on a shared PC. A new database, its WAL and shared memory, and
    // an existing database someone made readable to all.
    namespace fs = std::filesystem;
    test::TempDir dir;
    const auto path = dir.file("site.db");
    const auto ownerOnly = [](const fs::path& p) {
        const auto perms = fs::status(p).permissions();
        return (perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none;
    };
    {
        auto db = store::Database::open(path);
        store::Transaction tx(*db);
        store::setSiteMeta(*db, "probe", "1");
        tx.commit();
        BOOST_TEST(ownerOnly(path));
        BOOST_TEST(fs::exists(path.string() + "-wal"));
        BOOST_TEST(ownerOnly(path.string() + "-wal"));
        BOOST_TEST(ownerOnly(path.string() + "-shm"));
    }
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::others_read);
    BOOST_TEST(!ownerOnly(path));
    store::Database::open(path);
    BOOST_TEST(ownerOnly(path));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(change_log)

BOOST_AUTO_TEST_CASE(insert_logs_whole_row_update_logs_only_changed_fields) {
    test::DbFixture f;
    auto& db = *f.db;
    auto r = test::sampleResident();
    r.id = newUuidV7();
    r.archiveNo = std::string(test::kVillageA) + "00001";
    r.createdOn = r.updatedOn = parseDate("2020-01-01");
    r.createdSite = store::siteId(db);
    {
        store::Transaction tx(db);
        store::ResidentRepository(db).insert(r, "doctor1");
        tx.commit();
    }
    r.phone = "13900139000";
    {
        store::Transaction tx(db);
        const auto changed = store::ResidentRepository(db).update(r, "doctor2");
        BOOST_TEST(changed == std::vector<std::string>{"phone"});
        tx.commit();
    }
    const auto entries = store::changesSince(db, store::siteId(db), 0, 100);
    BOOST_REQUIRE(entries.size() == 2u);
    BOOST_TEST(entries[0].op == "insert");
    BOOST_TEST(entries[0].seq == 1);
    BOOST_TEST(entries[0].user == "doctor1");
    BOOST_TEST(entries[0].fields.find("\"name\":\"张三\"") != std::string::npos);
    BOOST_TEST(entries[0].fields.find("\"id_number\":\"371721196005010016\"") != std::string::npos);
    BOOST_TEST(entries[1].op == "update");
    BOOST_TEST(entries[1].seq == 2);
    BOOST_TEST(entries[1].fields == "{\"phone\":\"13900139000\"}");
    BOOST_TEST(entries[1].user == "doctor2");
    BOOST_TEST(entries[1].hlc > entries[0].hlc);
    BOOST_TEST(entries[1].rowId == r.id);
}

BOOST_AUTO_TEST_CASE(each_field_keeps_the_version_of_its_last_write_and_updates_log_the_base) {
    test::DbFixture f;
    services::Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto r = registry.registerResident(test::registration(test::sampleResident()));
    auto fieldVersions = [&] {
        store::Statement st(*f.db, "SELECT fv FROM resident WHERE id = '" + r.id + "'");
        BOOST_REQUIRE(st.step());
        return store::FieldVersions::parse(st.text(0));
    };
    const auto site = store::siteId(*f.db);
    const auto log0 = store::changesSince(*f.db, site, 0, 100);
    const auto insertVersion = store::versionString(log0.front().hlc, site);
    BOOST_TEST(fieldVersions().of("phone") == insertVersion);
    BOOST_TEST(log0.front().base.empty());

    r.phone = "13911112222";
    registry.edit(r);
    auto log = store::changesSince(*f.db, site, 0, 100);
    const auto firstEdit = store::versionString(log.back().hlc, site);
    // Same day as the registration: updated_on did not change, only the phone did.
    BOOST_TEST(log.back().base == R"({"phone":")" + insertVersion + R"("})");
    BOOST_TEST(fieldVersions().of("phone") == firstEdit);
    BOOST_TEST(fieldVersions().of("name") == insertVersion);

    r.phone = "13933334444";
    registry.setToday(*parseDate("2030-01-01"));
    registry.edit(r);
    log = store::changesSince(*f.db, site, 0, 100);
    BOOST_TEST(log.back().base.find(R"("phone":")" + firstEdit + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(update_without_change_writes_no_entry) {
    test::DbFixture f;
    services::Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto r = registry.registerResident(test::registration(test::sampleResident()));
    const auto before = store::changesSince(*f.db, store::siteId(*f.db), 0, 100).size();
    registry.edit(r);
    BOOST_TEST(store::changesSince(*f.db, store::siteId(*f.db), 0, 100).size() == before);
}

BOOST_AUTO_TEST_CASE(rolled_back_write_leaves_neither_row_nor_log_entry) {
    test::DbFixture f;
    auto& db = *f.db;
    const auto logBefore = scalar(db, "SELECT count(*) FROM change_log");
    {
        store::Transaction tx(db);
        auto r = test::sampleResident();
        r.id = newUuidV7();
        r.archiveNo = std::string(test::kVillageA) + "00001";
        r.createdOn = r.updatedOn = parseDate("2020-01-01");
        r.createdSite = store::siteId(db);
        store::ResidentRepository(db).insert(r, "doctor1");
        BOOST_TEST(scalar(db, "SELECT count(*) FROM resident") == 1);
        // no commit: the transaction rolls back here
    }
    BOOST_TEST(scalar(db, "SELECT count(*) FROM resident") == 0);
    BOOST_TEST(scalar(db, "SELECT count(*) FROM change_log") == logBefore);
    // The next write reuses the sequence number: no gap.
    services::Registry(db, services::Session::bootstrap("doctor1")).registerResident(test::registration(test::sampleResident()));
    BOOST_TEST(scalar(db, "SELECT min(seq) FROM change_log") == 1);
    BOOST_TEST(scalar(db, "SELECT max(seq) - min(seq) + 1 - count(*) FROM change_log") == 0);
}

BOOST_AUTO_TEST_CASE(failed_registration_leaves_database_unchanged) {
    test::DbFixture f;
    services::Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto bad = test::sampleResident();
    bad.villageCode = "371721001999";  // not a village in the list
    BOOST_CHECK_THROW(registry.registerResident(test::registration(bad)), ValidationError);
    BOOST_TEST(scalar(*f.db, "SELECT count(*) FROM change_log") == 0);
    BOOST_TEST(scalar(*f.db, "SELECT count(*) FROM resident") == 0);
    BOOST_TEST(scalar(*f.db, "SELECT count(*) FROM household") == 0);
}

BOOST_AUTO_TEST_CASE(sequence_is_gap_free_across_connections) {
    test::DbFixture f;
    auto second = store::Database::open(f.db->path());
    services::Registry a(*f.db, services::Session::bootstrap("a"));
    services::Registry b(*second, services::Session::bootstrap("b"));
    for (int i = 0; i < 5; ++i) {
        auto r = test::sampleResident();
        r.idNumber.clear();
        r.name = i % 2 ? "李四" : "王五";
        r.birthDate = parseDate("19" + std::to_string(50 + i) + "-01-01");
        (i % 2 ? a : b).registerResident(test::registration(r));
    }
    BOOST_TEST(scalar(*f.db, "SELECT max(seq) - count(*) FROM change_log") == 0);
    BOOST_TEST(scalar(*f.db, "SELECT count(DISTINCT hlc) - count(*) FROM change_log") == 0);
}

BOOST_AUTO_TEST_CASE(hlc_never_goes_back_when_wall_clock_does) {
    store::Hlc last{1000, 5};
    BOOST_TEST(store::Hlc::next(last, 2000).pack() == (store::Hlc{2000, 0}).pack());
    BOOST_TEST(store::Hlc::next(last, 500).pack() == (store::Hlc{1000, 6}).pack());
    BOOST_TEST(store::Hlc::next(store::Hlc{1000, 0xffff}, 10).pack() ==
               (store::Hlc{1001, 0}).pack());
    BOOST_TEST(store::Hlc::receive(last, store::Hlc{5000, 3}, 100).pack() ==
               (store::Hlc{5000, 4}).pack());
    BOOST_TEST((store::Hlc::unpack(store::Hlc{123456789, 42}.pack()) == store::Hlc{123456789, 42}));
}

BOOST_AUTO_TEST_CASE(uuid_v7_has_version_variant_and_time_order) {
    const auto a = newUuidV7(1000);
    const auto b = newUuidV7(2000);
    BOOST_TEST(a.size() == 36u);
    BOOST_TEST(a[14] == '7');
    BOOST_TEST((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
    BOOST_TEST(a < b);
    BOOST_TEST(newUuidV7() != newUuidV7());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(field_versions)

BOOST_AUTO_TEST_CASE(versions_round_trip_and_fall_back_to_the_insert) {
    auto v = store::FieldVersions::inserted("100@a");
    v.set("phone", "200@b");
    const auto json = v.json();
    BOOST_TEST(json == R"({"*":"100@a","phone":"200@b"})");
    const auto back = store::FieldVersions::parse(json);
    BOOST_TEST(back.of("phone") == "200@b");
    BOOST_TEST(back.of("name") == "100@a");
    BOOST_TEST(store::FieldVersions::parse("").of("name").empty());
    // Text another writer produced (spaces, escapes) still parses; garbage is an error.
    BOOST_TEST(store::FieldVersions::parse(R"({ "phone" : "3\u0030@c" })").of("phone") == "30@c");
    BOOST_CHECK_THROW(store::FieldVersions::parse("{\"phone\":"), StorageError);
}

BOOST_AUTO_TEST_SUITE_END()
