#include "core/demo/DemoChronic.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <random>
#include <set>

#include "core/rules/Divisions.h"
#include "core/rules/Pinyin.h"
#include "core/services/ChronicCare.h"
#include "core/services/Referrals.h"
#include "core/store/Database.h"
#include "core/store/Site.h"
#include "core/util/Error.h"

namespace jiayi::services {

using model::FollowUp;

namespace {

// ---- Figures (population.md "Chronic disease", chronic.md); tuned, not measured ------------
// Share of the residents the population generator marks hypertensive or diabetic (35+,
// chronic.md "Who") who are under primary-care management; gives about 6,000 patients in a
// 50,000-resident township with the severe-mental-illness and tuberculosis patients below.
constexpr double kManaged = 0.45;
// A share of the patients was enrolled during the years shown (found at screening), a year.
constexpr double kNewPerYear = 0.08;
// Severe mental illness under management: 0.4-0.5% of the population (15+ drawn).
constexpr double kSmi = 0.0045 / 0.83;
// Pulmonary tuberculosis notified: 40-60 per 100,000 a year (15+ drawn).
constexpr double kTbPerYear = 50e-5 / 0.83;
// Kinds of patient by how often a visit is on target (chance a visit is controlled): about
// 60% controlled at the last visit, within the 50-70% of population.md.
struct ControlKind {
    double share, onTarget;
};
constexpr ControlKind kControl[] = {{0.50, 0.72}, {0.38, 0.40}, {0.12, 0.15}};
// Better odds at a recheck within a month of adjusting the medicines.
constexpr double kRecheckGain = 0.2;
// Habits: share of regular, irregular (late, misses visits) and lost patients (not seen for
// more than 12 months on the last day).
constexpr double kIrregular = 0.24;
constexpr double kLost = 0.04;
// Per face-to-face visit of hypertension/diabetes patients.
constexpr double kUrgentBp = 0.004;       // SBP ≥ 180: urgent referral
constexpr double kUrgentGlucose = 0.003;  // ≥ 16.7 or ≤ 3.9 mmol/L
constexpr double kAdverse = 0.01;
constexpr double kComplication = 0.004;
constexpr double kPhone = 0.10;           // of routine visits; 40% of them with a home reading
// Deaths of managed patients a year, by age (a few, older patients far more often).
constexpr double kDeathUnder65 = 0.003, kDeath65 = 0.012, kDeath75 = 0.04;
// Annual health check coverage a year (groups.md Elderly): 65+ and managed patients.
constexpr double kCheck65 = 0.62, kCheckManaged = 0.40;
// Chance a doctor writes the referral the rules advise (urgent, advised).
constexpr double kReferUrgent = 0.85, kReferAdvised = 0.12;

const char* const kLostReasons[] = {"外出务工", "随子女外出居住", "多次电话联系不上", "拒绝随访"};
const char* const kDeathCauses[] = {"脑出血", "急性心肌梗死", "脑梗死", "肺部感染", "恶性肿瘤", "自然死亡"};
const char* const kSmiConditions[] = {"schizophrenia", "schizophrenia", "schizophrenia", "schizophrenia",
                                      "bipolar",       "epilepsy",      "intellectual",  "paranoid",
                                      "schizoaffective"};
const model::Medicine kHtnMedicines[] = {{"苯磺酸氨氯地平片", "1", "5mg"}, {"硝苯地平缓释片", "2", "10mg"},
                                         {"厄贝沙坦片", "1", "150mg"},     {"马来酸依那普利片", "2", "10mg"},
                                         {"氢氯噻嗪片", "1", "12.5mg"},    {"酒石酸美托洛尔片", "2", "25mg"}};
const model::Medicine kT2dMedicines[] = {{"盐酸二甲双胍片", "3", "0.5g"}, {"格列美脲片", "1", "2mg"},
                                         {"阿卡波糖片", "3", "50mg"},     {"格列齐德缓释片", "1", "30mg"}};
const model::Medicine kSmiMedicines[] = {{"利培酮片", "2", "2mg"}, {"奥氮平片", "1", "10mg"},
                                         {"丙戊酸钠缓释片", "2", "500mg"}, {"阿立哌唑片", "1", "10mg"}};

// Portable draws from the raw bits of std::mt19937_64 (as DemoPopulation does).
class Dice {
public:
    explicit Dice(std::uint64_t seed) : m_engine(seed) {}
    double unit() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    bool chance(double probability) { return unit() < probability; }
    int between(int lo, int hi) {
        return lo + std::min(hi - lo, static_cast<int>(unit() * (hi - lo + 1)));
    }
    double tenths(double lo, double hi) { return between(int(lo * 10), int(hi * 10)) / 10.0; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }

private:
    std::mt19937_64 m_engine;
};

// One stream per resident: a change in one patient's history leaves the others as they were.
std::uint64_t streamSeed(std::uint64_t seed, std::size_t index, std::uint64_t salt) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ULL + index * 0xBF58476D1CE4E5B9ULL + salt;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

Date maxDate(const Date& a, const Date& b) { return a < b ? b : a; }
Date minDate(const Date& a, const Date& b) { return a < b ? a : b; }
Date yearsBefore(const Date& d, int years) { return addMonths(d, -12 * years); }
// The first day on which a person is 35 (the day after 02-28 for one born on 02-29).
Date turns35(const Date& birth) {
    const Date day = addMonths(birth, 12 * 35);
    return ageOn(birth, day) >= 35 ? day : addDays(day, 1);
}

// A visit date's signing time: 10:00 Beijing time.
std::int64_t unixSeconds(const Date& d) {
    return std::chrono::sys_days(d).time_since_epoch() / std::chrono::seconds(1) + 2 * 3600;
}

enum class Habit { Regular, Irregular, Lost };
// Whether the plan calls the patient back within weeks, and why.
enum class Soon { No, Recheck, Referral };
Soon soonOf(const std::string& step) {
    if (step == "refer" || step == "urgent_refer") return Soon::Referral;
    return step == "recheck" || step == "observe_month" ? Soon::Recheck : Soon::No;
}

// A hypertension and/or diabetes patient: who they are and how their year goes.
struct Patient {
    const DemoResident* resident = nullptr;
    std::vector<model::Enrolment> enrolments;  // htn and/or t2d, in that order
    double onTarget = 0.6;
    Habit habit = Habit::Regular;
    std::optional<Date> lostAfter, diesOn;
    double height = 165, bmi = 24;
    int pulse = 75;
    bool smoker = false;
    std::vector<model::Medicine> htnMedicines, t2dMedicines;
    std::vector<std::pair<Date, std::string>> visits;  // date, visit id
};

class Generator {
public:
    Generator(store::Database& db, const std::vector<demo::DemoVillage>& villages, const ChronicDemoOptions& o)
        : m_db(db), m_options(o), m_today(o.today),
          m_windowStart(yearsBefore(o.today, std::max(0, o.years))) {
        const auto params = demo::loadDemoParams();
        std::map<std::string, std::string> names;
        m_summary.doctors = demoVillageDoctors(params, villages, o.seed, &names);
        m_summary.hospitalDoctor = hospitalDoctorName(params, names);
        // Slips and printouts show the doctors' names, not their logins.
        for (const auto& [login, name] : names) store::setDisplayName(db, login, name);
        for (const auto& v : villages) m_clinics[v.code] = rules::shortVillageName(v.name) + "卫生室";
        // The planted doctors: those of the 2nd, 3rd and 4th villages in code order.
        if (o.plantMisconduct && m_summary.doctors.size() >= 5) {
            const char* conducts[] = {"fabricated_readings", "quarter_end", "careless"};
            auto it = std::next(m_summary.doctors.begin());
            for (const char* c : conducts) m_summary.planted[(it++)->second] = c;
        }
    }

    ChronicDemoSummary run(const std::vector<DemoResident>& residents) {
        for (std::size_t i = 0; i < residents.size(); ++i) {
            resident(residents[i], i);
            if (m_options.progress && ((i + 1) % 500 == 0 || i + 1 == residents.size()))
                m_options.progress(i + 1, residents.size());
        }
        return m_summary;
    }

private:
    std::string hospitalDoctorName(const demo::DemoParams& params, std::map<std::string, std::string>& names) {
        // One more name from the same generator, never one of the village doctors.
        std::map<std::string, std::string> hospital;
        auto name = demoVillageDoctors(params, {{"hospital", ""}}, m_options.seed + 1, &hospital).begin()->second;
        const auto inCharacters = hospital[name];
        for (const auto& [village, doctor] : m_summary.doctors)
            if (doctor == name) name += "0";
        names[name] = inCharacters;
        return name;
    }

    ChronicCare& care(const std::string& villageCode, const Date& day) {
        const auto& doctor = doctorOf(villageCode);
        auto& slot = m_care[doctor];
        if (!slot) slot = std::make_unique<ChronicCare>(m_db, Session::bootstrap(doctor));
        slot->setToday(day);
        slot->setSigningClock([this, doctor, day] { return signingTime(doctor, day); });
        return *slot;
    }
    std::string conductOf(const std::string& doctor) const {
        const auto it = m_summary.planted.find(doctor);
        return it == m_summary.planted.end() ? std::string() : it->second;
    }
    // When a record of `day` is signed: on the day, from 08:00 Beijing time, 10-40 minutes
    // after the doctor's last one; a crammer saves a minute apart; the careless doctor weeks
    // later (never after the generator's day).
    std::string signingTime(const std::string& doctor, const Date& day) {
        const auto conduct = conductOf(doctor);
        Date signedOn = day;
        if (conduct == "careless" && m_clockDice.chance(0.4)) signedOn = minDate(addDays(day, m_clockDice.between(35, 80)), m_today);
        auto& [lastDay, minute] = m_lastSigned[doctor];
        if (lastDay != signedOn) {
            lastDay = signedOn;
            minute = m_clockDice.between(0, 60);
        } else {
            minute += conduct == "quarter_end" ? 1 : m_clockDice.between(10, 40);
        }
        const int m = minute % (10 * 60);  // 08:00-18:00 Beijing = 00:00-10:00 UTC
        char buf[32];
        std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", formatDate(signedOn).c_str(), m / 60, m % 60,
                      m_clockDice.between(0, 59));
        return buf;
    }
    const std::string& doctorOf(const std::string& villageCode) {
        const auto it = m_summary.doctors.find(villageCode);
        return it == m_summary.doctors.end() ? m_summary.hospitalDoctor : it->second;
    }

    void resident(const DemoResident& r, std::size_t index);
    model::Enrolment enrol(const DemoResident& r, const char* programme, const Date& diagnosed, Dice& d);
    void followHtnT2d(Patient& p, Dice& d);
    // `prompt`: a recheck within a month of the visit that asked for it.
    VisitOutcome htnT2dVisit(Patient& p, const Date& date, const std::string& lastStep, bool prompt, Dice& d);
    FollowUp baseForm(Patient& p, const Date& date, const std::string& mode, bool reading, double onTarget, Dice& d);
    void endOfStory(Patient& p, Dice& d);
    void healthChecks(const DemoResident& r, const Patient* p, Dice& d);
    void refer(const DemoResident& r, const FollowUp& f, Dice& d);
    void followSmi(const DemoResident& r, Dice& d);
    void followTb(const DemoResident& r, Dice& d);
    VisitOutcome record(const DemoResident& r, std::vector<FollowUp> forms, const Date& day) {
        auto out = care(r.villageCode, day).recordVisit(std::move(forms));
        ++m_summary.visits;
        m_summary.followUps += out.records.size();
        return out;
    }
    Date nextVisit(const Date& due, const Date& last, Habit habit, Soon soon, Dice& d) const;

    store::Database& m_db;
    const ChronicDemoOptions& m_options;
    Date m_today, m_windowStart;
    ChronicDemoSummary m_summary;
    std::map<std::string, std::unique_ptr<ChronicCare>> m_care;  // by doctor
    std::map<std::string, std::pair<Date, int>> m_lastSigned;     // doctor → (day, minute of the day)
    Dice m_clockDice{streamSeed(m_options.seed, 0, 0x636c6f636bULL)};
    std::map<std::string, std::string> m_clinics;  // village code → 某村卫生室
};

void Generator::resident(const DemoResident& r, std::size_t index) {
    if (m_options.years <= 0) return;
    Dice d(streamSeed(m_options.seed, index, 0x6368726f6e6963ULL));
    const int age = ageOn(r.birthDate, m_today);
    Patient p;
    p.resident = &r;
    // chronic.md "Who": hypertension and diabetes management from age 35.
    const bool managed = (r.hypertensionSince || r.diabetesSince) && turns35(r.birthDate) < m_today &&
                         d.chance(kManaged);
    if (managed) {
        if (r.hypertensionSince) p.enrolments.push_back(enrol(r, "htn", *r.hypertensionSince, d));
        if (r.diabetesSince) p.enrolments.push_back(enrol(r, "t2d", *r.diabetesSince, d));
        followHtnT2d(p, d);
    }
    healthChecks(r, managed ? &p : nullptr, d);
    if (managed) endOfStory(p, d);
    bool other = false;
    if (age >= 15 && d.chance(kSmi) && !(managed && p.diesOn)) {
        followSmi(r, d);
        other = true;
    }
    if (age >= 15 && d.chance(kTbPerYear * m_options.years) && !(managed && p.diesOn)) {
        followTb(r, d);
        other = true;
    }
    if (managed || other) ++m_summary.patients;
}

model::Enrolment Generator::enrol(const DemoResident& r, const char* programme, const Date& diagnosed, Dice& d) {
    // Enrolled some months after the diagnosis, never before 35; some only during the years
    // shown (found at screening).
    const Date from35 = turns35(r.birthDate);
    Date on = maxDate(addDays(diagnosed, d.between(7, 180)), from35);
    if (d.chance(std::min(0.5, kNewPerYear * m_options.years)))
        on = maxDate(on, addDays(m_windowStart, d.between(0, daysBetween(m_windowStart, m_today) - 1)));
    on = minDate(on, addDays(m_today, -1));
    EnrolmentRequest req;
    req.residentId = r.id;
    req.programme = programme;
    req.enrolledOn = on;
    req.diagnosedOn = minDate(diagnosed, on);
    req.diagnosedBy = d.chance(0.6) ? m_options.countyHospital : m_options.hospital;
    req.doctor = doctorOf(r.villageCode);
    ++m_summary.enrolled[programme];
    return care(r.villageCode, on).enrol(req);
}

// ---- Hypertension and diabetes -------------------------------------------------------------

// The step that matters most of a visit's forms (a combined visit has two).
int stepWeight(const std::string& step) {
    if (step == "urgent_refer") return 4;
    if (step == "refer") return 3;
    if (step == "recheck") return 2;
    return step == "keep_schedule" ? 1 : 0;
}

std::vector<model::Medicine> someOf(Dice& d, const model::Medicine* list, int size) {
    const int first = d.between(0, size - 1);
    std::vector<model::Medicine> out{list[first]};
    if (d.chance(0.35)) out.push_back(list[(first + d.between(1, size - 1)) % size]);
    return out;
}

void Generator::followHtnT2d(Patient& p, Dice& d) {
    const auto& r = *p.resident;
    const int age = ageOn(r.birthDate, m_today);
    double u = d.unit();
    for (const auto& kind : kControl) {
        p.onTarget = kind.onTarget;
        if (u < kind.share) break;
        u -= kind.share;
    }
    const bool male = r.sex == "1";
    p.height = male ? d.tenths(158, 178) : d.tenths(148, 165);
    p.bmi = d.tenths(19.5, 30.5);
    p.pulse = d.between(62, 88);
    p.smoker = male && d.chance(0.45);
    p.htnMedicines = someOf(d, kHtnMedicines, std::size(kHtnMedicines));
    p.t2dMedicines = someOf(d, kT2dMedicines, std::size(kT2dMedicines));
    Date enrolled = *p.enrolments.front().enrolledOn;
    for (const auto& e : p.enrolments) enrolled = minDate(enrolled, *e.enrolledOn);
    Date start = maxDate(enrolled, m_windowStart);
    const double habit = d.unit();
    if (habit < kLost) {
        // Not seen for 12-20 months on the last day; seen a few times before that.
        p.lostAfter = addDays(m_today, -d.between(380, 600));
        if (addDays(enrolled, 60) < *p.lostAfter) {
            p.habit = Habit::Lost;
            start = maxDate(enrolled, minDate(start, addDays(*p.lostAfter, -270)));
        } else {
            p.lostAfter.reset();
        }
    }
    if (p.habit != Habit::Lost && habit < kLost + kIrregular) p.habit = Habit::Irregular;
    const double deathRate = age >= 75 ? kDeath75 : age >= 65 ? kDeath65 : kDeathUnder65;
    const int window = daysBetween(m_windowStart, m_today);
    if (p.habit != Habit::Lost && window > 60 && d.chance(deathRate * m_options.years)) {
        p.diesOn = maxDate(addDays(m_windowStart, d.between(30, window - 1)), addDays(enrolled, 30));
        // The death closes the record, whose 既往史 dates must not come after it.
        for (const auto& since : {r.hypertensionSince, r.diabetesSince})
            if (since) p.diesOn = maxDate(*p.diesOn, addDays(*since, 30));
        if (*p.diesOn >= m_today) p.diesOn.reset();
    }
    Date date = enrolled >= start ? enrolled : addDays(start, d.between(0, 89));
    std::string step = "first";
    while (date <= m_today && !(p.diesOn && date >= *p.diesOn) && !(p.lostAfter && date > *p.lostAfter)) {
        if (conductOf(doctorOf(r.villageCode)) == "quarter_end") {
            // Crammed into the last 10 days of the visit's quarter, never after the story's end.
            const unsigned q = (static_cast<unsigned>(date.month()) - 1) / 3;
            const Date quarterEnd = addDays(addMonths(Date{date.year(), std::chrono::month{q * 3 + 1}, std::chrono::day{1}}, 3), -1);
            Date crammed = addDays(quarterEnd, -d.between(0, 9));
            crammed = minDate(crammed, m_today);
            if (p.diesOn) crammed = minDate(crammed, addDays(*p.diesOn, -1));
            if (p.lostAfter) crammed = minDate(crammed, *p.lostAfter);
            if (!p.visits.empty()) crammed = maxDate(crammed, addDays(p.visits.back().first, 1));
            date = maxDate(crammed, date);
        }
        const bool prompt = soonOf(step) != Soon::No && !p.visits.empty() && daysBetween(p.visits.back().first, date) <= 30;
        const auto out = htnT2dVisit(p, date, step, prompt, d);
        Date due = addMonths(date, 3);
        step.clear();
        for (const auto& f : out.records) {
            if (f.nextDue && *f.nextDue < due) due = *f.nextDue;
            if (stepWeight(f.nextStep) >= stepWeight(step)) step = f.nextStep;
        }
        p.visits.emplace_back(date, out.records.front().visitId);
        for (const auto& f : out.records)
            if (f.nextStep == step && (step == "refer" || step == "urgent_refer")) {
                refer(r, f, d);
                break;
            }
        date = nextVisit(due, date, p.habit, soonOf(step), d);
    }
}

Date Generator::nextVisit(const Date& due, const Date& last, Habit habit, Soon soon, Dice& d) const {
    // How late a patient turns up after the date the rules set: mostly on time; irregular
    // patients late by weeks or a whole quarter (the missed visits of the worklist).
    // After an uncontrolled visit many patients only come back at their usual quarterly
    // time instead of within 2 weeks (they stay on the overdue list as uncontrolled); after
    // a referral the doctor follows up more reliably.
    const double u = d.unit();
    int late;
    if (soon != Soon::No) {
        const double onTime = soon == Soon::Referral ? 0.7 : habit == Habit::Regular ? 0.4 : 0.2;
        late = u < onTime ? d.between(-2, 6) : d.between(40, 100);
    } else if (habit == Habit::Regular)
        late = u < 0.55 ? d.between(-10, 3) : u < 0.85 ? d.between(4, 14) : u < 0.97 ? d.between(15, 45)
                                                                                   : d.between(46, 100);
    else
        late = u < 0.3 ? d.between(-7, 7) : u < 0.6 ? d.between(8, 30) : u < 0.85 ? d.between(31, 75)
                                                                                 : d.between(76, 160);
    return maxDate(addDays(due, late), addDays(last, soon != Soon::No ? 7 : 14));
}

FollowUp Generator::baseForm(Patient& p, const Date& date, const std::string& mode, bool reading, double onTarget,
                             Dice& d) {
    // The findings both forms share (entered once): date, mode, blood pressure, pulse,
    // height and weight.
    FollowUp f;
    f.residentId = p.resident->id;
    f.visitDate = date;
    f.mode = mode;
    const bool hasHtn = p.enrolments.front().programme == "htn";
    const int target = ageOn(p.resident->birthDate, date) >= 65 ? 150 : 140;
    const bool faceToFace = mode != "phone";
    if (reading) {
        if (faceToFace && hasHtn && d.chance(kUrgentBp)) {
            f.systolic = d.between(180, 198);
            f.diastolic = d.between(96, 116);
        } else if (!hasHtn || d.chance(onTarget)) {
            f.systolic = d.between(target - 30, target - 1);
            f.diastolic = d.between(64, 88);
        } else if (d.chance(0.2)) {
            f.systolic = d.between(target - 18, target - 1);
            f.diastolic = d.between(90, 99);
        } else {
            f.systolic = d.between(target, 176);
            f.diastolic = d.between(76, 104);
        }
    }
    const auto conduct = conductOf(doctorOf(p.resident->villageCode));
    if (reading && conduct == "fabricated_readings") {
        // A script's numbers: uniform in a narrow normal band, with canned text.
        f.systolic = d.between(118, 134);
        f.diastolic = d.between(70, 84);
        f.signsOther = "已随访，血压控制满意";
    } else if (reading && conduct == "careless") {
        f.systolic = (*f.systolic + 5) / 10 * 10;
        f.diastolic = (*f.diastolic + 5) / 10 * 10;
    }
    // Height on every form, phone calls too: ChronicCare::recordVisit compares the first
    // form after signing (height filled from earlier visits) with the second before it.
    f.height = p.height;
    if (faceToFace) {
        f.heartRate = p.pulse + d.between(-6, 6);
        const double m = p.height / 100.0;
        f.weight = std::round(p.bmi * m * m * (1 + d.between(-20, 20) / 1000.0) * 10) / 10;
        if (p.bmi >= 24) f.targetWeight = std::round(23.9 * m * m * 10) / 10;
    }
    return f;
}

VisitOutcome Generator::htnT2dVisit(Patient& p, const Date& date, const std::string& lastStep, bool prompt,
                                    Dice& d) {
    const auto& r = *p.resident;
    const bool soon = soonOf(lastStep) != Soon::No;
    std::string mode = ageOn(r.birthDate, date) >= 75 && d.chance(0.35) ? "home" : d.chance(0.08) ? "home" : "clinic";
    if (!soon && lastStep != "first" && d.chance(kPhone)) mode = "phone";
    const bool reading = mode != "phone" || d.chance(0.4);
    const double onTarget = std::min(0.97, p.onTarget + (prompt ? kRecheckGain : 0.0));
    const auto base = baseForm(p, date, mode, reading, onTarget, d);
    const bool faceToFace = mode != "phone";
    const bool adverse = faceToFace && d.chance(kAdverse);
    const bool complication = faceToFace && d.chance(kComplication);
    std::vector<FollowUp> forms;
    for (const auto& e : p.enrolments) {
        if (*e.enrolledOn > date) continue;
        FollowUp f = base;
        f.programme = e.programme;
        const bool htn = e.programme == "htn";
        if (!htn && reading) {
            if (faceToFace && d.chance(kUrgentGlucose))
                f.fastingGlucose = d.chance(0.7) ? d.tenths(16.8, 21.0) : d.tenths(2.9, 3.8);
            else
                f.fastingGlucose = d.chance(onTarget) ? d.tenths(4.6, 6.9) : d.tenths(7.0, 12.8);
            f.hypoglycaemia = d.chance(0.95) ? "none" : "occasional";
        }
        const bool uncontrolled = htn ? f.systolic && (*f.systolic >= 140 || *f.diastolic >= 90)
                                      : f.fastingGlucose && *f.fastingGlucose >= 7.0;
        f.symptoms = {uncontrolled && d.chance(0.3) ? "2" : "1"};
        if (f.systolic && *f.systolic >= 180 && d.chance(0.3)) f.urgentSigns = {htn ? "severe_headache" : "palpitations"};
        if (!htn && faceToFace) f.dorsalPulse = d.chance(0.9) ? "normal" : "weak_both";
        f.lifestyle = {{"smoking", p.smoker ? std::to_string(d.between(5, 20)) : "0"},
                       {"smoking_target", "0"},
                       {"exercise_times", std::to_string(d.between(2, 7))},
                       {"exercise_times_target", "5"},
                       {"exercise_minutes", "30"},
                       {"psych", "1"},
                       {"compliance", p.onTarget > 0.5 ? "1" : "2"}};
        if (htn) {
            f.lifestyle["salt"] = d.chance(0.5) ? "2" : "1";
            f.lifestyle["salt_target"] = "1";
        } else {
            f.lifestyle["staple"] = std::to_string(d.between(25, 40) * 10);
            f.lifestyle["staple_target"] = "250";
        }
        f.adherence = p.onTarget > 0.5 || d.chance(0.5) ? "regular" : "intermittent";
        f.medicines = htn ? p.htnMedicines : p.t2dMedicines;
        if (forms.empty() && adverse) {
            f.adverseReaction = true;
            f.adverseReactionText = htn ? "踝部水肿" : "胃肠道不适";
        }
        if (forms.empty() && complication) {
            f.newOrWorseComplication = true;
            f.testsOther = htn ? "心电图示左心室肥厚" : "尿微量白蛋白升高";
        }
        forms.push_back(std::move(f));
    }
    return record(r, std::move(forms), date);
}

void Generator::endOfStory(Patient& p, Dice& d) {
    const auto& r = *p.resident;
    std::vector<FollowUp> forms;
    const auto entry = [&](const Date& on, const char* mode) {
        for (const auto& e : p.enrolments) {
            if (*e.enrolledOn > on) continue;
            FollowUp f;
            f.residentId = r.id;
            f.programme = e.programme;
            f.visitDate = on;
            f.mode = mode;
            f.height = p.height;  // see baseForm
            forms.push_back(std::move(f));
        }
    };
    if (p.diesOn) {
        // The doctor hears of the death some days later and records it (it closes the record).
        const auto on = minDate(addDays(*p.diesOn, d.between(1, 20)), m_today);
        entry(on, "dead");
        const std::string cause = d.pick(kDeathCauses);
        for (auto& f : forms) {
            f.deathDate = p.diesOn;
            f.deathCause = cause;
        }
        record(r, std::move(forms), on);
        ++m_summary.deaths;
    } else if (p.lostAfter) {
        const auto on = addDays(*p.lostAfter, d.between(100, 200));
        if (on > m_today || !d.chance(0.6)) return;
        entry(on, "lost");
        const std::string reason = d.pick(kLostReasons);
        for (auto& f : forms) f.lostReason = reason;
        record(r, std::move(forms), on);
        ++m_summary.lostEntries;
        if (d.chance(0.25))
            for (const auto& e : p.enrolments)
                if (*e.enrolledOn <= on) care(r.villageCode, on).close(e.id, "lost", on, reason);
    }
}

// ---- Annual health check (groups.md, Elderly) ---------------------------------------------

void Generator::healthChecks(const DemoResident& r, const Patient* p, Dice& d) {
    using namespace std::chrono;
    const int first = static_cast<int>(m_windowStart.year()), last = static_cast<int>(m_today.year());
    for (int y = first; y <= last; ++y) {
        const bool elderly = ageOn(r.birthDate, Date{year{y}, December, day{31}}) >= 65;
        if (!(elderly || p) || !d.chance(elderly ? kCheck65 : kCheckManaged)) continue;
        // The township's check campaign runs from March to June; a patient's check is
        // combined with the follow-up visit of that season when there is one.
        const Date spring{year{y}, March, day{1}}, summer{year{y}, June, day{30}};
        model::HealthCheck h;
        h.checkDate = addDays(spring, d.between(0, 121));
        if (p)
            for (const auto& [visit, visitId] : p->visits)
                if (visit >= spring && visit <= summer) {
                    h.checkDate = visit;
                    h.visitId = visitId;
                    break;
                }
        const auto on = *h.checkDate;
        if (on < m_windowStart || on > m_today || (p && p->diesOn && on >= *p->diesOn) ||
            (p && p->lostAfter && on > *p->lostAfter) || on < r.birthDate)
            continue;
        h.residentId = r.id;
        const int age = ageOn(r.birthDate, on);
        if (age >= 65) {
            const double u = d.unit(), frail = age >= 80 ? 3.0 : 1.0;
            // eating, grooming, dressing, toileting, moving: points of a level of each item
            const int level = u < 0.005 * frail ? 3 : u < 0.025 * frail ? 2 : u < 0.1 * frail ? 1 : 0;
            const int points[4][5] = {{0, 0, 0, 0, 0}, {3, 1, 0, 1, 1}, {3, 3, 3, 5, 5}, {5, 7, 5, 10, 10}};
            const char* items[] = {"eating", "grooming", "dressing", "toileting", "moving"};
            for (int i = 0; i < 5; ++i) h.selfCare[items[i]] = points[level][i];
        }
        const bool male = r.sex == "1";
        h.height = p ? p->height : male ? d.tenths(158, 178) : d.tenths(148, 165);
        const double m = *h.height / 100.0;
        h.weight = std::round((p ? p->bmi : d.tenths(19, 28)) * m * m * 10) / 10;
        h.waist = d.between(male ? 76 : 70, male ? 100 : 95);
        h.systolic = d.between(112, p ? 156 : 148);
        h.diastolic = d.between(66, 92);
        h.heartRate = d.between(60, 90);
        h.respiration = d.between(16, 20);
        h.temperature = d.tenths(36.2, 36.9);
        const bool diabetic = p && p->enrolments.back().programme == "t2d";
        h.fastingGlucose = diabetic ? d.tenths(5.6, 9.8) : d.tenths(4.4, 6.4);
        care(r.villageCode, on).recordHealthCheck(std::move(h));
        ++m_summary.healthChecks;
    }
}

// ---- Up-referral (referrals.md) -----------------------------------------------------------

void Generator::refer(const DemoResident& r, const FollowUp& f, Dice& d) {
    const bool urgent = f.nextStep == "urgent_refer";
    if (!d.chance(urgent ? kReferUrgent : kReferAdvised)) return;
    Referrals referrals(m_db, Session::bootstrap(doctorOf(r.villageCode)));
    referrals.setNow(unixSeconds(*f.visitDate));
    auto slip = referrals.draftFromFollowUp(f.id);
    slip.toInstitution = urgent || d.chance(0.4) ? m_options.countyHospital : m_options.hospital;
    slip.toDepartment = f.programme == "t2d" ? "内分泌科" : "心血管内科";
    slip.fromInstitution = m_clinics[r.villageCode];
    slip.payment = "城乡居民基本医疗保险";
    slip.consent = true;
    const auto sent = referrals.create(slip, true);
    ++m_summary.referrals;
    // The doctor's 2-week follow-up learns how it went and closes the referral. (One demo
    // database is one site: the receiving hospital answers a referral on its own
    // workstation, after sync, so the demo cannot accept or return its own.)
    // Closing waits for the answer or, without one, for the referral to expire (14 days).
    const auto learnt = addDays(*f.visitDate, d.between(15, 20));
    if (learnt <= m_today && d.chance(0.8)) {
        referrals.setNow(unixSeconds(learnt));
        referrals.close(sent.id, d.chance(0.7) ? "患者已在上级医院就诊，调整用药后好转" : "患者已住院治疗");
    }
}

// ---- Severe mental illness and tuberculosis -----------------------------------------------

void Generator::followSmi(const DemoResident& r, Dice& d) {
    const Date adult = addMonths(r.birthDate, 12 * 16);
    const Date latest = addDays(m_today, -30);
    const Date diagnosed = minDate(maxDate(addDays(m_windowStart, -d.between(100, 5000)), adult), latest);
    EnrolmentRequest req;
    req.residentId = r.id;
    req.programme = "smi";
    req.diagnosedOn = diagnosed;
    req.enrolledOn = minDate(addDays(diagnosed, d.between(20, 200)), latest);
    req.diagnosedBy = "市精神卫生中心";
    req.diagnosis = d.pick(kSmiConditions);
    req.doctor = doctorOf(r.villageCode);
    const auto e = care(r.villageCode, *req.enrolledOn).enrol(req);
    ++m_summary.enrolled["smi"];
    const bool settled = d.chance(0.75);
    const auto medicine = d.pick(kSmiMedicines);
    Date date = *e.enrolledOn >= m_windowStart ? *e.enrolledOn : addDays(m_windowStart, d.between(0, 89));
    while (date <= m_today) {
        FollowUp f;
        f.residentId = r.id;
        f.programme = "smi";
        f.visitDate = date;
        const double u = d.unit();
        f.mode = u < 0.55 ? "home" : u < 0.9 ? "clinic" : "phone";
        const double v = d.unit();
        f.danger = settled ? (v < 0.97 ? 0 : 1) : v < 0.6 ? 0 : v < 0.8 ? 1 : v < 0.93 ? 2 : 3;
        if (!settled && d.chance(0.4)) f.smiFindings.push_back(d.chance(0.2) ? "obvious_symptoms" : "some_symptoms");
        if (d.chance(settled ? 0.1 : 0.3)) f.smiFindings.push_back("poor_insight");
        f.medicines = {medicine};
        const auto out = record(r, {std::move(f)}, date);
        const auto& form = out.records.front();
        date = nextVisit(form.nextDue.value_or(addMonths(date, 3)), date, Habit::Regular, soonOf(form.nextStep), d);
    }
}

void Generator::followTb(const DemoResident& r, Dice& d) {
    // Notified during the years shown (or just before), treated for about six months:
    // intensive phase two months, then continuation; closed when treatment ends.
    const Date from = maxDate(addDays(m_windowStart, -90), addMonths(r.birthDate, 12 * 15));
    const int span = daysBetween(from, m_today);
    if (span < 10) return;
    const Date notified = addDays(from, d.between(0, span - 5));
    EnrolmentRequest req;
    req.residentId = r.id;
    req.programme = "tb";
    req.diagnosedOn = notified;
    req.enrolledOn = minDate(addDays(notified, d.between(0, 1)), m_today);
    req.tbNotifiedOn = notified;
    req.diagnosedBy = "县疾病预防控制中心结核病门诊";
    req.diagnosis = d.chance(0.8) ? "初治肺结核" : "复治肺结核";
    req.tbPhase = "intensive";
    req.tbSupervisor = d.chance(0.5) ? "medical" : "family";
    req.doctor = doctorOf(r.villageCode);
    const auto e = care(r.villageCode, *req.enrolledOn).enrol(req);
    ++m_summary.enrolled["tb"];
    const Date ends = addDays(notified, d.between(180, 200));
    // chronic.md: the first home visit within 72 hours of notification.
    Date date = maxDate(addDays(notified, d.between(1, 3)), *e.enrolledOn);
    for (bool firstVisit = true; date <= m_today && date < ends; firstVisit = false) {
        FollowUp f;
        f.residentId = r.id;
        f.programme = "tb";
        f.visitDate = date;
        f.mode = firstVisit || req.tbSupervisor == "family" ? "home" : d.chance(0.9) ? "clinic" : "phone";
        f.tbPhase = date < addDays(notified, 60) ? "intensive" : "continuation";
        f.tbSupervisor = req.tbSupervisor;
        f.missedDoses = d.chance(0.85) ? 0 : d.between(1, 4);
        const auto out = record(r, {std::move(f)}, date);
        const auto due = out.records.front().nextDue.value_or(addMonths(date, 1));
        date = maxDate(addDays(due, d.between(-2, 4)), addDays(date, 5));
    }
    if (ends <= m_today) care(r.villageCode, ends).close(e.id, d.chance(0.6) ? "cured" : "completed", ends, "");
}

}  // namespace

std::map<std::string, std::string> demoVillageDoctors(const demo::DemoParams& params,
                                                      const std::vector<demo::DemoVillage>& villages,
                                                      std::uint64_t seed, std::map<std::string, std::string>* names) {
    Dice d(streamSeed(seed, 0, 0x646f63746f72ULL));
    std::map<std::string, std::string> out;
    std::set<std::string> taken;
    for (const auto& v : villages) {
        // Surnames in their national shares; village doctors mostly men born in the 1970s-80s.
        double u = d.unit() * 100;
        std::string surname;
        for (const auto& [name, percent] : params.surnames) {
            if (u < percent) {
                surname = name;
                break;
            }
            u -= percent;
        }
        if (surname.empty() && !params.rareSurnames.empty())
            surname = params.rareSurnames[static_cast<std::size_t>(
                d.between(0, static_cast<int>(params.rareSurnames.size()) - 1))];
        const auto& byDecade = params.givenNames[d.chance(0.65) ? 0 : 1];
        auto decade = byDecade.upper_bound(d.chance(0.5) ? 1970 : 1980);
        if (decade != byDecade.begin()) --decade;
        const auto& given = decade->second;
        const auto name = surname + given[static_cast<std::size_t>(d.between(0, static_cast<int>(given.size()) - 1))];
        const auto base = rules::PinyinTable::instance().nameKeys(name).full.front();
        auto user = base;
        for (int n = 2; !taken.insert(user).second; ++n) user = base + std::to_string(n);
        out[v.code] = user;
        if (names) (*names)[user] = name;
    }
    return out;
}

ChronicDemoSummary createDemoChronicCare(store::Database& db, const std::vector<DemoResident>& residents,
                                         const std::vector<demo::DemoVillage>& villages,
                                         const ChronicDemoOptions& options) {
    // Tens of thousands of one-visit transactions: without an fsync per commit the demo
    // takes a fraction of the time (docs/decisions.md, "Chronic-care demo data"). A power
    // cut during the demo loses the demo's last visits, not a doctor's work.
    store::RelaxedDurability relaxed(db);
    return Generator(db, villages, options).run(residents);
}

DemoResident demoResident(const model::Resident& r) {
    DemoResident out;
    out.id = r.id;
    out.villageCode = r.villageCode;
    out.sex = r.sex;
    out.birthDate = r.birthDate.value_or(Date{});
    for (const auto& disease : r.pastDiseases) {
        if (disease.code == "2") out.hypertensionSince = disease.diagnosedOn;
        if (disease.code == "3") out.diabetesSince = disease.diagnosedOn;
    }
    return out;
}

}  // namespace jiayi::services
