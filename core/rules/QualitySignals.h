#pragma once
// Signals of fabricated or careless follow-up (../shared/domain/quality.md "Checks on
// individual records" and "Signals"), as pure functions over the follow-ups of one doctor or
// one village (issue 18). Each signal has a score (1 at its threshold, higher further past it),
// an explanation in words with the figures behind it, and the records it rests on. A signal
// is a reason to look, never a verdict: the thresholds are settings (rules::indicators::Config)
// and the review workflow decides.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules/Indicators.h"
#include "core/util/Date.h"

namespace jiayi::rules::quality {

enum class SignalKind {
    TerminalDigit,  // share of readings ending in 0 (or 0/5) far above chance
    LowVariation,   // one patient's readings nearly constant; a doctor's in a narrow band
    CopyPaste,      // identical vitals + text + selections on several records
    Burst,          // many follow-ups saved minutes apart, or more in a day than could be seen
    QuarterEnd,     // visits crammed into the last days of a quarter
    LateEntry,      // entered long after the visit date
    AfterDeath,     // services dated after the recorded death or move-away
    TwoVillages,    // home visits in two villages on one day
    BeforeRecord,   // a visit dated before the record was created (logic error, reported)
};
std::vector<SignalKind> allSignalKinds();
std::string_view code(SignalKind k);  // "terminal_digit", …
std::optional<SignalKind> signalKindFromCode(std::string_view code);
std::string signalName(SignalKind k);  // translated

// A follow-up as the scan reads it (current versions of signed hypertension and diabetes
// follow-ups, and of the other programmes for the date checks).
struct Visit {
    std::string id, residentId, villageCode, doctor, programme, mode;
    Date date;
    std::string signedAt;  // ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ"
    std::optional<int> systolic, diastolic, heartRate;
    std::optional<double> weight, glucose;
    std::string content;  // the text and selections of the form (JSON), compared as a whole
    std::optional<Date> residentGoneOn;  // the record's death or move-away date
    std::string residentGone;            // "dead", "moved" or ""
    std::optional<Date> recordCreatedOn;
    std::optional<Date> nextDue;
};

struct Signal {
    SignalKind kind{};
    std::string subject;  // the doctor's login or the village code
    double score = 0;     // ≥ 1: past the threshold
    std::string explanation;
    std::vector<std::string> records;  // the follow-ups behind it
};

// Every signal past its threshold for the visits of one subject (a doctor or a village) in
// `period` (quarter-end cramming reads only the quarters wholly inside it).
std::vector<Signal> signalsFor(const std::string& subject, const std::vector<const Visit*>& visits,
                               const indicators::Config& c, const indicators::Period& period);

// The logic errors of one record (quality.md "Checks on individual records"), reported over
// existing data: entry refuses most of them today, but records signed before a rule existed,
// applied from other sites or entered from paper (a visit before the record) may hold them.
// Each reason in words; empty when the record is sound. `today` judges "in the future".
std::vector<std::string> logicErrors(const Visit& v, const Date& today);

// Minutes between two ISO 8601 UTC times; nullopt when one cannot be read.
std::optional<long long> minutesBetween(std::string_view from, std::string_view to);

}  // namespace jiayi::rules::quality
