#include "sync/ConflictReview.h"

#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/store/SearchIndex.h"
#include "core/util/Error.h"
#include "core/util/Date.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::sync {
namespace {

std::string text(const store::Value& v) {
    if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
    if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
    if (std::holds_alternative<double>(v)) return std::to_string(std::get<double>(v));
    return {};
}

}  // namespace

std::vector<ConflictView> ConflictReview::open() {
    store::Transaction tx(m_db, store::Transaction::Mode::Deferred);
    store::ResidentRepository residents(m_db);
    std::vector<ConflictView> out;
    for (auto& c : SyncStore(m_db).openConflicts()) {
        ConflictView view{c, text(c.keptValue), text(c.lostValue), c.rowId};
        if (c.table == "resident")
            if (auto r = residents.get(c.rowId)) view.rowLabel = r->name + " " + r->archiveNo;
        out.push_back(std::move(view));
    }
    return out;
}

Conflict ConflictReview::openConflict(std::int64_t id) {
    auto c = SyncStore(m_db).conflict(id, true);
    if (!c) throw NotFoundError(format(tr("No open conflict {0}"), {std::to_string(id)}));
    return *c;
}

// The decision replicates, so the same conflict found at other sites closes there too.
void ConflictReview::recordResolution(const Conflict& c, const char* action) {
    const auto village = SyncStore(m_db).villageOf(c.table, c.rowId);
    m_db.changes().insert("conflict_resolution", newUuidV7(),
                          {{"tbl", c.table}, {"row_id", c.rowId}, {"field", c.field},
                           {"lost_version", c.lostVersion}, {"action", std::string(action)},
                           {"resolved_by", m_user}, {"resolved_on", formatDate(today())},
                           {"village_code", village}},
                          m_user);
    SyncStore(m_db).resolveConflict(c.id, m_user);
}

void ConflictReview::keepCurrent(std::int64_t conflictId) {
    store::Transaction tx(m_db);
    recordResolution(openConflict(conflictId), "keep");
    tx.commit();
}

void ConflictReview::restoreLost(std::int64_t conflictId) {
    store::Transaction tx(m_db);
    const auto c = openConflict(conflictId);
    // The restore is this user's edit now: it gets a new version and reaches every site.
    store::Fields change{{c.field, c.lostValue}};
    // Restoring a state may move it backwards: like a reopen, it raises the epoch so the
    // restored state wins everywhere (docs/sync-design.md, "State machines").
    for (const auto& machine : store::stateMachines(c.table)) {
        if (c.field != machine.state) continue;
        const std::string epoch = machine.epoch;
        const auto current = SyncStore(m_db).read(c.table, c.rowId, {epoch}).values.at(0).second;
        const auto* n = std::get_if<std::int64_t>(&current);
        change.emplace_back(epoch, store::Value{(n ? *n : 0) + 1});
    }
    m_db.changes().update(c.table, c.rowId, change, m_user);
    if (c.table == "resident" && store::SearchIndex::isIndexedColumn(c.field))
        if (auto r = store::ResidentRepository(m_db).get(c.rowId)) store::SearchIndex(m_db).index(*r);
    recordResolution(c, "restore");
    tx.commit();
}

}  // namespace jiayi::sync
