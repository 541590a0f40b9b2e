#pragma once
// Small, audited building blocks from OpenSSL for keys at rest (issue 16): random bytes,
// PBKDF2-SHA256, AES-256-GCM sealing of short secrets (a site key wrapped under a
// password-derived key) and hex. Nothing here stores or logs a secret.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace jiayi::crypto {

// `size` bytes from the operating system's secure random source.
std::string randomBytes(std::size_t size);
// 32 bytes of PBKDF2-HMAC-SHA256.
std::string pbkdf2(std::string_view secret, std::string_view salt, int iterations);
// SHA-256, 32 raw bytes.
std::string sha256(std::string_view data);

// AES-256-GCM with a fresh 12-byte nonce: nonce ‖ ciphertext ‖ 16-byte tag. `aad` is bound
// to the result (what the sealed secret is for) without being secret.
std::string seal(std::string_view key, std::string_view plain, std::string_view aad);
// The plain text, or nullopt when the key is wrong or anything was changed.
std::optional<std::string> unseal(std::string_view key, std::string_view sealed, std::string_view aad);

std::string toHex(std::string_view bytes);
// nullopt when `hex` has an odd length or a character that is not a hex digit.
std::optional<std::string> fromHex(std::string_view hex);

}  // namespace jiayi::crypto
