#include "sync/Merge.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/store/Database.h"
#include "core/store/SearchIndex.h"
#include "core/util/Error.h"
#include "sync/SyncStore.h"

namespace jiayi::sync {
namespace {

std::pair<std::int64_t, std::string> splitVersion(const std::string& v) {
    const auto at = v.find('@');
    if (at == std::string::npos) return {0, v};
    return {std::stoll(v.substr(0, at)), v.substr(at + 1)};
}

Poco::JSON::Object::Ptr parseObject(const std::string& json, const store::ChangeEntry& e) {
    if (json.empty()) return new Poco::JSON::Object;
    try {
        return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        throw StorageError("malformed change entry " + e.site + "/" + std::to_string(e.seq));
    }
}

int rankOf(const store::StateMachineColumns& machine, const store::Value& value) {
    const auto* s = std::get_if<std::string>(&value);
    return s ? machine.rank(*s) : 0;
}

// Bookkeeping columns: their last value simply wins; a concurrent difference is nobody's
// lost work, so it is not put before a reviewer.
bool isBookkeeping(const std::string& table, const std::string& column) {
    return (table == "resident" && column == "updated_on") || table == "conflict_resolution";
}

std::int64_t epochOf(const store::Value& v) {
    const auto* n = std::get_if<std::int64_t>(&v);
    return n ? *n : 0;
}

// A site's or the SQLite hub's database as the merge's target.
class SqliteTarget final : public MergeTarget {
public:
    explicit SqliteTarget(store::Database& db) : m_db(db), m_store(db) {}
    std::string self() override { return store::siteId(m_db); }
    std::int64_t cursor(const std::string& origin) override { return m_store.cursor(origin); }
    void setCursor(const std::string& origin, std::int64_t seq) override { m_store.setCursor(origin, seq); }
    const std::set<std::string>& columns(const std::string& table) override { return m_store.columns(table); }
    RowState read(const std::string& table, const std::string& rowId, const std::vector<std::string>& columns) override {
        return m_store.read(table, rowId, columns);
    }
    void insertRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                   const store::FieldVersions& versions) override {
        m_store.insertRow(table, rowId, fields, versions);
    }
    void updateRow(const std::string& table, const std::string& rowId, const store::Fields& fields,
                   const store::FieldVersions& versions) override {
        m_store.updateRow(table, rowId, fields, versions);
    }
    void recordConflict(const Conflict& c) override { m_store.recordConflict(c); }
    void resolveMatching(const std::string& table, const std::string& rowId, const std::string& field,
                         const std::string& lostVersion, const std::string& user) override {
        m_store.resolveMatching(table, rowId, field, lostVersion, user);
    }
    void appendForeign(const store::ChangeEntry& e) override { m_store.appendForeign(e); }
    void raiseSeen(std::int64_t hlc) override { m_store.raiseSeen(hlc); }
    std::string lastUser(const std::string& table, const std::string& rowId) override {
        auto& st = m_db.cached("SELECT user FROM change_log WHERE tbl = ? AND row_id = ? "
                               "ORDER BY hlc DESC LIMIT 1");
        st.bind(1, table).bind(2, rowId);
        const auto user = st.step() ? st.text(0) : std::string();
        st.reset();
        return user;
    }
    // The search index follows the rows it is derived from.
    void reindex(const std::set<std::string>& residents) override {
        store::SearchIndex index(m_db);
        for (const auto& id : residents) index.reindex(id);
    }

private:
    store::Database& m_db;
    SyncStore m_store;
};

class Applier {
public:
    Applier(MergeTarget& target, const ApplyOptions& options)
        : m_store(target), m_self(target.self()), m_options(options) {}

    // Whether `e` is new here: not this site's own, not at or below its origin's cursor.
    bool isNew(const store::ChangeEntry& e) {
        return e.site != m_self && e.seq > cursorOf(e.site)->second;
    }

    // Moves the origin's cursor past an entry that was parked instead of applied.
    void passOver(const store::ChangeEntry& e) { cursorOf(e.site)->second = e.seq; }

    // `parked`: an entry parked earlier, below its origin's cursor, tried again.
    void apply(const store::ChangeEntry& e, ApplyResult& result, bool parked = false) {
        if (!parked && !isNew(e)) {  // our own entries coming back, or already applied
            ++result.skipped;
            return;
        }
        auto known = cursorOf(e.site);
        const auto cursor = known->second;
        if (!parked && m_options.requireContiguous && e.seq != cursor + 1)
            throw StorageError("gap in the changes of site " + e.site + ": expected " +
                               std::to_string(cursor + 1) + ", got " + std::to_string(e.seq));
        if (!store::isReplicatedTable(e.table)) throw StorageError("not a replicated table: " + e.table);
        const auto fields = parseObject(e.fields, e);
        if (m_options.before) m_options.before(e, *fields);
        // Replaced versions: a flat object of strings, read by the field-versions parser.
        const auto base = store::FieldVersions::parse(e.base);
        const auto version = store::versionString(e.hlc, e.site);
        const auto& schema = m_store.columns(e.table);
        std::vector<std::string> columns;
        for (const auto& [column, value] : *fields)
            if (schema.count(column)) columns.push_back(column);
        auto state = m_store.read(e.table, e.rowId, columns);

        if (e.op == "snapshot") {
            applySnapshot(e, *fields, base, columns, state);
        } else if (!state.exists) {
            if (e.op != "insert")
                throw StorageError("update of an unknown row " + e.table + " " + e.rowId);
            store::Fields values;
            for (const auto& column : columns) values.emplace_back(column, toValue(fields->get(column)));
            m_store.insertRow(e.table, e.rowId, values, store::FieldVersions::inserted(version));
        } else {
            const auto decided = stateDecisions(e, *fields, version);
            store::Fields winners;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto& column = columns[i];
                const auto incoming = toValue(fields->get(column));
                const auto local = state.versions.of(column);
                const auto replaced = e.op == "insert" ? std::string("-") : base.of(column);
                const bool sequential = replaced == local;
                const auto decision = decided.find(column);
                const bool remoteWins = decision != decided.end() ? decision->second.remoteWins
                                                                  : sequential || versionLess(local, version);
                const bool isEpoch = decision != decided.end() && decision->second.isEpoch;
                if (!sequential && !isEpoch && !isBookkeeping(e.table, column) &&
                    state.values[i].second != incoming) {
                    Conflict c;
                    c.table = e.table;
                    c.rowId = e.rowId;
                    c.field = column;
                    if (remoteWins) {
                        c.keptValue = incoming;
                        c.keptVersion = version;
                        c.lostValue = state.values[i].second;
                        c.lostVersion = local;
                        c.lostUser = m_store.lastUser(e.table, e.rowId);
                    } else {
                        c.keptValue = state.values[i].second;
                        c.keptVersion = local;
                        c.lostValue = incoming;
                        c.lostVersion = version;
                        c.lostUser = e.user;
                    }
                    m_store.recordConflict(c);
                    ++result.conflicts;
                }
                if (remoteWins) {
                    winners.emplace_back(column, incoming);
                    state.versions.set(column, version);
                }
            }
            if (!winners.empty()) m_store.updateRow(e.table, e.rowId, winners, state.versions);
        }
        if (e.table == "resident" &&
            std::any_of(columns.begin(), columns.end(), store::SearchIndex::isIndexedColumn))
            m_touchedResidents.insert(e.rowId);
        if (e.op == "snapshot") {  // kept as what it is for this site: the row's arrival
            auto kept = e;
            kept.op = "insert";
            kept.base.clear();
            m_store.appendForeign(kept);
        } else {
            m_store.appendForeign(e);
        }
        if (!parked) known->second = e.seq;
        m_maxHlc = std::max(m_maxHlc, e.hlc);
        if (e.table == "conflict_resolution" && e.op != "update") closeResolved(*fields, e.user);
        if (m_options.after) m_options.after(e, *fields);
        ++result.applied;
    }

    // Cursors and the highest timestamp seen, once per batch; the search index follows the
    // rows it is derived from (only rows whose searched columns changed).
    void finish() {
        for (const auto& [origin, seq] : m_cursors) m_store.setCursor(origin, seq);
        if (m_maxHlc) m_store.raiseSeen(m_maxHlc);
        m_store.reindex(m_touchedResidents);
    }

private:
    std::map<std::string, std::int64_t>::iterator cursorOf(const std::string& origin) {
        auto known = m_cursors.find(origin);
        if (known == m_cursors.end()) known = m_cursors.emplace(origin, m_store.cursor(origin)).first;
        return known;
    }

    // A conflict kept or restored elsewhere closes here as well.
    void closeResolved(const Poco::JSON::Object& f, const std::string& user) {
        m_store.resolveMatching(f.optValue<std::string>("tbl", ""), f.optValue<std::string>("row_id", ""),
                                f.optValue<std::string>("field", ""), f.optValue<std::string>("lost_version", ""),
                                f.optValue<std::string>("resolved_by", user));
    }

    // A row that moved into this site's scope arrives whole, with its field versions: each
    // field is taken where its version is newer than the one held (nothing is lost: the
    // versions are the writes' own, not new ones).
    void applySnapshot(const store::ChangeEntry& e, const Poco::JSON::Object& fields,
                       const store::FieldVersions& incoming, const std::vector<std::string>& columns,
                       RowState& state) {
        if (!state.exists) {
            store::Fields values;
            for (const auto& column : columns) values.emplace_back(column, toValue(fields.get(column)));
            m_store.insertRow(e.table, e.rowId, values, incoming);
            return;
        }
        store::Fields winners;
        for (const auto& column : columns) {
            const auto version = incoming.of(column);
            if (versionLess(state.versions.of(column), version)) {
                winners.emplace_back(column, toValue(fields.get(column)));
                state.versions.set(column, version);
            }
        }
        if (!winners.empty()) m_store.updateRow(e.table, e.rowId, winners, state.versions);
    }

    struct Decision {
        bool remoteWins = false;
        bool isEpoch = false;
    };

    // State machines: the state, its epoch and the transition's date and reason follow one
    // decision by (epoch, rank, version),
    // a key that grows along every sequential write (closing moves the rank up, reopening
    // raises the epoch), so every order of arrival ends in the same state
    // (docs/sync-design.md, "State machines").
    std::map<std::string, Decision> stateDecisions(const store::ChangeEntry& e, const Poco::JSON::Object& fields,
                                                   const std::string& version) {
        std::map<std::string, Decision> out;
        for (const auto& machine : store::stateMachines(e.table)) {
            const std::string stateColumn = machine.state;
            const char* epochColumn = machine.epoch;
            if (!fields.has(stateColumn)) continue;
            const auto local = m_store.read(e.table, e.rowId, {stateColumn, epochColumn});
            const auto incomingState = toValue(fields.get(stateColumn));
            const auto localKey = std::make_tuple(epochOf(local.values[1].second),
                                                  rankOf(machine, local.values[0].second),
                                                  splitVersion(local.versions.of(stateColumn)));
            const auto incomingKey = std::make_tuple(
                fields.has(epochColumn) ? epochOf(toValue(fields.get(epochColumn))) : std::int64_t{0},
                rankOf(machine, incomingState), splitVersion(version));
            const bool wins = localKey < incomingKey;
            out[stateColumn] = {wins, false};
            out[epochColumn] = {wins, true};
            for (const char* c : machine.companions) out[c] = {wins, false};
        }
        return out;
    }

    MergeTarget& m_store;
    std::string m_self;
    const ApplyOptions& m_options;
    std::set<std::string> m_touchedResidents;
    std::map<std::string, std::int64_t> m_cursors;  // origin → last seq applied, this batch
    std::int64_t m_maxHlc = 0;
};

}  // namespace

store::Value toValue(const Poco::Dynamic::Var& v) {
    if (v.isEmpty()) return store::Value{};
    if (v.isString()) return v.extract<std::string>();
    if (v.isInteger()) return v.convert<std::int64_t>();
    if (v.isNumeric()) return v.convert<double>();
    return v.convert<std::string>();
}

bool versionLess(const std::string& a, const std::string& b) {
    return splitVersion(a) < splitVersion(b);
}

namespace {

// Why an entry could not be applied, as a ParkedEntry reason code and detail.
std::pair<std::string, std::string> parkingReason(const std::string& failure) {
    if (failure.starts_with("update of an unknown row")) return {"unknown_row", ""};
    if (const auto at = failure.find("UNIQUE constraint failed: "); at != std::string::npos)
        return {"clash", failure.substr(at + 26)};
    return {"error", failure};
}

// Applies `entries` (new ones, or parked ones tried again) so that none can block the rest:
// an entry that fails is parked with its reason, and rows left referring to a row that is
// not here (deferred foreign keys) are found before commit, parked, and the whole set applied
// again without them. Returns the result and how many entries were parked.
ApplyResult applyParking(store::Database& db, const std::vector<store::ChangeEntry>& entries,
                         const ApplyOptions& options, bool retry) {
    std::map<std::pair<std::string, std::string>, std::string> dangling;  // (table, row) → what it lacks
    for (int attempt = 0;; ++attempt) {
        store::Transaction tx(db);
        ApplyResult result;
        SqliteTarget target(db);
        Applier applier(target, options);
        SyncStore store(db);
        for (const auto& e : entries) {
            if (!retry && !applier.isNew(e)) {
                ++result.skipped;
                continue;
            }
            std::pair<std::string, std::string> reason;
            if (const auto d = dangling.find({e.table, e.rowId}); d != dangling.end()) {
                reason = {"missing_row", d->second};
            } else {
                store::Savepoint sp(db);
                try {
                    applier.apply(e, result, retry);
                    sp.release();
                    if (retry) store.unpark(e);
                    continue;
                } catch (const std::exception& failure) {
                    reason = parkingReason(failure.what());
                }
            }
            store.park(e, reason.first, reason.second);
            if (!retry) applier.passOver(e);
            ++result.parked;
        }
        applier.finish();
        if (db.foreignKeysPending()) {
            std::size_t found = 0;
            for (const auto& [table, row, parent] : store.danglingReferences())
                found += dangling.emplace(std::make_pair(table, row), parent).second ? 1 : 0;
            if (found == 0 || attempt >= 8)
                throw StorageError("rows refer to rows that are not here and could not be parked");
            continue;  // rolled back: again, with those rows parked
        }
        if (options.commitWith) options.commitWith();
        tx.commit();
        return result;
    }
}

}  // namespace

std::size_t retryParked(store::Database& db) {
    std::vector<store::ChangeEntry> entries;
    for (auto& p : SyncStore(db).parked()) entries.push_back(std::move(p.entry));
    if (entries.empty()) return 0;
    ApplyOptions options;
    options.requireContiguous = false;
    return applyParking(db, entries, options, true).applied;
}

ApplyResult applyChanges(store::Database& db, const std::vector<store::ChangeEntry>& entries,
                         const ApplyOptions& options) {
    if (options.park) return applyParking(db, entries, options, false);
    store::Transaction tx(db);
    SqliteTarget target(db);
    const auto result = applyEntries(target, entries, options);
    tx.commit();
    return result;
}

ApplyResult applyEntries(MergeTarget& target, const std::vector<store::ChangeEntry>& entries,
                         const ApplyOptions& options) {
    ApplyResult result;
    Applier applier(target, options);
    for (const auto& e : entries) applier.apply(e, result);
    applier.finish();
    if (options.commitWith) options.commitWith();
    return result;
}

}  // namespace jiayi::sync
