#include "core/util/Uuid.h"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <stdexcept>

namespace jiayi {
namespace {

void randomBytes(unsigned char* out, int size) {
    if (RAND_bytes(out, size) != 1) throw std::runtime_error("no secure random source");
}

std::string toHex(const unsigned char* bytes, std::size_t size, bool hyphens) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < size; ++i) {
        if (hyphens && (i == 4 || i == 6 || i == 8 || i == 10)) out.push_back('-');
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0x0f]);
    }
    return out;
}

}  // namespace

std::string newUuidV7(std::uint64_t unixMillis) {
    std::array<unsigned char, 16> b{};
    randomBytes(b.data(), 16);
    for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(unixMillis >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f));  // version 7
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));  // RFC 4122 variant
    return toHex(b.data(), b.size(), true);
}

std::string newUuidV7() {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    return newUuidV7(static_cast<std::uint64_t>(ms));
}

std::string randomHex128() {
    std::array<unsigned char, 16> b{};
    randomBytes(b.data(), 16);
    return toHex(b.data(), b.size(), false);
}

}  // namespace jiayi
