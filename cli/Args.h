#pragma once
// Command-line arguments: positionals and --name value / --name=value options.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jiayi::cli {

class Args {
public:
    // `flags` are options that take no value (e.g. "json", "dry-run").
    Args(int argc, char** argv, const std::set<std::string>& flags);

    const std::vector<std::string>& positionals() const { return m_positionals; }
    std::string positional(std::size_t index, const std::string& what) const;
    bool has(const std::string& name) const { return m_options.count(name) > 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback) const;
    const std::map<std::string, std::string>& options() const { return m_options; }
    // Throws UsageError for options not in `known` (catches typos like --nmae).
    void allowOnly(const std::set<std::string>& known) const;

private:
    std::vector<std::string> m_positionals;
    std::map<std::string, std::string> m_options;
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace jiayi::cli
