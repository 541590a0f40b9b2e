#pragma once
// Service packages of the family-doctor contract (issue 17, ../shared/domain/contracts.md
// "Service packages"): data, versioned by year, from resources/contracts/packages-YEAR.json.
// Which items apply to a signed person, and which records deliver an item, are pure
// functions of that data.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules/Contracts.h"

namespace jiayi::rules::contracts {

struct PackageItem {
    std::string code, name;
    int timesPerYear = 1;
    std::vector<Group> forGroups;       // empty: every signed resident
    std::vector<std::string> countedBy;  // followup, followup:htn, followup_mode:home, health_check, …
};

struct Package {
    std::string code, name;
    bool basic = false;  // 基础包; else 个性化包
    double feeYuan = 0;
    std::vector<PackageItem> items;
    // The yearly fee in fen (分), as contracts keep money.
    std::int64_t feeFen() const { return std::llround(feeYuan * 100); }
};

struct PackageSet {
    std::string edition;  // the year
    std::vector<Package> packages;
    const Package* find(const std::string& code) const;
};

// Reads and checks a package file; ValidationError naming the package, the item and the
// field for a mistake (an unknown group, a frequency outside 1–52, a repeated code).
PackageSet loadPackages(const std::filesystem::path& file);
// The same from the file's text (`name` names it in errors).
PackageSet parsePackages(const std::string& text, const std::string& name);
// The shipped packages of `year` (resources/contracts/packages-YEAR.json).
PackageSet loadPackages(int year);

// Whether the item is due for a person in `groups` (its `for` list meets them, or is empty).
bool appliesTo(const PackageItem& item, const std::vector<Group>& groups);

// What a record is, for counting: its kind (followup, health_check, screening, referral),
// the programme of a follow-up and the follow-up's mode.
// Views of the record's own strings, for the call.
struct Delivery {
    std::string_view kind;       // followup | health_check | screening | referral | service
    std::string_view programme;  // htn, t2d, smi, tb for a follow-up
    std::string_view mode;       // clinic, home, phone for a follow-up
    std::string_view item;       // a service entry: the item it names
};
// Whether a contract of this package can be behind while in force: one of its items is due
// more than once a year (the first falls due before the end) and is not only a programme's
// follow-up (those stand on the follow-up worklist). A package of yearly items falls due at
// the contract's end.
bool canFallBehind(const Package& package);

// Whether `delivery` counts toward `item`: one of its `counted_by` matches, or it is a
// service entry recorded for that very item (issue 17: items without a record type of
// their own, e.g. a health-education session, a home visit without readings).
bool delivers(const PackageItem& item, const Delivery& delivery);

}  // namespace jiayi::rules::contracts
