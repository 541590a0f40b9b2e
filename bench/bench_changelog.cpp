// bench_changelog: what change capture adds to a write. The same resident insert and the
// same phone update with ChangeCapture (row + change_log entry) and as a plain statement,
// as single-row transactions (a doctor's save: one transaction, synchronous=FULL) and as a
// batch of 10,000 in one transaction. Measurements only (docs/performance.md).
#include <sqlite3.h>

#include <iostream>

#include "bench/BenchCommon.h"
#include "core/demo/DemoData.h"
#include "core/demo/DemoPopulation.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/Uuid.h"

namespace fs = std::filesystem;
using namespace jiayi;
using namespace jiayi::bench;

namespace {

constexpr const char* kUsage = "[--quick] [--data DIR]";
constexpr const char* kUser = "bench";

// Residents as the registry would store them (ids, archive numbers, dates filled), from
// the demo generator spread over a few made-up villages (no division table needed here).
std::vector<model::Resident> makeResidents(std::size_t count) {
    std::vector<demo::DemoVillage> villages;
    for (int i = 0; i < 20; ++i)
        villages.push_back({"371721" + std::to_string(100200 + i), "村" + std::to_string(i)});
    const Date today = referenceDay();
    const auto households =
        demo::generateTownship(demo::loadDemoParams(), villages, count, 11, today);
    std::vector<model::Resident> out;
    std::size_t serial = 0;
    for (const auto& h : households) {
        for (const auto& p : h.members) {
            auto r = services::demoRegistration(p, h.villageCode, today).resident;
            r.id = newUuidV7();
            char buf[32];
            std::snprintf(buf, sizeof buf, "%05zu", ++serial % 100000);
            r.archiveNo = r.villageCode + buf;
            r.createdOn = r.updatedOn = today;
            r.createdSite = "bench";
            out.push_back(std::move(r));
        }
    }
    return out;
}

std::string insertSql(const store::Fields& fields) {
    std::string sql = "INSERT INTO resident(id";
    std::string params = "?";
    for (const auto& f : fields) {
        sql += "," + f.first;
        params += ",?";
    }
    return sql + ") VALUES(" + params + ")";
}

// The same statement ChangeCapture runs for the row, without the change-log entry.
void plainInsert(store::Database& db, const model::Resident& r) {
    const auto fields = store::ResidentRepository::toFields(r);
    auto& st = db.cached(insertSql(fields));
    st.bind(1, r.id);
    int index = 2;
    for (const auto& f : fields) st.bind(index++, f.second);
    st.run();
}

void capturedInsert(store::Database& db, const model::Resident& r) {
    db.changes().insert("resident", r.id, store::ResidentRepository::toFields(r), kUser);
}

void plainUpdate(store::Database& db, const std::string& id, const std::string& phone) {
    db.cached("UPDATE resident SET phone = ? WHERE id = ?").bind(1, phone).bind(2, id).run();
}

void capturedUpdate(store::Database& db, const std::string& id, const std::string& phone) {
    db.changes().update("resident", id, {{"phone", store::Value{phone}}}, kUser);
}

// As ResidentRepository::update does on a save: every field passed, only phone differs.
void capturedUpdateFullRow(store::Database& db, model::Resident& r, const std::string& phone) {
    r.phone = phone;
    db.changes().update("resident", r.id, store::ResidentRepository::toFields(r), kUser);
}

std::string newPhone(std::size_t i, int round) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "1%02d%08zu", 50 + round % 50, i % 100000000);
    return buf;
}

struct Pair {
    std::string what;
    std::vector<double> plain, captured;  // ms per transaction
};

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseOptions(argc, argv, kUsage);
    printPreamble("bench_changelog", argc, argv);
    const std::size_t single = o.quick ? 30 : 500;
    const std::size_t batch = o.quick ? 500 : 10000;
    try {
        const fs::path dir = o.data / "changelog";
        fs::create_directories(dir);
        const fs::path plainPath = dir / "plain.db", capturedPath = dir / "captured.db";
        removeDatabase(plainPath);
        removeDatabase(capturedPath);
        // Same schema, same settings (WAL, synchronous=FULL): Database::open on both.
        auto plainDb = store::Database::open(plainPath);
        auto capturedDb = store::Database::open(capturedPath);
        auto residents = makeResidents(single + 2 * batch);
        residents.resize(std::min(residents.size(), single + 2 * batch));
        const auto at = [&](std::size_t i) {
            return residents.begin() + static_cast<long>(std::min(i, residents.size()));
        };
        std::vector<model::Resident> singles(at(0), at(single));
        std::vector<model::Resident> batched(at(single), at(single + batch));
        std::vector<model::Resident> whatIf(at(single + batch), residents.end());

        // Single-row transactions, alternating between the two databases so that load from
        // other processes falls on both alike.
        Pair insertOne{"insert one resident, own transaction", {}, {}};
        for (const auto& r : singles) {
            {
                Stopwatch sw;
                store::Transaction tx(*plainDb);
                plainInsert(*plainDb, r);
                tx.commit();
                insertOne.plain.push_back(sw.ms());
            }
            {
                Stopwatch sw;
                store::Transaction tx(*capturedDb);
                capturedInsert(*capturedDb, r);
                tx.commit();
                insertOne.captured.push_back(sw.ms());
            }
        }
        // Batches: one transaction each.
        Pair insertBatch{"insert " + grouped(static_cast<double>(batched.size())) +
                             " residents, one transaction",
                         {},
                         {}};
        {
            Stopwatch sw;
            store::Transaction tx(*plainDb);
            for (const auto& r : batched) plainInsert(*plainDb, r);
            tx.commit();
            insertBatch.plain.push_back(sw.ms());
        }
        {
            Stopwatch sw;
            store::Transaction tx(*capturedDb);
            for (const auto& r : batched) capturedInsert(*capturedDb, r);
            tx.commit();
            insertBatch.captured.push_back(sw.ms());
        }

        // Updates of one field (phone) on rows of the batch.
        Pair updateOne{"update phone, own transaction (Fields = {phone})", {}, {}};
        Pair updateOneFull{
            "update phone, own transaction (full row, as ResidentRepository)", {}, {}};
        for (std::size_t i = 0; i < single; ++i) {
            const auto& r = batched[i % batched.size()];
            {
                Stopwatch sw;
                store::Transaction tx(*plainDb);
                plainUpdate(*plainDb, r.id, newPhone(i, 1));
                tx.commit();
                updateOne.plain.push_back(sw.ms());
            }
            {
                Stopwatch sw;
                store::Transaction tx(*capturedDb);
                capturedUpdate(*capturedDb, r.id, newPhone(i, 1));
                tx.commit();
                updateOne.captured.push_back(sw.ms());
            }
        }
        for (std::size_t i = 0; i < single; ++i) {
            auto& r = batched[(i + single) % batched.size()];
            {
                Stopwatch sw;
                store::Transaction tx(*plainDb);
                plainUpdate(*plainDb, r.id, newPhone(i, 2));
                tx.commit();
                updateOneFull.plain.push_back(sw.ms());
            }
            {
                Stopwatch sw;
                store::Transaction tx(*capturedDb);
                capturedUpdateFullRow(*capturedDb, r, newPhone(i, 2));
                tx.commit();
                updateOneFull.captured.push_back(sw.ms());
            }
        }
        Pair updateBatch{"update phone of " + grouped(static_cast<double>(batched.size())) +
                             " residents, one transaction (Fields = {phone})",
                         {},
                         {}};
        {
            Stopwatch sw;
            store::Transaction tx(*plainDb);
            for (std::size_t i = 0; i < batched.size(); ++i)
                plainUpdate(*plainDb, batched[i].id, newPhone(i, 3));
            tx.commit();
            updateBatch.plain.push_back(sw.ms());
        }
        {
            Stopwatch sw;
            store::Transaction tx(*capturedDb);
            for (std::size_t i = 0; i < batched.size(); ++i)
                capturedUpdate(*capturedDb, batched[i].id, newPhone(i, 3));
            tx.commit();
            updateBatch.captured.push_back(sw.ms());
        }
        Pair updateBatchFull{"update phone of " + grouped(static_cast<double>(batched.size())) +
                                 " residents, one transaction (full row)",
                             {},
                             {}};
        {
            Stopwatch sw;
            store::Transaction tx(*plainDb);
            for (std::size_t i = 0; i < batched.size(); ++i)
                plainUpdate(*plainDb, batched[i].id, newPhone(i, 4));
            tx.commit();
            updateBatchFull.plain.push_back(sw.ms());
        }
        {
            Stopwatch sw;
            store::Transaction tx(*capturedDb);
            for (std::size_t i = 0; i < batched.size(); ++i)
                capturedUpdateFullRow(*capturedDb, batched[i], newPhone(i, 4));
            tx.commit();
            updateBatchFull.captured.push_back(sw.ms());
        }

        // What-if (not the application's schema): the same batches once the change_log_row
        // index (tbl, row_id), which no query in core reads yet, is dropped.
        capturedDb->exec("DROP INDEX IF EXISTS change_log_row");
        Pair whatIfInsert{"what-if, no change_log_row index: insert " +
                              grouped(static_cast<double>(whatIf.size())) + " residents",
                          {},
                          {}};
        {
            Stopwatch sw;
            store::Transaction tx(*plainDb);
            for (const auto& r : whatIf) plainInsert(*plainDb, r);
            tx.commit();
            whatIfInsert.plain.push_back(sw.ms());
        }
        {
            Stopwatch sw;
            store::Transaction tx(*capturedDb);
            for (const auto& r : whatIf) capturedInsert(*capturedDb, r);
            tx.commit();
            whatIfInsert.captured.push_back(sw.ms());
        }
        Pair whatIfUpdate{"what-if, no change_log_row index: update phone of " +
                              grouped(static_cast<double>(whatIf.size())) + " (Fields = {phone})",
                          {},
                          {}};
        {
            Stopwatch sw;
            store::Transaction tx(*plainDb);
            for (std::size_t i = 0; i < whatIf.size(); ++i)
                plainUpdate(*plainDb, whatIf[i].id, newPhone(i, 5));
            tx.commit();
            whatIfUpdate.plain.push_back(sw.ms());
        }
        {
            Stopwatch sw;
            store::Transaction tx(*capturedDb);
            for (std::size_t i = 0; i < whatIf.size(); ++i)
                capturedUpdate(*capturedDb, whatIf[i].id, newPhone(i, 5));
            tx.commit();
            whatIfUpdate.captured.push_back(sw.ms());
        }

        std::cout << "Target: a captured write ≤ 1.5× the plain write. Single rows: " << single
                  << " transactions each, alternating; ms per transaction.\n\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto* p : {&insertOne, &updateOne, &updateOneFull}) {
            const auto a = summarize(p->plain);
            const auto b = summarize(p->captured);
            const double ratio = b.mean / a.mean;
            rows.push_back({p->what, fixed(a.p50, 3), fixed(a.p95, 3), fixed(a.mean, 3),
                            fixed(b.p50, 3), fixed(b.p95, 3), fixed(b.mean, 3),
                            fixed(ratio, 2) + "×", ratio <= 1.5 ? "met" : "**missed**"});
        }
        printTable({"write", "plain p50", "plain p95", "plain mean", "captured p50", "captured p95",
                    "captured mean", "captured / plain (mean)", "target"},
                   rows);
        rows.clear();
        for (const auto* p :
             {&insertBatch, &updateBatch, &updateBatchFull, &whatIfInsert, &whatIfUpdate}) {
            if (p->plain.empty() || p->captured.empty()) continue;
            const double a = p->plain.front(), b = p->captured.front();
            const auto n = static_cast<double>(
                p == &whatIfInsert || p == &whatIfUpdate ? whatIf.size() : batched.size());
            rows.push_back({p->what, fixed(a, 1), fixed(1000 * a / n, 1), fixed(b, 1),
                            fixed(1000 * b / n, 1), fixed(b / a, 2) + "×",
                            b / a <= 1.5 ? "met" : "**missed**"});
        }
        printTable({"batch", "plain ms", "plain µs/row", "captured ms", "captured µs/row",
                    "captured / plain", "target"},
                   rows);
        {
            store::Statement log(*capturedDb,
                                 "SELECT count(*), avg(length(fields)) FROM change_log");
            log.step();
            std::cout << "change_log after the run: "
                      << grouped(static_cast<double>(log.integer(0))) << " entries, "
                      << fixed(log.real(1), 0) << " bytes of JSON on average. " << loadAverage()
                      << " at the end.\n";
        }
        plainDb.reset();
        capturedDb.reset();
        removeDatabase(plainPath);
        removeDatabase(capturedPath);
    } catch (const std::exception& e) {
        std::cerr << "bench_changelog: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
