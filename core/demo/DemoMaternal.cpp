#include "core/demo/DemoMaternal.h"

#include <algorithm>
#include <random>
#include <set>

#include "core/rules/Maternal.h"
#include "core/services/Maternal.h"
#include "core/store/Database.h"
#include "core/store/HouseholdRepository.h"
#include "core/util/Error.h"

namespace jiayi::services {

namespace mat = rules::maternal;

MaternalDemoSummary createDemoMaternal(store::Database& db, const std::vector<DemoResident>& residents,
                                       const MaternalDemoOptions& options) {
    MaternalDemoSummary summary;
    store::RelaxedDurability relaxed(db);
    std::mt19937_64 rng(options.seed * 104729 + 7);
    // The babies of the last eight weeks (the population has them): each mother is a woman
    // of 20-42 of the baby's household, and the delivery links the baby already on record.
    store::HouseholdRepository households(db);
    std::map<std::string, const DemoResident*> babyOfHousehold;
    for (const auto& r : residents)
        if (r.birthDate <= options.today && daysBetween(r.birthDate, options.today) < 56)
            if (const auto m = households.currentMembership(r.id)) babyOfHousehold.emplace(m->householdId, &r);
    std::vector<std::pair<const DemoResident*, const DemoResident*>> mothers;  // woman, baby (or none)
    std::vector<const DemoResident*> women;
    std::set<std::string> taken;
    for (const auto& r : residents) {
        const int age = ageOn(r.birthDate, options.today);
        if (r.sex != "2" || age < 20 || age > 42) continue;
        const auto m = households.currentMembership(r.id);
        if (m && babyOfHousehold.count(m->householdId) && !taken.count(m->householdId)) {
            taken.insert(m->householdId);
            mothers.emplace_back(&r, babyOfHousehold.at(m->householdId));
        } else {
            women.push_back(&r);
        }
    }
    std::shuffle(women.begin(), women.end(), rng);
    const double perDay = residents.size() * options.birthsPerThousand / 1000.0 / 365.0;
    // Pregnant today: LMP within the last 40 weeks (women without a baby of the last weeks).
    const auto pregnantCount = std::min(women.size(), static_cast<std::size_t>(perDay * mat::kTermDays + 0.5));
    for (std::size_t k = 0; k < pregnantCount; ++k) mothers.emplace_back(women[k], nullptr);
    for (const auto& [woman, baby] : mothers) {
        const auto& w = *woman;
        const bool delivered = baby != nullptr;
        const auto deliveredOn = delivered ? baby->birthDate : Date{};
        const auto lmp = delivered ? addDays(deliveredOn, -(266 + static_cast<int>(rng() % 20)))
                                   : addDays(options.today, -(20 + static_cast<int>(rng() % (mat::kTermDays - 20))));
        const bool late = rng() % 7 == 0;  // registered after the first trimester
        const auto registeredOn = std::min(options.today, addDays(lmp, late ? 100 + static_cast<int>(rng() % 40)
                                                                             : 56 + static_cast<int>(rng() % 28)));
        const auto doctor = options.doctors.count(w.villageCode) ? options.doctors.at(w.villageCode) : "demo";
        Maternal m(db, Session::bootstrap(doctor));
        m.setToday(registeredOn);
        model::Pregnancy p;
        p.residentId = w.id;
        p.lmp = lmp;
        p.gravidity = 1 + static_cast<int>(rng() % 3);
        p.parity = std::max(0, *p.gravidity - 1 - static_cast<int>(rng() % 2));
        if (rng() % 10 == 0) p.risks.push_back("anaemia");
        try {
            p = m.registerPregnancy(p);
        } catch (const ValidationError&) {
            continue;
        } catch (const ConflictError&) {
            continue;
        }
        const bool hypertensive = rng() % 12 == 0;
        for (const auto& rule : mat::visitTable().visits) {
            if (!rule.antenatal()) continue;
            const auto from = std::max(registeredOn, addDays(lmp, rule.fromDays));
            if (from > addDays(lmp, rule.toDays) && rule.code != "an1") continue;  // registered too late for it
            if (rule.code != "an1" && rng() % 9 == 0) continue;                      // missed
            const auto on = rule.code == "an1" ? registeredOn
                                               : addDays(from, static_cast<int>(rng() % std::max(1, (rule.toDays - rule.fromDays) / 2)));
            if (on > options.today || (delivered && on >= deliveredOn)) break;
            model::MaternalVisit v;
            v.pregnancyId = p.id;
            v.visitCode = rule.code;
            v.visitDate = on;
            const int weeks = mat::gestationalAge(lmp, on).weeks;
            v.systolic = hypertensive && weeks >= 20 ? 142 + static_cast<int>(rng() % 20) : 100 + static_cast<int>(rng() % 28);
            v.diastolic = hypertensive && weeks >= 20 ? 92 + static_cast<int>(rng() % 10) : 62 + static_cast<int>(rng() % 20);
            v.weightKg = 52 + static_cast<int>(rng() % 15) + weeks * 0.35;
            v.hemoglobin = 105 + static_cast<int>(rng() % 30);
            m.setToday(on);
            try {
                const auto saved = m.recordVisit(v);
                ++summary.visits;
                summary.highBloodPressure += !saved.urgent.empty();
            } catch (const ValidationError&) {
            }
        }
        if (!delivered) {
            ++summary.pregnant;
            continue;
        }
        DeliveryRequest d;
        d.pregnancyId = p.id;
        d.deliveredOn = deliveredOn;
        d.dischargedOn = std::min(addDays(*d.deliveredOn, 2 + static_cast<int>(rng() % 3)), options.today);
        d.place = "hospital";
        d.mode = rng() % 3 == 0 ? "caesarean" : "vaginal";
        d.babies = {{"", baby->sex, baby->id}};
        m.setToday(*d.dischargedOn);
        try {
            m.recordDelivery(d);
        } catch (const ValidationError&) {
            continue;
        } catch (const ConflictError&) {
            continue;
        }
        ++summary.delivered;
        const auto visitOn = addDays(*d.dischargedOn, 1 + static_cast<int>(rng() % 5));
        if (visitOn <= options.today && rng() % 5) {
            model::MaternalVisit v;
            v.pregnancyId = p.id;
            v.visitCode = "pp_home";
            v.visitDate = visitOn;
            v.systolic = 105 + static_cast<int>(rng() % 25);
            v.diastolic = 65 + static_cast<int>(rng() % 18);
            m.setToday(visitOn);
            try {
                m.recordVisit(v);
                ++summary.visits;
            } catch (const ValidationError&) {
            }
        }
    }
    return summary;
}

}  // namespace jiayi::services
