#pragma once
// Family-doctor contracts (家庭医生签约, ../shared/domain/contracts.md; issue 17): care
// teams with their members and villages, each resident's contract with its packages, the
// service entries that record package items no other record type covers, and the priority
// tags set by hand. All replicate; a team and its members lie in their township (a division
// wider than a village), a contract and a service entry in the resident's village.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::model {

struct CareTeam {
    std::string id;  // UUIDv7
    std::string division;     // the township (or wider) it belongs to: its replication scope
    std::string name;         // 王家庄家庭医生团队
    std::string institution;  // 乡镇卫生院 that leads it
    std::vector<std::string> villages;  // 12-digit codes of the villages it serves
    std::string lead;         // login of the family doctor who leads it
    std::string status = "active";  // active, dissolved
    std::optional<Date> createdOn;
    std::string createdBy;
};

struct TeamMember {
    std::string id;
    std::string teamId;
    std::string division;  // the team's (scope)
    std::string login;
    std::string role;      // doctor (家庭医生), village_doctor (乡村医生), nurse (护士), other
    bool active = true;
    std::optional<Date> joinedOn;
    std::optional<Date> leftOn;
};

struct Contract {
    std::string id;
    std::string residentId;
    std::string villageCode;  // the resident's village (replication scope)
    std::string householdId;  // the household it was signed with, if signed together
    std::string signingId;    // shared by the contracts of one household signing
    std::string teamId;
    std::string doctor;       // login of the responsible doctor
    std::string edition;      // the package edition (year) its packages come from
    std::vector<std::string> packages;  // package codes
    std::string state = "pending";  // rules::contracts::State codes
    std::int64_t stateEpoch = 0;
    std::optional<Date> signedOn;
    std::optional<Date> startOn, endOn;
    int termYears = 1;
    std::int64_t feeFen = 0;        // the whole fee, in fen (分)
    std::int64_t insuranceFen = 0;  // covered by insurance / public funds
    std::int64_t residentFen = 0;   // the resident's share
    bool agreementSigned = false;   // 协议书已阅读签字
    std::string signedFor;          // who signed for the resident (relation and name); "" = in person
    std::string renews;             // the contract this one renews
    std::string preparedBy, signedBy;
    std::string signedAt;           // when it was signed (timestamp), the order of two signings
    std::optional<Date> endedOn;    // termination: the last day in force
    std::string endReason;          // rules::contracts::EndReason codes
    std::string endNote;
    std::string endedBy;
    std::string createdAt;
};

// A package item delivered without a record type of its own (a health-education session,
// a home visit without readings, …): what, when, how, by whom. Append-only like other
// clinical events; a correction is a new version naming the one it replaces.
struct ServiceEntry {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::string item;  // the package item's code it delivers
    std::optional<Date> serviceDate;
    std::string mode;  // clinic, home, phone
    std::string note;
    std::string doctor;
    std::string signedAt;
    int version = 1;
    std::string supersedes;
    std::string correctionReason;
};

// A priority group set by hand (contracts.md "Priority groups": disability when the record
// does not say it, low income, 计生特殊家庭, 低保, 特困). Removing one clears `active`.
struct PriorityTag {
    std::string id;
    std::string residentId;
    std::string villageCode;
    std::string tag;  // rules::contracts::Group code
    bool active = true;
    std::optional<Date> setOn;
    std::string setBy;
};

}  // namespace jiayi::model
