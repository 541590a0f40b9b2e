#include "core/demo/DemoData.h"

#include "core/demo/DemoPopulation.h"
#include "core/rules/Divisions.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::services {
namespace {

// Residents per transaction: a killed demo keeps whole households, and the WAL stays small.
constexpr std::size_t kChunkResidents = 10000;

}  // namespace

Registration demoRegistration(const demo::DemoPerson& p, const std::string& villageCode,
                              const Date& today) {
    Registration reg;
    auto& r = reg.resident;
    r.name = p.name;
    r.sex = p.sex;
    r.birthDate = p.birthDate;
    r.idNumber = p.idNumber;
    r.phone = p.phone;
    r.villageCode = villageCode;
    r.residenceType.assign(1, p.registered ? '1' : '2');  // assign(): GCC 12 -O3 false warning
    r.ethnicity = "01";
    r.payment = {"3"};  // 新农合 / 城乡居民医保, the scheme of nearly all rural residents
    r.drugAllergy = {"1"};
    // Chronic-disease flags as 既往史 entries, diagnosed a few years before today.
    const int age = ageOn(p.birthDate, today);
    auto diagnosed = [&](int yearsAgo) {
        const int back = std::min(yearsAgo, std::max(0, age - 30));
        return Date{today.year() - std::chrono::years{back}, std::chrono::month{3},
                    std::chrono::day{15}};
    };
    if (p.hypertension) r.pastDiseases.push_back({"2", diagnosed(2 + age % 9), ""});
    if (p.diabetes) r.pastDiseases.push_back({"3", diagnosed(1 + age % 7), ""});
    reg.relation = p.relation;
    // Two people of one village may share name, sex and birth date; they have different
    // ID numbers, and the generator knows they are different people.
    reg.confirmedNotDuplicate = true;
    return reg;
}

namespace {
void refuseResidents(Workstation& ws) {
    if (ws.residentCount() > 0)
        throw ConflictError(tr("The database already holds residents; demo data goes into a new database"));
}
}  // namespace

DemoSummary createDemoTownship(Workstation& ws, const DemoOptions& options) {
    refuseResidents(ws);
    if (options.residents == 0) throw ValidationError("residents", tr("Must be at least 1"));

    // By default the township with the most villages: a rural 镇 or 乡 like the ones
    // village doctors serve, not an urban street office (街道) of 居委会.
    std::optional<rules::Division> township;
    std::size_t mostVillages = 0;
    for (const auto& t : ws.townships()) {
        if (!options.townshipCode.empty()) {
            if (t.code == options.townshipCode) township = t;
            continue;
        }
        const auto count = ws.villagesOf(t.code).size();
        if (count > mostVillages) {
            mostVillages = count;
            township = t;
        }
    }
    if (!township)
        throw ValidationError("township",
                              format(tr("{0} is not a township in the division list"),
                                     {options.townshipCode}));
    ws.setScope(township->code);
    {  // The site is the township hospital: slips and printouts name it.
        store::Transaction tx(ws.database());
        store::setClinicName(ws.database(), rules::shortVillageName(township->name) + "卫生院");
        tx.commit();
    }
    std::vector<demo::DemoVillage> villages;
    for (const auto& v : ws.villages()) villages.push_back({v.code, v.name});
    if (villages.empty())
        throw ValidationError("township", tr("The township has no villages in the division list"));

    const Date now = today();
    const auto households = demo::generateTownship(demo::loadDemoParams(), villages,
                                                   options.residents, options.seed, now);
    DemoSummary summary;
    summary.townshipCode = township->code;
    summary.townshipName = township->name;
    summary.villages = villages.size();

    std::vector<HouseholdRegistration> chunk;
    std::size_t chunkResidents = 0;
    std::vector<DemoResident> registered;
    auto flush = [&] {
        for (const auto& r : ws.registry().registerHouseholds(std::move(chunk))) {
            registered.push_back(demoResident(r));
            ++summary.residents;
        }
        chunk.clear();
        chunkResidents = 0;
        if (options.progress) options.progress(summary.residents, options.residents);
    };
    for (const auto& h : households) {
        HouseholdRegistration hr;
        hr.address = h.address;
        for (const auto& p : h.members) {
            hr.members.push_back(demoRegistration(p, h.villageCode, now));
            summary.hypertension += p.hypertension;
            summary.diabetes += p.diabetes;
        }
        chunkResidents += hr.members.size();
        chunk.push_back(std::move(hr));
        ++summary.households;
        if (chunkResidents >= kChunkResidents) flush();
    }
    if (!chunk.empty()) flush();
    if (options.chronicYears > 0) {
        ChronicDemoOptions chronic;
        chronic.years = options.chronicYears;
        chronic.seed = options.seed;
        chronic.today = now;
        chronic.hospital = township->name + "卫生院";
        // placeName: "曹县 庄寨镇"; the county comes first.
        const auto place = ws.placeName(township->code);
        chronic.countyHospital = place.substr(0, place.find(' ')) + "人民医院";
        chronic.progress = options.chronicProgress;
        summary.chronic = createDemoChronicCare(ws.database(), registered, villages, chronic);
    }
    return summary;
}

void requireEmptyForDemo(const std::filesystem::path& dbPath, const std::string& user) {
    refuseResidents(*Workstation::open(dbPath, user));
}

DemoSummary createDemoDatabase(const std::filesystem::path& dbPath, const std::string& user,
                               const DemoOptions& options) {
    namespace fs = std::filesystem;
    const fs::path partial = dbPath.string() + ".demo-partial";
    const auto removePartial = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(partial.string() + suffix);
    };
    removePartial();  // what a killed run left
    requireEmptyForDemo(dbPath, user);
    Workstation::open(dbPath, user)->database().copyTo(partial);
    DemoSummary summary;
    {
        auto ws = Workstation::open(partial, user);
        summary = createDemoTownship(*ws, options);
        ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    // The complete copy replaces the database in one step (rename is atomic).
    fs::rename(partial, dbPath);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
    return summary;
}

}  // namespace jiayi::services
