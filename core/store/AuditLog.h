#pragma once
// The audit trail (issue 16, 数据全程留痕): every write of this site, and every opening of a
// restricted record, as one entry — who, with which role, at which site, when, what (table,
// row, the fields before and after). Each entry holds the SHA-256 of the one before, so
// that an entry changed, removed or moved in the file breaks the chain at that entry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jiayi::store {

class Database;

struct AuditEntry {
    std::int64_t seq = 0;  // 1, 2, 3 … without gaps
    std::string at;        // UTC, ISO 8601
    std::string site;
    std::string user;
    std::string role;      // rules::roleCode; "" for a site without users yet
    std::string action;    // insert, update, open
    std::string table;
    std::string rowId;
    std::string residentId;  // the resident the row belongs to, when it does
    std::string detail;      // JSON {"before":{…}} of the fields an update replaced; {} otherwise
    // The change-log entry of this site that holds the values after (0: none, e.g. "open"),
    // and that entry's fields as logged: the hash covers them, so the change log cannot be
    // rewritten either without breaking the chain.
    std::int64_t changeSeq = 0;
    std::string changeFields;
    std::string prev;        // hash of the entry before ("" for the first)
    std::string hash;        // SHA-256 (hex) of prev and this entry
};

struct AuditBreak {
    std::int64_t seq = 0;  // the first entry that does not hold
    std::string reason;    // in English: "changed", "missing", …
};

class Statement;

// An entry from a row of columns seq, at, site, user, role, action, table, row, resident,
// detail, prev, hash, change seq, change fields — in that order (the site's audit_log with
// its change-log fields, or the hub's copy).
AuditEntry readAuditEntry(Statement& st);

class AuditLog {
public:
    explicit AuditLog(Database& db) : m_db(db) {}
    // Appends an entry (in the caller's transaction); user's role from their account.
    void append(const std::string& user, const std::string& action, const std::string& table,
                const std::string& rowId, const std::string& residentId, const std::string& detail,
                std::int64_t changeSeq = 0, const std::string& changeFields = {});
    // The first entry where the chain does not hold, or nullopt; `checked` counts entries.
    std::optional<AuditBreak> verify(std::size_t* checked = nullptr);
    // The entries about one resident (their record and every row of theirs), oldest first.
    std::vector<AuditEntry> ofResident(const std::string& residentId);
    std::size_t count();
    std::int64_t lastSeq();
    // Entries after `seq` in order, at most `limit` (what the site sends the hub next).
    std::vector<AuditEntry> after(std::int64_t seq, std::size_t limit);

    // The text a hash covers (documented in docs/security.md).
    static std::string hashOf(const AuditEntry& e);
    // Whether `e` is the entry `expected` and follows the entry whose hash is `prev`
    // ("" before the first): nullopt when it does, else where and why the chain breaks.
    static std::optional<AuditBreak> link(const AuditEntry& e, std::int64_t expected, const std::string& prev);
    // Whether `entries` continue a chain whose last entry is (`lastSeq`, `lastHash`): the
    // hub's check of a site's entries on arrival, and the check of its copy.
    static std::optional<AuditBreak> verifyChain(const std::vector<AuditEntry>& entries, std::int64_t lastSeq = 0,
                                                 const std::string& lastHash = {});

private:
    Database& m_db;
};

}  // namespace jiayi::store
