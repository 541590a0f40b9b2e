#include "core/services/Referrals.h"

#include "core/services/Guard.h"
#include "core/rules/Divisions.h"

#include <ctime>

#include "core/rules/Chronic.h"
#include "core/rules/CodeLists.h"
#include "core/rules/FieldChecker.h"
#include "core/rules/ResidentValidation.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/ReferralRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

using model::Referral;

namespace {

// Slip texts hold a history or a course of treatment: longer than a form's boxes.
constexpr std::size_t kMaxSlipText = 500;

std::string timestamp(std::int64_t unixSeconds) {
    const std::time_t t = static_cast<std::time_t>(unixSeconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::optional<std::int64_t> parseTimestamp(const std::string& text) {
    std::tm tm{};
    if (text.size() < 19 || !strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
    return static_cast<std::int64_t>(timegm(&tm));
}

// referrals.md, "States": which state each action may start from.
bool allowed(const std::string& from, const std::string& to) {
    if (to == "sent") return from == "draft";
    if (to == "accepted" || to == "refused") return from == "sent";
    if (to == "returned") return from == "accepted";
    if (to == "cancelled") return from == "draft" || from == "sent";
    if (to == "closed") return from == "returned" || from == "refused" || from == "expired";
    return false;
}

}  // namespace

std::string referralStateName(const std::string& state) {
    if (state == "draft") return tr("Draft");
    if (state == "sent") return tr("Sent");
    if (state == "accepted") return tr("Accepted");
    if (state == "refused") return tr("Refused");
    if (state == "returned") return tr("Returned");
    if (state == "closed") return tr("Closed");
    if (state == "cancelled") return tr("Cancelled");
    if (state == "expired") return tr("Expired");
    return state;
}

namespace {

void checkSlip(rules::Checker& check, const Referral& r) {
    if (r.toInstitution.empty()) check.add("to_institution", tr("Required: the receiving institution"));
    if (r.reason.empty()) check.add("reason", tr("Required: the main current illness or reason for referral"));
    check.code("urgency", "urgency", r.urgency, true);
    for (const auto& [field, text] : std::initializer_list<std::pair<const char*, const std::string*>>{
             {"to_institution", &r.toInstitution}, {"to_department", &r.toDepartment}, {"to_doctor", &r.toDoctor},
             {"from_institution", &r.fromInstitution}, {"from_doctor", &r.fromDoctor}, {"payment", &r.payment},
             {"purpose", &r.purpose}})
        check.length(field, *text, rules::kMaxTextLength);
    for (const auto& [field, text] : std::initializer_list<std::pair<const char*, const std::string*>>{
             {"impression", &r.impression}, {"reason", &r.reason}, {"past_history", &r.pastHistory},
             {"treatment", &r.treatment}})
        check.length(field, *text, kMaxSlipText);
    check.phone("from_phone", r.fromPhone);
}

}  // namespace

Referrals::Referrals(store::Database& db, Session session)
    : m_db(db), m_session(std::move(session)), m_user(m_session.login) {}

std::int64_t Referrals::now() const { return m_now ? *m_now : static_cast<std::int64_t>(std::time(nullptr)); }

Date Referrals::today() const {
    if (!m_now) return jiayi::today();
    return Date{std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{*m_now}})};
}

ReferralView Referrals::makeView(Referral r) {
    ReferralView v;
    v.effectiveState = r.state;
    // referrals.md, project decision: not accepted within 24 hours (urgent) or 14 days.
    if (r.state == "sent") {
        if (const auto sent = parseTimestamp(r.sentAt)) {
            const std::int64_t limit = r.urgency == "urgent" ? kUrgentAcceptHours * 3600LL
                                                             : kRoutineAcceptDays * 86400LL;
            if (now() > *sent + limit) v.effectiveState = "expired";
        }
    }
    if (auto resident = store::ResidentRepository(m_db).get(r.residentId)) {
        v.residentName = resident->name;
        v.archiveNo = resident->archiveNo;
        v.birthDate = resident->birthDate;
        v.phone = resident->phone;
    }
    // referrals.md: the sender follows up within 2 weeks of an up-referral.
    const bool owed = r.direction == "up" && (r.state == "sent" || r.state == "accepted" || r.state == "refused" ||
                                              r.state == "returned");
    if (owed && r.referredOn && !store::ReferralRepository(m_db).followedUpAfter(r.residentId, *r.referredOn)) {
        v.followUpDue = addDays(*r.referredOn, kReferralFollowUpDays);
        v.followUpOverdue = *v.followUpDue < today();
    }
    v.referral = std::move(r);
    return v;
}

Referral Referrals::draftFromFollowUp(const std::string& followUpId) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    const auto f = store::ChronicRepository(m_db).followUp(followUpId);
    if (!f) throw NotFoundError(tr("No such follow-up record"));
    Referral r;
    r.residentId = f->residentId;
    r.villageCode = f->villageCode;
    r.followUpId = f->id;
    r.urgency = f->nextStep == "urgent_refer" ? "urgent" : "routine";
    r.referredOn = f->visitDate;
    r.fromDoctor = store::displayName(m_db, m_user);
    r.fromInstitution = store::clinicName(m_db);
    const auto programme = rules::chronic::programmeFromCode(f->programme);
    r.impression = programme ? rules::chronic::programmeName(*programme) : f->programme;
    if (auto c = rules::chronic::classificationFromCode(f->classification))
        r.impression += " (" + rules::chronic::classificationName(*c) + ")";
    // The findings of the visit, filled in (chronic.md: the referral carries them).
    std::string findings;
    const auto add = [&](const std::string& s) { findings += (findings.empty() ? "" : "; ") + s; };
    if (f->systolic && f->diastolic)
        add(format(tr("Blood pressure {0}/{1} mmHg"), {std::to_string(*f->systolic), std::to_string(*f->diastolic)}));
    if (f->fastingGlucose) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", *f->fastingGlucose);
        add(format(tr("Fasting glucose {0} mmol/L"), {buf}));
    }
    if (f->heartRate) add(format(tr("Heart rate {0}/min"), {std::to_string(*f->heartRate)}));
    if (f->visitDate && f->nextDue)
        add(rules::chronic::describePlan(f->planCause, *f->visitDate, *f->nextDue, f->planPrevious, f->planDetail));
    r.reason = findings;
    std::string medicines;
    for (const auto& m : f->medicines)
        medicines += (medicines.empty() ? "" : "; ") + m.name + " " + m.dosePerTime + " ×" + m.timesPerDay;
    r.treatment = medicines;
    r.purpose = tr("Further diagnosis and treatment");
    return r;
}

Referral Referrals::create(Referral r, bool sendNow) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    store::Transaction tx(m_db);
    const auto resident = store::ResidentRepository(m_db).get(r.residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    rules::Checker check(today());
    for (auto* text : {&r.toInstitution, &r.toDepartment, &r.toDoctor, &r.impression, &r.reason, &r.pastHistory,
                       &r.treatment, &r.purpose, &r.fromInstitution, &r.fromDoctor, &r.fromPhone})
        *text = rules::trimmed(*text);
    if (!r.referredOn) r.referredOn = today();
    check.lifeDate("referred_on", r.referredOn, resident->birthDate);
    checkSlip(check, r);
    if (sendNow && !r.consent) check.add("consent", tr("Required: the patient agrees to the referral"));
    if (!check.errors().empty()) throw ValidationError(check.take());
    r.id = newUuidV7();
    r.villageCode = resident->villageCode;
    r.fromSite = store::siteId(m_db);
    // The clinic's name as it enrolled at the hub, unless the slip names another.
    if (r.fromInstitution.empty()) r.fromInstitution = store::clinicName(m_db);
    r.direction = "up";
    if (r.fromDoctor.empty()) r.fromDoctor = store::displayName(m_db, m_user);
    r.state = sendNow ? "sent" : "draft";
    r.stateEpoch = 0;
    if (sendNow) r.sentAt = timestamp(now());
    store::ReferralRepository(m_db).insert(r, m_user);
    tx.commit();
    return r;
}

Referral Referrals::editDraft(const Referral& edited) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    store::Transaction tx(m_db);
    store::ReferralRepository repo(m_db);
    auto r = repo.get(edited.id);
    if (!r) throw NotFoundError(tr("No such referral"));
    if (r->state != "draft") throw ConflictError(tr("Only a draft can be edited; this referral was sent"));
    auto next = edited;
    next.residentId = r->residentId;
    next.villageCode = r->villageCode;
    next.fromSite = r->fromSite;
    next.state = r->state;
    next.stateEpoch = r->stateEpoch;
    rules::Checker check(today());
    checkSlip(check, next);
    if (!check.errors().empty()) throw ValidationError(check.take());
    repo.update(next, m_user);
    tx.commit();
    return next;
}

Referral Referrals::transition(const std::string& id, const char* to, const std::function<void(Referral&)>& fill) {
    store::Transaction tx(m_db);
    store::ReferralRepository repo(m_db);
    auto r = repo.get(id);
    if (!r) throw NotFoundError(tr("No such referral"));
    const auto view = makeView(*r);
    const std::string target = to;
    const bool sender = r->fromSite == store::siteId(m_db);
    if (view.effectiveState == "expired" && target == "accepted")
        throw ConflictError(tr("The referral expired before it was accepted; ask the sender to refer again"));
    if (!allowed(view.effectiveState, target) && !allowed(r->state, target))
        throw ConflictError(format(tr("A referral that is \"{0}\" cannot become \"{1}\""),
                                   {referralStateName(view.effectiveState), referralStateName(target)}));
    const bool receiverAction = target == "accepted" || target == "refused" || target == "returned";
    if (receiverAction && sender)
        throw ConflictError(tr("The receiving institution answers a referral, not the workstation that sent it"));
    if ((target == "cancelled" || target == "sent" || target == "closed") && !sender)
        throw ConflictError(tr("Only the workstation that wrote the referral can send, cancel or close it"));
    r->state = target;
    fill(*r);
    repo.update(*r, m_user);
    tx.commit();
    return *r;
}

Referral Referrals::send(const std::string& id) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "sent", [&](Referral& r) {
        rules::Checker check(today());
        checkSlip(check, r);
        if (!r.consent) check.add("consent", tr("Required: the patient agrees to the referral"));
        if (!check.errors().empty()) throw ValidationError(check.take());
        r.sentAt = timestamp(now());
    });
}

Referral Referrals::accept(const std::string& id, const std::string& note) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "accepted", [&](Referral& r) {
        r.acceptedAt = timestamp(now());
        r.acceptedBy = m_user;
        if (!note.empty()) r.toDoctor = rules::trimmed(note);
    });
}

Referral Referrals::refuse(const std::string& id, const std::string& reason) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "refused", [&](Referral& r) {
        if (rules::trimmed(reason).empty()) throw ValidationError("refuse_reason", tr("Required: why it is refused"));
        r.refusedAt = timestamp(now());
        r.refusedBy = m_user;
        r.refuseReason = rules::trimmed(reason);
    });
}

Referral Referrals::returnSlip(const std::string& id, const Referral& slip) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "returned", [&](Referral& r) {
        rules::Checker check(today());
        if (rules::trimmed(slip.returnDiagnosis).empty()) check.add("return_diagnosis", tr("Required"));
        check.code("return_outcome", "return_outcome", slip.returnOutcome, true);
        check.length("return_diagnosis", slip.returnDiagnosis, kMaxSlipText);
        check.length("return_tests", slip.returnTests, kMaxSlipText);
        check.length("return_advice", slip.returnAdvice, kMaxSlipText);
        check.length("return_record_no", slip.returnRecordNo, rules::kMaxTextLength);
        check.length("return_institution", slip.returnInstitution, rules::kMaxTextLength);
        const auto on = slip.returnedOn ? slip.returnedOn : std::optional<Date>(today());
        check.lifeDate("returned_on", on, std::nullopt);
        if (on && r.referredOn && *on < *r.referredOn && !check.has("returned_on"))
            check.add("returned_on", format(tr("The return is before the referral on {0}"), {formatDate(*r.referredOn)}));
        if (!check.errors().empty()) throw ValidationError(check.take());
        r.returnDiagnosis = rules::trimmed(slip.returnDiagnosis);
        r.returnRecordNo = rules::trimmed(slip.returnRecordNo);
        r.returnTests = rules::trimmed(slip.returnTests);
        r.returnAdvice = rules::trimmed(slip.returnAdvice);
        r.returnOutcome = slip.returnOutcome;
        r.returnInstitution = slip.returnInstitution.empty() ? r.toInstitution : rules::trimmed(slip.returnInstitution);
        r.returnedBy = m_user;
        r.returnedOn = on;
    });
}

Referral Referrals::cancel(const std::string& id, const std::string& reason) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "cancelled", [&](Referral& r) {
        if (rules::trimmed(reason).empty()) throw ValidationError("cancel_reason", tr("Required: why it is cancelled"));
        r.cancelledAt = timestamp(now());
        r.cancelledBy = m_user;
        r.cancelReason = rules::trimmed(reason);
    });
}

Referral Referrals::close(const std::string& id, const std::string& note) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    return transition(id, "closed", [&](Referral& r) {
        r.closedAt = timestamp(now());
        r.closedBy = m_user;
        r.closeNote = rules::trimmed(note);
    });
}

Referral Referrals::get(const std::string& id) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    auto r = store::ReferralRepository(m_db).get(id);
    if (!r) throw NotFoundError(tr("No such referral"));
    return *r;
}

ReferralView Referrals::view(const std::string& id) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    auto v = makeView(get(id));
    return v;
}

std::vector<ReferralView> Referrals::outbox() {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<ReferralView> out;
    for (auto& r : store::ReferralRepository(m_db).fromSite(store::siteId(m_db))) out.push_back(makeView(std::move(r)));
    return out;
}

std::vector<ReferralView> Referrals::inbox() {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<ReferralView> out;
    for (auto& r : store::ReferralRepository(m_db).receivedIn(store::siteScope(m_db), store::siteId(m_db)))
        out.push_back(makeView(std::move(r)));
    return out;
}

std::vector<ReferralView> Referrals::ofResident(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<ReferralView> out;
    for (auto& r : store::ReferralRepository(m_db).ofResident(residentId)) out.push_back(makeView(std::move(r)));
    return out;
}

std::vector<ReferralView> Referrals::awaitingFollowUp(const std::string& scope) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<ReferralView> out;
    for (auto& r : store::ReferralRepository(m_db).withoutFollowUp(rules::scopePrefix(scope))) {
        auto v = makeView(std::move(r));
        if (v.followUpDue) out.push_back(std::move(v));
    }
    return out;
}

}  // namespace jiayi::services
