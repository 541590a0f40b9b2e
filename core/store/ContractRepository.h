#pragma once
// Maps care teams, members, package editions, contracts, service entries and priority tags
// ↔ rows (issue 17). Writes go through the change capture in the caller's transaction.
// Also reads, for delivery counting (履约), every record that may deliver a package item.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model/Contract.h"
#include "core/util/Date.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::CareTeam& t);
std::string toJson(const model::TeamMember& m);
std::string toJson(const model::Contract& c);
std::string toJson(const model::ServiceEntry& s);

// A record that may deliver a package item, as counting needs it: which table and row,
// its date, and what it is (rules::contracts::Delivery). Superseded versions are left out.
struct DeliveryRecord {
    std::string table;  // follow_up, health_check, bp_screening, referral, service_entry
    std::string id;
    std::string residentId;
    Date date;
    std::string kind;       // followup, health_check, screening, referral, service
    std::string programme;  // a follow-up's programme
    std::string mode;       // a follow-up's or service's mode
    std::string item;       // a service entry's item
    // The visit it was part of: a follow-up of two programmes is two records of one visit,
    // and a health check may be combined with them; a visit counts once per item.
    std::string visit;
};

// What the coverage lists need of each resident of an area (contracts.md "Priority groups").
// Whether a record's 残疾情况 (a JSON list of codes, "1" 无残疾) names a disability.
bool namesDisability(std::string_view disability);

struct ResidentFacts {
    std::string id, name, archiveNo, villageCode, sex, phone;
    std::optional<Date> birth;
    bool disabled = false;  // the record's 残疾情况 names a disability
};

// Which standing contracts a list reads: all (the default), or — for the worklist — only
// those holding more than `onlyPackages` (the package codes as stored, "basic") or ending by
// `endingBy`: a contract of packages whose items fall due only at its end cannot be behind
// while it is in force.
struct StandingFilter {
    std::string onlyPackages;  // "" = every contract
    Date endingBy{};
};

class ContractRepository {
public:
    explicit ContractRepository(Database& db) : m_db(db) {}

    // Teams and members.
    std::optional<model::CareTeam> team(const std::string& id);
    // Active and dissolved teams whose division lies within `scope` or contains it.
    std::vector<model::CareTeam> teams(const std::string& scope);
    void insert(const model::CareTeam& t, const std::string& user);
    void update(const model::CareTeam& t, const std::string& user);
    std::vector<model::TeamMember> members(const std::string& teamId);
    void insert(const model::TeamMember& m, const std::string& user);
    void update(const model::TeamMember& m, const std::string& user);
    // The active memberships of a login.
    std::vector<model::TeamMember> membershipsOf(const std::string& login);

    // Package editions: the body an administrator loaded for the area that holds `village`
    // most narrowly (a county's edition applies unless the township loaded its own).
    std::optional<std::string> packageBody(const std::string& edition, const std::string& village);
    // The row of exactly (edition, division), to replace it.
    std::optional<std::string> packageEditionId(const std::string& edition, const std::string& division);
    void insertPackageEdition(const std::string& id, const std::string& division, const std::string& edition,
                              const std::string& body, const std::string& loadedOn, const std::string& user);
    void updatePackageEdition(const std::string& id, const std::string& body, const std::string& loadedOn,
                              const std::string& user);

    // Contracts.
    std::optional<model::Contract> contract(const std::string& id);
    void insert(const model::Contract& c, const std::string& user);
    void update(const model::Contract& c, const std::string& user);
    // Every contract of a resident, newest start first.
    std::vector<model::Contract> contractsOf(const std::string& residentId);
    // Signed or renewed contracts of residents in `scope` (a division prefix) whose term
    // meets [from, to]; `teamId` non-empty limits to one team.
    std::vector<model::Contract> standing(const std::string& scope, const std::string& teamId, const Date& from,
                                          const Date& to, const StandingFilter& filter = {});
    // Every contract of one household signing.
    std::vector<model::Contract> ofSigning(const std::string& signingId);

    // Service entries.
    void insert(const model::ServiceEntry& s, const std::string& user);
    std::optional<model::ServiceEntry> serviceEntry(const std::string& id);
    std::vector<model::ServiceEntry> serviceEntriesOf(const std::string& residentId);
    std::string serviceSupersededBy(const std::string& id);

    // Priority tags.
    std::vector<model::PriorityTag> tagsOf(const std::string& residentId);
    void insert(const model::PriorityTag& t, const std::string& user);
    void update(const model::PriorityTag& t, const std::string& user);
    // Active tags of residents in `scope`: resident id → tag codes.
    std::unordered_map<std::string, std::vector<std::string>> tagsIn(const std::string& scope);

    // Records of one resident dated in [from, to] that may deliver package items.
    std::vector<DeliveryRecord> deliveries(const std::string& residentId, const Date& from, const Date& to);
    // The same for the residents of `scope` who hold a signed or renewed contract on
    // `standingOn`, added to `out` by resident, each resident's oldest first.
    void deliveriesIn(const std::string& scope, const Date& from, const Date& to, const Date& standingOn,
                      std::unordered_map<std::string, std::vector<DeliveryRecord>>& out,
                      const StandingFilter& filter = {});

    // Active residents of `scope` (not merged), for coverage.
    std::vector<ResidentFacts> residentsIn(const std::string& scope);
    // Those of them holding a signed or renewed contract on `day`.
    std::vector<ResidentFacts> contractedIn(const std::string& scope, const Date& day,
                                            const StandingFilter& filter = {});
    // The residents of `scope` holding a contract in force on `day` (ids only: indicators).
    std::unordered_set<std::string> contractedIds(const std::string& scope, const Date& day);
    // Active programme enrolments of residents in `scope`: resident id → programme codes.
    std::unordered_map<std::string, std::vector<std::string>> programmesIn(const std::string& scope);

private:
    Database& m_db;
};

}  // namespace jiayi::store
