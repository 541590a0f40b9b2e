#include "core/print/Workbook.h"

#include <xlsxwriter.h>

#include "core/util/Error.h"
#include "core/util/I18n.h"

namespace jiayi::print {

namespace {

// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
std::string sheetName(const std::string& given, std::size_t index) {
    std::string out;
    for (const char c : given) {
        if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
        out.push_back(c);
    }
    // 31 characters, not bytes: cut on a UTF-8 boundary.
    std::size_t chars = 0, at = 0;
    while (at < out.size() && chars < 31) {
        const auto b = static_cast<unsigned char>(out[at]);
        at += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        ++chars;
    }
    out.resize(std::min(at, out.size()));
    return out.empty() ? "Sheet" + std::to_string(index + 1) : out;
}

}  // namespace

void writeXlsx(const Workbook& book, const std::filesystem::path& file) {
    lxw_workbook* wb = workbook_new(file.string().c_str());
    if (!wb) throw StorageError(format(tr("Cannot write {0}"), {file.string()}));
    lxw_doc_properties props{};
    props.title = const_cast<char*>(book.title.c_str());
    workbook_set_properties(wb, &props);
    lxw_format* header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    lxw_format* percent = workbook_add_format(wb);
    format_set_num_format(percent, "0.0%");
    for (std::size_t s = 0; s < book.sheets.size(); ++s) {
        const auto& sheet = book.sheets[s];
        lxw_worksheet* ws = workbook_add_worksheet(wb, sheetName(sheet.name, s).c_str());
        if (!ws) {
            workbook_close(wb);
            throw StorageError(format(tr("Cannot write {0}"), {file.string()}));
        }
        for (std::size_t c = 0; c < sheet.widths.size(); ++c)
            worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 sheet.widths[c], nullptr);
        for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
            const auto& row = sheet.rows[r];
            for (std::size_t c = 0; c < row.size(); ++c) {
                const auto rr = static_cast<lxw_row_t>(r);
                const auto cc = static_cast<lxw_col_t>(c);
                const bool pct = r > 0 && c < sheet.percent.size() && sheet.percent[c];
                if (const auto* text = std::get_if<std::string>(&row[c]))
                    worksheet_write_string(ws, rr, cc, text->c_str(), r == 0 ? header : nullptr);
                else if (const auto* number = std::get_if<double>(&row[c]))
                    worksheet_write_number(ws, rr, cc, *number, pct ? percent : nullptr);
            }
        }
        if (!sheet.rows.empty()) worksheet_freeze_panes(ws, 1, 0);
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        throw StorageError(format(tr("Cannot write {0}"), {file.string()}));
}

}  // namespace jiayi::print
