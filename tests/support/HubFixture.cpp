#include "HubFixture.h"

#include <cstdlib>
#include <stdexcept>

#include "core/store/KeyRing.h"
#include "core/util/Uuid.h"
#include "sync/HubClient.h"
#include "sync/Pg.h"

namespace jiayi::testing {

CertificateFiles makeCertificate(const std::filesystem::path& dir, const std::string& stem) {
    CertificateFiles files{(dir / (stem + "-cert.pem")).string(), (dir / (stem + "-key.pem")).string()};
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
        files.privateKey + "' -out '" + files.certificate + "' >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("openssl could not make a certificate");
    return files;
}

PgDatabase::PgDatabase(const std::string& adminConninfo)
    : m_admin(adminConninfo), m_name("jiayi_test_" + randomHex128().substr(0, 16)) {
    sync::pg::Connection(m_admin).exec("CREATE DATABASE " + m_name);
}

PgDatabase::~PgDatabase() {
    try {
        sync::pg::Connection(m_admin).exec("DROP DATABASE IF EXISTS " + m_name + " WITH (FORCE)");
    } catch (...) {
        // The cluster is thrown away after the run anyway.
    }
}

std::string PgDatabase::conninfo() const { return m_admin + " dbname=" + m_name; }

TestHubStore openTestHubStore(const std::string& sqlitePath, const std::string& sqliteKey) {
    TestHubStore out;
    if (const char* pg = std::getenv("JIAYI_TEST_PG"); pg && *pg) {
        out.pg = std::make_unique<PgDatabase>(pg);
        out.store = sync::openPostgresHubStore(out.pg->conninfo());
    } else {
        out.store = sync::openSqliteHubStore(sqlitePath, sqliteKey);
    }
    return out;
}

HubFixture::HubFixture(const std::filesystem::path& dir, std::function<std::int64_t()> clock)
    : m_certificate(makeCertificate(dir, "hub")), m_databasePath((dir / "hub.db").string()) {
    // The store encrypted as a deployed hub's is (a fresh key per fixture).
    m_storeKey = store::KeyRing::newSiteKey();
    m_store = openTestHubStore(m_databasePath, m_storeKey);
    m_service = std::make_unique<sync::HubService>(*m_store.store, sync::pinOfCertificateFile(m_certificate.certificate),
                                                   std::move(clock));
    sync::HubServerConfig config;
    config.certificateFile = m_certificate.certificate;
    config.privateKeyFile = m_certificate.privateKey;
    config.threads = 4;
    m_server = std::make_unique<sync::HubServer>(*m_service, config, [this](const std::string& line) {
        std::lock_guard lock(m_logMutex);
        m_log.push_back(line);
    });
    m_server->start();
}

HubFixture::~HubFixture() { m_server->stop(); }

std::string HubFixture::url() const { return "https://127.0.0.1:" + std::to_string(m_server->port()); }

std::string HubFixture::code(const std::string& scope, const std::string& name) {
    return m_service->createCode(scope, name, 1);
}

void HubFixture::enrol(store::Database& db, const std::string& scope, const std::string& name) {
    sync::HubClient(db).enrol(url(), code(scope, name), name);
}

std::vector<std::string> HubFixture::log() const {
    std::lock_guard lock(m_logMutex);
    return m_log;
}

}  // namespace jiayi::testing
