#pragma once
// Thin RAII layer over one SQLite connection (habits of SQLiteCpp): WAL, foreign keys,
// busy timeout, prepared statements with bound parameters, transactions that roll back
// unless committed, and schema migrations by PRAGMA user_version.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <vector>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/store/Value.h"

struct sqlite3;
struct sqlite3_stmt;

namespace jiayi::store {

class Database;
class ChangeCapture;

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, const Value& value);  // 1-based
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::int64_t number);
    Statement& bind(int index, int number) { return bind(index, static_cast<std::int64_t>(number)); }
    Statement& bindNull(int index);
    template <typename... Args>
    Statement& bindAll(const Args&... args) {
        int index = 1;
        (bind(index++, args), ...);
        return *this;
    }
    // Steps once; true while a row is available.
    bool step();
    // Runs a statement that returns no rows, then resets it.
    void run();
    void reset();

    int columnCount() const;
    std::string columnName(int column) const;
    bool isNull(int column) const;
    std::string text(int column) const;
    // The column's text without a copy: valid until the next step or reset.
    std::string_view view(int column) const;
    std::optional<std::string> optText(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    Value value(int column) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    // Opens (creating if needed) and migrates the database to the latest schema.
    // Refuses a file written by a newer version of the software. `key`: the 32-byte site
    // key of an encrypted database (store/KeyRing), empty for a plain one; KeyError when
    // the key does not open the file or an encrypted file is opened without one.
    static std::unique_ptr<Database> open(const std::filesystem::path& path, std::string_view key = {});
    // Opens without migrating (for migration tests and tools).
    static std::unique_ptr<Database> openRaw(const std::filesystem::path& path, std::string_view key = {});
    // Opens an existing file read-only, without migrating or changing it (backups).
    static std::unique_ptr<Database> openReadOnly(const std::filesystem::path& path, std::string_view key = {});
    // Whether the file is an encrypted database (it does not start as a plain SQLite file
    // does); false for a missing or empty file.
    static bool isEncrypted(const std::filesystem::path& path);
    // Encrypts a plain database file under `key` (AES-256, SQLCipher 4): an encrypted copy
    // of every page's content replaces the file in one step. No other connection may be
    // open on it.
    static void encryptFile(const std::filesystem::path& path, std::string_view key);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() { return m_db; }
    const std::filesystem::path& path() const { return m_path; }
    // The site key this connection was opened with (empty: a plain database).
    const std::string& key() const { return m_key; }

    void exec(std::string_view sql);
    // A prepared statement kept for the life of the connection (reset before reuse).
    Statement& cached(const std::string& sql);

    int userVersion();
    std::int64_t lastInsertRowid();
    // Rows written by the last INSERT, UPDATE or DELETE on this connection.
    int rowsChanged();
    bool inTransaction();
    // Whether the open transaction holds rows whose deferred references are not yet
    // satisfied (it would fail at commit with "FOREIGN KEY constraint failed").
    bool foreignKeysPending();
    // Increments at each BEGIN: lets per-transaction caches know they are stale.
    std::uint64_t transactionSerial() const { return m_txSerial; }

    // A consistent copy of the whole database into a new file `target` (VACUUM INTO): no
    // WAL to carry, readable alone. Throws StorageError when `target` exists.
    void copyTo(const std::filesystem::path& target);

    // The connection's change capture: one per connection, so the per-transaction
    // sequence cache is shared by every writer on it.
    ChangeCapture& changes();

    [[noreturn]] void fail(std::string_view what);

    // Runs `write` in a transaction of its own now, or, inside a transaction, just after
    // that transaction ends (committed or rolled back): a record that must outlive the
    // refusal that rolls the rest back (an audit entry of a refused request).
    void afterTransaction(std::function<void(Database&)> write);

    // Whether writes append to the audit trail (store/AuditLog). Always on in the product;
    // benchmarks turn it off to measure its cost against the same work without it
    // (docs/performance.md).
    bool auditTrail() const { return m_auditTrail; }
    // The audit trail's position, kept for the transaction it was read in (store/AuditLog):
    // appends of one transaction do not read the last entry again.
    struct AuditCursor {
        std::uint64_t transaction = 0;
        std::int64_t seq = 0;
        std::string prev, site;
        std::map<std::string, std::string> roles;  // login → role code
    };
    AuditCursor& auditCursor() { return m_auditCursor; }
    void setAuditTrailForBenchmark(bool on) { m_auditTrail = on; }

private:
    friend class Transaction;
    friend class Savepoint;
    std::uint64_t m_savepoints = 0;
    Database(sqlite3* db, std::filesystem::path path);
    static void applyKey(Database& db, std::string_view key);
    sqlite3* m_db;
    std::filesystem::path m_path;
    std::string m_key;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
    std::uint64_t m_txSerial = 0;
    std::unique_ptr<ChangeCapture> m_changes;
    std::vector<std::function<void(Database&)>> m_afterTransaction;
    bool m_auditTrail = true;
    AuditCursor m_auditCursor;
    friend void runAfterTransaction(Database& db);
};

// BEGIN IMMEDIATE by default: writers take the lock at once, so two processes never
// deadlock on a read-then-write upgrade. Rolls back on destruction unless committed.
class Transaction {
public:
    enum class Mode { Deferred, Immediate };
    explicit Transaction(Database& db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

// Bulk generation (demo data, benchmarks): commits without waiting for the disk until the
// guard ends. A power cut may lose the last commits, never corrupt the file (WAL).
class RelaxedDurability {
public:
    explicit RelaxedDurability(Database& db);
    ~RelaxedDurability();
    RelaxedDurability(const RelaxedDurability&) = delete;
    RelaxedDurability& operator=(const RelaxedDurability&) = delete;

private:
    Database& m_db;
};

// A nested unit inside a transaction (SAVEPOINT): rolls back to where it began unless
// released, leaving the outer transaction open. Used to skip one bad row of an import.
class Savepoint {
public:
    explicit Savepoint(Database& db);
    ~Savepoint();
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release();

private:
    Database& m_db;
    std::string m_name;
    bool m_done = false;
};

}  // namespace jiayi::store
