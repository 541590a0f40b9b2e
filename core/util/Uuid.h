#pragma once
#include <cstdint>
#include <string>

namespace jiayi {

// UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits; sorts by creation time,
// so B-tree inserts stay local. Lower-case canonical form with hyphens.
std::string newUuidV7();
std::string newUuidV7(std::uint64_t unixMillis);
// 128 random bits as 32 lower-case hex digits (site ids, secrets).
std::string randomHex128();

}  // namespace jiayi
