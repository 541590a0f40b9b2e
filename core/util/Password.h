#pragma once
// Password hashes (issue 16): PBKDF2-HMAC-SHA256 from OpenSSL, 600,000 iterations, a
// 16-byte random salt, stored as "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX" so the cost
// can be raised later without locking anyone out. No password is ever stored or logged.
#include <string>
#include <string_view>

namespace jiayi::password {

inline constexpr int kIterations = 600'000;

// A new salted hash of `password` (about 0.3–0.6 s on a clinic PC: on purpose).
std::string hash(std::string_view password, int iterations = kIterations);
// Whether `password` matches `stored` (constant-time compare); false for a malformed text.
bool verify(std::string_view password, std::string_view stored);
// The iterations a stored hash was made with (0 when malformed): below kIterations it is
// rehashed at the next sign-in.
int iterationsOf(std::string_view stored);

// SHA-256 of a high-entropy secret (API tokens), hex: no stretching needed.
std::string sha256Hex(std::string_view secret);
// 32 random bytes as 64 hex digits.
std::string randomToken();

}  // namespace jiayi::password
