// Resident ID number rules: shared/domain/records.md, "Identity" (GB 11643-1999).
#include "core/rules/IdNumber.h"

#include <array>
#include <stdexcept>

#include "core/util/Error.h"
#include "core/util/I18n.h"
#include "core/util/Utf8.h"

namespace jiayi::rules {
namespace {

// ISO 7064 MOD 11-2 weights for positions 1..17 (2^(18-i) mod 11).
constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";  // indexed by S mod 11

bool isDigit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

bool isSpace(char32_t c) {
    // U+3000 and U+00A0 come from Chinese input methods and from pasted web text.
    return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x3000 || c == 0x00A0;
}

// People type on a Chinese IME in full-width mode or copy numbers written in groups, so
// full-width digits become ASCII, every space is dropped and x becomes X.
std::u32string normalizeTyped(std::string_view text) {
    std::u32string out;
    for (char32_t c : utf8::decode(text).text) {
        if (isSpace(c)) continue;
        if (c >= 0xFF10 && c <= 0xFF19) c = U'0' + (c - 0xFF10);
        if (c == U'x' || c == 0xFF38 || c == 0xFF58) c = U'X';
        out.push_back(c);
    }
    return out;
}

[[noreturn]] void throwBadCharacter(const std::string& field, std::size_t position, char32_t c,
                                    bool lastOf18) {
    const std::string shown = utf8::encode(c);
    if (lastOf18) {
        throw ValidationError(field,
                              format(tr("The last character of the ID number must be a digit or X, "
                                        "not \"{0}\""),
                                     {shown}));
    }
    throw ValidationError(field,
                          format(tr("Character {0} of the ID number is \"{1}\"; only digits are "
                                    "allowed there"),
                                 {std::to_string(position), shown}));
}

// Digits only (and X as the 18th character); throws naming the first bad character.
void requireDigits(const std::u32string& id, const std::string& field) {
    for (std::size_t i = 0; i < id.size(); ++i) {
        const bool lastOf18 = id.size() == 18 && i == 17;
        if (isDigit(id[i]) || (lastOf18 && id[i] == U'X')) continue;
        throwBadCharacter(field, i + 1, id[i], lastOf18);
    }
}

void requireLength(std::size_t length, const std::string& field) {
    if (length == 0) throw ValidationError(field, tr("The ID number is empty"));
    if (length != 15 && length != 18) {
        throw ValidationError(
            field, format(tr("An ID number has 18 characters (or 15 for old cards); this one "
                             "has {0}"),
                          {std::to_string(length)}));
    }
}

std::string toAscii(const std::u32string& digits) {
    // Only called after requireDigits, so every code point is ASCII.
    return std::string(digits.begin(), digits.end());
}

std::string dashedDate(std::string_view yyyymmdd) {
    return std::string(yyyymmdd.substr(0, 4)) + "-" + std::string(yyyymmdd.substr(4, 2)) + "-" +
           std::string(yyyymmdd.substr(6, 2));
}

std::string convertDigits15(const std::string& id15) {
    std::string id18 = id15.substr(0, 6) + "19" + id15.substr(6);
    id18.push_back(idCheckCharacter(id18));
    return id18;
}

}  // namespace

char idCheckCharacter(std::string_view first17) {
    if (first17.size() < 17) throw std::invalid_argument("idCheckCharacter needs 17 digits");
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const char c = first17[i];
        if (c < '0' || c > '9') throw std::invalid_argument("idCheckCharacter needs digits");
        sum += (c - '0') * kWeights[i];
    }
    return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

std::string convertId15To18(std::string_view id15) {
    const std::string field = "id_number";
    const std::u32string id = normalizeTyped(id15);
    if (id.size() != 15) {
        throw ValidationError(
            field, format(tr("An old ID number has 15 digits; this one has {0} characters"),
                          {std::to_string(id.size())}));
    }
    requireDigits(id, field);
    return convertDigits15(toAscii(id));
}

IdNumberInfo parseIdNumber(std::string_view text, const Date& today, const std::string& field) {
    const std::u32string typed = normalizeTyped(text);
    requireLength(typed.size(), field);
    requireDigits(typed, field);

    IdNumberInfo info;
    info.convertedFrom15 = typed.size() == 15;
    const std::string ascii = toAscii(typed);
    const std::string id = info.convertedFrom15 ? convertDigits15(ascii) : ascii;

    // The date is checked before the check character: a typo inside the date is then
    // reported where it is, not as an anonymous check-character mismatch.
    const std::string_view birthDigits = std::string_view(id).substr(6, 8);
    const auto birth = parseDate(birthDigits);
    if (!birth) {
        throw ValidationError(field, format(tr("The birth date {0} in the ID number is not a "
                                               "real date"),
                                            {dashedDate(birthDigits)}));
    }
    const char expected = idCheckCharacter(id);
    if (id[17] != expected) {
        throw ValidationError(field, format(tr("The check character should be {0}, not {1}"),
                                            {std::string(1, expected), std::string(1, id[17])}));
    }
    if (*birth > today) {
        throw ValidationError(field, format(tr("The birth date {0} in the ID number is in the "
                                               "future"),
                                            {formatDate(*birth)}));
    }

    info.normalized = id;
    info.addressCode = id.substr(0, 6);  // never checked against current codes (domain)
    info.birthDate = *birth;
    info.male = (id[16] - '0') % 2 == 1;
    return info;
}

void checkIdAgreement(const IdNumberInfo& id, std::string_view sexCode,
                      const std::optional<Date>& birthDate) {
    // GB/T 2261.1 codes; an unstated (9) or unknown (0) sex cannot contradict anything.
    if (sexCode == "1" && !id.male) {
        throw ValidationError("sex", format(tr("The sex is recorded as male, but the ID number "
                                               "{0} is a woman's"),
                                            {id.normalized}));
    }
    if (sexCode == "2" && id.male) {
        throw ValidationError("sex", format(tr("The sex is recorded as female, but the ID "
                                               "number {0} is a man's"),
                                            {id.normalized}));
    }
    if (!sexCode.empty() && sexCode != "1" && sexCode != "2" && sexCode != "9" && sexCode != "0") {
        throw ValidationError("sex", format(tr("The sex code \"{0}\" is not one of 1 (male), "
                                               "2 (female), 9 (unstated) or 0 (unknown)"),
                                            {std::string(sexCode)}));
    }
    if (birthDate && *birthDate != id.birthDate) {
        throw ValidationError(
            "birth_date",
            format(tr("The birth date {0} does not match the ID number {1}, "
                      "which gives {2}"),
                   {formatDate(*birthDate), id.normalized, formatDate(id.birthDate)}));
    }
}

}  // namespace jiayi::rules
