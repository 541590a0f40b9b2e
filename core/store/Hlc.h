#pragma once
// Hybrid logical clock (ARCHITECTURE.md, Replication): 48-bit milliseconds + 16-bit
// counter packed into one int64 so that timestamps compare as integers.
#include <cstdint>

namespace jiayi::store {

struct Hlc {
    std::uint64_t millis = 0;
    std::uint16_t counter = 0;

    std::int64_t pack() const { return static_cast<std::int64_t>((millis << 16) | counter); }
    static Hlc unpack(std::int64_t packed) {
        const auto u = static_cast<std::uint64_t>(packed);
        return Hlc{u >> 16, static_cast<std::uint16_t>(u & 0xffff)};
    }
    // The next local timestamp after `last`, given the wall clock: never goes back, even
    // when the wall clock does; the counter orders events within one millisecond.
    static Hlc next(Hlc last, std::uint64_t wallMillis) {
        if (wallMillis > last.millis) return Hlc{wallMillis, 0};
        if (last.counter == 0xffff) return Hlc{last.millis + 1, 0};
        return Hlc{last.millis, static_cast<std::uint16_t>(last.counter + 1)};
    }
    // After receiving a remote timestamp: later than both it and everything seen locally.
    static Hlc receive(Hlc last, Hlc remote, std::uint64_t wallMillis) {
        const Hlc base = remote.pack() > last.pack() ? remote : last;
        return next(base, wallMillis);
    }
    friend bool operator==(const Hlc&, const Hlc&) = default;
};

std::uint64_t wallClockMillis();

}  // namespace jiayi::store
