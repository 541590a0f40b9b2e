#pragma once
// Who may do what (issue 16, docs/security.md): the roles of a site's users and the one
// table of their rights. Services ask `allows(role, right)`; the GUI and the CLI only hide
// what a role may not do, the refusal is core's.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiayi::rules {

enum class Role {
    VillageDoctor,   // 乡村医生: the records and follow-ups of their village
    TownshipDoctor,  // 乡镇卫生院医生: leads a family-doctor team, receives referrals
    Nurse,           // 护士: records, screening, checks; follow-ups of the team
    PublicHealth,    // 公共卫生人员: township public-health staff
    Supervisor,      // 质控人员: reads and reviews, never edits a clinical entry
    Administrator,   // 系统管理员: users, devices, settings; no clinical data
};

enum class Right {
    ReadRecords,        // open resident records, lists and worklists of the user's area
    EditRecords,        // register, edit, close residents and households; import
    ReadMentalIllness,  // open severe-mental-illness programme records (chronic.md, SMI)
    SignClinical,       // enrol, sign follow-ups, checks and screenings, write referrals
    ReviewQuality,      // indicators, data-quality review, audit reading (quality.md)
    ManageUsers,        // add users, reset passwords, disable accounts
    ManageSite,         // clinic settings, sync enrolment, devices, backups
    ManageTeams,        // family-doctor teams and their service packages (contracts.md)
};

// The role's code as stored ("village_doctor" …) and back.
std::string_view roleCode(Role role);
std::optional<Role> roleFromCode(std::string_view code);
// Translated name (乡村医生 …).
std::string roleName(Role role);
std::vector<Role> allRoles();
// The right's code ("read_records" …) and translated description, for refusals and docs.
std::string_view rightCode(Right right);
std::string rightName(Right right);
std::vector<Right> allRights();

// The table: whether `role` has `right`.
bool allows(Role role, Right right);

}  // namespace jiayi::rules
