#include "core/util/Crypto.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <memory>
#include <stdexcept>

namespace jiayi::crypto {
namespace {

constexpr std::size_t kNonce = 12;
constexpr std::size_t kTag = 16;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext context() {
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx) throw std::runtime_error("OpenSSL: no cipher context");
    return ctx;
}

void requireKey(std::string_view key) {
    if (key.size() != 32) throw std::invalid_argument("AES-256 needs a 32-byte key");
}

}  // namespace

std::string randomBytes(std::size_t size) {
    std::string out(size, '\0');
    if (size && RAND_bytes(bytes(out), static_cast<int>(size)) != 1)
        throw std::runtime_error("no secure random source");
    return out;
}

std::string pbkdf2(std::string_view secret, std::string_view salt, int iterations) {
    std::string out(32, '\0');
    if (PKCS5_PBKDF2_HMAC(secret.data(), static_cast<int>(secret.size()), bytes(salt), static_cast<int>(salt.size()),
                          iterations, EVP_sha256(), static_cast<int>(out.size()), bytes(out)) != 1)
        throw std::runtime_error("PBKDF2 failed");
    return out;
}

std::string sha256(std::string_view data) {
    std::string out(SHA256_DIGEST_LENGTH, '\0');
    SHA256(bytes(data), data.size(), bytes(out));
    return out;
}

std::string seal(std::string_view key, std::string_view plain, std::string_view aad) {
    requireKey(key);
    std::string out = randomBytes(kNonce);
    out.resize(kNonce + plain.size() + kTag);
    auto ctx = context();
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(out)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), bytes(out) + kNonce, &len, bytes(plain), static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), bytes(out) + kNonce + len, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, bytes(out) + kNonce + plain.size()) != 1)
        throw std::runtime_error("AES-256-GCM failed");
    return out;
}

std::optional<std::string> unseal(std::string_view key, std::string_view sealed, std::string_view aad) {
    requireKey(key);
    if (sealed.size() < kNonce + kTag) return std::nullopt;
    const std::size_t size = sealed.size() - kNonce - kTag;
    std::string plain(size, '\0');
    std::string tag(sealed.substr(kNonce + size));
    auto ctx = context();
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(sealed)) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, bytes(sealed) + kNonce, static_cast<int>(size)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, bytes(tag)) != 1)
        return std::nullopt;
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &len) != 1) return std::nullopt;
    return plain;
}

std::string toHex(std::string_view data) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (const unsigned char c : data) {
        out.push_back(kDigits[c >> 4]);
        out.push_back(kDigits[c & 0x0f]);
    }
    return out;
}

std::optional<std::string> fromHex(std::string_view hex) {
    if (hex.size() % 2) return std::nullopt;
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

}  // namespace jiayi::crypto
