// Replays every input kept under tests/fuzz/regressions/<name>/ (crashes, hangs and blow-ups the
// fuzzers found) and every seed under tests/fuzz/corpus/<name>/ through the same entry function
// the libFuzzer target fuzz_<name> calls, in the normal (and the sanitizer) test build.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/fuzz_entries.h"

namespace stdfs = std::filesystem;

namespace {

std::string slurp(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every file below dir/<target>, sorted, so failures name a stable input.
std::vector<stdfs::path> inputs(const std::string& dir, const std::string& target) {
  std::vector<stdfs::path> out;
  stdfs::path d = stdfs::path(ANNALIST_SOURCE_DIR) / "tests/fuzz" / dir / target;
  std::error_code ec;
  if (!stdfs::is_directory(d, ec)) return out;
  for (const auto& e : stdfs::directory_iterator(d, ec))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void replay(const std::string& dir) {
  int total = 0;
  for (const auto& entry : annalist::fuzz::kFuzzEntries) {
    for (const auto& file : inputs(dir, entry.name)) {
      std::string bytes = slurp(file);
      INFO("fuzz_" << entry.name << " " << file.string());
      auto t0 = std::chrono::steady_clock::now();
      CHECK_NOTHROW(entry.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      CHECK(s < 5.0);  // the fuzzers' -timeout; sanitizer builds are slower but not this slow
      ++total;
    }
  }
  SUCCEED(total << " inputs from tests/fuzz/" << dir);
}

}  // namespace

TEST_CASE("fuzz regression inputs run without crashing", "[fuzz]") { replay("regressions"); }

TEST_CASE("fuzz seed corpora run without crashing", "[fuzz]") {
  replay("corpus");
  // Every target has seeds, and every target file has an entry.
  for (const auto& entry : annalist::fuzz::kFuzzEntries) {
    INFO(entry.name);
    CHECK(!inputs("corpus", entry.name).empty());
    CHECK(stdfs::exists(stdfs::path(ANNALIST_SOURCE_DIR) / "tests/fuzz" / ("fuzz_" + std::string(entry.name) + ".cpp")));
  }
}
