#include "core/services/Registry.h"

#include "core/services/Guard.h"
#include "core/services/Contracts.h"

#include <set>

#include "core/rules/CodeLists.h"
#include "core/rules/ResidentValidation.h"
#include "core/store/ArchiveNumbers.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"
#include "core/store/HouseholdRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/SearchIndex.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"
#include "core/util/Utf8.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

using model::Resident;

Registry::Registry(store::Database& db, Session session)
    : m_db(db), m_session(std::move(session)), m_user(m_session.login) {}

Date Registry::today() const { return m_today ? *m_today : jiayi::today(); }

void Registry::checkVillage(const std::string& villageCode) {
    const auto division = store::DivisionRepository(m_db).get(villageCode);
    if (!division || division->level != rules::Division::Level::Village) {
        throw ValidationError("village_code",
                              format(tr("{0} is not a village in the division list"), {villageCode}));
    }
    // A workstation keeps the records of its area only (once enrolled the hub refuses any
    // other; before, the area set at installation): someone who moves elsewhere is closed
    // as moved away here.
    const auto scope = store::areaScope(m_db);
    if (!scope.empty() && villageCode.compare(0, scope.size(), scope) != 0) {
        const auto area = store::DivisionRepository(m_db).get(rules::fullDivisionCode(scope));
        throw ValidationError("village_code",
                              format(tr("{0} is outside this site's area ({1}): this workstation keeps the records "
                                        "of its own villages only; for someone who moved elsewhere, close the record "
                                        "as moved away"),
                                     {division->name, area ? area->name : scope}));
    }
}

bool Registry::movedAway(const Resident& r) {
    const auto scope = store::siteScope(m_db);
    return !scope.empty() && r.villageCode.compare(0, scope.size(), scope) != 0;
}

model::RecordStatus Registry::statusHere(const Resident& r) {
    return r.status == model::RecordStatus::Active && movedAway(r) ? model::RecordStatus::Moved : r.status;
}

void Registry::requireHeldHere(const Resident& r) {
    if (!movedAway(r)) return;
    const auto village = store::DivisionRepository(m_db).get(r.villageCode);
    throw ConflictError(format(tr("{0} moved to {1}: the record is kept there now and can no longer be changed at "
                                  "this site"),
                               {r.name, village ? village->name : r.villageCode}));
}

namespace {

std::string describe(const Resident& r) {
    return format(tr("{0} (archive {1}, born {2})"),
                  {r.name, r.archiveNo, r.birthDate ? formatDate(*r.birthDate) : "?"});
}

}  // namespace

Resident Registry::registerInTransaction(Registration& reg) {
    Resident& r = reg.resident;
    auto errors = rules::validateResident(r, today());
    if (reg.householdId.empty() && reg.newHouseholdAddress.empty() && r.idNumber.empty()) {
        errors.push_back({"household", tr("A person without an ID number must belong to a "
                                          "household")});
    }
    if (!rules::findCode("relation", reg.relation))
        errors.push_back({"relation", format(tr("\"{0}\" is not one of the allowed codes"),
                                             {reg.relation})});
    for (auto& e : rules::validateAddress(reg.newHouseholdAddress, false)) errors.push_back(std::move(e));
    if (!errors.empty()) throw ValidationError(std::move(errors));
    if (r.status != model::RecordStatus::Active)
        throw ValidationError("status", tr("A new record is registered as active"));
    checkVillage(r.villageCode);
    Guard(m_db, m_session).requireArea(r.villageCode);

    store::ResidentRepository residents(m_db);
    store::HouseholdRepository households(m_db);
    std::optional<model::Household> household;
    if (!reg.householdId.empty()) {
        household = households.get(reg.householdId, false);
        if (!household || household->status != "active")
            throw ValidationError("household", tr("The household does not exist or is closed"));
        if (household->villageCode != r.villageCode)
            throw ValidationError("household",
                                  tr("The household is in another village than the resident"));
        if (reg.relation == "0" && !household->headId.empty())
            throw ValidationError("relation", tr("The household already has a head; change the "
                                                 "head instead"));
    }

    // records.md, Duplicates: same valid ID number = same person.
    if (!r.idNumber.empty()) {
        const auto same = residents.byIdNumber(r.idNumber);
        if (!same.empty()) {
            throw DuplicateIdNumberError(
                format(tr("ID number {0} is already registered: {1}"),
                       {r.idNumber, describe(same.front())}),
                same.front());
        }
    }
    if (!reg.confirmedNotDuplicate && r.birthDate) {
        std::vector<Resident> likely;
        for (auto& c : residents.likelyDuplicates(r.name, r.sex, formatDate(*r.birthDate),
                                                  r.villageCode)) {
            // Two different valid ID numbers are two different people.
            if (r.idNumber.empty() || c.idNumber.empty()) likely.push_back(std::move(c));
        }
        if (!likely.empty()) {
            // The message is built first: argument evaluation order is unspecified.
            auto message = format(tr("A resident with the same name, sex, birth date and "
                                     "village is already registered: {0}. Confirm that this "
                                     "is another person."),
                                  {describe(likely.front())});
            throw LikelyDuplicateError(std::move(message), std::move(likely));
        }
    }

    r.id = newUuidV7();
    r.archiveNo = store::ArchiveNumbers(m_db).allocate(r.villageCode);
    r.createdOn = r.updatedOn = today();
    r.createdSite = m_db.changes().siteId();
    residents.insert(r, m_user);

    if (household) {
        joinInTransaction(household->id, r.id, reg.relation, today());  // new: no old membership
        if (reg.relation == "0") {  // a household without a head gets this person as head
            household->headId = r.id;
            households.updateHousehold(*household, m_user);
        }
    } else if (!reg.newHouseholdAddress.empty()) {
        model::Household h;
        h.id = newUuidV7();
        h.villageCode = r.villageCode;
        h.address = reg.newHouseholdAddress;
        h.headId = r.id;
        h.createdOn = today();
        households.insert(h, m_user);
        joinInTransaction(h.id, r.id, "0", today());
        reg.householdId = h.id;
    }
    return r;
}

Resident Registry::registerResident(Registration registration) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    auto r = registerInTransaction(registration);
    tx.commit();
    return r;
}

std::vector<Resident> Registry::registerHouseholds(std::vector<HouseholdRegistration> households) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    std::vector<Resident> out;
    for (auto& h : households) {
        for (std::size_t i = 0; i < h.members.size(); ++i) {
            auto& member = h.members[i];
            if (i == 0) {
                member.newHouseholdAddress = h.address;
                member.relation.assign(1, '0');  // head; assign() sidesteps a GCC 12 false warning
            } else {
                member.householdId = h.members[0].householdId;
            }
            out.push_back(registerInTransaction(member));
        }
    }
    tx.commit();
    return out;
}

Resident Registry::edit(Resident updated) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    store::ResidentRepository residents(m_db);
    const auto current = residents.get(updated.id);
    if (!current) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(current->villageCode);
    requireHeldHere(*current);
    // Identity of the record is not editable here: archive number, village, history.
    updated.archiveNo = current->archiveNo;
    updated.createdOn = current->createdOn;
    updated.createdSite = current->createdSite;
    updated.status = current->status;
    updated.statusDate = current->statusDate;
    updated.statusReason = current->statusReason;
    updated.statusEpoch = current->statusEpoch;
    updated.mergedInto = current->mergedInto;
    auto errors = rules::validateResident(updated, today());
    if (!errors.empty()) throw ValidationError(std::move(errors));
    if (updated.villageCode != current->villageCode) checkVillage(updated.villageCode);
    if (!updated.idNumber.empty() && updated.idNumber != current->idNumber) {
        for (const auto& other : residents.byIdNumber(updated.idNumber)) {
            if (other.id != updated.id)
                throw DuplicateIdNumberError(format(tr("ID number {0} is already registered: {1}"),
                                                    {updated.idNumber, describe(other)}),
                                             other);
        }
    }
    updated.updatedOn = current->updatedOn;
    if (updated == *current) return *current;
    updated.updatedOn = today();  // records.md: changes are made in place, the date kept
    residents.update(updated, m_user);
    // A move takes the programmes along: the new village's workstation receives them whole
    // from the hub (a move of the row, docs/sync-design.md); past follow-ups stay where
    // they were written.
    if (updated.villageCode != current->villageCode) {
        store::ChronicRepository programmes(m_db);
        for (auto e : programmes.enrolmentsOf(updated.id)) {
            if (e.status != "active") continue;
            e.villageCode = updated.villageCode;
            programmes.update(e, m_user);
        }
    }
    tx.commit();
    return updated;
}

Resident Registry::close(const std::string& residentId, model::RecordStatus status,
                         std::optional<Date> date, const std::string& reason) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    auto r = closeInTransaction(residentId, status, date, reason);
    tx.commit();
    return r;
}

Resident Registry::closeInTransaction(const std::string& residentId, model::RecordStatus status,
                                      std::optional<Date> date, const std::string& reason) {
    store::ResidentRepository residents(m_db);
    auto r = residents.get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    requireHeldHere(*r);
    if (status == model::RecordStatus::Active)
        throw ValidationError("status", tr("Choose moved away, dead or lost to follow-up"));
    if (r->status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is already closed"), {r->name}));
    r->status = status;
    r->statusDate = date ? date : std::optional<Date>(today());
    r->statusReason = reason;
    auto errors = rules::validateResident(*r, today());
    if (!errors.empty()) throw ValidationError(std::move(errors));
    r->updatedOn = today();
    residents.update(*r, m_user);
    // A person who died or moved away leaves the household; the membership is history.
    if (status != model::RecordStatus::Lost) {
        store::HouseholdRepository households(m_db);
        if (auto m = households.currentMembership(r->id)) {
            households.closeMember(m->id, *r->statusDate,
                                   rules::codeLabel("status", model::statusCode(status)), m_user);
        }
    }
    // chronic.md, "All programmes": death, moving away and loss close the programmes too.
    store::ChronicRepository programmes(m_db);
    for (auto e : programmes.enrolmentsOf(r->id)) {
        if (e.status != "active") continue;
        e.status = "closed";
        e.closedOn = r->statusDate;
        e.closeReason = status == model::RecordStatus::Dead ? "died" : status == model::RecordStatus::Moved ? "moved" : "lost";
        e.closeNote = reason;
        programmes.update(e, m_user);
    }
    // contracts.md: a death or move-away ends the family-doctor contract, dated by it.
    if (status == model::RecordStatus::Dead || status == model::RecordStatus::Moved)
        Contracts::endForClosedRecord(m_db, r->id,
                                      status == model::RecordStatus::Dead ? rules::contracts::EndReason::Dead
                                                                          : rules::contracts::EndReason::Moved,
                                      *r->statusDate, m_user);
    return *r;
}

Resident Registry::reopen(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    store::ResidentRepository residents(m_db);
    auto r = residents.get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    requireHeldHere(*r);
    if (r->status == model::RecordStatus::Active) return *r;
    r->status = model::RecordStatus::Active;
    r->statusDate.reset();
    r->statusReason.clear();
    ++r->statusEpoch;  // a reopen overrides closings it has seen, wherever they merge
    r->updatedOn = today();
    residents.update(*r, m_user);
    tx.commit();
    return *r;
}

Resident Registry::get(const std::string& idOrArchiveNo) {
    auto r = survivorOf(getUnmerged(idOrArchiveNo));
    Guard(m_db, m_session).requireArea(r.villageCode);
    return r;
}

Resident Registry::getUnmerged(const std::string& idOrArchiveNo) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::ResidentRepository residents(m_db);
    auto r = idOrArchiveNo.size() == 17 ? residents.byArchiveNo(idOrArchiveNo)
                                        : residents.get(idOrArchiveNo);
    if (!r) {
        auto byId = residents.byIdNumber(idOrArchiveNo);
        if (!byId.empty()) return byId.front();
        throw NotFoundError(format(tr("No resident {0}"), {idOrArchiveNo}));
    }
    return *r;
}

// A duplicate the hub merged resolves to its survivor, when this site holds it (a link
// chain is followed a few steps; a survivor outside the site's scope leaves the record as is).
Resident Registry::survivorOf(Resident r) {
    store::ResidentRepository residents(m_db);
    for (int step = 0; step < 8 && !r.mergedInto.empty(); ++step) {
        auto next = residents.get(r.mergedInto);
        if (!next) break;
        r = std::move(*next);
    }
    return r;
}

std::vector<Resident> Registry::find(const std::string& query, std::size_t limit) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::Transaction tx(m_db, store::Transaction::Mode::Deferred);
    const auto ids = store::SearchIndex(m_db).find(query, limit);
    std::vector<Resident> out;
    std::set<std::string> seen;
    for (auto& r : store::ResidentRepository(m_db).getMany(ids)) {
        auto survivor = survivorOf(std::move(r));
        if (!m_session.covers(survivor.villageCode)) continue;  // outside the user's area
        if (seen.insert(survivor.id).second) out.push_back(std::move(survivor));
    }
    return out;
}

Resident Registry::unmerge(const std::string& idOrArchiveNo) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    auto r = getUnmerged(idOrArchiveNo);
    if (r.mergedInto.empty())
        throw ConflictError(format(tr("The record of {0} is not merged into another"), {r.name}));
    r.mergedInto.clear();
    r.updatedOn = today();
    store::ResidentRepository(m_db).update(r, m_user);
    tx.commit();
    return r;
}

model::Household Registry::createHousehold(const std::string& villageCode,
                                           const std::string& address,
                                           const std::string& headResidentId) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    if (auto errors = rules::validateAddress(address, true); !errors.empty()) throw ValidationError(std::move(errors));
    store::Transaction tx(m_db);
    checkVillage(villageCode);
    auto head = store::ResidentRepository(m_db).get(headResidentId);
    if (!head) throw ValidationError("head", tr("No such resident"));
    if (head->status != model::RecordStatus::Active)
        throw ValidationError("head", tr("The head of a household must have an active record"));
    model::Household h;
    h.id = newUuidV7();
    h.villageCode = villageCode;
    h.address = address;
    h.headId = head->id;
    h.createdOn = today();
    store::HouseholdRepository(m_db).insert(h, m_user);
    moveInTransaction(h.id, head->id, "0", today());
    tx.commit();
    return household(h.id);
}

void Registry::moveInTransaction(const std::string& householdId, const std::string& residentId,
                                 const std::string& relation, const Date& on) {
    store::HouseholdRepository households(m_db);
    if (auto current = households.currentMembership(residentId)) {
        if (current->householdId == householdId) {
            if (current->relation != relation) households.setRelation(current->id, relation, m_user);
            return;
        }
        households.closeMember(current->id, on, tr("Moved to another household"), m_user);
        // A head who leaves leaves the old household without a head until one is chosen.
        if (auto old = households.get(current->householdId, false);
            old && old->headId == residentId) {
            old->headId.clear();
            households.updateHousehold(*old, m_user);
        }
    }
    joinInTransaction(householdId, residentId, relation, on);
}

void Registry::joinInTransaction(const std::string& householdId, const std::string& residentId,
                                 const std::string& relation, const Date& on) {
    store::HouseholdRepository households(m_db);
    model::HouseholdMember m;
    m.id = newUuidV7();
    m.householdId = householdId;
    m.residentId = residentId;
    m.relation = relation;
    m.joinedOn = on;
    households.insertMember(m, m_user);
}

void Registry::addMember(const std::string& householdId, const std::string& residentId,
                         const std::string& relation, std::optional<Date> on) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    if (!rules::findCode("relation", relation))
        throw ValidationError("relation",
                              format(tr("\"{0}\" is not one of the allowed codes"), {relation}));
    store::Transaction tx(m_db);
    store::HouseholdRepository households(m_db);
    auto h = households.get(householdId);
    if (!h || h->status != "active")
        throw ValidationError("household", tr("The household does not exist or is closed"));
    auto r = store::ResidentRepository(m_db).get(residentId);
    if (!r) throw ValidationError("resident", tr("No such resident"));
    requireHeldHere(*r);
    if (r->status != model::RecordStatus::Active)
        throw ValidationError("resident", tr("Only a resident with an active record can join a "
                                             "household"));
    if (relation == "0" && !h->headId.empty() && h->headId != residentId)
        throw ValidationError("relation", tr("The household already has a head; change the head "
                                             "instead"));
    moveInTransaction(householdId, residentId, relation, on.value_or(today()));
    if (relation == "0" && h->headId != residentId) {
        h->headId = residentId;
        households.updateHousehold(*h, m_user);
    }
    tx.commit();
}

void Registry::changeHead(const std::string& householdId, const std::string& newHeadId,
                          const std::string& oldHeadRelation) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    store::Transaction tx(m_db);
    store::HouseholdRepository households(m_db);
    auto h = households.get(householdId);
    if (!h) throw NotFoundError(tr("No such household"));
    std::optional<model::HouseholdMember> newHead, oldHead;
    for (const auto& m : h->members) {
        if (m.leftOn) continue;
        if (m.residentId == newHeadId) newHead = m;
        if (m.residentId == h->headId) oldHead = m;
    }
    if (!newHead) throw ValidationError("head", tr("The new head must be a current member"));
    if (oldHead && oldHead->residentId != newHeadId) {
        if (!rules::findCode("relation", oldHeadRelation) || oldHeadRelation == "0")
            throw ValidationError("relation", tr("Choose the old head's relation to the new head"));
        households.setRelation(oldHead->id, oldHeadRelation, m_user);
    }
    households.setRelation(newHead->id, "0", m_user);
    h->headId = newHeadId;
    households.updateHousehold(*h, m_user);
    tx.commit();
}

void Registry::editHouseholdAddress(const std::string& householdId, const std::string& address) {
    Guard(m_db, m_session).require(rules::Right::EditRecords);
    if (auto errors = rules::validateAddress(address, true); !errors.empty()) throw ValidationError(std::move(errors));
    store::Transaction tx(m_db);
    store::HouseholdRepository households(m_db);
    auto h = households.get(householdId);
    if (!h) throw NotFoundError(tr("No such household"));
    h->address = address;
    households.updateHousehold(*h, m_user);
    tx.commit();
}

model::Household Registry::household(const std::string& householdId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    auto h = store::HouseholdRepository(m_db).get(householdId);
    if (!h) throw NotFoundError(tr("No such household"));
    return *h;
}

std::optional<model::Household> Registry::householdOf(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::HouseholdRepository households(m_db);
    auto m = households.currentMembership(residentId);
    if (!m) return std::nullopt;
    return households.get(m->householdId);
}

std::optional<model::Household> Registry::lastHouseholdOf(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    store::HouseholdRepository households(m_db);
    const auto all = households.memberships(residentId);
    if (all.empty()) return std::nullopt;
    return households.get(all.front().householdId);
}

std::vector<model::Household> Registry::findHouseholds(const std::string& villageCode,
                                                       const std::string& text,
                                                       std::size_t limit) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    return store::HouseholdRepository(m_db).find(villageCode, text, limit);
}

}  // namespace jiayi::services
