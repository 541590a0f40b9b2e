#pragma once
// Shared pieces of the benchmarks (docs/performance.md): options, timing, percentiles,
// Markdown tables and the synthetic population registered the way `jiayi-cli demo` does.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/demo/DemoPopulation.h"
#include "core/services/Registry.h"
#include "core/util/Date.h"

namespace jiayi::store {
class Database;
}

namespace jiayi::bench {

struct Options {
    bool quick = false;
    std::filesystem::path data = "/tmp/jiayi-bench";
    bool prepareOnly = false;  // bench_search: build the cached databases and stop
    std::string only;          // bench_search: "township" or "county" (empty: both)
    std::string pragma;        // bench_search: what-if SQL run on the measuring connection
};

// Exits with a usage message on an unknown argument.
Options parseOptions(int argc, char** argv, const char* usage);
// The command line as typed, for the report.
std::string commandLine(int argc, char** argv);
// "load average 1.23 0.98 0.75" from /proc/loadavg.
std::string loadAverage();
// Prints the header every benchmark starts with: command, build type, load.
void printPreamble(const char* title, int argc, char** argv);

class Stopwatch {
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
    double ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start)
            .count();
    }
    double seconds() const { return ms() / 1000.0; }

private:
    std::chrono::steady_clock::time_point m_start;
};

struct Summary {
    std::size_t n = 0;
    double p50 = 0, p95 = 0, p99 = 0, mean = 0, max = 0;
};
// Nearest-rank percentiles of the samples (milliseconds).
Summary summarize(std::vector<double> samples);

// Fixed-point text: fixed(3.14159, 2) = "3.14".
std::string fixed(double value, int decimals);
// 1234567 → "1,234,567".
std::string grouped(double value);

// A Markdown table: header, alignment row, rows.
void printTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows);

// The reference day of every generated population, so a cached database and a fresh one
// hold the same people whatever the date of the run.
Date referenceDay();

// Households as chunks of about `chunkResidents` residents, ready for
// Registry::registerHouseholds (demo data uses 10,000).
std::vector<std::vector<services::HouseholdRegistration>> toChunks(
    const std::vector<demo::DemoHousehold>& households, const Date& today,
    std::size_t chunkResidents = 10000);

// The first `count` characters of a UTF-8 string, and the rest after them.
// Removes a database file with its WAL, shared memory, rollback journal and key ring.
void removeDatabase(const std::filesystem::path& path);

std::string utf8Prefix(const std::string& text, std::size_t count);
std::string utf8Drop(const std::string& text, std::size_t count);

// The first column of the first row of `sql` with `args` bound as ?1, ?2 …
std::int64_t scalar(store::Database& db, const std::string& sql, const std::vector<std::string>& args);

// Runs `f` once (the first, cold run) and `runs` times more: a table row of the operation, its
// result, the first run's ms, the median and p95 of the others, and the count.
template <typename F>
std::vector<std::string> measure(const std::string& what, const std::string& result, int runs, F&& f) {
    std::vector<double> samples;
    Stopwatch first;
    f();
    const double firstMs = first.ms();
    for (int i = 0; i < runs; ++i) {
        Stopwatch w;
        f();
        samples.push_back(w.ms());
    }
    const auto s = summarize(samples);
    return {what, result, fixed(firstMs, 1), fixed(s.p50, 1), fixed(s.p95, 1), std::to_string(s.n)};
}

}  // namespace jiayi::bench
