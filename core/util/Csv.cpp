#include "core/util/Csv.h"

#include <algorithm>
#include <regex>

#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::csv {

bool Row::blank() const {
    return std::all_of(fields.begin(), fields.end(), [](const auto& f) { return f.empty(); });
}

std::vector<Row> parse(std::string_view text) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    std::size_t line = 1;
    row.line = 1;
    bool quoted = false;  // inside a quoted section
    std::size_t quoteStartLine = 0;
    bool rowHasContent = false;  // anything since the row began (so "" at EOF is no row)

    const auto endField = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
    };
    const auto endRow = [&] {
        endField();
        rows.push_back(std::move(row));
        row = Row{};
        row.line = line;
        rowHasContent = false;
    };

    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
                continue;
            }
            // A line break inside quotes belongs to the field; it still advances the line
            // count so later rows keep their real line numbers.
            if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
            field += c;
            continue;
        }
        if (c == '"' && field.empty()) {
            // Only a quote at the start of a field opens a quoted section (RFC 4180 §2.5);
            // a quote after text is a character, as Excel reads it.
            quoted = true;
            quoteStartLine = line;
            rowHasContent = true;
        } else if (c == ',') {
            endField();
            rowHasContent = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            endRow();
        } else {
            field += c;
            rowHasContent = true;
        }
    }
    if (quoted) {
        throw ValidationError(
            "file", format(tr("Line {0}: a quoted field (starting with \") is never closed. "
                              "Check that line for a missing quote mark."),
                           {std::to_string(quoteStartLine)}));
    }
    // The last line without a line break is a row; after a final break there is none.
    if (rowHasContent || !field.empty()) endRow();
    return rows;
}

// Cells typed with a Chinese input method often carry U+3000 or NBSP around them.
std::string trimCell(std::string_view s) {
    static constexpr std::string_view kSpaces[] = {" ", "\t", "\r", "\n", "\u3000", "\u00A0"};
    bool changed = true;
    while (changed) {
        changed = false;
        for (const auto sp : kSpaces) {
            if (s.starts_with(sp)) {
                s.remove_prefix(sp.size());
                changed = true;
            }
            if (s.ends_with(sp)) {
                s.remove_suffix(sp.size());
                changed = true;
            }
        }
    }
    return std::string(s);
}

bool isExcelScientific(std::string_view cell) {
    static const std::regex pattern(R"([0-9](\.[0-9]+)?[eE]\+?[0-9]+)");
    return std::regex_match(cell.begin(), cell.end(), pattern);
}

std::string unwrapTextNumber(std::string_view cell) {
    auto text = trimCell(cell);
    if (text.starts_with("=\"") && text.ends_with("\"") && text.size() >= 3)
        text = text.substr(2, text.size() - 3);
    while (!text.empty() && (text.front() == '\'' || text.front() == '\t')) text.erase(0, 1);
    return trimCell(text);
}

namespace {

// "1960年5月1日" → "1960-5-1"; "1960/5/1 0:00" → "1960/5/1".
std::string withoutDecorations(std::string_view text) {
    if (const auto space = text.find(' ');
        space != std::string_view::npos &&
        text.find_first_not_of("0123456789:", space + 1) == std::string_view::npos)
        text = text.substr(0, space);
    if (text.ends_with("日")) text.remove_suffix(std::string_view("日").size());
    std::string out;
    while (!text.empty()) {
        if (text.starts_with("年") || text.starts_with("月")) {
            out += '-';
            text.remove_prefix(std::string_view("年").size());
        } else {
            out += text.front();
            text.remove_prefix(1);
        }
    }
    return out;
}

}  // namespace

std::optional<Date> parseCellDate(std::string_view cell, std::string& reason) {
    const auto text = withoutDecorations(trimCell(cell));
    int y = 0, m = 0, d = 0;
    const auto digits = text.find_first_not_of("0123456789") == std::string::npos;
    if (digits && text.size() == 8) {
        y = std::stoi(text.substr(0, 4));
        m = std::stoi(text.substr(4, 2));
        d = std::stoi(text.substr(6, 2));
    } else if (digits && text.size() == 5) {
        reason = format(tr("\"{0}\" looks like an Excel date serial number. Format the column "
                           "as a date (yyyy-mm-dd) in Excel and save the file again."),
                        {text});
        return std::nullopt;
    } else {
        static const std::regex pattern(R"(([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2}))");
        std::smatch match;
        if (!std::regex_match(text, match, pattern)) {
            reason = format(tr("\"{0}\" is not a date. Write it as 1960-05-01 (also accepted: "
                               "1960/5/1, 1960.5.1, 19600501)."),
                            {std::string(trimCell(cell))});
            return std::nullopt;
        }
        y = std::stoi(match[1]);
        m = std::stoi(match[3]);
        d = std::stoi(match[4]);
    }
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) {
        reason = format(tr("{0} is not a real calendar date"), {std::string(trimCell(cell))});
        return std::nullopt;
    }
    return date;
}

}  // namespace jiayi::csv
