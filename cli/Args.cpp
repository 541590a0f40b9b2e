#include "cli/Args.h"

#include <stdexcept>

#include "core/util/I18n.h"

namespace jiayi::cli {

Args::Args(int argc, char** argv, const std::set<std::string>& flags) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            for (++i; i < argc; ++i) m_positionals.emplace_back(argv[i]);
            break;
        }
        if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
            m_positionals.push_back(arg);
            continue;
        }
        arg = arg.substr(2);
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            m_options[arg.substr(0, eq)] = arg.substr(eq + 1);
        } else if (flags.count(arg)) {
            // --json is both the output switch and, followed by an object or "-" (stdin),
            // the input: `resident add --json '{"name":"张三",…}'`.
            const bool jsonInput = arg == "json" && i + 1 < argc &&
                                   (argv[i + 1][0] == '{' || std::string(argv[i + 1]) == "-");
            m_options[arg] = jsonInput ? argv[++i] : "1";
        } else if (i + 1 < argc) {
            m_options[arg] = argv[++i];
        } else {
            throw UsageError(format(tr("Option --{0} needs a value"), {arg}));
        }
    }
}

std::string Args::positional(std::size_t index, const std::string& what) const {
    if (index >= m_positionals.size()) throw UsageError(format(tr("Missing {0}"), {what}));
    return m_positionals[index];
}

std::optional<std::string> Args::get(const std::string& name) const {
    const auto it = m_options.find(name);
    if (it == m_options.end()) return std::nullopt;
    return it->second;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
    return get(name).value_or(fallback);
}

void Args::allowOnly(const std::set<std::string>& known) const {
    // Options every command takes: where the database is, who signs in, the output.
    static const std::set<std::string> kGlobal = {"db", "user", "json", "lang", "password-stdin"};
    for (const auto& [name, value] : m_options)
        if (!known.count(name) && !kGlobal.count(name)) throw UsageError(format(tr("Unknown option --{0}"), {name}));
}

}  // namespace jiayi::cli
