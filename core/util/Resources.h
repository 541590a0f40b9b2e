#pragma once
// Where read-only data files (code lists, divisions, pinyin, demo recipes) are found.
#include <filesystem>
#include <string_view>

namespace jiayi {

// Search order: $JIAYI_RESOURCES, <exe>/../share/jiayi, the installed prefix, the
// source tree (for running from a build directory). Throws StorageError naming the file
// when none has it.
std::filesystem::path resourcePath(std::string_view relative);

}  // namespace jiayi
