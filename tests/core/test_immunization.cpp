// Immunization through the service (issue 19): doses recorded against the site's edition on
// a real database file, refusals that name the field and write nothing, the card, voiding,
// the due list of an area in catch-up order, the edition setting, rights and area.
#include <boost/test/unit_test.hpp>

#include "TestSupport.h"
#include "core/services/Immunization.h"
#include "core/services/Registry.h"
#include "core/store/ChildRepository.h"

using namespace jiayi;
using services::Immunization;
namespace im = rules::immunization;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct ChildFixture : test::DbFixture {
    std::string childId, adultId;
    ChildFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        childId = registry.registerResident(test::registration(test::child("王小花", "2026-01-31"), "西村 2 号")).id;
        adultId = registry.registerResident(test::registration(test::sampleResident())).id;
    }
    Immunization service(const char* today = "2026-04-15",
                         services::Session s = services::Session::bootstrap("doctor1")) {
        Immunization i(*db, std::move(s));
        i.setToday(d(today));
        return i;
    }
    model::Vaccination dose(const std::string& vaccine, int n, const char* on, const std::string& who = "") {
        model::Vaccination v;
        v.residentId = who.empty() ? childId : who;
        v.vaccine = vaccine;
        v.dose = n;
        v.givenOn = d(on);
        v.batch = "202601A";
        v.site = vaccine == "bOPV" ? "oral" : "left_arm";
        return v;
    }
    std::size_t rows() {
        store::Statement st(*db, "SELECT count(*) FROM vaccination");
        st.step();
        return static_cast<std::size_t>(st.integer(0));
    }
    const im::DoseLine& line(const services::ImmunizationCard& c, const char* vaccine, int n) {
        for (const auto& l : c.lines)
            if (l.vaccine->code == vaccine && l.dose == n) return l;
        throw std::runtime_error("no such line");
    }
};

ValidationError refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e;
    }
    BOOST_FAIL("not refused");
    throw std::logic_error("unreachable");
}

bool hasField(const ValidationError& e, const char* field) {
    for (const auto& f : e.errors())
        if (f.field == field) return true;
    return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(immunization, ChildFixture)

BOOST_AUTO_TEST_CASE(doses_recorded_show_on_the_card_with_what_is_due_and_overdue) {
    auto svc = service();
    const auto saved = svc.record(dose("HepB", 1, "2026-01-31"));
    BOOST_TEST(saved.edition == "2021");
    BOOST_TEST(saved.givenBy == "doctor1");  // by default the user
    svc.record(dose("BCG", 1, "2026-02-02"));
    const auto card = svc.card(childId);
    BOOST_TEST(card.records.size() == 2u);
    BOOST_TEST(im::statusCode(line(card, "HepB", 1).status) == std::string("given"));
    // Seen on 2026-04-15: HepB 2 (1 month, 2026-02-28) was due by 2026-03-31 and is overdue;
    // IPV 1 (2 months, 2026-03-31) is due by 2026-04-30; DTaP 1 (3 months) from 2026-04-30.
    BOOST_TEST(im::statusCode(line(card, "HepB", 2).status) == std::string("overdue"));
    BOOST_TEST(im::describe(line(card, "HepB", 2)).find("2026-04-01") != std::string::npos);
    BOOST_TEST(im::statusCode(line(card, "IPV", 1).status) == std::string("due"));
    BOOST_TEST(im::statusCode(line(card, "DTaP", 1).status) == std::string("upcoming"));
    BOOST_TEST(card.duplicates == 0u);
}

BOOST_AUTO_TEST_CASE(a_refused_dose_names_its_fields_and_writes_nothing) {
    auto svc = service();
    auto bad = dose("HepB", 1, "2026-01-31");
    bad.batch = "  ";
    bad.site = "forehead";
    bad.givenOn.reset();
    const auto e = refusal([&] { svc.record(bad); });
    BOOST_TEST(hasField(e, "batch"));
    BOOST_TEST(hasField(e, "site"));
    BOOST_TEST(hasField(e, "given_on"));
    // The schedule's refusals: too early (DTaP from 3 months: 2026-04-30), a 66-year-old.
    const auto early = refusal([&] { svc.record(dose("DTaP", 1, "2026-04-10")); });
    BOOST_TEST(hasField(early, "given_on"));
    BOOST_TEST(std::string(early.what()).find("2026-04-30") != std::string::npos);
    const auto adult = refusal([&] { svc.record(dose("HepB", 1, "2026-03-01", adultId)); });
    BOOST_TEST(hasField(adult, "given_on"));
    BOOST_TEST(rows() == 0u);
}

BOOST_AUTO_TEST_CASE(a_dose_recorded_twice_is_refused_and_a_voided_one_can_be_entered_again) {
    auto svc = service();
    const auto first = svc.record(dose("HepB", 1, "2026-01-31"));
    const auto twice = refusal([&] { svc.record(dose("HepB", 1, "2026-02-01")); });
    BOOST_TEST(hasField(twice, "dose"));
    BOOST_TEST(hasField(refusal([&] { svc.voidRecord(first.id, " "); }), "reason"));
    const auto voided = svc.voidRecord(first.id, "日期录错");
    BOOST_TEST(voided.voided);
    BOOST_TEST(voided.voidedBy == "doctor1");
    BOOST_CHECK_THROW(svc.voidRecord(first.id, "again"), ConflictError);
    svc.record(dose("HepB", 1, "2026-02-01"));
    const auto card = svc.card(childId);
    BOOST_TEST(card.records.size() == 2u);  // the voided record stays in the history
    BOOST_TEST(formatDate(line(card, "HepB", 1).given->date) == "2026-02-01");
}

BOOST_AUTO_TEST_CASE(the_due_list_gives_each_child_its_doses_in_catch_up_order) {
    auto svc = service("2026-04-15");
    svc.record(dose("HepB", 1, "2026-01-31"));
    const auto due = svc.due("371721001", d("2026-04-15"));
    BOOST_REQUIRE_EQUAL(due.size(), 1u);  // the child; the adult is outside the ages
    BOOST_TEST(due[0].residentId == childId);
    std::vector<std::string> order;
    for (const auto& l : due[0].doses) order.push_back(l.vaccine->code + "/" + std::to_string(l.dose));
    const std::vector<std::string> expected = {"BCG/1", "HepB/2", "IPV/1"};
    BOOST_TEST(order == expected, boost::test_tools::per_element());
    // A village doctor of the other village sees none of it, and cannot record.
    auto other = service("2026-04-15", test::signedIn(rules::Role::VillageDoctor, test::kVillageB));
    BOOST_TEST(other.due("", d("2026-04-15")).empty());
    BOOST_CHECK_THROW(other.record(dose("BCG", 1, "2026-04-15")), PermissionError);
    // A supervisor reads but does not sign.
    auto supervisor = service("2026-04-15", test::signedIn(rules::Role::Supervisor));
    BOOST_TEST(supervisor.card(childId).records.size() == 1u);
    BOOST_CHECK_THROW(supervisor.record(dose("BCG", 1, "2026-04-15")), PermissionError);
}

BOOST_AUTO_TEST_CASE(the_site_chooses_the_2025_dtap_schedule) {
    auto svc = service("2026-04-15");
    BOOST_TEST(svc.edition() == "2021");
    BOOST_CHECK_THROW(service("2026-04-15", test::signedIn(rules::Role::VillageDoctor)).setEdition("2025"),
                      PermissionError);
    auto admin = service("2026-04-15", test::signedIn(rules::Role::Administrator));
    BOOST_CHECK_THROW(admin.setEdition("2019"), ValidationError);
    admin.setEdition("2025");
    BOOST_TEST(svc.edition() == "2025");
    // 2025: DTaP 1 at 2 months (2026-03-31), due on the day the 2021 table refused it.
    const auto saved = svc.record(dose("DTaP", 1, "2026-04-10"));
    BOOST_TEST(saved.edition == "2025");
    std::size_t dtap = 0, dt = 0;
    for (const auto& l : svc.card(childId).lines) {
        dtap += l.vaccine->code == "DTaP";
        dt += l.vaccine->code == "DT";
    }
    BOOST_TEST(dtap == 5u);
    BOOST_TEST(dt == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
