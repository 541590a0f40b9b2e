#pragma once
// The hub's HTTPS front: Poco NetSSL server around HubService, one log line per request,
// bodies capped before they are read, graceful stop.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace jiayi::sync {

class HubService;

struct HubServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: any free port (tests)
    std::string certificateFile;
    std::string privateKeyFile;
    int threads = 8;
};

class HubServer {
public:
    // `log` receives one line per request (without the newline); it must be thread-safe.
    HubServer(HubService& service, const HubServerConfig& config, std::function<void(const std::string&)> log);
    ~HubServer();
    void start();
    // Stops accepting connections and waits for requests in flight.
    void stop();
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The certificate's public-key pin ("sha256//…") from a PEM file.
std::string pinOfCertificateFile(const std::string& path);

}  // namespace jiayi::sync
