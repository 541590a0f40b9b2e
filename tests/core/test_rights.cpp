// Rights are checked in core (issue 16, docs/security.md): whatever a screen shows, a
// service called as a user refuses what that user's role or area does not allow.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Referrals.h"
#include "core/services/Registry.h"
#include "core/services/Screening.h"
#include "core/services/Worklist.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"

using namespace jiayi;
using rules::Role;
using services::Session;

namespace {

model::Resident inVillage(const char* name, const char* village, const char* idNumber) {
    auto r = test::sampleResident();
    r.name = name;
    r.villageCode = village;
    r.idNumber = idNumber;
    return r;
}

struct RightsFixture : test::DbFixture {
    model::Resident west, east;  // 西村 (A) and 东村 (B)
    model::Enrolment westSmi;
    model::FollowUp westVisit;

    RightsFixture() {
        services::Registry registry(*db, Session::bootstrap("installer"));
        west = registry.registerResident(test::registration(inVillage("王西", test::kVillageA, "371721196005010016")));
        east = registry.registerResident(test::registration(inVillage("李东", test::kVillageB, "371721196005010091")));
        test::enrolIn(*db, west.id, "htn", "2026-01-10");
        services::ChronicCare enrolling(*db, Session::bootstrap("doctor1"));
        enrolling.setToday(*parseDate("2026-03-01"));
        services::EnrolmentRequest smi;
        smi.residentId = west.id;
        smi.programme = "smi";
        smi.enrolledOn = parseDate("2026-01-10");
        smi.diagnosis = "schizophrenia";
        westSmi = enrolling.enrol(smi);
        services::ChronicCare care(*db, Session::bootstrap("doctor1"));
        care.setToday(*parseDate("2026-03-01"));
        westVisit = care.recordVisit({test::clinicVisit(west.id, "htn", "2026-02-20", 132, 82)}).records.front();
    }

    template <typename F>
    bool refused(F&& f) {
        try {
            f();
        } catch (const PermissionError&) {
            return true;
        }
        return false;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(rights, RightsFixture)

BOOST_AUTO_TEST_CASE(a_village_doctor_opens_only_their_own_village) {
    services::Registry registry(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    BOOST_TEST(registry.get(west.id).name == "王西");
    BOOST_TEST(refused([&] { registry.get(east.id); }));
    BOOST_TEST(refused([&] { registry.get(east.archiveNo); }));
    // A search never lists another village's residents.
    BOOST_TEST(registry.find("李东").empty());
    BOOST_TEST(!registry.find("王西").empty());
    // Nor may they register or edit there.
    BOOST_TEST(refused([&] { registry.registerResident(test::registration(inVillage("赵东", test::kVillageB, ""))); }));
    auto edited = east;
    edited.phone = "13900000000";
    BOOST_TEST(refused([&] { registry.edit(edited); }));
    services::ChronicCare care(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    BOOST_TEST(refused([&] { care.chart(east.id); }));
    // The worklist is of their village, even when the whole township is asked for.
    services::Worklist worklist(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    for (const auto& item : worklist.build({"371721001", ""}, *parseDate("2026-12-01")))
        BOOST_TEST(item.villageCode == test::kVillageA);
    BOOST_TEST(refused([&] { worklist.build({test::kVillageB, ""}, *parseDate("2026-12-01")); }));
}

BOOST_AUTO_TEST_CASE(severe_mental_illness_records_open_to_the_responsible_team_only) {
    services::ChronicCare doctor(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    services::ChronicCare nurse(*db, test::signedIn(Role::Nurse));
    const auto hasSmi = [](const services::Chart& c) {
        return std::any_of(c.programmes.begin(), c.programmes.end(),
                           [](const auto& p) { return p.enrolment.programme == "smi"; });
    };
    BOOST_TEST(hasSmi(doctor.chart(west.id)));
    // The nurse sees the hypertension programme, not the SMI one, in the chart and the list.
    const auto chart = nurse.chart(west.id);
    BOOST_TEST(!hasSmi(chart));
    BOOST_TEST(chart.programmes.size() == 1u);
    for (const auto& e : nurse.enrolments(west.id)) BOOST_TEST(e.programme != "smi");
    // And cannot act on it.
    BOOST_TEST(refused([&] { nurse.close(westSmi.id, "other", std::nullopt, ""); }));
    services::EnrolmentRequest req;
    req.residentId = east.id;
    req.programme = "smi";
    req.diagnosis = "schizophrenia";
    BOOST_TEST(refused([&] { nurse.enrol(req); }));
    // Supervisors review them.
    services::ChronicCare supervisor(*db, test::signedIn(Role::Supervisor));
    BOOST_TEST(hasSmi(supervisor.chart(west.id)));
}

BOOST_AUTO_TEST_CASE(a_supervisor_reviews_but_never_edits_a_clinical_entry) {
    services::ChronicCare care(*db, test::signedIn(Role::Supervisor));
    care.setToday(*parseDate("2026-03-01"));
    BOOST_TEST(care.versions(westVisit.id).size() == 1u);  // reads the record
    auto corrected = westVisit;
    corrected.systolic = 152;
    BOOST_TEST(refused([&] { care.correct(westVisit.id, corrected, "核对时发现抄错"); }));
    BOOST_TEST(refused([&] { care.recordVisit({test::clinicVisit(west.id, "htn", "2026-02-28", 128, 80)}); }));
    BOOST_TEST(care.versions(westVisit.id).size() == 1u);  // nothing written
    services::Registry registry(*db, test::signedIn(Role::Supervisor));
    BOOST_TEST(refused([&] { registry.registerResident(test::registration(inVillage("赵六", test::kVillageA, ""))); }));
    services::Referrals referrals(*db, test::signedIn(Role::Supervisor));
    BOOST_TEST(refused([&] { referrals.draftFromFollowUp(westVisit.id); }));
    services::Screening screening(*db, test::signedIn(Role::Supervisor));
    model::BpScreening reading;
    reading.residentId = east.id;
    reading.systolic = 150;
    reading.diastolic = 95;
    BOOST_TEST(refused([&] { screening.record(reading); }));
}

BOOST_AUTO_TEST_CASE(an_administrator_opens_no_clinical_record) {
    services::Registry registry(*db, test::signedIn(Role::Administrator));
    BOOST_TEST(refused([&] { registry.get(west.id); }));
    BOOST_TEST(refused([&] { registry.find("王"); }));
    BOOST_TEST(refused([&] { services::ChronicCare(*db, test::signedIn(Role::Administrator)).chart(west.id); }));
    BOOST_TEST(refused([&] { services::Worklist(*db, test::signedIn(Role::Administrator)).build({}, *parseDate("2026-12-01")); }));
    BOOST_TEST(refused([&] { services::Referrals(*db, test::signedIn(Role::Administrator)).outbox(); }));
    // The refusal says who, as what, may not do what.
    try {
        registry.get(west.id);
    } catch (const PermissionError& e) {
        BOOST_TEST(std::string(e.what()).find("测试administrator") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(every_refusal_is_audited_even_when_the_request_rolls_back) {
    const auto refusals = [&] {
        auto& st = db->cached("SELECT count(*) FROM audit_log WHERE action = 'refused'");
        st.step();
        const auto n = static_cast<std::size_t>(st.integer(0));
        st.reset();
        return n;
    };
    BOOST_TEST(refusals() == 0u);
    // Refused before any write: a supervisor correcting a follow-up.
    services::ChronicCare supervisor(*db, test::signedIn(Role::Supervisor));
    auto corrected = westVisit;
    corrected.systolic = 152;
    BOOST_TEST(refused([&] { supervisor.correct(westVisit.id, corrected, "核对时发现抄错"); }));
    BOOST_TEST(refusals() == 1u);
    // Refused inside the write's transaction (the record's area is known only there): the
    // enrolment rolls back, the refusal stays.
    services::ChronicCare eastDoctor(*db, test::signedIn(Role::VillageDoctor, test::kVillageB));
    services::EnrolmentRequest req;
    req.residentId = west.id;
    req.programme = "t2d";
    req.enrolledOn = parseDate("2026-02-01");
    BOOST_TEST(refused([&] { eastDoctor.enrol(req); }));
    BOOST_TEST(refusals() == 2u);
    for (const auto& e : services::ChronicCare(*db, Session::bootstrap("reader")).enrolments(west.id))
        BOOST_TEST(e.programme != "t2d");
    BOOST_TEST(!store::AuditLog(*db).verify().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
