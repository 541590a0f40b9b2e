// jiayi-hub --config FILE [serve | code --scope S --name N [--hours H] [--replace SITE] | devices | events |
//                          revoke SITE | audit [SITE]]
// The hub: an HTTPS server over its store — SQLite for a township, PostgreSQL for a county
// with several hub processes on one database (docs/hub.md).
#include <Poco/AutoPtr.h>
#include <Poco/Path.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>

#include "core/store/Database.h"
#include "core/store/KeyRing.h"
#include "core/util/Crypto.h"
#include "core/util/Error.h"
#include "sync/HubServer.h"
#include "sync/HubService.h"
#include "sync/HubStore.h"

using namespace jiayi;

namespace {

struct Config {
    std::string store = "sqlite";  // or "postgresql" (a county's hub, issue 20)
    std::string postgresql;        // libpq connection string of the PostgreSQL store
    std::string database, storeKey, certificate, privateKey, log = "-";
    std::string host = "127.0.0.1";
    std::uint16_t port = 8443;
    int threads = 32;
};

int usage() {
    std::cerr << "usage: jiayi-hub --config FILE [serve]\n"
                 "       jiayi-hub --config FILE code --scope DIVISION_PREFIX --name SITE_NAME [--hours 72] [--replace SITE_ID]\n"
                 "       jiayi-hub --config FILE events\n"
                 "       jiayi-hub --config FILE devices\n"
                 "       jiayi-hub --config FILE revoke SITE_ID\n"
                 "       jiayi-hub --config FILE audit [SITE_ID]\n"
                 "       jiayi-hub --config FILE import-sqlite HUB_DB [--key KEY_FILE]   (store = postgresql)\n";
    return 2;
}

Config readConfig(const std::string& file) {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> p(new Poco::Util::PropertyFileConfiguration(file));
    const auto dir = Poco::Path(file).makeAbsolute().parent();
    auto path = [&](const std::string& key) {
        const auto value = p->getString(key);
        return Poco::Path(dir).resolve(Poco::Path(value)).toString();
    };
    Config c;
    c.store = p->getString("store", "sqlite");
    if (c.store == "postgresql") {
        // Host, database and user only: the password comes from ~/.pgpass (PGPASSFILE), never
        // from this file (docs/hub.md).
        c.postgresql = p->getString("postgresql");
        if (c.postgresql.find("password") != std::string::npos)
            throw std::runtime_error("postgresql: put the password in ~/.pgpass (PGPASSFILE), not in the config");
    } else if (c.store != "sqlite") {
        throw std::runtime_error("store must be sqlite or postgresql, not " + c.store);
    }
    c.database = c.store == "sqlite" ? path("database") : std::string();
    // The key that encrypts the store: a file of its own (owner-only), kept apart from the
    // store by the deployment (docs/hub.md); beside the configuration by default.
    c.storeKey = p->hasProperty("store_key") ? path("store_key")
                                             : Poco::Path(dir).resolve(Poco::Path("hub-store.key")).toString();
    c.certificate = path("certificate");
    c.privateKey = path("private_key");
    const auto log = p->getString("log", "-");
    c.log = log == "-" ? log : path("log");
    const auto listen = p->getString("listen", "127.0.0.1:8443");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("listen must be HOST:PORT");
    c.host = listen.substr(0, colon);
    c.port = static_cast<std::uint16_t>(std::stoi(listen.substr(colon + 1)));
    c.threads = p->getInt("threads", 32);
    return c;
}

// The store's key from its file (64 hex digits). A new hub makes one (owner-only); a hub
// whose store exists encrypted but whose key file is gone stops with the reason.
std::string storeKey(const Config& config) {
    namespace fs = std::filesystem;
    if (!fs::exists(config.storeKey)) {
        if (fs::exists(config.database) && store::Database::isEncrypted(config.database))
            throw std::runtime_error("the store " + config.database + " is encrypted and its key file " +
                                     config.storeKey + " is missing");
        const auto key = store::KeyRing::newSiteKey();
        const int fd = ::open(config.storeKey.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        const auto text = crypto::toHex(key) + "\n";
        if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::fsync(fd) != 0) {
            if (fd >= 0) ::close(fd);
            throw std::runtime_error("cannot write the store key " + config.storeKey);
        }
        ::close(fd);
        return key;
    }
    std::ifstream in(config.storeKey);
    std::string line;
    std::getline(in, line);
    const auto key = crypto::fromHex(line);
    if (!key || key->size() != 32)
        throw std::runtime_error("the store key " + config.storeKey + " is not 64 hex digits");
    return *key;
}

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

int serve(const Config& config, sync::HubStore& store) {
    // Block the stop signals in every thread; the main thread waits for them below.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::mutex logMutex;
    std::ofstream logFile;
    if (config.log != "-") {
        logFile.open(config.log, std::ios::app);
        // Device ids and addresses: the log is the hub owner's alone.
        std::error_code ec;
        std::filesystem::permissions(config.log, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace, ec);
    }
    std::ostream& logStream = config.log == "-" ? std::cout : logFile;
    auto log = [&](const std::string& line) {
        std::lock_guard lock(logMutex);
        logStream << line << std::endl;
    };
    sync::HubService service(store, sync::pinOfCertificateFile(config.certificate));
    sync::HubServer server(service, {config.host, config.port, config.certificate, config.privateKey, config.threads},
                           log);
    server.start();
    log("jiayi-hub " + store.hubId() + " listening on https://" + config.host + ":" + std::to_string(server.port()));
    std::cout << "listening on https://" << config.host << ":" << server.port() << std::endl;
    int signal = 0;
    sigwait(&stopSignals, &signal);
    log("jiayi-hub stopping (signal " + std::to_string(signal) + "): finishing requests in flight");
    server.stop();
    log("jiayi-hub stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const auto configFile = option(args, "--config", "");
    if (configFile.empty()) return usage();
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--config") {
            ++i;
            continue;
        }
        rest.push_back(args[i]);
    }
    const auto command = rest.empty() ? std::string("serve") : rest.front();
    try {
        const auto config = readConfig(configFile);
        if (command == "import-sqlite" && rest.size() >= 2) {
            // A township's SQLite store into this (PostgreSQL) hub's empty database.
            if (config.store != "postgresql") throw std::runtime_error("import-sqlite needs store = postgresql");
            Config from = config;
            from.database = rest[1];
            from.storeKey = option(rest, "--key", from.storeKey);
            const auto copied = sync::copySqliteHubStore(from.database, storeKey(from), config.postgresql);
            std::cout << copied.devices << " devices, " << copied.changes << " changes, " << copied.rows
                      << " rows copied\n";
            return 0;
        }
        auto store = config.store == "postgresql" ? sync::openPostgresHubStore(config.postgresql)
                                                  : sync::openSqliteHubStore(config.database, storeKey(config));
        if (command == "serve") return serve(config, *store);
        if (command == "code") {
            sync::HubService service(*store, "");
            const auto scope = option(rest, "--scope", "");
            const auto name = option(rest, "--name", "");
            if (scope.empty() || name.empty()) return usage();
            // --replace SITE: the administrator's explicit replacement of a device (a new PC
            // for the same clinic, or a revoked one allowed back); recorded in `events`.
            const auto replaces = option(rest, "--replace", "");
            const auto code = service.createCode(scope, name, std::stoi(option(rest, "--hours", "72")), replaces);
            std::cout << code << std::endl;
            return 0;
        }
        if (command == "events") {
            for (const auto& [at, kind, site, detail] : store->events())
                std::cout << at << '\t' << kind << '\t' << site << '\t' << detail << '\n';
            return 0;
        }
        if (command == "devices") {
            for (const auto& d : store->devices())
                std::cout << d.site << '\t' << d.scope << '\t' << d.name << '\t' << d.enrolledOn << '\t'
                          << (d.revokedOn.empty() ? "active" : "revoked " + d.revokedOn) << '\n';
            return 0;
        }
        if (command == "audit" && rest.size() <= 2) {
            // Each site's copy of its audit trail, checked link by link again.
            sync::HubService service(*store, "");
            std::vector<std::string> sites;
            if (rest.size() == 2) sites.push_back(rest[1]);
            else
                for (const auto& d : store->devices()) sites.push_back(d.site);
            int status = 0;
            for (const auto& site : sites) {
                std::int64_t entries = 0;
                if (const auto broken = service.verifyAuditCopy(site, &entries)) {
                    std::cout << site << "\tbroken at entry " << broken->seq << '\t' << broken->reason << '\n';
                    status = 1;
                } else {
                    std::cout << site << "\tintact\t" << entries << " entries\n";
                }
            }
            return status;
        }
        if (command == "revoke" && rest.size() == 2) {
            if (!store->revoke(rest[1])) {
                std::cerr << "jiayi-hub: no active device " << rest[1] << '\n';
                return 1;
            }
            return 0;
        }
        return usage();
    } catch (const ValidationError& e) {
        std::cerr << "jiayi-hub: " << e.field() << ": " << e.reason() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "jiayi-hub: " << e.what() << '\n';
        return 1;
    }
}
