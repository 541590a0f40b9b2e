// Data-quality signals and the review workflow (issue 18, ../shared/domain/quality.md).
// Signals: each fabrication pattern planted in one doctor among honest doctors whose readings
// vary as real ones do — the planted doctor is flagged with that signal, the honest ones with
// none. Then the scan through a real database, and a review case from the draw to the close:
// verified with values measured again, sent back, corrected by its author, closed, scored.
#include <boost/test/unit_test.hpp>

#include <random>

#include "ChronicTestSupport.h"
#include "TestSupport.h"
#include "core/rules/QualitySignals.h"
#include "core/demo/DemoData.h"
#include "core/services/ChronicCare.h"
#include "core/services/Quality.h"
#include "core/services/Workstation.h"
#include "core/store/ChronicRepository.h"

using namespace jiayi;
using rules::Role;
using rules::quality::SignalKind;
using rules::quality::Visit;

namespace {

Date d(const char* text) {
    return parseDate(text).value();
}

std::string at(const Date& day, int minutes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00Z", formatDate(day).c_str(), minutes / 60 % 24,
                  minutes % 60);
    return buf;
}

// A year of an honest doctor's follow-ups: 40 patients seen about every quarter on ordinary
// days, readings that vary as treated hypertension does, signed on the day, 15-40 minutes apart.
std::vector<Visit> honestDoctor(const std::string& login, const std::string& village,
                                std::mt19937& rng) {
    std::vector<Visit> out;
    std::normal_distribution<double> level(145, 12), noise(0, 9), dnoise(0, 6);
    std::uniform_int_distribution<int> day(0, 80), gap(15, 40);
    int minute = 0;
    for (int p = 0; p < 40; ++p) {
        const double mean = level(rng);
        for (int q = 0; q < 4; ++q) {
            Visit v;
            v.id = login + "-" + std::to_string(p) + "-" + std::to_string(q);
            v.residentId = login + "-patient-" + std::to_string(p);
            v.villageCode = village;
            v.doctor = login;
            v.programme = "htn";
            v.mode = q == 2 ? "phone" : "clinic";
            v.date = addDays(
                Date{std::chrono::year{2025}, std::chrono::month{static_cast<unsigned>(q * 3 + 1)},
                     std::chrono::day{1}},
                day(rng));
            v.systolic = static_cast<int>(std::lround(mean + noise(rng)));
            v.diastolic = static_cast<int>(std::lround(mean * 0.6 + dnoise(rng)));
            v.heartRate = 70 + p % 10;
            v.content =
                "{\"symptoms\":[\"1\"],\"medicines\":[{\"name\":\"氨氯地平\"}],\"note\":\"" +
                std::to_string(p) + "\"}";
            minute = (minute + gap(rng)) % (8 * 60);
            v.signedAt = at(v.date, 60 + minute);
            out.push_back(v);
        }
    }
    return out;
}

std::set<SignalKind> flagged(const std::string& subject, const std::vector<Visit>& visits) {
    std::vector<const Visit*> mine;
    for (const auto& v : visits)
        if (v.doctor == subject) mine.push_back(&v);
    std::set<SignalKind> out;
    for (const auto& s : rules::quality::signalsFor(subject, mine, rules::indicators::Config{}, rules::indicators::parsePeriod("2025"))) {
        BOOST_TEST(s.score >= 1.0);
        BOOST_TEST(!s.explanation.empty());
        BOOST_TEST(!s.records.empty());
        out.insert(s.kind);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(quality_signals)

BOOST_AUTO_TEST_CASE(each_planted_pattern_flags_its_doctor_and_no_honest_one) {
    std::mt19937 rng(7);
    std::vector<Visit> all;
    const std::vector<std::string> honest{"h1", "h2", "h3", "h4", "h5", "h6"};
    for (const auto& h : honest) {
        auto vs = honestDoctor(h, "371721001201", rng);
        all.insert(all.end(), vs.begin(), vs.end());
    }
    const auto plant = [&](const std::string& login, auto&& change) {
        auto vs = honestDoctor(login, "371721001202", rng);
        for (std::size_t i = 0; i < vs.size(); ++i) change(vs[i], i);
        all.insert(all.end(), vs.begin(), vs.end());
    };
    // Rounds every reading to 0.
    plant("digits", [](Visit& v, std::size_t) {
        v.systolic = *v.systolic / 10 * 10;
        v.diastolic = *v.diastolic / 10 * 10;
    });
    // A script: uniform readings in a narrow normal band (digits spread evenly: the
    // terminal-digit check alone misses it).
    std::uniform_int_distribution<int> sbp(120, 134), dbp(72, 84);
    plant("script", [&](Visit& v, std::size_t) {
        v.systolic = sbp(rng);
        v.diastolic = dbp(rng);
        v.content = "{\"note\":\"已随访，血压控制满意\"}";
    });
    // The same visit copied to five patients.
    plant("copier", [](Visit& v, std::size_t i) {
        if (i % 20 != 0) return;
        v.systolic = 132;
        v.diastolic = 82;
        v.heartRate = 76;
        v.content = "{\"note\":\"已随访\"}";
    });
    // Twenty visits saved a minute apart.
    plant("burst", [](Visit& v, std::size_t i) {
        if (i < 20) v.signedAt = at(d("2025-06-30"), 600 + static_cast<int>(i));
    });
    // Every quarter's visits in its last week.
    plant("crammer", [](Visit& v, std::size_t i) {
        const unsigned q = (static_cast<unsigned>(v.date.month()) - 1) / 3;
        v.date = addDays(
            Date{std::chrono::year{2025}, std::chrono::month{q * 3 + 3}, std::chrono::day{21}},
            static_cast<int>(i % 8));
        v.signedAt = at(v.date, 600 + static_cast<int>(i % 60) * 7);
    });
    // Entered two months late, a quarter of the time.
    plant("late", [](Visit& v, std::size_t i) {
        if (i % 4 == 0) v.signedAt = at(addDays(v.date, 60), 600);
    });
    // Follow-ups of a patient who died in March.
    plant("ghost", [](Visit& v, std::size_t) {
        if (v.residentId == "ghost-patient-3") {
            v.residentGoneOn = d("2025-03-01");
            v.residentGone = "dead";
        }
    });
    // Home visits in two villages on the same day.
    plant("twoplaces", [](Visit& v, std::size_t i) {
        if (i == 0 || i == 1) {
            v.mode = "home";
            v.date = d("2025-05-06");
            v.villageCode = i == 0 ? "371721001201" : "371721001202";
        }
    });
    for (const auto& h : honest)
        BOOST_TEST(flagged(h, all).empty(), h << " is honest but was flagged");
    BOOST_TEST(flagged("digits", all).count(SignalKind::TerminalDigit) == 1u);
    const auto script = flagged("script", all);
    BOOST_TEST(script.count(SignalKind::LowVariation) == 1u);
    BOOST_TEST(script.count(SignalKind::TerminalDigit) == 0u);
    BOOST_TEST(flagged("copier", all).count(SignalKind::CopyPaste) == 1u);
    BOOST_TEST(flagged("burst", all).count(SignalKind::Burst) == 1u);
    BOOST_TEST(flagged("crammer", all).count(SignalKind::QuarterEnd) == 1u);
    BOOST_TEST(flagged("late", all).count(SignalKind::LateEntry) == 1u);
    BOOST_TEST(flagged("ghost", all).count(SignalKind::AfterDeath) == 1u);
    BOOST_TEST(flagged("twoplaces", all).count(SignalKind::TwoVillages) == 1u);
}

BOOST_AUTO_TEST_CASE(thresholds_are_settings) {
    std::mt19937 rng(3);
    auto vs = honestDoctor("h", "371721001201", rng);
    for (auto& v : vs) {
        v.systolic = *v.systolic / 5 * 5;  // half the readings end in 0: over 30 %
        v.diastolic = *v.diastolic / 5 * 5;
    }
    std::vector<const Visit*> mine;
    for (const auto& v : vs) mine.push_back(&v);
    rules::indicators::Config c;
    const auto before = rules::quality::signalsFor("h", mine, c, rules::indicators::parsePeriod("2025"));
    BOOST_TEST(std::any_of(before.begin(), before.end(),
                           [](const auto& s) { return s.kind == SignalKind::TerminalDigit; }));
    rules::indicators::set(c, "digit_zero_share", "0.6");
    rules::indicators::set(c, "digit_zero_five_share", "1");
    const auto after = rules::quality::signalsFor("h", mine, c, rules::indicators::parsePeriod("2025"));
    BOOST_TEST(std::none_of(after.begin(), after.end(),
                            [](const auto& s) { return s.kind == SignalKind::TerminalDigit; }));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// Two doctors of one village with a year of visits through ChronicCare, signed at the times
// given; then a supervisor.
struct Reviewed : test::DbFixture {
    services::Session supervisor = test::signedIn(Role::Supervisor);
    std::vector<std::string> patients;
    std::string clock;

    services::ChronicCare care(const std::string& doctor) {
        services::ChronicCare c(*db, services::Session::bootstrap(doctor));
        c.setToday(d("2025-12-31"));
        c.setSigningClock([this] { return clock; });
        return c;
    }
    Reviewed() {
        services::Registry registry(*db, services::Session::bootstrap("village_doctor"));
        registry.setToday(d("2025-01-01"));
        for (int i = 0; i < 6; ++i) {
            auto r = test::sampleResident();
            const char* names[] = {"王一", "李二", "张三", "刘四", "陈五", "杨六"};
            r.name = names[i];
            r.idNumber.clear();
            r.villageCode = i < 3 ? test::kVillageA : test::kVillageB;
            patients.push_back(
                registry.registerResident(test::registration(r, "家" + std::to_string(i))).id);
            test::enrolIn(*db, patients.back(), "htn", "2025-01-02", "village_doctor");
        }
        // Home visits in both villages on 2025-03-03 by one doctor; the rest at the clinic.
        int minute = 0;
        for (int i = 0; i < 6; ++i) {
            auto f = test::clinicVisit(patients[i], "htn", "2025-03-03", 130 + i, 80);
            f.mode = "home";
            clock = at(d("2025-03-03"), 60 + (minute += 30));
            care("village_doctor").recordVisit({f});
        }
    }
    services::Quality quality() {
        services::Quality q(*db, supervisor);
        q.setToday(d("2026-01-10"));
        return q;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(quality_review, Reviewed)

BOOST_AUTO_TEST_CASE(the_scan_reads_the_records) {
    const auto scan = quality().scan("", rules::indicators::parsePeriod("2025"));
    BOOST_TEST(scan.visits == 6u);
    BOOST_TEST(scan.visitsByDoctor.at("village_doctor") == 6u);
    BOOST_REQUIRE(!scan.doctors.empty());
    BOOST_TEST((scan.doctors.front().kind == SignalKind::TwoVillages));
    BOOST_TEST(scan.doctors.front().records.size() == 6u);
    BOOST_TEST(scan.scoreOf("village_doctor") >= 1.0);
    // A village doctor may not scan.
    services::Quality doctor(*db, test::signedIn(Role::VillageDoctor, test::kVillageA));
    BOOST_CHECK_THROW(doctor.scan("", rules::indicators::parsePeriod("2025")), PermissionError);
}

BOOST_AUTO_TEST_CASE(a_case_from_draw_to_close) {
    auto q = quality();
    services::SampleRequest req;
    req.period = rules::indicators::parsePeriod("2025");
    req.size = 4;
    req.weighted = true;
    req.reviewers = {"reviewer1", "reviewer2"};
    req.seed = 42;
    const auto drawn = q.drawSample(req);
    BOOST_REQUIRE(drawn.size() == 4u);
    BOOST_TEST(drawn[0].review.assignedTo == "reviewer1");
    BOOST_TEST(drawn[1].review.assignedTo == "reviewer2");
    BOOST_TEST(drawn[0].review.drawnFor.find("two_villages") != std::string::npos);
    // Drawn records are not drawn again while their case is open.
    req.size = 10;
    BOOST_TEST(q.drawSample(req).size() == 2u);
    const auto id = drawn[0].review.id;
    // Bad input names the field; nothing is written.
    services::Verification bad;
    bad.method = "fax";
    bad.outcome = "data_error";
    bad.systolic = 80;
    bad.diastolic = 90;
    try {
        q.verify(id, bad);
        BOOST_ERROR("a bad verification was accepted");
    } catch (const ValidationError& e) {
        std::set<std::string> fields;
        for (const auto& f : e.errors()) fields.insert(f.field);
        BOOST_TEST(fields.count("method") == 1u);
        BOOST_TEST(fields.count("diastolic") == 1u);
        BOOST_TEST(fields.count("note") == 1u);
    }
    BOOST_TEST(q.view(id).review.state == "open");
    services::Verification v;
    v.method = "phone";
    v.outcome = "data_error";
    v.systolic = 150;
    v.diastolic = 95;
    v.note = "患者说当天血压150/95，记录有误";
    const auto verified = q.verify(id, v);
    BOOST_TEST(verified.review.state == "verified");
    BOOST_TEST(verified.comparison.find("150/95") != std::string::npos);
    BOOST_CHECK_THROW(q.sendBack(id, "  "), ValidationError);
    BOOST_TEST(q.sendBack(id, "请按患者复述的血压更正").review.state == "sent_back");
    // The author sees the request and corrects the record: a new version with the reason.
    services::Quality author(*db, services::Session::bootstrap("village_doctor"));
    const auto requests = author.requests();
    BOOST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].review.id == id);
    const auto old = store::ChronicRepository(*db).followUp(drawn[0].review.recordId).value();
    auto corrected = old;
    corrected.systolic = 150;
    corrected.diastolic = 95;
    corrected.classification.clear();  // the rules judge the corrected readings again
    clock = "2026-01-11T02:00:00Z";
    // A supervisor never edits a clinical entry.
    services::ChronicCare supervisorCare(*db, supervisor);
    BOOST_CHECK_THROW(supervisorCare.correct(old.id, corrected, "质控"), PermissionError);
    const auto fixed = care("village_doctor").correct(old.id, corrected, "按质控电话核实更正");
    const auto answered = q.view(id);
    BOOST_TEST(answered.review.state == "corrected");
    BOOST_TEST(answered.review.correctionId == fixed.id);
    BOOST_TEST(author.requests().empty());
    BOOST_TEST(q.close(id, "").review.state == "closed");
    BOOST_CHECK_THROW(q.verify(id, v), ConflictError);
    // Scores from the outcomes: one verified, a data error.
    const auto scores = q.scoresByDoctor("");
    BOOST_REQUIRE(!scores.empty());
    BOOST_TEST(scores[0].subject == "village_doctor");
    BOOST_TEST(scores[0].verified == 1);
    BOOST_TEST(scores[0].dataErrors == 1);
    BOOST_TEST(scores[0].corrected == 1);
    BOOST_TEST(scores[0].confirmedShare().value() == 0.0);
}

BOOST_AUTO_TEST_CASE(a_confirmed_record_is_not_sent_back) {
    auto q = quality();
    services::SampleRequest req;
    req.period = rules::indicators::parsePeriod("2025");
    req.size = 1;
    req.reviewers = {"reviewer1"};
    req.seed = 1;
    const auto id = q.drawSample(req).at(0).review.id;
    services::Verification v;
    v.method = "home";
    v.outcome = "confirmed";
    q.verify(id, v);
    BOOST_CHECK_THROW(q.sendBack(id, "更正"), ConflictError);
    BOOST_TEST(q.close(id, "").review.state == "closed");
    BOOST_TEST(q.scoresByVillage("").size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

// The demo's planted doctors (issue 18): a township of 15,000 residents, a year of follow-ups
// written through the services, three village doctors who work badly among about seventy who
// do not. The scan flags each planted doctor for what they do; the false-positive rate on the
// honest doctors is reported (docs/performance.md) and held at zero for this seed.
BOOST_AUTO_TEST_CASE(the_demo_planted_doctors_are_found_and_the_honest_are_not) {
    test::TempDir dir;
    auto ws = services::Workstation::open(dir.file("demo.db"), "demo");
    services::DemoOptions options;
    options.residents = 15000;
    options.seed = 1;
    options.contracts = false;
    const auto summary = services::createDemoTownship(*ws, options);
    BOOST_REQUIRE_EQUAL(summary.chronic.planted.size(), 3u);
    services::Quality q(ws->database(), services::Session::bootstrap("supervisor"));
    const auto year = rules::indicators::Period{addMonths(today(), -12), today(), "last 12 months"};
    const auto scan = q.scan("", year);
    std::map<std::string, std::set<SignalKind>> flaggedDoctors;
    for (const auto& s : scan.doctors) flaggedDoctors[s.subject].insert(s.kind);
    const auto has = [&](const std::string& doctor, SignalKind k) { return flaggedDoctors[doctor].count(k) > 0; };
    for (const auto& [doctor, conduct] : summary.chronic.planted) {
        if (conduct == "fabricated_readings") BOOST_TEST(has(doctor, SignalKind::LowVariation), doctor);
        if (conduct == "quarter_end") BOOST_TEST(has(doctor, SignalKind::QuarterEnd), doctor);
        if (conduct == "careless") {
            BOOST_TEST(has(doctor, SignalKind::TerminalDigit), doctor);
            BOOST_TEST(has(doctor, SignalKind::LateEntry), doctor);
        }
    }
    int honest = 0, falsePositives = 0;
    for (const auto& [doctor, visits] : scan.visitsByDoctor) {
        if (summary.chronic.planted.count(doctor)) continue;
        ++honest;
        if (flaggedDoctors.count(doctor)) {
            ++falsePositives;
            for (const auto k : flaggedDoctors[doctor]) BOOST_TEST_MESSAGE("honest doctor flagged: " << doctor << " " << rules::quality::code(k));
        }
    }
    BOOST_TEST_MESSAGE("demo false-positive rate: " << falsePositives << " of " << honest << " honest doctors");
    BOOST_TEST(honest > 50);
    BOOST_TEST(falsePositives == 0);
}
