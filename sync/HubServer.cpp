#include "sync/HubServer.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <chrono>
#include <thread>
#include <fstream>
#include <sstream>

#include "sync/Crypto.h"
#include "sync/HubService.h"
#include "sync/Protocol.h"

namespace jiayi::sync {
namespace {

std::string isoNow() {
    const auto now = std::chrono::system_clock::now();
    const auto t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    Handler(HubService& service, const std::function<void(const std::string&)>& log)
        : m_service(service), m_log(log) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        const auto started = std::chrono::steady_clock::now();
        // Answers go out at once: without this, Nagle's algorithm holds the body behind the
        // headers until the client's delayed ACK, 40 ms per request.
        static_cast<Poco::Net::HTTPServerRequestImpl&>(in).socket().setNoDelay(true);
        HubRequest request;
        request.method = in.getMethod();
        request.path = in.getURI();
        for (const auto& [name, value] : in) request.headers[Poco::toLower(name)] = value;
        HubResponse response;
        // Read at most the batch limit plus a margin; anything longer is refused unread.
        const std::size_t cap = limits::kBatchBytes + 64 * 1024;
        if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(cap)) {
            response = hubError(413, "too_large", "the body is larger than the hub accepts");
        } else {
            std::string body;
            char buf[16384];
            auto& stream = in.stream();
            while (stream && body.size() <= cap) {
                stream.read(buf, sizeof buf);
                body.append(buf, static_cast<std::size_t>(stream.gcount()));
            }
            if (body.size() > cap) {
                response = hubError(413, "too_large", "the body is larger than the hub accepts");
            } else if (in.hasContentLength() && body.size() != static_cast<std::size_t>(in.getContentLength64())) {
                response = hubError(400, "truncated", "the body ended before its announced length");
            } else {
                request.body = std::move(body);
                response = m_service.handle(request);
            }
        }
        out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
        out.setContentType(response.contentType);
        for (const auto& [name, value] : response.headers) out.set(name, value);
        out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
        out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        std::ostringstream line;
        line << isoNow() << ' ' << in.clientAddress().host().toString() << ' '
             << (response.device.empty() ? "-" : response.device) << ' ' << request.method << ' '
             << request.path << ' ' << response.status << ' ' << request.body.size() << ' '
             << response.body.size() << ' ' << ms << "ms " << response.note;
        m_log(line.str());
    }

private:
    HubService& m_service;
    const std::function<void(const std::string&)>& m_log;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(HubService& service, const std::function<void(const std::string&)>& log)
        : m_service(service), m_log(log) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(m_service, m_log);
    }

private:
    HubService& m_service;
    const std::function<void(const std::string&)>& m_log;
};

}  // namespace

struct HubServer::Impl {
    HubService& service;
    HubServerConfig config;
    std::function<void(const std::string&)> log;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;
};

HubServer::HubServer(HubService& service, const HubServerConfig& config,
                     std::function<void(const std::string&)> log)
    : m_impl(new Impl{service, config, std::move(log), nullptr, 0}) {}

HubServer::~HubServer() { stop(); }

void HubServer::start() {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, m_impl->config.privateKeyFile, m_impl->config.certificateFile,
        "", Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress(m_impl->config.host, m_impl->config.port),
                                         64, context);
    m_impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(m_impl->config.threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(30, 0));
    m_impl->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(m_impl->service, m_impl->log),
                                                             socket, params);
    m_impl->server->start();
}

void HubServer::stop() {
    if (!m_impl->server) return;
    m_impl->server->stopAll(false);  // stop accepting; requests in flight finish
    // Wait until the worker threads have finished what they were doing.
    for (int i = 0; i < 300 && m_impl->server->currentThreads() > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    m_impl->server.reset();
}

std::uint16_t HubServer::port() const { return m_impl->port; }

std::string pinOfCertificateFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the certificate " + path);
    std::stringstream text;
    text << in.rdbuf();
    return crypto::publicKeyPin(text.str());
}

}  // namespace jiayi::sync
