#include "core/services/Quality.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <set>
#include <unordered_map>

#include "core/rules/Divisions.h"
#include "core/rules/FieldChecker.h"
#include "core/services/Guard.h"
#include "core/services/Supervision.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/store/ReviewRepository.h"
#include "core/store/SupervisionRepository.h"
#include "core/util/I18n.h"
#include "core/util/Json.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

namespace quality = rules::quality;
using model::ReviewCase;

namespace {

void rank(std::vector<quality::Signal>& signals) {
    std::stable_sort(
        signals.begin(), signals.end(),
        [](const quality::Signal& a, const quality::Signal& b) { return a.score > b.score; });
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The transitions of quality.md "Review workflow".
void requireState(const ReviewCase& c, std::initializer_list<const char*> allowed,
                  const std::string& action) {
    for (const char* s : allowed)
        if (c.state == s) return;
    throw ConflictError(
        format(tr("This case is {0}: it cannot be {1} now"), {reviewStateName(c.state), action}));
}

}  // namespace

std::string reviewStateName(const std::string& state) {
    if (state == "open") return tr("Open");
    if (state == "verified") return tr("Verified");
    if (state == "sent_back") return tr("Sent back for correction");
    if (state == "corrected") return tr("Corrected by the author");
    if (state == "closed") return tr("Closed");
    return state;
}

std::string reviewOutcomeName(const std::string& outcome) {
    if (outcome == "confirmed") return tr("Confirmed");
    if (outcome == "not_confirmed") return tr("Not confirmed (not done as recorded)");
    if (outcome == "data_error") return tr("Data error");
    return outcome;
}

double QualityScan::scoreOf(const std::string& subject) const {
    double total = 0;
    for (const auto* list : {&doctors, &villages})
        for (const auto& s : *list)
            if (s.subject == subject) total += s.score;
    return total;
}

Quality::Quality(store::Database& db, Session session) : m_db(db), m_session(std::move(session)) {}

Date Quality::today() const {
    return m_today ? *m_today : jiayi::today();
}

std::string Quality::area(const std::string& scope) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    return Guard(m_db, m_session).withinArea(rules::scopePrefix(scope));
}

QualityScan Quality::scan(const std::string& scope, const rules::indicators::Period& period) {
    QualityScan out;
    out.scope = area(scope);
    out.period = period;
    const auto config = Supervision(m_db, m_session).config();
    std::optional<store::Transaction> snapshot;
    if (!m_db.inTransaction()) snapshot.emplace(m_db, store::Transaction::Mode::Deferred);
    const auto visits =
        store::SupervisionRepository(m_db).visits(out.scope, period.from, period.to);
    out.visits = visits.size();
    std::map<std::string, std::vector<const quality::Visit*>> byDoctor, byVillage;
    const auto day = today();
    for (const auto& v : visits) {
        byDoctor[v.doctor].push_back(&v);
        byVillage[v.villageCode].push_back(&v);
        for (auto& reason : quality::logicErrors(v, day))
            out.errors.push_back({v.id, v.residentId, v.villageCode, v.doctor, v.date, std::move(reason)});
    }
    std::stable_sort(out.errors.begin(), out.errors.end(),
                     [](const QualityScan::RecordError& a, const QualityScan::RecordError& b) { return a.date < b.date; });
    for (const auto& [doctor, vs] : byDoctor) {
        out.visitsByDoctor[doctor] = vs.size();
        for (auto& s : quality::signalsFor(doctor, vs, config, period)) out.doctors.push_back(std::move(s));
    }
    for (const auto& [village, vs] : byVillage) {
        out.visitsByVillage[village] = vs.size();
        for (auto& s : quality::signalsFor(village, vs, config, period))
            out.villages.push_back(std::move(s));
    }
    rank(out.doctors);
    rank(out.villages);
    return out;
}

std::vector<ReviewView> Quality::drawSample(const SampleRequest& request) {
    const auto scope = area(request.scope);
    if (request.size < 1 || request.size > 1000)
        throw ValidationError("size", tr("Draw between 1 and 1,000 records"));
    std::vector<std::string> reviewers;
    for (const auto& r : request.reviewers)
        if (!trimmed(r).empty()) reviewers.push_back(trimmed(r));
    if (reviewers.empty()) throw ValidationError("reviewers", tr("Name at least one reviewer"));
    QualityScan signals;
    if (request.weighted) signals = scan(scope, request.period);
    store::Transaction tx(m_db);
    auto visits =
        store::SupervisionRepository(m_db).visits(scope, request.period.from, request.period.to);
    // Hypertension and diabetes follow-ups where someone was seen or phoned, not under review.
    std::set<std::string> reviewed;
    for (const auto& c : store::ReviewRepository(m_db).inScope(scope, "", "", ""))
        if (c.state != "closed") reviewed.insert(c.recordId);
    std::erase_if(visits, [&](const quality::Visit& v) {
        return (v.programme != "htn" && v.programme != "t2d") || v.mode == "lost" ||
               v.mode == "dead" || reviewed.count(v.id) > 0;
    });
    if (visits.empty()) throw NotFoundError(tr("No follow-up in the area and period to draw from"));
    // The weight of a record: 1, plus ten times the scores of the signals that list it, of its
    // doctor and of its village (a signal's records are drawn first; the rest still can be).
    std::unordered_map<std::string, std::pair<double, std::string>>
        weight;  // id → (weight, signal codes)
    for (const auto* list : {&signals.doctors, &signals.villages})
        for (const auto& s : *list)
            for (const auto& id : s.records) {
                auto& w = weight[id];
                w.first += s.score;
                if (w.second.find(quality::code(s.kind)) == std::string::npos)
                    w.second += (w.second.empty() ? "" : " ") + std::string(quality::code(s.kind));
            }
    std::mt19937_64 random(request.seed ? *request.seed : std::random_device{}());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    // Weighted sampling without replacement (Efraimidis-Spirakis): key u^(1/w), largest first.
    std::vector<std::pair<double, const quality::Visit*>> keyed;
    keyed.reserve(visits.size());
    for (const auto& v : visits) {
        // A record behind a signal weighs 10 times its signals' scores more than one behind none.
        const double w = 1.0 + (request.weighted ? 10.0 * weight[v.id].first : 0.0);
        keyed.emplace_back(std::pow(std::max(unit(random), 1e-12), 1.0 / w), &v);
    }
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(request.size), keyed.size());
    std::partial_sort(keyed.begin(), keyed.begin() + static_cast<long>(n), keyed.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    const auto sampleId = newUuidV7();
    store::ReviewRepository repo(m_db);
    std::vector<ReviewCase> made;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& v = *keyed[i].second;
        ReviewCase c;
        c.id = newUuidV7();
        c.residentId = v.residentId;
        c.villageCode = v.villageCode;
        c.recordId = v.id;
        c.author = v.doctor;
        c.sampleId = sampleId;
        const auto& why = weight[v.id].second;
        c.drawnFor = request.weighted && !why.empty() ? why : "random";
        c.assignedTo = reviewers[i % reviewers.size()];
        c.createdBy = m_session.login;
        c.createdOn = today();
        repo.insert(c, m_session.login);
        made.push_back(std::move(c));
    }
    tx.commit();
    std::vector<ReviewView> out;
    for (auto& c : made) out.push_back(makeView(std::move(c)));
    return out;
}

ReviewCase Quality::load(const std::string& caseId) {
    auto c = store::ReviewRepository(m_db).get(caseId);
    if (!c) throw NotFoundError(tr("No such review case"));
    return *c;
}

ReviewView Quality::verify(const std::string& caseId, const Verification& v) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    store::Transaction tx(m_db);
    auto c = load(caseId);
    Guard(m_db, m_session).requireArea(c.villageCode);
    requireState(c, {"open", "verified"}, tr("verified"));
    rules::Checker check(today());
    if (v.method != "phone" && v.method != "home")
        check.add("method", tr("Choose phone or home visit"));
    if (v.outcome != "confirmed" && v.outcome != "not_confirmed" && v.outcome != "data_error")
        check.add("outcome", tr("Choose confirmed, not confirmed or data error"));
    check.range("systolic", v.systolic, 60, 300, "mmHg");
    check.range("diastolic", v.diastolic, 30, 200, "mmHg");
    check.range("fasting_glucose", v.fastingGlucose, 1.0, 35.0, "mmol/L");
    if (v.systolic.has_value() != v.diastolic.has_value())
        check.add(v.systolic ? "diastolic" : "systolic",
                  tr("Blood pressure needs both systolic and diastolic"));
    if (v.systolic && v.diastolic && *v.diastolic >= *v.systolic && !check.has("diastolic"))
        check.add("diastolic", tr("Diastolic pressure must be lower than systolic"));
    if (v.outcome != "confirmed" && trimmed(v.note).empty())
        check.add("note", tr("Required: what was found"));
    check.length("note", v.note, 500);
    if (!check.errors().empty()) throw ValidationError(check.take());
    std::string remeasured = "{";
    const auto field = [&](const char* name, const std::string& value) {
        if (remeasured.size() > 1) remeasured += ",";
        remeasured += "\"" + std::string(name) + "\":" + value;
    };
    if (v.systolic) field("systolic", std::to_string(*v.systolic));
    if (v.diastolic) field("diastolic", std::to_string(*v.diastolic));
    if (v.fastingGlucose) {
        std::string g = std::to_string(*v.fastingGlucose);
        g.erase(g.find_last_not_of('0') + 1);
        if (!g.empty() && g.back() == '.') g.pop_back();
        field("fasting_glucose", g);
    }
    remeasured += "}";
    c.state = "verified";
    c.method = v.method;
    c.outcome = v.outcome;
    c.remeasured = remeasured == "{}" ? "" : remeasured;
    c.verifyNote = trimmed(v.note);
    c.verifiedBy = m_session.login;
    c.verifiedOn = today();
    store::ReviewRepository(m_db).update(c, m_session.login);
    tx.commit();
    return makeView(std::move(c));
}

ReviewView Quality::sendBack(const std::string& caseId, const std::string& note) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    store::Transaction tx(m_db);
    auto c = load(caseId);
    Guard(m_db, m_session).requireArea(c.villageCode);
    requireState(c, {"verified"}, tr("sent back"));
    if (c.outcome == "confirmed")
        throw ConflictError(tr("The record was confirmed: there is nothing to correct"));
    if (trimmed(note).empty())
        throw ValidationError("note", tr("Required: what the author should correct"));
    rules::Checker check(today());
    check.length("note", note, 500);
    if (!check.errors().empty()) throw ValidationError(check.take());
    c.state = "sent_back";
    c.sendBackNote = trimmed(note);
    c.sentBackOn = today();
    store::ReviewRepository(m_db).update(c, m_session.login);
    tx.commit();
    return makeView(std::move(c));
}

ReviewView Quality::close(const std::string& caseId, const std::string& note) {
    Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    store::Transaction tx(m_db);
    auto c = load(caseId);
    Guard(m_db, m_session).requireArea(c.villageCode);
    requireState(c, {"verified", "sent_back", "corrected"}, tr("closed"));
    if (c.state == "sent_back" && trimmed(note).empty())
        throw ValidationError(
            "note", tr("Required: why the case closes before the author corrected the record"));
    c.state = "closed";
    c.closeNote = trimmed(note);
    c.closedBy = m_session.login;
    c.closedOn = today();
    store::ReviewRepository(m_db).update(c, m_session.login);
    tx.commit();
    return makeView(std::move(c));
}

void Quality::recordCorrection(store::Database& db, const std::string& oldId,
                               const std::string& newId, const std::string& user, const Date& on) {
    store::ReviewRepository repo(db);
    for (auto c : repo.ofRecord(oldId)) {
        if (c.state != "sent_back") continue;
        c.state = "corrected";
        c.correctionId = newId;
        c.correctedBy = user;
        c.correctedOn = on;
        repo.update(c, user);
    }
}

ReviewView Quality::view(const std::string& caseId) {
    auto c = load(caseId);
    // The author reads the cases about their records; reviewers read their area's.
    if (c.author != m_session.login || !m_session.can(rules::Right::SignClinical))
        Guard(m_db, m_session).require(rules::Right::ReviewQuality);
    Guard(m_db, m_session).requireArea(c.villageCode);
    return makeView(std::move(c));
}

std::vector<ReviewView> Quality::cases(const std::string& scope, const std::string& state,
                                       const std::string& assignedTo) {
    const auto area = this->area(scope);
    std::vector<ReviewView> out;
    for (auto& c : store::ReviewRepository(m_db).inScope(area, state, assignedTo, ""))
        out.push_back(makeView(std::move(c)));
    return out;
}

std::vector<ReviewView> Quality::requests() {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    const auto area = Guard(m_db, m_session).withinArea("");
    std::vector<ReviewView> out;
    for (auto& c : store::ReviewRepository(m_db).inScope(area, "sent_back", "", m_session.login))
        out.push_back(makeView(std::move(c)));
    return out;
}

std::vector<ReviewScore> Quality::scoresByDoctor(const std::string& scope) {
    return scores(scope, true);
}
std::vector<ReviewScore> Quality::scoresByVillage(const std::string& scope) {
    return scores(scope, false);
}

std::vector<ReviewScore> Quality::scores(const std::string& scope, bool byDoctor) {
    const auto area = this->area(scope);
    std::map<std::string, ReviewScore> by;
    for (const auto& c : store::ReviewRepository(m_db).inScope(area, "", "", "")) {
        auto& s = by[byDoctor ? c.author : c.villageCode];
        s.subject = byDoctor ? c.author : c.villageCode;
        ++s.cases;
        if (c.outcome.empty()) continue;
        ++s.verified;
        if (c.outcome == "confirmed") ++s.confirmed;
        if (c.outcome == "not_confirmed") ++s.notConfirmed;
        if (c.outcome == "data_error") ++s.dataErrors;
        if (!c.correctionId.empty()) ++s.corrected;
    }
    std::vector<ReviewScore> out;
    for (auto& [subject, s] : by) out.push_back(std::move(s));
    // Least confirmed first: where to look.
    std::stable_sort(out.begin(), out.end(), [](const ReviewScore& a, const ReviewScore& b) {
        return a.confirmedShare().value_or(2.0) < b.confirmedShare().value_or(2.0);
    });
    return out;
}

ReviewView Quality::makeView(ReviewCase c) {
    ReviewView v;
    if (const auto r = store::ResidentRepository(m_db).get(c.residentId)) {
        v.residentName = r->name;
        v.archiveNo = r->archiveNo;
    }
    if (const auto f = store::ChronicRepository(m_db).followUp(c.recordId)) {
        v.visitDate = f->visitDate;
        v.systolic = f->systolic;
        v.diastolic = f->diastolic;
        v.fastingGlucose = f->fastingGlucose;
    }
    if (!c.remeasured.empty()) {
        const auto json =
            Poco::JSON::Parser().parse(c.remeasured).extract<Poco::JSON::Object::Ptr>();
        std::string parts;
        const auto text = [](const auto& value) {
            std::ostringstream s;
            s << value;
            return s.str();
        };
        const auto recorded = [&](const auto& value) {
            return value ? text(*value) : tr("nothing");
        };
        if (json->has("systolic") && json->has("diastolic"))
            parts += format(
                tr("blood pressure recorded {0}/{1}, measured again {2}/{3} mmHg"),
                {recorded(v.systolic), recorded(v.diastolic), text(json->getValue<int>("systolic")),
                 text(json->getValue<int>("diastolic"))});
        if (json->has("fasting_glucose"))
            parts += (parts.empty() ? "" : "; ") +
                     format(tr("fasting glucose recorded {0}, measured again {1} mmol/L"),
                            {recorded(v.fastingGlucose),
                             text(json->getValue<double>("fasting_glucose"))});
        v.comparison = parts;
    }
    v.review = std::move(c);
    return v;
}

}  // namespace jiayi::services
