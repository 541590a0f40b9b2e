#include "core/store/KeyRing.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

#include "core/util/Crypto.h"
#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Password.h"

namespace jiayi::store {
namespace {

constexpr const char* kFormat = "jiayi-keyring-1";
constexpr const char* kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // 32 letters, no 0/O/1/I

using Object = Poco::JSON::Object;

std::string normalizedCode(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || c == ' ') continue;
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

// What each seal is for is bound to it (AES-GCM's associated data): a seal cannot be moved
// to another login or kind.
std::string aad(const std::string& kind, const std::string& who) { return "jiayi-site-key|" + kind + "|" + who; }

std::string tokenKey(const std::string& token) { return crypto::sha256("jiayi-token-seal|" + token); }

struct Ring {
    Object::Ptr root;
    Poco::JSON::Array::Ptr seals;
    Object::Ptr failures;
};

Ring read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw StorageError(format(tr("The key ring {0} cannot be read"), {file.string()}));
    std::stringstream text;
    text << in.rdbuf();
    try {
        Poco::JSON::Parser parser;
        auto root = parser.parse(text.str()).extract<Object::Ptr>();
        if (!root || root->optValue<std::string>("format", "") != kFormat) throw std::runtime_error("format");
        Ring ring{root, root->getArray("seals"), root->getObject("failures")};
        if (!ring.seals) throw std::runtime_error("seals");
        if (!ring.failures) {
            ring.failures = new Object;
            root->set("failures", ring.failures);
        }
        return ring;
    } catch (const std::exception&) {
        throw StorageError(format(tr("The key ring {0} is damaged"), {file.string()}));
    }
}

// Written whole to a temporary file, flushed, then renamed over the old one: a crash
// leaves the old ring or the new, never half of one.
void write(const std::filesystem::path& file, const Ring& ring) {
    std::ostringstream text;
    ring.root->stringify(text, 1);
    const auto temp = std::filesystem::path(file.string() + ".new");
#ifndef _WIN32
    const int fd = ::open(temp.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw StorageError(format(tr("The key ring {0} cannot be written"), {file.string()}));
    const auto data = text.str();
    const bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        std::filesystem::remove(temp);
        throw StorageError(format(tr("The key ring {0} cannot be written"), {file.string()}));
    }
#else
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text.str();
        if (!out.flush()) throw StorageError(format(tr("The key ring {0} cannot be written"), {file.string()}));
    }
#endif
    std::filesystem::rename(temp, file);
}

// `who`: the account's id for a password seal, "" for the recovery code.
Object::Ptr passwordSeal(const std::string& kind, const std::string& who, const std::string& key,
                         const std::string& secret) {
    const auto salt = crypto::randomBytes(16);
    Object::Ptr seal = new Object;
    seal->set("kind", kind);
    if (kind == "password") seal->set("user", who);
    seal->set("salt", crypto::toHex(salt));
    seal->set("iterations", password::kIterations);
    seal->set("sealed", crypto::toHex(crypto::seal(crypto::pbkdf2(secret, salt, password::kIterations), key, aad(kind, who))));
    return seal;
}

std::optional<std::string> openPasswordSeal(const Object::Ptr& seal, const std::string& kind, const std::string& who,
                                            const std::string& secret) {
    const auto salt = crypto::fromHex(seal->optValue<std::string>("salt", ""));
    const auto sealed = crypto::fromHex(seal->optValue<std::string>("sealed", ""));
    const int iterations = seal->optValue<int>("iterations", 0);
    if (!salt || !sealed || iterations < 1) return std::nullopt;
    return crypto::unseal(crypto::pbkdf2(secret, *salt, iterations), *sealed, aad(kind, who));
}

template <typename Match>
void removeSeals(Ring& ring, Match match) {
    Poco::JSON::Array::Ptr kept = new Poco::JSON::Array;
    for (std::size_t i = 0; i < ring.seals->size(); ++i) {
        auto seal = ring.seals->getObject(static_cast<unsigned>(i));
        if (seal && !match(seal)) kept->add(seal);
    }
    ring.root->set("seals", kept);
    ring.seals = kept;
}

template <typename Match>
Object::Ptr findSeal(const Ring& ring, Match match) {
    for (std::size_t i = 0; i < ring.seals->size(); ++i) {
        auto seal = ring.seals->getObject(static_cast<unsigned>(i));
        if (seal && match(seal)) return seal;
    }
    return nullptr;
}

bool isLogin(const Object::Ptr& seal, const std::string& login) {
    return seal->optValue<std::string>("kind", "") == "password" && seal->optValue<std::string>("login", "") == login;
}

bool isUser(const Object::Ptr& seal, const std::string& userId) {
    return seal->optValue<std::string>("kind", "") == "password" && seal->optValue<std::string>("user", "") == userId;
}

}  // namespace

KeyRing::KeyRing(std::filesystem::path databasePath) : m_file(fileFor(databasePath)) {}

std::filesystem::path KeyRing::fileFor(const std::filesystem::path& databasePath) {
    return databasePath.string() + ".keys";
}

std::string KeyRing::newSiteKey() { return crypto::randomBytes(32); }

std::string KeyRing::newRecoveryCode() {
    const auto random = crypto::randomBytes(25);
    std::string code;
    for (std::size_t i = 0; i < random.size(); ++i) {
        if (i && i % 5 == 0) code.push_back('-');
        code.push_back(kAlphabet[static_cast<unsigned char>(random[i]) % 32]);
    }
    return code;
}

bool KeyRing::exists() const { return std::filesystem::exists(m_file); }

void KeyRing::create(const std::string& key, const std::string& recoveryCode) {
    if (exists()) throw StorageError(format(tr("The key ring {0} exists already"), {m_file.string()}));
    Ring ring{new Object, new Poco::JSON::Array, new Object};
    ring.root->set("format", kFormat);
    ring.root->set("cipher", "SQLCipher 4 (AES-256-CBC, HMAC-SHA512), raw 256-bit site key");
    ring.root->set("seals", ring.seals);
    ring.root->set("failures", ring.failures);
    ring.seals->add(passwordSeal("recovery", "", key, normalizedCode(recoveryCode)));
    write(m_file, ring);
}

std::optional<std::string> KeyRing::unlock(const std::string& login, const std::string& password) const {
    const auto ring = read(m_file);
    bool tried = false;
    for (std::size_t i = 0; i < ring.seals->size(); ++i) {
        auto seal = ring.seals->getObject(static_cast<unsigned>(i));
        if (!seal || !isLogin(seal, login)) continue;
        tried = true;
        if (auto key = openPasswordSeal(seal, "password", seal->optValue<std::string>("user", ""), password)) return key;
    }
    // An unknown login takes as long as a wrong password: the time tells nothing.
    if (!tried) crypto::pbkdf2(password, crypto::randomBytes(16), password::kIterations);
    return std::nullopt;
}

std::optional<std::string> KeyRing::unlockWithToken(const std::string& token) const {
    const auto ring = read(m_file);
    const auto id = password::sha256Hex(token);
    const auto seal = findSeal(ring, [&](const Object::Ptr& s) {
        return s->optValue<std::string>("kind", "") == "token" && s->optValue<std::string>("token", "") == id;
    });
    if (!seal) return std::nullopt;
    const auto sealed = crypto::fromHex(seal->optValue<std::string>("sealed", ""));
    if (!sealed) return std::nullopt;
    return crypto::unseal(tokenKey(token), *sealed, aad("token", id));
}

std::optional<std::string> KeyRing::unlockWithRecovery(const std::string& code) const {
    const auto ring = read(m_file);
    const auto seal = findSeal(ring, [](const Object::Ptr& s) { return s->optValue<std::string>("kind", "") == "recovery"; });
    if (!seal) return std::nullopt;
    return openPasswordSeal(seal, "recovery", "", normalizedCode(code));
}

void KeyRing::setPassword(const std::string& key, const std::string& userId, const std::string& login,
                          const std::string& password) {
    auto ring = read(m_file);
    removeSeals(ring, [&](const Object::Ptr& s) { return isUser(s, userId); });
    auto seal = passwordSeal("password", userId, key, password);
    seal->set("login", login);
    ring.seals->add(seal);
    write(m_file, ring);
}

void KeyRing::removeUser(const std::string& userId) {
    auto ring = read(m_file);
    removeSeals(ring, [&](const Object::Ptr& s) { return isUser(s, userId); });
    write(m_file, ring);
}

void KeyRing::renameLogin(const std::string& userId, const std::string& login) {
    auto ring = read(m_file);
    auto seal = findSeal(ring, [&](const Object::Ptr& s) { return isUser(s, userId); });
    if (!seal) return;
    seal->set("login", login);
    write(m_file, ring);
}

bool KeyRing::hasUser(const std::string& userId) const {
    const auto ring = read(m_file);
    return findSeal(ring, [&](const Object::Ptr& s) { return isUser(s, userId); }) != nullptr;
}

bool KeyRing::hasLogin(const std::string& login) const {
    const auto ring = read(m_file);
    return findSeal(ring, [&](const Object::Ptr& s) { return isLogin(s, login); }) != nullptr;
}

std::vector<std::string> KeyRing::logins() const {
    const auto ring = read(m_file);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < ring.seals->size(); ++i) {
        auto seal = ring.seals->getObject(static_cast<unsigned>(i));
        if (seal && seal->optValue<std::string>("kind", "") == "password")
            out.push_back(seal->optValue<std::string>("login", ""));
    }
    return out;
}

void KeyRing::addToken(const std::string& key, const std::string& token) {
    auto ring = read(m_file);
    const auto id = password::sha256Hex(token);
    Object::Ptr seal = new Object;
    seal->set("kind", "token");
    seal->set("token", id);
    seal->set("sealed", crypto::toHex(crypto::seal(tokenKey(token), key, aad("token", id))));
    ring.seals->add(seal);
    write(m_file, ring);
}

void KeyRing::removeToken(const std::string& tokenHash) {
    auto ring = read(m_file);
    removeSeals(ring, [&](const Object::Ptr& s) {
        return s->optValue<std::string>("kind", "") == "token" && s->optValue<std::string>("token", "") == tokenHash;
    });
    write(m_file, ring);
}

void KeyRing::setRecoveryCode(const std::string& key, const std::string& code) {
    auto ring = read(m_file);
    removeSeals(ring, [](const Object::Ptr& s) { return s->optValue<std::string>("kind", "") == "recovery"; });
    ring.seals->add(passwordSeal("recovery", "", key, normalizedCode(code)));
    write(m_file, ring);
}

KeyRing::Failures KeyRing::failures(const std::string& login) const {
    const auto ring = read(m_file);
    const auto entry = ring.failures->getObject(login);
    if (!entry) return {};
    return {entry->optValue<int>("count", 0), entry->optValue<Poco::Int64>("locked_until", 0)};
}

void KeyRing::setFailures(const std::string& login, const Failures& failures) {
    auto ring = read(m_file);
    if (failures.count == 0) {
        if (!ring.failures->has(login)) return;
        ring.failures->remove(login);
    } else {
        Object::Ptr entry = new Object;
        entry->set("count", failures.count);
        entry->set("locked_until", static_cast<Poco::Int64>(failures.lockedUntil));
        ring.failures->set(login, entry);
    }
    write(m_file, ring);
}

void KeyRing::copyFor(const std::filesystem::path& targetDatabase) const {
    auto ring = read(m_file);
    ring.failures = new Object;
    ring.root->set("failures", ring.failures);
    write(fileFor(targetDatabase), ring);
}

}  // namespace jiayi::store
