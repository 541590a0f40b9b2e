#pragma once
// Shared helpers for core tests: real SQLite files in a fresh temporary folder.
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "core/services/Session.h"
#include "core/model/Contract.h"
#include "core/model/Resident.h"
#include "core/rules/Divisions.h"
#include "core/services/Registry.h"
#include "core/store/ArchiveNumbers.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"

namespace jiayi::test {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("jiayi-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path file(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline const char* kVillageA = "371721001201";
inline const char* kVillageB = "371721001202";

// A small division tree: 曹县 → 曹城街道 → two villages.
inline void loadTestDivisions(store::Database& db) {
    using L = rules::Division::Level;
    store::Transaction tx(db);
    store::DivisionRepository(db).replaceAll({
        {"370000000000", "", L::Province, "山东省"},
        {"371700000000", "370000000000", L::City, "菏泽市"},
        {"371721000000", "371700000000", L::County, "曹县"},
        {"371721001000", "371721000000", L::Township, "曹城街道"},
        {kVillageA, "371721001000", L::Village, "西村"},
        {kVillageB, "371721001000", L::Village, "东村"},
    });
    tx.commit();
}

// A database file with test divisions, this site its own numbering authority.
struct DbFixture {
    TempDir dir;
    std::unique_ptr<store::Database> db;
    DbFixture() {
        db = store::Database::open(dir.file("jiayi.db"));
        loadTestDivisions(*db);
        store::Transaction tx(*db);
        store::ArchiveNumbers(*db).setAuthority(true);
        tx.commit();
    }
};

// A signed-in user of `role` (login = the role's code, shown as "测试<login>") for `division`.
inline services::Session signedIn(rules::Role role, const std::string& division = "") {
    services::Session s;
    s.login = std::string(rules::roleCode(role));
    s.userId = "u-" + s.login;
    s.displayName = "测试" + s.login;
    s.role = role;
    s.division = division;
    return s;
}

// A valid adult: 张三, male, 1960-05-01, in village A, with a valid ID number.
inline model::Resident sampleResident() {
    model::Resident r;
    r.name = "张三";
    r.sex = "1";
    r.birthDate = parseDate("1960-05-01");
    r.idNumber = "371721196005010016";
    r.villageCode = kVillageA;
    r.phone = "13800138000";
    r.residenceType = "1";
    r.ethnicity = "01";
    return r;
}

// A child without ID number in village A, born on `birth` (the children's services, issue 19).
inline model::Resident child(const std::string& name, const char* birth, const char* sex = "2") {
    model::Resident c;
    c.name = name;
    c.sex = sex;
    c.birthDate = parseDate(birth);
    c.villageCode = kVillageA;
    c.residenceType = "1";
    c.ethnicity = "01";
    return c;
}

// A family-doctor team member as a team's set-up lists it (issue 17).
inline model::TeamMember teamMember(const std::string& login, const std::string& role) {
    model::TeamMember m;
    m.login = login;
    m.role = role;
    return m;
}

inline services::Registration registration(model::Resident r,
                                           std::string address = "西村1组1号") {
    services::Registration reg;
    reg.resident = std::move(r);
    reg.newHouseholdAddress = std::move(address);
    return reg;
}

}  // namespace jiayi::test
