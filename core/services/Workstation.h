#pragma once
// One open site database and the services on it: what the GUI and the CLI start from.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/rules/Divisions.h"
#include "core/services/Registry.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

class Workstation {
public:
    // Opens (creating and migrating if needed) the site database. A new database gets the
    // shipped division list and numbers archive records itself until it joins a hub.
    // Every service of the workstation runs as `session`.
    static std::unique_ptr<Workstation> open(const std::filesystem::path& dbPath, Session session);
    // The same on a database opened already (an encrypted one, services::SiteAccess).
    static std::unique_ptr<Workstation> open(std::unique_ptr<store::Database> db, Session session);
    // A site without users yet (installation, demo, tests): Session::bootstrap(login).
    static std::unique_ptr<Workstation> open(const std::filesystem::path& dbPath, const std::string& login);
    ~Workstation();

    Registry& registry() { return *m_registry; }
    store::Database& database() { return *m_db; }
    const std::string& user() const { return m_session.login; }
    const Session& session() const { return m_session; }
    std::string siteId();
    std::size_t residentCount();

    // The site's scope as a division prefix (rules::divisionPrefix) that the codes of the
    // villages it serves start with: the hub's once enrolled, else the one set at
    // installation ("" = everything loaded). setScope takes 6, 9 or 12 digits.
    std::string scope();
    void setScope(const std::string& divisionCode);
    // Villages within the scope, ordered by code.
    std::vector<rules::Division> villages();
    std::vector<rules::Division> townships();
    // Villages of one township.
    std::vector<rules::Division> villagesOf(const std::string& townshipCode);
    // The village a person means: its 12-digit code, its full name (马山庄村民委员会) or
    // its short name (马山庄村 / 马山庄), within the scope. nullopt when none or several.
    std::optional<rules::Division> findVillage(const std::string& codeOrName);
    // "曹县 曹城街道 西村" for a code (county level down), or the code when unknown.
    std::string placeName(const std::string& code);
    // Replaces the division list from a file (a deployment adding its county).
    std::size_t loadDivisions(const std::filesystem::path& file);

    // Default database location: $JIAYI_DB, else ~/.local/share/jiayi/jiayi.db.
    static std::filesystem::path defaultDatabasePath();

private:
    Workstation(std::unique_ptr<store::Database> db, Session session);
    std::unique_ptr<store::Database> m_db;
    Session m_session;
    std::unique_ptr<Registry> m_registry;
};

}  // namespace jiayi::services
