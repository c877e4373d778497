// A build killed at any moment (SIGKILL: no cleanup runs) leaves the previous site complete and
// byte-identical, and the next successful build leaves no staging or old directory beside it.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include "test_util.h"

using namespace std::chrono_literals;
namespace stdfs = std::filesystem;

using namespace annalist::test;

namespace {

using Tree = std::map<std::string, std::string>;

// A report of `chapters` chapters (~4 KB each, a chart, a table and cross-references), so that
// a build takes long enough to be killed in every stage: loading, rendering, writing, swapping.
void write_big_project(const stdfs::path& dir, int chapters, const std::string& edition) {
  std::string report = "title: 大报告\nedition: '" + edition + "'\ndata: data\nchapters:\n";
  for (int c = 1; c <= chapters; ++c) {
    char name[32];
    std::snprintf(name, sizeof name, "c%04d", c);
    report += "  - chapters/" + std::string(name) + ".md\n";
    std::string csv = "year,value,share\n";
    for (int y = 0; y < 8; ++y)
      csv += std::to_string(2015 + y) + "," + std::to_string((c * 37 + y * 11) % 500 + 1) + "." +
             std::to_string(y) + "," + std::to_string((c + y) % 100) + "%\n";
    write_file(dir / "data" / (std::string(name) + ".csv"), csv);
    std::string md = "---\ntitle: 第" + std::to_string(c) + "章 " + edition + "\nslug: " + name + "\n---\n\n";
    for (int s = 1; s <= 4; ++s) {
      md += "## 小节" + std::to_string(s) + " {#" + name + "-s" + std::to_string(s) + "}\n\n";
      for (int p = 0; p < 3; ++p)
        md += "经济数据显示，2022年数值为{{ data." + std::string(name) +
              "[year=2022].value }}，同比增长稳步提升，结构持续优化（见@fig:f" + std::to_string(c) +
              "）。The index grew in every quarter; see @sec:" + name + "-s1 and @tbl:t" + std::to_string(c) + ".\n\n";
    }
    md += "```chart\nid: f" + std::to_string(c) + "\ntype: " + (c % 3 == 0 ? "line" : c % 3 == 1 ? "bar" : "area") +
          "\ntitle: 历年数值\ndata: " + name + "\nx: year\ny: [value]\nsource: 测试\n```\n\n";
    md += "```table\nid: t" + std::to_string(c) + "\ndata: " + name + "\ncaption: 历年数值表\n```\n";
    write_file(dir / "chapters" / (std::string(name) + ".md"), md);
  }
  write_file(dir / "report.yml", report);
}

// Starts `annalist build project -o out -q -j 2`; returns the child's pid. Its stderr goes to
// err_file when given.
pid_t start_build(const stdfs::path& project, const stdfs::path& out, const std::string& err_file = "") {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(err_file.empty() ? devnull : open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
    execl(binary_path().c_str(), "annalist", "build", project.c_str(), "-o", out.c_str(), "-q", "-j", "2",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int run_build(const stdfs::path& project, const stdfs::path& out) {
  int status = 0;
  waitpid(start_build(project, out), &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Directory entries beside the site other than the ones expected.
std::vector<std::string> leftovers(const stdfs::path& parent) {
  std::vector<std::string> out;
  for (auto& e : stdfs::directory_iterator(parent)) {
    std::string n = e.path().filename().string();
    if (n != "project" && n != "site" && n != "reference") out.push_back(n);
  }
  return out;
}

// Checks that nothing but the project and the site (and the reference) stands beside the site.
void check_no_leftovers(const stdfs::path& parent) {
  auto rest = leftovers(parent);
  for (const auto& n : rest) UNSCOPED_INFO("left beside the site: " << n);
  CHECK(rest.empty());
}

}  // namespace

TEST_CASE("a build killed at any moment leaves the previous site intact", "[kill]") {
  TempDir scratch("kill");
  const stdfs::path root = scratch.path;
  const stdfs::path project = root / "project", site = root / "site", reference = root / "reference";
  constexpr int kChapters = 300;

  // The good site, and (in a separate directory) the site the next build would write.
  write_big_project(project, kChapters, "2023");
  REQUIRE(run_build(project, site) == 0);
  const Tree old_site = read_tree(site);
  REQUIRE(old_site.size() > 2 * kChapters);
  write_big_project(project, kChapters, "2024");
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(run_build(project, reference) == 0);
  auto full = std::chrono::steady_clock::now() - t0;
  const Tree new_site = read_tree(reference);
  REQUIRE_FALSE(new_site == old_site);
  stdfs::remove_all(reference);

  // Kill the build at several moments, from start-up to (about) the final swap.
  auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(full).count();
  std::vector<long> delays = {0, 5, 20, 50, 100, full_ms / 4, full_ms / 2, full_ms * 3 / 4, full_ms * 9 / 10};
  int killed = 0;
  for (long ms : delays) {
    INFO("killed after " << ms << " ms of a " << full_ms << " ms build");
    UNSCOPED_INFO("kill after " << ms << " ms");
    pid_t pid = start_build(project, site);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    Tree now = read_tree(site);
    if (WIFSIGNALED(status)) {
      ++killed;
      // Either untouched, or (killed after the atomic swap) the complete new site; never a mix.
      bool old_one = now == old_site, new_one = now == new_site;
      CHECK((old_one || new_one));
      if (ms <= 50 && ms < full_ms / 2) CHECK(old_one);  // surely before the swap
      if (new_one) break;  // the swap happened: later kills have nothing to interrupt
    } else {
      bool finished_whole = now == new_site;  // it finished first
      CHECK(finished_whole);
      break;
    }
  }
  CHECK(killed >= 4);

  // A following build succeeds, writes the new site and removes every staging/old directory.
  REQUIRE(run_build(project, site) == 0);
  bool is_new = read_tree(site) == new_site;
  CHECK(is_new);
  check_no_leftovers(root);
  stdfs::remove_all(root);
}

TEST_CASE("directories a killed build left behind are removed by the next build, even an up-to-date one",
          "[kill]") {
  TempDir scratch("kill2");
  const stdfs::path root = scratch.path;
  const stdfs::path project = root / "project", site = root / "site";
  write_big_project(project, 3, "2023");
  REQUIRE(run_build(project, site) == 0);
  const Tree good = read_tree(site);
  // What SIGKILL leaves: a half-written staging directory (before the swap), or the previous
  // site not yet deleted (after it).
  write_file(root / ".site.annalist-tmp-999999/.annalist-site", "annalist-staging\n");  // its first file
  write_file(root / ".site.annalist-tmp-999999/index.html", "half");
  write_file(root / ".site.annalist-tmp-999998/.annalist-site", "annalist-site old\n");
  write_file(root / ".site.annalist-tmp-999998/index.html", "old");
  REQUIRE(run_build(project, site) == 0);  // nothing changed: "up to date"
  bool same = read_tree(site) == good;
  CHECK(same);
  check_no_leftovers(root);
  stdfs::remove_all(root);
}

TEST_CASE("two builds started together into one output never break each other", "[kill]") {
  TempDir scratch("race");
  const stdfs::path root = scratch.path;
  const stdfs::path project = root / "project", site = root / "site", reference = root / "reference";
  write_big_project(project, 150, "2023");
  REQUIRE(run_build(project, reference) == 0);
  const Tree want = read_tree(reference);
  stdfs::remove_all(reference);
  for (int round = 0; round < 4; ++round) {
    INFO("round " << round);
    if (round % 2 == 0) write_big_project(project, 150, round == 0 ? "2023" : "2024");
    std::string err_a = (root / "a.err").string(), err_b = (root / "b.err").string();
    pid_t a = start_build(project, site, err_a), b = start_build(project, site, err_b);
    int sa = 0, sb = 0;
    waitpid(a, &sa, 0);
    waitpid(b, &sb, 0);
    int ok = 0;
    for (auto [status, file] : {std::pair{sa, err_a}, std::pair{sb, err_b}}) {
      REQUIRE(WIFEXITED(status));
      int rc = WEXITSTATUS(status);
      std::string err = read_file(file);
      INFO("exit " << rc << ": " << err);
      // Either it wrote (or found the site up to date), or it saw the other one writing.
      CHECK((rc == 0 || (rc == 2 && err.find("another build is writing") != std::string::npos)));
      ok += rc == 0;
    }
    CHECK(ok >= 1);
    if (round < 2) CHECK(read_tree(site) == want);
    stdfs::remove(err_a);
    stdfs::remove(err_b);
    check_no_leftovers(root);
  }
  stdfs::remove_all(root);
}
