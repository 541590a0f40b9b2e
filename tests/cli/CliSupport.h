#pragma once
// Runs the real jiayi-cli binary against a database file, as a script or a person would.
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace jiayi::test {

// What a shell command prints (pdftotext, pdfinfo, python3 reading a workbook).
inline std::string slurp(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    char buf[4096];
    while (auto n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    pclose(pipe);
    return out;
}

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

class CliFixture {
public:
    CliFixture() {
        std::random_device rd;
        m_dir = std::filesystem::temp_directory_path() / ("jiayi-cli-" + std::to_string(rd()));
        std::filesystem::create_directories(m_dir);
    }
    ~CliFixture() {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }

    // Runs `jiayi-cli --db <file> ARGS` with LANG=C (English messages).
    Result run(const std::string& args, const std::string& env = "LANG=C") {
        const auto errFile = m_dir / "stderr.txt";
        const std::string cmd = "env -u JIAYI_LANG " + env + " " + JIAYI_CLI_EXE + " --db '" +
                                (m_dir / "jiayi.db").string() + "' " + args + " 2>'" +
                                errFile.string() + "'";
        Result r;
        FILE* pipe = popen(cmd.c_str(), "r");
        BOOST_REQUIRE(pipe);
        std::array<char, 4096> buf{};
        while (auto n = fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
        const int status = pclose(pipe);
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::ifstream in(errFile);
        r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        return r;
    }

    Poco::JSON::Object::Ptr json(const std::string& args) {
        const auto r = run(args + " --json");
        BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
        return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    }

    Poco::JSON::Array::Ptr jsonArray(const std::string& args) {
        const auto r = run(args + " --json");
        BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
        return Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
    }

    std::filesystem::path file(const std::string& name) const { return m_dir / name; }

private:
    std::filesystem::path m_dir;
};

}  // namespace jiayi::test
