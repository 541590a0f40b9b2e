#include "core/store/ContractRepository.h"

#include <algorithm>
#include <sstream>
#include <tuple>

#include "core/store/Columns.h"
#include "core/store/Database.h"
#include "core/store/Site.h"

namespace jiayi::store {

using model::CareTeam;
using model::Contract;
using model::PriorityTag;
using model::ServiceEntry;
using model::TeamMember;
namespace col = column;

namespace {


const std::vector<Column<CareTeam>>& teamColumns() {
    static const std::vector<Column<CareTeam>> columns{
        col::text("division", &CareTeam::division),
        col::text("name", &CareTeam::name),
        col::text("institution", &CareTeam::institution),
        col::words("villages", &CareTeam::villages),
        col::text("lead", &CareTeam::lead),
        col::text("status", &CareTeam::status),
        col::date("created_on", &CareTeam::createdOn),
        col::text("created_by", &CareTeam::createdBy),
    };
    return columns;
}

const std::vector<Column<TeamMember>>& memberColumns() {
    static const std::vector<Column<TeamMember>> columns{
        col::text("team_id", &TeamMember::teamId),
        col::text("division", &TeamMember::division),
        col::text("login", &TeamMember::login),
        col::text("role", &TeamMember::role),
        col::boolean("active", &TeamMember::active),
        col::date("joined_on", &TeamMember::joinedOn),
        col::date("left_on", &TeamMember::leftOn),
    };
    return columns;
}

const std::vector<Column<Contract>>& contractColumns() {
    static const std::vector<Column<Contract>> columns{
        col::text("resident_id", &Contract::residentId),
        col::text("village_code", &Contract::villageCode),
        col::text("household_id", &Contract::householdId),
        col::text("signing_id", &Contract::signingId),
        col::text("team_id", &Contract::teamId),
        col::text("doctor", &Contract::doctor),
        col::text("edition", &Contract::edition),
        col::words("packages", &Contract::packages),
        col::text("state", &Contract::state),
        col::integer("state_epoch", &Contract::stateEpoch),
        col::date("signed_on", &Contract::signedOn),
        col::date("start_on", &Contract::startOn),
        col::date("end_on", &Contract::endOn),
        col::integer("term_years", &Contract::termYears),
        col::integer("fee_fen", &Contract::feeFen),
        col::integer("insurance_fen", &Contract::insuranceFen),
        col::integer("resident_fen", &Contract::residentFen),
        col::boolean("agreement_signed", &Contract::agreementSigned),
        col::text("signed_for", &Contract::signedFor),
        col::text("renews", &Contract::renews),
        col::text("prepared_by", &Contract::preparedBy),
        col::text("signed_by", &Contract::signedBy),
        col::text("signed_at", &Contract::signedAt),
        col::date("ended_on", &Contract::endedOn),
        col::text("end_reason", &Contract::endReason),
        col::text("end_note", &Contract::endNote),
        col::text("ended_by", &Contract::endedBy),
        col::text("created_at", &Contract::createdAt),
    };
    return columns;
}

const std::vector<Column<ServiceEntry>>& serviceColumns() {
    static const std::vector<Column<ServiceEntry>> columns{
        col::text("resident_id", &ServiceEntry::residentId),
        col::text("village_code", &ServiceEntry::villageCode),
        col::text("item", &ServiceEntry::item),
        col::date("service_date", &ServiceEntry::serviceDate),
        col::text("mode", &ServiceEntry::mode),
        col::text("note", &ServiceEntry::note),
        col::text("doctor", &ServiceEntry::doctor),
        col::text("signed_at", &ServiceEntry::signedAt),
        col::integer("version", &ServiceEntry::version),
        col::text("supersedes", &ServiceEntry::supersedes),
        col::text("correction_reason", &ServiceEntry::correctionReason),
    };
    return columns;
}

const std::vector<Column<PriorityTag>>& tagColumns() {
    static const std::vector<Column<PriorityTag>> columns{
        col::text("resident_id", &PriorityTag::residentId),
        col::text("village_code", &PriorityTag::villageCode),
        col::text("tag", &PriorityTag::tag),
        col::boolean("active", &PriorityTag::active),
        col::date("set_on", &PriorityTag::setOn),
        col::text("set_by", &PriorityTag::setBy),
    };
    return columns;
}

template <typename T>
std::vector<T> query(Database& db, const char* table, const std::vector<Column<T>>& columns, const std::string& where,
                     const std::vector<std::string>& args) {
    auto& st = db.cached(selectFrom(table, columns) + where);
    int i = 1;
    for (const auto& a : args) st.bind(i++, a);
    return readRows(st, columns);
}

template <typename T>
std::optional<T> byId(Database& db, const char* table, const std::vector<Column<T>>& columns, const std::string& id) {
    auto rows = query(db, table, columns, "WHERE id = ?", {id});
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

// The records that may deliver an item, one SELECT per kind, each giving
// (table, id, resident, date, kind, programme, mode, item, visit). Superseded versions are left
// out (a corrected visit counts once, contracts.md "Conventions"); so are lost-to-follow-up
// and death entries (nobody was seen), draft and cancelled referrals.
std::string deliverySql(const std::string& where) {
    return "SELECT 'follow_up', f.id, f.resident_id, f.visit_date, 'followup', f.programme, f.mode, '', f.visit_id "
           "FROM follow_up f WHERE " + where + " AND f.visit_date BETWEEN ?3 AND ?4 AND f.mode NOT IN ('lost', 'dead') "
           "AND NOT EXISTS (SELECT 1 FROM follow_up s WHERE s.supersedes = f.id) "
           "UNION ALL SELECT 'health_check', f.id, f.resident_id, f.check_date, 'health_check', '', '', '', "
           "coalesce(f.visit_id, f.id) "
           "FROM health_check f WHERE " + where + " AND f.check_date BETWEEN ?3 AND ?4 "
           "AND NOT EXISTS (SELECT 1 FROM health_check s WHERE s.supersedes = f.id) "
           "UNION ALL SELECT 'bp_screening', f.id, f.resident_id, f.screened_on, 'screening', '', '', '', f.id "
           "FROM bp_screening f WHERE " + where + " AND f.screened_on BETWEEN ?3 AND ?4 "
           "UNION ALL SELECT 'referral', f.id, f.resident_id, f.referred_on, 'referral', '', '', '', f.id "
           "FROM referral f WHERE " + where + " AND f.referred_on BETWEEN ?3 AND ?4 "
           "AND f.state NOT IN ('draft', 'cancelled') "
           "UNION ALL SELECT 'service_entry', f.id, f.resident_id, f.service_date, 'service', '', f.mode, f.item, f.id "
           "FROM service_entry f WHERE " + where + " AND f.service_date BETWEEN ?3 AND ?4 "
           "AND NOT EXISTS (SELECT 1 FROM service_entry s WHERE s.supersedes = f.id)";
}

DeliveryRecord readDelivery(const Statement& st) {
    return {st.text(0), st.text(1), st.text(2), parseDate(st.text(3)).value_or(Date{}), st.text(4), st.text(5),
            st.text(6), st.text(7), st.text(8)};
}

}  // namespace

std::string toJson(const CareTeam& t) { return recordJson(t, teamColumns()); }
std::string toJson(const TeamMember& m) { return recordJson(m, memberColumns()); }
std::string toJson(const Contract& c) { return recordJson(c, contractColumns()); }
std::string toJson(const ServiceEntry& s) { return recordJson(s, serviceColumns()); }

std::optional<CareTeam> ContractRepository::team(const std::string& id) {
    return byId(m_db, "care_team", teamColumns(), id);
}

std::vector<CareTeam> ContractRepository::teams(const std::string& scope) {
    return query(m_db, "care_team", teamColumns(),
                 "WHERE (division >= ?1 AND division < ?1 || x'7f') OR substr(?1, 1, length(division)) = division "
                 "ORDER BY status, name, id",
                 {scope});
}

void ContractRepository::insert(const CareTeam& t, const std::string& user) {
    m_db.changes().insert("care_team", t.id, fieldsOf(t, teamColumns()), user);
}

void ContractRepository::update(const CareTeam& t, const std::string& user) {
    m_db.changes().update("care_team", t.id, fieldsOf(t, teamColumns()), user);
}

std::vector<TeamMember> ContractRepository::members(const std::string& teamId) {
    return query(m_db, "care_team_member", memberColumns(), "WHERE team_id = ? ORDER BY active DESC, joined_on, id",
                 {teamId});
}

void ContractRepository::insert(const TeamMember& m, const std::string& user) {
    m_db.changes().insert("care_team_member", m.id, fieldsOf(m, memberColumns()), user);
}

void ContractRepository::update(const TeamMember& m, const std::string& user) {
    m_db.changes().update("care_team_member", m.id, fieldsOf(m, memberColumns()), user);
}

std::vector<TeamMember> ContractRepository::membershipsOf(const std::string& login) {
    return query(m_db, "care_team_member", memberColumns(), "WHERE login = ? AND active = 1 ORDER BY joined_on, id",
                 {login});
}

std::optional<std::string> ContractRepository::packageBody(const std::string& edition, const std::string& village) {
    auto& st = m_db.cached(
        "SELECT body FROM package_edition WHERE edition = ? AND substr(?, 1, length(division)) = division "
        "ORDER BY length(division) DESC, loaded_on DESC, id DESC LIMIT 1");
    st.bindAll(edition, village);
    std::optional<std::string> body;
    if (st.step()) body = st.text(0);
    st.reset();
    return body;
}

std::optional<std::string> ContractRepository::packageEditionId(const std::string& edition,
                                                                const std::string& division) {
    auto& st = m_db.cached("SELECT id FROM package_edition WHERE edition = ? AND division = ? ORDER BY id LIMIT 1");
    st.bindAll(edition, division);
    std::optional<std::string> id;
    if (st.step()) id = st.text(0);
    st.reset();
    return id;
}

void ContractRepository::insertPackageEdition(const std::string& id, const std::string& division,
                                              const std::string& edition, const std::string& body,
                                              const std::string& loadedOn, const std::string& user) {
    m_db.changes().insert("package_edition", id,
                          {{"division", division},
                           {"edition", edition},
                           {"body", body},
                           {"loaded_by", user},
                           {"loaded_on", loadedOn}},
                          user);
}

void ContractRepository::updatePackageEdition(const std::string& id, const std::string& body,
                                              const std::string& loadedOn, const std::string& user) {
    m_db.changes().update("package_edition", id, {{"body", body}, {"loaded_by", user}, {"loaded_on", loadedOn}},
                          user);
}

std::optional<Contract> ContractRepository::contract(const std::string& id) {
    return byId(m_db, "contract", contractColumns(), id);
}

void ContractRepository::insert(const Contract& c, const std::string& user) {
    m_db.changes().insert("contract", c.id, fieldsOf(c, contractColumns()), user);
}

void ContractRepository::update(const Contract& c, const std::string& user) {
    m_db.changes().update("contract", c.id, fieldsOf(c, contractColumns()), user);
}

std::vector<Contract> ContractRepository::contractsOf(const std::string& residentId) {
    return query(m_db, "contract", contractColumns(), "WHERE resident_id = ? ORDER BY start_on DESC, signed_at, id",
                 {residentId});
}

namespace {

// The StandingFilter as SQL over ?8 (the packages a contract must hold more than; '' = any)
// and ?9 (or ending by).
constexpr const char* kFilterSql = " AND (?8 = '' OR packages <> ?8 OR end_on <= ?9)";

void bindFilter(Statement& st, const StandingFilter& f) {
    st.bind(8, f.onlyPackages).bind(9, formatDate(f.endingBy));
}

}  // namespace

std::vector<Contract> ContractRepository::standing(const std::string& scope, const std::string& teamId,
                                                   const Date& from, const Date& to, const StandingFilter& filter) {
    auto& st = m_db.cached(selectFrom("contract", contractColumns()) +
                           "WHERE village_code >= ?1 AND village_code < ?1 || x'7f' AND state IN ('signed', 'renewed') "
                           "AND start_on <= ?3 AND end_on >= ?2 AND (ended_on IS NULL OR ended_on >= ?2) "
                           "AND (?4 = '' OR team_id = ?4)" +
                           kFilterSql + " ORDER BY resident_id, start_on");
    st.bind(1, scope).bind(2, formatDate(from)).bind(3, formatDate(to)).bind(4, teamId);
    bindFilter(st, filter);
    return readRows(st, contractColumns());
}

std::vector<Contract> ContractRepository::ofSigning(const std::string& signingId) {
    return query(m_db, "contract", contractColumns(), "WHERE signing_id = ? ORDER BY id", {signingId});
}

void ContractRepository::insert(const ServiceEntry& s, const std::string& user) {
    m_db.changes().insert("service_entry", s.id, fieldsOf(s, serviceColumns()), user);
}

std::optional<ServiceEntry> ContractRepository::serviceEntry(const std::string& id) {
    return byId(m_db, "service_entry", serviceColumns(), id);
}

std::vector<ServiceEntry> ContractRepository::serviceEntriesOf(const std::string& residentId) {
    return query(m_db, "service_entry", serviceColumns(),
                 "WHERE resident_id = ? ORDER BY service_date DESC, signed_at DESC, id", {residentId});
}

std::string ContractRepository::serviceSupersededBy(const std::string& id) {
    auto& st = m_db.cached("SELECT id FROM service_entry WHERE supersedes = ? LIMIT 1");
    st.bind(1, id);
    std::string out = st.step() ? st.text(0) : std::string();
    st.reset();
    return out;
}

std::vector<PriorityTag> ContractRepository::tagsOf(const std::string& residentId) {
    return query(m_db, "priority_tag", tagColumns(), "WHERE resident_id = ? ORDER BY tag, id", {residentId});
}

void ContractRepository::insert(const PriorityTag& t, const std::string& user) {
    m_db.changes().insert("priority_tag", t.id, fieldsOf(t, tagColumns()), user);
}

void ContractRepository::update(const PriorityTag& t, const std::string& user) {
    m_db.changes().update("priority_tag", t.id, fieldsOf(t, tagColumns()), user);
}

std::unordered_map<std::string, std::vector<std::string>> ContractRepository::tagsIn(const std::string& scope) {
    auto& st = m_db.cached(
        "SELECT resident_id, tag FROM priority_tag WHERE village_code >= ?1 AND village_code < ?1 || x'7f' "
        "AND active = 1");
    st.bind(1, scope);
    std::unordered_map<std::string, std::vector<std::string>> out;
    while (st.step()) out[st.text(0)].push_back(st.text(1));
    st.reset();
    return out;
}

std::vector<DeliveryRecord> ContractRepository::deliveries(const std::string& residentId, const Date& from,
                                                           const Date& to) {
    auto& st = m_db.cached(deliverySql("f.resident_id = ?1") + " ORDER BY 4, 1, 2");
    st.bind(1, residentId).bind(3, formatDate(from)).bind(4, formatDate(to));
    std::vector<DeliveryRecord> out;
    while (st.step()) out.push_back(readDelivery(st));
    st.reset();
    return out;
}

void ContractRepository::deliveriesIn(const std::string& scope, const Date& from, const Date& to,
                                      const Date& standingOn,
                                      std::unordered_map<std::string, std::vector<DeliveryRecord>>& out,
                                      const StandingFilter& filter) {
    // Only residents with a contract in force: the others' records count toward nothing.
    auto& st = m_db.cached(deliverySql(std::string("f.village_code >= ?1 AND f.village_code < ?2 AND f.resident_id IN "
                                                   "(SELECT resident_id FROM contract WHERE village_code >= ?1 AND "
                                                   "village_code < ?2 AND state IN ('signed', 'renewed') AND start_on "
                                                   "<= ?5 AND end_on >= ?5") +
                                       kFilterSql + ")"));
    st.bindAll(scope, scope + "\x7f", formatDate(from), formatDate(to), formatDate(standingOn));
    bindFilter(st, filter);
    std::vector<std::vector<DeliveryRecord>*> touched;
    while (st.step()) {
        auto record = readDelivery(st);
        auto& list = out[record.residentId];
        if (list.empty()) touched.push_back(&list);
        list.push_back(std::move(record));
    }
    st.reset();
    for (auto* list : touched)
        std::sort(list->begin(), list->end(), [](const DeliveryRecord& a, const DeliveryRecord& b) {
            return std::tie(a.date, a.table, a.id) < std::tie(b.date, b.table, b.id);
        });
}

bool namesDisability(std::string_view disability) {
    // The record's 残疾情况 is a JSON list of codes; "1" is 无残疾.
    for (std::size_t i = 0; (i = disability.find('"', i)) != std::string_view::npos;) {
        const auto end = disability.find('"', i + 1);
        if (end == std::string_view::npos) break;
        const auto code = disability.substr(i + 1, end - i - 1);
        if (!code.empty() && code != "1") return true;
        i = end + 1;
    }
    return false;
}

namespace {

std::vector<ResidentFacts> readFacts(Statement& st) {
    std::vector<ResidentFacts> out;
    while (st.step()) {
        ResidentFacts r{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5),
                        parseDate(st.text(6)), false};
        r.disabled = namesDisability(st.text(7));
        out.push_back(std::move(r));
    }
    st.reset();
    return out;
}

constexpr const char* kFactsSelect =
    "SELECT id, name, archive_no, village_code, sex, coalesce(phone, ''), birth_date, coalesce(disability, '') "
    "FROM resident WHERE village_code >= ?1 AND village_code < ?1 || x'7f' AND status = 'active' "
    "AND merged_into IS NULL";

}  // namespace

std::vector<ResidentFacts> ContractRepository::residentsIn(const std::string& scope) {
    auto& st = m_db.cached(std::string(kFactsSelect) + " ORDER BY village_code, archive_no");
    st.bind(1, scope);
    return readFacts(st);
}

namespace {
// The contracts in force on ?2 in the area ?1 (the contract pages' rule).
constexpr const char* kStandingSql =
    "SELECT resident_id FROM contract WHERE village_code >= ?1 AND village_code < ?1 || x'7f' AND state IN "
    "('signed', 'renewed') AND start_on <= ?2 AND end_on >= ?2";
}  // namespace

std::vector<ResidentFacts> ContractRepository::contractedIn(const std::string& scope, const Date& day,
                                                         const StandingFilter& filter) {
    auto& st = m_db.cached(std::string(kFactsSelect) + " AND id IN (" + kStandingSql + kFilterSql + ")");
    st.bindAll(scope, formatDate(day));
    bindFilter(st, filter);
    return readFacts(st);
}

std::unordered_set<std::string> ContractRepository::contractedIds(const std::string& scope, const Date& day) {
    auto& st = m_db.cached(kStandingSql);
    st.bindAll(scope, formatDate(day));
    std::unordered_set<std::string> out;
    while (st.step()) out.insert(st.text(0));
    st.reset();
    return out;
}

std::unordered_map<std::string, std::vector<std::string>> ContractRepository::programmesIn(const std::string& scope) {
    auto& st = m_db.cached(
        "SELECT resident_id, programme FROM programme_enrolment WHERE village_code >= ?1 "
        "AND village_code < ?1 || x'7f' AND status = 'active'");
    st.bind(1, scope);
    std::unordered_map<std::string, std::vector<std::string>> out;
    while (st.step()) out[st.text(0)].push_back(st.text(1));
    st.reset();
    return out;
}

}  // namespace jiayi::store
