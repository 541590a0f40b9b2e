#include "core/store/Database.h"

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

#include <sqlite3.h>

#include <fstream>

#include "core/store/Migrations.h"
#include "core/store/Site.h"
#include "core/util/Crypto.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::store {

// ---- Statement -------------------------------------------------------------------------

Statement::Statement(Database& db, std::string_view sql) : m_db(db) {
    if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        db.fail("prepare: " + std::string(sql));
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, const Value& value) {
    if (std::holds_alternative<std::int64_t>(value)) return bind(index, std::get<std::int64_t>(value));
    if (std::holds_alternative<std::string>(value)) return bind(index, std::string_view(std::get<std::string>(value)));
    if (std::holds_alternative<double>(value)) {
        if (sqlite3_bind_double(m_stmt, index, std::get<double>(value)) != SQLITE_OK) m_db.fail("bind");
        return *this;
    }
    return bindNull(index);
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK)
        m_db.fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t number) {
    if (sqlite3_bind_int64(m_stmt, index, number) != SQLITE_OK) m_db.fail("bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) m_db.fail("bind");
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string message = sqlite3_errmsg(m_db.handle());
    sqlite3_reset(m_stmt);
    throw StorageError("SQLite: " + message);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }

std::string Statement::columnName(int column) const {
    const char* name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}
bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}
std::string_view Statement::view(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string_view();
}
std::optional<std::string> Statement::optText(int column) const {
    if (isNull(column)) return std::nullopt;
    return text(column);
}
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }
Value Statement::value(int column) const {
    switch (sqlite3_column_type(m_stmt, column)) {
        case SQLITE_INTEGER: return integer(column);
        case SQLITE_FLOAT: return real(column);
        case SQLITE_NULL: return Value{};
        default: return text(column);
    }
}

// ---- Database --------------------------------------------------------------------------

Database::Database(sqlite3* db, std::filesystem::path path) : m_db(db), m_path(std::move(path)) {}

void Database::copyTo(const std::filesystem::path& target) {
    if (std::filesystem::exists(target)) throw StorageError("cannot copy the database onto an existing file: " + target.string());
    Statement st(*this, "VACUUM INTO ?");
    st.bind(1, target.string());
    st.run();
}

ChangeCapture& Database::changes() {
    if (!m_changes) m_changes = std::make_unique<ChangeCapture>(*this);
    return *m_changes;
}

Database::~Database() {
    m_changes.reset();
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

namespace {

// Health data: the database and the WAL and shared-memory files SQLite makes beside it
// (which take the database's permissions) are readable by their owner only (issue 16).
void ownerOnly(const std::filesystem::path& path) {
    if (path.empty() || path.string() == ":memory:") return;
#ifndef _WIN32
    if (!std::filesystem::exists(path)) {
        const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        if (fd >= 0) ::close(fd);
    }
#endif
    std::error_code ec;
    if (std::filesystem::exists(path, ec))
        std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace, ec);
}

}  // namespace

// Keys the connection before its first read (SQLCipher 4: AES-256-CBC with an HMAC-SHA512
// per page, by OpenSSL), as a raw key: the 32 bytes are
// already random, no passphrase stretching. Then reads the schema once, which tells a wrong
// key, or an encrypted file opened without one, from a plain database.
void Database::applyKey(Database& db, std::string_view key) {
    if (!key.empty()) {
        if (key.size() != 32) throw std::invalid_argument("a site key has 32 bytes");
        db.exec("PRAGMA key=\"x'" + crypto::toHex(key) + "'\"");
        db.m_key = std::string(key);
    }
    const int rc = sqlite3_exec(db.m_db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) return;
    if (rc == SQLITE_NOTADB && !key.empty())
        throw KeyError(format(tr("The key does not open {0}: it belongs to another site, or the site key was changed"),
                              {db.m_path.filename().string()}));
    if (rc == SQLITE_NOTADB && isEncrypted(db.m_path))
        throw KeyError(format(tr("{0} is encrypted: it opens only after a user of its site signs in"),
                              {db.m_path.filename().string()}));
    db.fail("open " + db.m_path.string());
}

std::unique_ptr<Database> Database::openReadOnly(const std::filesystem::path& path, std::string_view key) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        throw StorageError("cannot open database " + path.string() + ": " + message);
    }
    std::unique_ptr<Database> db(new Database(raw, path));
    applyKey(*db, key);
    return db;
}

bool Database::isEncrypted(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    if (!in.read(header, sizeof header)) return false;
    return std::string_view(header, sizeof header) != std::string_view("SQLite format 3\0", 16);
}

void Database::encryptFile(const std::filesystem::path& path, std::string_view key) {
    if (key.size() != 32) throw std::invalid_argument("a site key has 32 bytes");
    if (isEncrypted(path)) throw StorageError(tr("The database is encrypted already"));
    // SQLCipher's way: an encrypted copy made beside the file (sqlcipher_export writes every
    // table, index and trigger into an attached, keyed database), then renamed over it in
    // one step. A crash leaves the plain file or the encrypted one, never half of each.
    const std::filesystem::path encrypted = path.string() + ".encrypting";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(encrypted.string() + suffix);
    ownerOnly(encrypted);
    {
        auto db = openRaw(path);
        db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        const int version = db->userVersion();
        std::string file = encrypted.string();
        for (std::size_t at = file.find('\''); at != std::string::npos; at = file.find('\'', at + 2)) file.insert(at, 1, '\'');
        db->exec("ATTACH DATABASE '" + file + "' AS encrypted KEY \"x'" + crypto::toHex(key) + "'\"");
        db->exec("SELECT sqlcipher_export('encrypted')");
        db->exec("PRAGMA encrypted.user_version = " + std::to_string(version));
        db->exec("DETACH DATABASE encrypted");
    }
    std::filesystem::rename(encrypted, path);
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

std::unique_ptr<Database> Database::openRaw(const std::filesystem::path& path, std::string_view key) {
    ownerOnly(path);
    for (const char* suffix : {"-wal", "-shm"}) {
        std::error_code ec;
        const std::filesystem::path side = path.string() + suffix;
        if (std::filesystem::exists(side, ec)) ownerOnly(side);
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        throw StorageError("cannot open database " + path.string() + ": " + message);
    }
    std::unique_ptr<Database> db(new Database(raw, path));
    sqlite3_busy_timeout(raw, 10000);
    applyKey(*db, key);
    db->exec("PRAGMA journal_mode=WAL");
    // FULL: a committed visit survives a power cut at a village clinic, not only a crash.
    db->exec("PRAGMA synchronous=FULL");
    db->exec("PRAGMA foreign_keys=ON");
    db->exec("PRAGMA temp_store=MEMORY");
    // 64 MiB page cache (default 2 MiB): a township's search keys and residents stay in
    // memory on a modest clinic PC; measured in docs/performance.md.
    db->exec("PRAGMA cache_size=-65536");
    // Reads through a 256 MiB memory map instead of a copy per page read (pread): lists that
    // touch thousands of rows (a township's worklist) read pages in place
    // (docs/performance.md, chronic care).
    db->exec("PRAGMA mmap_size=268435456");
    // SQLCipher reads an encrypted file page by page (no memory map: each page is decrypted
    // and checked), so the page cache takes the memory map's place: 256 MiB, the same budget
    // (docs/performance.md, encryption at rest).
    if (!key.empty()) db->exec("PRAGMA cache_size=-262144");
    return db;
}

std::unique_ptr<Database> Database::open(const std::filesystem::path& path, std::string_view key) {
    auto db = openRaw(path, key);
    migrate(*db);
    return db;
}

void Database::exec(std::string_view sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw StorageError("SQLite: " + message);
    }
}

Statement& Database::cached(const std::string& sql) {
    auto it = m_cache.find(sql);
    if (it == m_cache.end()) it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    it->second->reset();
    return *it->second;
}

int Database::rowsChanged() { return sqlite3_changes(m_db); }

std::int64_t Database::lastInsertRowid() { return sqlite3_last_insert_rowid(m_db); }

int Database::userVersion() {
    Statement st(*this, "PRAGMA user_version");
    st.step();
    return static_cast<int>(st.integer(0));
}

bool Database::inTransaction() { return sqlite3_get_autocommit(m_db) == 0; }

bool Database::foreignKeysPending() {
    int current = 0, highest = 0;
    sqlite3_db_status(m_db, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highest, 0);
    return current != 0;
}

void Database::fail(std::string_view what) {
    throw StorageError("SQLite " + std::string(what) + ": " + sqlite3_errmsg(m_db));
}

// ---- Transaction -----------------------------------------------------------------------

Transaction::Transaction(Database& db, Mode mode) : m_db(db) {
    db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
    ++db.m_txSerial;
}

void runAfterTransaction(Database& db) {
    auto pending = std::move(db.m_afterTransaction);
    db.m_afterTransaction.clear();
    for (auto& write : pending) {
        try {
            Transaction tx(db);
            write(db);
            tx.commit();
        } catch (...) {
            // A record kept after the fact must not turn the caller's error into another.
        }
    }
}

void Database::afterTransaction(std::function<void(Database&)> write) {
    if (inTransaction()) {
        m_afterTransaction.push_back(std::move(write));
        return;
    }
    Transaction tx(*this);
    write(*this);
    tx.commit();
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The connection already rolled back (e.g. after SQLITE_FULL); nothing to undo.
        }
        if (!m_db.inTransaction()) runAfterTransaction(m_db);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
    runAfterTransaction(m_db);
}

// ---- Savepoint -------------------------------------------------------------------------

Savepoint::Savepoint(Database& db) : m_db(db), m_name("sp" + std::to_string(++db.m_savepoints)) {
    db.exec("SAVEPOINT " + m_name);
}

Savepoint::~Savepoint() {
    if (m_done) return;
    try {
        m_db.exec("ROLLBACK TO " + m_name);
        m_db.exec("RELEASE " + m_name);
    } catch (...) {
        // The whole transaction is already gone; the outer Transaction reports it.
    }
    // Caches tied to the transaction (change-log sequence) must reload: what they saw
    // after the savepoint began has been undone.
    ++m_db.m_txSerial;
}

void Savepoint::release() {
    m_db.exec("RELEASE " + m_name);
    m_done = true;
}

RelaxedDurability::RelaxedDurability(Database& db) : m_db(db) { m_db.exec("PRAGMA synchronous=NORMAL"); }

RelaxedDurability::~RelaxedDurability() {
    try {
        m_db.exec("PRAGMA synchronous=FULL");
    } catch (...) {
        // The connection is unusable anyway; nothing to restore.
    }
}

}  // namespace jiayi::store
