// bench_import: bulk registration rate through Registry::registerHouseholds (validation,
// archive numbers, households, change log, search index) against raw SQLite INSERTs of
// the very rows the registry produced, with a breakdown of what costs what.
// Measurements only (docs/performance.md); nothing here asserts a time.
#include <sqlite3.h>

#include <functional>
#include <iostream>

#include "bench/BenchCommon.h"
#include "core/services/Workstation.h"
#include "core/store/AuditLog.h"
#include "core/store/KeyRing.h"
#include "core/store/Database.h"
#include "core/store/SearchIndex.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";
constexpr std::uint64_t kSeed = 7;

struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<store::Value>> rows;
};

// Every row of a table with its column names, in the order the registry wrote it.
Table readTable(store::Database& db, const std::string& name, const std::string& order) {
    Table t{name, {}, {}};
    store::Statement names(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    names.bind(1, name);
    while (names.step()) t.columns.push_back(names.text(0));
    names.reset();
    store::Statement st(db, "SELECT * FROM " + name + " ORDER BY " + order);
    while (st.step()) {
        std::vector<store::Value> row;
        row.reserve(t.columns.size());
        for (int i = 0; i < st.columnCount(); ++i) row.push_back(st.value(i));
        t.rows.push_back(std::move(row));
    }
    return t;
}

// Plain prepared INSERTs with sqlite3 directly, no layer in between.
void rawInsert(sqlite3* db, const Table& t) {
    std::string sql = "INSERT INTO " + t.name + "(";
    std::string params;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        sql += (i ? "," : "") + t.columns[i];
        params += i ? ",?" : "?";
    }
    sql += ") VALUES(" + params + ")";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(db));
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            const int at = static_cast<int>(i) + 1;
            const auto& v = row[i];
            if (const auto* s = std::get_if<std::string>(&v))
                sqlite3_bind_text(st, at, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
            else if (const auto* n = std::get_if<std::int64_t>(&v))
                sqlite3_bind_int64(st, at, *n);
            else if (const auto* d = std::get_if<double>(&v))
                sqlite3_bind_double(st, at, *d);
            else
                sqlite3_bind_null(st, at);
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            const std::string message = sqlite3_errmsg(db);
            sqlite3_finalize(st);
            throw std::runtime_error("raw insert into " + t.name + ": " + message);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
}

// A fresh database with the application's schema and connection settings (WAL,
// synchronous=FULL, foreign keys), filled with `tables` by raw INSERTs in one transaction.
// Returns the seconds from BEGIN to COMMIT.
double rawRun(const fs::path& path, const std::vector<const Table*>& tables,
              std::unique_ptr<store::Database>* keep = nullptr, const std::string& pragma = "") {
    removeDatabase(path);
    auto db = store::Database::open(path);
    if (!pragma.empty()) db->exec(pragma);
    Stopwatch sw;
    db->exec("BEGIN IMMEDIATE");
    for (const auto* t : tables) rawInsert(db->handle(), *t);
    db->exec("COMMIT");
    const double seconds = sw.seconds();
    if (keep) *keep = std::move(db);
    return seconds;
}

std::string rate(std::size_t residents, double seconds) {
    return grouped(static_cast<double>(residents) / seconds);
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv, kUsage);
    printPreamble("bench_import", argc, argv);
    const std::size_t residents = o.quick ? 2000 : 50000;
    const fs::path dir = o.data / "import";
    try {
        fs::create_directories(dir);
        const fs::path registryPath = dir / "registry.db";
        removeDatabase(registryPath);
        auto ws = services::Workstation::open(registryPath, "bench");
        const Date today = referenceDay();
        ws->registry().setToday(today);

        // The township with the most villages, as `jiayi-cli demo`.
        std::vector<demo::DemoVillage> villages;
        for (const auto& t : ws->townships()) {
            const auto v = ws->villagesOf(t.code);
            if (v.size() <= villages.size()) continue;
            villages.clear();
            for (const auto& d : v) villages.push_back({d.code, d.name});
        }
        Stopwatch generate;
        const auto households =
            demo::generateTownship(demo::loadDemoParams(), villages, residents, kSeed, today);
        auto chunks = toChunks(households, today, 10000);
        const double generateSeconds = generate.seconds();

        // 1. The registry, in chunks of ~10,000 residents per transaction like demo data.
        std::vector<std::vector<std::string>> chunkRows;
        Stopwatch total;
        std::size_t registered = 0;
        for (auto& chunk : chunks) {
            Stopwatch sw;
            const auto n = ws->registry().registerHouseholds(std::move(chunk)).size();
            const double s = sw.seconds();
            registered += n;
            chunkRows.push_back({std::to_string(chunkRows.size() + 1),
                                 grouped(static_cast<double>(n)), fixed(s, 2), rate(n, s)});
        }
        const double registrySeconds = total.seconds();

        // 2. What it wrote, read back into memory (not timed).
        auto& db = ws->database();
        const Table resident = readTable(db, "resident", "rid");
        const Table household = readTable(db, "household", "rowid");
        const Table member = readTable(db, "household_member", "rowid");
        const Table changeLog = readTable(db, "change_log", "rowid");
        const Table searchKey = readTable(db, "search_key", "rid");
        ws.reset();

        // 3. Raw INSERTs of the same rows into fresh databases with the same schema.
        const double rawRows = rawRun(dir / "raw-rows.db", {&resident, &household, &member});
        std::unique_ptr<store::Database> withLog;
        const double rawLog =
            rawRun(dir / "raw-log.db", {&resident, &household, &member, &changeLog}, &withLog);
        const double rawAll =
            rawRun(dir / "raw-all.db", {&resident, &household, &member, &changeLog, &searchKey});

        // 4. The search index on its own: SearchIndex::rebuild over the same residents in
        // the database that has everything but the keys (keys computed and written), and
        // SearchIndex::keysFor alone (pinyin, reversed digits: CPU only).
        Stopwatch rebuild;
        {
            store::Transaction tx(*withLog);
            store::SearchIndex(*withLog).rebuild();
            tx.commit();
        }
        const double rebuildSeconds = rebuild.seconds();
        withLog.reset();
        std::size_t keyCount = 0;
        Stopwatch keys;
        for (const auto& hh : households) {
            for (const auto& p : hh.members) {
                model::Resident r;
                r.name = p.name;
                r.idNumber = p.idNumber;
                r.phone = p.phone;
                r.archiveNo = hh.villageCode + "00001";
                keyCount += store::SearchIndex::keysFor(r).size();
            }
        }
        const double keysSeconds = keys.seconds();

        // The same township registered again into a fresh database set up by `configure`.
        const auto registerAgain = [&](const char* name, const std::function<void(store::Database&)>& configure) {
            const fs::path path = dir / name;
            removeDatabase(path);
            auto again = services::Workstation::open(path, "bench");
            again->registry().setToday(today);
            configure(again->database());
            auto chunks = toChunks(households, today, 10000);
            Stopwatch sw;
            for (auto& chunk : chunks) again->registry().registerHouseholds(std::move(chunk));
            const double seconds = sw.seconds();
            again.reset();
            removeDatabase(path);
            return seconds;
        };
        // 5. What-if (not the application's setting): the same two runs with a 64 MiB
        // SQLite page cache instead of the default 2 MiB, the core change proposed in
        // docs/performance.md.
        const std::string bigCache = "PRAGMA cache_size = -65536";
        const double bigRegistrySeconds =
            registerAgain("registry-cache.db", [&](store::Database& db) { db.exec(bigCache); });
        const double bigRawRows =
            rawRun(dir / "raw-rows.db", {&resident, &household, &member}, nullptr, bigCache);

        // 6. The audit trail's cost (issue 16): the same registration without it.
        const double noAuditSeconds = registerAgain(
            "registry-noaudit.db", [](store::Database& db) { db.setAuditTrailForBenchmark(false); });
        const std::size_t auditEntries = store::AuditLog(*store::Database::open(registryPath)).count();

        // 7. Encryption at rest's cost (issue 16): the same registration (write-heavy) and
        // the same 2,000 searches (read-heavy, names and ID-number digits) into an encrypted
        // database and into a plain one, alternately, in this run.
        struct Measured {
            double write = 0, search = 0, warm = 0;
        };
        std::vector<std::string> queries;
        for (const auto& hh : households)
            for (const auto& p : hh.members)
                if (queries.size() < 2000) queries.push_back(queries.size() % 2 ? p.name : p.idNumber.substr(0, 6));
        const auto encryptedOrNot = [&](const char* name, const std::string& key) {
            const fs::path path = dir / name;
            removeDatabase(path);
            Measured m;
            {
                auto ws = services::Workstation::open(store::Database::open(path, key),
                                                      services::Session::bootstrap("bench"));
                ws->registry().setToday(today);
                auto chunks = toChunks(households, today, 10000);
                Stopwatch sw;
                for (auto& chunk : chunks) ws->registry().registerHouseholds(std::move(chunk));
                m.write = sw.seconds();
            }
            // The searches on a freshly opened database: pages come from the file (and, when
            // encrypted, are decrypted) before the page cache holds them.
            auto ws = services::Workstation::open(store::Database::open(path, key), services::Session::bootstrap("bench"));
            Stopwatch sw;
            std::size_t found = 0;
            for (const auto& q : queries) found += ws->registry().find(q, 20).size();
            m.search = sw.seconds();
            // The same searches again: the pages are in the page cache now, as on a
            // workstation that has been open for a while.
            Stopwatch warm;
            for (const auto& q : queries) found += ws->registry().find(q, 20).size();
            m.warm = warm.seconds();
            if (found == 0) throw std::runtime_error("the searches found nobody");
            ws.reset();
            removeDatabase(path);
            return m;
        };
        const auto siteKey = store::KeyRing::newSiteKey();
        const Measured plain1 = encryptedOrNot("plain.db", "");
        const Measured encrypted1 = encryptedOrNot("encrypted.db", siteKey);
        const Measured plain2 = encryptedOrNot("plain.db", "");
        const Measured encrypted2 = encryptedOrNot("encrypted.db", siteKey);
        const Measured plain{std::min(plain1.write, plain2.write), std::min(plain1.search, plain2.search),
                             std::min(plain1.warm, plain2.warm)};
        const Measured encrypted{std::min(encrypted1.write, encrypted2.write),
                                 std::min(encrypted1.search, encrypted2.search),
                                 std::min(encrypted1.warm, encrypted2.warm)};

        std::cout << "## Registration of " << grouped(static_cast<double>(registered))
                  << " residents (one township, " << villages.size() << " villages, "
                  << grouped(static_cast<double>(households.size())) << " households)\n\n"
                  << "Generating and converting the population (not counted): "
                  << fixed(generateSeconds, 2) << " s.\n\n";
        printTable({"chunk", "residents", "seconds", "residents/s"}, chunkRows);

        printTable({"rows written", "resident", "household", "household_member", "change_log",
                    "search_key"},
                   {{"count", grouped(static_cast<double>(resident.rows.size())),
                     grouped(static_cast<double>(household.rows.size())),
                     grouped(static_cast<double>(member.rows.size())),
                     grouped(static_cast<double>(changeLog.rows.size())),
                     grouped(static_cast<double>(searchKey.rows.size()))}});

        const std::size_t n = registered;
        std::cout << "Target: the registry within 3× of raw INSERTs of resident, household and "
                     "household_member rows.\n\n";
        printTable({"path", "seconds", "residents/s", "× raw rows"},
                   {{"Registry::registerHouseholds (chunks of 10,000)", fixed(registrySeconds, 2),
                     rate(n, registrySeconds), fixed(registrySeconds / rawRows, 2) + "×"},
                    {"raw INSERT resident + household + household_member", fixed(rawRows, 2),
                     rate(n, rawRows), "1.00×"},
                    {"raw INSERT … + change_log", fixed(rawLog, 2), rate(n, rawLog),
                     fixed(rawLog / rawRows, 2) + "×"},
                    {"raw INSERT … + change_log + search_key", fixed(rawAll, 2), rate(n, rawAll),
                     fixed(rawAll / rawRows, 2) + "×"},
                    {"what-if, cache_size 64 MiB: Registry::registerHouseholds",
                     fixed(bigRegistrySeconds, 2), rate(n, bigRegistrySeconds),
                     fixed(bigRegistrySeconds / bigRawRows, 2) + "× (of raw, same cache)"},
                    {"what-if, cache_size 64 MiB: raw INSERT resident + household + member",
                     fixed(bigRawRows, 2), rate(n, bigRawRows), "1.00×"}});
        std::cout << "Target " << (registrySeconds <= 3 * rawRows ? "met" : "**missed**")
                  << ": registry / raw rows = " << fixed(registrySeconds / rawRows, 2) << "×.\n\n";

        printTable({"audit trail (issue 16)", "seconds", "residents/s", "cost"},
                   {{"Registry::registerHouseholds with the audit trail (" +
                         grouped(static_cast<double>(auditEntries)) + " entries)",
                     fixed(registrySeconds, 2), rate(n, registrySeconds),
                     "+" + fixed(100 * (registrySeconds / noAuditSeconds - 1), 0) + " %"},
                    {"the same without it", fixed(noAuditSeconds, 2), rate(n, noAuditSeconds), "—"}});

        const auto cost = [](double with, double without) {
            return (with >= without ? "+" : "") + fixed(100 * (with / without - 1), 0) + " %";
        };
        std::cout << "Encryption at rest (SQLCipher 4.5.5 with OpenSSL: AES-256-CBC + "
                     "HMAC-SHA512 per page), best of two alternating runs each; target ≤ 15 % slower.\n\n";
        printTable({"encryption at rest (issue 16)", "encrypted s", "plain s", "cost"},
                   {{"write-heavy: Registry::registerHouseholds, " + grouped(static_cast<double>(n)) + " residents",
                     fixed(encrypted.write, 2), fixed(plain.write, 2), cost(encrypted.write, plain.write)},
                    {"read-heavy: " + grouped(static_cast<double>(queries.size())) +
                         " searches (names, ID-number digits), just opened (pages read from the file)",
                     fixed(encrypted.search, 3), fixed(plain.search, 3), cost(encrypted.search, plain.search)},
                    {"the same searches again (pages in the page cache)", fixed(encrypted.warm, 3),
                     fixed(plain.warm, 3), cost(encrypted.warm, plain.warm)}});

        auto share = [&](double s) { return fixed(100 * s / registrySeconds, 0) + " %"; };
        const double rest = registrySeconds - rawAll;
        printTable({"where the registry's time goes", "seconds", "share"},
                   {{"SQLite writing the resident/household/member rows (raw rows)",
                     fixed(rawRows, 2), share(rawRows)},
                    {"SQLite writing the change_log rows (raw + log − raw rows)",
                     fixed(rawLog - rawRows, 2), share(rawLog - rawRows)},
                    {"SQLite writing the search_key rows (raw all − raw + log)",
                     fixed(rawAll - rawLog, 2), share(rawAll - rawLog)},
                    {"everything else: validation, duplicate/village/household look-ups, archive "
                     "numbers, JSON, row mapping, key computation (registry − raw all)",
                     fixed(rest, 2), share(rest)},
                    {"of which SearchIndex::keysFor alone (pinyin; " +
                         grouped(static_cast<double>(keyCount)) + " keys)",
                     fixed(keysSeconds, 2), share(keysSeconds)},
                    {"SearchIndex::rebuild for the same residents (compute + write keys), for "
                     "comparison",
                     fixed(rebuildSeconds, 2), share(rebuildSeconds)}});
        std::cout << loadAverage() << " at the end.\n";
        for (const char* name : {"registry.db", "raw-rows.db", "raw-log.db", "raw-all.db"})
            removeDatabase(dir / name);
    } catch (const std::exception& e) {
        std::cerr << "bench_import: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
