#include "sync/Crypto.h"

#include "core/util/Crypto.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

namespace jiayi::sync::crypto {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

std::string rawPublic(EVP_PKEY* key) {
    std::size_t length = 32;
    std::string out(length, '\0');
    if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &length) != 1)
        throw std::runtime_error("cannot read an Ed25519 public key");
    out.resize(length);
    return out;
}

}  // namespace

// The core's building blocks (core/util/Crypto), under the names sync has always used.
std::string randomBytes(std::size_t count) { return ::jiayi::crypto::randomBytes(count); }

std::string toHex(std::string_view data) { return ::jiayi::crypto::toHex(data); }

std::string fromHex(std::string_view hex) {
    auto bytes = ::jiayi::crypto::fromHex(hex);
    if (!bytes) throw std::invalid_argument("not a hex string");
    return std::move(*bytes);
}

std::string base64(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(data),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string unbase64(std::string_view text) {
    if (text.size() % 4 != 0) throw std::invalid_argument("base64 length is not a multiple of 4");
    std::string out(3 * text.size() / 4 + 1, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(text),
                                  static_cast<int>(text.size()));
    if (n < 0) throw std::invalid_argument("malformed base64");
    std::size_t length = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts the padding as zero bytes.
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) --length;
    out.resize(length);
    return out;
}

std::string sha256(std::string_view data) { return ::jiayi::crypto::sha256(data); }

std::string hmacSha256(std::string_view key, std::string_view data) {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes(data), data.size(),
         reinterpret_cast<unsigned char*>(out.data()), &length);
    out.resize(length);
    return out;
}

bool equalSecret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

DeviceKey DeviceKey::generate() { return fromPrivate(randomBytes(32)); }

DeviceKey DeviceKey::fromPrivate(std::string_view privateKey) {
    PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(privateKey),
                                          privateKey.size()));
    if (!key) throw std::invalid_argument("not an Ed25519 private key");
    return {std::string(privateKey), rawPublic(key.get())};
}

std::string sign(const DeviceKey& key, std::string_view message) {
    PKey pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(key.privateKey),
                                           key.privateKey.size()));
    MdCtx ctx(EVP_MD_CTX_new());
    std::size_t length = 64;
    std::string out(length, '\0');
    if (!pkey || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length,
                       bytes(message), message.size()) != 1)
        throw std::runtime_error("Ed25519 signing failed");
    out.resize(length);
    return out;
}

bool verify(std::string_view publicKey, std::string_view message, std::string_view signature) {
    PKey pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(publicKey),
                                          publicKey.size()));
    MdCtx ctx(EVP_MD_CTX_new());
    if (!pkey || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(message),
                            message.size()) == 1;
}

std::string publicKeyPin(std::string_view certificatePem) {
    Bio bio(BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) throw std::invalid_argument("no PEM certificate");
    unsigned char* der = nullptr;
    const int length = i2d_PUBKEY(X509_get0_pubkey(cert.get()), &der);
    if (length <= 0) throw std::invalid_argument("certificate without a public key");
    const std::string spki(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return "sha256//" + base64(sha256(spki));
}

}  // namespace jiayi::sync::crypto
