#pragma once
// A real hub for tests and benchmarks: a fresh self-signed certificate, a SQLite hub store
// in a given folder, and the HTTPS server on a free port of 127.0.0.1 — the same classes
// jiayi-hub runs, in-process.
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/HubServer.h"
#include "sync/HubService.h"
#include "sync/HubStore.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::testing {

struct CertificateFiles {
    std::string certificate, privateKey;
};
// `openssl req` makes a certificate for 127.0.0.1 named `stem` in `dir`.
CertificateFiles makeCertificate(const std::filesystem::path& dir, const std::string& stem);

// A fresh PostgreSQL database for one test, in the cluster JIAYI_TEST_PG names (a libpq
// connection string to its maintenance database, set by CTest's pg fixture); dropped after.
class PgDatabase {
public:
    explicit PgDatabase(const std::string& adminConninfo);
    ~PgDatabase();
    std::string conninfo() const;  // the admin string with this database's name

private:
    std::string m_admin, m_name;
};

// The store tests run against: PostgreSQL when JIAYI_TEST_PG is set (CTest's sync_tests_pg),
// else an encrypted SQLite store at `sqlitePath` under `sqliteKey`.
struct TestHubStore {
    std::unique_ptr<PgDatabase> pg;
    std::unique_ptr<sync::HubStore> store;
    bool sqlite() const { return !pg; }
};
TestHubStore openTestHubStore(const std::string& sqlitePath, const std::string& sqliteKey = {});

class HubFixture {
public:
    explicit HubFixture(const std::filesystem::path& dir, std::function<std::int64_t()> clock = nullptr);
    ~HubFixture();

    std::string url() const;
    std::uint16_t port() const { return m_server->port(); }
    sync::HubStore& store() { return *m_store.store; }
    sync::HubService& service() { return *m_service; }
    const CertificateFiles& certificate() const { return m_certificate; }
    std::string databasePath() const { return m_databasePath; }
    // The key the store is encrypted under (32 bytes).
    const std::string& storeKey() const { return m_storeKey; }
    // Whether the store is the SQLite file at databasePath() (tests that look inside it).
    bool sqlite() const { return m_store.sqlite(); }
    // The PostgreSQL store's connection string ("" for SQLite).
    std::string pgConninfo() const { return m_store.pg ? m_store.pg->conninfo() : std::string(); }

    std::string code(const std::string& scope, const std::string& name = "site");
    // Enrols `db` at this hub for `scope` with a fresh one-time code.
    void enrol(store::Database& db, const std::string& scope, const std::string& name = "site");
    std::vector<std::string> log() const;
    void stop() { m_server->stop(); }

private:
    CertificateFiles m_certificate;
    std::string m_databasePath;
    std::string m_storeKey;
    TestHubStore m_store;
    std::unique_ptr<sync::HubService> m_service;
    std::unique_ptr<sync::HubServer> m_server;
    mutable std::mutex m_logMutex;
    std::vector<std::string> m_log;
};

}  // namespace jiayi::testing
