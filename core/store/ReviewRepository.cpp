#include "core/store/ReviewRepository.h"

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::ReviewCase;
namespace col = column;

namespace {

const std::vector<Column<ReviewCase>>& reviewColumns() {
    static const std::vector<Column<ReviewCase>> columns{
        col::text("resident_id", &ReviewCase::residentId),
        col::text("village_code", &ReviewCase::villageCode),
        col::text("record_table", &ReviewCase::recordTable),
        col::text("record_id", &ReviewCase::recordId),
        col::text("author", &ReviewCase::author),
        col::text("sample_id", &ReviewCase::sampleId),
        col::text("drawn_for", &ReviewCase::drawnFor),
        col::text("assigned_to", &ReviewCase::assignedTo),
        col::text("state", &ReviewCase::state),
        col::integer("state_epoch", &ReviewCase::stateEpoch),
        col::text("method", &ReviewCase::method),
        col::text("outcome", &ReviewCase::outcome),
        col::text("remeasured", &ReviewCase::remeasured),
        col::text("verify_note", &ReviewCase::verifyNote),
        col::text("verified_by", &ReviewCase::verifiedBy),
        col::date("verified_on", &ReviewCase::verifiedOn),
        col::text("send_back_note", &ReviewCase::sendBackNote),
        col::date("sent_back_on", &ReviewCase::sentBackOn),
        col::text("correction_id", &ReviewCase::correctionId),
        col::text("corrected_by", &ReviewCase::correctedBy),
        col::date("corrected_on", &ReviewCase::correctedOn),
        col::text("closed_by", &ReviewCase::closedBy),
        col::date("closed_on", &ReviewCase::closedOn),
        col::text("close_note", &ReviewCase::closeNote),
        col::text("created_by", &ReviewCase::createdBy),
        col::date("created_on", &ReviewCase::createdOn),
    };
    return columns;
}

}  // namespace

std::string toJson(const ReviewCase& c) {
    return recordJson(c, reviewColumns());
}

std::optional<ReviewCase> ReviewRepository::get(const std::string& id) {
    auto& st = m_db.cached(selectFrom("review_case", reviewColumns()) + "WHERE id = ?");
    st.bind(1, id);
    auto rows = readRows(st, reviewColumns());
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

void ReviewRepository::insert(const ReviewCase& c, const std::string& user) {
    m_db.changes().insert("review_case", c.id, fieldsOf(c, reviewColumns()), user);
}

void ReviewRepository::update(const ReviewCase& c, const std::string& user) {
    m_db.changes().update("review_case", c.id, fieldsOf(c, reviewColumns()), user);
}

std::vector<ReviewCase> ReviewRepository::inScope(const std::string& scope,
                                                  const std::string& state,
                                                  const std::string& assignedTo,
                                                  const std::string& author) {
    auto& st = m_db.cached(
        selectFrom("review_case", reviewColumns()) +
        "WHERE village_code >= ?1 AND village_code < ?1 || x'7f' AND (?2 = '' OR state = ?2) "
        "AND (?3 = '' OR assigned_to = ?3) AND (?4 = '' OR author = ?4) ORDER BY id DESC");
    st.bindAll(scope, state, assignedTo, author);
    return readRows(st, reviewColumns());
}

std::vector<ReviewCase> ReviewRepository::ofRecord(const std::string& recordId) {
    auto& st =
        m_db.cached(selectFrom("review_case", reviewColumns()) + "WHERE record_id = ? ORDER BY id");
    st.bind(1, recordId);
    return readRows(st, reviewColumns());
}

}  // namespace jiayi::store
