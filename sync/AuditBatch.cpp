#include "sync/AuditBatch.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "core/util/Json.h"
#include "sync/Protocol.h"

namespace jiayi::sync {
namespace {

constexpr int kVersion = 1;
constexpr unsigned kFields = 14;

bool isHash(const std::string& s) {
    if (s.size() != 64) return false;
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

std::string text(const Poco::JSON::Array& a, unsigned i, std::size_t maxLength, const char* what) {
    const auto v = a.get(i);
    if (!v.isString()) throw ProtocolError(std::string("audit batch: ") + what + " is not text");
    auto s = v.extract<std::string>();
    if (s.size() > maxLength) throw ProtocolError(std::string("audit batch: ") + what + " is too long");
    return s;
}

std::int64_t number(const Poco::JSON::Array& a, unsigned i, std::int64_t least, const char* what) {
    const auto v = a.get(i);
    if (!v.isInteger()) throw ProtocolError(std::string("audit batch: ") + what + " is not an integer");
    const auto n = v.convert<std::int64_t>();
    if (n < least || n > (std::int64_t{1} << 50)) throw ProtocolError(std::string("audit batch: ") + what + " out of range");
    return n;
}

}  // namespace

std::string encodeAuditBatch(const std::vector<store::AuditEntry>& entries) {
    std::string out = "{\"v\":" + std::to_string(kVersion) + ",\"e\":[";
    bool first = true;
    for (const auto& e : entries) {
        out += first ? "[" : ",[";
        first = false;
        out += std::to_string(e.seq);
        for (const auto* s : {&e.at, &e.site, &e.user, &e.role, &e.action, &e.table, &e.rowId, &e.residentId,
                              &e.detail}) {
            out += ',';
            appendJsonString(out, *s);
        }
        out += ',' + std::to_string(e.changeSeq) + ',';
        appendJsonString(out, e.changeFields);
        out += ',';
        appendJsonString(out, e.prev);
        out += ',';
        appendJsonString(out, e.hash);
        out += ']';
    }
    out += "]}";
    return out;
}

std::vector<store::AuditEntry> decodeAuditBatch(std::string_view json) {
    Poco::JSON::Object::Ptr root;
    try {
        const auto parsed = Poco::JSON::Parser().parse(std::string(json));
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) throw ProtocolError("audit batch: not an object");
        root = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw ProtocolError("audit batch: not valid JSON (" + e.message() + ")");
    }
    try {
        const auto version = root->get("v");
        if (!version.isInteger() || version.convert<int>() != kVersion)
            throw ProtocolError("audit batch: unknown format version");
        const auto list = root->getArray("e");
        if (!list) throw ProtocolError("audit batch: no entries");
        if (list->size() > limits::kBatchEntries)
            throw ProtocolError("audit batch: " + std::to_string(list->size()) + " entries, at most " +
                                std::to_string(limits::kBatchEntries) + " allowed");
        std::vector<store::AuditEntry> out;
        out.reserve(list->size());
        const auto big = limits::kInflatedBytes;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const auto a = list->getArray(static_cast<unsigned>(i));
            if (!a || a->size() != kFields) throw ProtocolError("audit batch: an entry is not a list of 14 values");
            auto& e = out.emplace_back();
            e.seq = number(*a, 0, 1, "seq");
            e.at = text(*a, 1, 64, "time");
            e.site = text(*a, 2, 64, "site");
            e.user = text(*a, 3, 256, "user");
            e.role = text(*a, 4, 64, "role");
            e.action = text(*a, 5, 32, "action");
            e.table = text(*a, 6, 64, "table");
            e.rowId = text(*a, 7, 64, "row");
            e.residentId = text(*a, 8, 64, "resident");
            e.detail = text(*a, 9, big, "detail");
            e.changeSeq = number(*a, 10, 0, "change seq");
            e.changeFields = text(*a, 11, big, "change fields");
            e.prev = text(*a, 12, 64, "prev");
            e.hash = text(*a, 13, 64, "hash");
            if (!isHash(e.hash) || !(e.prev.empty() || isHash(e.prev)))
                throw ProtocolError("audit batch: a hash is not 64 hex digits");
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw ProtocolError("audit batch: malformed (" + e.message() + ")");
    }
}

Packed packAuditBatch(const std::vector<store::AuditEntry>& entries) {
    return packPrefix(entries, [](const std::vector<store::AuditEntry>& part) { return encodeAuditBatch(part); });
}

std::vector<store::AuditEntry> unpackAuditBatch(std::string_view body) { return decodeAuditBatch(inflateBody(body)); }

}  // namespace jiayi::sync
