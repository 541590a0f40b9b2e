#include "core/rules/Packages.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/rules/DataFile.h"
#include "core/util/Resources.h"

namespace jiayi::rules::contracts {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::set<std::string>& knownDeliveries() {
    static const std::set<std::string> known = {"followup",     "followup:htn",       "followup:t2d", "followup:smi",
                                                "followup:tb",  "followup_mode:home", "health_check", "screening",
                                                "referral"};
    return known;
}

}  // namespace

const Package* PackageSet::find(const std::string& code) const {
    for (const auto& p : packages)
        if (p.code == code) return &p;
    return nullptr;
}

PackageSet loadPackages(const std::filesystem::path& file) {
    return parseDataFile(file, tr("The package file {0} cannot be read"), parsePackages);
}

PackageSet parsePackages(const std::string& text, const std::string& name) {
    const auto root = parseDataObject(text, name);
    PackageSet set;
    set.edition = root->optValue<std::string>("edition", "");
    const auto packages = root->getArray("packages");
    if (set.edition.empty() || !packages || packages->size() == 0)
        throw ValidationError("packages", format(tr("{0} names no edition or no package"), {name}));
    std::set<std::string> packageCodes;
    for (std::size_t i = 0; i < packages->size(); ++i) {
        const auto p = packages->getObject(static_cast<unsigned>(i));
        const auto entry = codeAndName(p, i, packageCodes, "packages", tr("Package {0}: a code and a name are required"),
                                       tr("Package {0} appears twice"));
        Package package;
        package.code = entry.code;
        package.name = entry.name;
        const auto& where = entry.where;
        const auto kind = p->optValue<std::string>("kind", "");
        if (kind != "basic" && kind != "personalised")
            throw ValidationError("kind", format(tr("Package {0}: kind is basic or personalised, not \"{1}\""), {where, kind}));
        package.basic = kind == "basic";
        package.feeYuan = p->optValue<double>("fee_yuan", 0);
        if (package.feeYuan < 0)
            throw ValidationError("fee_yuan", format(tr("Package {0}: a fee cannot be negative"), {where}));
        const auto items = p->getArray("items");
        if (!items || items->size() == 0)
            throw ValidationError("items", format(tr("Package {0} has no service item"), {where}));
        std::set<std::string> itemCodes;
        for (std::size_t j = 0; j < items->size(); ++j) {
            const auto it = items->getObject(static_cast<unsigned>(j));
            PackageItem item;
            item.code = it ? it->optValue<std::string>("code", "") : "";
            item.name = it ? it->optValue<std::string>("name", "") : "";
            const auto at = where + " / " + (item.code.empty() ? "#" + std::to_string(j + 1) : item.code);
            if (item.code.empty() || item.name.empty())
                throw ValidationError("items", format(tr("Item {0}: a code and a name are required"), {at}));
            if (!itemCodes.insert(item.code).second)
                throw ValidationError("items", format(tr("Item {0} appears twice"), {at}));
            item.timesPerYear = it->optValue<int>("times_per_year", 0);
            if (item.timesPerYear < 1 || item.timesPerYear > 52)
                throw ValidationError("times_per_year",
                                      format(tr("Item {0}: times a year must be from 1 to 52"), {at}));
            if (const auto groups = it->getArray("for"))
                for (std::size_t k = 0; k < groups->size(); ++k) {
                    const auto code = groups->getElement<std::string>(static_cast<unsigned>(k));
                    const auto group = groupFromCode(code);
                    if (!group)
                        throw ValidationError("for", format(tr("Item {0}: \"{1}\" is not a priority group"), {at, code}));
                    item.forGroups.push_back(*group);
                }
            if (const auto counted = it->getArray("counted_by"))
                for (std::size_t k = 0; k < counted->size(); ++k) {
                    const auto code = counted->getElement<std::string>(static_cast<unsigned>(k));
                    if (!knownDeliveries().count(code))
                        throw ValidationError("counted_by",
                                              format(tr("Item {0}: \"{1}\" is not a kind of record"), {at, code}));
                    item.countedBy.push_back(code);
                }
            package.items.push_back(std::move(item));
        }
        set.packages.push_back(std::move(package));
    }
    if (std::none_of(set.packages.begin(), set.packages.end(), [](const Package& p) { return p.basic; }))
        throw ValidationError("packages", format(tr("{0} has no basic package"), {name}));
    return set;
}

PackageSet loadPackages(int year) {
    return loadPackages(resourcePath("contracts/packages-" + std::to_string(year) + ".json"));
}

bool appliesTo(const PackageItem& item, const std::vector<Group>& groups) {
    if (item.forGroups.empty()) return true;
    return std::any_of(item.forGroups.begin(), item.forGroups.end(),
                       [&](Group g) { return std::find(groups.begin(), groups.end(), g) != groups.end(); });
}

bool canFallBehind(const Package& package) {
    for (const auto& item : package.items) {
        if (item.timesPerYear < 2) continue;
        const bool followUpsOnly =
            !item.countedBy.empty() && std::all_of(item.countedBy.begin(), item.countedBy.end(),
                                                   [](const std::string& c) { return c.starts_with("followup:"); });
        if (!followUpsOnly) return true;
    }
    return false;
}

bool delivers(const PackageItem& item, const Delivery& d) {
    if (d.kind == "service") return d.item == item.code;
    for (const auto& c : item.countedBy) {
        if (c == d.kind) return true;
        if (d.kind != "followup") continue;
        // followup:<programme> and followup_mode:<mode>
        const std::string_view code = c;
        if (code.starts_with("followup:") && code.substr(9) == d.programme) return true;
        if (code.starts_with("followup_mode:") && code.substr(14) == d.mode) return true;
    }
    return false;
}

}  // namespace jiayi::rules::contracts
