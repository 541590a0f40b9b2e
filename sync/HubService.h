#pragma once
// The hub's request handling, apart from HTTP (the server in HubServer, tests and the fuzz
// target call it directly): enrolment, signed requests, clock and schema checks, push and
// pull with the device's scope enforced on every row.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "sync/HubStore.h"

namespace jiayi::sync {

struct HubRequest {
    std::string method;
    std::string path;  // with the query string
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
};

struct HubResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::map<std::string, std::string> headers;
    std::string device;  // the device the request names, for the log
    // Whether `device` was proven (a valid signature, or the enrolment proof): the log
    // writes an unproven one quoted and escaped, never as the caller typed it.
    bool deviceVerified = false;
    std::string note;    // one short phrase for the log line
};

class HubService {
public:
    HubService(HubStore& store, std::string certificatePin,
               std::function<std::int64_t()> clock = nullptr);

    HubResponse handle(const HubRequest& request);
    // Before the body is read: the refusal a request gets whatever its body says (an unknown
    // endpoint, a POST without Content-Length, an unsigned or unknown or revoked device), so
    // the server answers at once instead of reading what a stranger sends.
    std::optional<HubResponse> precheck(const HubRequest& request, bool hasContentLength);

    // An administrator's one-time code for a new device of `scope` (a division prefix of
    // 2–12 digits); valid for `hours`. Returns the code to hand over.
    std::string createCode(const std::string& scope, const std::string& name, int hours,
                           const std::string& replaces = {});

    // Whether the copy of a site's audit trail the hub holds is whole: every link checked
    // again (`jiayi-hub audit`); `entries` counts the entries read.
    std::optional<store::AuditBreak> verifyAuditCopy(const std::string& site, std::int64_t* entries = nullptr);

private:
    HubResponse health();
    HubResponse enrol(const HubRequest& request);
    HubResponse signedRequest(const HubRequest& request);
    // The refusal of a signed request that does not depend on its body (unsigned, unknown or
    // revoked device), with the device it names; nullopt when the body must be read.
    std::optional<HubResponse> checkSigner(const HubRequest& request);
    HubResponse hello(const Device& device);
    HubResponse push(const Device& device, const HubRequest& request);
    HubResponse pull(const Device& device, const std::string& query, int siteSchema);
    HubResponse blocks(const Device& device, const HubRequest& request);
    // A page of the device's starting snapshot (HubStore::snapshot): ?id=&after=&limit=.
    HubResponse snapshot(const Device& device, const std::string& query, int siteSchema);
    // A site's audit entries: verified against the chain the hub holds, stored whole or
    // refused whole (docs/hub.md, "Audit trails").
    HubResponse audit(const Device& device, const HubRequest& request);

    HubStore& m_store;
    std::string m_pin;
    std::function<std::int64_t()> m_clock;
};

// Builds the error body every refusal carries: a code the client translates, an English
// message for logs and scripts, and the values the message names.
HubResponse hubError(int status, const std::string& code, const std::string& message,
                     const std::map<std::string, std::string>& args = {});

}  // namespace jiayi::sync
