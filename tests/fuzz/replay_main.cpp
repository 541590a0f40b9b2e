// fuzz_batch_replay: runs the fuzz target (fuzz_batch.cpp) without libFuzzer, for CI with g++.
//   fuzz_batch_replay CORPUS_DIR [MUTATIONS] [SEED]   replays every file of the corpus, then
//                                                      MUTATIONS deterministic random mutants
//   fuzz_batch_replay --write-corpus DIR             writes the seed corpus (valid and broken)
// An exception other than ProtocolError escaping the target fails the run; the input is saved
// as fuzz_batch_failure.bin in the working directory.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "sync/Protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using jiayi::store::ChangeEntry;

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::filesystem::path& p, const std::string& data) {
    std::ofstream(p, std::ios::binary) << data;
}

std::vector<ChangeEntry> sampleEntries(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<ChangeEntry> out;
    const std::string sites[] = {"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "0190a1b2-c3d4-7e5f-8a9b-ffffffffffff"};
    std::int64_t seq[2] = {0, 0};
    std::int64_t hlc = 1'730'000'000'000LL << 16;
    for (std::size_t i = 0; i < n; ++i) {
        const int s = static_cast<int>(rng() % 2);
        ChangeEntry e;
        e.site = sites[s];
        e.seq = ++seq[s];
        hlc += static_cast<std::int64_t>(rng() % 100000);
        e.hlc = hlc;
        const char* tables[] = {"resident", "household", "household_member"};
        e.table = tables[rng() % 3];
        e.rowId = "0190a1b2-0000-7000-8000-" + std::to_string(100000000000 + i);
        e.user = i % 3 ? "doctor-west" : "村医 王";
        if (rng() % 3) {
            e.op = "insert";
            e.fields = R"({"name":"张三)" + std::to_string(i) + R"(","village_code":"371721001201","sex":"1","age":)" +
                       std::to_string(rng() % 100) + R"(,"phone":null,"w":1.5})";
        } else {
            e.op = "update";
            e.fields = R"({"phone":"1380013800)" + std::to_string(i % 10) + R"("})";
            e.base = R"({"phone":"123456@)" + sites[s] + R"("})";
        }
        out.push_back(std::move(e));
    }
    return out;
}

void writeCorpus(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    using namespace jiayi::sync;
    const auto one = encodeBatch(sampleEntries(1, 1));
    const auto some = encodeBatch(sampleEntries(20, 2));
    const auto many = encodeBatch(sampleEntries(300, 3));
    // Valid: compressed bodies as on the wire, and the JSON inside.
    writeFile(dir / "valid-1.json", one);
    writeFile(dir / "valid-20.json", some);
    writeFile(dir / "valid-1.z", compress(one));
    writeFile(dir / "valid-20.z", compress(some));
    writeFile(dir / "valid-300.z", compress(many));
    writeFile(dir / "valid-empty.json", encodeBatch({}));
    // Broken on purpose: each must be refused with ProtocolError.
    writeFile(dir / "broken-short-column.json",
              R"({"v":1,"sites":["a"],"tables":["resident"],"users":["u"],"s":[0,0],"q":[1],"h":[5,1],"t":[0,0],"r":["x","y"],"o":[0,0],"u":[0,0],"f":[{},{}],"b":[0,0]})");
    writeFile(dir / "broken-bad-index.json",
              R"({"v":1,"sites":["a"],"tables":["resident"],"users":["u"],"s":[7],"q":[1],"h":[5],"t":[0],"r":["x"],"o":[0],"u":[0],"f":[{}],"b":[0]})");
    writeFile(dir / "broken-negative-index.json",
              R"({"v":1,"sites":["a"],"tables":["resident"],"users":["u"],"s":[0],"q":[1],"h":[5],"t":[-1],"r":["x"],"o":[0],"u":[0],"f":[{}],"b":[0]})");
    writeFile(dir / "broken-table.json",
              R"({"v":1,"sites":["a"],"tables":["site_meta"],"users":["u"],"s":[0],"q":[1],"h":[5],"t":[0],"r":["x"],"o":[0],"u":[0],"f":[{}],"b":[0]})");
    writeFile(dir / "broken-hlc-overflow.json",
              R"({"v":1,"sites":["a"],"tables":["resident"],"users":["u"],"s":[0,0],"q":[1,1],"h":[4611686018427387904,4611686018427387904],"t":[0,0],"r":["x","y"],"o":[0,0],"u":[0,0],"f":[{},{}],"b":[0,0]})");
    writeFile(dir / "broken-nested-fields.json",
              R"({"v":1,"sites":["a"],"tables":["resident"],"users":["u"],"s":[0],"q":[1],"h":[5],"t":[0],"r":["x"],"o":[0],"u":[0],"f":[{"name":{"a":[1,2]}}],"b":[0]})");
    writeFile(dir / "broken-non-utf8.json",
              "{\"v\":1,\"sites\":[\"a\"],\"tables\":[\"resident\"],\"users\":[\"\xff\xfe\"],\"s\":[0],\"q\":[1],"
              "\"h\":[5],\"t\":[0],\"r\":[\"x\"],\"o\":[0],\"u\":[0],\"f\":[{\"name\":\"\xc3\x28\"}],\"b\":[0]}");
    writeFile(dir / "broken-deep.json", std::string(5000, '[') + std::string(5000, ']'));
    writeFile(dir / "broken-version.json", R"({"v":2})");
    writeFile(dir / "broken-garbage.bin", std::string("\x78\x9c\xff\x00garbage\x01\x02", 13));
    writeFile(dir / "broken-truncated.z", compress(some).substr(0, 40));
    writeFile(dir / "broken-trailing.z", compress(one) + "tail");
    // A zip bomb: 9 MiB of spaces inflate past the 8 MiB guard.
    writeFile(dir / "broken-bomb.z", compress(std::string(9 * 1024 * 1024, ' ')));
}

std::string mutate(std::string s, std::mt19937& rng, const std::vector<std::string>& pool) {
    const int steps = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < steps; ++k) {
        const auto pos = s.empty() ? 0 : rng() % s.size();
        switch (rng() % 9) {
            case 0:
                if (!s.empty()) s[pos] = static_cast<char>(s[pos] ^ (1 << (rng() % 8)));
                break;
            case 1:
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), static_cast<char>(rng() % 256));
                break;
            case 2:
                if (!s.empty()) s.erase(pos, 1 + rng() % 16);
                break;
            case 3:
                s.resize(pos);
                break;
            case 4: {  // a number that matters: limits, signs, huge values
                const char* numbers[] = {"0", "-1", "1", "999", "1000", "1001", "4611686018427387904",
                                         "-4611686018427387904", "9223372036854775807", "1e308", "-0", "2.5"};
                s.insert(pos, numbers[rng() % 12]);
                break;
            }
            case 5: {  // JSON punctuation
                const char* tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "{}", "[]", "\\u0000"};
                s.insert(pos, tokens[rng() % 12]);
                break;
            }
            case 6: {  // splice with another seed
                const auto& other = pool[rng() % pool.size()];
                if (!other.empty()) s.insert(pos, other.substr(rng() % other.size(), 1 + rng() % 64));
                break;
            }
            case 7:
                if (!s.empty()) {
                    const auto len = 1 + rng() % 32;
                    s.insert(pos, s.substr(pos, len));
                }
                break;
            default:
                if (!s.empty()) s[pos] = "0123456789,[]{}\"-"[rng() % 17];
        }
    }
    return s;
}

bool runOne(const std::string& input, const std::string& label) {
    try {
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
        return true;
    } catch (const std::exception& e) {
        std::cerr << "fuzz_batch_replay: " << label << ": unexpected " << typeid(e).name() << ": " << e.what()
                  << "\n";
    } catch (...) {
        std::cerr << "fuzz_batch_replay: " << label << ": unexpected non-standard exception\n";
    }
    writeFile("fuzz_batch_failure.bin", input);
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--write-corpus") {
        writeCorpus(argv[2]);
        return 0;
    }
    if (argc < 2) {
        std::cerr << "usage: fuzz_batch_replay CORPUS_DIR [MUTATIONS] [SEED] | --write-corpus DIR\n";
        return 2;
    }
    const long mutations = argc > 2 ? std::stol(argv[2]) : 5000;
    const auto seed = static_cast<std::uint32_t>(argc > 3 ? std::stoul(argv[3]) : 20240603u);
    std::vector<std::string> pool;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
        if (!entry.is_regular_file()) continue;
        names.push_back(entry.path().filename().string());
        pool.push_back(readFile(entry.path()));
    }
    if (pool.empty()) {
        std::cerr << "fuzz_batch_replay: no corpus in " << argv[1] << "\n";
        return 2;
    }
    int failures = 0;
    for (std::size_t i = 0; i < pool.size(); ++i) {
        failures += !runOne(pool[i], names[i]);
        // Seeds named valid-* must decode: they carry the mutations into the decoder.
        if (names[i].rfind("valid-", 0) == 0) {
            try {
                const bool compressed = names[i].size() > 2 && names[i].substr(names[i].size() - 2) == ".z";
                (void)(compressed ? jiayi::sync::unpackBatch(pool[i]) : jiayi::sync::decodeBatch(pool[i]));
            } catch (const jiayi::sync::ProtocolError& e) {
                std::cerr << "fuzz_batch_replay: seed " << names[i] << " does not decode: " << e.what() << "\n";
                ++failures;
            }
        }
    }
    // Mutate the JSON inside compressed seeds too, and send it both raw and compressed.
    std::vector<std::string> inner;
    for (const auto& p : pool) {
        try {
            inner.push_back(jiayi::sync::decompress(p));
        } catch (const jiayi::sync::ProtocolError&) {
            inner.push_back(p);
        }
    }
    std::mt19937 rng(seed);
    for (long i = 0; i < mutations && failures == 0; ++i) {
        const auto pick = rng() % inner.size();
        const auto mutant = mutate(inner[pick], rng, inner);
        const auto label = "mutation " + std::to_string(i) + " of " + names[pick] + " (seed " + std::to_string(seed) + ")";
        failures += !runOne(mutant, label);
        if (i % 4 == 0 && mutant.size() < 2 * 1024 * 1024) failures += !runOne(jiayi::sync::compress(mutant), label + ", compressed");
    }
    std::cout << "fuzz_batch_replay: " << pool.size() << " corpus files, " << mutations << " mutations (seed " << seed
              << "), " << failures << " failures\n";
    return failures == 0 ? 0 : 1;
}
