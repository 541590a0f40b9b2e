#include "sync/Protocol.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <zlib.h>

#include <map>
#include <sstream>
#include <unordered_map>

#include "core/util/Json.h"

namespace jiayi::sync {
namespace {

constexpr int kVersion = 1;

// Index of `value` in `list`, appending it when new.
int indexOf(std::vector<std::string>& list, std::unordered_map<std::string, int>& index,
            const std::string& value) {
    const auto [it, added] = index.emplace(value, static_cast<int>(list.size()));
    if (added) list.push_back(value);
    return it->second;
}

void appendStrings(std::string& out, const char* key, const std::vector<std::string>& values) {
    out += '"';
    out += key;
    out += "\":[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        appendJsonString(out, values[i]);
    }
    out += ']';
}

bool isToken(std::string_view s, std::size_t maxLength, bool allowDash) {
    if (s.empty() || s.size() > maxLength) return false;
    for (const char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allowDash && c == '-')))
            return false;
    return true;
}

Poco::JSON::Array::Ptr array(const Poco::JSON::Object::Ptr& root, const std::string& key,
                             std::size_t expected) {
    const auto a = root->getArray(key);
    if (!a) throw ProtocolError("batch: missing column \"" + key + "\"");
    if (expected != static_cast<std::size_t>(-1) && a->size() != expected)
        throw ProtocolError("batch: column \"" + key + "\" has " + std::to_string(a->size()) +
                            " values, expected " + std::to_string(expected));
    return a;
}

std::int64_t integer(const Poco::Dynamic::Var& v, const char* what) {
    if (!v.isInteger()) throw ProtocolError(std::string("batch: ") + what + " is not an integer");
    return v.convert<std::int64_t>();
}

std::vector<std::string> tokens(const Poco::JSON::Object::Ptr& root, const char* key,
                                std::size_t maxLength, bool allowDash, bool (*extra)(std::string_view)) {
    const auto a = array(root, key, static_cast<std::size_t>(-1));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto v = a->get(static_cast<unsigned>(i));
        if (!v.isString()) throw ProtocolError(std::string("batch: ") + key + " holds a non-string");
        auto s = v.extract<std::string>();
        if (!isToken(s, maxLength, allowDash) || (extra && !extra(s)))
            throw ProtocolError(std::string("batch: bad ") + key + " value");
        out.push_back(std::move(s));
    }
    return out;
}

bool replicated(std::string_view table) { return store::isReplicatedTable(table); }

std::size_t pick(const Poco::Dynamic::Var& v, std::size_t size, const char* what) {
    const auto i = integer(v, what);
    if (i < 0 || static_cast<std::size_t>(i) >= size)
        throw ProtocolError(std::string("batch: ") + what + " index out of range");
    return static_cast<std::size_t>(i);
}

// Checks a column → value object and returns its JSON text.
std::string fieldsText(const Poco::Dynamic::Var& v, bool versions) {
    if (v.type() != typeid(Poco::JSON::Object::Ptr)) throw ProtocolError("batch: fields are not an object");
    const auto object = v.extract<Poco::JSON::Object::Ptr>();
    if (object->size() > 200) throw ProtocolError("batch: too many fields in one entry");
    for (const auto& [column, value] : *object) {
        if (!isToken(column, 64, false) && !(versions && column == "*"))  // "*": the insert's version
            throw ProtocolError("batch: bad column name");
        if (versions) {
            if (!value.isString() || value.extract<std::string>().size() > 128)
                throw ProtocolError("batch: bad base version");
        } else if (value.isString()) {
            if (value.extract<std::string>().size() > limits::kValueBytes)
                throw ProtocolError("batch: value of " + column + " is too long");
        } else if (!value.isEmpty() && !value.isNumeric()) {
            throw ProtocolError("batch: value of " + column + " is neither text, number nor null");
        }
    }
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

}  // namespace

std::string encodeBatch(const std::vector<store::ChangeEntry>& entries) {
    std::vector<std::string> sites, tables, users;
    std::unordered_map<std::string, int> siteIndex, tableIndex, userIndex;
    std::string s, q, h, t, r, o, f, b, u;
    std::map<int, std::int64_t> lastSeq;
    std::int64_t lastHlc = 0;
    bool first = true;
    for (const auto& e : entries) {
        const char* sep = first ? "" : ",";
        first = false;
        const int site = indexOf(sites, siteIndex, e.site);
        s += sep + std::to_string(site);
        // seq as the step from the same site's previous entry (1 in a gap-free run).
        const auto prev = lastSeq.count(site) ? lastSeq[site] : 0;
        q += sep + std::to_string(e.seq - prev);
        lastSeq[site] = e.seq;
        h += sep + std::to_string(e.hlc - lastHlc);
        lastHlc = e.hlc;
        t += sep + std::to_string(indexOf(tables, tableIndex, e.table));
        r += sep;
        appendJsonString(r, e.rowId);
        o += std::string(sep) + (e.op == "insert" ? "0" : e.op == "update" ? "1" : "2");
        f += sep + (e.fields.empty() ? std::string("{}") : e.fields);
        b += sep + (e.base.empty() ? std::string("0") : e.base);
        u += sep + std::to_string(indexOf(users, userIndex, e.user));
    }
    std::string out = "{\"v\":" + std::to_string(kVersion) + ",";
    appendStrings(out, "sites", sites);
    out += ',';
    appendStrings(out, "tables", tables);
    out += ',';
    appendStrings(out, "users", users);
    out += ",\"s\":[" + s + "],\"q\":[" + q + "],\"h\":[" + h + "],\"t\":[" + t + "],\"r\":[" + r +
           "],\"o\":[" + o + "],\"u\":[" + u + "],\"f\":[" + f + "],\"b\":[" + b + "]}";
    return out;
}

std::vector<store::ChangeEntry> decodeBatch(std::string_view json) {
    Poco::JSON::Object::Ptr root;
    try {
        const auto parsed = Poco::JSON::Parser().parse(std::string(json));
        if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) throw ProtocolError("batch: not an object");
        root = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw ProtocolError("batch: not valid JSON (" + e.message() + ")");
    }
    try {
        if (!root->has("v") || integer(root->get("v"), "version") != kVersion)
            throw ProtocolError("batch: unknown format version");
        const auto sites = tokens(root, "sites", 64, true, nullptr);
        const auto tables = tokens(root, "tables", 64, false, replicated);
        const auto userArray = array(root, "users", static_cast<std::size_t>(-1));
        std::vector<std::string> users;
        for (std::size_t i = 0; i < userArray->size(); ++i) {
            const auto v = userArray->get(static_cast<unsigned>(i));
            if (!v.isString() || v.extract<std::string>().size() > 256)
                throw ProtocolError("batch: bad user name");
            users.push_back(v.extract<std::string>());
        }
        const auto s = array(root, "s", static_cast<std::size_t>(-1));
        const std::size_t n = s->size();
        if (n > limits::kBatchEntries)
            throw ProtocolError("batch: " + std::to_string(n) + " entries, at most " +
                                std::to_string(limits::kBatchEntries) + " allowed");
        const auto q = array(root, "q", n), h = array(root, "h", n), t = array(root, "t", n),
                   r = array(root, "r", n), o = array(root, "o", n), u = array(root, "u", n),
                   f = array(root, "f", n), b = array(root, "b", n);
        std::vector<store::ChangeEntry> out(n);
        std::map<std::size_t, std::int64_t> lastSeq;
        std::int64_t hlc = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto k = static_cast<unsigned>(i);
            auto& e = out[i];
            const auto site = pick(s->get(k), sites.size(), "site");
            e.site = sites[site];
            const auto step = integer(q->get(k), "seq");
            const auto delta = integer(h->get(k), "hlc");
            if (step <= 0 || step > (std::int64_t{1} << 40) || delta > (std::int64_t{1} << 62) ||
                delta < -(std::int64_t{1} << 62))
                throw ProtocolError("batch: seq or hlc out of range");
            e.seq = (lastSeq.count(site) ? lastSeq[site] : 0) + step;
            lastSeq[site] = e.seq;
            if (__builtin_add_overflow(hlc, delta, &hlc) || hlc <= 0)
                throw ProtocolError("batch: hlc out of range");
            e.hlc = hlc;
            e.table = tables[pick(t->get(k), tables.size(), "table")];
            const auto row = r->get(k);
            if (!row.isString() || !isToken(row.extract<std::string>(), 64, true))
                throw ProtocolError("batch: bad row id");
            e.rowId = row.extract<std::string>();
            const auto op = integer(o->get(k), "op");
            if (op < 0 || op > 2) throw ProtocolError("batch: unknown op");
            e.op = op == 0 ? "insert" : op == 1 ? "update" : "snapshot";
            e.user = users[pick(u->get(k), users.size(), "user")];
            e.fields = fieldsText(f->get(k), false);
            const auto base = b->get(k);
            if (e.op != "insert") e.base = fieldsText(base, true);
            else if (!base.isInteger() || base.convert<int>() != 0)
                throw ProtocolError("batch: an insert has no base");
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw ProtocolError("batch: malformed (" + e.message() + ")");
    }
}

std::string compress(std::string_view data) {
    uLongf length = compressBound(static_cast<uLong>(data.size()));
    std::string out(length, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &length,
                  reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                  Z_DEFAULT_COMPRESSION) != Z_OK)
        throw ProtocolError("compression failed");
    out.resize(length);
    return out;
}

std::string decompress(std::string_view data, std::size_t maxOutput) {
    z_stream z{};
    if (inflateInit(&z) != Z_OK) throw ProtocolError("inflate init failed");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&z);
            throw ProtocolError("body is not a valid compressed batch");
        }
        out.append(chunk, sizeof chunk - z.avail_out);
        if (out.size() > maxOutput) {
            inflateEnd(&z);
            throw ProtocolError("body inflates past " + std::to_string(maxOutput) + " bytes");
        }
        if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
            inflateEnd(&z);
            throw ProtocolError("body is a truncated compressed batch");
        }
    }
    const bool trailing = z.avail_in != 0;
    inflateEnd(&z);
    if (trailing) throw ProtocolError("body has bytes after the compressed batch");
    return out;
}

Packed packBatch(const std::vector<store::ChangeEntry>& entries) {
    return packPrefix(entries, [](const std::vector<store::ChangeEntry>& part) { return encodeBatch(part); });
}

std::string inflateBody(std::string_view body) {
    if (body.size() > limits::kBatchBytes) throw ProtocolError("body is larger than 1 MiB");
    return decompress(body);
}

std::vector<store::ChangeEntry> unpackBatch(std::string_view body) { return decodeBatch(inflateBody(body)); }

}  // namespace jiayi::sync
