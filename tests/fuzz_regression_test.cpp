// Replays every input kept under tests/fuzz/regressions/<name>/ (crashes, hangs and blow-ups the
// fuzzers found) and every seed under tests/fuzz/corpus/<name>/ through the same entry function
// the libFuzzer target fuzz_<name> calls, in the normal (and the sanitizer) test build.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/fuzz_entries.h"
#include "test_util.h"

namespace stdfs = std::filesystem;
using annalist::test::read_file;
using annalist::test::source_dir;

namespace {

// Every file below dir/<target>, sorted, so failures name a stable input.
std::vector<stdfs::path> inputs(const std::string& dir, const std::string& target) {
  std::vector<stdfs::path> out;
  stdfs::path d = stdfs::path(source_dir()) / "tests/fuzz" / dir / target;
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
      std::string bytes = read_file(file);
      INFO("fuzz_" << entry.name << " " << file.string());
      auto t0 = std::chrono::steady_clock::now();
      CHECK_NOTHROW(entry.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      CHECK(s < 5.0);  // the fuzzers' -timeout; sanitizer builds are slower but not this slow
      ++total;
    }
  }
  // A folder that lost its inputs (or a wrong source path) must not pass as "nothing crashed".
  CHECK(total > 0);
  SUCCEED(total << " inputs from tests/fuzz/" << dir);
}

// Every folder below tests/fuzz/<dir>/ names a fuzz target and holds at least one input.
void check_folders(const std::string& dir) {
  for (const auto& e : stdfs::directory_iterator(stdfs::path(source_dir()) / "tests/fuzz" / dir)) {
    std::string name = e.path().filename().string();
    INFO("tests/fuzz/" << dir << "/" << name);
    bool known = false;
    for (const auto& entry : annalist::fuzz::kFuzzEntries) known = known || name == entry.name;
    CHECK(known);
    CHECK(!inputs(dir, name).empty());
  }
}

}  // namespace

TEST_CASE("fuzz regression inputs run without crashing", "[fuzz]") {
  replay("regressions");
  check_folders("regressions");
}

TEST_CASE("fuzz seed corpora run without crashing", "[fuzz]") {
  replay("corpus");
  check_folders("corpus");
  // Every target has seeds, and every target file has an entry.
  for (const auto& entry : annalist::fuzz::kFuzzEntries) {
    INFO(entry.name);
    CHECK(!inputs("corpus", entry.name).empty());
    CHECK(stdfs::exists(stdfs::path(source_dir()) / "tests/fuzz" / ("fuzz_" + std::string(entry.name) + ".cpp")));
  }
}
