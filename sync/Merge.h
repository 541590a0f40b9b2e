#pragma once
// Applying other sites' changes (ARCHITECTURE.md, Replication; docs/sync-design.md):
// per-field last writer wins by (hlc, site); a concurrent edit's losing value goes to the
// conflict log, never lost; entries already applied are skipped, so a repeated batch
// changes nothing.
#include <cstddef>
#include <string>
#include <vector>

#include "core/store/Site.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::sync {

struct ApplyResult {
    std::size_t applied = 0;
    std::size_t skipped = 0;    // already applied (a repeated batch)
    std::size_t conflicts = 0;  // concurrent field edits recorded
};

// Applies entries of other sites in one transaction. Per origin, entries must follow the
// cursor without a gap (StorageError otherwise, nothing written).
ApplyResult applyChanges(store::Database& db, const std::vector<store::ChangeEntry>& entries);

// Compares two versions "hlc@site": by timestamp, then by site id.
bool versionLess(const std::string& a, const std::string& b);

}  // namespace jiayi::sync
