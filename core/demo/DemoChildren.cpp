#include "core/demo/DemoChildren.h"

#include <algorithm>
#include <random>

#include "core/rules/ChildHealth.h"
#include "core/rules/Growth.h"
#include "core/rules/Immunization.h"
#include "core/services/ChildHealth.h"
#include "core/services/Immunization.h"
#include "core/store/Database.h"
#include "core/util/Error.h"

namespace jiayi::services {
namespace {

namespace im = rules::immunization;
namespace growth = rules::growth;

enum class Family { OnTime, Late, Stopped };

struct Child {
    const DemoResident* resident;
    Family family;
    Date stoppedFrom{};      // a family that stopped: nothing after this day
    double weightZ, lengthZ;  // the child's own line on the growth standards
};

// A family's delay after a dose or visit falls due: a few days, or weeks to months when late.
int delay(std::mt19937_64& rng, Family f) {
    if (f == Family::Late && rng() % 3 == 0) return 20 + static_cast<int>(rng() % 70);
    return static_cast<int>(rng() % 8);
}

std::string batchOf(const std::string& vaccine, const Date& on, std::mt19937_64& rng) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d%02u%c%02d", static_cast<int>(on.year()) % 100, static_cast<unsigned>(on.month()),
                  static_cast<char>('A' + vaccine.size() % 6), static_cast<int>(rng() % 40) + 1);
    return buf;
}

const char* siteOf(const std::string& vaccine, int ageMonths) {
    if (vaccine == "bOPV") return "oral";
    if (vaccine == "HepB" && ageMonths == 0) return "right_arm";
    return ageMonths < 12 ? "right_thigh" : "left_arm";
}

}  // namespace

ChildDemoSummary createDemoChildren(store::Database& db, const std::vector<DemoResident>& residents,
                                    const ChildDemoOptions& options) {
    ChildDemoSummary summary;
    store::RelaxedDurability relaxed(db);
    std::mt19937_64 rng(options.seed * 7919 + 19);
    std::normal_distribution<double> normal(0, 1);
    const auto& schedule = im::schedule(im::kDefaultEdition);
    const auto& visits = rules::child::visitTable();
    const auto bornFrom = addDays(addMonths(options.today, -im::kRoutineAgeMonths), 1);
    for (const auto& r : residents) {
        if (r.birthDate < bornFrom || r.birthDate > options.today) continue;
        const auto doctor = options.doctors.count(r.villageCode) ? options.doctors.at(r.villageCode) : "demo";
        Child c{&r, Family::OnTime, {}, std::clamp(normal(rng) * 0.9, -2.6, 2.6), std::clamp(normal(rng) * 0.9, -2.6, 2.6)};
        const auto roll = rng() % 100;
        if (roll < 12) c.family = Family::Late;
        else if (roll < 16) {
            c.family = Family::Stopped;
            c.stoppedFrom = addDays(r.birthDate, 60 + static_cast<int>(rng() % 700));
        }
        ++summary.children;
        summary.late += c.family == Family::Late;
        summary.stopped += c.family == Family::Stopped;
        auto open = [&](const Date& on) { return on <= options.today && (c.family != Family::Stopped || on < c.stoppedFrom); };

        // The doses, vaccine by vaccine in the table's order (a dose that follows another
        // vaccine's comes after it), each at the later of its age and its intervals, plus the
        // family's delay.
        Immunization immunization(db, Session::bootstrap(doctor));
        immunization.setToday(options.today);
        std::map<std::pair<std::string, int>, Date> given;
        for (const auto& v : schedule.vaccines) {
            if (!v.alternatives.empty() && !v.isDefault) continue;  // the live forms, the default
            std::optional<Date> previous;
            for (const auto& dose : v.doses) {
                auto on = addMonths(r.birthDate, dose.ageMonths);
                if (previous) on = std::max(on, im::after(*previous, dose.minInterval));
                if (dose.afterDose) {
                    const auto it = given.find({dose.afterDose->vaccine, dose.afterDose->dose});
                    if (it != given.end()) on = std::max(on, im::after(it->second, dose.afterDose->least));
                }
                on = addDays(on, delay(rng, c.family));
                if (!open(on)) break;
                model::Vaccination record;
                record.residentId = r.id;
                record.vaccine = v.code;
                record.dose = dose.number;
                record.givenOn = on;
                record.batch = batchOf(v.code, on, rng);
                record.site = siteOf(v.code, dose.ageMonths);
                try {
                    immunization.record(record);
                } catch (const ValidationError&) {
                    break;  // the schedule refused it: the family did not come
                }
                given[{v.code, dose.number}] = on;
                previous = on;
                ++summary.doses;
            }
        }

        // The health visits, each within its window (a late family misses some).
        ChildHealth health(db, Session::bootstrap(doctor));
        health.setToday(options.today);
        for (const auto& rule : visits.visits) {
            const auto from = addMonths(addDays(r.birthDate, rule.days + (rule.fromDischarge ? 3 : 0)), rule.months);
            if (c.family == Family::Late && rng() % 4 == 0) continue;
            const auto on = addDays(from, static_cast<int>(rng() % (rule.windowDays / 2 + 1)));
            if (!open(on)) break;
            const auto age = growth::ageInMonths(r.birthDate, on);
            model::ChildVisit visit;
            visit.residentId = r.id;
            visit.visitCode = rule.code;
            visit.visitDate = on;
            if (rule.fromDischarge) visit.discharge = addDays(r.birthDate, 3);
            // The WHO standards end at 5 years: from there the child grows on as a child of 5 to
            // 6 does (about 6.5 cm and 2 kg a year).
            auto measure = [&](growth::Indicator i, double z) -> std::optional<double> {
                const auto lms = growth::byAge(i, r.sex, std::min(age, 60.0));
                if (!lms) return std::nullopt;
                const double beyond = std::max(0.0, age - 60) *
                                      (i == growth::Indicator::LengthForAge ? 0.54 : i == growth::Indicator::WeightForAge ? 0.17 : 0.03);
                return std::round((growth::valueAt(*lms, std::clamp(z + normal(rng) * 0.15, -3.5, 3.5)) + beyond) * 10) / 10;
            };
            visit.weightKg = measure(growth::Indicator::WeightForAge, c.weightZ);
            visit.lengthCm = measure(growth::Indicator::LengthForAge, c.lengthZ);
            if (rule.head) visit.headCm = measure(growth::Indicator::HeadForAge, (c.weightZ + c.lengthZ) / 2);
            if (!visit.weightKg || !visit.lengthCm) continue;
            if (age < 12) visit.feeding = age < 6 && rng() % 3 ? "breast" : "mixed";
            visit.development = rng() % 40 == 0 ? "warning" : "normal";
            visit.guidance = {"feeding", "growth", "injury"};
            try {
                health.record(visit);
                ++summary.visits;
            } catch (const ValidationError&) {
            }
        }
    }
    return summary;
}

}  // namespace jiayi::services
