#include "core/services/ChildHealth.h"

#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/rules/Immunization.h"
#include "core/services/Guard.h"
#include "core/store/AuditLog.h"
#include "core/store/ChildRepository.h"
#include "core/store/Database.h"
#include "core/store/MaternalRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace child = rules::child;

namespace {

std::vector<child::Done> doneOf(const std::vector<model::ChildVisit>& visits) {
    std::vector<child::Done> out;
    for (const auto& v : visits)
        if (v.visitDate) out.push_back({v.id, v.visitCode, *v.visitDate});
    return out;
}

// The day the child left hospital, as the newborn visit recorded it.
std::optional<Date> dischargeOf(const std::vector<model::ChildVisit>& visits) {
    for (const auto& v : visits)
        if (v.visitCode == "newborn" && v.discharge) return v.discharge;
    return std::nullopt;
}

model::Resident childOrThrow(store::Database& db, const std::string& id) {
    const auto r = store::ResidentRepository(db).get(id);
    if (!r) throw NotFoundError(tr("No such resident"));
    if (!r->birthDate) throw ValidationError("birth_date", tr("The record has no birth date: enter it first"));
    return *r;
}

}  // namespace

ChildHealth::ChildHealth(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

Date ChildHealth::today() const { return m_today ? *m_today : jiayi::today(); }

std::vector<rules::growth::Assessment> ChildHealth::assess(const std::string& residentId, const model::ChildVisit& v) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = childOrThrow(m_db, residentId);
    Guard(m_db, m_session).requireArea(r.villageCode);
    if (!v.visitDate) return {};
    return rules::growth::assess(r.sex, *r.birthDate, *v.visitDate, v.weightKg, v.lengthCm, v.headCm);
}

ChildHealth::Saved ChildHealth::record(model::ChildVisit v) {
    store::Transaction tx(m_db);
    const auto r = childOrThrow(m_db, v.residentId);
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(r.villageCode);
    if (r.status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {r.name}));
    store::ChildRepository repo(m_db);
    const auto before = repo.visitsOf(r.id);
    v.visitCode = rules::trimmed(v.visitCode);
    v.note = rules::trimmed(v.note);
    const child::VisitForm form{v.visitCode, v.visitDate, v.weightKg, v.lengthCm, v.headCm,
                                v.feeding,   v.development, v.guidance};
    const auto discharge = v.visitCode == "newborn" ? v.discharge : dischargeOf(before);
    auto errors = child::validateVisit(child::visitTable(), form, *r.birthDate, discharge, doneOf(before), today());
    rules::Checker check(today());
    check.length("note", v.note, 500);
    check.lifeDate("discharge", v.discharge, r.birthDate);
    if (v.visitDate && addMonths(*r.birthDate, rules::immunization::kRoutineAgeMonths) <= *v.visitDate)
        check.add("visit_date", tr("Child health visits are for children under 7"));
    for (auto& e : check.take()) errors.push_back(std::move(e));
    if (!errors.empty()) throw ValidationError(std::move(errors));
    if (v.visitCode != "newborn") v.discharge.reset();
    v.id = newUuidV7();
    v.residentId = r.id;
    v.villageCode = r.villageCode;
    v.doctor = m_session.login;
    v.signedAt = timestampNow();
    repo.insert(v, m_session.login);
    tx.commit();
    return {v, rules::growth::assess(r.sex, *r.birthDate, *v.visitDate, v.weightKg, v.lengthCm, v.headCm)};
}

ChildTimeline ChildHealth::timeline(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = childOrThrow(m_db, residentId);
    Guard(m_db, m_session).requireArea(r.villageCode);
    ChildTimeline t;
    t.residentId = r.id;
    t.name = r.name;
    t.archiveNo = r.archiveNo;
    t.villageCode = r.villageCode;
    t.sex = r.sex;
    t.birth = *r.birthDate;
    t.records = store::ChildRepository(m_db).visitsOf(r.id);
    t.discharge = dischargeOf(t.records);
    t.visits = child::visitPlan(child::visitTable(), t.birth, t.discharge, doneOf(t.records), today());
    for (const auto& v : t.records) {
        if (!v.visitDate) continue;
        t.growth.push_back({v.id, v.visitCode, *v.visitDate, rules::growth::ageInMonths(t.birth, *v.visitDate),
                            v.weightKg, v.lengthCm, v.headCm,
                            rules::growth::assess(r.sex, t.birth, *v.visitDate, v.weightKg, v.lengthCm, v.headCm)});
    }
    Immunization immunization(m_db, m_session);
    immunization.setToday(today());
    t.immunization = immunization.card(r.id);
    if (const auto p = store::MaternalRepository(m_db).ofBaby(r.id); p && m_session.covers(p->villageCode)) {
        if (const auto mother = store::ResidentRepository(m_db).get(p->residentId))
            t.mother = MotherLink{mother->id, mother->name, mother->archiveNo, p->id, p->deliveredOn};
    }
    return t;
}

std::vector<ChildVisitDue> ChildHealth::due(const std::string& given, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scope = Guard(m_db, m_session).withinArea(rules::scopePrefix(given));
    std::vector<ChildVisitDue> out;
    const auto bornFrom = addDays(addMonths(day, -rules::immunization::kRoutineAgeMonths), 1);
    std::vector<child::Done> done;
    for (const auto& c : store::ChildRepository(m_db).dueFacts(scope, bornFrom, false, true)) {
        done.clear();
        std::optional<Date> discharge;
        for (const auto& v : c.visits) {
            done.push_back({v.id, v.code, v.date});
            if (v.code == "newborn" && v.discharge) discharge = v.discharge;
        }
        const auto lines = child::visitPlan(child::visitTable(), c.birth, discharge, done, day);
        for (const auto& l : lines)
            if (l.status == child::VisitStatus::Due || l.status == child::VisitStatus::Overdue)
                out.push_back({c.residentId, c.name, c.archiveNo, c.villageCode, c.birth, l});
    }
    return out;
}

}  // namespace jiayi::services
