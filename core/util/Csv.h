#pragma once
// RFC 4180 comma-separated values as spreadsheets write them: fields in double quotes may
// hold commas, line breaks and doubled quotes; lines end in CRLF, LF or a lone CR; the
// last line may or may not end in a line break. Works on UTF-8 text (see Encoding.h).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/Date.h"

namespace jiayi::csv {

struct Row {
    std::size_t line = 0;  // 1-based line on which the row starts
    std::vector<std::string> fields;
    // True when every field is empty (an empty line, or ",,," left by a spreadsheet).
    bool blank() const;
};

// Parses the whole text. Lenient where Excel is (a quote inside an unquoted field is
// kept as a character; text after a closing quote is appended to the field), strict where
// data would be lost: an unterminated quoted field throws ValidationError("file", …)
// naming the line on which that field starts.
std::vector<Row> parse(std::string_view text);

// ---- What spreadsheets do to cells -----------------------------------------------------

// Trims ASCII white space, the ideographic space U+3000 and NBSP.
std::string trimCell(std::string_view cell);

// "3.71721E+17": Excel kept a long digit string (ID number, phone) as a number and its
// last digits are lost for good.
bool isExcelScientific(std::string_view cell);

// Digits kept as text the ways people do it in Excel: a leading apostrophe or tab, or
// ="…". Returns the trimmed digits.
std::string unwrapTextNumber(std::string_view cell);

// A date as Chinese spreadsheets write it: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD or
// YYYY年M月D日 (leading zeros optional, a trailing " 0:00" ignored). On failure returns
// nullopt and sets `reason` (translated): not a date, not a real calendar date
// (2023-02-31), or an Excel date serial number.
std::optional<Date> parseCellDate(std::string_view cell, std::string& reason);

}  // namespace jiayi::csv
