// Referrals on a real SQLite file (shared/domain/referrals.md): the slip from a follow-up,
// forward-only states, who may do what, expiry, the return slip and the 2-week follow-up.
#include <boost/test/unit_test.hpp>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/services/ChronicCare.h"
#include "core/services/Referrals.h"
#include "core/store/Site.h"

using namespace jiayi;
using services::Referrals;

namespace {

Date d(const char* text) { return parseDate(text).value(); }
std::int64_t at(const char* date, int hour = 9) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (std::chrono::sys_days{d(date)} + std::chrono::hours{hour}).time_since_epoch())
        .count();
}

struct ReferralFixture : test::DbFixture {
    std::string residentId;
    ReferralFixture() {
        services::Registry registry(*db, services::Session::bootstrap("doctor1"));
        services::Registration reg;
        reg.resident = test::sampleResident();
        reg.newHouseholdAddress = "西村 1 号";
        residentId = registry.registerResident(reg).id;
    }
    model::Referral slip() {
        model::Referral r;
        r.residentId = residentId;
        r.toInstitution = "庄寨镇卫生院";
        r.reason = "血压控制不满意";
        r.urgency = "routine";
        r.consent = true;
        r.referredOn = d("2026-03-01");
        return r;
    }
    Referrals referrals(const char* now = "2026-03-01", int hour = 9) {
        Referrals r(*db, services::Session::bootstrap("doctor1"));
        r.setNow(at(now, hour));
        return r;
    }
    // The receiver is another site: pretend by changing this database's site id.
    void becomeReceiver() {
        store::Transaction tx(*db);
        store::setSiteMeta(*db, "site_id", "receiver-site");
        tx.commit();
        db = store::Database::open(dir.file("jiayi.db"));  // a fresh change capture for the new id
    }
};

bool hasField(const ValidationError& e, const std::string& field) {
    for (const auto& x : e.errors())
        if (x.field == field) return true;
    return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(referrals, ReferralFixture)

// Issue 15, defect 7: 转出机构 was blank and the doctor a login name.
BOOST_AUTO_TEST_CASE(the_slip_names_the_clinic_and_the_doctor_as_the_settings_say) {
    test::enrolIn(*db, residentId, "htn", "2026-01-05");
    const auto visit = test::signVisit(*db, test::clinicVisit(residentId, "htn", "2026-03-01", 182, 112));
    {
        store::Transaction tx(*db);
        store::setClinicName(*db, "马山庄村卫生室");
        store::setDisplayName(*db, "doctor1", "黄海涛");
        tx.commit();
    }
    const auto draft = referrals().draftFromFollowUp(visit.id);
    BOOST_TEST(draft.fromInstitution == "马山庄村卫生室");
    BOOST_TEST(draft.fromDoctor == "黄海涛");
    BOOST_TEST(store::displayName(*db, "someone-else") == "someone-else");  // no name set: the login
}

BOOST_AUTO_TEST_CASE(slip_from_an_urgent_follow_up_carries_the_findings) {
    test::enrolIn(*db, residentId, "htn", "2026-01-05");
    auto f = test::clinicVisit(residentId, "htn", "2026-03-01", 182, 112);
    f.medicines = {{"硝苯地平缓释片", "2", "10mg"}};
    const auto visit = test::signVisit(*db, f);
    const auto draft = referrals().draftFromFollowUp(visit.id);
    BOOST_TEST(draft.urgency == "urgent");
    BOOST_TEST(draft.reason.find("182/112") != std::string::npos);
    BOOST_TEST(draft.treatment.find("硝苯地平") != std::string::npos);
    BOOST_TEST(draft.followUpId == visit.id);
    auto toSend = draft;
    toSend.toInstitution = "县人民医院";
    toSend.consent = true;
    const auto sent = referrals().create(toSend, true);
    BOOST_TEST(sent.state == "sent");
    BOOST_TEST(referrals().outbox().size() == 1u);
}

BOOST_AUTO_TEST_CASE(bad_slips_are_refused_with_the_field) {
    auto r = slip();
    r.toInstitution.clear();
    r.reason = " ";
    r.consent = false;
    r.urgency = "soon";
    try {
        referrals().create(r, true);
        BOOST_FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        for (const char* field : {"to_institution", "reason", "consent", "urgency"}) BOOST_TEST(hasField(e, field), field);
    }
    BOOST_TEST(referrals().outbox().empty());
}

BOOST_AUTO_TEST_CASE(states_move_forward_and_each_side_acts_for_itself) {
    const auto draft = referrals().create(slip(), false);
    BOOST_TEST(draft.state == "draft");
    BOOST_CHECK_THROW(referrals().accept(draft.id), ConflictError);  // not sent yet
    const auto sent = referrals().send(draft.id);
    BOOST_TEST(!sent.sentAt.empty());
    BOOST_CHECK_THROW(referrals().accept(sent.id), ConflictError);  // the sender cannot accept
    becomeReceiver();
    BOOST_CHECK_THROW(referrals().cancel(sent.id, "不需要"), ConflictError);  // only the sender cancels
    BOOST_TEST(referrals().inbox().size() == 1u);
    const auto accepted = referrals("2026-03-01", 15).accept(sent.id);
    BOOST_TEST(accepted.state == "accepted");
    BOOST_TEST(accepted.acceptedBy == "doctor1");
    model::Referral back;
    BOOST_CHECK_THROW(referrals().returnSlip(sent.id, back), ValidationError);  // diagnosis, outcome
    back.returnDiagnosis = "原发性高血压 2 级";
    back.returnOutcome = "improved";
    back.returnAdvice = "继续服药，两周后社区随访";
    back.returnedOn = d("2026-03-08");
    const auto returned = referrals("2026-03-08").returnSlip(sent.id, back);
    BOOST_TEST(returned.state == "returned");
    BOOST_TEST(returned.returnInstitution == "庄寨镇卫生院");
    BOOST_CHECK_THROW(referrals().accept(sent.id), ConflictError);  // never backwards
}

BOOST_AUTO_TEST_CASE(only_the_sender_closes_and_only_once_answered_or_expired) {
    const auto r = referrals("2026-03-01").create(slip(), true);
    BOOST_CHECK_THROW(referrals("2026-03-05").close(r.id), ConflictError);  // waiting for the answer
    BOOST_TEST(referrals("2026-03-16").close(r.id, "未接收").state == "closed");  // expired
    const auto other = referrals("2026-03-01").create(slip(), true);
    becomeReceiver();
    BOOST_CHECK_THROW(referrals("2026-03-02").close(other.id), ConflictError);  // not the sender
    model::Referral back;
    back.returnDiagnosis = "高血压";
    back.returnOutcome = "improved";
    back.returnedOn = d("2026-02-20");
    referrals("2026-03-02").accept(other.id);
    try {
        referrals("2026-03-02").returnSlip(other.id, back);
        BOOST_FAIL("expected a ValidationError");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.field() == "returned_on");
        BOOST_TEST(e.reason().find("2026-03-01") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(expiry_urgent_24_hours_routine_14_days) {
    auto urgent = slip();
    urgent.urgency = "urgent";
    const auto u = referrals("2026-03-01", 9).create(urgent, true);
    const auto r = referrals("2026-03-01", 9).create(slip(), true);
    BOOST_TEST(referrals("2026-03-02", 8).view(u.id).effectiveState == "sent");
    BOOST_TEST(referrals("2026-03-02", 10).view(u.id).effectiveState == "expired");
    BOOST_TEST(referrals("2026-03-15", 8).view(r.id).effectiveState == "sent");
    BOOST_TEST(referrals("2026-03-15", 10).view(r.id).effectiveState == "expired");
    becomeReceiver();
    BOOST_CHECK_THROW(referrals("2026-03-02", 10).accept(u.id), ConflictError);
    BOOST_TEST(referrals("2026-03-02", 8).accept(r.id).state == "accepted");
}

BOOST_AUTO_TEST_CASE(cancel_needs_a_reason_and_the_two_week_follow_up_is_listed) {
    const auto a = referrals().create(slip(), true);
    BOOST_CHECK_THROW(referrals().cancel(a.id, " "), ValidationError);
    const auto b = referrals().create(slip(), true);
    referrals().cancel(b.id, "患者拒绝");
    auto waiting = referrals("2026-03-20").awaitingFollowUp(test::kVillageA);
    BOOST_REQUIRE_EQUAL(waiting.size(), 1u);  // the cancelled one is not owed a follow-up
    BOOST_TEST(formatDate(*waiting[0].followUpDue) == "2026-03-15");
    BOOST_TEST(waiting[0].followUpOverdue);
    // A follow-up after the referral settles it.
    test::enrolIn(*db, residentId, "htn", "2026-01-05");
    auto call = test::clinicVisit(residentId, "htn", "2026-03-12", 130, 80);
    call.mode = "phone";
    test::signVisit(*db, call);
    BOOST_TEST(referrals("2026-03-20").awaitingFollowUp(test::kVillageA).empty());
}

BOOST_AUTO_TEST_SUITE_END()
