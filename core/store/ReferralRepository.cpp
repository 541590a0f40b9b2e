#include "core/store/ReferralRepository.h"

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::Referral;
namespace col = column;

namespace {

const std::vector<Column<Referral>>& referralColumns() {
    static const std::vector<Column<Referral>> columns{
        col::text("resident_id", &Referral::residentId),
        col::text("village_code", &Referral::villageCode),
        col::text("direction", &Referral::direction),
        col::text("follow_up_id", &Referral::followUpId),
        col::text("from_site", &Referral::fromSite),
        col::text("state", &Referral::state),
        col::integer("state_epoch", &Referral::stateEpoch),
        col::text("urgency", &Referral::urgency),
        col::text("to_institution", &Referral::toInstitution),
        col::text("to_department", &Referral::toDepartment),
        col::text("to_doctor", &Referral::toDoctor),
        col::text("from_institution", &Referral::fromInstitution),
        col::text("from_doctor", &Referral::fromDoctor),
        col::text("from_phone", &Referral::fromPhone),
        col::text("impression", &Referral::impression),
        col::text("reason", &Referral::reason),
        col::text("past_history", &Referral::pastHistory),
        col::text("treatment", &Referral::treatment),
        col::text("purpose", &Referral::purpose),
        col::text("payment", &Referral::payment),
        col::boolean("consent", &Referral::consent),
        col::date("referred_on", &Referral::referredOn),
        col::text("sent_at", &Referral::sentAt),
        col::text("accepted_at", &Referral::acceptedAt),
        col::text("accepted_by", &Referral::acceptedBy),
        col::text("refused_at", &Referral::refusedAt),
        col::text("refused_by", &Referral::refusedBy),
        col::text("refuse_reason", &Referral::refuseReason),
        col::text("cancelled_at", &Referral::cancelledAt),
        col::text("cancelled_by", &Referral::cancelledBy),
        col::text("cancel_reason", &Referral::cancelReason),
        col::text("closed_at", &Referral::closedAt),
        col::text("closed_by", &Referral::closedBy),
        col::text("close_note", &Referral::closeNote),
        col::text("return_diagnosis", &Referral::returnDiagnosis),
        col::text("return_record_no", &Referral::returnRecordNo),
        col::text("return_tests", &Referral::returnTests),
        col::text("return_advice", &Referral::returnAdvice),
        col::text("return_outcome", &Referral::returnOutcome),
        col::text("returned_by", &Referral::returnedBy),
        col::text("return_institution", &Referral::returnInstitution),
        col::date("returned_on", &Referral::returnedOn),
    };
    return columns;
}

std::vector<Referral> query(Database& db, const std::string& where, const std::vector<std::string>& args) {
    auto& st = db.cached(selectFrom("referral", referralColumns()) + where);
    int i = 1;
    for (const auto& a : args) st.bind(i++, a);
    return readRows(st, referralColumns());
}

}  // namespace

std::string toJson(const Referral& r) { return recordJson(r, referralColumns()); }

std::optional<Referral> ReferralRepository::get(const std::string& id) {
    auto rows = query(m_db, "WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void ReferralRepository::insert(const Referral& r, const std::string& user) {
    m_db.changes().insert("referral", r.id, fieldsOf(r, referralColumns()), user);
}

void ReferralRepository::update(const Referral& r, const std::string& user) {
    m_db.changes().update("referral", r.id, fieldsOf(r, referralColumns()), user);
}

std::vector<Referral> ReferralRepository::fromSite(const std::string& site) {
    return query(m_db, "WHERE from_site = ? ORDER BY referred_on DESC, id DESC", {site});
}

std::vector<Referral> ReferralRepository::receivedIn(const std::string& scope, const std::string& exceptSite) {
    return query(m_db,
                 "WHERE direction = 'up' AND from_site <> ? AND state IN ('sent', 'accepted', 'refused', 'returned') "
                 "AND village_code >= ? AND village_code < ? ORDER BY urgency = 'routine', referred_on, id",
                 {exceptSite, scope, scope + "\x7f"});
}

std::vector<Referral> ReferralRepository::ofResident(const std::string& residentId) {
    return query(m_db, "WHERE resident_id = ? ORDER BY referred_on DESC, id DESC", {residentId});
}

std::vector<Referral> ReferralRepository::withoutFollowUp(const std::string& scope) {
    return query(m_db,
                 "WHERE direction = 'up' AND state IN ('sent', 'accepted', 'refused', 'returned') "
                 "AND village_code >= ? AND village_code < ? AND NOT EXISTS (SELECT 1 FROM follow_up f "
                 "WHERE f.resident_id = referral.resident_id AND f.visit_date > referral.referred_on) "
                 "ORDER BY referred_on, id",
                 {scope, scope + "\x7f"});
}

bool ReferralRepository::followedUpAfter(const std::string& residentId, const Date& date) {
    auto& st = m_db.cached("SELECT 1 FROM follow_up WHERE resident_id = ? AND visit_date > ? LIMIT 1");
    st.bindAll(residentId, formatDate(date));
    const bool found = st.step();
    st.reset();
    return found;
}

}  // namespace jiayi::store
