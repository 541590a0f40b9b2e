#include "sync/Wire.h"

#include <stdexcept>

#include "sync/Crypto.h"

namespace jiayi::sync::wire {
namespace {

// Crockford's base32 letters: no I, L, O, U, easy to read aloud over the phone.
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string signedText(std::string_view method, std::string_view pathAndQuery, std::string_view device,
                       std::int64_t request, std::int64_t timeMs, int schema, std::string_view body) {
    std::string out;
    out.append(method).append("\n").append(pathAndQuery).append("\n").append(device).append("\n");
    out.append(std::to_string(request)).append("\n").append(std::to_string(timeMs)).append("\n");
    out.append(std::to_string(schema)).append("\n").append(crypto::toHex(crypto::sha256(body)));
    return out;
}

std::string codeKey(std::string_view codeSecret) { return crypto::sha256(codeSecret); }

std::string enrolProof(std::string_view key, std::string_view codeId, std::string_view site,
                       std::string_view publicKeyB64, std::string_view pin) {
    std::string text = "enrol\n";
    text.append(codeId).append("\n").append(site).append("\n").append(publicKeyB64).append("\n").append(pin);
    return crypto::base64(crypto::hmacSha256(key, text));
}

std::string hubProof(std::string_view key, std::string_view site, std::string_view pin) {
    std::string text = "hub\n";
    text.append(site).append("\n").append(pin);
    return crypto::base64(crypto::hmacSha256(key, text));
}

CodeParts splitCode(std::string_view code) {
    std::string clean;
    for (const char c : code) {
        if (c == '-' || c == ' ') continue;
        const char up = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (kAlphabet.find(up) == std::string_view::npos)
            throw std::invalid_argument("the enrolment code holds a character that is not in it");
        clean += up;
    }
    if (clean.size() != 16) throw std::invalid_argument("an enrolment code has 16 letters and digits");
    return {clean.substr(0, 4), clean.substr(4)};
}

std::string makeCode() {
    const auto random = crypto::randomBytes(16);
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i && i % 4 == 0) out += '-';
        out += kAlphabet[static_cast<unsigned char>(random[i]) % 32];
    }
    return out;
}

}  // namespace jiayi::sync::wire
