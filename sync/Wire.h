#pragma once
// What client and hub agree on besides the batch format: header names, the signed text
// of a request, error codes, the clock and schema limits (docs/sync-design.md).
#include <cstdint>
#include <string>
#include <string_view>

namespace jiayi::sync::wire {

inline constexpr const char* kDevice = "X-Jiayi-Device";
inline constexpr const char* kRequest = "X-Jiayi-Request";  // strictly increasing per device
inline constexpr const char* kTime = "X-Jiayi-Time";        // the device's wall clock, ms
inline constexpr const char* kSchema = "X-Jiayi-Schema";    // the device's database schema
inline constexpr const char* kSignature = "X-Jiayi-Signature";
inline constexpr const char* kNext = "X-Jiayi-Next";
inline constexpr const char* kMore = "X-Jiayi-More";
inline constexpr const char* kSnapshot = "X-Jiayi-Snapshot";  // the snapshot's id
inline constexpr const char* kCursor = "X-Jiayi-Cursor";      // where the pull goes on after it
inline constexpr const char* kTotal = "X-Jiayi-Total";        // rows in the snapshot

// A site whose clock runs more than this ahead of the hub is refused (issue 3, Clock safety).
inline constexpr std::int64_t kMaxClockAheadMs = 5 * 60 * 1000;
// The oldest site schema that can sync: version 4 added the sync cursors.
inline constexpr int kMinSiteSchema = 4;

// The text a device signs: every part of the request that matters, body by its hash.
std::string signedText(std::string_view method, std::string_view pathAndQuery, std::string_view device,
                       std::int64_t request, std::int64_t timeMs, int schema, std::string_view body);

// The enrolment proofs: both sides show they know the one-time code and saw the same
// certificate, so a man in the middle learns nothing and enrols nobody. They are keyed by
// codeKey(secret), which is also all the hub stores of the code.
std::string codeKey(std::string_view codeSecret);
std::string enrolProof(std::string_view key, std::string_view codeId, std::string_view site,
                       std::string_view publicKeyB64, std::string_view pin);
std::string hubProof(std::string_view key, std::string_view site, std::string_view pin);

// "ABCD-EFGH-JKMN-PQRS": the first group names the code, the rest is the secret.
struct CodeParts {
    std::string id, secret;
};
CodeParts splitCode(std::string_view code);  // throws std::invalid_argument
std::string makeCode();

}  // namespace jiayi::sync::wire
