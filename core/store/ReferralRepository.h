#pragma once
// Maps referral rows ↔ model::Referral. Writes go through the change capture in the
// caller's transaction; a state change writes the state and that side's own columns.
#include <optional>
#include <string>
#include <vector>

#include "core/model/Referral.h"
#include "core/store/Value.h"

namespace jiayi::store {

class Database;

std::string toJson(const model::Referral& r);

class ReferralRepository {
public:
    explicit ReferralRepository(Database& db) : m_db(db) {}

    std::optional<model::Referral> get(const std::string& id);
    void insert(const model::Referral& r, const std::string& user);
    // Writes the fields of `r` that differ from the stored row.
    void update(const model::Referral& r, const std::string& user);

    std::vector<model::Referral> fromSite(const std::string& site);
    // Up-referrals of residents in `scope` written by other sites and not yet closed.
    std::vector<model::Referral> receivedIn(const std::string& scope, const std::string& exceptSite);
    std::vector<model::Referral> ofResident(const std::string& residentId);
    // Up-referrals in `scope`, sent and not cancelled or closed, with no follow-up of the
    // resident after the referral date.
    std::vector<model::Referral> withoutFollowUp(const std::string& scope);
    // Whether the resident has a follow-up dated after `date`.
    bool followedUpAfter(const std::string& residentId, const Date& date);

private:
    Database& m_db;
};

}  // namespace jiayi::store
