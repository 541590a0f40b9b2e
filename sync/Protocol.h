#pragma once
// The sync wire format (docs/sync-design.md, "Wire format"): a batch of change-log entries
// (op: insert, update, or snapshot — the whole row with its field versions, sent by the hub
// to a site a row has just moved into)
// as one JSON object laid out by column (site, seq, hlc, table, row, op, fields, base, user)
// so that deflate finds the repetition, then zlib-compressed. Decoding is strict: anything
// malformed, oversized or out of range throws ProtocolError and yields no entry, so a batch
// is applied whole or not at all.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/Site.h"

namespace jiayi::sync {

class ProtocolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace limits {
inline constexpr std::size_t kBatchEntries = 1000;           // ARCHITECTURE.md, Protocol
inline constexpr std::size_t kBatchBytes = 1024 * 1024;      // compressed body
inline constexpr std::size_t kInflatedBytes = 8 * 1024 * 1024;  // guard against zip bombs
inline constexpr std::size_t kValueBytes = 64 * 1024;
}  // namespace limits

std::string encodeBatch(const std::vector<store::ChangeEntry>& entries);
std::vector<store::ChangeEntry> decodeBatch(std::string_view json);

std::string compress(std::string_view data);
// Refuses output larger than `maxOutput` bytes.
std::string decompress(std::string_view data, std::size_t maxOutput = limits::kInflatedBytes);

// The largest prefix of `entries` (at most kBatchEntries) whose compressed batch fits
// kBatchBytes, and that compressed body. Never empty when `entries` is not.
struct Packed {
    std::size_t count = 0;
    std::string body;
};
Packed packBatch(const std::vector<store::ChangeEntry>& entries);
// Decompresses and decodes a request or response body.
std::vector<store::ChangeEntry> unpackBatch(std::string_view body);

// The same packing for any kind of batch (change entries, audit entries): `encode` turns a
// prefix of `entries` into the JSON document to compress; halved until it fits.
template <typename Entry, typename Encode>
Packed packPrefix(const std::vector<Entry>& entries, Encode encode) {
    std::size_t count = entries.size() < limits::kBatchEntries ? entries.size() : limits::kBatchEntries;
    for (;;) {
        const std::vector<Entry> part(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(count));
        auto body = compress(encode(part));
        if (body.size() <= limits::kBatchBytes || count <= 1) return {count, std::move(body)};
        count /= 2;
    }
}
// A body's JSON document: refuses a body over kBatchBytes, then decompresses it.
std::string inflateBody(std::string_view body);

}  // namespace jiayi::sync
