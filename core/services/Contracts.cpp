#include "core/services/Contracts.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <unordered_map>

#include "core/rules/CodeLists.h"
#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/services/Guard.h"
#include "core/store/AccountRepository.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"
#include "core/store/HouseholdRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"
#include "core/util/Resources.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace cr = rules::contracts;
using model::Contract;
using rules::contracts::EndReason;
using rules::contracts::Group;
using rules::contracts::State;

std::string contractStateName(const std::string& state) {
    if (state == "pending") return tr("Pending signature");
    if (state == "signed") return tr("Signed");
    if (state == "renewed") return tr("Renewed");
    if (state == "terminated") return tr("Terminated");
    if (state == "expired") return tr("Expired");
    if (state == "review") return tr("Under review (signed twice)");
    return state;
}

std::string endReasonName(const std::string& reason) {
    if (reason == "lost") return tr("Lost to follow-up");
    if (reason == "moved") return tr("Moved away");
    if (reason == "dead") return tr("Died");
    if (reason == "refused") return tr("Refused by the resident");
    if (reason == "resigned") return tr("Signed with another team");
    if (reason == "other") return tr("Other reason");
    return reason;
}

std::string groupName(Group g) {
    switch (g) {
        case Group::Elderly65: return tr("Aged 65 and over");
        case Group::Child0to6: return tr("Child aged 0-6");
        case Group::Pregnant: return tr("Pregnant or postpartum");
        case Group::Hypertension: return tr("Hypertension");
        case Group::Diabetes: return tr("Type 2 diabetes");
        case Group::Tuberculosis: return tr("Tuberculosis");
        case Group::MentalIllness: return tr("Severe mental illness");
        case Group::Disabled: return tr("Disabled");
        case Group::LowIncome: return tr("Low-income or registered poor");
        case Group::FamilyPlanning: return tr("Family-planning special family");
        case Group::Dibao: return tr("Minimum living allowance (dibao)");
        case Group::Tekun: return tr("Extreme hardship (tekun)");
    }
    return {};
}

std::string groupNames(const std::vector<Group>& groups) {
    std::string out;
    for (const auto g : groups) out += (out.empty() ? "" : "、") + groupName(g);
    return out;
}

std::string teamRoleName(const std::string& role) {
    if (role == "doctor") return tr("Family doctor");
    if (role == "village_doctor") return tr("Village doctor");
    if (role == "nurse") return tr("Nurse");
    if (role == "other") return tr("Other member");
    return role;
}

std::string itemStatusName(cr::ItemStatus s) {
    switch (s) {
        case cr::ItemStatus::Done: return tr("done");
        case cr::ItemStatus::Due: return tr("due");
        case cr::ItemStatus::Overdue: return tr("overdue");
        case cr::ItemStatus::Ended: return tr("ended");
    }
    return {};
}

std::string yuanText(std::int64_t fen) {
    return std::to_string(fen / 100) + "." + std::to_string(100 + fen % 100).substr(1);
}

cr::Term contractTerm(const Contract& c) {
    cr::Term t;
    t.start = c.startOn.value_or(Date{});
    t.end = c.endOn.value_or(t.start);
    t.state = cr::stateFromCode(c.state).value_or(State::Pending);
    t.terminatedOn = c.endedOn;
    return t;
}

bool renewalDueOn(const Contract& c, const Date& day) { return c.state == "signed" && cr::renewalDue(contractTerm(c), day); }

bool TeamView::signs(const std::string& login) const {
    if (team.status != "active") return false;
    if (team.lead == login) return true;
    for (const auto& m : members)
        if (m.active && m.login == login && (m.role == "doctor" || m.role == "village_doctor")) return true;
    return false;
}

namespace {

constexpr int kMaxTermYears = 3;
const char* const kTeamRoles[] = {"doctor", "village_doctor", "nurse", "other"};

using rules::trimmed;

// A free text of a form: trimmed, valid text, at most `max` characters (input hygiene).
std::string checkedText(const char* field, const std::string& value, std::size_t max) {
    auto text = trimmed(value);
    rules::Checker check(today());
    check.length(field, text, max);
    if (!check.errors().empty()) throw ValidationError(check.take());
    return text;
}

bool standingState(const std::string& s) { return s == "signed" || s == "renewed"; }

// The last day the contract is (or was) in force; before the start when it never was.
Date lastDay(const Contract& c) {
    const auto end = c.endOn.value_or(Date{});
    return c.endedOn && *c.endedOn < end ? *c.endedOn : end;
}

// Two standing contracts of one resident whose days in force meet.
bool overlap(const Contract& a, const Contract& b) {
    if (!standingState(a.state) || !standingState(b.state) || !a.startOn || !b.startOn) return false;
    return *a.startOn <= lastDay(b) && *b.startOn <= lastDay(a) && *a.startOn <= lastDay(a) &&
           *b.startOn <= lastDay(b);
}

// Of two contracts signed at once (offline at two sites) the one signed first stands; the
// signing time, then the id, decide the same way at every site.
bool signedBefore(const Contract& a, const Contract& b) {
    return std::tie(a.signedAt, a.id) < std::tie(b.signedAt, b.id);
}

// The contract that stands instead of `c`, "" when `c` stands (or is not standing at all).
std::string standingInstead(const Contract& c, const std::vector<Contract>& siblings) {
    std::string out;
    const Contract* best = nullptr;
    for (const auto& o : siblings) {
        if (o.id == c.id || !overlap(c, o) || !signedBefore(o, c)) continue;
        if (!best || signedBefore(o, *best)) best = &o;
    }
    if (best) out = best->id;
    return out;
}

}  // namespace

Contracts::Contracts(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

Date Contracts::today() const { return m_today ? *m_today : jiayi::today(); }

// ---------------------------------------------------------------------------------------
// Teams

namespace {

TeamView loadTeam(store::Database& db, const model::CareTeam& t) {
    TeamView v;
    v.team = t;
    v.members = store::ContractRepository(db).members(t.id);
    v.leadName = store::displayName(db, t.lead);
    return v;
}

}  // namespace

TeamView Contracts::team(const std::string& idOrName) {
    if (!m_session.can(rules::Right::ManageTeams)) Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::ContractRepository repo(m_db);
    if (auto t = repo.team(idOrName)) return loadTeam(m_db, *t);
    for (const auto& t : repo.teams(store::areaScope(m_db)))
        if (t.name == idOrName) return loadTeam(m_db, t);
    throw NotFoundError(format(tr("No family-doctor team {0}"), {idOrName}));
}

std::vector<TeamView> Contracts::teams() {
    if (!m_session.can(rules::Right::ManageTeams)) Guard(m_db, m_session).require(rules::Right::ReadRecords);
    std::vector<TeamView> out;
    for (const auto& t : store::ContractRepository(m_db).teams(store::areaScope(m_db))) out.push_back(loadTeam(m_db, t));
    return out;
}

std::vector<TeamView> Contracts::teamsServing(const std::string& villageCode) {
    std::vector<TeamView> out;
    for (auto& v : teams())
        if (v.team.status == "active" &&
            std::find(v.team.villages.begin(), v.team.villages.end(), villageCode) != v.team.villages.end())
            out.push_back(std::move(v));
    return out;
}

namespace {

// A member's login names an account of a fitting role once the site has accounts.
void checkMember(store::Database& db, const std::string& login, const std::string& role, const std::string& field) {
    if (login.empty()) throw ValidationError(field, tr("Required: the member's login"));
    if (std::find(std::begin(kTeamRoles), std::end(kTeamRoles), role) == std::end(kTeamRoles))
        throw ValidationError(field, format(tr("\"{0}\" is not a team role (doctor, village_doctor, nurse, other)"),
                                            {role}));
    store::AccountRepository accounts(db);
    if (accounts.count() == 0) return;
    const auto user = accounts.byLogin(login);
    if (!user || user->disabled)
        throw ValidationError(field, format(tr("{0} is not a user of this site"), {login}));
    const bool doctor = user->role == rules::Role::TownshipDoctor || user->role == rules::Role::VillageDoctor;
    if ((role == "doctor" || role == "village_doctor") && !doctor)
        throw ValidationError(field, format(tr("{0} is a {1}: only a township or village doctor can be a team's doctor"),
                                            {login, rules::roleName(user->role)}));
}

}  // namespace

TeamView Contracts::createTeam(model::CareTeam team, std::vector<model::TeamMember> members) {
    Guard(m_db, m_session).require(rules::Right::ManageTeams);
    team.name = checkedText("name", team.name, 50);
    team.institution = checkedText("institution", team.institution, 100);
    if (team.name.empty()) throw ValidationError("name", tr("Required: the team's name"));
    if (team.lead.empty()) throw ValidationError("lead", tr("Required: the family doctor who leads the team"));
    checkMember(m_db, team.lead, "doctor", "lead");
    store::ContractRepository repo(m_db);
    const auto area = store::areaScope(m_db);
    for (const auto& other : repo.teams(area))
        if (other.name == team.name && other.status == "active")
            throw ConflictError(format(tr("A team named {0} exists already"), {team.name}));
    // contracts.md: a team has at least one nurse.
    bool nurse = false;
    std::set<std::string> logins{team.lead};
    for (const auto& m : members) {
        checkMember(m_db, m.login, m.role, "members");
        if (m.login != team.lead && !logins.insert(m.login).second)
            throw ValidationError("members", format(tr("{0} is listed twice"), {m.login}));
        nurse = nurse || m.role == "nurse";
    }
    if (!nurse) throw ValidationError("members", tr("A team needs at least one nurse"));
    store::DivisionRepository divisions(m_db);
    for (const auto& v : team.villages) {
        const auto d = divisions.get(v);
        if (!d || d->level != rules::Division::Level::Village)
            throw ValidationError("villages", format(tr("{0} is not a village in the division list"), {v}));
        if (!area.empty() && v.compare(0, area.size(), area) != 0)
            throw ValidationError("villages", format(tr("{0} is outside this site's area"), {d->name}));
    }
    team.id = newUuidV7();
    // The team lies in the site's area (a township hospital's: the township), so that it
    // reaches every site there and no site writes outside its scope; a site without an area
    // places it in the township of its villages.
    team.division = area;
    if (team.division.empty() && !team.villages.empty()) team.division = team.villages.front().substr(0, 9);
    team.status = "active";
    team.createdOn = today();
    team.createdBy = m_session.login;
    store::Transaction tx(m_db);
    repo.insert(team, m_session.login);
    bool leadListed = false;
    for (auto& m : members) {
        m.id = newUuidV7();
        m.teamId = team.id;
        m.division = team.division;
        m.active = true;
        if (!m.joinedOn) m.joinedOn = today();
        leadListed = leadListed || m.login == team.lead;
        repo.insert(m, m_session.login);
    }
    if (!leadListed) {
        model::TeamMember lead{newUuidV7(), team.id, team.division, team.lead, "doctor", true, today(), std::nullopt};
        repo.insert(lead, m_session.login);
    }
    tx.commit();
    return loadTeam(m_db, team);
}

TeamView Contracts::addMember(const std::string& teamId, const std::string& login, const std::string& role) {
    Guard(m_db, m_session).require(rules::Right::ManageTeams);
    auto v = team(teamId);
    checkMember(m_db, login, role, "login");
    for (const auto& m : v.members)
        if (m.active && m.login == login)
            throw ConflictError(format(tr("{0} is already a member of {1}"), {login, v.team.name}));
    store::Transaction tx(m_db);
    model::TeamMember m{newUuidV7(), v.team.id, v.team.division, login, role, true, today(), std::nullopt};
    store::ContractRepository(m_db).insert(m, m_session.login);
    tx.commit();
    return loadTeam(m_db, v.team);
}

TeamView Contracts::removeMember(const std::string& teamId, const std::string& login) {
    Guard(m_db, m_session).require(rules::Right::ManageTeams);
    auto v = team(teamId);
    if (login == v.team.lead)
        throw ConflictError(format(tr("{0} leads {1}: name another lead first"), {login, v.team.name}));
    auto found = std::find_if(v.members.begin(), v.members.end(),
                              [&](const model::TeamMember& m) { return m.active && m.login == login; });
    if (found == v.members.end()) throw NotFoundError(format(tr("{0} is not a member of {1}"), {login, v.team.name}));
    const auto nurses = std::count_if(v.members.begin(), v.members.end(),
                                      [](const model::TeamMember& m) { return m.active && m.role == "nurse"; });
    if (found->role == "nurse" && nurses <= 1)
        throw ConflictError(format(tr("{0} is the only nurse of {1}: a team needs at least one nurse"),
                                   {login, v.team.name}));
    store::Transaction tx(m_db);
    found->active = false;
    found->leftOn = today();
    store::ContractRepository(m_db).update(*found, m_session.login);
    tx.commit();
    return loadTeam(m_db, v.team);
}

TeamView Contracts::setVillages(const std::string& teamId, const std::vector<std::string>& villages) {
    Guard(m_db, m_session).require(rules::Right::ManageTeams);
    auto v = team(teamId);
    store::DivisionRepository divisions(m_db);
    for (const auto& code : villages) {
        const auto d = divisions.get(code);
        if (!d || d->level != rules::Division::Level::Village)
            throw ValidationError("villages", format(tr("{0} is not a village in the division list"), {code}));
    }
    store::Transaction tx(m_db);
    v.team.villages = villages;
    store::ContractRepository(m_db).update(v.team, m_session.login);
    tx.commit();
    return loadTeam(m_db, v.team);
}

// ---------------------------------------------------------------------------------------
// Packages

const cr::PackageSet& Contracts::packagesCached(const std::string& edition, const std::string& villageCode) {
    // Looked up once per edition and village for the life of this service object (a list of
    // 20,000 contracts asks for the same few); loadPackages starts afresh.
    const auto placeKey = edition + "\n" + villageCode;
    if (const auto known = m_packagesOfPlace.find(placeKey); known != m_packagesOfPlace.end()) return *known->second;
    store::ContractRepository repo(m_db);
    const auto body = repo.packageBody(edition, villageCode);
    const auto key = edition + "\n" + body.value_or("");
    auto found = m_packageCache.find(key);
    if (found != m_packageCache.end()) {
        m_packagesOfPlace[placeKey] = &found->second;
        return found->second;
    }
    cr::PackageSet set;
    if (body) {
        set = cr::parsePackages(*body, format(tr("the packages of {0}"), {edition}));
    } else {
        int year = 0;
        try {
            year = std::stoi(edition);
        } catch (const std::exception&) {
            throw NotFoundError(format(tr("No service packages of edition {0}"), {edition}));
        }
        set = cr::loadPackages(year);
    }
    auto& stored = m_packageCache.emplace(key, std::move(set)).first->second;
    m_packagesOfPlace[placeKey] = &stored;
    return stored;
}

cr::PackageSet Contracts::packages(const std::string& edition, const std::string& villageCode) {
    return packagesCached(edition, villageCode);
}

namespace {

// The edition a contract starting on `start` signs under: that year's, when one exists
// (loaded or shipped), else the latest before it.
std::string editionFor(store::Database& db, const Date& start, const std::string& village) {
    store::ContractRepository repo(db);
    for (int year = static_cast<int>(start.year()); year >= 2026; --year) {
        const auto edition = std::to_string(year);
        if (repo.packageBody(edition, village)) return edition;
        try {
            resourcePath("contracts/packages-" + edition + ".json");
            return edition;
        } catch (const StorageError&) {
            // not shipped: an earlier edition
        }
    }
    return "2026";
}

}  // namespace

cr::PackageSet Contracts::packagesFor(const Date& start, const std::string& villageCode) {
    return packagesCached(editionFor(m_db, start, villageCode), villageCode);
}

std::string Contracts::loadPackages(const std::string& fileText) {
    Guard(m_db, m_session).require(rules::Right::ManageTeams);
    const auto set = cr::parsePackages(fileText, tr("the package file"));
    const auto area = store::areaScope(m_db);
    store::ContractRepository repo(m_db);
    store::Transaction tx(m_db);
    if (auto id = repo.packageEditionId(set.edition, area))
        repo.updatePackageEdition(*id, fileText, timestampNow(), m_session.login);
    else
        repo.insertPackageEdition(newUuidV7(), area, set.edition, fileText, timestampNow(), m_session.login);
    tx.commit();
    m_packagesOfPlace.clear();
    m_packageCache.clear();
    return set.edition;
}

// ---------------------------------------------------------------------------------------
// Contracts

std::vector<std::string> Contracts::packageNamesOf(const Contract& c) {
    std::vector<std::string> names;
    try {
        const auto& set = packagesCached(c.edition, c.villageCode);
        for (const auto& code : c.packages) {
            const auto* p = set.find(code);
            names.push_back(p ? p->name : code);
        }
    } catch (const std::exception&) {
        names = c.packages;  // an edition this site does not hold: its codes
    }
    return names;
}

ContractView Contracts::makeView(Contract c, const std::vector<Contract>* siblings) {
    ContractView v;
    store::ContractRepository repo(m_db);
    std::vector<Contract> own;
    if (!siblings) {
        own = repo.contractsOf(c.residentId);
        siblings = &own;
    }
    v.standingInstead = standingState(c.state) ? standingInstead(c, *siblings) : std::string();
    const auto term = contractTerm(c);
    const auto day = today();
    v.effectiveState = c.state;
    if (!v.standingInstead.empty()) v.effectiveState = "review";
    else if (standingState(c.state) && cr::expiredOn(term, day)) v.effectiveState = "expired";
    v.renewalDue = v.standingInstead.empty() && renewalDueOn(c, day);
    if (auto t = repo.team(c.teamId)) v.teamName = t->name;
    v.doctorName = store::displayName(m_db, c.doctor);
    v.packageNames = packageNamesOf(c);
    if (auto r = store::ResidentRepository(m_db).get(c.residentId)) {
        v.residentName = r->name;
        v.archiveNo = r->archiveNo;
    }
    v.contract = std::move(c);
    return v;
}

void Contracts::requireRight(rules::Right right) const {
    if (m_quiet) m_session.require(right);
    else Guard(m_db, m_session).require(right);
}

void Contracts::requireArea(const std::string& villageCode) const {
    if (m_quiet) m_session.requireArea(villageCode);
    else Guard(m_db, m_session).requireArea(villageCode);
}

void Contracts::requireSigner(const TeamView& team) const {
    requireRight(rules::Right::SignClinical);
    if (team.signs(m_session.login)) return;
    const auto who = m_session.displayName.empty() ? m_session.login : m_session.displayName;
    const auto message = format(tr("{0} is not a doctor of {1}: only the team's doctors sign its contracts"),
                                {who, team.team.name});
    if (m_quiet) throw PermissionError(message);
    Guard(m_db, m_session).refuse("sign contracts of team " + team.team.id, message);
}

ContractView Contracts::signInTransaction(const ContractDraft& d, bool signNow, const std::string& signingId,
                                          const std::string& householdId) {
    store::ContractRepository repo(m_db);
    store::ResidentRepository residents(m_db);
    auto resident = residents.get(d.residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    if (!resident->mergedInto.empty()) resident = residents.get(resident->mergedInto);
    if (!resident) throw NotFoundError(tr("No such resident"));
    requireArea(resident->villageCode);
    // contracts.md: no contract for a dead or moved resident.
    if (resident->status != model::RecordStatus::Active) {
        const auto when = resident->statusDate ? formatDate(*resident->statusDate) : std::string("?");
        if (resident->status == model::RecordStatus::Dead)
            throw ConflictError(format(tr("{0} died on {1}: no contract can be signed"), {resident->name, when}));
        if (resident->status == model::RecordStatus::Moved)
            throw ConflictError(format(tr("{0} moved away on {1}: no contract can be signed"), {resident->name, when}));
        throw ConflictError(format(tr("The record of {0} is closed: reopen it before signing"), {resident->name}));
    }
    if (d.teamId.empty()) throw ValidationError("team", tr("Required: the family-doctor team"));
    const auto teamView = team(d.teamId);
    if (teamView.team.status != "active")
        throw ValidationError("team", format(tr("{0} is dissolved"), {teamView.team.name}));
    if (std::find(teamView.team.villages.begin(), teamView.team.villages.end(), resident->villageCode) ==
        teamView.team.villages.end())
        throw ValidationError("team", format(tr("{0} does not serve the village of {1}"),
                                             {teamView.team.name, resident->name}));
    if (signNow) {
        requireSigner(teamView);
    } else {
        requireRight(rules::Right::EditRecords);
        const bool member = teamView.team.lead == m_session.login ||
                            std::any_of(teamView.members.begin(), teamView.members.end(), [&](const auto& m) {
                                return m.active && m.login == m_session.login;
                            });
        if (!member)
            throw PermissionError(format(tr("{0} is not a member of {1}: only its members prepare its contracts"),
                                         {m_session.login, teamView.team.name}));
    }
    Contract c;
    c.teamId = teamView.team.id;
    // The responsible doctor: the one named, else the signing doctor, else (a contract a
    // nurse prepares) the team's lead.
    c.doctor = !d.doctor.empty() ? d.doctor : teamView.signs(m_session.login) ? m_session.login : teamView.team.lead;
    if (!teamView.signs(c.doctor))
        throw ValidationError("doctor", format(tr("{0} is not a doctor of {1}"), {c.doctor, teamView.team.name}));
    const auto day = today();
    c.signedOn = signNow ? d.signedOn.value_or(day) : d.signedOn;
    if (c.signedOn && *c.signedOn > day)
        throw ValidationError("signed_on", format(tr("The signing date {0} is in the future"), {formatDate(*c.signedOn)}));
    c.startOn = d.startOn ? d.startOn : (c.signedOn ? c.signedOn : std::optional<Date>(day));
    if (c.signedOn && *c.startOn < *c.signedOn)
        throw ValidationError("start_on", format(tr("The contract cannot start ({0}) before it is signed ({1})"),
                                                 {formatDate(*c.startOn), formatDate(*c.signedOn)}));
    if (d.termYears < 1 || d.termYears > kMaxTermYears)
        throw ValidationError("term_years", format(tr("A term is 1 to {0} years"), {std::to_string(kMaxTermYears)}));
    c.termYears = d.termYears;
    c.endOn = cr::termEnd(*c.startOn, d.termYears);
    if (d.endOn) {
        if (*d.endOn < *c.startOn)
            throw ValidationError("end_on", format(tr("The end date {0} is before the start {1}"),
                                                   {formatDate(*d.endOn), formatDate(*c.startOn)}));
        if (*d.endOn > *c.endOn)
            throw ValidationError("end_on", format(tr("The end date {0} is after the term's end {1}"),
                                                   {formatDate(*d.endOn), formatDate(*c.endOn)}));
        c.endOn = d.endOn;
    }
    if (signNow && !d.agreementSigned)
        throw ValidationError("agreement_signed",
                              tr("The resident (or who signs for them) must have read and signed the agreement"));
    // Packages: the basic one always, then the chosen ones, each known to the edition.
    c.edition = editionFor(m_db, *c.startOn, resident->villageCode);
    const auto& set = packagesCached(c.edition, resident->villageCode);
    for (const auto& p : set.packages)
        if (p.basic) c.packages.push_back(p.code);
    std::int64_t fee = 0;
    for (const auto& code : d.packages) {
        const auto* p = set.find(code);
        if (!p) throw ValidationError("packages", format(tr("{0} is not a package of the {1} edition"), {code, c.edition}));
        if (std::find(c.packages.begin(), c.packages.end(), code) == c.packages.end()) c.packages.push_back(code);
    }
    for (const auto& code : c.packages) fee += set.find(code)->feeFen() * d.termYears;
    c.feeFen = fee;
    c.insuranceFen = d.insuranceFen.value_or(0);
    if (c.insuranceFen < 0 || c.insuranceFen > fee)
        throw ValidationError("insurance", format(tr("The insured part must be from 0 to the fee, {0} yuan"), {yuanText(fee)}));
    c.residentFen = fee - c.insuranceFen;
    c.agreementSigned = d.agreementSigned;
    c.signedFor = checkedText("signed_for", d.signedFor, 60);

    // One contract in force at a time (contracts.md "Conventions").
    auto existing = repo.contractsOf(resident->id);
    Contract probe = c;
    probe.state = "signed";
    for (auto& o : existing) {
        if (o.state == "pending")
            throw ConflictError(format(tr("A contract of {0} with {1} waits for signing: sign it or cancel it first"),
                                       {resident->name, makeView(o, &existing).teamName}));
        if (!overlap(probe, o)) continue;
        const auto other = makeView(o, &existing);
        if (d.replaces == o.id) {
            if (o.teamId == c.teamId)
                throw ValidationError("replaces", format(tr("{0} is with this same team: renew it instead"),
                                                         {o.id}));
            if (*c.startOn <= *o.startOn)
                throw ValidationError("start_on", tr("A new team's contract must start after the old one started"));
            o.state = "terminated";
            o.endedOn = cr::resignedEnd(*c.startOn);
            o.endReason = std::string(cr::code(EndReason::Resigned));
            o.endNote = format(tr("Signed with {0}"), {teamView.team.name});
            o.endedBy = m_session.login;
            repo.update(o, m_session.login);
            continue;
        }
        if (o.teamId == c.teamId)
            throw ConflictError(format(tr("{0} already holds a contract with {1} ({2} to {3}): renew it instead"),
                                       {resident->name, other.teamName, formatDate(*o.startOn), formatDate(*o.endOn)}));
        throw ConflictError(format(tr("{0} holds a contract with {1} ({2} to {3}): to sign with {4}, choose to end it "
                                      "(re-signing, 重签)"),
                                   {resident->name, other.teamName, formatDate(*o.startOn), formatDate(*o.endOn),
                                    teamView.team.name}));
    }
    if (!d.replaces.empty() &&
        std::none_of(existing.begin(), existing.end(), [&](const Contract& o) { return o.id == d.replaces; }))
        throw ValidationError("replaces", tr("The contract to end is not one of this resident's"));

    c.id = newUuidV7();
    c.residentId = resident->id;
    c.villageCode = resident->villageCode;
    c.householdId = householdId;
    c.renews = d.renews;
    c.signingId = signingId;
    c.state = signNow ? "signed" : "pending";
    c.preparedBy = m_session.login;
    c.createdAt = timestampNow();
    if (signNow) {
        c.signedBy = m_session.login;
        c.signedAt = c.createdAt;
    }
    repo.insert(c, m_session.login);
    existing.push_back(c);
    return makeView(c, &existing);
}

ContractPreview Contracts::preview(const ContractDraft& draft, bool signNow) {
    ContractPreview out;
    // A preview is no request: a refusal it finds leaves no audit entry.
    m_quiet = true;
    struct Loud {
        bool& quiet;
        ~Loud() { quiet = false; }
    } loud{m_quiet};
    try {
        store::Transaction tx(m_db);  // never committed: rolled back when it ends
        out.contract = signInTransaction(draft, signNow, {}, {}).contract;
    } catch (const ValidationError& e) {
        out.errors = e.errors();
    } catch (const std::exception& e) {
        out.errors.push_back({"", e.what()});
    }
    return out;
}

ContractView Contracts::prepare(const ContractDraft& draft) {
    store::Transaction tx(m_db);
    auto v = signInTransaction(draft, false, {}, {});
    tx.commit();
    return v;
}

std::vector<ContractView> Contracts::signAll(const std::vector<ContractDraft>& drafts) {
    std::vector<ContractView> out;
    out.reserve(drafts.size());
    store::Transaction tx(m_db);
    for (const auto& d : drafts) out.push_back(signInTransaction(d, true, {}, {}));
    tx.commit();
    return out;
}

ContractView Contracts::sign(const ContractDraft& draft) {
    store::Transaction tx(m_db);
    auto v = signInTransaction(draft, true, {}, {});
    tx.commit();
    return v;
}

ContractView Contracts::signPending(const std::string& id, bool agreementSigned, const std::string& signedFor) {
    store::ContractRepository repo(m_db);
    auto c = repo.contract(id);
    if (!c) throw NotFoundError(format(tr("No contract {0}"), {id}));
    Guard(m_db, m_session).requireArea(c->villageCode);
    if (c->state != "pending")
        throw ConflictError(format(tr("The contract is {0}, not waiting for signing"), {contractStateName(c->state)}));
    requireSigner(team(c->teamId));
    if (!agreementSigned)
        throw ValidationError("agreement_signed",
                              tr("The resident (or who signs for them) must have read and signed the agreement"));
    const auto day = today();
    store::Transaction tx(m_db);
    if (auto r = store::ResidentRepository(m_db).get(c->residentId); r && r->status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed: no contract can be signed"), {r->name}));
    c->state = "signed";
    c->signedOn = day;
    if (*c->startOn < day) {  // a contract prepared earlier starts when it is signed
        c->startOn = day;
        c->endOn = cr::termEnd(day, c->termYears);
    }
    c->agreementSigned = true;
    c->signedFor = checkedText("signed_for", signedFor, 60);
    c->signedBy = m_session.login;
    c->signedAt = timestampNow();
    repo.update(*c, m_session.login);
    tx.commit();
    return makeView(*c);
}

std::vector<ContractView> Contracts::signHousehold(const std::string& householdId, const ContractDraft& draft,
                                                   const std::vector<std::string>& members, bool prepareOnly) {
    store::HouseholdRepository households(m_db);
    const auto household = households.get(householdId);
    if (!household) throw NotFoundError(tr("No such household"));
    std::vector<std::string> chosen = members;
    if (chosen.empty()) {
        store::ResidentRepository residents(m_db);
        for (const auto& m : household->members) {
            if (m.leftOn) continue;
            const auto r = residents.get(m.residentId);
            if (r && r->status == model::RecordStatus::Active) chosen.push_back(m.residentId);
        }
    } else {
        for (const auto& id : chosen)
            if (std::none_of(household->members.begin(), household->members.end(),
                             [&](const model::HouseholdMember& m) { return !m.leftOn && m.residentId == id; }))
                throw ValidationError("members", tr("Everyone signed with a household must be a current member of it"));
    }
    if (chosen.empty()) throw ValidationError("members", tr("The household has no member who can sign"));
    const auto signingId = newUuidV7();
    std::vector<ContractView> out;
    store::Transaction tx(m_db);
    // 重签 names one member's contract: each member's contract with that team ends.
    std::string replacedTeam;
    if (!draft.replaces.empty())
        if (const auto old = store::ContractRepository(m_db).contract(draft.replaces)) replacedTeam = old->teamId;
    for (const auto& id : chosen) {
        auto d = draft;
        d.residentId = id;
        d.replaces.clear();
        if (!replacedTeam.empty())
            for (const auto& c : store::ContractRepository(m_db).contractsOf(id))
                if (c.teamId == replacedTeam && standingState(c.state) && !c.endedOn) d.replaces = c.id;
        out.push_back(signInTransaction(d, !prepareOnly, signingId, householdId));
    }
    tx.commit();
    return out;
}

ContractView Contracts::renew(const std::string& id, const std::vector<std::string>& packages,
                              std::optional<Date> signedOn) {
    store::ContractRepository repo(m_db);
    auto old = repo.contract(id);
    if (!old) throw NotFoundError(format(tr("No contract {0}"), {id}));
    Guard(m_db, m_session).requireArea(old->villageCode);
    const auto day = signedOn.value_or(today());
    const auto term = contractTerm(*old);
    if (old->state != "signed")
        throw ConflictError(format(tr("Only a signed contract can be renewed; this one is {0}"),
                                   {contractStateName(old->state)}));
    const auto opens = addDays(term.end, -cr::kRenewalReminderDays);
    if (day < opens)
        throw ConflictError(format(tr("Renewal opens 30 days before the end, on {0}"), {formatDate(opens)}));
    ContractDraft d;
    d.residentId = old->residentId;
    d.teamId = old->teamId;
    d.doctor = old->doctor;
    d.packages = packages.empty() ? old->packages : packages;
    d.signedOn = day;
    // The new term follows the old without a gap; renewed late, it starts on the day.
    d.startOn = std::max(addDays(term.end, 1), day);
    d.termYears = old->termYears;
    d.insuranceFen = old->insuranceFen;
    d.agreementSigned = true;  // renewing is signing the agreement again
    d.signedFor = old->signedFor;
    d.renews = old->id;
    store::Transaction tx(m_db);
    old->state = "renewed";
    repo.update(*old, m_session.login);
    auto v = signInTransaction(d, true, old->signingId, old->householdId);
    tx.commit();
    return v;
}

ContractView Contracts::terminate(const std::string& id, EndReason reason, std::optional<Date> on,
                                  const std::string& note) {
    store::ContractRepository repo(m_db);
    auto c = repo.contract(id);
    if (!c) throw NotFoundError(format(tr("No contract {0}"), {id}));
    Guard(m_db, m_session).requireArea(c->villageCode);
    requireSigner(team(c->teamId));
    const auto from = cr::stateFromCode(c->state).value_or(State::Pending);
    if (!cr::canMove(from, State::Terminated))
        throw ConflictError(format(tr("The contract is {0} already"), {contractStateName(c->state)}));
    const auto day = on.value_or(today());
    if (day > today()) throw ValidationError("ended_on", format(tr("The date {0} is in the future"), {formatDate(day)}));
    if (c->startOn && day < addDays(*c->startOn, -1))
        throw ValidationError("ended_on", format(tr("The contract started on {0}, after {1}"),
                                                 {formatDate(*c->startOn), formatDate(day)}));
    if (reason == EndReason::Resigned)
        throw ValidationError("reason", tr("Re-signing with another team ends the old contract by itself: sign the new one"));
    if ((reason == EndReason::Refused || reason == EndReason::Other) && trimmed(note).empty())
        throw ValidationError("note", tr("Required: say why the contract ends"));
    store::Transaction tx(m_db);
    c->state = "terminated";
    c->endedOn = c->endOn && day > *c->endOn ? *c->endOn : day;
    c->endReason = std::string(cr::code(reason));
    c->endNote = checkedText("note", note, 200);
    c->endedBy = m_session.login;
    repo.update(*c, m_session.login);
    tx.commit();
    return makeView(*c);
}

void Contracts::endForClosedRecord(store::Database& db, const std::string& residentId, EndReason reason,
                                   const Date& on, const std::string& user) {
    store::ContractRepository repo(db);
    for (auto& c : repo.contractsOf(residentId)) {
        if (c.state != "pending" && !standingState(c.state)) continue;
        if (c.endOn && *c.endOn < on) continue;  // over before the death or move
        c.state = "terminated";
        // Dated by the death or move (contracts.md "Conventions"); a term that had not begun
        // ends before it starts, never in force.
        c.endedOn = c.startOn && on < *c.startOn ? addDays(*c.startOn, -1) : on;
        c.endReason = std::string(cr::code(reason));
        c.endNote = tr("Ended with the record's closing");
        c.endedBy = user;
        repo.update(c, user);
    }
}

ContractView Contracts::resolveReview(const std::string& keepId, const std::string& note) {
    store::ContractRepository repo(m_db);
    auto keep = repo.contract(keepId);
    if (!keep) throw NotFoundError(format(tr("No contract {0}"), {keepId}));
    Guard(m_db, m_session).requireArea(keep->villageCode);
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    auto all = repo.contractsOf(keep->residentId);
    std::vector<Contract> ending;
    for (const auto& o : all)
        if (o.id != keep->id && overlap(*keep, o)) ending.push_back(o);
    if (ending.empty()) throw ConflictError(tr("This contract is not signed twice: nothing to review"));
    // A doctor of one of the teams decides.
    bool member = team(keep->teamId).signs(m_session.login);
    for (const auto& o : ending) member = member || team(o.teamId).signs(m_session.login);
    if (!member) requireSigner(team(keep->teamId));
    store::Transaction tx(m_db);
    for (auto& o : ending) {
        o.state = "terminated";
        o.endedOn = addDays(*o.startOn, -1);  // never in force: the kept contract covered the days
        o.endReason = std::string(cr::code(EndReason::Other));
        o.endNote = trimmed(note).empty() ? format(tr("Signed twice; the contract with {0} was kept"),
                                                {makeView(*keep, &all).teamName})
                                       : trimmed(note);
        o.endedBy = m_session.login;
        repo.update(o, m_session.login);
    }
    // The kept one stands now even if it was signed later: its signing time moves ahead of
    // the ended ones' is not needed, they are no longer standing.
    tx.commit();
    return makeView(*keep);
}

ContractView Contracts::view(const std::string& id) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    auto c = store::ContractRepository(m_db).contract(id);
    if (!c) throw NotFoundError(format(tr("No contract {0}"), {id}));
    Guard(m_db, m_session).requireArea(c->villageCode);
    return makeView(*c);
}

print::Document Contracts::agreement(const std::string& id) {
    const auto v = view(id);
    const auto& c = v.contract;
    const auto resident = store::ResidentRepository(m_db).get(c.residentId);
    if (!resident) throw NotFoundError(tr("No such resident"));
    const auto teamView = team(c.teamId);
    print::Document doc;
    doc.titled(tr("Family-doctor contract agreement"));
    doc.note(format(tr("Agreement No. {0}    Signed on {1}"),
                    {c.id.substr(0, 13), c.signedOn ? formatDate(*c.signedOn) : tr("(not yet signed)")}));

    doc.heading(tr("Party A: the resident"));
    print::Block a;
    a.kind = print::Block::Kind::Fields;
    std::string address;
    if (const auto h = store::HouseholdRepository(m_db).currentMembership(resident->id))
        if (const auto household = store::HouseholdRepository(m_db).get(h->householdId, false)) address = household->address;
    const auto groups = groupNames(groupsOf(resident->id, today()));
    a.fields = {{tr("Name"), resident->name},
                {tr("Sex"), rules::codeLabel("sex", resident->sex)},
                {tr("Date of birth"), resident->birthDate ? formatDate(*resident->birthDate) : ""},
                {tr("ID number"), resident->idNumber},
                {tr("Archive number"), resident->archiveNo},
                {tr("Phone"), resident->phone},
                {tr("Address"), address},
                {tr("Priority groups"), groups.empty() ? tr("none") : groups}};
    if (!c.signedFor.empty()) a.fields.emplace_back(tr("Signed for the resident by"), c.signedFor);
    doc.blocks.push_back(a);

    doc.heading(tr("Party B: the family-doctor team"));
    print::Block b;
    b.kind = print::Block::Kind::Fields;
    std::string members;
    for (const auto& m : teamView.members)
        if (m.active)
            members += (members.empty() ? "" : "、") + store::displayName(m_db, m.login) + "（" + teamRoleName(m.role) + "）";
    b.fields = {{tr("Team"), teamView.team.name},
                {tr("Institution"), teamView.team.institution},
                {tr("Team lead"), teamView.leadName},
                {tr("Responsible doctor"), v.doctorName},
                {tr("Members"), members}};
    doc.blocks.push_back(b);

    doc.heading(tr("Term"));
    doc.paragraph(format(tr("This agreement is in force from {0} to {1} ({2} year(s)). It may be renewed from 30 days "
                            "before the end. Either party may end it, saying why; a death or a move away ends it on "
                            "its day."),
                         {c.startOn ? formatDate(*c.startOn) : "?", c.endOn ? formatDate(*c.endOn) : "?",
                          std::to_string(c.termYears)}));

    doc.heading(tr("Service packages"));
    print::Block table;
    table.kind = print::Block::Kind::Table;
    table.widths = {3, 4, 2, 2};
    table.rows.push_back({tr("Package"), tr("Service"), tr("Times a year"), tr("Fee (yuan a year)")});
    // The items that apply to the resident now (a package's items for other groups, e.g.
    // diabetes follow-ups, join when the resident comes into that group).
    const auto& set = packagesCached(c.edition, c.villageCode);
    const auto residentGroups = groupsOf(resident->id, today());
    for (const auto& code : c.packages) {
        const auto* p = set.find(code);
        if (!p) continue;
        bool first = true;
        for (const auto& item : p->items) {
            if (!cr::appliesTo(item, residentGroups)) continue;
            table.rows.push_back({first ? p->name : "", item.name, std::to_string(item.timesPerYear),
                                  first ? yuanText(p->feeFen()) : ""});
            first = false;
        }
    }
    doc.blocks.push_back(table);
    doc.note(tr("Services of a package for a group the resident is not in (e.g. diabetes follow-ups) are added when "
                "the resident comes into that group."));
    doc.paragraph(format(tr("Fee for the term: {0} yuan, of which insurance or public funds pay {1} yuan and the "
                            "resident {2} yuan."),
                         {yuanText(c.feeFen), yuanText(c.insuranceFen), yuanText(c.residentFen)}));

    doc.heading(tr("Rights and duties"));
    doc.paragraph(tr("1. Party B provides the services above in the term, keeps Party A's health record up to date "
                     "and keeps it confidential."));
    doc.paragraph(tr("2. Party A tells Party B the truth about their health, takes part in follow-ups and checks, and "
                     "tells Party B of a move or a new phone number."));
    doc.paragraph(tr("3. A service recorded at any visit counts toward this agreement; Party A may ask for the list of "
                     "services delivered at any time."));
    doc.paragraph(tr("4. This agreement is made in two copies; each party keeps one."));
    print::Block sign;
    sign.kind = print::Block::Kind::Signatures;
    sign.signatures = {tr("Party A (the resident, or who signs for them): ______________    Date: ____________"),
                       tr("Party B (the family doctor): ______________    Date: ____________"),
                       tr("Signing institution (seal):")};
    doc.blocks.push_back(sign);
    auto clinic = store::clinicName(m_db);
    doc.footer = format(tr("{0} · printed on {1}"), {clinic.empty() ? teamView.team.institution : clinic,
                                                     formatDate(today())});
    return doc;
}

std::vector<ContractView> Contracts::ofResident(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto all = store::ContractRepository(m_db).contractsOf(residentId);
    std::vector<ContractView> out;
    for (const auto& c : all) {
        Guard(m_db, m_session).requireArea(c.villageCode);
        out.push_back(makeView(c, &all));
    }
    return out;
}

std::optional<ContractView> Contracts::current(const std::string& residentId, const Date& day) {
    for (auto& v : ofResident(residentId))
        if (v.standingInstead.empty() && cr::inForce(contractTerm(v.contract), day)) return v;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Delivery

std::vector<Group> Contracts::groupsFrom(const store::ResidentFacts& facts, const std::vector<std::string>& programmes,
                                         const std::vector<std::string>& tags, const Date& day) {
    cr::PersonFacts p;
    p.birth = facts.birth.value_or(day);
    p.programmes.insert(programmes.begin(), programmes.end());
    for (const auto& t : tags)
        if (auto g = cr::groupFromCode(t)) p.tags.insert(*g);
    if (facts.disabled) p.tags.insert(Group::Disabled);
    return cr::priorityGroups(p, day);
}

std::vector<Group> Contracts::groupsOf(const std::string& residentId, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = store::ResidentRepository(m_db).get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    store::ResidentFacts facts{r->id, r->name, r->archiveNo, r->villageCode, r->sex, r->phone, r->birthDate, false};
    for (const auto& code : r->disability)
        if (code != "1") facts.disabled = true;
    std::vector<std::string> programmes, tags;
    for (const auto& e : store::ChronicRepository(m_db).enrolmentsOf(residentId))
        if (e.status == "active") programmes.push_back(e.programme);
    for (const auto& t : store::ContractRepository(m_db).tagsOf(residentId))
        if (t.active) tags.push_back(t.tag);
    return groupsFrom(facts, programmes, tags, day);
}

void Contracts::setTag(const std::string& residentId, Group group, bool on) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    const auto r = store::ResidentRepository(m_db).get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(r->villageCode);
    // Groups the record shows are detected, never tagged.
    for (const auto g : {Group::Elderly65, Group::Child0to6, Group::Pregnant, Group::Hypertension, Group::Diabetes,
                         Group::Tuberculosis, Group::MentalIllness})
        if (g == group)
            throw ValidationError("tag", format(tr("\"{0}\" is read from the record, not set by hand"), {groupName(g)}));
    store::ContractRepository repo(m_db);
    store::Transaction tx(m_db);
    bool present = false;
    for (auto& t : repo.tagsOf(residentId)) {
        if (t.tag != cr::code(group) || !t.active) continue;
        present = true;
        if (!on) {
            t.active = false;
            repo.update(t, m_session.login);
        }
    }
    if (on && !present) {
        model::PriorityTag t{newUuidV7(), r->id, r->villageCode, std::string(cr::code(group)), true, today(),
                             m_session.login};
        repo.insert(t, m_session.login);
    }
    tx.commit();
}

DeliveryStatus Contracts::computeDelivery(const Contract& c, const std::vector<Group>& groups,
                                          const std::vector<store::DeliveryRecord>& records, const Date& day,
                                          bool links) {
    DeliveryStatus s;
    s.contractId = c.id;
    s.contract = c;
    s.day = day;
    s.groups = groups;
    const auto term = contractTerm(c);
    const auto& set = packagesCached(c.edition, c.villageCode);
    for (const auto& code : c.packages) {
        const auto* p = set.find(code);
        if (!p) continue;
        for (const auto& item : p->items) {
            if (!cr::appliesTo(item, groups)) continue;
            ItemDelivery d{p->code, p->name, item.code, item.name, {}, {}, !item.countedBy.empty()};
            for (const auto& by : item.countedBy) d.byFollowUpsOnly = d.byFollowUpsOnly && by.starts_with("followup:");
            std::vector<std::string_view> visits;  // one visit closes an item once, whatever it recorded
            for (const auto& r : records) {
                if (r.date > day || !cr::countsToward(term, r.date)) continue;
                if (!cr::delivers(item, {r.kind, r.programme, r.mode, r.item})) continue;
                if (links) d.records.push_back(r);
                visits.push_back(r.visit.empty() ? r.id : r.visit);
            }
            std::sort(visits.begin(), visits.end());
            const auto distinct = std::unique(visits.begin(), visits.end()) - visits.begin();
            d.progress = cr::progress(item.timesPerYear, term, static_cast<int>(distinct), day);
            s.dueSoFar += d.progress.dueSoFar;
            s.delivered += d.progress.countedDelivered();
            if (d.progress.status == cr::ItemStatus::Overdue) ++s.overdueItems;
            s.items.push_back(std::move(d));
        }
    }
    return s;
}

DeliveryStatus Contracts::delivery(const std::string& contractId, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::ContractRepository repo(m_db);
    const auto c = repo.contract(contractId);
    if (!c) throw NotFoundError(format(tr("No contract {0}"), {contractId}));
    Guard(m_db, m_session).requireArea(c->villageCode);
    const auto records = repo.deliveries(c->residentId, *c->startOn, *c->endOn);
    return computeDelivery(*c, groupsOf(c->residentId, day), records, day);
}

std::vector<std::string> Contracts::areaScopes(const std::string& given, const std::string& teamId) {
    auto scope = rules::scopePrefix(given);
    std::vector<std::string> scopes;
    if (!teamId.empty()) {
        const auto t = team(teamId);
        scopes = t.team.villages;
        scope = t.team.division;
    }
    // Within the user's area: a village doctor at a township site reads their village.
    scope = Guard(m_db, m_session).withinArea(scope);
    if (scopes.empty()) return {scope};
    std::vector<std::string> within;
    for (const auto& v : scopes)
        if (m_session.covers(v)) within.push_back(v);
    return within;
}

Contracts::AreaData Contracts::loadArea(const std::vector<std::string>& scopes, const Date& day, bool everyone,
                                        const store::StandingFilter& filter) {
    store::ContractRepository repo(m_db);
    // One read snapshot for every query (and one file lock, not one per statement).
    std::optional<store::Transaction> snapshot;
    if (!m_db.inTransaction()) snapshot.emplace(m_db, store::Transaction::Mode::Deferred);
    AreaData a;
    for (const auto& scope : scopes) {
        auto contracts = repo.standing(scope, {}, day, day, filter);
        std::move(contracts.begin(), contracts.end(), std::back_inserter(a.contracts));
        for (auto& r : everyone ? repo.residentsIn(scope) : repo.contractedIn(scope, day, filter))
            a.facts.emplace(r.id, std::move(r));
        for (auto& [id, codes] : repo.programmesIn(scope)) a.programmes[id] = std::move(codes);
        for (auto& [id, codes] : repo.tagsIn(scope)) a.tags[id] = std::move(codes);
    }
    if (scopes.size() > 1)
        std::stable_sort(a.contracts.begin(), a.contracts.end(),
                         [](const Contract& x, const Contract& y) { return x.residentId < y.residentId; });
    if (!a.contracts.empty()) {
        Date from = *a.contracts.front().startOn;
        for (const auto& c : a.contracts) from = std::min(from, *c.startOn);
        for (const auto& scope : scopes) repo.deliveriesIn(scope, from, day, day, a.records, filter);
    }
    return a;
}

std::vector<Group> Contracts::groupsIn(const AreaData& a, const store::ResidentFacts& f, const Date& day) const {
    static const std::vector<std::string> none;
    const auto p = a.programmes.find(f.id);
    const auto t = a.tags.find(f.id);
    return groupsFrom(f, p == a.programmes.end() ? none : p->second, t == a.tags.end() ? none : t->second, day);
}

std::vector<DeliveryStatus> Contracts::deliveryFrom(const AreaData& a, const std::string& teamId, const Date& day,
                                                    bool links) {
    const std::vector<store::DeliveryRecord> none;
    std::vector<DeliveryStatus> out;
    out.reserve(a.contracts.size());
    const auto& contracts = a.contracts;
    for (std::size_t i = 0; i < contracts.size(); ++i) {
        const auto& c = contracts[i];
        if (!teamId.empty() && c.teamId != teamId) continue;
        // Of two standing at once (signed twice), the one signed first.
        bool waiting = false;
        for (std::size_t j = i; j-- > 0 && contracts[j].residentId == c.residentId;)
            waiting = waiting || (overlap(c, contracts[j]) && signedBefore(contracts[j], c));
        for (std::size_t j = i + 1; j < contracts.size() && contracts[j].residentId == c.residentId; ++j)
            waiting = waiting || (overlap(c, contracts[j]) && signedBefore(contracts[j], c));
        if (waiting) continue;
        const auto f = a.facts.find(c.residentId);
        if (f == a.facts.end()) continue;  // closed or merged since
        const auto rec = a.records.find(c.residentId);
        out.push_back(computeDelivery(c, groupsIn(a, f->second, day), rec == a.records.end() ? none : rec->second, day,
                                      links));
    }
    return out;
}

std::vector<DeliveryStatus> Contracts::deliveryIn(const std::string& given, const std::string& teamId,
                                                  const Date& day, bool links) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scopes = areaScopes(given, teamId);
    return deliveryFrom(loadArea(scopes, day, false), teamId, day, links);
}

std::vector<DeliveryStatus> Contracts::behindOrEnding(const std::string& given, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scopes = areaScopes(given, {});
    store::StandingFilter filter;
    filter.endingBy = addDays(day, cr::kRenewalReminderDays);
    // When the basic package cannot be behind, a contract of the basic package alone is
    // listed only when it ends soon.
    try {
        const auto& set = packagesFor(day, scopes.empty() ? std::string() : scopes.front());
        for (const auto& p : set.packages)
            if (p.basic && !cr::canFallBehind(p)) filter.onlyPackages = p.code;
    } catch (const std::exception&) {
        filter.onlyPackages.clear();  // no package data: read every contract
    }
    return deliveryFrom(loadArea(scopes, day, false, filter), {}, day, false);
}

model::ServiceEntry Contracts::recordInTransaction(model::ServiceEntry e) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    const auto r = store::ResidentRepository(m_db).get(e.residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(r->villageCode);
    if (!e.serviceDate) throw ValidationError("service_date", tr("Required: the date of the service"));
    if (*e.serviceDate > today())
        throw ValidationError("service_date", format(tr("The date {0} is in the future"), {formatDate(*e.serviceDate)}));
    if (r->status != model::RecordStatus::Active && r->statusDate && *e.serviceDate > *r->statusDate)
        throw ConflictError(format(tr("The record of {0} was closed on {1}: no service after it"),
                                   {r->name, formatDate(*r->statusDate)}));
    if (e.mode != "clinic" && e.mode != "home" && e.mode != "phone")
        throw ValidationError("mode", tr("Choose where: at the clinic, at home or by phone"));
    e.note = checkedText("note", e.note, 500);
    // The item must be one of the resident's contract on that day.
    const auto contract = current(r->id, *e.serviceDate);
    if (!contract)
        throw ConflictError(format(tr("{0} holds no contract on {1}"), {r->name, formatDate(*e.serviceDate)}));
    const auto& set = packagesCached(contract->contract.edition, r->villageCode);
    bool known = false;
    for (const auto& code : contract->contract.packages)
        if (const auto* p = set.find(code))
            for (const auto& item : p->items) known = known || item.code == e.item;
    if (!known)
        throw ValidationError("item", format(tr("\"{0}\" is not an item of the packages {1} signed"), {e.item, r->name}));
    store::ContractRepository repo(m_db);
    if (!e.supersedes.empty()) {
        const auto old = repo.serviceEntry(e.supersedes);
        if (!old || old->residentId != r->id) throw NotFoundError(tr("The service entry to correct does not exist"));
        if (!repo.serviceSupersededBy(old->id).empty())
            throw ConflictError(tr("That entry has been corrected already: correct the latest version"));
        if (trimmed(e.correctionReason).empty())
            throw ValidationError("correction_reason", tr("Required: the reason for the correction"));
        e.version = old->version + 1;
    }
    e.id = newUuidV7();
    e.villageCode = r->villageCode;
    e.residentId = r->id;
    e.doctor = m_session.login;
    e.signedAt = timestampNow();
    repo.insert(e, m_session.login);
    return e;
}

model::ServiceEntry Contracts::recordService(model::ServiceEntry entry) {
    store::Transaction tx(m_db);
    auto saved = recordInTransaction(std::move(entry));
    tx.commit();
    return saved;
}

void Contracts::recordServices(std::vector<model::ServiceEntry> entries) {
    store::Transaction tx(m_db);
    for (auto& e : entries) recordInTransaction(std::move(e));
    tx.commit();
}

std::vector<model::ServiceEntry> Contracts::servicesOf(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    return store::ContractRepository(m_db).serviceEntriesOf(residentId);
}

// ---------------------------------------------------------------------------------------
// Coverage and review

std::vector<ReviewCase> Contracts::inReview(const std::string& scope, const Date& day) {
    return coverage(scope, {}, day).review;
}

Coverage Contracts::coverage(const std::string& given, const std::string& teamId, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scopes = areaScopes(given, teamId);
    Coverage cov;
    cov.day = day;
    store::ContractRepository repo(m_db);
    const auto area = loadArea(scopes, day, true);
    // Contracts in force on the day: the standing one of each resident, the others for review.
    std::unordered_map<std::string, const Contract*> standing;
    std::unordered_map<std::string, std::vector<const Contract*>> byResident;
    for (const auto& c : area.contracts) byResident[c.residentId].push_back(&c);
    std::unordered_map<std::string, std::string> teamNames, doctorNames;
    for (const auto& scope : scopes)
        for (const auto& t : repo.teams(scope)) teamNames[t.id] = t.name;
    const auto quickView = [&](const Contract& c, const std::string& instead) {
        ContractView v;
        v.contract = c;
        v.standingInstead = instead;
        v.effectiveState = instead.empty() ? c.state : "review";
        v.renewalDue = instead.empty() && renewalDueOn(c, day);
        if (const auto t = teamNames.find(c.teamId); t != teamNames.end()) v.teamName = t->second;
        else if (const auto team = repo.team(c.teamId)) v.teamName = teamNames[c.teamId] = team->name;
        auto doctor = doctorNames.find(c.doctor);
        if (doctor == doctorNames.end()) doctor = doctorNames.emplace(c.doctor, store::displayName(m_db, c.doctor)).first;
        v.doctorName = doctor->second;
        v.packageNames = packageNamesOf(c);
        if (const auto f = area.facts.find(c.residentId); f != area.facts.end()) {
            v.residentName = f->second.name;
            v.archiveNo = f->second.archiveNo;
        }
        return v;
    };
    for (auto& [resident, list] : byResident) {
        std::sort(list.begin(), list.end(), [](const Contract* a, const Contract* b) { return signedBefore(*a, *b); });
        standing[resident] = list.front();
        for (std::size_t i = 1; i < list.size(); ++i)
            if (overlap(*list.front(), *list[i]))
                cov.review.push_back({quickView(*list.front(), {}), quickView(*list[i], list.front()->id)});
    }
    for (const auto& [id, f] : area.facts) {
        auto groups = groupsIn(area, f, day);
        const bool isSigned = standing.count(id) > 0;
        ++cov.all.people;
        auto& village = cov.byVillage[f.villageCode];
        ++village.first.people;
        if (isSigned) {
            ++cov.all.signedPeople;
            ++village.first.signedPeople;
        }
        if (groups.empty()) continue;
        ++cov.priority.people;
        ++village.second.people;
        if (isSigned) {
            ++cov.priority.signedPeople;
            ++village.second.signedPeople;
        }
        for (const auto g : groups) {
            ++cov.byGroup[g].people;
            if (isSigned) ++cov.byGroup[g].signedPeople;
        }
        Coverage::Person person{id, f.name, f.archiveNo, f.villageCode, f.phone,
                                f.birth ? cr::completedYears(*f.birth, day) : 0, std::move(groups)};
        (isSigned ? cov.prioritySigned : cov.priorityUnsigned).push_back(std::move(person));
    }
    const auto byArchive = [](const Coverage::Person& a, const Coverage::Person& b) { return a.archiveNo < b.archiveNo; };
    std::sort(cov.priorityUnsigned.begin(), cov.priorityUnsigned.end(), byArchive);
    std::sort(cov.prioritySigned.begin(), cov.prioritySigned.end(), byArchive);

    // The team's own contracts (or every contract of the area): renewals, delivery, load.
    std::map<std::string, int> byDoctor;
    for (const auto& status : deliveryFrom(area, teamId, day, false)) {
        const auto& c = status.contract;
        ++cov.contracts;
        ++byDoctor[c.doctor];
        cov.dueSoFar += status.dueSoFar;
        cov.delivered += status.delivered;
        if (renewalDueOn(c, day)) cov.endingSoon.push_back(quickView(c, {}));
        if (status.overdueItems > 0) cov.withOverdueItems.push_back(quickView(c, {}));
    }
    cov.signedByDoctor = byDoctor;
    for (const auto& [doctor, n] : byDoctor)
        if (cr::pastDoctorLimit(n)) cov.doctorsPastLimit.push_back(doctor);
    std::sort(cov.endingSoon.begin(), cov.endingSoon.end(),
              [](const ContractView& a, const ContractView& b) { return a.contract.endOn < b.contract.endOn; });
    return cov;
}

}  // namespace jiayi::services
