#include "sync/HubClient.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <curl/curl.h>

#include <ctime>
#include <mutex>
#include <optional>
#include <sstream>

#include "core/store/AccountRepository.h"
#include "core/store/ArchiveNumbers.h"
#include "core/store/AuditLog.h"
#include "core/store/Database.h"
#include "core/store/DivisionRepository.h"
#include "core/store/Hlc.h"
#include "core/store/Site.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "sync/AuditBatch.h"
#include "sync/Crypto.h"
#include "sync/Merge.h"
#include "sync/Protocol.h"
#include "sync/SyncStore.h"
#include "sync/Wire.h"

namespace jiayi::sync {
namespace {

// Where a site keeps its sync state (site_meta keys).
constexpr const char* kUrl = "sync.hub_url";
constexpr const char* kPin = "sync.hub_pin";
constexpr const char* kHub = "sync.hub_id";
constexpr const char* kScope = store::kSiteScopeKey;
constexpr const char* kName = "sync.name";
constexpr const char* kKey = "sync.device_key";
constexpr const char* kRequestNo = "sync.request_no";
constexpr const char* kPullCursor = "sync.pull_cursor";
constexpr const char* kPushed = "sync.pushed_seq";
// A starting snapshot in progress: its id and the last row number applied.
constexpr const char* kSnapshotId = "sync.snapshot_id";
constexpr const char* kSnapshotAfter = "sync.snapshot_after";
constexpr const char* kLastSync = "sync.last_sync";
constexpr const char* kLastError = "sync.last_error";

std::string meta(store::Database& db, const char* key) {
    return store::siteMeta(db, key).value_or("");
}

std::int64_t metaInt(store::Database& db, const char* key) {
    const auto v = meta(db, key);
    return v.empty() ? 0 : std::stoll(v);
}

Poco::JSON::Object::Ptr parseJson(const std::string& text) {
    try {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw SyncError("protocol", tr(N_("The hub sent an answer this workstation cannot read.")));
    }
}

std::string localMinute() {
    const auto t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

size_t appendBody(char* data, size_t size, size_t count, void* out) {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

struct HeaderSink {
    std::string next, more, snapshot, cursor, total;
};

size_t readHeader(char* data, size_t size, size_t count, void* out) {
    const std::string line(data, size * count);
    auto* sink = static_cast<HeaderSink*>(out);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        const auto name = line.substr(0, colon);
        const auto value = Poco::trim(line.substr(colon + 1));
        if (Poco::icompare(name, std::string(wire::kNext)) == 0) sink->next = value;
        if (Poco::icompare(name, std::string(wire::kMore)) == 0) sink->more = value;
        if (Poco::icompare(name, std::string(wire::kSnapshot)) == 0) sink->snapshot = value;
        if (Poco::icompare(name, std::string(wire::kCursor)) == 0) sink->cursor = value;
        if (Poco::icompare(name, std::string(wire::kTotal)) == 0) sink->total = value;
    }
    return size * count;
}

// The hub's address without the request path, as the user typed it.
std::string hostOf(const std::string& url) {
    const auto scheme = url.find("//");
    const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 2);
    return path == std::string::npos ? url : url.substr(0, path);
}

// What went wrong on the network, in words a clinic can act on.
std::string networkReason(CURLcode rc) {
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return tr(N_("the hub's name cannot be found (check the address and that the network is connected)"));
        case CURLE_COULDNT_CONNECT:
            return tr(N_("the hub does not answer (it may be switched off, or the network is down)"));
        case CURLE_OPERATION_TIMEDOUT:
            return tr(N_("the connection is too slow or stopped answering"));
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
            return tr(N_("the connection broke off"));
        case CURLE_SSL_CONNECT_ERROR:
            return tr(N_("a secure connection could not be set up"));
        default:
            return format(tr(N_("network error ({0})")), {curl_easy_strerror(rc)});
    }
}

SyncError certificateChanged() {
    return SyncError("certificate", tr(N_("The hub presented a different certificate than at enrolment. Sync refused: someone may be imitating the hub. Ask the administrator.")));
}

int stopCheck(void* client, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const HubClient*>(client)->stopRequested() ? 1 : 0;
}

void globalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The hub's refusal in the user's language, from its stable code and values.
std::string explain(const std::string& code, const Poco::JSON::Object::Ptr& args, const std::string& english) {
    auto arg = [&](const char* k) { return args ? args->optValue<std::string>(k, "") : std::string(); };
    if (code == "clock_ahead")
        return format(tr(N_("This computer's clock is {0} minutes ahead of the hub. Set the correct date and time, then sync again.")),
                      {arg("minutes")});
    if (code == "unknown_device")
        return tr(N_("The hub does not know this workstation. Enrol it again with a new code from the administrator."));
    if (code == "revoked")
        return format(tr(N_("The hub's administrator revoked this workstation on {0}. Ask the administrator.")),
                      {arg("date")});
    if (code == "bad_signature" || code == "unsigned")
        return tr(N_("The hub did not accept this workstation's signature. Enrol it again."));
    if (code == "replay") return tr(N_("The hub refused a repeated request. Sync again."));
    if (code == "schema_too_old")
        return format(tr(N_("This workstation's database (version {0}) is too old for the hub, which needs version {1}: install the current Jiayi and start it once, then sync.")),
                      {arg("have"), arg("need")});
    if (code == "hub_too_old")
        return format(tr(N_("The hub runs an older Jiayi (database version {1}) than this workstation (version {0}): the hub must be upgraded first.")),
                      {arg("have"), arg("hub")});
    if (code == "out_of_scope")
        return format(tr(N_("A record of this workstation lies in division {0}, outside the area the hub allows it ({1}). Nothing was sent.")),
                      {arg("village"), arg("scope")});
    if (code == "enrol_refused")
        return tr(N_("Enrolment refused: the code is wrong, or the connection does not reach the real hub."));
    if (code == "code_used") return tr(N_("This enrolment code was already used. Ask the administrator for a new one."));
    if (code == "site_enrolled")
        return tr(N_("This workstation is already enrolled at the hub, or was revoked. Only a replacement code from the "
                     "administrator enrols it again."));
    if (code == "code_expired") return tr(N_("This enrolment code has expired. Ask the administrator for a new one."));
    if (code == "code_locked") return tr(N_("This enrolment code was tried wrongly too often. Ask the administrator for a new one."));
    if (code == "numbering_overlap")
        return format(tr(N_("Archive numbers clash with another workstation's: {0}. Ask the administrator.")), {english});
    if (code == "audit_broken")
        return format(tr(N_("The hub refused this workstation's audit trail: it breaks at entry {0} ({1}). Nothing of "
                            "it was stored; the records themselves were sent and received. Ask the administrator "
                            "(jiayi-cli audit verify).")),
                      {arg("seq"), arg("reason")});
    if (code == "bad_batch") return format(tr(N_("The hub could not read the changes sent: {0}")), {english});
    if (code == "store_unavailable")
        return tr(N_("The hub cannot reach its database just now. The changes wait here; sync again in a few minutes."));
    return format(tr(N_("The hub refused the request: {0}")), {english});
}

}  // namespace

HubClient::HubClient(store::Database& db) : m_db(db) {
    globalInit();
    m_clock = [] { return static_cast<std::int64_t>(store::wallClockMillis()); };
}

HubClient::~HubClient() = default;

HubClient::Reply HubClient::transfer(const std::string& url, const std::string& method, const std::string& body,
                                     const std::string& contentType, const std::vector<std::string>& headers,
                                     const std::string& pin, std::string* certificate) {
    if (m_transport) {
        HubRequest in{method, url.substr(hostOf(url).size()), {}, body};
        for (const auto& h : headers) {
            const auto colon = h.find(':');
            in.headers[Poco::toLower(h.substr(0, colon))] = h.substr(colon + 2);
        }
        if (!pin.empty() && pin != m_transportPin)
            throw certificateChanged();
        const auto out = m_transport(in);
        const auto header = [&](const char* name) {
            const auto it = out.headers.find(name);
            return it == out.headers.end() ? std::string() : it->second;
        };
        if (certificate) *certificate = "in-process";
        return {out.status, out.body, header(wire::kNext), header(wire::kMore), header(wire::kSnapshot),
                header(wire::kCursor), header(wire::kTotal)};
    }
    // A connection per request: a cut line fails one request only, and the fault tests'
    // proxy sees each request on its own connection.
    CURL* curl = curl_easy_init();
    if (!curl) throw SyncError("network", tr(N_("Could not start a network connection.")));
    Reply reply;
    HeaderSink sink;
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
    list = curl_slist_append(list, ("Content-Type: " + contentType).c_str());
    list = curl_slist_append(list, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, m_timeout);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 15L);
    // The hub's certificate is self-signed: trust comes from the pin taken at enrolment,
    // which libcurl checks on every connection whatever the CA verification says.
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
    if (!pin.empty()) curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pin.c_str());
    if (certificate) curl_easy_setopt(curl, CURLOPT_CERTINFO, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, appendBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, readHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
    // A stop (setStopCheck) also ends a request in flight, not only between batches.
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, stopCheck);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
    if (method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    const CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
        if (certificate) {
            curl_certinfo* info = nullptr;
            curl_easy_getinfo(curl, CURLINFO_CERTINFO, &info);
            if (info && info->num_of_certs > 0)
                for (curl_slist* s = info->certinfo[0]; s; s = s->next)
                    if (std::string(s->data).rfind("Cert:", 0) == 0) *certificate = s->data + 5;
        }
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    reply.next = sink.next;
    reply.more = sink.more;
    reply.snapshot = sink.snapshot;
    reply.cursor = sink.cursor;
    reply.total = sink.total;
    if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
        throw certificateChanged();
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        throw SyncError("cancelled", tr(N_("Sync stopped. What was done is kept; sync again to go on.")));
    if (rc != CURLE_OK)
        throw SyncError("network", format(tr(N_("Cannot reach the hub at {0}: {1}. The changes wait here; sync again when the network is back.")),
                                          {hostOf(url), networkReason(rc)}));
    return reply;
}

HubClient::Reply HubClient::request(const std::string& method, const std::string& pathAndQuery,
                                    const std::string& body, const std::string& contentType) {
    const auto site = store::siteId(m_db);
    const auto key = crypto::DeviceKey::fromPrivate(crypto::unbase64(meta(m_db, kKey)));
    const auto now = m_clock();
    // Strictly increasing, and ahead of any number used before a restore from backup.
    const auto number = std::max(metaInt(m_db, kRequestNo) + 1, now);
    store::setSiteMeta(m_db, kRequestNo, std::to_string(number));
    const int schema = m_db.userVersion();
    const auto signature = crypto::base64(
        crypto::sign(key, wire::signedText(method, pathAndQuery, site, number, now, schema, body)));
    const std::vector<std::string> headers{
        std::string(wire::kDevice) + ": " + site, std::string(wire::kRequest) + ": " + std::to_string(number),
        std::string(wire::kTime) + ": " + std::to_string(now), std::string(wire::kSchema) + ": " + std::to_string(schema),
        std::string(wire::kSignature) + ": " + signature};
    auto reply = transfer(meta(m_db, kUrl) + pathAndQuery, method, body, contentType, headers, meta(m_db, kPin), nullptr);
    if (reply.status != 200) failFromReply(reply);
    return reply;
}

void HubClient::failFromReply(const Reply& reply) {
    Poco::JSON::Object::Ptr o;
    try {
        o = Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw SyncError("protocol", format(tr(N_("The hub answered with status {0}.")), {std::to_string(reply.status)}));
    }
    const auto code = o->optValue<std::string>("error", "hub_error");
    throw SyncError(code, explain(code, o->getObject("args"), o->optValue<std::string>("message", "")));
}

EnrolResult HubClient::enrol(const std::string& url, const std::string& code, const std::string& name) {
    if (url.rfind("https://", 0) != 0)
        throw ValidationError("hub", tr(N_("The hub's address must start with https://")));
    wire::CodeParts parts;
    try {
        parts = wire::splitCode(code);
    } catch (const std::invalid_argument&) {
        throw ValidationError("code", tr(N_("An enrolment code has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS.")));
    }
    std::string base = url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // First contact: take the certificate the hub shows; the proofs below bind it to the code.
    std::string certificate;
    const auto first = transfer(base + "/health", "GET", "", "application/json", {}, "", &certificate);
    if (first.status != 200 || certificate.empty())
        throw SyncError("network", format(tr(N_("{0} does not answer like a Jiayi hub.")), {base}));
    const auto pin = m_transport ? m_transportPin : crypto::publicKeyPin(certificate);
    const auto site = store::siteId(m_db);
    const auto key = crypto::DeviceKey::generate();
    const auto codeKey = wire::codeKey(parts.secret);
    Poco::JSON::Object in;
    in.set("code_id", parts.id);
    in.set("site", site);
    in.set("public_key", crypto::base64(key.publicKey));
    in.set("name", name);
    in.set("proof", wire::enrolProof(codeKey, parts.id, site, crypto::base64(key.publicKey), pin));
    std::ostringstream body;
    in.stringify(body);
    const auto reply = transfer(base + "/v1/enrol", "POST", body.str(), "application/json", {}, pin, nullptr);
    if (reply.status != 200) failFromReply(reply);
    const auto out = parseJson(reply.body);
    if (!crypto::equalSecret(out->optValue<std::string>("proof", ""), wire::hubProof(codeKey, site, pin)))
        throw SyncError("certificate", tr(N_("The hub could not prove it knows the enrolment code: this is not the real hub. Nothing was saved.")));
    EnrolResult result{out->optValue<std::string>("hub", ""), out->optValue<std::string>("scope", ""),
                       out->optValue<std::string>("name", "")};
    // What the site held before: a refused numbering ledger below puts it back, so a site is
    // never left enrolled with records whose numbers the hub cannot take.
    std::vector<std::pair<const char*, std::string>> before;
    for (const char* k : {kUrl, kPin, kHub, kScope, kName, kKey, kPullCursor, kLastError}) before.emplace_back(k, meta(m_db, k));
    store::Transaction tx(m_db);
    const bool sameHub = meta(m_db, kHub) == result.hubId;
    store::setSiteMeta(m_db, kUrl, base);
    store::setSiteMeta(m_db, kPin, pin);
    store::setSiteMeta(m_db, kHub, result.hubId);
    store::setSiteMeta(m_db, kScope, result.scope);
    store::setSiteMeta(m_db, kName, result.name);
    store::setSiteMeta(m_db, kKey, crypto::base64(key.privateKey));
    if (!sameHub) store::setSiteMeta(m_db, kPullCursor, "0");  // another hub: its order starts anew
    store::setSiteMeta(m_db, kLastError, "");
    tx.commit();
    try {
        refreshBlocks();
    } catch (const std::exception& refused) {
        store::Transaction undo(m_db);
        for (const auto& [key, value] : before) store::setSiteMeta(m_db, key, value);
        undo.commit();
        const auto* syncError = dynamic_cast<const SyncError*>(&refused);
        throw SyncError(syncError ? syncError->code : "numbering",
                        format(tr(N_("Enrolment stopped: {0}. This workstation did not join the hub; once the township "
                                     "has renumbered the records, ask it for a new enrolment code.")),
                               {refused.what()}));
    }
    return result;
}

void HubClient::refreshBlocks() {
    store::ArchiveNumbers numbers(m_db);
    const bool self = numbers.isAuthority();
    Poco::JSON::Array ledger, need;
    if (self)
        for (const auto& b : numbers.grantsTo(store::siteId(m_db))) {
            Poco::JSON::Array a;
            a.add(b.villageCode);
            a.add(b.first);
            a.add(b.last);
            ledger.add(a);
        }
    // A block lasts a village for months; ask again when fewer than a fifth are left.
    for (const auto& village : store::DivisionRepository(m_db).villageCodesUnder(meta(m_db, kScope)))
        if (numbers.remaining(village) < store::ArchiveNumbers::kBlockSize / 5) need.add(village);
    if (!self && need.size() == 0) return;
    Poco::JSON::Object in;
    in.set("ledger", ledger);
    in.set("need", need);
    std::ostringstream body;
    in.stringify(body);
    const auto reply = parseJson(request("POST", "/v1/blocks", body.str(), "application/json").body);
    const auto blocks = reply->getArray("blocks");
    store::Transaction tx(m_db);
    for (std::size_t i = 0; blocks && i < blocks->size(); ++i) {
        const auto b = blocks->getArray(static_cast<unsigned>(i));
        numbers.accept({b->getElement<std::string>(0), b->getElement<std::int64_t>(1), b->getElement<std::int64_t>(2)},
                       meta(m_db, kHub));
    }
    numbers.setAuthority(false);  // from now on the hub hands out the blocks
    tx.commit();
}

SyncReport HubClient::sync(const std::function<bool(const SyncProgress&)>& progress) {
    if (meta(m_db, kKey).empty())
        throw SyncError("not_enrolled", tr(N_("This workstation is not enrolled at a hub yet.")));
    try {
        auto report = run(progress);
        store::setSiteMeta(m_db, kLastSync, localMinute());
        store::setSiteMeta(m_db, kLastError, "");
        return report;
    } catch (const SyncError& e) {
        store::setSiteMeta(m_db, kLastError, e.what());
        throw;
    } catch (const ProtocolError& e) {
        store::setSiteMeta(m_db, kLastError, e.what());
        throw SyncError("protocol", format(tr(N_("The hub sent changes this workstation cannot read: {0}")), {e.what()}));
    } catch (const StorageError& e) {
        store::setSiteMeta(m_db, kLastError, e.what());
        throw SyncError("apply", format(tr(N_("Changes from the hub could not be saved: {0}")), {e.what()}));
    }
}

SyncReport HubClient::run(const std::function<bool(const SyncProgress&)>& progress) {
    SyncReport report;
    const auto site = store::siteId(m_db);
    SyncStore syncStore(m_db);
    // Accounts made before the site had an area carry "" (the site's whole area): written
    // out before they replicate, so that they mean the same at every site (docs/security.md).
    if (const auto scope = store::siteScope(m_db); !scope.empty()) {
        store::Transaction tx(m_db);
        store::AccountRepository(m_db).writeOutAreas(scope, "sync");
        tx.commit();
    }
    const auto hello = parseJson(request("GET", "/v1/hello", "", "application/json").body);
    if (hello->optValue<std::string>("hub", "") != meta(m_db, kHub))
        throw SyncError("certificate", tr(N_("The hub at this address is not the hub this workstation enrolled with.")));
    std::int64_t acknowledged = hello->optValue<std::int64_t>("last_seq", 0);
    const auto own = syncStore.lastOwnSeq();
    if (acknowledged > own)
        throw SyncError("site_behind",
                        format(tr(N_("The hub holds {0} changes of this workstation but the database here has only {1}: it was restored from an old backup or copied. Ask the administrator before working on.")),
                               {std::to_string(acknowledged), std::to_string(own)}));
    auto cancelled = [&](SyncProgress::Phase phase, std::int64_t done, std::int64_t total) {
        return progress && !progress({phase, done, total});
    };
    const auto pushStart = acknowledged;
    while (acknowledged < own) {
        const auto entries = store::changesSince(m_db, site, acknowledged, limits::kBatchEntries);
        const auto packed = packBatch(entries);
        const auto reply = parseJson(request("POST", "/v1/push", packed.body, "application/octet-stream").body);
        const auto next = reply->optValue<std::int64_t>("last_seq", 0);
        if (next <= acknowledged)
            throw SyncError("protocol", tr(N_("The hub did not accept the changes sent.")));
        report.pushed += reply->optValue<std::int64_t>("applied", 0);
        acknowledged = next;
        store::setSiteMeta(m_db, kPushed, std::to_string(acknowledged));
        ++report.batches;
        if (cancelled(SyncProgress::Phase::Push, acknowledged - pushStart, own - pushStart))
            throw SyncError("cancelled", tr(N_("Sync stopped. What was sent is kept; sync again to go on.")));
    }
    store::setSiteMeta(m_db, kPushed, std::to_string(acknowledged));
    // The audit trail follows the changes it names. A refusal (a broken chain) does not stop
    // the records from flowing: the pull goes on, and the refusal is the sync's error.
    std::optional<SyncError> auditRefused;
    if (hello->has("audit_seq")) {
        try {
            report.auditPushed = pushAudit(hello->optValue<std::int64_t>("audit_seq", 0), [&] {
                return cancelled(SyncProgress::Phase::Push, own - pushStart, own - pushStart);
            });
        } catch (const SyncError& e) {
            if (e.code != "audit_broken") throw;
            auditRefused = e;
        }
    }
    if (m_startFromSnapshot && hello->optValue<bool>("snapshot", false) && metaInt(m_db, kPullCursor) == 0)
        bootstrap(report, progress);
    for (;;) {
        const auto after = metaInt(m_db, kPullCursor);
        const auto reply = request("GET", "/v1/pull?after=" + std::to_string(after), "", "application/json");
        const auto entries = unpackBatch(reply.body);
        std::int64_t next = 0;
        try {
            next = std::stoll(reply.next);
        } catch (const std::exception&) {
            throw SyncError("protocol", tr(N_("The hub sent an answer this workstation cannot read.")));
        }
        ApplyOptions options;
        options.requireContiguous = false;
        options.park = true;  // no row can block the site: what cannot apply yet waits apart
        options.commitWith = [&] { store::setSiteMeta(m_db, kPullCursor, std::to_string(next)); };
        const auto applied = applyChanges(m_db, entries, options);
        report.pulled += static_cast<std::int64_t>(applied.applied);
        report.parked += static_cast<std::int64_t>(applied.parked);
        report.conflicts += static_cast<std::int64_t>(applied.conflicts);
        ++report.batches;
        const bool more = reply.more == "1";
        if (cancelled(SyncProgress::Phase::Pull, report.pulled, more ? 0 : report.pulled))
            throw SyncError("cancelled", tr(N_("Sync stopped. What was received is kept; sync again to go on.")));
        if (!more) break;
    }
    // What the new rows allow now (a household whose head has arrived) applies.
    report.pulled += static_cast<std::int64_t>(retryParked(m_db));
    refreshBlocks();
    if (auditRefused) throw *auditRefused;
    return report;
}

std::int64_t HubClient::bootstrap(SyncReport& report, const std::function<bool(const SyncProgress&)>& progress) {
    std::string id = meta(m_db, kSnapshotId);
    std::int64_t after = metaInt(m_db, kSnapshotAfter), applied = 0;
    for (bool retried = false;;) {
        Reply reply;
        try {
            reply = request("GET", "/v1/snapshot?id=" + id + "&after=" + std::to_string(after), "", "application/json");
        } catch (const SyncError& e) {
            // The hub dropped the snapshot (a day old, or replaced): start a new one, once.
            if (e.code != "snapshot_gone" || retried) throw;
            retried = true;
            id.clear();
            after = 0;
            continue;
        }
        const auto entries = unpackBatch(reply.body);
        std::int64_t next = 0, cursor = 0, total = 0;
        try {
            next = std::stoll(reply.next);
            cursor = std::stoll(reply.cursor);
            total = std::stoll(reply.total);
        } catch (const std::exception&) {
            throw SyncError("protocol", tr(N_("The hub sent an answer this workstation cannot read.")));
        }
        if (reply.snapshot.empty() || reply.snapshot.size() > 64)
            throw SyncError("protocol", tr(N_("The hub sent an answer this workstation cannot read.")));
        id = reply.snapshot;
        const bool more = reply.more == "1";
        ApplyOptions options;
        options.requireContiguous = false;
        options.park = true;
        options.commitWith = [&] {
            if (more) {
                store::setSiteMeta(m_db, kSnapshotId, id);
                store::setSiteMeta(m_db, kSnapshotAfter, std::to_string(next));
            } else {  // done: the pull goes on from where the snapshot was taken
                store::setSiteMeta(m_db, kSnapshotId, "");
                store::setSiteMeta(m_db, kSnapshotAfter, "0");
                store::setSiteMeta(m_db, kPullCursor, std::to_string(cursor));
            }
        };
        const auto result = applyChanges(m_db, entries, options);
        applied += static_cast<std::int64_t>(result.applied);
        report.pulled += static_cast<std::int64_t>(result.applied);
        report.parked += static_cast<std::int64_t>(result.parked);
        ++report.batches;
        after = next;
        if (progress && !progress({SyncProgress::Phase::Pull, next, total}))
            throw SyncError("cancelled", tr(N_("Sync stopped. What was received is kept; sync again to go on.")));
        if (!more) return applied;
    }
}

std::int64_t HubClient::pushAudit(std::int64_t held, const std::function<bool()>& cancelled) {
    // From the entry after the last the hub holds: after a cut connection nothing is sent
    // twice, and the hub skips an entry it holds already if one comes again.
    store::AuditLog trail(m_db);
    const auto last = trail.lastSeq();
    if (held > last)
        throw SyncError("site_behind",
                        format(tr(N_("The hub holds {0} audit entries of this workstation but the database here has only {1}: it was restored from an old backup or copied. Ask the administrator before working on.")),
                               {std::to_string(held), std::to_string(last)}));
    std::int64_t stored = 0;
    while (held < last) {
        const auto entries = trail.after(held, limits::kBatchEntries);
        const auto packed = packAuditBatch(entries);
        const auto reply = parseJson(request("POST", "/v1/audit", packed.body, "application/octet-stream").body);
        const auto next = reply->optValue<std::int64_t>("last_seq", 0);
        if (next <= held) throw SyncError("protocol", tr(N_("The hub did not accept the changes sent.")));
        stored += reply->optValue<std::int64_t>("stored", 0);
        held = next;
        if (cancelled()) throw SyncError("cancelled", tr(N_("Sync stopped. What was sent is kept; sync again to go on.")));
    }
    return stored;
}

SyncStatus syncStatus(store::Database& db) {
    SyncStatus s;
    s.enrolled = !meta(db, kKey).empty();
    s.hubUrl = meta(db, kUrl);
    s.scope = meta(db, kScope);
    s.name = meta(db, kName);
    s.lastSync = meta(db, kLastSync);
    s.lastError = meta(db, kLastError);
    SyncStore store(db);
    s.waiting = std::max<std::int64_t>(0, store.lastOwnSeq() - metaInt(db, kPushed));
    s.openConflicts = static_cast<std::int64_t>(store.openConflicts().size());
    s.parked = store.parked();
    return s;
}

}  // namespace jiayi::sync
