#pragma once
// Resident registry service (居民健康档案): register, edit, close, find residents and
// manage households. Each call: validate → one transaction → rows + change log → values.
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/model/Household.h"
#include "core/model/Resident.h"
#include "core/util/Error.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

// Same valid ID number as an existing record: refused; the caller shows `existing`.
class DuplicateIdNumberError : public ConflictError {
public:
    DuplicateIdNumberError(std::string message, model::Resident existing)
        : ConflictError(std::move(message)), m_existing(std::move(existing)) {}
    const model::Resident& existing() const { return m_existing; }

private:
    model::Resident m_existing;
};

// Same name + sex + birth date + village: a person must confirm it is someone else.
class LikelyDuplicateError : public ConflictError {
public:
    LikelyDuplicateError(std::string message, std::vector<model::Resident> candidates)
        : ConflictError(std::move(message)), m_candidates(std::move(candidates)) {}
    const std::vector<model::Resident>& candidates() const { return m_candidates; }

private:
    std::vector<model::Resident> m_candidates;
};

struct Registration {
    model::Resident resident;  // id, archive number and dates are filled by the registry
    // Household: join an existing one, or found a new one at `newHouseholdAddress` with
    // this person as head. A person without an ID number must have one of the two.
    std::string householdId;
    std::string relation = "0";
    std::string newHouseholdAddress;
    bool confirmedNotDuplicate = false;
};

// A whole family registered at once: members[0] founds the household at `address` as
// its head; the others join with their `relation`.
struct HouseholdRegistration {
    std::string address;
    std::vector<Registration> members;
};

class Registry {
public:
    Registry(store::Database& db, Session session);

    model::Resident registerResident(Registration registration);
    // Many households in one transaction: all or nothing (demo data, bulk loads).
    std::vector<model::Resident> registerHouseholds(std::vector<HouseholdRegistration> households);
    // For callers that run their own transaction (an import with savepoints per row).
    // `registration.householdId` holds the household the person joined or founded.
    model::Resident registerInTransaction(Registration& registration);
    // Writes the fields that changed; returns the updated record.
    model::Resident edit(model::Resident updated);
    // Closes a record (moved away, dead, lost); never deletes.
    model::Resident close(const std::string& residentId, model::RecordStatus status,
                          std::optional<Date> date, const std::string& reason);
    // The same in the caller's transaction (a death recorded at a follow-up).
    model::Resident closeInTransaction(const std::string& residentId, model::RecordStatus status,
                                       std::optional<Date> date, const std::string& reason);
    // Re-opens a closed record (e.g. a move-away recorded by mistake).
    model::Resident reopen(const std::string& residentId);

    // docs/hub.md, Moves: a village site keeps only its own villages. A record that moved
    // to a village outside this site's area (a move made at the township) stays here as
    // history, shown as moved away, and cannot be changed here any more.
    bool movedAway(const model::Resident& resident);
    // The status to show here: moved away for such a record, else the record's own.
    model::RecordStatus statusHere(const model::Resident& resident);
    // Throws ConflictError naming where the person moved, for such a record.
    void requireHeldHere(const model::Resident& resident);

    // A record the hub merged into another (a duplicate) gives that survivor.
    model::Resident get(const std::string& idOrArchiveNo);
    // The record itself, even when merged.
    model::Resident getUnmerged(const std::string& idOrArchiveNo);
    // Undoes the hub's merge of a duplicate: both records stand on their own again.
    model::Resident unmerge(const std::string& idOrArchiveNo);
    std::vector<model::Resident> find(const std::string& query, std::size_t limit = 50);

    // Households.
    model::Household createHousehold(const std::string& villageCode, const std::string& address,
                                     const std::string& headResidentId);
    // Moves a resident into a household (closing any current membership, kept as history).
    void addMember(const std::string& householdId, const std::string& residentId,
                   const std::string& relation, std::optional<Date> on = std::nullopt);
    // Makes another current member the head; the old head becomes `oldHeadRelation`.
    void changeHead(const std::string& householdId, const std::string& newHeadId,
                    const std::string& oldHeadRelation);
    void editHouseholdAddress(const std::string& householdId, const std::string& address);
    model::Household household(const std::string& householdId);
    std::optional<model::Household> householdOf(const std::string& residentId);
    // Where the person lives now, else where they lived last (a closed record).
    std::optional<model::Household> lastHouseholdOf(const std::string& residentId);
    std::vector<model::Household> findHouseholds(const std::string& villageCode,
                                                 const std::string& text, std::size_t limit = 50);

    // Clock for "today" (replaceable in tests).
    void setToday(Date today) { m_today = today; }

private:
    model::Resident survivorOf(model::Resident r);
    void checkVillage(const std::string& villageCode);
    void joinInTransaction(const std::string& householdId, const std::string& residentId,
                           const std::string& relation, const Date& on);
    void moveInTransaction(const std::string& householdId, const std::string& residentId,
                           const std::string& relation, const Date& on);

    store::Database& m_db;
    Session m_session;
    std::string m_user;  // the login, as the change log records it
    std::optional<Date> m_today;
    Date today() const;
};

}  // namespace jiayi::services
