#include "core/util/Password.h"

#include <openssl/crypto.h>

#include <charconv>

#include "core/util/Crypto.h"

namespace jiayi::password {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

struct Parsed {
    int iterations = 0;
    std::string salt, hash;
};

bool parse(std::string_view stored, Parsed& p) {
    // pbkdf2-sha256$600000$salt$hash
    const auto a = stored.find('$');
    const auto b = a == std::string_view::npos ? a : stored.find('$', a + 1);
    const auto c = b == std::string_view::npos ? b : stored.find('$', b + 1);
    if (c == std::string_view::npos || stored.substr(0, a) != kScheme) return false;
    const auto count = stored.substr(a + 1, b - a - 1);
    const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), p.iterations);
    if (ec != std::errc() || end != count.data() + count.size() || p.iterations < 1) return false;
    auto salt = crypto::fromHex(stored.substr(b + 1, c - b - 1));
    auto hash = crypto::fromHex(stored.substr(c + 1));
    if (!salt || !hash || salt->size() != kSaltBytes || hash->size() != kHashBytes) return false;
    p.salt = std::move(*salt);
    p.hash = std::move(*hash);
    return true;
}

}  // namespace

std::string hash(std::string_view password, int iterations) {
    const auto salt = crypto::randomBytes(kSaltBytes);
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + crypto::toHex(salt) + "$" +
           crypto::toHex(crypto::pbkdf2(password, salt, iterations));
}

bool verify(std::string_view password, std::string_view stored) {
    Parsed p;
    if (!parse(stored, p)) return false;
    const auto derived = crypto::pbkdf2(password, p.salt, p.iterations);
    return CRYPTO_memcmp(derived.data(), p.hash.data(), kHashBytes) == 0;
}

int iterationsOf(std::string_view stored) {
    Parsed p;
    return parse(stored, p) ? p.iterations : 0;
}

std::string sha256Hex(std::string_view secret) { return crypto::toHex(crypto::sha256(secret)); }

std::string randomToken() { return crypto::toHex(crypto::randomBytes(32)); }

}  // namespace jiayi::password
