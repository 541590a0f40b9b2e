#pragma once
// 17-digit archive numbers (档案编号, shared/domain/records.md): 12-digit village code +
// 5-digit serial. Serials come from blocks granted by a numbering authority, so offline
// sites never hand out the same number (docs/decisions.md, "Archive numbers").
#include <cstdint>
#include <string>
#include <vector>

namespace jiayi::store {

class Database;

struct SerialBlock {
    std::string villageCode;
    std::int64_t first = 0;
    std::int64_t last = 0;
};

class ArchiveNumbers {
public:
    static constexpr std::int64_t kBlockSize = 1000;
    static constexpr std::int64_t kMaxSerial = 99999;
    // A hub grants from here up; serials below are left to sites that numbered their own
    // records before they enrolled, so a block the hub grants never meets one of theirs
    // whatever order the sites enrol in (docs/decisions.md, replication).
    static constexpr std::int64_t kHubFirstSerial = 50001;

    explicit ArchiveNumbers(Database& db) : m_db(db) {}

    // The next number for a village; call inside the write's IMMEDIATE transaction so that
    // two processes on one database are serialised by SQLite's write lock. A site that is
    // its own authority grants itself the next block when one runs out.
    std::string allocate(const std::string& villageCode);

    // Authority side: records a block of the village's serial space for `siteId`.
    SerialBlock grant(const std::string& villageCode, const std::string& siteId,
                      std::int64_t size = kBlockSize, std::int64_t firstSerial = 1);
    // Authority side: records a block another authority (a site before it enrolled at the
    // hub) already granted; ConflictError if it overlaps a block of another site.
    void recordGrant(const SerialBlock& block, const std::string& siteId);
    // The ledger entries of blocks granted to `siteId`.
    std::vector<SerialBlock> grantsTo(const std::string& siteId);
    // Site side: keeps a block granted by an authority (the hub, or this site itself).
    void accept(const SerialBlock& block, const std::string& grantedBy);
    // Serials this site can still hand out for the village.
    std::int64_t remaining(const std::string& villageCode);

    bool isAuthority();
    void setAuthority(bool self);

private:
    Database& m_db;
};

}  // namespace jiayi::store
