#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "TestSupport.h"
#include "core/store/ArchiveNumbers.h"
#include "core/store/Site.h"

using namespace jiayi;
using services::Registry;

namespace {

std::int64_t count(store::Database& db, const std::string& table) {
    store::Statement st(db, "SELECT count(*) FROM " + table);
    st.step();
    return st.integer(0);
}

// Each table's row count and the change-log length: "the database is unchanged".
std::vector<std::int64_t> snapshot(store::Database& db) {
    return {count(db, "resident"), count(db, "household"), count(db, "household_member"),
            count(db, "change_log"), count(db, "search_key")};
}

std::string fieldOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const ValidationError& e) {
        return e.field();
    }
    return "(no error)";
}

model::Resident withoutId(const std::string& name, const std::string& birth) {
    auto r = test::sampleResident();
    r.idNumber.clear();
    r.name = name;
    r.birthDate = parseDate(birth);
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(registry)

BOOST_AUTO_TEST_CASE(registration_assigns_village_archive_number_and_household) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto a = registry.registerResident(test::registration(test::sampleResident()));
    auto b = registry.registerResident(test::registration(withoutId("李四", "1970-03-02")));
    BOOST_TEST(a.archiveNo == std::string(test::kVillageA) + "00001");
    BOOST_TEST(b.archiveNo == std::string(test::kVillageA) + "00002");
    BOOST_TEST(a.archiveNo.size() == 17u);
    const auto h = registry.householdOf(a.id);
    BOOST_REQUIRE(h.has_value());
    BOOST_TEST(h->headId == a.id);
    BOOST_TEST(h->address == "西村1组1号");
    BOOST_TEST(registry.get(a.archiveNo).id == a.id);
}

BOOST_AUTO_TEST_CASE(same_id_number_is_refused_and_shows_existing_record) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    const auto first = registry.registerResident(test::registration(test::sampleResident()));
    const auto before = snapshot(*f.db);
    auto again = test::sampleResident();
    again.name = "张叁";
    try {
        registry.registerResident(test::registration(again));
        BOOST_FAIL("a second record with the same ID number must be refused");
    } catch (const services::DuplicateIdNumberError& e) {
        BOOST_TEST(e.existing().id == first.id);
        BOOST_TEST(std::string(e.what()).find(first.archiveNo) != std::string::npos);
    }
    BOOST_TEST(snapshot(*f.db) == before);
}

BOOST_AUTO_TEST_CASE(lower_case_x_and_15_digit_ids_are_normalised_before_duplicate_check) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto r = test::sampleResident();
    r.idNumber = "11010519491231002x";
    r.sex = "2";
    r.birthDate = parseDate("1949-12-31");
    const auto saved = registry.registerResident(test::registration(r));
    BOOST_TEST(saved.idNumber == "11010519491231002X");
    auto legacy = r;
    legacy.idNumber = "110105491231002";  // the same person's 15-digit card
    BOOST_CHECK_THROW(registry.registerResident(test::registration(legacy)),
                      services::DuplicateIdNumberError);
}

BOOST_AUTO_TEST_CASE(same_name_sex_birth_and_village_warns_until_confirmed) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    registry.registerResident(test::registration(withoutId("王秀英", "1950-02-03")));
    auto reg = test::registration(withoutId("王秀英", "1950-02-03"), "西村2组5号");
    BOOST_CHECK_THROW(registry.registerResident(reg), services::LikelyDuplicateError);
    BOOST_TEST(count(*f.db, "resident") == 1);
    reg.confirmedNotDuplicate = true;
    registry.registerResident(reg);
    BOOST_TEST(count(*f.db, "resident") == 2);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_field_and_writes_nothing) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    const auto before = snapshot(*f.db);
    auto attempt = [&](auto change) {
        auto r = test::sampleResident();
        change(r);
        return fieldOf([&] { registry.registerResident(test::registration(r)); });
    };
    BOOST_TEST(attempt([](auto& r) { r.idNumber = "371721196005010017"; }) == "id_number");
    BOOST_TEST(attempt([](auto& r) { r.idNumber = "371721199002310017"; }) == "id_number");
    BOOST_TEST(attempt([](auto& r) { r.sex = "2"; }) == "sex");
    BOOST_TEST(attempt([](auto& r) { r.birthDate = parseDate("1960-05-02"); }) == "birth_date");
    BOOST_TEST(attempt([](auto& r) {
                   r.idNumber.clear();
                   r.birthDate = parseDate("2999-01-01");
               }) == "birth_date");
    BOOST_TEST(attempt([](auto& r) {
                   r.name.clear();
                   for (int i = 0; i < 31; ++i) r.name += "张";
               }) == "name");
    BOOST_TEST(attempt([](auto& r) { r.name.clear(); }) == "name");
    BOOST_TEST(attempt([](auto& r) { r.sex = "3"; }) == "sex");
    BOOST_TEST(attempt([](auto& r) { r.phone = "12345"; }) == "phone");
    BOOST_TEST(attempt([](auto& r) { r.drugAllergy = {"1", "2"}; }) == "drug_allergy");
    BOOST_TEST(attempt([](auto& r) { r.ethnicity = "99"; }) == "ethnicity");
    BOOST_TEST(attempt([](auto& r) { r.villageCode = "371721001000"; }) == "village_code");
    BOOST_TEST(attempt([](auto& r) {
                   r.surgeries = {{"阑尾切除", parseDate("1950-01-01")}};
               }) == "surgeries");
    BOOST_TEST(snapshot(*f.db) == before);
}

BOOST_AUTO_TEST_CASE(every_field_error_is_reported_at_once) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto r = test::sampleResident();
    r.name.clear();
    r.phone = "abc";
    r.bloodType = "9";
    try {
        registry.registerResident(test::registration(r));
        BOOST_FAIL("expected a validation error");
    } catch (const ValidationError& e) {
        std::set<std::string> fields;
        for (const auto& fe : e.errors()) fields.insert(fe.field);
        BOOST_TEST((fields == std::set<std::string>{"name", "phone", "blood_type"}));
    }
}

BOOST_AUTO_TEST_CASE(joining_as_head_of_a_household_that_has_one_is_refused) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    const auto head = registry.registerResident(test::registration(test::sampleResident()));
    services::Registration reg;
    reg.resident = withoutId("张伟", "1985-01-01");
    reg.householdId = registry.householdOf(head.id)->id;
    reg.relation = "0";
    const auto before = snapshot(*f.db);
    BOOST_TEST(fieldOf([&] { registry.registerResident(reg); }) == "relation");
    BOOST_TEST(snapshot(*f.db) == before);
    reg.relation = "2";
    const auto son = registry.registerResident(reg);
    BOOST_TEST(registry.householdOf(son.id)->headId == head.id);
}

BOOST_AUTO_TEST_CASE(resident_without_id_needs_a_household) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    services::Registration reg;
    reg.resident = withoutId("新生儿", "2026-11-01");
    BOOST_TEST(fieldOf([&] { registry.registerResident(reg); }) == "household");
    reg.newHouseholdAddress = "西村3组8号";
    BOOST_TEST(registry.registerResident(reg).idNumber.empty());
}

BOOST_AUTO_TEST_CASE(edit_logs_changed_fields_and_keeps_change_date) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    registry.setToday(*parseDate("2026-01-10"));
    auto r = registry.registerResident(test::registration(test::sampleResident()));
    registry.setToday(*parseDate("2026-02-20"));
    r.phone = "13912345678";
    r.payment = {"3"};
    const auto saved = registry.edit(r);
    BOOST_TEST(formatDate(*saved.updatedOn) == "2026-02-20");
    BOOST_TEST(formatDate(*saved.createdOn) == "2026-01-10");
    BOOST_TEST(registry.find("5678").front().id == r.id);
    const auto log = store::changesSince(*f.db, store::siteId(*f.db), 0, 100);
    BOOST_TEST(log.back().fields ==
               R"({"phone":"13912345678","payment":"[\"3\"]","updated_on":"2026-02-20"})");
}

BOOST_AUTO_TEST_CASE(closing_a_record_is_a_status_never_a_delete) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto r = registry.registerResident(test::registration(test::sampleResident()));
    BOOST_TEST(fieldOf([&] {
                   registry.close(r.id, model::RecordStatus::Moved, parseDate("2026-01-01"), "");
               }) == "status_reason");
    const auto closed =
        registry.close(r.id, model::RecordStatus::Dead, parseDate("2026-01-01"), "脑卒中");
    BOOST_TEST((closed.status == model::RecordStatus::Dead));
    BOOST_TEST(count(*f.db, "resident") == 1);
    BOOST_CHECK_THROW(registry.close(r.id, model::RecordStatus::Lost, std::nullopt, "x"),
                      ConflictError);
    // The household keeps the membership as history.
    const auto households = registry.findHouseholds(test::kVillageA, "西村1组1号");
    BOOST_REQUIRE(households.size() == 1u);
    const auto h = registry.household(households[0].id);
    BOOST_REQUIRE(h.members.size() == 1u);
    BOOST_TEST(h.members[0].leftOn.has_value());
    BOOST_TEST((registry.reopen(r.id).status == model::RecordStatus::Active));
}

BOOST_AUTO_TEST_CASE(moving_a_person_between_households_keeps_history) {
    test::DbFixture f;
    Registry registry(*f.db, services::Session::bootstrap("doctor1"));
    auto head1 = registry.registerResident(test::registration(test::sampleResident()));
    auto head2 = registry.registerResident(
        test::registration(withoutId("李桂兰", "1955-07-07"), "西村2组2号"));
    auto child = registry.registerResident(
        test::registration(withoutId("张伟", "1985-01-01"), "西村1组9号"));
    const auto h1 = registry.householdOf(head1.id)->id;
    const auto h2 = registry.householdOf(head2.id)->id;
    registry.addMember(h1, child.id, "2", parseDate("2026-01-01"));
    registry.addMember(h2, child.id, "7", parseDate("2026-03-01"));
    const auto first = registry.household(h1);
    const auto second = registry.household(h2);
    BOOST_TEST(registry.householdOf(child.id)->id == h2);
    const auto past = std::find_if(first.members.begin(), first.members.end(),
                                   [&](const auto& m) { return m.residentId == child.id; });
    BOOST_REQUIRE(past != first.members.end());
    BOOST_TEST(formatDate(*past->leftOn) == "2026-03-01");
    BOOST_TEST(second.members.size() == 2u);
    // Change of head: the old head becomes the new head's parent.
    registry.changeHead(h2, child.id, "4");
    const auto changed = registry.household(h2);
    BOOST_TEST(changed.headId == child.id);
    BOOST_CHECK_THROW(registry.addMember(h2, head1.id, "0"), ValidationError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(archive_numbers)

BOOST_AUTO_TEST_CASE(two_processes_registering_at_once_never_share_a_number) {
    test::DbFixture f;
    const auto path = f.db->path();
    constexpr int kEach = 40;
    auto work = [&](const std::string& prefix) {
        auto db = store::Database::open(path);
        Registry registry(*db, services::Session::bootstrap(prefix));
        for (int i = 0; i < kEach; ++i) {
            auto r = withoutId(prefix + std::to_string(i), "1980-01-01");
            r.name = i % 2 ? "赵六" : "孙七";
            auto reg = test::registration(r, prefix + std::to_string(i));
            reg.confirmedNotDuplicate = true;
            registry.registerResident(reg);
        }
    };
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        int code = 0;
        try {
            work("child");
        } catch (...) {
            code = 1;
        }
        _exit(code);
    }
    work("parent");
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_REQUIRE(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 0);
    store::Statement st(*f.db, "SELECT count(*), count(DISTINCT archive_no) FROM resident");
    st.step();
    BOOST_TEST(st.integer(0) == 2 * kEach);
    BOOST_TEST(st.integer(1) == 2 * kEach);
}

BOOST_AUTO_TEST_CASE(two_offline_sites_number_from_disjoint_blocks) {
    test::TempDir dir;
    auto hub = store::Database::open(dir.file("hub.db"));
    auto siteA = store::Database::open(dir.file("a.db"));
    auto siteB = store::Database::open(dir.file("b.db"));
    std::set<std::string> numbers;
    for (auto* site : {siteA.get(), siteB.get()}) {
        test::loadTestDivisions(*site);
        store::Transaction hubTx(*hub);
        const auto block = store::ArchiveNumbers(*hub).grant(test::kVillageA, store::siteId(*site), 30);
        hubTx.commit();
        store::Transaction tx(*site);
        store::ArchiveNumbers(*site).setAuthority(false);
        store::ArchiveNumbers(*site).accept(block, store::siteId(*hub));
        tx.commit();
    }
    for (auto* site : {siteA.get(), siteB.get()}) {
        Registry registry(*site, services::Session::bootstrap("doctor"));
        for (int i = 0; i < 30; ++i) {
            auto reg = test::registration(withoutId("周" + std::to_string(i % 10 == 0), "1990-01-01"),
                                          "东" + std::to_string(i));
            reg.resident.name = "周八";
            reg.confirmedNotDuplicate = true;
            numbers.insert(registry.registerResident(reg).archiveNo);
        }
        // The block is used up: a site that is not an authority says what to do.
        auto reg = test::registration(withoutId("吴九", "1991-01-01"));
        try {
            registry.registerResident(reg);
            BOOST_FAIL("an exhausted block must be refused");
        } catch (const ConflictError& e) {
            BOOST_TEST(std::string(e.what()).find("hub") != std::string::npos);
        }
    }
    BOOST_TEST(numbers.size() == 60u);
}

BOOST_AUTO_TEST_SUITE_END()
