#pragma once
// Family-doctor contracts (家庭医生签约, ../shared/domain/contracts.md; issue 17): teams and
// their members, service packages by edition, signing a resident or a household, renewal,
// 重签 with another team, termination (by hand, or with a death or move-away in the same
// transaction), delivery that counts itself from the records (履约), service entries for
// items without a record type of their own, priority groups and coverage (应签尽签), and
// the review of two contracts signed offline at two sites.
#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/Contract.h"
#include "core/print/Document.h"
#include "core/rules/Contracts.h"
#include "core/rules/Packages.h"
#include "core/services/Session.h"
#include "core/store/ContractRepository.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

struct TeamView {
    model::CareTeam team;
    std::vector<model::TeamMember> members;  // active first
    std::string leadName;
    bool signs(const std::string& login) const;  // an active doctor or village doctor (or the lead)
};

// What a signing asks for; the service fills ids, dates left empty and the fee.
struct ContractDraft {
    std::string residentId;
    std::string teamId;
    std::string doctor;                 // responsible doctor (login); "" = the signing doctor
    std::vector<std::string> packages;  // codes; the basic package is always included
    std::optional<Date> signedOn;       // "" = today
    std::optional<Date> startOn;        // "" = the signing day
    int termYears = 1;
    std::optional<Date> endOn;          // "" = the term's end; earlier to end sooner
    std::optional<std::int64_t> insuranceFen;  // "" = the whole fee is the resident's share
    bool agreementSigned = false;
    std::string signedFor;              // who signed for the resident, "" = in person
    // 重签: the contract in force with another team that this signing ends (contracts.md
    // "Conventions": without this choice a second contract is refused).
    std::string replaces;
    std::string renews;  // set by Contracts::renew: the contract this one follows
};

struct ContractView {
    model::Contract contract;
    std::string effectiveState;  // pending, signed, renewed, terminated, expired, review
    std::string teamName;
    std::string doctorName;
    std::string residentName, archiveNo;
    std::vector<std::string> packageNames;  // of contract.packages, as the edition names them
    bool renewalDue = false;
    // Another contract of the resident, signed earlier elsewhere, stands where this one
    // would (two sites signed offline): this one waits for review.
    std::string standingInstead;
};

struct ItemDelivery {
    std::string package, packageName, item, itemName;
    rules::contracts::ItemProgress progress;
    std::vector<store::DeliveryRecord> records;  // the records that delivered it, oldest first
    bool byFollowUpsOnly = false;  // only a programme's follow-ups deliver it (the worklist lists those)
};

struct DeliveryStatus {
    std::string contractId;
    model::Contract contract;
    Date day;
    std::vector<rules::contracts::Group> groups;  // the resident's on `day`
    std::vector<ItemDelivery> items;               // the items that apply to the resident
    int dueSoFar = 0, delivered = 0;               // 履约率 = delivered / dueSoFar
    int overdueItems = 0;
};

// Two contracts in force for one resident at once (signed offline at two sites).
struct ReviewCase {
    ContractView standing;  // signed first: it stands
    ContractView waiting;   // kept for review
};

struct CoverageCount {
    int people = 0;
    int signedPeople = 0;
};

// 应签尽签 for an area or a team's villages on a day.
struct Coverage {
    Date day;
    CoverageCount all, priority;
    std::map<rules::contracts::Group, CoverageCount> byGroup;
    std::map<std::string, std::pair<CoverageCount, CoverageCount>> byVillage;  // village → (all, priority)
    struct Person {
        std::string residentId, name, archiveNo, villageCode, phone;
        int age = 0;
        std::vector<rules::contracts::Group> groups;
    };
    std::vector<Person> prioritySigned, priorityUnsigned;
    std::vector<ContractView> endingSoon;           // renewal due (within 30 days of the end)
    std::vector<ContractView> withOverdueItems;     // contracts with an item overdue
    std::vector<ReviewCase> review;                 // two contracts at once
    std::map<std::string, int> signedByDoctor;      // login → signed residents
    std::vector<std::string> doctorsPastLimit;      // past 2,000 (a warning)
    int dueSoFar = 0, delivered = 0;                // 履约率 over the contracts
    int contracts = 0;                              // standing contracts counted
};

// What signing `draft` would give, as a signing form shows it while it is filled in: the
// contract as it would be stored (fee, shares, end date, packages with the basic one), or
// every reason it would be refused, by the same checks that signing runs.
struct ContractPreview {
    std::optional<model::Contract> contract;
    std::vector<FieldError> errors;  // field "" for a refusal that is not a field's (rights, the contract in force)
};

class Contracts {
public:
    Contracts(store::Database& db, Session session);

    // Teams (right manage_teams). A team has a lead who is a doctor and at least one nurse.
    TeamView createTeam(model::CareTeam team, std::vector<model::TeamMember> members);
    TeamView addMember(const std::string& teamId, const std::string& login, const std::string& role);
    TeamView removeMember(const std::string& teamId, const std::string& login);
    TeamView setVillages(const std::string& teamId, const std::vector<std::string>& villages);
    TeamView team(const std::string& idOrName);
    std::vector<TeamView> teams();
    // The teams serving a village.
    std::vector<TeamView> teamsServing(const std::string& villageCode);

    // Packages: the edition the administrator loaded for the village's area, else the
    // shipped one of that year.
    rules::contracts::PackageSet packages(const std::string& edition, const std::string& villageCode);
    // The packages a contract starting on `start` in the village signs under.
    rules::contracts::PackageSet packagesFor(const Date& start, const std::string& villageCode);
    // Loads an edited package file for the site's area (right manage_teams); checked first.
    std::string loadPackages(const std::string& fileText);

    // Contracts. `prepare` makes a pending contract (a nurse may); `sign` signs at once
    // (a doctor of the team); `signPending` signs a prepared one.
    ContractView prepare(const ContractDraft& draft);
    ContractView sign(const ContractDraft& draft);
    // Many signings in one transaction, all or nothing (demo data, bulk loads).
    std::vector<ContractView> signAll(const std::vector<ContractDraft>& drafts);
    ContractView signPending(const std::string& id, bool agreementSigned, const std::string& signedFor);
    // The signing of `draft` tried and rolled back (`signNow` false: preparing).
    ContractPreview preview(const ContractDraft& draft, bool signNow);
    // A household in one go: one contract per current member (all or nothing); `members`
    // empty = every current member with an active record.
    std::vector<ContractView> signHousehold(const std::string& householdId, const ContractDraft& draft,
                                            const std::vector<std::string>& members = {}, bool prepareOnly = false);
    // Renews for another term from the day after the end; the old contract becomes renewed.
    ContractView renew(const std::string& id, const std::vector<std::string>& packages = {},
                       std::optional<Date> signedOn = std::nullopt);
    ContractView terminate(const std::string& id, rules::contracts::EndReason reason, std::optional<Date> on,
                           const std::string& note);
    // Two contracts at once: keep `keepId`; every other contract of the resident in force
    // at the same time ends (other, with a note), never having been in force.
    ContractView resolveReview(const std::string& keepId, const std::string& note = {});

    // Called by the registry in its transaction: a death or move-away of the record ends
    // every contract of the resident, dated by the death or move (contracts.md).
    static void endForClosedRecord(store::Database& db, const std::string& residentId,
                                   rules::contracts::EndReason reason, const Date& on, const std::string& user);

    ContractView view(const std::string& id);
    // The agreement (协议书) of a contract, to print or to write as PDF: the resident, the
    // team, the term, the packages with their items and fee, the terms, signature lines.
    print::Document agreement(const std::string& id);
    std::vector<ContractView> ofResident(const std::string& residentId);
    // The contract covering the resident on `day` (the standing one), if any.
    std::optional<ContractView> current(const std::string& residentId, const Date& day);

    // Delivery (履约) of one contract on `day`, with the records that delivered each item.
    DeliveryStatus delivery(const std::string& contractId, const Date& day);
    // Every standing contract of an area (or of one team) on `day`; `links` false leaves out
    // each item's records (a list counts, it does not show them).
    std::vector<DeliveryStatus> deliveryIn(const std::string& scope, const std::string& teamId, const Date& day,
                                           bool links = true);
    // What the worklist lists: the delivery of the standing contracts of an area that can be
    // behind on `day` (a package with items due before the end) or whose end is within the
    // renewal reminder (rules::contracts::canFallBehind); without links.
    std::vector<DeliveryStatus> behindOrEnding(const std::string& scope, const Date& day);

    // A service entry (an item without a record type of its own); a correction supersedes.
    model::ServiceEntry recordService(model::ServiceEntry entry);
    // Many in one transaction, all or nothing (demo data).
    void recordServices(std::vector<model::ServiceEntry> entries);
    std::vector<model::ServiceEntry> servicesOf(const std::string& residentId);

    // Priority groups: detected from the record on `day`, plus the tags set by hand.
    static std::vector<rules::contracts::Group> groupsFrom(const store::ResidentFacts& facts,
                                                           const std::vector<std::string>& programmes,
                                                           const std::vector<std::string>& tags, const Date& day);
    std::vector<rules::contracts::Group> groupsOf(const std::string& residentId, const Date& day);
    void setTag(const std::string& residentId, rules::contracts::Group group, bool on);

    // Coverage of an area, or of a team's villages and contracts (teamId non-empty).
    Coverage coverage(const std::string& scope, const std::string& teamId, const Date& day);
    // Contracts kept for review in an area.
    std::vector<ReviewCase> inReview(const std::string& scope, const Date& day);

    void setToday(Date today) { m_today = today; }

private:
    // What the lists of an area need, read in one go.
    struct AreaData {
        std::vector<model::Contract> contracts;  // signed or renewed, in force on the day, by resident
        std::unordered_map<std::string, store::ResidentFacts> facts;
        std::unordered_map<std::string, std::vector<std::string>> programmes, tags;
        std::unordered_map<std::string, std::vector<store::DeliveryRecord>> records;
    };
    // The division prefixes a list covers: a team's villages, else the area, within the user's.
    std::vector<std::string> areaScopes(const std::string& scope, const std::string& teamId);
    // `everyone`: every active resident (coverage), else only those holding a contract.
    AreaData loadArea(const std::vector<std::string>& scopes, const Date& day, bool everyone,
                      const store::StandingFilter& filter = {});
    std::vector<rules::contracts::Group> groupsIn(const AreaData& area, const store::ResidentFacts& facts,
                                                  const Date& day) const;
    std::vector<DeliveryStatus> deliveryFrom(const AreaData& area, const std::string& teamId, const Date& day,
                                             bool links);
    Date today() const;
    ContractView makeView(model::Contract c, const std::vector<model::Contract>* siblings = nullptr);
    // The contract's packages as its edition names them (the codes when the edition is unknown here).
    std::vector<std::string> packageNamesOf(const model::Contract& c);
    model::ServiceEntry recordInTransaction(model::ServiceEntry entry);
    ContractView signInTransaction(const ContractDraft& draft, bool signNow, const std::string& signingId,
                                   const std::string& householdId);
    void requireSigner(const TeamView& team) const;
    // Rights checks that leave an audit entry of a refusal, but not while previewing.
    void requireRight(rules::Right right) const;
    void requireArea(const std::string& villageCode) const;
    // `links`: keep each item's delivering records (a contract's page); lists only count.
    DeliveryStatus computeDelivery(const model::Contract& c, const std::vector<rules::contracts::Group>& groups,
                                   const std::vector<store::DeliveryRecord>& records, const Date& day,
                                   bool links = true);
    const rules::contracts::PackageSet& packagesCached(const std::string& edition, const std::string& villageCode);

    store::Database& m_db;
    Session m_session;
    std::optional<Date> m_today;
    bool m_quiet = false;  // previewing: refusals are not audited
    std::map<std::string, rules::contracts::PackageSet> m_packageCache;  // edition + body → set
    std::map<std::string, const rules::contracts::PackageSet*> m_packagesOfPlace;  // edition + village → set
};

// Translated names for lists and printouts.
std::string contractStateName(const std::string& state);
std::string endReasonName(const std::string& reason);
std::string groupName(rules::contracts::Group group);
// The groups' names as a list (65岁及以上老年人、高血压), "" for none.
std::string groupNames(const std::vector<rules::contracts::Group>& groups);
std::string teamRoleName(const std::string& role);
// "done", "due", … translated, for the delivery of an item.
std::string itemStatusName(rules::contracts::ItemStatus status);
// Fen as yuan with two decimals: 6000 → "60.00".
std::string yuanText(std::int64_t fen);

// A stored contract's term for the rules (its start, end, state and termination).
rules::contracts::Term contractTerm(const model::Contract& contract);
// A signed (not yet renewed) contract within 30 days of its end on `day`.
bool renewalDueOn(const model::Contract& contract, const Date& day);

}  // namespace jiayi::services
