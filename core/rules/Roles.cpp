#include "core/rules/Roles.h"

#include "core/util/I18n.h"

namespace jiayi::rules {
namespace {

struct RoleRow {
    Role role;
    const char* code;
    const char* name;
};
constexpr RoleRow kRoles[] = {
    {Role::VillageDoctor, "village_doctor", N_("Village doctor")},
    {Role::TownshipDoctor, "township_doctor", N_("Township doctor")},
    {Role::Nurse, "nurse", N_("Nurse")},
    {Role::PublicHealth, "public_health", N_("Public-health staff")},
    {Role::Supervisor, "supervisor", N_("Supervisor")},
    {Role::Administrator, "administrator", N_("Administrator")},
};

struct RightRow {
    Right right;
    const char* code;
    const char* name;
    // Village doctor, township doctor, nurse, public health, supervisor, administrator.
    bool granted[6];
};
// docs/security.md, "Roles and rights" shows this table; a change here changes it there.
// Severe mental illness: the responsible team (village and township doctors) and the
// township's public-health staff who run the programme, and supervisors. Supervisors read
// and review, never sign or edit. Administrators manage users and the site, and open no
// clinical record.
constexpr RightRow kRights[] = {
    {Right::ReadRecords, "read_records", N_("open residents' records"), {true, true, true, true, true, false}},
    {Right::EditRecords, "edit_records", N_("register and edit residents"), {true, true, true, true, false, false}},
    {Right::ReadMentalIllness, "read_mental_illness", N_("open severe mental illness records"),
     {true, true, false, true, true, false}},
    {Right::SignClinical, "sign_clinical", N_("sign follow-ups, checks and referrals"),
     {true, true, true, true, false, false}},
    {Right::ReviewQuality, "review_quality", N_("review the quality of follow-up work"),
     {false, true, false, true, true, false}},
    {Right::ManageUsers, "manage_users", N_("manage users"), {false, false, false, false, false, true}},
    {Right::ManageSite, "manage_site", N_("manage the clinic's settings, sync and backups"),
     {false, false, false, false, false, true}},
    // contracts.md: teams are set up at the township hospital (the doctors who lead them, its
    // public-health office) or by the administrator; who signs is decided by team
    // membership, checked by services::Contracts.
    {Right::ManageTeams, "manage_teams", N_("set up family-doctor teams and service packages"),
     {false, true, false, true, false, true}},
};

}  // namespace

std::string_view roleCode(Role role) {
    for (const auto& r : kRoles)
        if (r.role == role) return r.code;
    return {};
}

std::optional<Role> roleFromCode(std::string_view code) {
    for (const auto& r : kRoles)
        if (code == r.code) return r.role;
    return std::nullopt;
}

std::string roleName(Role role) {
    for (const auto& r : kRoles)
        if (r.role == role) return tr(r.name);
    return {};
}

std::vector<Role> allRoles() {
    std::vector<Role> out;
    for (const auto& r : kRoles) out.push_back(r.role);
    return out;
}

std::string_view rightCode(Right right) {
    for (const auto& r : kRights)
        if (r.right == right) return r.code;
    return {};
}

std::string rightName(Right right) {
    for (const auto& r : kRights)
        if (r.right == right) return tr(r.name);
    return {};
}

std::vector<Right> allRights() {
    std::vector<Right> out;
    for (const auto& r : kRights) out.push_back(r.right);
    return out;
}

bool allows(Role role, Right right) {
    for (const auto& r : kRights)
        if (r.right == right) return r.granted[static_cast<int>(role)];
    return false;
}

}  // namespace jiayi::rules
