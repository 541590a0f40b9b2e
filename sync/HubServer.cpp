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
#include <cstdio>
#include <string_view>
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

// Each phase of a request is bounded, so a slow or idle client cannot hold a worker:
// the TLS handshake and every read of headers or body wait at most kReadSeconds, a whole
// body at most kBodySeconds, an idle kept-alive connection kIdleSeconds.
constexpr int kReadSeconds = 5;
constexpr int kBodySeconds = 60;
constexpr int kIdleSeconds = 5;

// Text a caller chose, made safe for one log line: backslashes and control bytes (line
// breaks, escapes) written as \\ and \xNN, at most `limit` bytes; with `quote`, in quotes
// (and quotes escaped) so that it cannot pass for another field.
std::string escaped(std::string_view text, bool quote = false, std::size_t limit = 200) {
    std::string out = quote ? "\"" : "";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || (quote && c == '"')) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > limit) out += "...";
    return quote ? out + "\"" : out;
}

// A device id as the log shows it: as is once proven, else marked and quoted (whatever a
// caller sent).
std::string deviceText(const HubResponse& r) {
    if (r.device.empty()) return "-";
    return r.deviceVerified ? r.device : "unverified:" + escaped(r.device, true, 80);
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
        // Read at most the batch limit plus a margin; anything longer is refused unread, and so
        // is the body of a request refused whatever it holds (no Content-Length, an unknown
        // or revoked device): the headers decide before a stranger's bytes are read.
        const std::size_t cap = limits::kBatchBytes + 64 * 1024;
        const bool hasLength = in.hasContentLength() && !in.getChunkedTransferEncoding();
        bool bodyRead = true;
        if (auto refused = m_service.precheck(request, hasLength)) {
            response = std::move(*refused);
            bodyRead = request.method != "POST";
        } else if (hasLength && in.getContentLength64() > static_cast<Poco::Int64>(cap)) {
            response = hubError(413, "too_large", "the body is larger than the hub accepts");
            bodyRead = false;
        } else {
            std::string body;
            char buf[16384];
            auto& stream = in.stream();
            bool late = false;
            while (stream && body.size() <= cap) {
                if (std::chrono::steady_clock::now() - started > std::chrono::seconds(kBodySeconds)) {
                    late = true;
                    break;
                }
                stream.read(buf, sizeof buf);
                body.append(buf, static_cast<std::size_t>(stream.gcount()));
            }
            if (late) {
                response = hubError(408, "too_slow", "the body did not arrive in time");
                bodyRead = false;
            } else if (body.size() > cap) {
                response = hubError(413, "too_large", "the body is larger than the hub accepts");
                bodyRead = false;
            } else if (hasLength && body.size() != static_cast<std::size_t>(in.getContentLength64())) {
                response = hubError(400, "truncated", "the body ended before its announced length");
                bodyRead = false;
            } else {
                request.body = std::move(body);
                response = m_service.handle(request);
            }
        }
        // A body left unread would be taken for the next request: close the connection.
        if (!bodyRead) out.setKeepAlive(false);
        out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
        out.setContentType(response.contentType);
        for (const auto& [name, value] : response.headers) out.set(name, value);
        out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
        out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        std::ostringstream line;
        // Only proven device ids go in as they are; everything a caller chose is escaped.
        line << isoNow() << ' ' << in.clientAddress().host().toString() << ' ' << deviceText(response) << ' '
             << escaped(request.method) << ' ' << escaped(request.path) << ' ' << response.status << ' '
             << request.body.size() << ' ' << response.body.size() << ' ' << ms << "ms " << escaped(response.note);
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
    params->setTimeout(Poco::Timespan(kReadSeconds, 0));         // handshake, headers, each body read
    params->setKeepAliveTimeout(Poco::Timespan(kIdleSeconds, 0));  // idle between requests
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
