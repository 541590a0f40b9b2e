// Family-doctor contracts on a real SQLite file (../shared/domain/contracts.md, issue 17):
// teams, signing and its refusals, household signing, termination with a death or
// move-away, renewal and 重签, delivery that counts itself from the records, service
// entries, priority groups and coverage, and the review of a resident signed twice.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/Contracts.h"
#include "core/services/Referrals.h"
#include "core/services/Worklist.h"
#include "core/store/ContractRepository.h"
#include "core/store/Site.h"
#include "core/util/Uuid.h"

using namespace jiayi;
using services::ContractDraft;
using services::Contracts;
using rules::Role;
using rules::contracts::EndReason;
using rules::contracts::Group;

namespace {

Date d(const char* text) { return parseDate(text).value(); }

struct ContractFixture : test::DbFixture {
    services::Session doctor = test::signedIn(Role::TownshipDoctor);   // login township_doctor
    services::Session village = test::signedIn(Role::VillageDoctor);   // login village_doctor
    services::Session nurse = test::signedIn(Role::Nurse);             // login nurse
    services::Session organiser = test::signedIn(Role::PublicHealth);  // sets teams up
    std::string teamA, teamB;
    std::string elder;  // 张三, born 1960-05-01: 65+ in 2026

    ContractFixture() {
        auto t = Contracts(*db, organiser);
        model::CareTeam a;
        a.name = "西村团队";
        a.institution = "曹城街道卫生院";
        a.lead = doctor.login;
        a.villages = {test::kVillageA, test::kVillageB};
        teamA = t.createTeam(a, {test::teamMember(village.login, "village_doctor"), test::teamMember(nurse.login, "nurse")})
                    .team.id;
        model::CareTeam b;
        b.name = "东村团队";
        b.lead = "doctor_b";
        b.villages = {test::kVillageA, test::kVillageB};
        teamB = t.createTeam(b, {test::teamMember("nurse_b", "nurse")}).team.id;
        elder = registry().registerResident(test::registration(test::sampleResident())).id;
    }
    services::Registry registry() {
        services::Registry r(*db, services::Session::bootstrap("village_doctor"));
        r.setToday(d("2026-12-31"));
        return r;
    }
    Contracts as(const services::Session& s, const char* today = "2026-03-01") {
        Contracts c(*db, s);
        c.setToday(d(today));
        return c;
    }
    ContractDraft draft(const std::string& resident, const std::string& team, const char* start = "2026-03-01") {
        ContractDraft x;
        x.residentId = resident;
        x.teamId = team;
        x.signedOn = d(start);
        x.startOn = d(start);
        x.agreementSigned = true;
        return x;
    }
    std::string person(const char* name, const char* birth) {
        auto r = test::sampleResident();
        r.name = name;
        r.birthDate = parseDate(birth);
        r.idNumber.clear();
        return registry().registerResident(test::registration(r, std::string(name) + "家")).id;
    }
};

template <typename F>
ValidationError validation(F&& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e;
    }
    BOOST_FAIL("no ValidationError");
    throw std::logic_error("unreachable");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(contracts, ContractFixture)

BOOST_AUTO_TEST_CASE(a_team_needs_a_doctor_to_lead_and_a_nurse) {
    auto t = as(organiser);
    model::CareTeam x;
    x.name = "无护士团队";
    x.lead = doctor.login;
    x.villages = {test::kVillageA};
    BOOST_TEST(validation([&] { t.createTeam(x, {}); }).field() == "members");
    x.name = " ";
    BOOST_TEST(validation([&] { t.createTeam(x, {test::teamMember(nurse.login, "nurse")}); }).field() == "name");
    // A village doctor may not set a team up.
    x.name = "新团队";
    BOOST_CHECK_THROW(as(village).createTeam(x, {test::teamMember(nurse.login, "nurse")}), PermissionError);
    // The only nurse stays until another joins.
    BOOST_CHECK_THROW(t.removeMember(teamA, nurse.login), ConflictError);
    t.addMember(teamA, "nurse2", "nurse");
    const auto after = t.removeMember(teamA, nurse.login);
    BOOST_TEST(!after.signs(nurse.login));
    BOOST_TEST(after.signs(village.login));
    BOOST_TEST(after.signs(doctor.login));
}

BOOST_AUTO_TEST_CASE(a_doctor_of_the_team_signs_and_a_nurse_prepares) {
    // The nurse of the team prepares; she cannot sign.
    BOOST_CHECK_THROW(as(nurse).sign(draft(elder, teamA)), PermissionError);
    const auto pending = as(nurse).prepare(draft(elder, teamA));
    BOOST_TEST(pending.contract.state == "pending");
    BOOST_TEST(pending.contract.preparedBy == nurse.login);
    BOOST_CHECK_THROW(as(nurse).signPending(pending.contract.id, true, {}), PermissionError);
    // A doctor of another team cannot sign it either.
    auto other = test::signedIn(Role::TownshipDoctor);
    other.login = "doctor_b";
    BOOST_CHECK_THROW(as(other).signPending(pending.contract.id, true, {}), PermissionError);
    // Not without the agreement read and signed.
    BOOST_TEST(validation([&] { as(village).signPending(pending.contract.id, false, {}); }).field() ==
               "agreement_signed");
    const auto signedView = as(village, "2026-03-03").signPending(pending.contract.id, true, "女儿 张丽");
    BOOST_TEST(signedView.contract.state == "signed");
    BOOST_TEST(signedView.effectiveState == "signed");
    BOOST_TEST(formatDate(*signedView.contract.startOn) == "2026-03-03");  // starts when signed
    BOOST_TEST(formatDate(*signedView.contract.endOn) == "2027-03-02");
    BOOST_TEST(signedView.contract.signedFor == "女儿 张丽");
    BOOST_TEST(signedView.contract.signedBy == village.login);
    // The basic package is always in, and free.
    BOOST_TEST(signedView.contract.packages.front() == "basic");
    BOOST_TEST(signedView.contract.feeFen == 0);
}

BOOST_AUTO_TEST_CASE(the_preview_is_what_signing_would_do_and_writes_nothing) {
    const auto count = [&](const char* table) {
        auto& st = db->cached(std::string("SELECT count(*) FROM ") + table);
        st.step();
        const auto n = st.integer(0);
        st.reset();
        return n;
    };
    const auto changes = count("change_log");
    const auto audit = count("audit_log");
    auto x = draft(elder, teamA);
    x.packages = {"elderly_home", "chronic_plus"};
    x.insuranceFen = 10000;
    const auto p = as(doctor).preview(x, true);
    BOOST_REQUIRE(p.contract.has_value());
    BOOST_TEST(p.contract->feeFen == 18000);
    BOOST_TEST(p.contract->residentFen == 8000);
    BOOST_TEST(formatDate(*p.contract->endOn) == "2027-02-28");
    x.endOn = d("2026-01-01");
    x.agreementSigned = false;
    const auto bad = as(doctor).preview(x, true);
    BOOST_TEST(!bad.contract.has_value());
    BOOST_TEST(bad.errors.front().field == "end_on");
    // A nurse's preview of signing says why; it leaves no refusal in the audit trail.
    const auto nurseTry = as(nurse).preview(draft(elder, teamA), true);
    BOOST_REQUIRE_EQUAL(nurseTry.errors.size(), 1U);
    BOOST_TEST(nurseTry.errors.front().field.empty());
    BOOST_TEST(count("change_log") == changes);
    BOOST_TEST(count("audit_log") == audit);
    // Signing itself leaves the refusal.
    BOOST_CHECK_THROW(as(nurse).sign(draft(elder, teamA)), PermissionError);
    BOOST_TEST(count("audit_log") == audit + 1);
}

BOOST_AUTO_TEST_CASE(each_refusal_names_its_field_or_the_contract_in_force) {
    auto c = as(doctor);
    auto x = draft(elder, teamA);
    x.endOn = d("2026-02-01");
    BOOST_TEST(validation([&] { c.sign(x); }).field() == "end_on");
    x = draft(elder, teamA);
    x.agreementSigned = false;
    BOOST_TEST(validation([&] { c.sign(x); }).field() == "agreement_signed");
    x = draft(elder, teamA);
    x.signedOn = d("2026-03-02");  // tomorrow
    BOOST_TEST(validation([&] { c.sign(x); }).field() == "signed_on");
    x = draft(elder, teamA);
    x.packages = {"no_such"};
    BOOST_TEST(validation([&] { c.sign(x); }).field() == "packages");
    x = draft(elder, teamA);
    x.packages = {"elderly_home"};
    x.insuranceFen = 6001;  // the package costs 60 yuan
    BOOST_TEST(validation([&] { c.sign(x); }).field() == "insurance");
    x.insuranceFen = 4000;
    const auto first = c.sign(x);
    BOOST_TEST(first.contract.feeFen == 6000);
    BOOST_TEST(first.contract.residentFen == 2000);
    // A second contract: with the same team, renew; with another, 重签 must be chosen.
    try {
        c.sign(draft(elder, teamA, "2026-03-01"));
        BOOST_FAIL("a second contract with the same team was accepted");
    } catch (const ConflictError& e) {
        BOOST_TEST(std::string(e.what()).find("renew it instead") != std::string::npos);
    }
    auto otherDoctor = test::signedIn(Role::TownshipDoctor);
    otherDoctor.login = "doctor_b";
    try {
        as(otherDoctor, "2026-05-01").sign(draft(elder, teamB, "2026-05-01"));
        BOOST_FAIL("a second contract was accepted");
    } catch (const ConflictError& e) {
        BOOST_TEST(std::string(e.what()).find("西村团队") != std::string::npos);
    }
    // 重签: the old contract ends the day before the new start.
    auto resign = draft(elder, teamB, "2026-05-01");
    resign.replaces = first.contract.id;
    const auto second = as(otherDoctor, "2026-05-01").sign(resign);
    BOOST_TEST(second.effectiveState == "signed");
    const auto old = as(doctor, "2026-05-01").view(first.contract.id);
    BOOST_TEST(old.contract.state == "terminated");
    BOOST_TEST(old.contract.endReason == "resigned");
    BOOST_TEST(formatDate(*old.contract.endedOn) == "2026-04-30");
    const auto now = as(doctor, "2026-05-01").current(elder, d("2026-05-01"));
    BOOST_REQUIRE(now.has_value());
    BOOST_TEST(now->contract.id == second.contract.id);
    BOOST_TEST(as(doctor, "2026-05-01").current(elder, d("2026-04-30"))->contract.id == first.contract.id);
}

BOOST_AUTO_TEST_CASE(a_death_or_a_move_ends_the_contract_in_the_same_transaction) {
    const auto c = as(doctor).sign(draft(elder, teamA));
    // The death is recorded on 2026-07-20, dated 2026-06-10.
    const auto before = store::changesSince(*db, store::siteId(*db), 0, 100000).size();
    registry().close(elder, model::RecordStatus::Dead, d("2026-06-10"), "心肌梗死");
    const auto after = as(doctor, "2026-07-20").view(c.contract.id);
    BOOST_TEST(after.contract.state == "terminated");
    BOOST_TEST(after.contract.endReason == "dead");
    BOOST_TEST(formatDate(*after.contract.endedOn) == "2026-06-10");
    // One transaction: the record, the membership and the contract, in consecutive entries.
    const auto entries = store::changesSince(*db, store::siteId(*db), 0, 100000);
    bool contractLogged = false;
    for (std::size_t i = before; i < entries.size(); ++i) contractLogged = contractLogged || entries[i].table == "contract";
    BOOST_TEST(contractLogged);
    // And no contract for the dead.
    const auto other = person("李四", "1950-01-01");
    registry().close(other, model::RecordStatus::Moved, d("2026-02-01"), "迁往济南");
    try {
        as(doctor).sign(draft(other, teamA));
        BOOST_FAIL("signed for a moved resident");
    } catch (const ConflictError& e) {
        BOOST_TEST(std::string(e.what()).find("2026-02-01") != std::string::npos);
    }
    BOOST_CHECK_THROW(as(doctor).sign(draft(elder, teamA)), ConflictError);
}

BOOST_AUTO_TEST_CASE(renewal_opens_thirty_days_before_the_end_and_keeps_the_history) {
    const auto first = as(doctor).sign(draft(elder, teamA));  // 2026-03-01 → 2027-02-28
    BOOST_CHECK_THROW(as(doctor, "2027-01-28").renew(first.contract.id), ConflictError);
    BOOST_TEST(!as(doctor, "2027-01-28").view(first.contract.id).renewalDue);
    BOOST_TEST(as(doctor, "2027-01-29").view(first.contract.id).renewalDue);
    const auto next = as(doctor, "2027-01-29").renew(first.contract.id);
    BOOST_TEST(formatDate(*next.contract.startOn) == "2027-03-01");
    BOOST_TEST(formatDate(*next.contract.endOn) == "2028-02-29");
    BOOST_TEST(next.contract.renews == first.contract.id);
    const auto history = as(doctor, "2027-01-29").ofResident(elder);
    BOOST_REQUIRE_EQUAL(history.size(), 2U);
    BOOST_TEST(history.back().contract.state == "renewed");
    BOOST_TEST(!history.back().renewalDue);  // renewed: no more reminder
    // Expired, not renewed: read from the end date.
    const auto lone = person("王五", "1990-02-02");
    const auto c = as(doctor).sign(draft(lone, teamA));
    BOOST_TEST(as(doctor, "2027-02-28").view(c.contract.id).effectiveState == "signed");
    BOOST_TEST(as(doctor, "2027-03-01").view(c.contract.id).effectiveState == "expired");
}

BOOST_AUTO_TEST_CASE(a_household_signs_in_one_go_and_each_member_holds_a_contract) {
    const auto head = person("赵一", "1955-03-03");
    const auto household = services::Registry(*db, services::Session::bootstrap("x")).householdOf(head)->id;
    auto child = test::sampleResident();
    child.name = "赵小二";
    child.birthDate = d("2021-06-01");
    child.idNumber = "";
    services::Registration reg;
    reg.resident = child;
    reg.householdId = household;
    reg.relation = "2";
    const auto childId = registry().registerResident(reg).id;
    const auto contracts = as(doctor).signHousehold(household, draft("", teamA));
    BOOST_REQUIRE_EQUAL(contracts.size(), 2U);
    BOOST_TEST(contracts[0].contract.signingId == contracts[1].contract.signingId);
    BOOST_TEST(contracts[0].contract.householdId == household);
    // All or nothing: signing again refuses the whole household and writes nothing.
    const auto entries = store::changesSince(*db, store::siteId(*db), 0, 100000).size();
    BOOST_CHECK_THROW(as(doctor).signHousehold(household, draft("", teamA)), ConflictError);
    BOOST_TEST(store::changesSince(*db, store::siteId(*db), 0, 100000).size() == entries);
    // The head dies; the child stays signed.
    registry().close(head, model::RecordStatus::Dead, d("2026-08-01"), "");
    BOOST_TEST(!as(doctor, "2026-09-01").current(head, d("2026-09-01")).has_value());
    BOOST_TEST(as(doctor, "2026-09-01").current(childId, d("2026-09-01")).has_value());
}

BOOST_AUTO_TEST_CASE(one_combined_visit_closes_the_items_of_both_programmes_and_the_contract) {
    test::enrolIn(*db, elder, "htn", "2026-01-10");
    test::enrolIn(*db, elder, "t2d", "2026-01-10");
    auto x = draft(elder, teamA);
    x.packages = {"chronic_plus"};
    const auto c = as(doctor).sign(x);
    // One visit, two programmes' forms.
    auto htn = test::clinicVisit(elder, "htn", "2026-04-10", 132, 84);
    auto t2d = test::clinicVisit(elder, "t2d", "2026-04-10", 132, 84);
    t2d.fastingGlucose = 6.5;
    services::ChronicCare care(*db, services::Session::bootstrap("village_doctor"));
    care.setToday(d("2026-12-31"));
    const auto visit = test::signPreviewed(care, {htn, t2d});
    // A visit before the contract does not count.
    test::signVisit(*db, test::clinicVisit(elder, "htn", "2026-02-20", 130, 80));
    const auto s = as(doctor, "2026-04-10").delivery(c.contract.id, d("2026-04-10"));
    std::map<std::string, services::ItemDelivery> items;
    for (const auto& i : s.items) items[i.item] = i;
    BOOST_TEST(items.count("htn_followup") == 1U);
    BOOST_TEST(items["htn_followup"].progress.delivered == 1);
    BOOST_TEST(items["t2d_followup"].progress.delivered == 1);
    BOOST_TEST(items["extra_followup"].progress.delivered == 1);  // one visit, counted once
    BOOST_TEST(items["health_guidance"].progress.delivered == 1);
    BOOST_TEST(items["htn_followup"].records.front().id == visit.records.front().id);  // the link
    BOOST_TEST(items["annual_check"].progress.delivered == 0);
    BOOST_TEST(items.count("home_visit") == 0U);  // not in the packages signed
    // A correction of the visit is a new version: still one.
    auto fixed = htn;
    fixed.systolic = 128;
    care.correct(visit.records.front().id, fixed, "typed 132 instead of 128");
    const auto again = as(doctor, "2026-04-10").delivery(c.contract.id, d("2026-04-10"));
    for (const auto& i : again.items)
        if (i.item == "htn_followup") {
            BOOST_TEST(i.progress.delivered == 1);
            BOOST_TEST(i.records.front().id != visit.records.front().id);  // the current version
        }
    // 4 follow-ups a year: by 2026-09-01 two are due, one delivered: overdue.
    const auto later = as(doctor, "2026-09-01").delivery(c.contract.id, d("2026-09-01"));
    for (const auto& i : later.items)
        if (i.item == "htn_followup") {
            BOOST_TEST((i.progress.status == rules::contracts::ItemStatus::Overdue));
            BOOST_TEST(i.progress.dueSoFar == 2);
        }
    BOOST_TEST(later.overdueItems > 0);
    BOOST_TEST(later.delivered <= later.dueSoFar);
}

BOOST_AUTO_TEST_CASE(a_service_entry_delivers_an_item_without_a_record_type) {
    auto x = draft(elder, teamA);
    x.packages = {"elderly_home"};
    const auto c = as(doctor).sign(x);
    model::ServiceEntry e;
    e.residentId = elder;
    e.item = "home_visit";
    e.mode = "home";
    e.serviceDate = d("2026-03-20");
    e.note = "入户随访，未测量";
    auto v = as(village, "2026-03-20");
    v.recordService(e);
    auto wrong = e;
    wrong.item = "referral_help";  // not a package this resident signed
    BOOST_TEST(validation([&] { v.recordService(wrong); }).field() == "item");
    auto future = e;
    future.serviceDate = d("2026-03-21");
    BOOST_TEST(validation([&] { v.recordService(future); }).field() == "service_date");
    auto badMode = e;
    badMode.mode = "fax";
    BOOST_TEST(validation([&] { v.recordService(badMode); }).field() == "mode");
    BOOST_CHECK_THROW(as(test::signedIn(Role::Supervisor), "2026-03-20").recordService(e), PermissionError);
    const auto s = as(doctor, "2026-03-20").delivery(c.contract.id, d("2026-03-20"));
    for (const auto& i : s.items)
        if (i.item == "home_visit") {
            BOOST_TEST(i.progress.delivered == 1);
            BOOST_TEST(i.records.front().table == "service_entry");
        }
}

BOOST_AUTO_TEST_CASE(priority_groups_from_the_record_and_by_hand_and_the_coverage) {
    // 65 on 2026-12-08: not yet on the 7th, priority on the 8th.
    const auto turning = person("钱六", "1961-12-08");
    auto c = as(doctor, "2026-12-08");
    BOOST_TEST(c.groupsOf(turning, d("2026-12-07")).empty());
    BOOST_TEST((c.groupsOf(turning, d("2026-12-08")) == std::vector<Group>{Group::Elderly65}));
    // A tag set by hand; a detectable group cannot be set by hand.
    const auto poor = person("孙七", "1980-01-01");
    c.setTag(poor, Group::LowIncome, true);
    BOOST_TEST((c.groupsOf(poor, d("2026-12-08")) == std::vector<Group>{Group::LowIncome}));
    BOOST_TEST(validation([&] { c.setTag(poor, Group::Elderly65, true); }).field() == "tag");
    c.setTag(poor, Group::LowIncome, false);
    BOOST_TEST(c.groupsOf(poor, d("2026-12-08")).empty());
    c.setTag(poor, Group::LowIncome, true);
    // Coverage: the elder signed; the two others priority and not signed.
    as(doctor, "2026-12-08").sign(draft(elder, teamA, "2026-12-08"));
    const auto cov = as(doctor, "2026-12-08").coverage(test::kVillageA, {}, d("2026-12-08"));
    BOOST_TEST(cov.all.people == 3);
    BOOST_TEST(cov.priority.people == 3);
    BOOST_TEST(cov.priority.signedPeople == 1);
    BOOST_REQUIRE_EQUAL(cov.priorityUnsigned.size(), 2U);
    BOOST_TEST(cov.byGroup.at(Group::Elderly65).people == 2);
    BOOST_TEST(cov.byGroup.at(Group::Elderly65).signedPeople == 1);
    BOOST_TEST(cov.signedByDoctor.at(doctor.login) == 1);
    BOOST_TEST(cov.doctorsPastLimit.empty());
    // The team's dashboard counts the same.
    const auto team = as(doctor, "2026-12-08").coverage({}, teamA, d("2026-12-08"));
    BOOST_TEST(team.contracts == 1);
    BOOST_TEST(team.priority.people == 3);
}

BOOST_AUTO_TEST_CASE(a_resident_signed_twice_elsewhere_waits_for_review) {
    const auto first = as(doctor).sign(draft(elder, teamA));
    // Another site signed the same resident with team B, offline, a little later: the row
    // arrives as it was written there.
    auto copy = first.contract;
    copy.id = newUuidV7(store::wallClockMillis() + 1000);  // made a second later
    copy.teamId = teamB;
    copy.doctor = "doctor_b";
    // Signed in the same second: the id (UUIDv7, later) decides, the same way at every site.
    copy.signedAt = first.contract.signedAt;
    {
        store::Transaction tx(*db);
        store::ContractRepository(*db).insert(copy, "doctor_b");
        tx.commit();
    }
    BOOST_TEST(first.contract.id < copy.id);
    const auto waiting = as(doctor).view(copy.id);
    BOOST_TEST(waiting.effectiveState == "review");
    BOOST_TEST(waiting.standingInstead == first.contract.id);
    BOOST_TEST(as(doctor).view(first.contract.id).effectiveState == "signed");
    BOOST_TEST(as(doctor).current(elder, d("2026-03-01"))->contract.id == first.contract.id);
    const auto cases = as(doctor).inReview({}, d("2026-03-01"));
    BOOST_REQUIRE_EQUAL(cases.size(), 1U);
    BOOST_TEST(cases.front().waiting.contract.id == copy.id);
    // Counted once.
    BOOST_TEST(as(doctor).coverage({}, {}, d("2026-03-01")).all.signedPeople == 1);
    BOOST_TEST(as(doctor).deliveryIn({}, {}, d("2026-03-01")).size() == 1U);
    // The resident chose team B: a doctor keeps that one; the other ends, never in force.
    auto doctorB = test::signedIn(Role::TownshipDoctor);
    doctorB.login = "doctor_b";
    as(doctorB).resolveReview(copy.id, "居民选择东村团队");
    BOOST_TEST(as(doctor).view(copy.id).effectiveState == "signed");
    const auto ended = as(doctor).view(first.contract.id);
    BOOST_TEST(ended.contract.state == "terminated");
    BOOST_TEST(formatDate(*ended.contract.endedOn) == "2026-02-28");
    BOOST_TEST(as(doctor).inReview({}, d("2026-03-01")).empty());
}

BOOST_AUTO_TEST_CASE(services_overdue_and_renewals_are_on_the_worklist_in_words) {
    test::enrolIn(*db, elder, "htn", "2026-01-10");
    auto x = draft(elder, teamA);
    x.packages = {"elderly_home"};
    const auto c = as(doctor).sign(x);
    const auto contractLines = [&](const char* day) {
        std::vector<services::WorkItem> out;
        for (auto& i : services::Worklist(*db, doctor).build({}, d(day)))
            if (i.kind == services::WorkKind::Contract) out.push_back(i);
        return out;
    };
    BOOST_TEST(contractLines("2026-05-01").empty());  // nothing overdue or due within the week
    // The first of 4 blood-pressure checks falls due on 2026-05-31 (a quarter of the term):
    // on the list from a week before.
    BOOST_TEST(contractLines("2026-05-23").empty());
    const auto soon = contractLines("2026-05-24");
    BOOST_REQUIRE_EQUAL(soon.size(), 1U);
    BOOST_TEST(soon.front().reason.find("2026-05-31") != std::string::npos);
    BOOST_TEST(soon.front().daysOverdue == 0);
    const auto lines = contractLines("2026-09-01");
    BOOST_REQUIRE_EQUAL(lines.size(), 1U);
    BOOST_TEST(lines.front().enrolmentId == c.contract.id);
    BOOST_TEST(lines.front().reason.find("上门随访") != std::string::npos);  // the home visit, in words
    // The hypertension follow-ups stay on the follow-up lines, not twice.
    BOOST_TEST(lines.front().reason.find("高血压患者随访") == std::string::npos);
    BOOST_TEST(lines.front().daysOverdue > 0);
    // A home follow-up delivers the home visit; 30 days before the end the renewal shows.
    auto home = test::clinicVisit(elder, "htn", "2026-08-30", 128, 82);
    home.mode = "home";
    test::signVisit(*db, home);
    const auto renewal = contractLines("2027-01-29");
    BOOST_REQUIRE_EQUAL(renewal.size(), 1U);
    BOOST_TEST(renewal.front().reason.find("2027-02-28") != std::string::npos);
    // Another doctor's list does not show it.
    services::Worklist list(*db, doctor);
    bool shown = false;
    for (const auto& i : list.build({"", "village_doctor"}, d("2027-01-29")))
        shown = shown || i.kind == services::WorkKind::Contract;
    BOOST_TEST(!shown);
}

BOOST_AUTO_TEST_SUITE_END()
