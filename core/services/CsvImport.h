#pragma once
// Resident import from CSV files as village spreadsheets are kept (Excel "另存为 CSV"):
// UTF-8 or GB18030, a header row naming the columns in Chinese or English, one resident
// per row, households formed by village + address (shared/domain/records.md,
// "Households"). All rows go into one transaction; a bad row is skipped through a
// savepoint and reported with its line, column and reason; a bad file writes nothing.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace jiayi::services {

class Workstation;

struct ImportOptions {
    std::string encoding = "auto";   // "auto" | "utf-8" | "gb18030"
    std::string defaultVillageCode;  // for files without a village column (or empty cells)
    bool dryRun = false;             // validate and report, then roll back
    bool acceptLikelyDuplicates = false;
};

struct ImportRowError {
    std::size_t line = 0;  // 1-based line of the file on which the row starts
    std::string column;    // the header text the file uses ("身份证号"), "" = the whole row
    std::string reason;    // translated
};

struct ImportReport {
    std::string encoding;  // "UTF-8" or "GB18030"
    std::size_t rows = 0;  // data rows (blank rows not counted)
    std::size_t imported = 0;
    std::size_t households = 0;  // households founded
    // One entry per problem, ordered by line: a row with two bad fields has two entries.
    std::vector<ImportRowError> rejected;
    std::vector<std::string> warnings;  // translated
    std::size_t rejectedRows() const { return rows - imported; }
};

class CsvImport {
public:
    explicit CsvImport(Workstation& workstation);

    // Throws ValidationError("file", reason) when the file is refused as a whole
    // (unreadable, encoding, CSV syntax, header); nothing is written then.
    ImportReport importFile(const std::filesystem::path& file, const ImportOptions& options);
    ImportReport importBytes(std::string_view bytes, const ImportOptions& options);

private:
    Workstation& m_workstation;
};

}  // namespace jiayi::services
