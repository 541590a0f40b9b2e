#include "core/demo/DemoData.h"

#include "core/demo/DemoPopulation.h"
#include "core/rules/Divisions.h"
#include "core/services/Accounts.h"
#include "core/services/SiteAccess.h"
#include "core/services/Workstation.h"
#include "core/store/KeyRing.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::services {
namespace {

// Residents per transaction: a killed demo keeps whole households, and the WAL stays small.
constexpr std::size_t kChunkResidents = 10000;

}  // namespace

rules::Division biggestTownship(Workstation& ws) {
    rules::Division best;
    std::size_t most = 0;
    for (const auto& t : ws.townships())
        if (const auto n = ws.villagesOf(t.code).size(); n > most) {
            most = n;
            best = t;
        }
    return best;
}

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

    // By default the township with the most villages (biggestTownship).
    std::optional<rules::Division> township;
    if (options.townshipCode.empty()) {
        if (auto biggest = biggestTownship(ws); !biggest.code.empty()) township = std::move(biggest);
    } else {
        for (const auto& t : ws.townships())
            if (t.code == options.townshipCode) township = t;
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

    // Records are created before the years of care the demo writes (a record comes before its
    // follow-ups, quality.md); a child born since joins the household on its birth.
    const Date recordsFrom = addDays(addMonths(now, -12 * std::max(1, options.chronicYears)), -30);
    std::vector<HouseholdRegistration> chunk;
    std::vector<std::size_t> chunkHouseholds;  // index in `households` of each of the chunk
    std::size_t chunkResidents = 0;
    std::vector<DemoResident> registered;
    std::vector<std::string> householdIds(households.size());
    std::vector<std::pair<const demo::DemoPerson*, std::size_t>> births;  // person, household index
    auto flush = [&] {
        std::vector<std::size_t> sizes;
        for (const auto& hr : chunk) sizes.push_back(hr.members.size());
        const auto done = ws.registry().registerHouseholds(std::move(chunk));
        std::size_t at = 0;
        for (std::size_t k = 0; k < sizes.size(); ++k) {
            if (sizes[k] > 0) householdIds[chunkHouseholds[k]] = ws.registry().householdOf(done[at].id)->id;
            at += sizes[k];
        }
        for (const auto& r : done) {
            registered.push_back(demoResident(r));
            ++summary.residents;
        }
        chunk.clear();
        chunkHouseholds.clear();
        chunkResidents = 0;
        if (options.progress) options.progress(summary.residents, options.residents);
    };
    ws.registry().setToday(recordsFrom);
    for (std::size_t i = 0; i < households.size(); ++i) {
        const auto& h = households[i];
        HouseholdRegistration hr;
        hr.address = h.address;
        for (const auto& p : h.members) {
            summary.hypertension += p.hypertension;
            summary.diabetes += p.diabetes;
            // The head founds the household whenever born; a later child joins on its birth.
            if (p.birthDate > recordsFrom && !hr.members.empty()) {
                births.emplace_back(&p, i);
                continue;
            }
            hr.members.push_back(demoRegistration(p, h.villageCode, std::max(recordsFrom, p.birthDate)));
        }
        if (h.members.front().birthDate > recordsFrom) {
            // A household founded by someone born since (rare): registered today.
            for (std::size_t k = 1; k < hr.members.size(); ++k) births.emplace_back(&h.members[k], i);
            hr.members.resize(1);
            hr.members.front() = demoRegistration(h.members.front(), h.villageCode, now);
            if (!chunk.empty()) flush();
            ws.registry().setToday(now);
            chunk.push_back(std::move(hr));
            chunkHouseholds.push_back(i);
            flush();
            ws.registry().setToday(recordsFrom);
            ++summary.households;
            continue;
        }
        chunkResidents += hr.members.size();
        chunk.push_back(std::move(hr));
        chunkHouseholds.push_back(i);
        ++summary.households;
        if (chunkResidents >= kChunkResidents) flush();
    }
    if (!chunk.empty()) flush();
    std::sort(births.begin(), births.end(),
              [](const auto& a, const auto& b) { return a.first->birthDate < b.first->birthDate; });
    for (const auto& [p, i] : births) {
        const Date on = std::min(std::max(p->birthDate, recordsFrom), now);
        ws.registry().setToday(on);
        auto reg = demoRegistration(*p, households[i].villageCode, on);
        reg.householdId = householdIds[i];
        const auto r = ws.registry().registerResident(reg);
        registered.push_back(demoResident(r));
        ++summary.residents;
    }
    ws.registry().setToday(now);
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
    if (options.children) {
        ChildDemoOptions children;
        children.seed = options.seed;
        children.today = now;
        children.doctors = summary.chronic.doctors;
        summary.children = createDemoChildren(ws.database(), registered, children);
        MaternalDemoOptions maternal;
        maternal.seed = options.seed;
        maternal.today = now;
        maternal.doctors = summary.chronic.doctors;
        summary.maternal = createDemoMaternal(ws.database(), registered, maternal);
    }
    if (options.contracts && !summary.chronic.hospitalDoctor.empty()) {
        ContractDemoOptions contracts;
        contracts.seed = options.seed;
        contracts.today = now;
        contracts.hospital = rules::shortVillageName(township->name) + "卫生院";
        contracts.hospitalDoctor = summary.chronic.hospitalDoctor;
        contracts.villageDoctors = summary.chronic.doctors;
        summary.contracts = createDemoContracts(ws.database(), villages, contracts);
    }
    return summary;
}

namespace {

std::unique_ptr<Workstation> openFor(const std::filesystem::path& path, const std::string& user, std::string_view key) {
    if (key.empty()) return Workstation::open(path, user);
    return Workstation::open(store::Database::open(path, key), Session::bootstrap(user));
}

// The demo's people as users of the site (DemoOptions::users); the site is encrypted from
// the first administrator on, each user's password sealing the site key.
void createDemoUsers(const std::filesystem::path& path, const DemoOptions& options, DemoSummary& summary) {
    SiteAccess access(path);
    auto created = access.createFirstAdministrator({"admin", "系统管理员", "", "", options.password});
    summary.recoveryCode = created.recoveryCode;
    auto& ws = *created.workstation;
    Accounts accounts(ws.database());
    auto add = [&](const std::string& login, const std::string& role, const std::string& division,
                   std::string name = {}) {
        if (name.empty()) name = store::displayName(ws.database(), login);  // the demo doctors' names
        accounts.addUser(ws.session(), {login, name.empty() ? login : name, role, division, options.password},
                         /*mustChangePassword=*/false);
        summary.users.push_back({login, name, role, division});
    };
    summary.users.push_back({"admin", "系统管理员", "administrator", ""});
    for (const auto& [village, login] : summary.chronic.doctors) add(login, "village_doctor", village);
    if (!summary.chronic.hospitalDoctor.empty()) add(summary.chronic.hospitalDoctor, "township_doctor", "");
    add("zhikong", "supervisor", "", "质控员");
    for (const auto& nurse : summary.contracts.nurses) add(nurse, "nurse", "", "护士" + nurse.substr(5));
    ws.database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace

void requireEmptyForDemo(const std::filesystem::path& dbPath, const std::string& user, std::string_view key) {
    refuseResidents(*openFor(dbPath, user, key));
}

DemoSummary createDemoDatabase(const std::filesystem::path& dbPath, const std::string& user,
                               const DemoOptions& options, std::string_view key) {
    namespace fs = std::filesystem;
    const fs::path partial = dbPath.string() + ".demo-partial";
    const auto removePartial = [&] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal", ".keys", ".keys.new"})
            fs::remove(partial.string() + suffix);
    };
    removePartial();  // what a killed run left
    requireEmptyForDemo(dbPath, user, key);
    openFor(dbPath, user, key)->database().copyTo(partial);  // an encrypted site's copy is encrypted too
    DemoSummary summary;
    {
        auto ws = openFor(partial, user, key);
        summary = createDemoTownship(*ws, options);
        ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    const bool withUsers = options.users && key.empty() && !store::KeyRing(dbPath).exists() &&
                           !Accounts(*store::Database::open(partial)).any();
    if (withUsers) createDemoUsers(partial, options, summary);
    // The complete copy replaces the database in one step (rename is atomic); the key ring
    // first, so that no moment has an encrypted database without its ring.
    if (withUsers) fs::rename(store::KeyRing::fileFor(partial), store::KeyRing::fileFor(dbPath));
    fs::rename(partial, dbPath);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
    return summary;
}

}  // namespace jiayi::services
