// bench_sync: the sync figures of issue 3 (docs/performance.md, "Sync (issue 3)"), each next
// to raw SQLite writes of the same rows in the same run:
//   1. apply rate of real change-log entries on a hub and on a client (field changes/s);
//   2. bytes on the wire per new row and per single-field update (packBatch, compressed);
//   3. 100,000 changes pushed by one site through the real HTTPS hub and pulled by another;
//   4. first full sync of a generated township to a fresh village site and township site.
// Measurements only; nothing here asserts a time.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <iostream>
#include <limits>
#include <map>

#include "HubFixture.h"
#include "bench/BenchCommon.h"
#include "core/demo/DemoData.h"
#include "core/services/Workstation.h"
#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/store/Site.h"
#include "sync/HubClient.h"
#include "sync/HubStore.h"
#include "sync/Merge.h"
#include "sync/Protocol.h"
#include "sync/SyncStore.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";
constexpr std::size_t kBatch = sync::limits::kBatchEntries;  // entries per batch, as on the wire

std::unique_ptr<services::Workstation> freshSite(const fs::path& path, const std::string& user) {
    removeDatabase(path);
    auto ws = services::Workstation::open(path, user);
    ws->registry().setToday(referenceDay());
    return ws;
}

// The hub's scope for a township: the division-code prefix its villages share.
std::string townshipScope(const std::string& townshipCode) { return townshipCode.substr(0, 9); }

std::string count(std::size_t n) { return grouped(static_cast<double>(n)); }
std::string perSecond(double n, double seconds) { return grouped(n / seconds); }

// One change-log entry as plain SQL: the statement and its values, parsed before timing.
struct PlainWrite {
    std::string sql;
    std::vector<store::Value> values;  // in parameter order
    std::size_t fields = 0;
};

// A logged JSON value as the column value it stands for (as sync/Merge reads it).
store::Value toValue(const Poco::Dynamic::Var& v) {
    return v.isEmpty()     ? store::Value{}
           : v.isInteger() ? store::Value{v.convert<std::int64_t>()}
           : v.isNumeric() && !v.isString() ? store::Value{v.convert<double>()}
                                            : store::Value{v.convert<std::string>()};
}

// INSERT of the logged row, or UPDATE of the logged fields: what the same change costs
// written by hand, without merge, change log, cursors or search index.
PlainWrite plainWrite(const store::ChangeEntry& e) {
    PlainWrite w;
    const auto object = Poco::JSON::Parser().parse(e.fields).extract<Poco::JSON::Object::Ptr>();
    w.fields = object->size();
    if (e.op == "insert") {
        std::string columns = "id", params = "?";
        w.values.emplace_back(e.rowId);
        for (const auto& [column, value] : *object) {
            columns += "," + column;
            params += ",?";
            w.values.push_back(toValue(value));
        }
        w.sql = "INSERT INTO " + e.table + "(" + columns + ") VALUES(" + params + ")";
    } else {
        w.sql = "UPDATE " + e.table + " SET ";
        bool first = true;
        for (const auto& [column, value] : *object) {
            w.sql += (first ? "" : ",") + column + "=?";
            first = false;
            w.values.push_back(toValue(value));
        }
        w.sql += " WHERE id=?";
        w.values.emplace_back(e.rowId);
    }
    return w;
}

std::vector<PlainWrite> plainWrites(const std::vector<store::ChangeEntry>& entries) {
    std::vector<PlainWrite> out;
    out.reserve(entries.size());
    for (const auto& e : entries) out.push_back(plainWrite(e));
    return out;
}

std::size_t fieldCount(const std::vector<PlainWrite>& writes) {
    std::size_t n = 0;
    for (const auto& w : writes) n += w.fields;
    return n;
}

// Seconds spent on entries [0, split) and [split, end), batch by batch (a batch never
// straddles `split`).
struct Phases {
    double first = 0, second = 0;
    double total() const { return first + second; }
};

// The baseline: the same writes with prepared statements, in the same batches of kBatch
// per transaction, on a database of the same schema and settings. Seconds.
Phases plainApply(store::Database& db, const std::vector<PlainWrite>& writes,
                  std::size_t split = std::numeric_limits<std::size_t>::max()) {
    Phases out;
    for (std::size_t at = 0; at < writes.size();) {
        const std::size_t end = std::min({writes.size(), at + kBatch, at < split ? split : writes.size()});
        Stopwatch sw;
        store::Transaction tx(db);
        for (std::size_t i = at; i < end; ++i) {
            auto& st = db.cached(writes[i].sql);
            int index = 1;
            for (const auto& v : writes[i].values) st.bind(index++, v);
            st.run();
        }
        tx.commit();
        (at < split ? out.first : out.second) += sw.seconds();
        at = end;
    }
    return out;
}

template <typename Apply>
Phases inBatches(const std::vector<store::ChangeEntry>& entries, std::size_t split, Apply apply) {
    Phases out;
    for (std::size_t at = 0; at < entries.size();) {
        const std::size_t end = std::min({entries.size(), at + kBatch, at < split ? split : entries.size()});
        const std::vector<store::ChangeEntry> batch(entries.begin() + static_cast<std::ptrdiff_t>(at),
                                                    entries.begin() + static_cast<std::ptrdiff_t>(end));
        Stopwatch sw;
        apply(batch);
        (at < split ? out.first : out.second) += sw.seconds();
        at = end;
    }
    return out;
}

std::vector<store::ChangeEntry> allChangesOf(store::Database& db, const std::string& site) {
    return store::changesSince(db, site, 0, std::numeric_limits<std::size_t>::max());
}

// Every entry a site received from elsewhere (other sites' changes, or the rows of its
// starting snapshot), as its change log keeps them.
std::vector<store::ChangeEntry> receivedBy(store::Database& db) {
    std::vector<std::string> origins;
    {
        store::Statement st(db, "SELECT DISTINCT site FROM change_log WHERE site <> ?");
        st.bind(1, store::siteId(db));
        while (st.step()) origins.push_back(st.text(0));
    }
    std::vector<store::ChangeEntry> out;
    for (const auto& o : origins)
        for (auto& e : allChangesOf(db, o)) out.push_back(std::move(e));
    return out;
}

std::int64_t scalar(store::Database& db, const std::string& sql) {
    store::Statement st(db, sql);
    st.step();
    return st.integer(0);
}

// Registers `residents` generated people into `ws` in chunks of 10,000, then edits one
// field (phone) of residents in turn until the site's change log holds `changes` entries.
void makeChanges(services::Workstation& ws, const std::vector<demo::DemoVillage>& villages,
                 std::size_t residents, std::size_t changes) {
    const auto households =
        demo::generateTownship(demo::loadDemoParams(), villages, residents, 11, referenceDay());
    for (auto& chunk : toChunks(households, referenceDay(), 10000))
        ws.registry().registerHouseholds(std::move(chunk));
    auto& db = ws.database();
    std::vector<std::string> ids;
    {
        store::Statement st(db, "SELECT id FROM resident ORDER BY rid");
        while (st.step()) ids.push_back(st.text(0));
    }
    auto logged = static_cast<std::size_t>(scalar(db, "SELECT count(*) FROM change_log"));
    std::size_t i = 0;
    while (logged < changes) {
        store::Transaction tx(db);
        for (std::size_t n = 0; n < 10000 && logged < changes; ++n, ++i, ++logged) {
            char phone[16];
            std::snprintf(phone, sizeof phone, "1%02zu%08zu", 50 + (i / ids.size()) % 50, i % 100000000);
            db.changes().update("resident", ids[i % ids.size()], {{"phone", store::Value{std::string(phone)}}},
                                "bench");
        }
        tx.commit();
    }
}

// A site enrolled at `hub` for `scope`, then its first sync (the push of its whole log).
struct FirstPush {
    double enrolSeconds = 0, syncSeconds = 0;
    sync::SyncReport report;
};

// `snapshot`: a site that has never pulled starts from a snapshot of its scope (issue 20),
// else it replays every change of its scope.
FirstPush enrolAndSync(testing::HubFixture& hub, store::Database& db, const std::string& scope,
                       const std::string& name, bool snapshot = true) {
    FirstPush out;
    Stopwatch enrol;
    hub.enrol(db, scope, name);
    out.enrolSeconds = enrol.seconds();
    Stopwatch sw;
    sync::HubClient client(db);
    client.setStartFromSnapshot(snapshot);
    out.report = client.sync();
    out.syncSeconds = sw.seconds();
    return out;
}

// ---- 2. bytes on the wire -------------------------------------------------------------

// The same entries' values as tab-separated text (row id, then each value), zlib level 9:
// the information in the batch without any format around it.
std::string tsvOf(const std::vector<store::ChangeEntry>& entries) {
    std::string out;
    for (const auto& e : entries) {
        out += e.rowId;
        const auto object = Poco::JSON::Parser().parse(e.fields).extract<Poco::JSON::Object::Ptr>();
        for (const auto& [column, value] : *object) {
            out += '\t';
            if (!value.isEmpty()) out += value.convert<std::string>();
        }
        out += '\n';
    }
    return out;
}

struct WireRow {
    std::string what;
    std::size_t entries = 0, fields = 0, json = 0, compressed = 0, tsv = 0, tsvCompressed = 0;
};

WireRow wireRow(const std::string& what, const std::vector<store::ChangeEntry>& entries) {
    WireRow w;
    w.what = what;
    const auto packed = sync::packBatch(entries);
    const std::vector<store::ChangeEntry> sent(entries.begin(),
                                               entries.begin() + static_cast<std::ptrdiff_t>(packed.count));
    w.entries = sent.size();
    w.fields = fieldCount(plainWrites(sent));
    w.json = sync::encodeBatch(sent).size();
    w.compressed = packed.body.size();
    const auto tsv = tsvOf(sent);
    w.tsv = tsv.size();
    w.tsvCompressed = sync::compress(tsv).size();
    return w;
}

// The first `n` entries satisfying `keep`.
template <typename Keep>
std::vector<store::ChangeEntry> firstOf(const std::vector<store::ChangeEntry>& entries, std::size_t n, Keep keep) {
    std::vector<store::ChangeEntry> out;
    for (const auto& e : entries) {
        if (out.size() == n) break;
        if (keep(e)) out.push_back(e);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv, kUsage);
    printPreamble("bench_sync", argc, argv);
    const std::size_t sourceResidents = o.quick ? 600 : 25000;
    const std::size_t changes = o.quick ? 2000 : 100000;
    const std::size_t townshipResidents = o.quick ? 1500 : 50000;
    const fs::path dir = o.data / "sync";
    try {
        fs::remove_all(dir);
        fs::create_directories(dir);

        // ---- the source site: registrations, then single-field edits ----------------------
        auto source = freshSite(dir / "source.db", "doctor");
        const auto township = services::biggestTownship(*source);
        const auto scope = townshipScope(township.code);
        source->setScope(township.code);
        std::vector<demo::DemoVillage> villages;
        for (const auto& v : source->villagesOf(township.code)) villages.push_back({v.code, v.name});
        Stopwatch making;
        makeChanges(*source, villages, sourceResidents, changes);
        const double makingSeconds = making.seconds();
        auto& sourceDb = source->database();
        const auto sourceSite = store::siteId(sourceDb);
        const auto entries = allChangesOf(sourceDb, sourceSite);
        const auto writes = plainWrites(entries);
        const std::size_t fields = fieldCount(writes);
        std::map<std::string, std::size_t> byKind;
        for (const auto& e : entries) ++byKind[e.table + " " + e.op];
        std::cout << "## Source site\n\n"
                  << township.name << " (" << township.code << ", " << villages.size()
                  << " villages): " << count(sourceResidents) << " residents registered through "
                  << "`Registry::registerHouseholds`, then one-field phone edits through "
                  << "`ChangeCapture::update` up to " << count(entries.size()) << " change-log entries ("
                  << count(fields) << " field changes) in " << fixed(makingSeconds, 1) << " s (not counted).\n\n";
        {
            std::vector<std::vector<std::string>> rows;
            for (const auto& [kind, n] : byKind) rows.push_back({kind, count(n)});
            printTable({"entries", "count"}, rows);
        }

        // ---- 1. apply rate --------------------------------------------------------------
        // Registrations come first in the log, then the edits: timed apart as well.
        const auto split = static_cast<std::size_t>(
            std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.op == "update"; }) -
            entries.begin());
        std::size_t splitFields = 0;
        for (std::size_t i = 0; i < split; ++i) splitFields += writes[i].fields;
        Phases hubApply, hubPush, hubPushEncrypted, clientApply, plainPhases;
        std::size_t hubApplied = 0, pushApplied = 0, encryptedApplied = 0, clientApplied = 0;
        {
            auto hubSite = freshSite(dir / "apply-hub.db", "hub");
            sync::ApplyOptions hubMode;
            hubMode.requireContiguous = true;
            hubApply = inBatches(entries, split, [&](const auto& batch) {
                hubApplied += sync::applyChanges(hubSite->database(), batch, hubMode).applied;
            });
        }
        {
            removeDatabase(dir / "apply-hubstore.db");
            auto hubStore = sync::openSqliteHubStore((dir / "apply-hubstore.db").string());
            const sync::Device device{sourceSite, "source", scope, "", "", ""};
            hubPush = inBatches(entries, split, [&](const auto& batch) {
                pushApplied += hubStore->push(device, batch).result.applied;
            });
        }
        {
            // The same push into an encrypted store, as a deployed hub's is (issue 16).
            removeDatabase(dir / "apply-hubstore-encrypted.db");
            auto hubStore = sync::openSqliteHubStore((dir / "apply-hubstore-encrypted.db").string(),
                                                     store::KeyRing::newSiteKey());
            const sync::Device device{sourceSite, "source", scope, "", "", ""};
            hubPushEncrypted = inBatches(entries, split, [&](const auto& batch) {
                encryptedApplied += hubStore->push(device, batch).result.applied;
            });
        }
        {
            auto client = freshSite(dir / "apply-client.db", "client");
            sync::ApplyOptions clientMode;
            clientMode.requireContiguous = false;
            clientMode.park = true;  // as HubClient::sync: each entry in a savepoint
            clientApply = inBatches(entries, split, [&](const auto& batch) {
                clientApplied += sync::applyChanges(client->database(), batch, clientMode).applied;
            });
        }
        {
            auto plain = freshSite(dir / "apply-plain.db", "plain");
            plainPhases = plainApply(plain->database(), writes, split);
        }
        const double plainSeconds = plainPhases.total();
        const double f = static_cast<double>(fields), n = static_cast<double>(entries.size());
        std::cout << "## 1. Apply rate\n\n"
                  << count(entries.size()) << " entries (" << count(fields)
                  << " field changes) in batches of " << kBatch
                  << ", one transaction each, into fresh site databases (WAL, synchronous=FULL). "
                  << "Target: ≥ 50,000 field changes/s.\n\n";
        auto applyRow = [&](const std::string& what, double seconds, std::size_t applied) {
            return std::vector<std::string>{what, count(applied), fixed(seconds, 2), perSecond(n, seconds),
                                            perSecond(f, seconds), fixed(seconds / plainSeconds, 2) + "×",
                                            f / seconds >= 50000 ? "met" : "**missed**"};
        };
        printTable({"path", "entries applied", "seconds", "entries/s", "field changes/s", "× plain",
                    "target"},
                   {applyRow("hub: `applyChanges`, requireContiguous", hubApply.total(), hubApplied),
                    applyRow("hub: `SqliteHubStore::push` (+ scope check, hub_log)", hubPush.total(), pushApplied),
                    applyRow("hub: the same push into an encrypted store (+" +
                                 fixed(100 * (hubPushEncrypted.total() / hubPush.total() - 1), 0) + " %)",
                             hubPushEncrypted.total(), encryptedApplied),
                    applyRow("client: `applyChanges`, not contiguous, parking", clientApply.total(), clientApplied),
                    {"plain INSERT / UPDATE of the same rows and fields (baseline)", count(writes.size()),
                     fixed(plainSeconds, 2), perSecond(n, plainSeconds), perSecond(f, plainSeconds), "1.00×", ""}});
        {
            const double e1 = static_cast<double>(split), e2 = n - e1;
            const double f1 = static_cast<double>(splitFields), f2 = f - f1;
            auto phaseRow = [&](const std::string& what, const Phases& p) {
                return std::vector<std::string>{
                    what,
                    fixed(p.first, 2), perSecond(e1, p.first), perSecond(f1, p.first),
                    fixed(p.first / plainPhases.first, 1) + "×",
                    fixed(p.second, 2), perSecond(e2, p.second), perSecond(f2, p.second),
                    fixed(p.second / plainPhases.second, 1) + "×"};
            };
            std::cout << "By phase: the " << count(split) << " registration inserts (" << count(splitFields)
                      << " fields) and the " << count(entries.size() - split) << " one-field updates.\n\n";
            printTable({"path", "inserts s", "inserts entries/s", "inserts fields/s", "× plain",
                        "updates s", "updates entries/s", "updates fields/s", "× plain"},
                       {phaseRow("hub: `applyChanges`", hubApply), phaseRow("hub: `SqliteHubStore::push`", hubPush),
                        phaseRow("client: `applyChanges`", clientApply), phaseRow("plain (baseline)", plainPhases)});
        }

        // ---- 2. bytes on the wire -------------------------------------------------------
        {
            const auto residentInserts = firstOf(entries, kBatch, [](const store::ChangeEntry& e) {
                return e.table == "resident" && e.op == "insert";
            });
            const auto householdInserts = firstOf(entries, kBatch, [](const store::ChangeEntry& e) {
                return e.table == "household" && e.op == "insert";
            });
            const auto memberInserts = firstOf(entries, kBatch, [](const store::ChangeEntry& e) {
                return e.table == "household_member" && e.op == "insert";
            });
            const auto registrations = firstOf(entries, kBatch, [](const store::ChangeEntry& e) {
                return e.op == "insert";
            });
            const auto updates = firstOf(entries, kBatch, [](const store::ChangeEntry& e) {
                return e.op == "update";
            });
            std::vector<WireRow> wire{wireRow("new resident rows", residentInserts),
                                      wireRow("new household rows", householdInserts),
                                      wireRow("new household_member rows", memberInserts),
                                      wireRow("registration as logged (resident, household, member)", registrations),
                                      wireRow("one-field update (phone)", updates)};
            std::cout << "## 2. Bytes on the wire\n\n"
                      << "One `packBatch` per row (up to " << kBatch
                      << " entries each, one site, consecutive entries of the source site's log). "
                      << "Uncompressed: the columnar JSON of `encodeBatch`; compressed: the HTTP body "
                      << "(zlib level 9). Baseline: the same values as tab-separated text (row id and "
                      << "each logged value), raw and zlib level 9. Targets (compressed): ≤ 50 B per new "
                      << "row of up to 10 fields (50 B per 10 fields for wider rows), ≤ 30 B per field update.\n\n";
            std::vector<std::vector<std::string>> rows;
            for (const auto& w : wire) {
                const double e = static_cast<double>(w.entries);
                const double perField = static_cast<double>(w.fields) / e;
                const double perEntry = static_cast<double>(w.compressed) / e;
                const bool update = w.what.rfind("one-field", 0) == 0;
                const double per10 = perEntry / perField * 10;
                const double limit = 50 * std::max(1.0, perField / 10);
                rows.push_back({w.what, count(w.entries), fixed(perField, 1), fixed(static_cast<double>(w.json) / e, 1),
                                fixed(perEntry, 1), update ? "—" : fixed(per10, 1),
                                fixed(static_cast<double>(w.tsv) / e, 1), fixed(static_cast<double>(w.tsvCompressed) / e, 1),
                                update ? std::string(perEntry <= 30 ? "met (≤ 30)" : "**missed** (> 30)")
                                       : (perEntry <= limit ? "met (≤ " + fixed(limit, 0) + ")"
                                                            : "**missed** (> " + fixed(limit, 0) + ")")});
            }
            printTable({"batch", "entries", "fields/entry", "JSON B/entry", "compressed B/entry",
                        "compressed B per 10 fields", "TSV B/entry", "TSV zlib B/entry", "target"},
                       rows);
        }

        // ---- 3. end to end over HTTPS ---------------------------------------------------
        {
            const fs::path hubDir = dir / "hub-e2e";
            fs::create_directories(hubDir);
            testing::HubFixture hub(hubDir);
            const auto source1 = enrolAndSync(hub, sourceDb, scope, "source");
            const double enrolSourceSeconds = source1.enrolSeconds, pushSeconds = source1.syncSeconds;
            const auto& pushed = source1.report;
            auto target = freshSite(dir / "e2e-target.db", "target");
            const auto target1 = enrolAndSync(hub, target->database(), scope, "target");
            const double enrolTargetSeconds = target1.enrolSeconds, pullSeconds = target1.syncSeconds;
            const auto& pulled = target1.report;
            const double total = pushSeconds + pullSeconds;
            const auto residentsThere = scalar(target->database(), "SELECT count(*) FROM resident");
            std::cout << "## 3. End to end over loopback HTTPS\n\n"
                      << "The source site's " << count(entries.size()) << " changes: `HubClient::sync` "
                      << "of the source (push) to an in-process HTTPS hub (`HubFixture`: SQLite hub "
                      << "store, Poco NetSSL, 4 threads) on 127.0.0.1, then `HubClient::sync` of a fresh "
                      << "township-scope site (pull). Enrolment not counted (source " << fixed(enrolSourceSeconds, 2)
                      << " s, target " << fixed(enrolTargetSeconds, 2) << " s). The target holds "
                      << count(static_cast<std::size_t>(residentsThere)) << " residents afterwards. "
                      << "Target: ≤ 5 s.\n\n";
            printTable({"step", "changes", "batches", "seconds", "changes/s", "field changes/s", "× plain apply"},
                       {{"push (source → hub)", count(static_cast<std::size_t>(pushed.pushed)),
                         count(static_cast<std::size_t>(pushed.batches)), fixed(pushSeconds, 2),
                         perSecond(static_cast<double>(pushed.pushed), pushSeconds), perSecond(f, pushSeconds),
                         fixed(pushSeconds / plainSeconds, 2) + "×"},
                        {"pull (hub → fresh site)", count(static_cast<std::size_t>(pulled.pulled)),
                         count(static_cast<std::size_t>(pulled.batches)), fixed(pullSeconds, 2),
                         perSecond(static_cast<double>(pulled.pulled), pullSeconds), perSecond(f, pullSeconds),
                         fixed(pullSeconds / plainSeconds, 2) + "×"},
                        {"**end to end**", count(entries.size()), "", fixed(total, 2), perSecond(n, total),
                         perSecond(f, total), fixed(total / plainSeconds, 2) + "×"},
                        {"plain INSERT / UPDATE of the same rows, once (baseline from 1.)", count(entries.size()), "",
                         fixed(plainSeconds, 2), perSecond(n, plainSeconds), perSecond(f, plainSeconds), "1.00×"}});
            std::cout << (entries.size() < 100000 ? std::string("Target not judged (fewer than 100,000 changes)")
                                                  : std::string(total <= 5 ? "Target met" : "Target **missed**"))
                      << ": " << fixed(total, 2)
                      << " s for " << count(entries.size()) << " changes.\n\n";
        }
        source.reset();

        // ---- 4. first full sync of a township -------------------------------------------
        {
            // createDemoTownship generates and validates against today's date.
            removeDatabase(dir / "township.db");
            auto town = services::Workstation::open(dir / "township.db", "township");
            services::DemoOptions options;
            options.residents = townshipResidents;
            options.seed = 7;
            options.townshipCode = township.code;
            Stopwatch demoTime;
            const auto summary = services::createDemoTownship(*town, options);
            const double demoSeconds = demoTime.seconds();
            auto& townDb = town->database();
            const auto townEntries = static_cast<std::size_t>(scalar(townDb, "SELECT count(*) FROM change_log"));
            std::string village;
            std::int64_t villageResidents = 0;
            {
                store::Statement st(townDb,
                                    "SELECT village_code, count(*) FROM resident GROUP BY village_code "
                                    "ORDER BY count(*) DESC, village_code LIMIT 1");
                st.step();
                village = st.text(0);
                villageResidents = st.integer(1);
            }
            const fs::path hubDir = dir / "hub-first";
            fs::create_directories(hubDir);
            testing::HubFixture hub(hubDir);
            const auto town1 = enrolAndSync(hub, townDb, scope, "township");
            const double enrolTownSeconds = town1.enrolSeconds, pushSeconds = town1.syncSeconds;
            const auto& pushed = town1.report;

            struct Fresh {
                std::string what;
                double open = 0, enrol = 0, sync = 0, plain = 0;
                std::int64_t pulled = 0, batches = 0, residents = 0;
                std::size_t fields = 0;
            };
            auto freshPull = [&](const std::string& what, const std::string& siteScope, const std::string& file,
                                 bool snapshot = true) {
                Fresh r;
                r.what = what;
                Stopwatch openTime;
                removeDatabase(dir / file);
                auto site = services::Workstation::open(dir / file, "doctor");
                r.open = openTime.seconds();
                const auto first = enrolAndSync(hub, site->database(), siteScope, what, snapshot);
                r.enrol = first.enrolSeconds;
                r.sync = first.syncSeconds;
                r.pulled = first.report.pulled;
                r.batches = first.report.batches;
                r.residents = scalar(site->database(), "SELECT count(*) FROM resident");
                // Baseline: the entries it received, as plain INSERT/UPDATE into a fresh database.
                const auto received = plainWrites(receivedBy(site->database()));
                r.fields = fieldCount(received);
                auto plain = freshSite(dir / ("plain-" + file), "plain");
                r.plain = plainApply(plain->database(), received).total();
                return r;
            };
            const auto villageSite = freshPull("fresh village site (snapshot)", village, "fresh-village.db");
            const auto townshipSite = freshPull("fresh township site (snapshot)", scope, "fresh-township.db");
            const auto replayed =
                freshPull("fresh township site (replaying every change)", scope, "fresh-township-replay.db", false);

            std::cout << "## 4. First full sync of a township\n\n"
                      << summary.townshipName << ": " << count(summary.residents) << " residents, "
                      << count(summary.households) << " households in " << summary.villages
                      << " villages, made by `createDemoTownship` (seed 7) on a township-scope site in "
                      << fixed(demoSeconds, 1) << " s (not counted): " << count(townEntries)
                      << " change-log entries. Enrolled (" << fixed(enrolTownSeconds, 2)
                      << " s) and pushed to a fresh HTTPS hub: " << count(static_cast<std::size_t>(pushed.pushed))
                      << " changes in " << fixed(pushSeconds, 2) << " s ("
                      << perSecond(static_cast<double>(pushed.pushed), pushSeconds) << " changes/s). Then a "
                      << "fresh site (new database, shipped divisions) enrols and starts from a snapshot of its "
                      << "scope (issue 20), or replays every change of it; the "
                      << "village is the township's largest (" << village << ", " << villageResidents
                      << " residents). Baseline: the entries the site received, as plain INSERT / UPDATE "
                      << "into a fresh database in batches of " << kBatch << ".\n\n";
            std::vector<std::vector<std::string>> rows;
            for (const auto* r : {&villageSite, &townshipSite, &replayed}) {
                const double first = r->enrol + r->sync;
                rows.push_back({r->what, count(static_cast<std::size_t>(r->residents)),
                                count(static_cast<std::size_t>(r->pulled)), count(r->fields),
                                count(static_cast<std::size_t>(r->batches)), fixed(r->open, 2), fixed(r->enrol, 2),
                                fixed(r->sync, 2), "**" + fixed(first, 2) + "**",
                                perSecond(static_cast<double>(r->pulled), r->sync), fixed(r->plain, 2),
                                fixed(r->sync / r->plain, 2) + "×"});
            }
            printTable({"site", "residents", "changes pulled", "field changes", "batches",
                        "open new db s", "enrol s", "sync s", "enrol + sync s", "changes/s", "plain s",
                        "sync × plain"},
                       rows);
        }
        std::cout << loadAverage() << " at the end.\n";
        fs::remove_all(dir);
    } catch (const std::exception& e) {
        std::cerr << "bench_sync: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
