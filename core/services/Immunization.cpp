#include "core/services/Immunization.h"

#include <algorithm>
#include <map>

#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/services/Guard.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/ChildRepository.h"
#include "core/store/ResidentRepository.h"
#include "core/store/Site.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace im = rules::immunization;

namespace {

constexpr const char* kEditionKey = "immunization.edition";

using rules::trimmed;

}  // namespace

Immunization::Immunization(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

Date Immunization::today() const { return m_today ? *m_today : jiayi::today(); }

std::string Immunization::edition() {
    const auto e = store::siteMeta(m_db, kEditionKey).value_or(im::kDefaultEdition);
    return e.empty() ? std::string(im::kDefaultEdition) : e;
}

void Immunization::setEdition(const std::string& edition) {
    // The site's administrator, or the township's public-health staff who run the programme.
    if (!m_session.can(rules::Right::ManageSite)) Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    im::schedule(edition);  // refuses an edition that is not shipped
    store::Transaction tx(m_db);
    store::setSiteMeta(m_db, kEditionKey, edition);
    store::AuditLog(m_db).append(m_session.login, "setting", "site_meta", kEditionKey, "",
                                 "{\"value\":" + jsonString(edition) + "}");
    tx.commit();
}

const im::Schedule& Immunization::schedule() { return im::schedule(edition()); }

std::vector<im::Given> Immunization::givenOf(const std::vector<model::Vaccination>& records) const {
    std::vector<im::Given> out;
    for (const auto& r : records)
        if (!r.voided && r.givenOn) out.push_back({r.id, r.vaccine, r.dose, *r.givenOn, r.signedAt});
    return out;
}

std::vector<FieldError> Immunization::checkFor(const model::Resident& r, model::Vaccination& v) {
    // Every field's error at once, then the schedule's judgement of a complete entry.
    rules::Checker check(today());
    v.vaccine = trimmed(v.vaccine);
    v.batch = trimmed(v.batch);
    v.givenBy = trimmed(v.givenBy.empty() ? m_session.login : v.givenBy);
    if (v.vaccine.empty()) check.add("vaccine", tr("Required"));
    if (v.dose < 1) check.add("dose", tr("Required: the dose number (1, 2 …)"));
    if (!v.givenOn) check.add("given_on", tr("Required: the date the dose was given"));
    if (v.batch.empty()) check.add("batch", tr("Required: the batch number on the vial"));
    check.length("batch", v.batch, 40);
    check.code("site", "injection_site", v.site, true);
    check.length("given_by", v.givenBy, 40);
    auto errors = check.take();
    if (!r.birthDate || v.vaccine.empty() || v.dose < 1 || !v.givenOn) return errors;
    const im::Given proposed{"", v.vaccine, v.dose, *v.givenOn, ""};
    if (auto refused = im::refusal(schedule(), *r.birthDate, givenOf(store::ChildRepository(m_db).ofResident(r.id)),
                                   proposed, today()))
        errors.push_back(std::move(*refused));
    return errors;
}

std::vector<FieldError> Immunization::check(model::Vaccination v) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = store::ResidentRepository(m_db).get(v.residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(r->villageCode);
    if (!r->birthDate) return {{"birth_date", tr("The record has no birth date: enter it first")}};
    return checkFor(*r, v);
}

model::Vaccination Immunization::record(model::Vaccination v) {
    store::Transaction tx(m_db);
    const auto r = store::ResidentRepository(m_db).get(v.residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(r->villageCode);
    if (r->status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {r->name}));
    if (!r->birthDate) throw ValidationError("birth_date", tr("The record has no birth date: enter it first"));
    auto errors = checkFor(*r, v);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    store::ChildRepository repo(m_db);
    const auto& s = schedule();
    v.id = newUuidV7();
    v.residentId = r->id;
    v.villageCode = r->villageCode;
    v.edition = s.edition;
    v.recordedBy = m_session.login;
    v.signedAt = timestampNow();
    v.voided = false;
    v.voidReason.clear();
    v.voidedBy.clear();
    v.voidedOn.reset();
    repo.insert(v, m_session.login);
    tx.commit();
    return v;
}

model::Vaccination Immunization::voidRecord(const std::string& id, const std::string& reason) {
    store::Transaction tx(m_db);
    store::ChildRepository repo(m_db);
    auto v = repo.get(id);
    if (!v) throw NotFoundError(tr("No such vaccination record"));
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    Guard(m_db, m_session).requireArea(v->villageCode);
    if (v->voided) throw ConflictError(format(tr("That record was voided on {0}"), {v->voidedOn ? formatDate(*v->voidedOn) : "?"}));
    rules::Checker check(today());
    if (trimmed(reason).empty()) check.add("reason", tr("Required: why the record is void"));
    check.length("reason", trimmed(reason), 200);
    if (!check.errors().empty()) throw ValidationError(check.take());
    v->voidReason = trimmed(reason);
    v->voided = true;
    v->voidedBy = m_session.login;
    v->voidedOn = today();
    repo.update(*v, m_session.login);
    tx.commit();
    return *v;
}

ImmunizationCard Immunization::card(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto r = store::ResidentRepository(m_db).get(residentId);
    if (!r) throw NotFoundError(tr("No such resident"));
    Guard(m_db, m_session).requireArea(r->villageCode);
    if (!r->birthDate) throw ValidationError("birth_date", tr("The record has no birth date: enter it first"));
    ImmunizationCard c;
    c.residentId = r->id;
    c.name = r->name;
    c.archiveNo = r->archiveNo;
    c.villageCode = r->villageCode;
    c.sex = r->sex;
    c.birth = *r->birthDate;
    c.edition = edition();
    c.records = store::ChildRepository(m_db).ofResident(r->id);
    c.lines = im::plan(schedule(), c.birth, givenOf(c.records), today());
    for (const auto& l : c.lines) c.duplicates += l.duplicates.size();
    store::AuditLog(m_db).append(m_session.login, "open", "vaccination", r->id, r->id, "{}");
    return c;
}

print::Document Immunization::cardDocument(const std::string& residentId) {
    const auto c = card(residentId);
    print::Document doc;
    doc.titled(tr("Immunization card"));
    print::Block child;
    child.kind = print::Block::Kind::Fields;
    child.fields = {{tr("Name"), c.name},
                    {tr("Sex"), rules::codeLabel("sex", c.sex)},
                    {tr("Date of birth"), formatDate(c.birth)},
                    {tr("Archive number"), c.archiveNo},
                    {tr("Schedule"), schedule().name}};
    doc.blocks.push_back(child);
    print::Block table;
    table.kind = print::Block::Kind::Table;
    table.rows.push_back({tr("Vaccine"), tr("Dose"), tr("Due from"), tr("Given on"), tr("Batch"), tr("Injection site"),
                          tr("Given by"), tr("State")});
    table.widths = {13, 4, 16, 16, 13, 10, 10, 18};
    std::map<std::string, const model::Vaccination*> byId;
    for (const auto& r : c.records) byId[r.id] = &r;
    for (const auto& l : c.lines) {
        if (l.status == im::DoseStatus::Skipped) continue;
        std::vector<std::string> row = {l.vaccine->name, std::to_string(l.dose), formatDate(l.earliest), "", "", "", "", ""};
        if (l.given) {
            const auto* r = byId.at(l.given->id);
            row[3] = formatDate(l.given->date);
            row[4] = r->batch;
            row[5] = rules::codeLabel("injection_site", r->site);
            const auto who = store::displayName(m_db, r->givenBy);
            row[6] = who.empty() ? r->givenBy : who;
            row[7] = l.duplicates.empty() ? tr("Given") : tr("Given; recorded twice, to review");
        } else {
            row[7] = l.status == im::DoseStatus::Overdue ? format(tr("Overdue since {0}"), {formatDate(l.overdueFrom)})
                     : l.status == im::DoseStatus::Due   ? format(tr("Due by {0}"), {formatDate(addDays(l.overdueFrom, -1))})
                     : l.status == im::DoseStatus::TooOld ? tr("No longer given")
                                                          : tr("Not yet due");
        }
        table.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(table));
    doc.note(tr("Bring this card to every vaccination. A dose is due from the date shown; ask the village clinic "
                "about a dose that is overdue."));
    doc.footer = format(tr("Printed on {0}"), {formatDate(today())});
    return doc;
}

std::vector<ChildDue> Immunization::due(const std::string& given, const Date& day) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    const auto scope = Guard(m_db, m_session).withinArea(rules::scopePrefix(given));
    const auto& s = schedule();
    std::vector<ChildDue> out;
    // Children 0-6 (the routine ages); an older child's catch-up is on its card.
    const auto bornFrom = addDays(addMonths(day, -std::min(s.maxAgeMonths, im::kRoutineAgeMonths)), 1);
    std::vector<im::Given> doses;
    for (auto& child : store::ChildRepository(m_db).dueFacts(scope, bornFrom, true, false)) {
        doses.clear();
        for (auto& d : child.doses) doses.push_back({std::move(d.id), std::move(d.vaccine), d.dose, d.givenOn, std::move(d.signedAt)});
        const auto lines = im::plan(s, child.birth, doses, day);
        ChildDue d{child.residentId, child.name, child.archiveNo, child.villageCode, child.birth, {}, 0};
        for (const auto& l : lines) d.duplicates += l.duplicates.size();
        for (const auto* l : im::catchUp(lines)) d.doses.push_back(*l);
        if (!d.doses.empty() || d.duplicates) out.push_back(std::move(d));
    }
    return out;
}

}  // namespace jiayi::services
