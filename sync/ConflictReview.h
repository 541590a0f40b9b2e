#pragma once
// Reviewing the conflict log (ARCHITECTURE.md: "a conflict log that a person can review and
// restore"): list open conflicts with both values, keep the current value, or restore the
// one that lost — a restore is an ordinary edit, so it replicates like any other change.
#include <cstdint>
#include <string>
#include <vector>

#include "sync/SyncStore.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::sync {

struct ConflictView {
    Conflict conflict;
    std::string keptText;   // the values as text ("" for empty)
    std::string lostText;
    std::string rowLabel;   // the resident's name and archive number, or the row id
};

class ConflictReview {
public:
    ConflictReview(store::Database& db, std::string user) : m_db(db), m_user(std::move(user)) {}

    std::vector<ConflictView> open();
    // Closes the conflict; the current value stays.
    void keepCurrent(std::int64_t conflictId);
    // Writes the value that lost as a new change, then closes the conflict.
    void restoreLost(std::int64_t conflictId);

private:
    Conflict openConflict(std::int64_t id);
    void recordResolution(const Conflict& c, const char* action);
    store::Database& m_db;
    std::string m_user;
};

}  // namespace jiayi::sync
