#include "core/services/ChronicCare.h"

#include "core/services/Guard.h"
#include "core/services/Quality.h"

#include <algorithm>
#include <set>

#include "core/rules/Chronic.h"
#include "core/rules/CodeLists.h"
#include "core/rules/FieldChecker.h"
#include "core/rules/FollowUpForm.h"
#include "core/rules/ResidentValidation.h"
#include "core/services/Registry.h"
#include "core/store/AuditLog.h"
#include "core/store/ChronicRepository.h"
#include "core/store/Database.h"
#include "core/store/ResidentRepository.h"
#include "core/util/I18n.h"
#include "core/util/Uuid.h"

namespace jiayi::services {

using model::Enrolment;
using model::FollowUp;
namespace chronic = rules::chronic;

ChronicCare::ChronicCare(store::Database& db, Session session)
    : m_db(db), m_session(std::move(session)), m_user(m_session.login) {}

Date ChronicCare::today() const { return m_today ? *m_today : jiayi::today(); }

namespace {

bool faceToFace(const std::string& mode) { return mode == "clinic" || mode == "home"; }

model::Resident residentOrThrow(store::Database& db, const std::string& id) {
    auto r = store::ResidentRepository(db).get(id);
    if (!r) throw NotFoundError(tr("No such resident"));
    return *r;
}

void addUnique(std::vector<FieldError>& errors, std::vector<FieldError> more) {
    for (auto& e : more) {
        const bool seen = std::any_of(errors.begin(), errors.end(), [&](const FieldError& x) {
            return x.field == e.field && x.reason == e.reason;
        });
        if (!seen) errors.push_back(std::move(e));
    }
}

bool has(const std::vector<std::string>& list, const char* code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

// The findings two forms of one visit share (entered once): they must agree.
void checkShared(const FollowUp& a, const FollowUp& b, std::vector<FieldError>& errors) {
    const auto differ = [&](const char* field, bool different) {
        if (different) errors.push_back({field, tr("Differs between the forms of one visit")});
    };
    differ("visit_date", a.visitDate != b.visitDate);
    differ("mode", a.mode != b.mode);
    differ("systolic", a.systolic != b.systolic);
    differ("diastolic", a.diastolic != b.diastolic);
    differ("heart_rate", a.heartRate != b.heartRate);
    differ("weight", a.weight != b.weight);
    differ("height", a.height != b.height);
}

// What holds between the forms of one visit: one resident, one form per programme, and the
// shared findings as entered (signing fills the height from earlier visits).
void checkVisit(const std::vector<FollowUp>& forms, std::vector<FieldError>& errors) {
    for (std::size_t i = 1; i < forms.size(); ++i) {
        if (forms[i].residentId != forms.front().residentId) throw std::logic_error("one visit is of one resident");
        checkShared(forms.front(), forms[i], errors);
        for (std::size_t j = 0; j < i; ++j)
            if (forms[j].programme == forms[i].programme)
                errors.push_back({"programme", tr("Each programme has one form per visit")});
    }
}

}  // namespace

Enrolment ChronicCare::activeEnrolment(const std::string& residentId, const std::string& programme) {
    for (const auto& e : store::ChronicRepository(m_db).enrolmentsOf(residentId))
        if (e.programme == programme && e.status == "active") return e;
    const auto p = chronic::programmeFromCode(programme);
    throw ValidationError("programme", format(tr("The resident is not under management for {0}"),
                                              {p ? chronic::programmeName(*p) : programme}));
}

void ChronicCare::allow(rules::Right right, const std::string& villageCode, const std::string& programme) const {
    Guard(m_db, m_session).require(right);
    Guard(m_db, m_session).requireArea(villageCode);
    if (programme == "smi") Guard(m_db, m_session).require(rules::Right::ReadMentalIllness);
}

Enrolment ChronicCare::enrol(const EnrolmentRequest& req) {
    store::Transaction tx(m_db);
    const auto resident = residentOrThrow(m_db, req.residentId);
    allow(rules::Right::SignClinical, resident.villageCode, req.programme);
    if (resident.status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {resident.name}));
    std::vector<FieldError> errors;
    const auto programme = chronic::programmeFromCode(req.programme);
    if (!programme) errors.push_back({"programme", format(tr("\"{0}\" is not one of the allowed codes"), {req.programme})});
    Enrolment e;
    e.id = newUuidV7();
    e.residentId = resident.id;
    e.villageCode = resident.villageCode;
    e.programme = req.programme;
    e.enrolledOn = req.enrolledOn ? req.enrolledOn : std::optional<Date>(today());
    e.diagnosedOn = req.diagnosedOn;
    e.diagnosedBy = rules::trimmed(req.diagnosedBy);
    e.doctor = req.doctor.empty() ? m_user : req.doctor;
    e.diagnosis = req.diagnosis;
    e.tbPhase = req.tbPhase;
    e.tbSupervisor = req.tbSupervisor;
    e.tbNotifiedOn = req.tbNotifiedOn;
    rules::Checker check(today());
    check.lifeDate("enrolled_on", e.enrolledOn, resident.birthDate);
    check.lifeDate("diagnosed_on", e.diagnosedOn, resident.birthDate);
    if (e.diagnosedOn && e.enrolledOn && *e.diagnosedOn > *e.enrolledOn && !check.has("diagnosed_on"))
        check.add("diagnosed_on", tr("The diagnosis comes before the enrolment"));
    check.length("diagnosed_by", e.diagnosedBy, rules::kMaxTextLength);
    if (programme) {
        // chronic.md, "Who": hypertension and diabetes from age 35.
        if (const auto min = chronic::minimumEnrolmentAge(*programme);
            min && resident.birthDate && e.enrolledOn && ageOn(*resident.birthDate, *e.enrolledOn) < *min)
            check.add("programme", format(tr("{0} management is for residents aged {1} or older; {2} is {3}"),
                                          {chronic::programmeName(*programme), std::to_string(*min), resident.name,
                                           std::to_string(ageOn(*resident.birthDate, *e.enrolledOn))}));
        if (*programme == chronic::Programme::MentalIllness) check.code("diagnosis", "smi_condition", e.diagnosis, true);
        if (*programme == chronic::Programme::Tuberculosis) {
            check.code("tb_phase", "tb_phase", e.tbPhase, true);
            check.code("tb_supervisor", "tb_supervisor", e.tbSupervisor, true);
            check.lifeDate("tb_notified_on", e.tbNotifiedOn, resident.birthDate);
        } else {
            check.length("diagnosis", e.diagnosis, rules::kMaxTextLength);
        }
        for (const auto& other : store::ChronicRepository(m_db).enrolmentsOf(resident.id))
            if (other.programme == e.programme && other.status == "active")
                check.add("programme", format(tr("{0} is already under management for {1} since {2}"),
                                              {resident.name, chronic::programmeName(*programme),
                                               other.enrolledOn ? formatDate(*other.enrolledOn) : "?"}));
    }
    addUnique(errors, check.take());
    if (!errors.empty()) throw ValidationError(std::move(errors));
    store::ChronicRepository(m_db).insert(e, m_user);
    tx.commit();
    return e;
}

Enrolment ChronicCare::close(const std::string& enrolmentId, const std::string& reason, std::optional<Date> on,
                             const std::string& note) {
    store::Transaction tx(m_db);
    store::ChronicRepository repo(m_db);
    auto e = repo.enrolment(enrolmentId);
    if (!e) throw NotFoundError(tr("No such programme enrolment"));
    allow(rules::Right::SignClinical, e->villageCode, e->programme);
    if (e->status != "active") throw ConflictError(tr("This programme is already closed"));
    rules::Checker check(today());
    check.code("close_reason", "close_reason", reason, true);
    if ((reason == "cured" || reason == "completed") && e->programme != "tb")
        check.add("close_reason", tr("Cured or treatment completed closes tuberculosis management only"));
    e->closedOn = on ? on : std::optional<Date>(today());
    check.lifeDate("closed_on", e->closedOn, std::nullopt);
    if (e->enrolledOn && e->closedOn && *e->closedOn < *e->enrolledOn && !check.has("closed_on"))
        check.add("closed_on", format(tr("The programme began on {0}"), {formatDate(*e->enrolledOn)}));
    check.length("close_note", note, rules::kMaxTextLength);
    if (!check.errors().empty()) throw ValidationError(check.take());
    e->status = "closed";
    e->closeReason = reason;
    e->closeNote = rules::trimmed(note);
    repo.update(*e, m_user);
    tx.commit();
    return *e;
}

Enrolment ChronicCare::reopen(const std::string& enrolmentId) {
    store::Transaction tx(m_db);
    store::ChronicRepository repo(m_db);
    auto e = repo.enrolment(enrolmentId);
    if (!e) throw NotFoundError(tr("No such programme enrolment"));
    allow(rules::Right::SignClinical, e->villageCode, e->programme);
    if (e->status == "active") return *e;
    const auto resident = residentOrThrow(m_db, e->residentId);
    if (resident.status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {resident.name}));
    for (const auto& other : repo.enrolmentsOf(e->residentId))
        if (other.programme == e->programme && other.status == "active")
            throw ConflictError(tr("The resident is already under management again for this programme"));
    e->status = "active";
    e->closedOn.reset();
    e->closeReason.clear();
    e->closeNote.clear();
    ++e->statusEpoch;  // the reopen wins over the closings it has seen, wherever they merge
    repo.update(*e, m_user);
    tx.commit();
    return *e;
}

std::vector<Enrolment> ChronicCare::enrolments(const std::string& residentId) {
    Guard(m_db, m_session).require(rules::Right::ReadRecords);
    auto all = store::ChronicRepository(m_db).enrolmentsOf(residentId);
    std::erase_if(all, [&](const Enrolment& e) {
        return !m_session.covers(e.villageCode) ||
               (e.programme == "smi" && !m_session.can(rules::Right::ReadMentalIllness));
    });
    return all;
}

FollowUp ChronicCare::sign(FollowUp f, const Enrolment& e, const std::string& excludeId,
                           std::vector<FieldError>& errors) {
    store::ChronicRepository repo(m_db);
    const auto resident = residentOrThrow(m_db, e.residentId);
    const auto programme = *chronic::programmeFromCode(e.programme);
    f.residentId = e.residentId;
    f.villageCode = resident.villageCode;  // where the patient lives now
    f.enrolmentId = e.id;
    f.programme = e.programme;

    // Height, weight and BMI: the height of earlier visits when not measured now.
    rules::FollowUpContext ctx;
    ctx.today = today();
    ctx.birthDate = resident.birthDate;
    ctx.enrolledOn = e.enrolledOn;
    for (const auto& earlier : repo.followUpsOf(e.residentId)) {
        if (earlier.id == excludeId || !earlier.visitDate || (f.visitDate && *earlier.visitDate > *f.visitDate))
            continue;
        if (!f.height && earlier.height) f.height = earlier.height;
        if (!ctx.lastWeighed && earlier.weight) {
            ctx.lastWeighed = earlier.visitDate;
            ctx.lastBmi = earlier.bmi;
        }
    }
    const std::string raised = f.classification;
    f.nextStep.clear();
    f.nextDue.reset();
    const auto found = rules::validateFollowUp(f, programme, ctx);
    // The rules judge the visit only from values that are there and possible; other refusals
    // (a symptom not ticked yet) still let the preview show the plan, and signing refuses.
    // (Weight and height only give the BMI, which judges nothing: a weight still to be typed
    // does not hide the blood pressure's classification.)
    static const std::set<std::string_view> kJudged{"visit_date", "mode", "systolic", "diastolic", "heart_rate",
                                                    "fasting_glucose", "temperature", "danger", "smi_findings",
                                                    "tb_phase", "tb_supervisor", "urgent_signs", "death_date"};
    const bool judgeable = std::none_of(found.begin(), found.end(), [](const FieldError& e) { return kJudged.count(e.field) > 0; });
    addUnique(errors, found);
    // quality.md "Checks on individual records": a visit after the recorded death or
    // move-away is a logic error (a correction of an earlier visit of a closed record).
    if (f.visitDate && resident.statusDate && *f.visitDate > *resident.statusDate &&
        (resident.status == model::RecordStatus::Dead || resident.status == model::RecordStatus::Moved))
        addUnique(errors, {{"visit_date", format(resident.status == model::RecordStatus::Dead
                                                     ? tr("The visit is after the recorded death on {0}")
                                                     : tr("The visit is after the move-away on {0}"),
                                                 {formatDate(*resident.statusDate)})}});
    if (!judgeable || !f.visitDate) return f;

    f.bmi = chronic::bmi(f.weight, f.height);
    // 体重指数 目标: from the target weight when there is one, as the form shows it while typed.
    if (const auto target = chronic::bmi(f.targetWeight, f.height)) f.targetBmi = target;
    const auto day = *f.visitDate;
    const auto previous = repo.latestBefore(e.id, day, false, excludeId);
    f.classification.clear();
    f.computedClassification.clear();
    f.controlled.reset();
    chronic::Plan plan;
    if (f.mode == "dead") {
        plan.step = chronic::NextStep::KeepSchedule;
        plan.cause.clear();
    } else if (f.mode == "lost") {
        plan.step = chronic::NextStep::KeepSchedule;
        plan.cause = "lost";
        plan.due = previous && previous->nextDue ? *previous->nextDue : day;
        plan.detail = f.lostReason;
    } else if (programme == chronic::Programme::Hypertension || programme == chronic::Programme::Diabetes) {
        const auto v = rules::findingsOf(f, resident.birthDate ? ageOn(*resident.birthDate, day) : 0);
        const auto computed = chronic::classify(programme, v);
        std::optional<chronic::Classification> doctor;
        if (!raised.empty()) {
            doctor = chronic::classificationFromCode(raised);
            if (!doctor)
                errors.push_back({"classification", format(tr("\"{0}\" is not one of the allowed codes"), {raised})});
        }
        const auto chosen = chronic::chooseClassification(computed, doctor);
        if (chosen.refusal) errors.push_back({"classification", *chosen.refusal});
        f.computedClassification = chronic::code(computed);
        f.classification = chronic::code(chosen.value);
        f.controlled = chronic::controlled(programme, v);
        if (chosen.value == chronic::Classification::Uncontrolled) f.controlled = false;
        const auto measured = repo.latestBefore(e.id, day, true, excludeId);
        std::optional<chronic::PreviousVisit> previousMeasured, previousAny;
        if (measured && measured->visitDate) previousMeasured = chronic::PreviousVisit{*measured->visitDate, measured->controlled, measured->nextDue};
        if (previous && previous->visitDate) previousAny = chronic::PreviousVisit{*previous->visitDate, previous->controlled, previous->nextDue};
        plan = chronic::planAfterVisit(programme, v, chosen.value, previousMeasured, previousAny);
    } else if (programme == chronic::Programme::MentalIllness) {
        chronic::SmiFindings s;
        s.date = day;
        s.danger = f.danger.value_or(0);
        s.obviousSymptoms = has(f.smiFindings, "obvious_symptoms");
        s.someSymptoms = has(f.smiFindings, "some_symptoms");
        s.noInsight = has(f.smiFindings, "no_insight");
        s.poorInsight = has(f.smiFindings, "poor_insight");
        s.poorSocialFunction = has(f.smiFindings, "poor_social_function");
        s.seriousAdverseReaction = has(f.smiFindings, "serious_adverse_reaction");
        s.seriousPhysicalIllness = has(f.smiFindings, "serious_physical_illness");
        const auto computed = chronic::classifySmi(s);
        auto chosen = computed;
        if (!raised.empty()) {
            const auto doctor = chronic::smiClassFromCode(raised);
            if (!doctor || *doctor < computed)
                errors.push_back({"classification", format(tr("The findings make this visit \"{0}\"; it can be "
                                                              "raised, not lowered"),
                                                           {chronic::smiClassName(computed)})});
            else
                chosen = *doctor;
        }
        f.computedClassification = chronic::code(computed);
        f.classification = chronic::code(chosen);
        std::optional<chronic::SmiClass> before;
        if (previous) before = chronic::smiClassFromCode(previous->classification);
        plan = chronic::planAfterSmiVisit(s, chosen, before);
    } else {
        if (f.tbPhase.empty()) f.tbPhase = e.tbPhase;
        if (f.tbSupervisor.empty()) f.tbSupervisor = e.tbSupervisor;
        const auto phase = chronic::tbPhaseFromCode(f.tbPhase).value_or(chronic::TbPhase::Intensive);
        const auto supervisor = chronic::tbSupervisorFromCode(f.tbSupervisor).value_or(chronic::TbSupervisor::Family);
        plan = chronic::planAfterTbVisit(day, phase, supervisor);
    }
    if (f.mode != "dead") {
        f.nextStep = chronic::code(plan.step);
        f.nextDue = plan.due;
        // The form's next-visit date (下次随访日期): the doctor may see the patient sooner
        // than the rules ask, never later (chronic.md, follow-up intervals).
        if (f.chosenNextDue) {
            if (*f.chosenNextDue <= day)
                errors.push_back({"next_due", tr("The next visit must come after this visit")});
            else if (*f.chosenNextDue > plan.due)
                errors.push_back({"next_due", format(tr("The rules call for the next visit by {0}; choose that date "
                                                        "or an earlier one"),
                                                     {formatDate(plan.due)})});
            else
                f.nextDue = f.chosenNextDue;
        }
    } else if (f.chosenNextDue) {
        errors.push_back({"next_due", tr("A death entry has no next visit")});
    }
    f.planCause = plan.cause;
    f.planPrevious = plan.previous;
    f.planDetail = plan.detail;
    f.doctor = m_user;
    f.signedAt = m_clock ? m_clock() : timestampNow();
    return f;
}

VisitOutcome ChronicCare::recordVisit(std::vector<FollowUp> forms) {
    if (forms.empty()) throw ValidationError("programme", tr("Choose at least one programme"));
    store::Transaction tx(m_db);
    const auto resident = residentOrThrow(m_db, forms.front().residentId);
    for (const auto& f : forms) allow(rules::Right::SignClinical, resident.villageCode, f.programme);
    if (resident.status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {resident.name}));
    Registry(m_db, m_session).requireHeldHere(resident);
    std::vector<FieldError> errors;
    const auto visitId = newUuidV7();
    VisitOutcome out;
    checkVisit(forms, errors);
    for (auto& f : forms) {
        const auto e = activeEnrolment(f.residentId, f.programme);
        f.id = newUuidV7();
        f.visitId = visitId;
        f.version = 1;
        f.supersedes.clear();
        f.correctionReason.clear();
        f = sign(std::move(f), e, {}, errors);
    }
    if (!errors.empty()) throw ValidationError(std::move(errors));
    store::ChronicRepository repo(m_db);
    for (const auto& f : forms) {
        repo.insert(f, m_user);
        if (f.nextStep == "refer" || f.nextStep == "urgent_refer") out.referralSuggested = true;
    }
    // A death recorded at a follow-up closes the record and every programme.
    if (forms.front().mode == "dead") {
        Registry registry(m_db, m_session);
        registry.setToday(today());
        registry.closeInTransaction(forms.front().residentId, model::RecordStatus::Dead, forms.front().deathDate,
                                    forms.front().deathCause);
    }
    tx.commit();
    out.records = std::move(forms);
    return out;
}

std::vector<FormPreview> ChronicCare::preview(std::vector<FollowUp> forms, const std::string& correcting) {
    Guard(m_db, m_session).require(rules::Right::SignClinical);
    store::ChronicRepository repo(m_db);
    std::optional<FollowUp> old;
    if (!correcting.empty() && !(old = repo.followUp(correcting))) throw NotFoundError(tr("No such follow-up record"));
    std::vector<FieldError> visit;
    checkVisit(forms, visit);
    std::vector<FormPreview> out;
    for (auto& form : forms) {
        auto& p = out.emplace_back();
        std::optional<Enrolment> e;
        try {
            e = old ? repo.enrolment(old->enrolmentId) : activeEnrolment(form.residentId, form.programme);
        } catch (const ValidationError& error) {
            p.errors = error.errors();
        }
        if (!e) {
            p.record = std::move(form);
            continue;
        }
        p.record = sign(std::move(form), *e, old ? old->id : std::string(), p.errors);
        const auto& f = p.record;
        p.judged = !f.nextStep.empty() || (f.mode == "dead" && f.visitDate);
        if (!p.judged || !f.visitDate) continue;
        const auto programme = *chronic::programmeFromCode(f.programme);
        if (f.mode != "dead" && f.mode != "lost" &&
            (programme == chronic::Programme::Hypertension || programme == chronic::Programme::Diabetes)) {
            const auto birth = residentOrThrow(m_db, f.residentId).birthDate;
            p.urgent = chronic::urgentFindings(programme, rules::findingsOf(f, birth ? ageOn(*birth, *f.visitDate) : 0));
        }
        if (f.nextDue) p.planReason = chronic::describePlan(f.planCause, *f.visitDate, *f.nextDue, f.planPrevious, f.planDetail);
    }
    if (!out.empty()) addUnique(out.front().errors, std::move(visit));
    return out;
}

FollowUp ChronicCare::correct(const std::string& followUpId, FollowUp corrected, const std::string& reason) {
    store::Transaction tx(m_db);
    store::ChronicRepository repo(m_db);
    const auto old = repo.followUp(followUpId);
    if (!old) throw NotFoundError(tr("No such follow-up record"));
    // A supervisor reviews a follow-up; only a clinician signs a correction of it.
    allow(rules::Right::SignClinical, old->villageCode, old->programme);
    if (const auto by = repo.supersededBy(old->id); !by.empty())
        throw ConflictError(tr("This version was already corrected; correct the latest version"));
    std::vector<FieldError> errors;
    if (rules::trimmed(reason).empty()) errors.push_back({"correction_reason", tr("Required: why the record is corrected")});
    const auto e = repo.enrolment(old->enrolmentId);
    if (!e) throw NotFoundError(tr("No such programme enrolment"));
    corrected.id = newUuidV7();
    corrected.visitId = old->visitId;
    corrected.residentId = old->residentId;
    corrected.version = old->version + 1;
    corrected.supersedes = old->id;
    corrected.correctionReason = rules::trimmed(reason);
    corrected = sign(std::move(corrected), *e, old->id, errors);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    repo.insert(corrected, m_user);
    // A supervisor's request to correct this record is answered (quality.md "Review workflow").
    Quality::recordCorrection(m_db, old->id, corrected.id, m_user, today());
    tx.commit();
    return corrected;
}

std::vector<FollowUp> ChronicCare::versions(const std::string& followUpId) {
    store::ChronicRepository repo(m_db);
    auto f = repo.followUp(followUpId);
    if (!f) throw NotFoundError(tr("No such follow-up record"));
    allow(rules::Right::ReadRecords, f->villageCode, f->programme);
    // Back to the first version, then forward through the corrections.
    while (!f->supersedes.empty()) {
        auto older = repo.followUp(f->supersedes);
        if (!older) break;
        f = older;
    }
    std::vector<FollowUp> out{*f};
    for (auto next = repo.supersededBy(f->id); !next.empty(); next = repo.supersededBy(out.back().id)) {
        auto v = repo.followUp(next);
        if (!v) break;
        out.push_back(*v);
    }
    return out;
}

model::HealthCheck ChronicCare::recordHealthCheck(model::HealthCheck h) {
    store::Transaction tx(m_db);
    const auto resident = residentOrThrow(m_db, h.residentId);
    allow(rules::Right::SignClinical, resident.villageCode);
    if (resident.status != model::RecordStatus::Active)
        throw ConflictError(format(tr("The record of {0} is closed"), {resident.name}));
    rules::FollowUpContext ctx;
    ctx.today = today();
    ctx.birthDate = resident.birthDate;
    auto errors = rules::validateHealthCheck(h, ctx);
    if (!errors.empty()) throw ValidationError(std::move(errors));
    h.id = newUuidV7();
    h.villageCode = resident.villageCode;
    h.bmi = chronic::bmi(h.weight, h.height);
    if (!h.selfCare.empty()) {
        int total = 0;
        for (const auto& [item, points] : h.selfCare) total += points;
        h.selfCareTotal = total;
        h.selfCareLevel = rules::selfCareLevel(total);
    }
    h.doctor = m_user;
    h.signedAt = m_clock ? m_clock() : timestampNow();
    h.version = 1;
    store::ChronicRepository(m_db).insert(h, m_user);
    tx.commit();
    return h;
}

ProgrammePlan ChronicCare::plan(const Enrolment& e, const std::optional<FollowUp>& latest) {
    ProgrammePlan p;
    p.enrolment = e;
    p.latest = latest;
    if (e.status != "active") {
        p.step = "closed";
        p.reason = format(tr("Closed on {0}: {1}"), {e.closedOn ? formatDate(*e.closedOn) : "?",
                                                     rules::codeLabel("close_reason", e.closeReason)});
        return p;
    }
    if (e.programme == "tb") {
        // chronic.md, TB: two failed visits within 72 hours of the notification, and nobody
        // seen yet: report to the county TB agency.
        const auto notified = e.tbNotifiedOn.value_or(e.enrolledOn.value_or(today()));
        const auto deadline = chronic::tbFirstVisitDue(notified);
        int failed = 0;
        bool seen = false;
        for (const auto& f : store::ChronicRepository(m_db).currentFollowUps(e.id)) {
            seen = seen || faceToFace(f.mode);
            if (f.mode == "lost" && f.visitDate && *f.visitDate >= notified && *f.visitDate <= deadline) ++failed;
        }
        if (!seen && chronic::tbReportToCounty(failed)) {
            p.step = "report_county";
            p.due = deadline;
            p.reason = chronic::describePlan("tb_report", notified, deadline, std::nullopt, {});
            return p;
        }
    }
    if (!latest || !latest->nextDue || !latest->visitDate) {
        const auto start = e.enrolledOn.value_or(today());
        p.step = "first";
        if (e.programme == "tb") {
            const auto notified = e.tbNotifiedOn.value_or(start);
            p.due = chronic::tbFirstVisitDue(notified);
            p.reason = chronic::describePlan("tb_first", notified, *p.due, std::nullopt, {});
        } else {
            p.due = start;
            p.reason = chronic::describePlan("first", start, start, std::nullopt, {});
        }
        return p;
    }
    p.due = latest->nextDue;
    p.step = latest->nextStep;
    p.reason = chronic::describePlan(latest->planCause, *latest->visitDate, *latest->nextDue, latest->planPrevious,
                                     latest->planDetail);
    return p;
}

Chart ChronicCare::chart(const std::string& residentId) {
    allow(rules::Right::ReadRecords, residentOrThrow(m_db, residentId).villageCode);
    // Severe mental illness programmes and their visits only for those who may open them.
    const bool mentalIllness = m_session.can(rules::Right::ReadMentalIllness);
    store::ChronicRepository repo(m_db);
    Chart c;
    const int year = static_cast<int>(today().year());
    for (const auto& e : repo.enrolmentsOf(residentId)) {
        if (e.programme == "smi" && !mentalIllness) continue;
        const auto current = repo.currentFollowUps(e.id);
        auto p = plan(e, current.empty() ? std::nullopt : std::optional<FollowUp>(current.front()));
        for (const auto& f : current)
            if (f.visitDate && static_cast<int>(f.visitDate->year()) == year && faceToFace(f.mode))
                ++p.faceToFaceThisYear;
        c.programmes.push_back(std::move(p));
    }
    std::stable_partition(c.programmes.begin(), c.programmes.end(),
                          [](const ProgrammePlan& p) { return p.enrolment.status == "active"; });
    // Opening a severe mental illness record is itself recorded (issue 16).
    const bool restricted = std::any_of(c.programmes.begin(), c.programmes.end(),
                                        [](const ProgrammePlan& p) { return p.enrolment.programme == "smi"; });
    if (restricted) {
        store::Transaction tx(m_db);
        for (const auto& p : c.programmes)
            if (p.enrolment.programme == "smi")
                store::AuditLog(m_db).append(m_user, "open", "programme_enrolment", p.enrolment.id, residentId, "{}");
        tx.commit();
    }
    c.followUps = repo.followUpsOf(residentId);
    if (!mentalIllness)
        std::erase_if(c.followUps, [](const FollowUp& f) { return f.programme == "smi"; });
    c.healthChecks = repo.healthChecksOf(residentId);
    return c;
}

}  // namespace jiayi::services
