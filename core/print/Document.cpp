#include "core/print/Document.h"

namespace jiayi::print {

std::string plainText(const Document& d) {
    std::string out;
    for (const auto& b : d.blocks) {
        if (!b.text.empty()) out += b.text + "\n";
        for (const auto& [label, value] : b.fields) out += label + ": " + value + "\n";
        for (const auto& row : b.rows) {
            for (std::size_t i = 0; i < row.size(); ++i) out += (i ? " | " : "") + row[i];
            out += "\n";
        }
        for (const auto& s : b.signatures) out += s + "\n";
    }
    if (!d.footer.empty()) out += d.footer + "\n";
    return out;
}

}  // namespace jiayi::print
