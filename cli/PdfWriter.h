#pragma once
// Writes a print::Document as an A4 PDF with Pango and Cairo: Chinese text shaped and its
// fonts embedded (the subset used), so that the file prints and reads the same anywhere.
#include <filesystem>

#include "core/print/Document.h"

namespace jiayi::cli {

// Throws std::runtime_error when the file cannot be written.
void writePdf(const print::Document& document, const std::filesystem::path& file);

}  // namespace jiayi::cli
