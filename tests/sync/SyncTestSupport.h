#pragma once
// Shared by the sync tests and the e2e security tests: a site database with test divisions
// and its registry, and a resident to register there.
#include <filesystem>
#include <memory>
#include <string>

#include "../core/TestSupport.h"
#include "core/store/Site.h"
#include "sync/HubClient.h"

namespace jiayi::test {

struct Station {
    std::unique_ptr<store::Database> db;
    std::unique_ptr<services::Registry> registry;
    Station(const std::filesystem::path& file, const std::string& user) {
        db = store::Database::open(file);
        loadTestDivisions(*db);
        registry = std::make_unique<services::Registry>(*db, services::Session::bootstrap(user));
    }
    std::string site() { return store::siteId(*db); }
    // Numbers its own records, as a site does before it enrols at a hub.
    void selfNumbering() {
        store::Transaction tx(*db);
        store::ArchiveNumbers(*db).setAuthority(true);
        tx.commit();
    }
    sync::SyncReport sync() { return sync::HubClient(*db).sync(); }
};

// A resident without ID number, named `name`, living in `village`; `n` varies the birth date.
inline model::Resident person(const std::string& name, const char* village, int n) {
    auto r = sampleResident();
    r.idNumber.clear();
    r.name = name;
    r.villageCode = village;
    r.birthDate = parseDate("19" + std::to_string(40 + n) + "-03-0" + std::to_string(1 + n % 9));
    return r;
}

}  // namespace jiayi::test
