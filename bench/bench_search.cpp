// bench_search: latency of Registry::find (search index + loading the rows) for each kind
// of query people type, over a township (50,000 residents) and a county (1,000,000),
// each compared with a plain scan of the resident table answering the same question.
// Measurements only (docs/performance.md); nothing here asserts a time.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iostream>
#include <optional>
#include <random>

#include "bench/BenchCommon.h"
#include "core/demo/DemoData.h"
#include "core/rules/Pinyin.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage =
    "[--quick] [--data DIR] [--only township|county] [--prepare-only] [--pragma SQL]";
constexpr std::size_t kLimit = 50;  // what the GUI and the CLI ask Registry::find for
constexpr std::uint64_t kSeed = 1;

struct Population {
    std::string label;  // "township" or "county"
    std::size_t residents = 0;
    double targetP95Ms = 0;
};

struct BuildInfo {
    bool cached = false;
    std::size_t villages = 0, households = 0, residents = 0;
    double generateSeconds = 0, registerSeconds = 0;
    std::uintmax_t bytes = 0;
};

fs::path databasePath(const Options& o, const Population& p) {
    return o.data / (p.label + "-" + std::to_string(p.residents) + ".db");
}

std::string meta(store::Database& db, const char* key) {
    return store::siteMeta(db, key).value_or("0");
}

// Builds the database with the real generator and registry into `path.partial`, then
// renames it, so an interrupted build is never mistaken for a finished one.
BuildInfo build(const Population& p, const fs::path& path) {
    const fs::path partial = path.string() + ".partial";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(partial.string() + suffix);
    BuildInfo info;
    {
        auto ws = services::Workstation::open(partial, "bench");
        const Date today = referenceDay();
        ws->registry().setToday(today);
        std::vector<rules::Division> divisions;
        if (p.label == "county") {
            divisions = ws->villages();  // empty scope: every village loaded (all of 曹县)
        } else {
            // As `jiayi-cli demo`: the township with the most villages.
            std::size_t most = 0;
            for (const auto& t : ws->townships()) {
                auto v = ws->villagesOf(t.code);
                if (v.size() > most) {
                    most = v.size();
                    divisions = std::move(v);
                }
            }
        }
        std::vector<demo::DemoVillage> villages;
        for (const auto& v : divisions) villages.push_back({v.code, v.name});
        info.villages = villages.size();
        std::cerr << "building " << p.label << ": " << p.residents << " residents in "
                  << villages.size() << " villages → " << path << "\n";

        Stopwatch generate;
        const auto households =
            demo::generateTownship(demo::loadDemoParams(), villages, p.residents, kSeed, today);
        info.generateSeconds = generate.seconds();
        info.households = households.size();

        // Chunks of ~10,000 residents as DemoData does, converted one at a time.
        std::vector<services::HouseholdRegistration> chunk;
        std::size_t inChunk = 0, nextReport = 100000;
        auto flush = [&] {
            Stopwatch sw;
            info.residents += ws->registry().registerHouseholds(std::move(chunk)).size();
            info.registerSeconds += sw.seconds();
            chunk.clear();
            inChunk = 0;
            if (info.residents >= nextReport) {
                std::cerr << "  " << info.residents << " registered, "
                          << fixed(info.registerSeconds, 1) << " s\n";
                nextReport += 100000;
            }
        };
        for (const auto& h : households) {
            services::HouseholdRegistration hr;
            hr.address = h.address;
            for (const auto& m : h.members)
                hr.members.push_back(services::demoRegistration(m, h.villageCode, today));
            inChunk += hr.members.size();
            chunk.push_back(std::move(hr));
            if (inChunk >= 10000) flush();
        }
        if (!chunk.empty()) flush();

        auto& db = ws->database();
        store::Transaction tx(db);
        store::setSiteMeta(db, "bench_generate_seconds", fixed(info.generateSeconds, 3));
        store::setSiteMeta(db, "bench_register_seconds", fixed(info.registerSeconds, 3));
        store::setSiteMeta(db, "bench_villages", std::to_string(info.villages));
        store::setSiteMeta(db, "bench_households", std::to_string(info.households));
        tx.commit();
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }  // closed: the WAL is checkpointed and removed
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial.string() + suffix);
    fs::rename(partial, path);
    info.bytes = fs::file_size(path);
    return info;
}

BuildInfo ensureDatabase(const Population& p, const Options& o) {
    fs::create_directories(o.data);
    const fs::path path = databasePath(o, p);
    if (fs::exists(path)) {
        auto ws = services::Workstation::open(path, "bench");
        if (ws->residentCount() == p.residents) {
            BuildInfo info;
            info.cached = true;
            auto& db = ws->database();
            info.residents = p.residents;
            info.generateSeconds = std::stod(meta(db, "bench_generate_seconds"));
            info.registerSeconds = std::stod(meta(db, "bench_register_seconds"));
            info.villages = std::stoul(meta(db, "bench_villages"));
            info.households = std::stoul(meta(db, "bench_households"));
            info.bytes = fs::file_size(path);
            return info;
        }
        std::cerr << path << " holds " << ws->residentCount() << " residents, not " << p.residents
                  << "; rebuilding\n";
        ws.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
    }
    return build(p, path);
}

// ---- queries ---------------------------------------------------------------------------

struct Row {
    std::string name, idNumber, phone, archiveNo;
};

enum class Scan { Name, Pinyin, Digits };

struct Kind {
    const char* label;
    Scan scan;
    // The query a person would type to find this resident; nullopt when the row has no
    // such field (no phone).
    std::function<std::optional<std::string>(const Row&, std::size_t)> query;
};

std::string firstOr(const std::vector<std::string>& v) {
    return v.empty() ? "" : v.front();
}

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> all = {
        {"name prefix, 2 characters (王秀)", Scan::Name,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             if (utf8Drop(r.name, 1).empty()) return std::nullopt;
             return utf8Prefix(r.name, 2);
         }},
        {"given name (秀英)", Scan::Name,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             auto given = utf8Drop(r.name, 1);
             if (given.empty()) return std::nullopt;
             return given;
         }},
        {"pinyin initials (wxy)", Scan::Pinyin,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             auto k = firstOr(rules::PinyinTable::instance().nameKeys(r.name).initials);
             if (k.empty()) return std::nullopt;
             return k;
         }},
        {"full pinyin prefix (wangxiu)", Scan::Pinyin,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             auto k = firstOr(rules::PinyinTable::instance().nameKeys(utf8Prefix(r.name, 2)).full);
             if (k.empty()) return std::nullopt;
             return k;
         }},
        {"ID number, last 4-6", Scan::Digits,
         [](const Row& r, std::size_t i) -> std::optional<std::string> {
             const std::size_t n = 4 + i % 3;
             if (r.idNumber.size() < n) return std::nullopt;
             return r.idNumber.substr(r.idNumber.size() - n);
         }},
        {"phone, last 4", Scan::Digits,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             if (r.phone.size() != 11) return std::nullopt;
             return r.phone.substr(7);
         }},
        {"phone, first 7", Scan::Digits,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             if (r.phone.size() != 11) return std::nullopt;
             return r.phone.substr(0, 7);
         }},
        {"archive number, 17 digits", Scan::Digits,
         [](const Row& r, std::size_t) -> std::optional<std::string> {
             if (r.archiveNo.empty()) return std::nullopt;
             return r.archiveNo;
         }},
    };
    return all;
}

// Queries drawn from stored residents by a fixed-seed generator (raw mt19937_64 bits only).
std::vector<std::string> drawQueries(store::Database& db, const Kind& kind, std::size_t kindIndex,
                                     std::size_t count) {
    store::Statement maxRid(db, "SELECT max(rid) FROM resident");
    maxRid.step();
    const auto top = static_cast<std::uint64_t>(maxRid.integer(0));
    store::Statement row(db,
                         "SELECT name, id_number, phone, archive_no FROM resident "
                         "WHERE rid = ?");
    std::mt19937_64 rng(1000 + kindIndex);
    std::vector<std::string> out;
    for (std::size_t attempts = 0; out.size() < count && attempts < count * 20; ++attempts) {
        row.bind(1, static_cast<std::int64_t>(1 + rng() % top));
        if (!row.step()) {
            row.reset();
            continue;
        }
        const Row r{row.text(0), row.text(1), row.text(2), row.text(3)};
        row.reset();
        if (auto q = kind.query(r, out.size())) out.push_back(std::move(*q));
    }
    return out;
}

// SQL function for the pinyin scan: does any pinyin key of the name (initials or full,
// every reading variant, as the index stores them) start with the query?
void pinyinPrefix(sqlite3_context* context, int, sqlite3_value** argv) {
    const auto* name = sqlite3_value_text(argv[0]);
    const auto* query = sqlite3_value_text(argv[1]);
    if (!name || !query) {
        sqlite3_result_int(context, 0);
        return;
    }
    const std::string_view q(reinterpret_cast<const char*>(query));
    const auto keys = rules::PinyinTable::instance().nameKeys(reinterpret_cast<const char*>(name));
    auto starts = [&](const std::string& k) { return k.compare(0, q.size(), q) == 0; };
    const bool hit = std::any_of(keys.initials.begin(), keys.initials.end(), starts) ||
                     std::any_of(keys.full.begin(), keys.full.end(), starts);
    sqlite3_result_int(context, hit ? 1 : 0);
}

// The plain scan answering what Registry::find answers for that kind of query.
std::string scanSql(Scan scan, const std::string& query) {
    const std::string select = "SELECT id FROM resident WHERE ";
    switch (scan) {
        case Scan::Name:  // kinds a (name prefix) and b (given-name prefix)
            return select + "name LIKE ?1 || '%' OR name LIKE '_' || ?1 || '%' LIMIT ?2";
        case Scan::Pinyin:  // kinds c, d: no SQL equivalent; computed per row
            return select + "bench_pinyin_prefix(name, ?1) LIMIT ?2";
        case Scan::Digits:  // kinds e, g, h, i (and f from 12 digits)
            return select + (query.size() >= 12 ? "archive_no LIKE ?1 || '%' OR " : "") +
                   "id_number LIKE '%' || ?1 OR phone LIKE '%' || ?1 OR phone LIKE ?1 || '%' "
                   "OR archive_no LIKE '%' || ?1 LIMIT ?2";
    }
    return {};
}

std::size_t scanFind(store::Database& db, Scan scan, const std::string& query) {
    store::Transaction tx(db, store::Transaction::Mode::Deferred);  // as Registry::find
    auto& st = db.cached(scanSql(scan, query));
    st.bind(1, query).bind(2, static_cast<std::int64_t>(kLimit));
    std::vector<std::string> ids;
    while (st.step()) ids.push_back(st.text(0));
    st.reset();
    return store::ResidentRepository(db).getMany(ids).size();
}

std::string ms(double v) {
    return v < 10 ? fixed(v, 2) : fixed(v, 1);
}

void measure(const Population& p, const Options& o, const BuildInfo& info) {
    auto ws = services::Workstation::open(databasePath(o, p), "bench");
    auto& db = ws->database();
    // A what-if setting (e.g. a larger page cache) instead of the application's own.
    if (!o.pragma.empty()) db.exec(o.pragma);
    sqlite3_create_function_v2(db.handle(), "bench_pinyin_prefix", 2,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, &pinyinPrefix, nullptr,
                               nullptr, nullptr);
    store::Statement keys(db, "SELECT count(*) FROM search_key");
    keys.step();
    const auto searchKeys = keys.integer(0);

    std::cout << "## " << p.label << ": " << grouped(static_cast<double>(info.residents))
              << " residents" << (o.pragma.empty() ? "" : " (what-if: " + o.pragma + ")") << "\n\n";
    printTable(
        {"villages", "households", "residents", "search keys", "generate (s)", "register (s)",
         "registered/s", "database (MB)", "built"},
        {{std::to_string(info.villages), grouped(static_cast<double>(info.households)),
          grouped(static_cast<double>(info.residents)), grouped(static_cast<double>(searchKeys)),
          fixed(info.generateSeconds, 1), fixed(info.registerSeconds, 1),
          grouped(static_cast<double>(info.residents) / info.registerSeconds),
          fixed(static_cast<double>(info.bytes) / 1e6, 0), info.cached ? "cached" : "this run"}});

    const std::size_t perKind = o.quick ? 50 : 500;
    const double scanBudget = o.quick ? 1.0 : (p.label == "county" ? 20.0 : 15.0);
    const std::size_t scanMin = o.quick ? 3 : 10;
    std::vector<std::vector<std::string>> rows;
    std::vector<double> allP95;
    for (std::size_t k = 0; k < kinds().size(); ++k) {
        const auto& kind = kinds()[k];
        const auto queries = drawQueries(db, kind, k, perKind);
        if (queries.empty()) continue;
        // Warm-up: statement preparation and the first pages, not counted.
        for (std::size_t i = 0; i < std::min<std::size_t>(10, queries.size()); ++i)
            ws->registry().find(queries[i], kLimit);
        scanFind(db, kind.scan, queries.front());

        std::vector<double> index;
        double rowsFound = 0;
        for (const auto& q : queries) {
            Stopwatch sw;
            const auto found = ws->registry().find(q, kLimit);
            index.push_back(sw.ms());
            rowsFound += static_cast<double>(found.size());
        }
        std::vector<double> scan;
        Stopwatch budget;
        for (const auto& q : queries) {
            if (scan.size() >= scanMin && budget.seconds() > scanBudget) break;
            Stopwatch sw;
            scanFind(db, kind.scan, q);
            scan.push_back(sw.ms());
        }
        const auto a = summarize(index);
        const auto b = summarize(scan);
        allP95.push_back(a.p95);
        rows.push_back({kind.label, "`" + queries.front() + "`", std::to_string(a.n), ms(a.p50),
                        ms(a.p95), ms(a.p99), ms(a.max),
                        fixed(rowsFound / static_cast<double>(a.n), 1),
                        a.p95 <= p.targetP95Ms ? "met" : "**missed**", std::to_string(b.n),
                        ms(b.p50), ms(b.p95), ms(b.p99), fixed(b.p50 / a.p50, 0) + "×"});
    }
    std::cout << "Registry::find(query, 50) vs a plain scan of `resident` (ms; target p95 ≤ "
              << p.targetP95Ms << " ms)\n\n";
    printTable({"query", "e.g.", "n", "p50", "p95", "p99", "max", "rows", "target", "scan n",
                "scan p50", "scan p95", "scan p99", "p50 speed-up"},
               rows);
    std::cout << "Worst p95 of the index: " << ms(*std::max_element(allP95.begin(), allP95.end()))
              << " ms. " << loadAverage() << " at the end.\n\n"
              << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv, kUsage);
    printPreamble("bench_search", argc, argv);
    std::vector<Population> populations = {
        {"township", o.quick ? 2000u : 50000u, 10.0},
        {"county", o.quick ? 10000u : 1000000u, 50.0},
    };
    try {
        for (const auto& p : populations) {
            if (!o.only.empty() && o.only != p.label) continue;
            const auto info = ensureDatabase(p, o);
            if (!o.prepareOnly) measure(p, o, info);
        }
    } catch (const std::exception& e) {
        std::cerr << "bench_search: " << e.what() << "\n";
        return 1;
    }
    std::cout << "Scans: `name LIKE q||'%' OR name LIKE '_'||q||'%'` for Chinese text; for "
                 "pinyin (no LIKE equivalent) a per-row SQL function computing the same pinyin "
                 "keys the index stores; for digits `id_number LIKE '%'||q OR phone LIKE "
                 "'%'||q OR phone LIKE q||'%' OR archive_no LIKE '%'||q` (plus `archive_no "
                 "LIKE q||'%'` from 12 digits); each `LIMIT 50`, then the same row loading "
                 "as Registry::find. Scans stop after a time budget per kind (scan n).\n";
    return 0;
}
