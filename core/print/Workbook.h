#pragma once
// A spreadsheet as content (issue 18: the indicator reports exported to XLSX): sheets of rows
// whose cells are text or numbers, written by writeXlsx with libxlsxwriter (Debian's
// libxlsxwriter-dev). Core says what a report holds; the file is one way to hand it on.
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace jiayi::print {

using Cell = std::variant<std::monostate, std::string, double>;

struct Sheet {
    std::string name;                     // at most 31 characters; no []:*?/\ (Excel's rules)
    std::vector<std::vector<Cell>> rows;  // the first row is the header
    std::vector<double> widths;           // column widths in characters (optional)
    std::vector<bool> percent;            // columns shown as percentages (optional)
};

struct Workbook {
    std::string title;
    std::vector<Sheet> sheets;
};

// Writes `book` to `file`; StorageError naming the file when it cannot.
void writeXlsx(const Workbook& book, const std::filesystem::path& file);

}  // namespace jiayi::print
