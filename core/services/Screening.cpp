#include "core/services/Screening.h"

#include "core/services/Guard.h"
#include "core/rules/Divisions.h"

#include <algorithm>

#include "core/rules/FieldChecker.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace chronic = rules::chronic;

Screening::Screening(store::Database& db, Session session)
    : m_db(db), m_session(std::move(session)), m_user(m_session.login) {}

Date Screening::today() const { return m_today ? *m_today : jiayi::today(); }

std::vector<FieldError> Screening::check(const model::BpScreening& s, std::optional<Date> birthDate) const {
    rules::Checker check(today());
    check.lifeDate("screened_on", s.screenedOn, birthDate);
    check.range("systolic", std::optional<int>(s.systolic), 60, 300, "mmHg");
    check.range("diastolic", std::optional<int>(s.diastolic), 30, 200, "mmHg");
    if (s.diastolic >= s.systolic && !check.has("diastolic"))
        check.add("diastolic", tr("Diastolic pressure must be lower than systolic"));
    check.range("weight", s.weight, 2, 300, "kg");
    check.range("height", s.height, 50, 250, "cm");
    check.range("waist", s.waist, 30, 200, "cm");
    check.range("daily_liquor_ml", s.dailyLiquorMl, 0, 5000, "ml");
    return check.take();
}

model::BpScreening Screening::record(model::BpScreening s) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    store::Transaction tx(m_db);
    const auto resident = store::ResidentRepository(m_db).get(s.residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    if (resident->status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {resident->name}));
    if (!s.screenedOn) s.screenedOn = today();
    if (auto errors = check(s, resident->birthDate); !errors.empty()) throw ValidationError(std::move(errors));
    s.id = newUuidV7();
    s.villageCode = resident->villageCode;
    s.doctor = m_user;
    s.signedAt = timestampNow();
    store::ChronicRepository(m_db).insert(s, m_user);
    tx.commit();
    return s;
}

ScreeningStatus Screening::status(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto resident = store::ResidentRepository(m_db).get(residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    store::ChronicRepository repo(m_db);
    ScreeningStatus out;
    out.readings = repo.screeningsOf(residentId);
    for (const auto& e : repo.enrolmentsOf(residentId))
        if (e.programme == "htn" && e.status == "active") out.managed = true;
    // Risk factors: the resident's record (family history) and the latest values measured.
    chronic::RiskFactors risk;
    risk.age = resident->birthDate ? ageOn(*resident->birthDate, today()) : 0;
    risk.male = resident->sex == "1";
    const auto& fh = resident->familyHistory;
    for (const auto* list : {&fh.father, &fh.mother, &fh.siblings, &fh.children})
        if (std::find(list->begin(), list->end(), "2") != list->end()) risk.familyHistory = true;  // 高血压
    std::optional<double> weight, height;
    for (const auto& r : out.readings) {
        if (r.weight) weight = r.weight;
        if (r.height) height = r.height;
        if (r.waist) risk.waistCm = r.waist;
        risk.highSaltDiet = r.highSalt;
        if (r.dailyLiquorMl) risk.dailyLiquorMl = r.dailyLiquorMl;
    }
    risk.bmi = chronic::bmi(weight, height);
    std::vector<chronic::ScreeningReading> readings;
    for (const auto& r : out.readings) readings.push_back({*r.screenedOn, r.systolic, r.diastolic});
    std::optional<chronic::ScreeningReading> last;
    if (!readings.empty()) last = readings.back();
    out.highRisk = chronic::highRiskReasons(risk, last);
    out.outcome = chronic::screen(readings, !out.highRisk.empty(), today());
    return out;
}

std::vector<std::pair<std::string, ScreeningStatus>> Screening::needingAction(const std::string& scope) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<std::pair<std::string, ScreeningStatus>> out;
    for (const auto& id : store::ChronicRepository(m_db).screenedNotManaged(rules::scopePrefix(scope), addMonths(today(), -12))) {
        auto s = status(id);
        if (s.outcome.suspected || s.outcome.recheck) out.emplace_back(id, std::move(s));
    }
    return out;
}

}  // namespace jiayi::services
