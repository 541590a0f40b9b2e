#include "core/util/I18n.h"

#include <mutex>

namespace jiayi {
namespace {
std::mutex g_mutex;
Translator g_translator;
}  // namespace

void setTranslator(Translator translator) {
    std::lock_guard lock(g_mutex);
    g_translator = std::move(translator);
}

std::string tr(const char* english) {
    std::lock_guard lock(g_mutex);
    return g_translator ? g_translator(english) : std::string(english);
}

std::string format(std::string pattern, std::initializer_list<std::string> args) {
    std::size_t index = 0;
    for (const auto& arg : args) {
        const std::string token = "{" + std::to_string(index++) + "}";
        for (auto pos = pattern.find(token); pos != std::string::npos;
             pos = pattern.find(token, pos + arg.size())) {
            pattern.replace(pos, token.size(), arg);
        }
    }
    return pattern;
}

}  // namespace jiayi
