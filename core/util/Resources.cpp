#include "core/util/Resources.h"

#include <cstdlib>
#include <system_error>
#include <vector>

#include "core/util/Error.h"

namespace jiayi {

std::filesystem::path resourcePath(std::string_view relative) {
    std::vector<std::filesystem::path> roots;
    if (const char* env = std::getenv("JIAYI_RESOURCES"); env && *env) roots.emplace_back(env);
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) roots.push_back(exe.parent_path().parent_path() / "share" / "jiayi");
    roots.emplace_back(JIAYI_INSTALL_RESOURCES);
    roots.emplace_back(JIAYI_SOURCE_RESOURCES);
    for (const auto& root : roots) {
        auto candidate = root / relative;
        if (std::filesystem::exists(candidate, ec)) return candidate;
    }
    throw StorageError("resource file not found: " + std::string(relative) +
                       " (set JIAYI_RESOURCES to the folder that holds it)");
}

}  // namespace jiayi
