#include "core/util/Password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <charconv>
#include <stdexcept>
#include <vector>

namespace jiayi::password {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[bytes[i] >> 4]);
        out.push_back(kDigits[bytes[i] & 0x0f]);
    }
    return out;
}

bool unhex(std::string_view text, std::vector<unsigned char>& out) {
    if (text.size() % 2) return false;
    out.clear();
    for (std::size_t i = 0; i < text.size(); i += 2) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
        if (ec != std::errc() || end != text.data() + i + 2) return false;
        out.push_back(static_cast<unsigned char>(value));
    }
    return true;
}

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt, int iterations) {
    std::vector<unsigned char> out(kHashBytes);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(out.size()),
                          out.data()) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

struct Parsed {
    int iterations = 0;
    std::vector<unsigned char> salt, hash;
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
    return unhex(stored.substr(b + 1, c - b - 1), p.salt) && unhex(stored.substr(c + 1), p.hash) &&
           p.salt.size() == kSaltBytes && p.hash.size() == kHashBytes;
}

}  // namespace

std::string hash(std::string_view password, int iterations) {
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) throw std::runtime_error("no secure random source");
    const auto derived = derive(password, salt, iterations);
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + hex(salt.data(), salt.size()) + "$" +
           hex(derived.data(), derived.size());
}

bool verify(std::string_view password, std::string_view stored) {
    Parsed p;
    if (!parse(stored, p)) return false;
    const auto derived = derive(password, p.salt, p.iterations);
    return CRYPTO_memcmp(derived.data(), p.hash.data(), kHashBytes) == 0;
}

int iterationsOf(std::string_view stored) {
    Parsed p;
    return parse(stored, p) ? p.iterations : 0;
}

std::string sha256Hex(std::string_view secret) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest);
    return hex(digest, sizeof digest);
}

std::string randomToken() {
    unsigned char bytes[32];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no secure random source");
    return hex(bytes, sizeof bytes);
}

}  // namespace jiayi::password
