#pragma once
// Code lists of the 个人基本信息表 and the household (shared/domain/records.md), as data.
// `english` is the UI label (translated through tr(); zh_CN shows the official term);
// `official` is the term printed on the national form, used for exchange documents.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jiayi::rules {

struct Code {
    const char* code;
    const char* english;
    const char* official;
};

struct CodeList {
    const char* name;       // e.g. "sex", "payment"
    const char* english;    // the field's label
    bool multiple;          // multi-select
    std::span<const Code> codes;
};

// nullptr when there is no such list.
const CodeList* codeList(std::string_view name);
std::span<const CodeList> allCodeLists();
// nullptr when the code is not in the list.
const Code* findCode(std::string_view list, std::string_view code);
// A code from what a person typed: the code itself, the official term (with or without a
// trailing 族 for ethnicity), or the English label (any case). nullopt when none matches.
std::optional<std::string> parseCode(std::string_view list, std::string_view text);
// The translated label of a code, or the code itself when unknown.
std::string codeLabel(std::string_view list, std::string_view code);

}  // namespace jiayi::rules
