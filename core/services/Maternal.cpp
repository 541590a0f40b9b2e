#include "core/services/Maternal.h"

#include <algorithm>

#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/services/Guard.h"
#include "core/services/Registry.h"
#include "core/store/Database.h"
#include "core/store/HouseholdRepository.h"
#include "core/store/MaternalRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace mat = rules::maternal;
using rules::trimmed;

namespace {

// Postpartum care ends with the 42-day check's window (delivery + 56 days).
constexpr int kFollowedAfterDeliveryDays = 56;

mat::PregnancyDates datesOf(const model::Pregnancy& p) {
    return {*p.lmp, p.deliveredOn, p.dischargedOn, p.state == "ended"};
}

std::vector<mat::Done> doneOf(const std::vector<model::MaternalVisit>& visits) {
    std::vector<mat::Done> out;
    for (const auto& v : visits)
        if (v.visitDate) out.push_back({v.id, v.visitCode, *v.visitDate});
    return out;
}

mat::VisitForm formOf(const model::MaternalVisit& v) {
    return {v.visitCode, v.visitDate, v.systolic, v.diastolic, v.weightKg, v.fastingGlucose, v.hemoglobin};
}

}  // namespace

Maternal::Maternal(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

Date Maternal::today() const { return m_today ? *m_today : jiayi::today(); }

model::Pregnancy Maternal::registerPregnancy(model::Pregnancy p) {
    store::Transaction tx(m_db);
    const auto r = store::ResidentRepository(m_db).get(p.residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(r->villageCode);
    if (r->status != model::RecordStatus::Active) throw ConflictError(format(tr("The record of {0} is closed"), {r->name}));
    auto errors = mat::validateRegistration({p.lmp, p.gravidity, p.parity, r->birthDate, r->sex}, today());
    rules::Checker check(today());
    check.codes("risks", "pregnancy_risk", p.risks, false);
    p.note = trimmed(p.note);
    check.length("note", p.note, 500);
    for (auto& e : check.take()) errors.push_back(std::move(e));
    if (!errors.empty()) throw ValidationError(std::move(errors));
    store::MaternalRepository repo(m_db);
    for (const auto& other : repo.ofResident(r->id))
        if (other.state == "pregnant")
            throw ConflictError(format(tr("{0} has a pregnancy registered on {1} still open: record its delivery or end"),
                                       {r->name, other.registeredOn ? formatDate(*other.registeredOn) : "?"}));
    p.id = newUuidV7();
    p.villageCode = r->villageCode;
    p.edd = mat::expectedDelivery(*p.lmp);
    if (r->birthDate && ageOn(*r->birthDate, *p.edd) >= 35 &&
        std::find(p.risks.begin(), p.risks.end(), "advanced_age") == p.risks.end())
        p.risks.insert(p.risks.begin(), "advanced_age");
    p.registeredOn = today();
    p.doctor = m_session.login;
    p.state = "pregnant";
    p.stateEpoch = 0;
    p.deliveredOn.reset();
    p.dischargedOn.reset();
    p.endedOn.reset();
    p.babies.clear();
    repo.insert(p, m_session.login);
    tx.commit();
    return p;
}

std::vector<rules::chronic::UrgentFinding> Maternal::urgentFindings(const std::string& pregnancyId,
                                                                    const model::MaternalVisit& v) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto p = store::MaternalRepository(m_db).get(pregnancyId);
    if (!p) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).requireArea(p->villageCode);
    const auto r = store::ResidentRepository(m_db).get(p->residentId);
    const auto on = v.visitDate.value_or(today());
    return mat::urgentFindings(formOf(v), on, r && r->birthDate ? ageOn(*r->birthDate, on) : 30);
}

Maternal::SavedVisit Maternal::recordVisit(model::MaternalVisit v) {
    store::Transaction tx(m_db);
    store::MaternalRepository repo(m_db);
    const auto p = repo.get(v.pregnancyId);
    if (!p) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(p->villageCode);
    if (p->state == "ended")
        throw ConflictError(format(tr("This pregnancy ended on {0}"), {p->endedOn ? formatDate(*p->endedOn) : "?"}));
    v.visitCode = trimmed(v.visitCode);
    v.note = trimmed(v.note);
    auto errors = mat::validateVisit(mat::visitTable(), formOf(v), datesOf(*p), doneOf(repo.visitsOf(p->id)), today());
    rules::Checker check(today());
    check.length("note", v.note, 500);
    for (auto& e : check.take()) errors.push_back(std::move(e));
    if (!errors.empty()) throw ValidationError(std::move(errors));
    v.id = newUuidV7();
    v.residentId = p->residentId;
    v.villageCode = p->villageCode;
    v.doctor = m_session.login;
    v.signedAt = timestampNow();
    repo.insert(v, m_session.login);
    tx.commit();
    const auto r = store::ResidentRepository(m_db).get(p->residentId);
    return {v, mat::urgentFindings(formOf(v), *v.visitDate, r && r->birthDate ? ageOn(*r->birthDate, *v.visitDate) : 30)};
}

model::Referral Maternal::draftReferral(const std::string& visitId) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    store::MaternalRepository repo(m_db);
    const auto visit = repo.visit(visitId);
    if (!visit) throw NotFoundError(tr("No such maternal visit"));
    const auto pregnancy = repo.get(visit->pregnancyId);
    if (!pregnancy) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).requireArea(pregnancy->villageCode);
    const auto r = store::ResidentRepository(m_db).get(visit->residentId);
    const auto urgent = mat::urgentFindings(formOf(*visit), *visit->visitDate,
                                            r && r->birthDate ? ageOn(*r->birthDate, *visit->visitDate) : 30);
    const auto* rule = mat::visitTable().find(visit->visitCode);
    model::Referral ref;
    ref.residentId = visit->residentId;
    ref.villageCode = visit->villageCode;
    ref.urgency = urgent.empty() ? "routine" : "urgent";
    ref.referredOn = visit->visitDate;
    ref.fromDoctor = store::displayName(m_db, m_session.login);
    ref.fromInstitution = store::clinicName(m_db);
    const bool antenatal = rule && rule->antenatal();
    ref.impression = antenatal ? format(tr("Pregnancy, {0}"), {mat::text(mat::gestationalAge(*pregnancy->lmp, *visit->visitDate))})
                               : tr("Postpartum");
    std::string findings;
    const auto add = [&](const std::string& s) { findings += (findings.empty() ? "" : "; ") + s; };
    if (visit->systolic && visit->diastolic)
        add(format(tr("Blood pressure {0}/{1} mmHg"), {std::to_string(*visit->systolic), std::to_string(*visit->diastolic)}));
    if (visit->fastingGlucose) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", *visit->fastingGlucose);
        add(format(tr("Fasting glucose {0} mmol/L"), {buf}));
    }
    for (const auto& u : urgent) add(u.reason);
    ref.reason = findings;
    ref.pastHistory = format(tr("Gravidity {0}, parity {1}; expected delivery {2}"),
                             {std::to_string(pregnancy->gravidity.value_or(0)), std::to_string(pregnancy->parity.value_or(0)),
                              formatDate(*pregnancy->edd)});
    ref.purpose = tr("Further diagnosis and treatment");
    return ref;
}

Maternal::Delivered Maternal::recordDelivery(const DeliveryRequest& d) {
    store::Transaction tx(m_db);
    store::MaternalRepository repo(m_db);
    auto p = repo.get(d.pregnancyId);
    if (!p) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    Guard(m_db, m_session).requireArea(p->villageCode);
    if (p->state != "pregnant")
        throw ConflictError(p->state == "delivered" ? format(tr("The delivery was recorded on {0} already"),
                                                             {p->deliveredOn ? formatDate(*p->deliveredOn) : "?"})
                                                    : tr("This pregnancy has ended"));
    const auto mother = store::ResidentRepository(m_db).get(p->residentId);
    if (!mother) throw NotFoundError(tr("No such resident"));
    rules::Checker check(today());
    if (!d.deliveredOn) check.add("delivered_on", tr("Required"));
    check.lifeDate("delivered_on", d.deliveredOn, p->lmp);
    if (d.deliveredOn && *d.deliveredOn < addDays(*p->lmp, 20 * 7))
        check.add("delivered_on", format(tr("A delivery before 20 weeks ({0}) is an ended pregnancy, not a birth"),
                                         {formatDate(addDays(*p->lmp, 20 * 7))}));
    check.lifeDate("discharged_on", d.dischargedOn, d.deliveredOn);
    check.code("place", "delivery_place", d.place, true);
    check.code("mode", "delivery_mode", d.mode, true);
    if (d.babies.empty()) check.add("babies", tr("Required: at least one baby (sex)"));
    std::vector<model::Resident> existing;
    for (const auto& b : d.babies) {
        if (!b.existingId.empty()) {
            const auto baby = store::ResidentRepository(m_db).get(b.existingId);
            if (!baby) throw NotFoundError(tr("No such resident"));
            if (!d.deliveredOn || baby->birthDate != d.deliveredOn)
                check.add("babies", format(tr("{0} was not born on the day of the delivery"), {baby->name}));
            existing.push_back(*baby);
            continue;
        }
        check.code("sex", "sex", b.sex, true);
        check.length("name", trimmed(b.name), 50);
    }
    if (!check.errors().empty()) throw ValidationError(check.take());
    // The newborns join the mother's household (her child, or the head's grandchild).
    const auto membership = store::HouseholdRepository(m_db).currentMembership(mother->id);
    Registry registry(m_db, m_session);
    registry.setToday(*d.deliveredOn);
    Delivered out;
    for (auto& baby : existing) {
        p->babies.push_back(baby.id);
        out.babies.push_back(std::move(baby));
    }
    for (const auto& b : d.babies) {
        if (!b.existingId.empty()) continue;
        Registration reg;
        reg.resident.name = trimmed(b.name).empty() ? mother->name + (b.sex == "1" ? "之子" : "之女") : trimmed(b.name);
        reg.resident.sex = b.sex;
        reg.resident.birthDate = d.deliveredOn;
        reg.resident.villageCode = mother->villageCode;
        reg.resident.residenceType = mother->residenceType;
        reg.resident.ethnicity = mother->ethnicity;
        reg.confirmedNotDuplicate = true;
        if (membership) {
            reg.householdId = membership->householdId;
            const auto& rel = membership->relation;
            reg.relation = rel == "0" || rel == "1" ? (b.sex == "1" ? "2" : "3") : rel == "2" || rel == "3" ? "5" : "7";
        } else {
            reg.newHouseholdAddress = tr("(the mother's address)");
        }
        auto baby = registry.registerInTransaction(reg);
        p->babies.push_back(baby.id);
        out.babies.push_back(std::move(baby));
    }
    p->state = "delivered";
    p->deliveredOn = d.deliveredOn;
    p->dischargedOn = d.dischargedOn;
    p->deliveryPlace = d.place;
    p->deliveryMode = d.mode;
    repo.update(*p, m_session.login);
    tx.commit();
    out.pregnancy = *p;
    return out;
}

model::Pregnancy Maternal::endPregnancy(const std::string& pregnancyId, const Date& on, const std::string& reason) {
    store::Transaction tx(m_db);
    store::MaternalRepository repo(m_db);
    auto p = repo.get(pregnancyId);
    if (!p) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(p->villageCode);
    if (p->state != "pregnant") throw ConflictError(tr("Only a pregnancy still open can end"));
    rules::Checker check(today());
    check.lifeDate("ended_on", on, p->lmp);
    check.code("reason", "pregnancy_end", reason, true);
    if (!check.errors().empty()) throw ValidationError(check.take());
    p->state = "ended";
    p->endedOn = on;
    p->endReason = reason;
    repo.update(*p, m_session.login);
    tx.commit();
    return *p;
}

PregnancyView Maternal::viewOf(model::Pregnancy p, std::string name, std::string archiveNo,
                               std::vector<model::MaternalVisit> visits, const Date& day) const {
    PregnancyView v;
    v.today = mat::gestationalAge(*p.lmp, day);
    v.plan = mat::visitPlan(mat::visitTable(), datesOf(p), doneOf(visits), day);
    v.pregnancy = std::move(p);
    v.name = std::move(name);
    v.archiveNo = std::move(archiveNo);
    v.visits = std::move(visits);
    return v;
}

PregnancyView Maternal::view(const std::string& pregnancyId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::MaternalRepository repo(m_db);
    auto p = repo.get(pregnancyId);
    if (!p) throw NotFoundError(tr("No such pregnancy"));
    Guard(m_db, m_session).requireArea(p->villageCode);
    const auto r = store::ResidentRepository(m_db).get(p->residentId);
    auto visits = repo.visitsOf(p->id);
    return viewOf(std::move(*p), r ? r->name : "", r ? r->archiveNo : "", std::move(visits), today());
}

std::vector<PregnancyView> Maternal::ofResident(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = store::ResidentRepository(m_db).get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(r->villageCode);
    store::MaternalRepository repo(m_db);
    std::vector<PregnancyView> out;
    for (auto& p : repo.ofResident(r->id)) {
        auto visits = repo.visitsOf(p.id);
        out.push_back(viewOf(std::move(p), r->name, r->archiveNo, std::move(visits), today()));
    }
    return out;
}

std::vector<MaternalDue> Maternal::due(const std::string& given, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scope = Guard(m_db, m_session).withinArea(rules::scopePrefix(given));
    std::vector<MaternalDue> out;
    const auto from = formatDate(addDays(day, -kFollowedAfterDeliveryDays));
    for (auto& f : store::MaternalRepository(m_db).followedIn(scope, from)) {
        const auto& p = f.pregnancy;
        const auto plan = mat::visitPlan(mat::visitTable(), datesOf(p), doneOf(f.visits), day);
        for (const auto& l : plan)
            if (l.status == mat::VisitStatus::Due || l.status == mat::VisitStatus::Overdue) {
                std::optional<mat::GestationalAge> ga;
                if (p.state == "pregnant") ga = mat::gestationalAge(*p.lmp, day);
                out.push_back({p.residentId, f.name, f.archiveNo, p.villageCode, p.id, l, ga});
            }
    }
    return out;
}

}  // namespace jiayi::services
