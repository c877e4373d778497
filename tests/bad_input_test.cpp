// The bad-input suite: one broken project per failure under tests/bad/<case>/, each with the
// exact diagnostics it must produce in expected.txt. Every case must exit 1 and leave the
// previous site untouched.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "commands.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

// Diagnostics without the final summary line (which names the temporary output directory).
std::string without_summary(const std::string& err) {
  std::istringstream in(err);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("build failed:", 0) != 0) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("every bad project fails with its exact diagnostics and leaves the old site", "[bad]") {
  stdfs::current_path(source_dir());
  TempDir scratch("bad");
  std::string out = (scratch / "site").string();
  BuildOptions good;
  good.project_dir = "tests/fixtures/basic";
  good.out_dir = out;
  good.default_templates = "templates";
  good.quiet = true;
  std::ostringstream o, e;
  REQUIRE(run_build(good, o, e) == 0);
  auto before = read_tree(out);  // the good site, built again after a case that builds

  std::vector<stdfs::path> cases;
  for (auto& d : stdfs::directory_iterator("tests/bad"))
    if (d.is_directory()) cases.push_back(d.path());
  std::sort(cases.begin(), cases.end());
  CHECK(cases.size() >= 25);
  for (const auto& dir : cases) {
    DYNAMIC_SECTION("case " << dir.filename().string()) {
      BuildOptions opts = good;
      opts.project_dir = dir.generic_string();
      std::string args = read_file(dir / "args");
      if (args.rfind("--templates ", 0) == 0) opts.templates_dir = (dir / args.substr(12, args.find_first_of("\r\n") - 12)).generic_string();
      // Named pipes cannot be committed: a case lists the ones it needs in `fifos`.
      std::vector<stdfs::path> fifos;
      if (stdfs::exists(dir / "fifos")) {
        std::istringstream names(read_file(dir / "fifos"));
        for (std::string name; std::getline(names, name);) {
          fifos.push_back(dir / name);
          stdfs::remove(fifos.back());
          REQUIRE(::mkfifo(fifos.back().c_str(), 0600) == 0);
        }
      }
      std::ostringstream so, se;
      int rc = run_build(opts, so, se);
      for (const auto& f : fifos) stdfs::remove(f);
      std::string got = without_summary(se.str());
      if (std::getenv("ANNALIST_UPDATE_GOLDEN")) std::ofstream(dir / "expected.txt", std::ios::binary) << got;
      CHECK(got == read_file(dir / "expected.txt"));
      CHECK(!got.empty());
      // A case of warnings only (a file `warnings-only`) builds; the others leave the old site.
      if (stdfs::exists(dir / "warnings-only")) {
        CHECK(rc == 0);
        CHECK(got.find(": error: ") == std::string::npos);
        REQUIRE(run_build(good, so, se) == 0);
        before = read_tree(out);
      } else {
        CHECK(rc == 1);
        CHECK(read_tree(out) == before);
      }
    }
  }
}
