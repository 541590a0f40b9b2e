#pragma once
// Chronic-disease work of the demo township (issue 4): programme enrolments at the rates of
// shared/domain/population.md, then N years of follow-ups, annual health checks and
// up-referrals ending on the demo's today, all recorded through ChronicCare and Referrals
// exactly as the village doctors would (the rules classify each visit and set the next
// date; the generator only decides when a patient turns up and what is measured).
// Deterministic by seed: the same people, dates and readings on every run.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Resident.h"
#include "core/demo/DemoPopulation.h"
#include "core/util/Date.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

// What the generator needs of a registered resident.
struct DemoResident {
    std::string id;
    std::string villageCode;
    std::string sex;
    Date birthDate{};
    std::optional<Date> hypertensionSince;  // 既往史 hypertension (code 2), when listed
    std::optional<Date> diabetesSince;      // 既往史 diabetes (code 3), when listed
};
DemoResident demoResident(const model::Resident& r);

struct ChronicDemoOptions {
    int years = 1;  // follow-ups over the last N years (0: none)
    std::uint64_t seed = 1;
    Date today{};
    std::string hospital;        // the township hospital (e.g. 庄寨镇卫生院)
    std::string countyHospital;  // the county hospital (e.g. 曹县人民医院)
    // Three village doctors who work badly, for the data-quality review to find (issue 18):
    // one writes uniform readings in a narrow normal band with canned text, one crams every
    // quarter's visits into its last days and saves them in bursts, one rounds readings to 0
    // and enters visits weeks late. Needs at least five villages.
    bool plantMisconduct = true;
    // Called every few hundred residents with (residents done, total).
    std::function<void(std::size_t, std::size_t)> progress;
};

struct ChronicDemoSummary {
    std::map<std::string, std::size_t> enrolled;  // programme code → enrolments
    std::size_t patients = 0;                     // residents in at least one programme
    std::size_t visits = 0;                       // signed visits (a combined visit counts once)
    std::size_t followUps = 0;                    // follow-up records (one per programme form)
    std::size_t healthChecks = 0;
    std::size_t referrals = 0;
    std::size_t deaths = 0;
    std::size_t lostEntries = 0;
    std::map<std::string, std::string> doctors;  // village code → the village doctor's user name
    std::string hospitalDoctor;                  // user name at the township hospital
    // The planted doctors: user name → "fabricated_readings", "quarter_end" or "careless".
    std::map<std::string, std::string> planted;
};

// The responsible doctor of each village: a generated name written in pinyin as the
// user name (wangjianguo, lixiuying2 when a name repeats), deterministic by seed.
// `names`, when given, receives user name → the name in characters (王建国).
std::map<std::string, std::string> demoVillageDoctors(const demo::DemoParams& params,
                                                      const std::vector<demo::DemoVillage>& villages,
                                                      std::uint64_t seed,
                                                      std::map<std::string, std::string>* names = nullptr);

// Enrols and follows up the residents (registered already, in generation order). Each
// visit is its own transaction, as a doctor signs it.
ChronicDemoSummary createDemoChronicCare(store::Database& db, const std::vector<DemoResident>& residents,
                                         const std::vector<demo::DemoVillage>& villages,
                                         const ChronicDemoOptions& options);

}  // namespace jiayi::services
