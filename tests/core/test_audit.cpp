// The audit trail (issue 16, 数据全程留痕): every write and every opening of a restricted
// record is an entry chained by SHA-256; an entry changed, removed or reordered directly in
// SQLite breaks the chain at that entry.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/model/ResidentFields.h"
#include "core/services/Audit.h"
#include "core/services/ChronicCare.h"
#include "core/services/Registry.h"

using namespace jiayi;
using services::Session;

namespace {

struct AuditFixture : test::DbFixture {
    model::Resident resident;
    AuditFixture() {
        services::Registry registry(*db, Session::bootstrap("doctor1"));
        resident = registry.registerResident(test::registration(test::sampleResident()));
        auto edited = resident;
        edited.phone = "13900000000";
        services::Registry(*db, Session::bootstrap("doctor2")).edit(edited);
    }
    std::optional<store::AuditBreak> verify() { return store::AuditLog(*db).verify(); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(audit, AuditFixture)

BOOST_AUTO_TEST_CASE(every_write_is_an_entry_with_who_and_the_values_before_and_after) {
    const auto history = store::AuditLog(*db).ofResident(resident.id);
    BOOST_REQUIRE(history.size() >= 3u);  // the resident, their household membership, the edit
    const auto& edit = history.back();
    BOOST_TEST(edit.action == "update");
    BOOST_TEST(edit.user == "doctor2");
    BOOST_TEST(edit.table == "resident");
    BOOST_TEST(edit.detail.find("\"before\":{\"phone\":\"13800138000\"}") != std::string::npos, edit.detail);
    BOOST_TEST(edit.changeFields.find("\"phone\":\"13900000000\"") != std::string::npos, edit.changeFields);
    BOOST_TEST(edit.changeSeq > 0);
    const auto& first = history.front();
    BOOST_TEST(first.action == "insert");
    BOOST_TEST(first.user == "doctor1");
    BOOST_TEST(first.prev.empty());
    BOOST_TEST(first.hash.size() == 64u);
    std::size_t checked = 0;
    BOOST_TEST(!store::AuditLog(*db).verify(&checked).has_value());
    BOOST_TEST(checked == store::AuditLog(*db).count());
}

BOOST_AUTO_TEST_CASE(an_entry_changed_in_sqlite_breaks_the_chain_there) {
    const auto n = static_cast<std::int64_t>(store::AuditLog(*db).count());
    db->exec("UPDATE audit_log SET detail = replace(detail, '13800138000', '13700000000') WHERE seq = " +
             std::to_string(n));
    const auto broken = verify();
    BOOST_REQUIRE(broken.has_value());
    BOOST_TEST(broken->seq == n);
    BOOST_TEST(broken->reason == "changed");
}

BOOST_AUTO_TEST_CASE(a_change_log_entry_rewritten_in_sqlite_breaks_the_chain_too) {
    // The values after live in the change log; the audit entry's hash covers them.
    db->exec("UPDATE change_log SET fields = replace(fields, '13900000000', '13700000000')");
    const auto broken = verify();
    BOOST_REQUIRE(broken.has_value());
    BOOST_TEST(broken->seq == static_cast<std::int64_t>(store::AuditLog(*db).count()));
}

BOOST_AUTO_TEST_CASE(a_removed_entry_breaks_the_chain_there) {
    db->exec("DELETE FROM audit_log WHERE seq = 2");
    const auto broken = verify();
    BOOST_REQUIRE(broken.has_value());
    BOOST_TEST(broken->seq == 2);
    BOOST_TEST(broken->reason == "missing");
}

BOOST_AUTO_TEST_CASE(reordered_entries_break_the_chain_at_the_first_moved) {
    // Entries 2 and 3 swap places, each keeping its own hash.
    db->exec("UPDATE audit_log SET seq = -2 WHERE seq = 2");
    db->exec("UPDATE audit_log SET seq = 2 WHERE seq = 3");
    db->exec("UPDATE audit_log SET seq = 3 WHERE seq = -2");
    const auto broken = verify();
    BOOST_REQUIRE(broken.has_value());
    BOOST_TEST(broken->seq == 2);
}

BOOST_AUTO_TEST_CASE(opening_a_severe_mental_illness_record_is_recorded) {
    services::ChronicCare care(*db, Session::bootstrap("doctor1"));
    care.setToday(*parseDate("2026-03-01"));
    services::EnrolmentRequest smi;
    smi.residentId = resident.id;
    smi.programme = "smi";
    smi.enrolledOn = parseDate("2026-01-10");
    smi.diagnosis = "schizophrenia";
    care.enrol(smi);
    const auto before = store::AuditLog(*db).count();
    services::ChronicCare(*db, test::signedIn(rules::Role::Supervisor)).chart(resident.id);
    const auto history = store::AuditLog(*db).ofResident(resident.id);
    BOOST_TEST(store::AuditLog(*db).count() == before + 1);
    BOOST_TEST(history.back().action == "open");
    BOOST_TEST(history.back().table == "programme_enrolment");
    // A nurse's chart leaves the programme out, so nothing restricted was opened.
    services::ChronicCare(*db, test::signedIn(rules::Role::Nurse)).chart(resident.id);
    BOOST_TEST(store::AuditLog(*db).count() == before + 1);
    BOOST_TEST(!verify().has_value());
}

BOOST_AUTO_TEST_CASE(supervisors_read_the_trail_and_clinicians_do_not) {
    BOOST_TEST(services::Audit(*db, test::signedIn(rules::Role::Supervisor)).history(resident.id).size() >= 3u);
    BOOST_TEST(!services::Audit(*db, test::signedIn(rules::Role::Administrator)).verify().broken.has_value());
    BOOST_CHECK_THROW(services::Audit(*db, test::signedIn(rules::Role::Nurse)).history(resident.id), PermissionError);
    BOOST_CHECK_THROW(services::Audit(*db, test::signedIn(rules::Role::VillageDoctor)).verify(), PermissionError);
}

BOOST_AUTO_TEST_CASE(an_entry_is_told_in_words_by_field_labels) {
    const auto history = store::AuditLog(*db).ofResident(resident.id);
    const auto& edit = history.back();
    BOOST_TEST(services::Audit::describe(edit) ==
               model::fieldLabel("phone") + ": 13800138000 → 13900000000");
    const auto& entered = history.front();
    BOOST_TEST(entered.action == "insert");
    const auto words = services::Audit::describe(entered);
    BOOST_TEST(words.find(model::fieldLabel("name") + ": 张三") != std::string::npos, words);
    BOOST_TEST(words.find(resident.id) == std::string::npos, words);  // ids are left out
}

BOOST_AUTO_TEST_SUITE_END()
