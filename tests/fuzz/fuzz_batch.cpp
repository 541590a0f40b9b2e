// The fuzz target over the sync batch parser (docs/sync-tests.md): whatever bytes arrive as
// a push or pull body, unpackBatch and decodeBatch either return entries or throw
// ProtocolError. Any other exception, a crash, a sanitizer report or a batch that does not
// survive its own round trip is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sync/Protocol.h"

namespace {

bool same(const std::vector<jiayi::store::ChangeEntry>& a, const std::vector<jiayi::store::ChangeEntry>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto &x = a[i], &y = b[i];
        if (x.site != y.site || x.seq != y.seq || x.hlc != y.hlc || x.table != y.table || x.rowId != y.rowId ||
            x.op != y.op || x.fields != y.fields || x.user != y.user || x.base != y.base)
            return false;
    }
    return true;
}

// What a strict decoder accepted must encode to a batch it accepts again, unchanged:
// otherwise a hub passes on something other than what the site sent.
void roundTrip(const std::vector<jiayi::store::ChangeEntry>& entries) {
    std::vector<jiayi::store::ChangeEntry> again;
    try {
        again = jiayi::sync::decodeBatch(jiayi::sync::encodeBatch(entries));
    } catch (const jiayi::sync::ProtocolError& e) {
        std::fprintf(stderr, "fuzz_batch: an accepted batch, encoded again, is refused: %s\n", e.what());
        std::abort();
    }
    if (!same(entries, again)) {
        std::fprintf(stderr, "fuzz_batch: an accepted batch changes in its round trip\n");
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // As a body on the wire: compressed.
    try {
        roundTrip(jiayi::sync::unpackBatch(input));
    } catch (const jiayi::sync::ProtocolError&) {
    }
    // As the JSON inside, so that the fuzzer reaches the decoder without learning zlib.
    try {
        roundTrip(jiayi::sync::decodeBatch(input));
    } catch (const jiayi::sync::ProtocolError&) {
    }
    return 0;
}
