#pragma once
// Two-way referral (双向转诊, shared/domain/referrals.md): the up-referral slip, its states
// moving forward only (draft → sent → accepted | refused → returned → closed; cancelled by
// the sender before acceptance; expired when not accepted in time), the return slip and
// the 2-week follow-up. A referral replicates: the township answers what a village sent.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/services/Session.h"
#include "core/model/Referral.h"
#include "core/util/Date.h"
#include "core/util/Error.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::services {

// A referral as a list shows it: the effective state (a sent referral past its deadline
// reads "expired") and whether the 2-week follow-up is still owed.
struct ReferralView {
    model::Referral referral;
    std::string effectiveState;
    std::string residentName;
    std::string archiveNo;
    std::optional<Date> birthDate;  // for the age a list shows
    std::string phone;
    std::optional<Date> followUpDue;  // referred on + 14 days, while no follow-up since
    bool followUpOverdue = false;
};

class Referrals {
public:
    Referrals(store::Database& db, Session session);

    // A draft slip from a follow-up: the resident, the urgency (urgent when the visit's
    // plan was an urgent referral) and the findings filled in. Not yet saved.
    model::Referral draftFromFollowUp(const std::string& followUpId);
    // Saves a new referral as draft (or straight as sent with `send`).
    model::Referral create(model::Referral referral, bool send);
    // Edits a draft's slip.
    model::Referral editDraft(const model::Referral& referral);
    model::Referral send(const std::string& id);
    // The receiver.
    model::Referral accept(const std::string& id, const std::string& note = {});
    model::Referral refuse(const std::string& id, const std::string& reason);
    // The return slip (回转单): diagnosis, record number, tests, advice, outcome.
    model::Referral returnSlip(const std::string& id, const model::Referral& slip);
    // The sender.
    model::Referral cancel(const std::string& id, const std::string& reason);
    model::Referral close(const std::string& id, const std::string& note = {});

    model::Referral get(const std::string& id);
    ReferralView view(const std::string& id);
    // Up-referrals this workstation sent (outbox) and those it received in its area (inbox:
    // sent, accepted or refused by others, not yet closed).
    std::vector<ReferralView> outbox();
    std::vector<ReferralView> inbox();
    std::vector<ReferralView> ofResident(const std::string& residentId);
    // referrals.md: up-referrals with no follow-up of the resident since (the sender must
    // follow up within 2 weeks), for residents whose village starts with `scope`.
    std::vector<ReferralView> awaitingFollowUp(const std::string& scope);

    // Clock (replaceable in tests): "now" as UTC seconds since the epoch.
    void setNow(std::int64_t unixSeconds) { m_now = unixSeconds; }

private:
    std::int64_t now() const;
    Date today() const;
    ReferralView makeView(model::Referral r);
    model::Referral transition(const std::string& id, const char* to, const std::function<void(model::Referral&)>& fill);

    store::Database& m_db;
    Session m_session;
    std::string m_user;  // the login, as the change log records it
    std::optional<std::int64_t> m_now;
};

// "Sent", "Expired", … (translated) for a referral state code.
std::string referralStateName(const std::string& state);

// Hours a referral may wait for acceptance (referrals.md, project decision): urgent 24,
// routine 14 days.
inline constexpr int kUrgentAcceptHours = 24;
inline constexpr int kRoutineAcceptDays = 14;
inline constexpr int kReferralFollowUpDays = 14;

}  // namespace jiayi::services
