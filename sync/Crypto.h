#pragma once
// The few cryptographic operations sync needs, over OpenSSL (no home-made crypto):
// device keys (Ed25519), SHA-256, HMAC-SHA-256, base64, random bytes, and the pin of a
// TLS certificate (SHA-256 of its public key, as libcurl's CURLOPT_PINNEDPUBLICKEY takes it).
#include <string>
#include <string_view>

namespace jiayi::sync::crypto {

std::string randomBytes(std::size_t count);
std::string toHex(std::string_view bytes);
std::string fromHex(std::string_view hex);  // throws std::invalid_argument
std::string base64(std::string_view bytes);
// Throws std::invalid_argument on malformed input.
std::string unbase64(std::string_view text);
std::string sha256(std::string_view data);  // raw 32 bytes
std::string hmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
// Equal-length comparison in constant time.
bool equalSecret(std::string_view a, std::string_view b);

// An Ed25519 key pair; the private half stays on the device, the hub keeps the public one.
struct DeviceKey {
    std::string privateKey;  // raw 32 bytes
    std::string publicKey;   // raw 32 bytes
    static DeviceKey generate();
    static DeviceKey fromPrivate(std::string_view privateKey);
};
std::string sign(const DeviceKey& key, std::string_view message);  // raw 64 bytes
bool verify(std::string_view publicKey, std::string_view message, std::string_view signature);

// "sha256//<base64>" of the certificate's SubjectPublicKeyInfo (DER), from a PEM
// certificate. Throws std::invalid_argument when the text holds no certificate.
std::string publicKeyPin(std::string_view certificatePem);

}  // namespace jiayi::sync::crypto
