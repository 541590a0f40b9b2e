#include "sync/HubService.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

#include "core/rules/Divisions.h"
#include "core/store/Hlc.h"
#include "core/util/Error.h"
#include "sync/AuditBatch.h"
#include "sync/Crypto.h"
#include "sync/Protocol.h"
#include "sync/Wire.h"

namespace jiayi::sync {
namespace {

std::string stringify(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

HubResponse json(const Poco::JSON::Object& object, std::string note = {}) {
    HubResponse r;
    r.body = stringify(object);
    r.note = std::move(note);
    return r;
}

// A request header by its name in wire.h (requests hold names in lower case).
std::string header(const HubRequest& r, const char* name) {
    const auto it = r.headers.find(Poco::toLower(std::string(name)));
    return it == r.headers.end() ? std::string() : it->second;
}

bool parseInt(const std::string& text, std::int64_t& out) {
    if (text.empty() || text.size() > 19) return false;
    std::size_t i = text[0] == '-' ? 1 : 0;
    if (i == text.size()) return false;
    for (std::size_t k = i; k < text.size(); ++k)
        if (text[k] < '0' || text[k] > '9') return false;
    out = std::stoll(text);
    return true;
}

std::int64_t minutesAhead(std::int64_t aheadMs) { return (aheadMs + 59999) / 60000; }

std::string query(const std::string& path) {
    const auto q = path.find('?');
    return q == std::string::npos ? std::string() : path.substr(q + 1);
}

}  // namespace

HubResponse hubError(int status, const std::string& code, const std::string& message,
                     const std::map<std::string, std::string>& args) {
    Poco::JSON::Object o;
    o.set("error", code);
    o.set("message", message);
    Poco::JSON::Object a;
    for (const auto& [k, v] : args) a.set(k, v);
    o.set("args", a);
    HubResponse r = json(o, code);
    r.status = status;
    return r;
}

HubService::HubService(HubStore& store, std::string certificatePin, std::function<std::int64_t()> clock)
    : m_store(store), m_pin(std::move(certificatePin)), m_clock(std::move(clock)) {
    if (!m_clock) m_clock = [] { return static_cast<std::int64_t>(store::wallClockMillis()); };
}

std::string HubService::createCode(const std::string& given, const std::string& name, int hours,
                                   const std::string& replaces) {
    // Stored as the prefix of its villages' codes, so 371721101000 and 371721101 are one scope.
    const auto scope = rules::divisionPrefix(given);
    if (scope.empty())
        throw ValidationError("scope", "a scope is a division code of 2, 4, 6, 9 or 12 digits (e.g. 371721101)");
    if (hours < 1 || hours > 24 * 30) throw ValidationError("hours", "a code is valid for 1 hour to 30 days");
    if (!replaces.empty() && !m_store.device(replaces))
        throw ValidationError("replace", "no device " + replaces + " is enrolled at this hub (jiayi-hub devices)");
    for (int attempt = 0;; ++attempt) {
        const auto code = wire::makeCode();
        const auto parts = wire::splitCode(code);
        if (m_store.code(parts.id) && attempt < 20) continue;
        m_store.addCode({parts.id, crypto::toHex(wire::codeKey(parts.secret)), scope, name,
                         m_clock() + std::int64_t{hours} * 3600 * 1000, "", 0, replaces});
        return code;
    }
}

HubResponse HubService::handle(const HubRequest& request) {
    try {
        const auto path = request.path.substr(0, request.path.find('?'));
        if (request.method == "GET" && path == "/health") return health();
        if (request.method == "POST" && path == "/v1/enrol") return enrol(request);
        if (path == "/v1/hello" || path == "/v1/push" || path == "/v1/pull" || path == "/v1/blocks" ||
            path == "/v1/audit" || path == "/v1/snapshot")
            return signedRequest(request);
        return hubError(404, "not_found", "no such endpoint: " + request.method + " " + path);
    } catch (const ProtocolError& e) {
        return hubError(400, "bad_batch", e.what(), {{"detail", e.what()}});
    } catch (const StoreUnavailable& e) {
        return hubError(503, "store_unavailable", std::string("the hub's store does not answer: ") + e.what());
    } catch (const std::exception& e) {
        return hubError(500, "hub_error", std::string("the hub failed: ") + e.what());
    }
}

HubResponse HubService::health() {
    Poco::JSON::Object o;
    // The store answers (a PostgreSQL server down or unreachable is 503: a load balancer
    // takes this process out until it answers again).
    std::int64_t head = 0;
    try {
        head = m_store.logHead();
    } catch (const std::exception& e) {
        return hubError(503, "store_unavailable", std::string("the hub's store does not answer: ") + e.what());
    }
    o.set("status", "ok");
    o.set("hub", m_store.hubId());
    o.set("schema", m_store.schemaVersion());
    o.set("time", m_clock());
    o.set("log_head", head);
    return json(o, "health");
}

HubResponse HubService::enrol(const HubRequest& request) {
    if (request.body.size() > 4096) return hubError(413, "too_large", "enrolment body too large");
    Poco::JSON::Object::Ptr in;
    try {
        in = Poco::JSON::Parser().parse(request.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        return hubError(400, "bad_request", "enrolment body is not a JSON object");
    }
    const auto codeId = in->optValue<std::string>("code_id", "");
    const auto site = in->optValue<std::string>("site", "");
    const auto publicKey = in->optValue<std::string>("public_key", "");
    const auto name = in->optValue<std::string>("name", "");
    const auto proof = in->optValue<std::string>("proof", "");
    auto code = m_store.code(codeId);
    if (!code) return hubError(403, "enrol_refused", "unknown enrolment code");
    if (!code->usedBy.empty()) return hubError(403, "code_used", "the enrolment code was already used");
    if (code->expiresAtMs < m_clock()) return hubError(403, "code_expired", "the enrolment code has expired");
    if (code->failures >= 5) return hubError(403, "code_locked", "too many wrong attempts with this code");
    std::string rawKey;
    try {
        rawKey = crypto::unbase64(publicKey);
    } catch (const std::exception&) {
    }
    if (site.size() < 16 || site.size() > 64 || rawKey.size() != 32 || name.size() > 200)
        return hubError(400, "bad_request", "enrolment needs a site id, an Ed25519 public key and a name");
    // Both proofs are keyed by the hash of the code's secret, which is all the hub keeps.
    const auto key = crypto::fromHex(code->keyHash);
    const auto expected = wire::enrolProof(key, codeId, site, publicKey, m_pin);
    if (!crypto::equalSecret(expected, proof)) {
        m_store.countFailure(codeId);
        auto refused = hubError(403, "enrol_refused", "the enrolment code is wrong, or the device saw another certificate");
        refused.device = site;
        return refused;
    }
    if (!code->replaces.empty() && code->replaces != site) {
        auto refused = hubError(403, "enrol_refused", "this code replaces another device");
        refused.device = site;
        return refused;
    }
    const auto siteName = name.empty() ? code->name : name;
    const auto outcome = m_store.enrol(codeId, {site, siteName, code->scope, rawKey, "", ""});
    if (outcome == EnrolOutcome::CodeUsed) return hubError(403, "code_used", "the enrolment code was already used");
    if (outcome == EnrolOutcome::SiteExists) {
        // A revoked device must not come back, nor an enrolled one be re-keyed or re-scoped,
        // by any new code: an administrator issues a replacement code for that site.
        auto refused = hubError(409, "site_enrolled",
                                "this site is already enrolled at the hub (or was revoked); only a replacement code "
                                "from the administrator (jiayi-hub code --replace SITE) enrols it again");
        refused.device = site;
        return refused;
    }
    Poco::JSON::Object out;
    out.set("hub", m_store.hubId());
    out.set("scope", code->scope);
    out.set("name", siteName);
    out.set("time", m_clock());
    out.set("schema", m_store.schemaVersion());
    // The hub's answer proves it knows the code too, and names the certificate it holds.
    out.set("proof", wire::hubProof(key, site, m_pin));
    auto r = json(out, (outcome == EnrolOutcome::Replaced ? "re-enrolled by replacement code for scope "
                                                           : "enrolled for scope ") +
                           code->scope);
    r.device = site;
    r.deviceVerified = true;  // the proof showed the device holds the code
    return r;
}

std::optional<HubResponse> HubService::checkSigner(const HubRequest& request) {
    const auto site = header(request, wire::kDevice);
    std::int64_t number = 0, time = 0, schema = 0;
    if (site.empty() || !parseInt(header(request, wire::kRequest), number) ||
        !parseInt(header(request, wire::kTime), time) || !parseInt(header(request, wire::kSchema), schema))
        return hubError(401, "unsigned", "the request is not signed by an enrolled device");
    auto refuse = [&](HubResponse r) {
        r.device = site;
        return r;
    };
    const auto device = m_store.device(site);
    if (!device) return refuse(hubError(401, "unknown_device", "this device is not enrolled at the hub"));
    if (!device->revokedOn.empty())
        return refuse(hubError(403, "revoked", "this device was revoked on " + device->revokedOn,
                               {{"date", device->revokedOn}}));
    return std::nullopt;
}

std::optional<HubResponse> HubService::precheck(const HubRequest& request, bool hasContentLength) {
    const auto path = request.path.substr(0, request.path.find('?'));
    const bool known = path == "/health" || path == "/v1/enrol" || path == "/v1/hello" || path == "/v1/push" ||
                       path == "/v1/pull" || path == "/v1/blocks" || path == "/v1/audit" || path == "/v1/snapshot";
    if (!known) return hubError(404, "not_found", "no such endpoint");
    if (request.method == "POST" && !hasContentLength)
        return hubError(411, "length_required", "a POST must say its Content-Length");
    if (path == "/health" || path == "/v1/enrol") return std::nullopt;
    return checkSigner(request);
}

HubResponse HubService::signedRequest(const HubRequest& request) {
    if (auto refused = checkSigner(request)) return *refused;
    const auto site = header(request, wire::kDevice);
    std::int64_t number = 0, time = 0, schema = 0;
    parseInt(header(request, wire::kRequest), number);
    parseInt(header(request, wire::kTime), time);
    parseInt(header(request, wire::kSchema), schema);
    auto refuse = [&](HubResponse r) {
        r.device = site;
        return r;
    };
    const auto device = m_store.device(site);
    std::string signature;
    try {
        signature = crypto::unbase64(header(request, wire::kSignature));
    } catch (const std::exception&) {
    }
    const auto text = wire::signedText(request.method, request.path, site, number, time,
                                       static_cast<int>(schema), request.body);
    if (!crypto::verify(device->publicKey, text, signature))
        return refuse(hubError(401, "bad_signature", "the request's signature does not match the device's key"));
    // From here on the device is proven: refusals and answers name it as such.
    auto proven = [&](HubResponse r) {
        r.device = site;
        r.deviceVerified = true;
        return r;
    };
    const auto now = m_clock();
    if (time - now > wire::kMaxClockAheadMs)
        return proven(hubError(409, "clock_ahead",
                               "the device's clock is " + std::to_string(minutesAhead(time - now)) +
                                   " minutes ahead of the hub",
                               {{"minutes", std::to_string(minutesAhead(time - now))}}));
    if (schema < wire::kMinSiteSchema)
        return proven(hubError(426, "schema_too_old",
                               "the device's database schema " + std::to_string(schema) +
                                   " is too old; it needs at least " + std::to_string(wire::kMinSiteSchema),
                               {{"have", std::to_string(schema)}, {"need", std::to_string(wire::kMinSiteSchema)}}));
    if (schema > m_store.schemaVersion())
        return proven(hubError(426, "hub_too_old",
                               "the hub's schema " + std::to_string(m_store.schemaVersion()) +
                                   " is older than the device's " + std::to_string(schema),
                               {{"have", std::to_string(schema)},
                                {"hub", std::to_string(m_store.schemaVersion())}}));
    if (!m_store.acceptRequestNumber(site, number))
        return proven(hubError(409, "replay", "a request with this number was already received"));
    const auto path = request.path.substr(0, request.path.find('?'));
    // A malformed batch from a proven device is that device's: the log names it.
    try {
        return proven(path == "/v1/hello"    ? hello(*device)
                      : path == "/v1/push"   ? push(*device, request)
                      : path == "/v1/blocks" ? blocks(*device, request)
                      : path == "/v1/audit"  ? audit(*device, request)
                      : path == "/v1/snapshot"
                          ? snapshot(*device, query(request.path), static_cast<int>(schema))
                          : pull(*device, query(request.path), static_cast<int>(schema)));
    } catch (const ProtocolError& e) {
        return proven(hubError(400, "bad_batch", e.what(), {{"detail", e.what()}}));
    }
}

HubResponse HubService::hello(const Device& device) {
    Poco::JSON::Object o;
    o.set("hub", m_store.hubId());
    o.set("schema", m_store.schemaVersion());
    o.set("time", m_clock());
    o.set("scope", device.scope);
    o.set("name", device.name);
    o.set("last_seq", m_store.lastSeq(device.site));
    o.set("audit_seq", m_store.auditHead(device.site).seq);
    o.set("snapshot", true);  // a fresh site may start from a snapshot of its scope (/v1/snapshot)
    return json(o, "hello");
}

HubResponse HubService::push(const Device& device, const HubRequest& request) {
    if (request.method != "POST") return hubError(405, "bad_request", "push is a POST");
    const auto entries = unpackBatch(request.body);
    const auto limit = m_clock() + wire::kMaxClockAheadMs;
    for (const auto& e : entries) {
        const auto millis = static_cast<std::int64_t>(store::Hlc::unpack(e.hlc).millis);
        if (millis > limit)
            return hubError(409, "clock_ahead",
                            "changes are stamped " + std::to_string(minutesAhead(millis - m_clock())) +
                                " minutes ahead of the hub's clock",
                            {{"minutes", std::to_string(minutesAhead(millis - m_clock()))}});
    }
    try {
        const auto outcome = m_store.push(device, entries);
        Poco::JSON::Object o;
        o.set("last_seq", outcome.lastSeq);
        o.set("applied", outcome.result.applied);
        o.set("skipped", outcome.result.skipped);
        o.set("conflicts", outcome.result.conflicts);
        return json(o, "push " + std::to_string(entries.size()) + " entries, applied " +
                           std::to_string(outcome.result.applied) + ", conflicts " +
                           std::to_string(outcome.result.conflicts));
    } catch (const ScopeError& e) {
        return hubError(403, "out_of_scope", e.what(), {{"row", e.rowId}, {"village", e.village}, {"scope", device.scope}});
    } catch (const StoreUnavailable&) {
        throw;  // 503: not a refusal of the batch
    } catch (const StorageError& e) {
        return hubError(409, "refused", e.what(), {{"last_seq", std::to_string(m_store.lastSeq(device.site))}});
    }
}

HubResponse HubService::audit(const Device& device, const HubRequest& request) {
    if (request.method != "POST") return hubError(405, "bad_request", "audit is a POST");
    const auto entries = unpackAuditBatch(request.body);
    const auto head = m_store.auditHead(device.site);
    // Each entry must continue the chain the hub holds: the first links to the last stored
    // entry, seq goes on without a gap, each hash recomputes. Entries the hub already holds
    // (a batch repeated after a cut connection) must be those it holds, and are skipped.
    std::vector<store::AuditEntry> fresh;
    std::optional<store::AuditBreak> broken;
    std::int64_t expected = head.seq + 1;
    std::string prev = head.hash;
    for (const auto& e : entries) {
        if (e.site != device.site) {
            broken = store::AuditBreak{e.seq, "an entry of another site"};
        } else if (fresh.empty() && e.seq <= head.seq) {
            if (m_store.auditHash(device.site, e.seq) != e.hash)
                broken = store::AuditBreak{e.seq, "differs from the copy the hub holds"};
            else if (store::AuditLog::hashOf(e) != e.hash)
                broken = store::AuditBreak{e.seq, "changed"};
            else
                continue;
        } else {
            broken = store::AuditLog::link(e, expected, prev);
        }
        if (broken) break;
        fresh.push_back(e);
        prev = e.hash;
        ++expected;
    }
    if (broken) {
        const auto seq = std::to_string(broken->seq);
        m_store.recordEvent("audit_refused", device.site,
                            "entry " + seq + ": " + broken->reason + "; a batch of " + std::to_string(entries.size()) +
                                " entries, none stored (the hub holds up to " + std::to_string(head.seq) + ")");
        return hubError(409, "audit_broken",
                        "the audit trail of site " + device.site + " breaks at entry " + seq + " (" + broken->reason +
                            "): nothing of this batch was stored",
                        {{"site", device.site}, {"seq", seq}, {"reason", broken->reason}});
    }
    AuditHead now = head;
    try {
        if (!fresh.empty()) now = m_store.appendAudit(device.site, fresh);
    } catch (const StoreUnavailable&) {
        throw;
    } catch (const StorageError& e) {
        return hubError(409, "refused", e.what(), {{"last_seq", std::to_string(m_store.auditHead(device.site).seq)}});
    }
    Poco::JSON::Object o;
    o.set("last_seq", now.seq);
    o.set("stored", static_cast<std::int64_t>(fresh.size()));
    return json(o, "audit " + std::to_string(entries.size()) + " entries, stored " + std::to_string(fresh.size()));
}

std::optional<store::AuditBreak> HubService::verifyAuditCopy(const std::string& site, std::int64_t* entries) {
    AuditHead last;
    for (;;) {
        const auto page = m_store.auditTrail(site, last.seq, limits::kBatchEntries);
        if (page.empty()) break;
        if (auto broken = store::AuditLog::verifyChain(page, last.seq, last.hash)) return broken;
        last = {page.back().seq, page.back().hash};
    }
    if (entries) *entries = last.seq;
    return std::nullopt;
}

HubResponse HubService::blocks(const Device& device, const HubRequest& request) {
    if (request.method != "POST") return hubError(405, "bad_request", "blocks is a POST");
    std::vector<store::SerialBlock> ledger;
    std::vector<std::string> need;
    try {
        const auto in = Poco::JSON::Parser().parse(request.body).extract<Poco::JSON::Object::Ptr>();
        const auto l = in->getArray("ledger");
        const auto n = in->getArray("need");
        if (!l || !n || l->size() > 10000 || n->size() > 2000) throw std::invalid_argument("sizes");
        for (std::size_t i = 0; i < l->size(); ++i) {
            const auto b = l->getArray(static_cast<unsigned>(i));
            if (!b || b->size() != 3) throw std::invalid_argument("block");
            ledger.push_back({b->getElement<std::string>(0), b->getElement<std::int64_t>(1),
                              b->getElement<std::int64_t>(2)});
            if (ledger.back().first < 1 || ledger.back().last < ledger.back().first ||
                ledger.back().last > store::ArchiveNumbers::kMaxSerial)
                throw std::invalid_argument("range");
        }
        for (std::size_t i = 0; i < n->size(); ++i) need.push_back(n->getElement<std::string>(static_cast<unsigned>(i)));
    } catch (const std::exception&) {
        return hubError(400, "bad_request", "blocks needs {\"ledger\": [[village, first, last], ...], \"need\": [village, ...]}");
    }
    try {
        const auto granted = m_store.grantBlocks(device, ledger, need);
        Poco::JSON::Array out;
        for (const auto& b : granted) {
            Poco::JSON::Array a;
            a.add(b.villageCode);
            a.add(b.first);
            a.add(b.last);
            out.add(a);
        }
        Poco::JSON::Object o;
        o.set("blocks", out);
        return json(o, "granted " + std::to_string(granted.size()) + " archive blocks, recorded " +
                           std::to_string(ledger.size()));
    } catch (const ScopeError& e) {
        return hubError(403, "out_of_scope", e.what(), {{"row", ""}, {"village", e.village}, {"scope", device.scope}});
    } catch (const ConflictError& e) {
        return hubError(409, "numbering_overlap", e.what(), {{"detail", e.what()}});
    }
}

HubResponse HubService::pull(const Device& device, const std::string& query, int siteSchema) {
    std::int64_t after = 0, limit = static_cast<std::int64_t>(limits::kBatchEntries);
    for (const auto& [key, value] : Poco::URI("/?" + query).getQueryParameters()) {
        std::int64_t n = 0;
        if (!parseInt(value, n) || n < 0) return hubError(400, "bad_request", "bad query parameter " + key);
        if (key == "after") after = n;
        else if (key == "limit") limit = std::clamp<std::int64_t>(n, 1, static_cast<std::int64_t>(limits::kBatchEntries));
    }
    auto outcome = m_store.pull(device, after, static_cast<std::size_t>(limit));
    // A site on an older schema gets no entries of tables it does not have yet.
    std::vector<store::ChangeEntry> entries;
    std::vector<std::int64_t> seqs;
    for (std::size_t i = 0; i < outcome.entries.size(); ++i)
        if (store::tableSinceSchema(outcome.entries[i].table) <= siteSchema) {
            entries.push_back(std::move(outcome.entries[i]));
            seqs.push_back(outcome.hubSeqs[i]);
        }
    // Keep within the body limit: a batch of large rows is cut, and the cursor follows.
    auto packed = packBatch(entries);
    bool more = outcome.more;
    std::int64_t next = outcome.next;
    if (packed.count < entries.size()) {  // cut to fit the body limit: go on after the last sent
        more = true;
        next = seqs[packed.count - 1];
    }
    HubResponse r;
    r.contentType = "application/octet-stream";
    r.body = std::move(packed.body);
    r.headers[wire::kNext] = std::to_string(next);
    r.headers[wire::kMore] = more ? "1" : "0";
    r.note = "pull " + std::to_string(packed.count) + " entries after " + std::to_string(after);
    return r;
}

HubResponse HubService::snapshot(const Device& device, const std::string& query, int siteSchema) {
    std::string id;
    std::int64_t after = 0, limit = static_cast<std::int64_t>(limits::kBatchEntries);
    for (const auto& [key, value] : Poco::URI("/?" + query).getQueryParameters()) {
        if (key == "id") {
            if (value.size() > 64 || value.find_first_not_of("0123456789abcdef") != std::string::npos)
                return hubError(400, "bad_request", "bad snapshot id");
            id = value;
            continue;
        }
        std::int64_t n = 0;
        if (!parseInt(value, n) || n < 0) return hubError(400, "bad_request", "bad query parameter " + key);
        if (key == "after") after = n;
        else if (key == "limit") limit = std::clamp<std::int64_t>(n, 1, static_cast<std::int64_t>(limits::kBatchEntries));
    }
    SnapshotPage page;
    try {
        page = m_store.snapshot(device, id, after, static_cast<std::size_t>(limit));
    } catch (const SnapshotGone& e) {
        return hubError(404, "snapshot_gone", e.what());
    }
    // A site on an older schema gets no rows of tables it does not have yet.
    std::vector<store::ChangeEntry> entries;
    std::vector<std::int64_t> numbers;
    for (auto& e : page.entries)
        if (store::tableSinceSchema(e.table) <= siteSchema) {
            numbers.push_back(e.seq);
            entries.push_back(std::move(e));
        }
    auto packed = packBatch(entries);
    std::int64_t next = page.next;
    bool more = page.more;
    if (packed.count < entries.size()) {  // cut to fit the body limit: go on after the last sent
        more = true;
        next = numbers[packed.count - 1];
    }
    HubResponse r;
    r.contentType = "application/octet-stream";
    r.body = std::move(packed.body);
    r.headers[wire::kSnapshot] = page.id;
    r.headers[wire::kNext] = std::to_string(next);
    r.headers[wire::kMore] = more ? "1" : "0";
    r.headers[wire::kCursor] = std::to_string(page.cursor);
    r.headers[wire::kTotal] = std::to_string(page.total);
    r.note = "snapshot " + std::to_string(packed.count) + " rows after " + std::to_string(after) + " of " +
             std::to_string(page.total);
    return r;
}

}  // namespace jiayi::sync
