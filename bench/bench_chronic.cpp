// bench_chronic: the chronic-care figures of issue 4 (docs/performance.md, "Chronic care
// (issue 4)"). A township of 50,000 residents with about 6,000 managed patients and 5 years
// of follow-ups, health checks and referrals, written through the services exactly as
// `jiayi-cli demo` writes its year (DemoChronic), then:
//   1. Worklist::build for the whole township and for one village doctor (target ≤ 100 ms);
//   2. ChronicCare::chart of patients with 5 years of history (target ≤ 30 ms).
// Median and p95 of repeated runs. Measurements only; nothing here asserts a time.
#include <functional>
#include <iostream>
#include <map>

#include "bench/BenchCommon.h"
#include "core/services/ChronicCare.h"
#include "core/demo/DemoChronic.h"
#include "core/demo/DemoData.h"
#include "core/services/Referrals.h"
#include "core/services/Workstation.h"
#include "core/services/Worklist.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/Site.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";
constexpr std::uint64_t kSeed = 1;

struct Setup {
    std::size_t residents;
    int years;
    int runs;          // repetitions of each worklist
    std::size_t charts;  // patients whose chart is opened
};

// What the cached database holds and what writing it cost (kept in site_meta).
struct BuildInfo {
    bool cached = false;
    std::string township;  // scope prefix of the township's villages
    std::string doctor;    // the village doctor of the largest village
    double registerSeconds = 0, chronicSeconds = 0;
    std::size_t patients = 0, visits = 0, followUps = 0, checks = 0, referrals = 0;
    std::uintmax_t bytes = 0;
};

const char* const kMetaKeys[] = {"township",  "doctor", "register_seconds", "chronic_seconds", "patients",
                                 "visits",    "follow_ups", "checks",       "referrals"};

std::string count(std::size_t n) { return grouped(static_cast<double>(n)); }

void saveMeta(store::Database& db, const BuildInfo& b) {
    const std::string values[] = {b.township,
                                  b.doctor,
                                  fixed(b.registerSeconds, 1),
                                  fixed(b.chronicSeconds, 1),
                                  std::to_string(b.patients),
                                  std::to_string(b.visits),
                                  std::to_string(b.followUps),
                                  std::to_string(b.checks),
                                  std::to_string(b.referrals)};
    store::Transaction tx(db);
    for (std::size_t i = 0; i < std::size(kMetaKeys); ++i)
        store::setSiteMeta(db, std::string("bench_chronic_") + kMetaKeys[i], values[i]);
    tx.commit();
}

std::optional<BuildInfo> loadMeta(store::Database& db) {
    std::string v[std::size(kMetaKeys)];
    for (std::size_t i = 0; i < std::size(kMetaKeys); ++i) {
        const auto value = store::siteMeta(db, std::string("bench_chronic_") + kMetaKeys[i]);
        if (!value) return std::nullopt;
        v[i] = *value;
    }
    BuildInfo b;
    b.cached = true;
    b.township = v[0];
    b.doctor = v[1];
    b.registerSeconds = std::stod(v[2]);
    b.chronicSeconds = std::stod(v[3]);
    b.patients = std::stoul(v[4]);
    b.visits = std::stoul(v[5]);
    b.followUps = std::stoul(v[6]);
    b.checks = std::stoul(v[7]);
    b.referrals = std::stoul(v[8]);
    return b;
}

BuildInfo build(const Setup& s, const fs::path& path) {
    const fs::path partial = path.string() + ".partial";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial.string() + suffix);
    BuildInfo info;
    {
        auto ws = services::Workstation::open(partial, "bench");
        const Date today = referenceDay();
        ws->registry().setToday(today);
        // As `jiayi-cli demo`: the township with the most villages.
        const auto township = services::biggestTownship(*ws);
        std::vector<demo::DemoVillage> villages;
        for (const auto& v : ws->villagesOf(township.code)) villages.push_back({v.code, v.name});
        info.township = township.code.substr(0, 9);
        std::cerr << "building " << s.residents << " residents, " << s.years << " years of chronic care → "
                  << path << "\n";
        const auto households = demo::generateTownship(demo::loadDemoParams(), villages, s.residents, kSeed, today);
        std::vector<services::DemoResident> residents;
        std::map<std::string, std::size_t> perVillage;
        Stopwatch reg;
        for (auto& chunk : toChunks(households, today))
            for (const auto& r : ws->registry().registerHouseholds(std::move(chunk))) {
                residents.push_back(services::demoResident(r));
                ++perVillage[r.villageCode];
            }
        info.registerSeconds = reg.seconds();

        services::ChronicDemoOptions o;
        o.years = s.years;
        o.seed = kSeed;
        o.today = today;
        o.hospital = township.name + "卫生院";
        const auto place = ws->placeName(township.code);  // "曹县 庄寨镇"
        o.countyHospital = place.substr(0, place.find(' ')) + "人民医院";
        o.progress = [&](std::size_t done, std::size_t total) {
            if (done % 10000 == 0 || done == total) std::cerr << "  chronic care: " << done << " / " << total << "\n";
        };
        Stopwatch chronic;
        const auto summary = services::createDemoChronicCare(ws->database(), residents, villages, o);
        info.chronicSeconds = chronic.seconds();
        const auto largest = std::max_element(perVillage.begin(), perVillage.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
        info.doctor = summary.doctors.at(largest->first);
        info.patients = summary.patients;
        info.visits = summary.visits;
        info.followUps = summary.followUps;
        info.checks = summary.healthChecks;
        info.referrals = summary.referrals;
        saveMeta(ws->database(), info);
        ws->database().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
    fs::rename(partial, path);
    return info;
}

BuildInfo ensureDatabase(const Setup& s, const Options& o, fs::path& path) {
    fs::create_directories(o.data);
    path = o.data / ("chronic-" + std::to_string(s.residents) + "-" + std::to_string(s.years) + "y.db");
    BuildInfo info;
    if (fs::exists(path)) {
        auto db = store::Database::open(path);
        if (auto cached = loadMeta(*db)) info = *cached;
    }
    if (!info.cached) info = build(s, path);
    info.bytes = fs::file_size(path);
    return info;
}

std::vector<std::string> row(const std::string& what, const std::string& items, const Summary& s,
                             double first) {
    return {what, items, fixed(first, 1), fixed(s.p50, 1), fixed(s.p95, 1), fixed(s.max, 1), std::to_string(s.n)};
}

void measureWorklists(store::Database& db, const Setup& s, const BuildInfo& info,
                      std::vector<std::vector<std::string>>& rows) {
    services::Worklist worklist(db, services::Session::bootstrap("bench"));
    const Date today = referenceDay();
    const std::pair<std::string, services::WorklistFilter> cases[] = {
        {"Worklist::build, whole township", {info.township, ""}},
        {"Worklist::build, one village doctor (" + info.doctor + ")", {info.township, info.doctor}},
    };
    for (const auto& [label, filter] : cases) {
        std::vector<double> samples;
        double first = 0;
        std::map<services::WorkKind, std::size_t> kinds;
        for (int i = 0; i <= s.runs; ++i) {
            Stopwatch sw;
            const auto items = worklist.build(filter, today);
            const double ms = sw.ms();
            if (i == 0) {
                first = ms;
                for (const auto& item : items) ++kinds[item.kind];
            } else {
                samples.push_back(ms);
            }
        }
        std::string what;
        for (const auto& [kind, n] : kinds) what += (what.empty() ? "" : ", ") + count(n) + " " + services::code(kind);
        rows.push_back(row(label, what, summarize(samples), first));
    }
}

// Where the township's worklist spends its time: the three storage reads it makes, alone.
void measureWorklistParts(store::Database& db, const Setup& s, const BuildInfo& info,
                          std::vector<std::vector<std::string>>& rows) {
    store::ChronicRepository repo(db);
    services::Referrals referrals(db, services::Session::bootstrap("bench"));
    referrals.setNow(std::chrono::sys_days(referenceDay()).time_since_epoch() / std::chrono::seconds(1));
    const int year = static_cast<int>(referenceDay().year());
    const std::pair<const char*, std::function<std::size_t()>> parts[] = {
        {"  of which ChronicRepository::activeEnrolments", [&] { return repo.activeEnrolments(info.township, "").size(); }},
        {"  of which ChronicRepository::healthChecksDue", [&] { return repo.healthChecksDue(info.township, year).size(); }},
        {"  of which Referrals::awaitingFollowUp", [&] { return referrals.awaitingFollowUp(info.township).size(); }},
    };
    for (const auto& [label, run] : parts) {
        std::vector<double> samples;
        double first = 0;
        std::size_t n = 0;
        for (int i = 0; i <= s.runs; ++i) {
            Stopwatch sw;
            n = run();
            if (i == 0)
                first = sw.ms();
            else
                samples.push_back(sw.ms());
        }
        rows.push_back(row(label, count(n) + " rows", summarize(samples), first));
    }
}

void measureCharts(store::Database& db, const Setup& s, std::vector<std::vector<std::string>>& rows) {
    // Patients with follow-ups, every k-th by resident id, and the longest history of all.
    std::vector<std::pair<std::string, std::size_t>> patients;
    {
        store::Statement st(db, "SELECT resident_id, count(*) FROM follow_up GROUP BY resident_id ORDER BY resident_id");
        while (st.step()) patients.emplace_back(st.text(0), static_cast<std::size_t>(st.integer(1)));
    }
    if (patients.empty()) return;
    const auto longest = *std::max_element(patients.begin(), patients.end(),
                                           [](const auto& a, const auto& b) { return a.second < b.second; });
    services::ChronicCare care(db, services::Session::bootstrap("bench"));
    care.setToday(referenceDay());
    const std::size_t step = std::max<std::size_t>(1, patients.size() / s.charts);
    std::vector<double> samples;
    std::size_t records = 0;
    for (std::size_t i = 0; i < patients.size(); i += step) {
        Stopwatch sw;
        const auto chart = care.chart(patients[i].first);
        samples.push_back(sw.ms());
        records += chart.followUps.size();
    }
    const auto sampled = summarize(samples);
    rows.push_back(row("ChronicCare::chart, " + count(sampled.n) + " patients (one each)",
                       "mean " + fixed(static_cast<double>(records) / static_cast<double>(sampled.n), 1) +
                           " follow-ups",
                       sampled, samples.front()));
    samples.clear();
    double first = 0;
    for (int i = 0; i <= s.runs; ++i) {
        Stopwatch sw;
        care.chart(longest.first);
        if (i == 0)
            first = sw.ms();
        else
            samples.push_back(sw.ms());
    }
    rows.push_back(row("ChronicCare::chart, the longest history", count(longest.second) + " follow-ups",
                       summarize(samples), first));
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = parseOptions(argc, argv, kUsage);
    const Setup s = o.quick ? Setup{3000, 2, 5, 30} : Setup{50000, 5, 30, 300};
    printPreamble("Chronic care (issue 4)", argc, argv);
    fs::path path;
    const auto info = ensureDatabase(s, o, path);
    std::cout << "Township of " << count(s.residents) << " residents, " << s.years << " years of chronic care up to "
              << formatDate(referenceDay()) << ": " << count(info.patients) << " managed patients, "
              << count(info.visits) << " visits (" << count(info.followUps) << " follow-up records), "
              << count(info.checks) << " health checks, " << count(info.referrals) << " referrals; database "
              << fixed(static_cast<double>(info.bytes) / 1e6, 0) << " MB ("
              << (info.cached ? "cached" : "written this run") << ").\n\n"
              << "Writing it: registration " << fixed(info.registerSeconds, 1) << " s, chronic care through the "
              << "services " << fixed(info.chronicSeconds, 1) << " s.\n\n";

    auto db = store::Database::open(path);
    std::vector<std::vector<std::string>> rows;
    measureWorklists(*db, s, info, rows);
    measureWorklistParts(*db, s, info, rows);
    measureCharts(*db, s, rows);
    printTable({"operation", "result", "first ms", "median ms", "p95 ms", "max ms", "runs"}, rows);

    // Encryption at rest's cost (issue 16): the same worklists on an encrypted copy of the
    // same database (Database::encryptFile), opened afresh, in this run.
    db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const fs::path encrypted = path.string() + ".encrypted";
    removeDatabase(encrypted);
    fs::copy_file(path, encrypted);
    const auto key = store::KeyRing::newSiteKey();
    store::Database::encryptFile(encrypted, key);
    std::vector<std::vector<std::string>> plainRows, encryptedRows;
    {
        auto plain = store::Database::open(path);
        measureWorklists(*plain, s, info, plainRows);
    }
    {
        auto enc = store::Database::open(encrypted, key);
        measureWorklists(*enc, s, info, encryptedRows);
    }
    removeDatabase(encrypted);
    std::vector<std::vector<std::string>> costRows;
    for (std::size_t i = 0; i < plainRows.size(); ++i) {
        const double pFirst = std::stod(plainRows[i][2]), eFirst = std::stod(encryptedRows[i][2]);
        const double pMedian = std::stod(plainRows[i][3]), eMedian = std::stod(encryptedRows[i][3]);
        auto cost = [](double with, double without) {
            return without > 0 ? (with >= without ? "+" : "") + fixed(100 * (with / without - 1), 0) + " %" : "—";
        };
        costRows.push_back({plainRows[i][0], fixed(eFirst, 1) + " / " + fixed(pFirst, 1), cost(eFirst, pFirst),
                            fixed(eMedian, 1) + " / " + fixed(pMedian, 1), cost(eMedian, pMedian)});
    }
    std::cout << "Encryption at rest (SQLCipher 4.5.5 with OpenSSL), the same worklists on an encrypted copy "
                 "and on the plain file, each opened afresh:\n\n";
    printTable({"operation", "first ms encrypted / plain", "cost", "median ms encrypted / plain", "cost"}, costRows);
    return 0;
}
