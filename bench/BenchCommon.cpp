#include "bench/BenchCommon.h"

#include "core/store/Database.h"

#include <sqlite3.h>

#include "core/demo/DemoData.h"
#include "core/util/Utf8.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>

namespace jiayi::bench {

Options parseOptions(int argc, char** argv, const char* usage) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") {
            o.quick = true;
        } else if (arg == "--data" && i + 1 < argc) {
            o.data = argv[++i];
        } else if (arg == "--prepare-only") {
            o.prepareOnly = true;
        } else if (arg == "--only" && i + 1 < argc) {
            o.only = argv[++i];
        } else if (arg == "--pragma" && i + 1 < argc) {
            o.pragma = argv[++i];
        } else {
            std::cerr << "usage: " << argv[0] << " " << usage << "\n";
            std::exit(arg == "--help" || arg == "-h" ? 0 : 2);
        }
    }
    return o;
}

std::string commandLine(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) {
        if (i) out += ' ';
        out += argv[i];
    }
    return out;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    double a = 0, b = 0, c = 0;
    if (!(in >> a >> b >> c)) return "load average unknown";
    return "load average " + fixed(a, 2) + " " + fixed(b, 2) + " " + fixed(c, 2);
}

void printPreamble(const char* title, int argc, char** argv) {
    std::cout << "# " << title << "\n\n"
              << "`" << commandLine(argc, argv) << "`\n\n"
              << "Build " << JIAYI_BENCH_BUILD_TYPE << " (" << JIAYI_BENCH_COMPILER << "), SQLite "
              << sqlite3_libversion() << ", " << loadAverage() << " at start.\n\n"
              << std::flush;
}

Summary summarize(std::vector<double> samples) {
    Summary s;
    s.n = samples.size();
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    auto rank = [&](double p) {
        const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(s.n)));
        return samples[std::clamp<std::size_t>(k, 1, s.n) - 1];
    };
    s.p50 = rank(0.50);
    s.p95 = rank(0.95);
    s.p99 = rank(0.99);
    s.max = samples.back();
    s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(s.n);
    return s;
}

std::string fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

std::string grouped(double value) {
    std::string digits = std::to_string(std::llround(value));
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return negative ? "-" + out : out;
}

void printTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows) {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (const auto& c : cells) out += " " + c + " |";
        return out;
    };
    std::cout << line(header) << "\n|";
    for (std::size_t i = 0; i < header.size(); ++i) std::cout << (i ? " ---: |" : " --- |");
    std::cout << "\n";
    for (const auto& r : rows) std::cout << line(r) << "\n";
    std::cout << "\n" << std::flush;
}

Date referenceDay() {
    return Date{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{1}};
}

std::vector<std::vector<services::HouseholdRegistration>> toChunks(
    const std::vector<demo::DemoHousehold>& households, const Date& today,
    std::size_t chunkResidents) {
    std::vector<std::vector<services::HouseholdRegistration>> chunks(1);
    std::size_t inChunk = 0;
    for (const auto& h : households) {
        services::HouseholdRegistration hr;
        hr.address = h.address;
        for (const auto& p : h.members)
            hr.members.push_back(services::demoRegistration(p, h.villageCode, today));
        inChunk += hr.members.size();
        chunks.back().push_back(std::move(hr));
        if (inChunk >= chunkResidents) {
            chunks.emplace_back();
            inChunk = 0;
        }
    }
    if (chunks.back().empty()) chunks.pop_back();
    return chunks;
}

std::string utf8Prefix(const std::string& text, std::size_t count) {
    return text.substr(0, utf8::offsetAfter(text, count));
}

std::string utf8Drop(const std::string& text, std::size_t count) {
    return text.substr(utf8::offsetAfter(text, count));
}

void removeDatabase(const std::filesystem::path& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".keys"}) std::filesystem::remove(path.string() + suffix);
}

std::int64_t scalar(store::Database& db, const std::string& sql, const std::vector<std::string>& args) {
    auto& st = db.cached(sql);
    int i = 1;
    for (const auto& a : args) st.bind(i++, a);
    st.step();
    const auto v = st.integer(0);
    st.reset();
    return v;
}

}  // namespace jiayi::bench
