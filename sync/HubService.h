#pragma once
// The hub's request handling, apart from HTTP (the server in HubServer, tests and the fuzz
// target call it directly): enrolment, signed requests, clock and schema checks, push and
// pull with the device's scope enforced on every row.
#include <cstdint>
#include <functional>
#include <map>
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
    std::string device;  // the authenticated or claimed device, for the log
    std::string note;    // one short phrase for the log line
};

class HubService {
public:
    HubService(HubStore& store, std::string certificatePin,
               std::function<std::int64_t()> clock = nullptr);

    HubResponse handle(const HubRequest& request);

    // An administrator's one-time code for a new device of `scope` (a division prefix of
    // 2–12 digits); valid for `hours`. Returns the code to hand over.
    std::string createCode(const std::string& scope, const std::string& name, int hours,
                           const std::string& replaces = {});

private:
    HubResponse health();
    HubResponse enrol(const HubRequest& request);
    HubResponse signedRequest(const HubRequest& request);
    HubResponse hello(const Device& device);
    HubResponse push(const Device& device, const HubRequest& request);
    HubResponse pull(const Device& device, const std::string& query, int siteSchema);
    HubResponse blocks(const Device& device, const HubRequest& request);

    HubStore& m_store;
    std::string m_pin;
    std::function<std::int64_t()> m_clock;
};

// Builds the error body every refusal carries: a code the client translates, an English
// message for logs and scripts, and the values the message names.
HubResponse hubError(int status, const std::string& code, const std::string& message,
                     const std::map<std::string, std::string>& args = {});

}  // namespace jiayi::sync
