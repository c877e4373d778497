// End to end: build fixture projects and compare with reviewed golden output.
#include <catch2/catch.hpp>
#include <sys/file.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "test_util.h"
#include "text.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

const std::string kSource = source_dir();

// The built site without the marker (and the assets, when asked).
std::map<std::string, std::string> tree(const stdfs::path& dir, bool skip_assets) {
  auto files = read_tree(dir);
  std::erase_if(files, [&](const auto& f) {
    return f.first == ".annalist-site" || (skip_assets && f.first.rfind("assets/", 0) == 0);
  });
  return files;
}

using Scratch = TempDir;

BuildOptions options(const std::string& project, const std::string& out, int jobs = 0) {
  BuildOptions o;
  o.project_dir = project;
  o.out_dir = out;
  o.default_templates = kSource + "/templates";
  o.jobs = jobs;
  o.quiet = true;
  return o;
}

int build(const BuildOptions& o, std::string* errors = nullptr) {
  std::ostringstream out, err;
  int rc = run_build(o, out, err);
  if (errors) *errors = err.str();
  return rc;
}

// Runs the real binary; returns its exit code and stderr.
int run_binary(const std::string& args, std::string* err_out) {
  RunResult r = run_annalist(args);
  if (err_out) *err_out = r.err;
  return r.code;
}

}  // namespace

TEST_CASE("fixtures match their golden output", "[e2e]") {
  for (const char* name : {"basic", "english", "images", "nested"}) {
    DYNAMIC_SECTION("fixture " << name) {
      Scratch s(std::string("golden-") + name);
      std::string errors;
      REQUIRE(build(options(kSource + "/tests/fixtures/" + name, (s.path / "site").string()), &errors) == 0);
      CHECK(errors.empty());
      auto got = tree(s.path / "site", true);
      stdfs::path golden = kSource + "/tests/golden/" + name;
      if (std::getenv("ANNALIST_UPDATE_GOLDEN")) {
        stdfs::remove_all(golden);
        for (const auto& [rel, bytes] : got) {
          stdfs::create_directories((golden / rel).parent_path());
          std::ofstream(golden / rel, std::ios::binary) << bytes;
        }
        WARN("golden files rewritten in " << golden << ": review them with git diff");
      }
      auto want = tree(golden, true);
      std::vector<std::string> got_names, want_names;
      for (const auto& [k, _] : got) got_names.push_back(k);
      for (const auto& [k, _] : want) want_names.push_back(k);
      REQUIRE(got_names == want_names);
      for (const auto& [rel, bytes] : want) {
        INFO("file " << rel << " differs from " << golden << " (ANNALIST_UPDATE_GOLDEN=1 rewrites it)");
        CHECK(got[rel] == bytes);
      }
    }
  }
}

TEST_CASE("a figure without a chart says so on its page and in the list of figures; a chart does not", "[e2e]") {
  for (const auto& [name, mark] : {std::pair{"basic", "（无图表数据）"}, {"english", "(no chart data)"}}) {
    DYNAMIC_SECTION("fixture " << name) {
      Scratch s(std::string("no-chart-") + name);
      REQUIRE(build(options(kSource + "/tests/fixtures/" + name, (s.path / "site").string())) == 0);
      std::string list = read_file(s.path / "site/figures.html");
      std::string tag = std::string("<span class=\"no-chart\">") + mark + "</span>";
      // Each list entry is one line: the mark is on the chartless figure's line and on no other.
      size_t marks = 0;
      for (const auto& line : split(list, '\n')) {
        if (line.find("<li><a href=") == std::string::npos) continue;
        bool chartless = line.find("#fig-trade-map") != std::string::npos || line.find("#fig-outlook") != std::string::npos;
        INFO(line);
        CHECK((line.find(tag) != std::string::npos) == chartless);
        marks += line.find(tag) != std::string::npos;
      }
      CHECK(marks == 1);
    }
  }
  Scratch s("no-chart-page");
  REQUIRE(build(options(kSource + "/tests/fixtures/basic", (s.path / "site").string())) == 0);
  std::string trade = read_file(s.path / "site/chapters/trade.html");
  CHECK(trade.find("<figure id=\"fig-trade-map\" class=\"figure placeholder\">\n<figcaption><span class=\"figure-label\">图2-1</span> "
                   "<span class=\"figure-title\">跨境电商主要市场分布</span> <span class=\"no-chart\">（无图表数据）</span><a class=\"anchor\" href=\"#fig-trade-map\" aria-label=\"链接到此处\"></a></figcaption>") !=
        std::string::npos);
  std::string overview = read_file(s.path / "site/chapters/overview.html");
  CHECK(overview.find("id=\"fig-retail\"") != std::string::npos);
  CHECK(overview.find("no-chart") == std::string::npos);
}

TEST_CASE("builds are deterministic: twice, and with -j1 and -j4", "[e2e]") {
  Scratch s("determinism");
  std::string fixture = kSource + "/tests/fixtures/basic";
  REQUIRE(build(options(fixture, (s.path / "a").string(), 1)) == 0);
  REQUIRE(build(options(fixture, (s.path / "b").string(), 4)) == 0);
  REQUIRE(build(options(fixture, (s.path / "c").string(), 2)) == 0);
  auto a = tree(s.path / "a", false), b = tree(s.path / "b", false), c = tree(s.path / "c", false);
  CHECK(a.size() > 10);
  for (const auto* other : {&b, &c}) {
    CHECK(a.size() == other->size());
    for (const auto& [rel, bytes] : a) {
      INFO("file " << rel);
      CHECK(other->count(rel) == 1);
      if (other->count(rel)) CHECK(other->at(rel) == bytes);
    }
  }
}

TEST_CASE("a broken chapter leaves the previous site in place", "[e2e]") {
  Scratch s("atomic");
  stdfs::copy(kSource + "/tests/fixtures/basic", s.path / "proj", stdfs::copy_options::recursive);
  std::string out = (s.path / "site").string();
  REQUIRE(build(options((s.path / "proj").string(), out)) == 0);
  auto before = tree(s.path / "site", false);
  std::ofstream(s.path / "proj/chapters/02-trade.md", std::ios::app) << "\n见@fig:nowhere。{{ data.econ.nope }}\n";
  std::string errors;
  CHECK(build(options((s.path / "proj").string(), out), &errors) == 1);
  CHECK(errors.find("chapters/02-trade.md:18:4: error: unknown reference '@fig:nowhere'") != std::string::npos);
  CHECK(errors.find("chapters/02-trade.md:18:19: error: unknown data path 'data.econ.nope'\n  hint: data sets there: econ.regions, econ.retail") != std::string::npos);
  CHECK(tree(s.path / "site", false) == before);
  // Nothing is left beside the site.
  int entries = 0;
  for (auto& e : stdfs::directory_iterator(s.path)) entries += e.path().filename() != "proj";
  CHECK(entries == 1);
}

TEST_CASE("a second build with no change writes nothing", "[e2e]") {
  Scratch s("nochange");
  std::string out = (s.path / "site").string();
  auto o = options(kSource + "/tests/fixtures/basic", out);
  REQUIRE(build(o) == 0);
  auto t1 = stdfs::last_write_time(s.path / "site/index.html");
  o.quiet = false;
  std::ostringstream so, se;
  REQUIRE(run_build(o, so, se) == 0);
  CHECK(so.str().rfind("up to date", 0) == 0);
  CHECK(stdfs::last_write_time(s.path / "site/index.html") == t1);
}

TEST_CASE("a changed image makes the site out of date and its new copy is written", "[e2e]") {
  Scratch s("image-change");
  stdfs::copy(kSource + "/tests/fixtures/images", s.path / "proj", stdfs::copy_options::recursive);
  std::string out = (s.path / "site").string();
  auto o = options((s.path / "proj").string(), out);
  o.quiet = false;
  std::ostringstream so, se;
  REQUIRE(run_build(o, so, se) == 0);
  CHECK(read_file(s.path / "site/images/chapters/img/dot.gif") == read_file(s.path / "proj/chapters/img/dot.gif"));
  std::ostringstream so2, se2;
  REQUIRE(run_build(o, so2, se2) == 0);
  CHECK(so2.str().rfind("up to date", 0) == 0);
  // Same page text, another image: built again, with the new size.
  std::string gif = read_file(s.path / "proj/chapters/img/dot.gif");
  gif[6] = 5;
  write_file(s.path / "proj/chapters/img/dot.gif", gif);
  std::ostringstream so3, se3;
  REQUIRE(run_build(o, so3, se3) == 0);
  CHECK(so3.str().rfind("built ", 0) == 0);
  CHECK(read_file(s.path / "site/images/chapters/img/dot.gif") == gif);
  CHECK(read_file(s.path / "site/chapters/01-photos.html").find("width=\"5\" height=\"1\"") != std::string::npos);
}

TEST_CASE("a damaged site is rebuilt though no input changed; --force rebuilds anyway", "[e2e]") {
  Scratch s("damaged");
  std::string out = (s.path / "site").string();
  auto o = options(kSource + "/tests/fixtures/basic", out);
  REQUIRE(build(o) == 0);
  const std::string index = read_file(s.path / "site/index.html");
  o.quiet = false;
  auto run = [&] {
    std::ostringstream so, se;
    REQUIRE(run_build(o, so, se) == 0);
    return so.str();
  };
  stdfs::remove(s.path / "site/index.html");
  CHECK(run().rfind("built ", 0) == 0);
  CHECK(read_file(s.path / "site/index.html") == index);
  CHECK(run().rfind("up to date", 0) == 0);
  // A file cut short.
  auto page = s.path / "site/chapters" / stdfs::directory_iterator(s.path / "site/chapters")->path().filename();
  const std::string bytes = read_file(page);
  write_file(page, bytes.substr(0, bytes.size() / 2));
  CHECK(run().rfind("built ", 0) == 0);
  CHECK(read_file(page) == bytes);
  // --force, on an intact site.
  o.force = true;
  CHECK(run().rfind("built ", 0) == 0);
  // The binary takes --force.
  CHECK(run_binary("build " + kSource + "/tests/fixtures/basic -q --force -o " + out, nullptr) == 0);
}

TEST_CASE("environment errors exit 2: an output that cannot be created, a full disk", "[e2e]") {
  Scratch s("env-errors");
  const std::string project = kSource + "/tests/fixtures/basic";
  // A path through a regular file (what a read-only directory is to root, who may write anywhere).
  write_file(s.path / "afile", "x");
  std::string err;
  CHECK(run_binary("build " + project + " -o " + (s.path / "afile/site").string(), &err) == 2);
  CHECK(err.find("cannot create the lock file") != std::string::npos);
  // Writes failing half way, as on a full disk: a file size limit, its signal ignored.
  std::string cmd = "bash -c \"trap '' XFSZ; ulimit -f 8; " + binary_path() + " build " + project + " -o " +
                    (s.path / "site").string() + "\" 2>" + (s.path / "err").string();
  int status = std::system(cmd.c_str());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(read_file(s.path / "err").find("error: cannot write") != std::string::npos);
  CHECK_FALSE(stdfs::exists(s.path / "site"));
}

TEST_CASE("the CLI: exit codes, usage errors, refusing foreign directories", "[e2e]") {
  Scratch s("cli");
  std::string err;
  CHECK(run_binary("--version", &err) == 0);
  CHECK(run_binary("build --no-such-flag", &err) == 2);
  CHECK(run_binary("frobnicate", &err) == 2);
  CHECK(run_binary(s.path.string() + "/nowhere -o " + s.path.string() + "/out", &err) == 2);
  CHECK(run_binary("build " + s.path.string() + "/nowhere -o " + s.path.string() + "/out", &err) == 1);
  CHECK(err.find("no report.yml") != std::string::npos);
  stdfs::create_directories(s.path / "mine");
  std::ofstream(s.path / "mine/thesis.txt") << "mine";
  CHECK(run_binary("build " + kSource + "/tests/fixtures/basic -o " + (s.path / "mine").string(), &err) == 2);
  CHECK(err.find("was not written by annalist") != std::string::npos);
  CHECK(read_file(s.path / "mine/thesis.txt") == "mine");
  CHECK(run_binary("check " + kSource + "/tests/fixtures/basic", &err) == 0);
}

TEST_CASE("a file system error in any command is reported with exit 2, never an abort", "[e2e]") {
  // $TMPDIR naming no directory: std::filesystem::temp_directory_path throws in `pdf`.
  Scratch s("fs-error");
  std::string cmd = "TMPDIR=" + (s.path / "nowhere").string() + " " + binary_path() + " pdf " + kSource +
                    "/tests/fixtures/basic -o " + (s.path / "r.pdf").string() + " 2>" + (s.path / "err").string();
  int status = std::system(cmd.c_str());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  std::string err = read_file(s.path / "err");
  CHECK(err.find("annalist pdf: filesystem error: temp_directory_path") != std::string::npos);
  CHECK(err.find("hint: check the paths given") != std::string::npos);
  // `pdf -o DIR` names the problem instead of claiming to have written DIR.
  stdfs::create_directories(s.path / "dir");
  RunResult r = run_annalist("pdf " + kSource + "/tests/fixtures/basic -q -o " + (s.path / "dir").string());
  CHECK(r.code == 2);
  CHECK(r.err.find("is a directory") != std::string::npos);
}

TEST_CASE("`annalist new` makes a project that builds and checks cleanly, in both languages", "[e2e]") {
  Scratch s("new");
  for (const char* lang : {"en", "zh-CN"}) {
    std::string dir = (s.path / lang).string();
    std::string err;
    REQUIRE(run_binary(std::string("new ") + dir + " --lang " + lang, &err) == 0);
    CHECK(run_binary("build " + dir + " -q", &err) == 0);
    CHECK(err.empty());
    CHECK(stdfs::exists(s.path / lang / "_site/index.html"));
    CHECK(run_binary("new " + dir, &err) == 1);  // never over an existing project
  }
}

TEST_CASE("`annalist diff` finds a changed number between two builds", "[e2e]") {
  Scratch s("diff");
  stdfs::copy(kSource + "/tests/fixtures/basic", s.path / "proj", stdfs::copy_options::recursive);
  REQUIRE(build(options((s.path / "proj").string(), (s.path / "old").string())) == 0);
  {
    std::string csv = read_file(s.path / "proj/data/econ/retail.csv");
    csv.replace(csv.find("2024,15.52,7.2"), 14, "2024,15.61,7.2");
    std::ofstream(s.path / "proj/data/econ/retail.csv") << csv;
  }
  REQUIRE(build(options((s.path / "proj").string(), (s.path / "new").string())) == 0);
  RunResult r = run_annalist("diff " + (s.path / "old").string() + " " + (s.path / "new").string());
  CHECK(r.code == 1);
  const std::string& text = r.out;
  CHECK(text.find("15.52") != std::string::npos);
  CHECK(text.find("15.61") != std::string::npos);
  CHECK(run_binary("diff " + (s.path / "old").string() + " " + (s.path / "old").string(), nullptr) == 0);
}

TEST_CASE("`annalist check` reports every error, also as JSON, and writes nothing", "[e2e]") {
  Scratch s("check");
  std::string project = kSource + "/tests/bad/unknown-data-path";
  RunResult r = run_annalist("check " + project + " --format json");
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 3);
  CHECK(j[2]["severity"] == "warning");
  CHECK(j[0]["file"] == project + "/c1.md");
  CHECK(j[0]["line"] == 7);
  CHECK(j[0]["col"] == 4);
  CHECK(j[0]["severity"] == "error");
  CHECK(j[1]["message"] == "unknown data path 'data.slaes[year=2022].amount'");
  CHECK(j[1]["hint"] == "did you mean 'sales'?");
  CHECK_FALSE(stdfs::exists(project + "/_site"));
  std::string err;
  CHECK(run_binary("check " + kSource + "/tests/fixtures/english", &err) == 0);
}

TEST_CASE("a build into an output another build is writing fails and touches nothing of it", "[e2e]") {
  Scratch s("lock");
  std::string fixture = kSource + "/tests/fixtures/basic";
  std::string out = (s.path / "site").string();
  REQUIRE(build(options(kSource + "/tests/fixtures/english", out)) == 0);  // another project's site
  auto before = tree(s.path / "site", false);
  // This process plays the other build: it holds the lock and has its staging directory open.
  int fd = ::open((s.path / ".site.annalist-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  stdfs::path staging = s.path / ".site.annalist-tmp-4242";
  stdfs::create_directories(staging);
  std::ofstream(staging / ".annalist-site") << "annalist-staging\n";
  std::ofstream(staging / "index.html") << "half written";
  std::string err;
  CHECK(run_binary("build " + fixture + " -o " + out, &err) == 2);
  CHECK(err.find("another build is writing " + out) != std::string::npos);
  CHECK(read_file(staging / "index.html") == "half written");
  CHECK(tree(s.path / "site", false) == before);
  // Once the other build is done, building works again and the lock file goes with it.
  ::close(fd);
  stdfs::remove_all(staging);
  CHECK(run_binary("build " + fixture + " -o " + out, &err) == 0);
  CHECK_FALSE(stdfs::exists(s.path / ".site.annalist-lock"));
}

TEST_CASE("data files named with '#', '%', '?', spaces or CJK get download links that resolve", "[e2e]") {
  Scratch s("download-names");
  stdfs::path p = s.path / "proj";
  write_file(p / "report.yml", "title: T\nlanguage: en\ndata: data\nchapters: [c.md]\n");
  std::string chapter = "# C\n\n";
  int n = 0;
  for (const char* name : {"a#b", "a b", "数据", "x%41", "q?r", "sub/c&d"}) {
    write_file(p / "data" / (std::string(name) + ".csv"), "k,v\na,1\nb,2\n");
    std::string id = "t" + std::to_string(++n);
    chapter += "```table\nid: " + id + "\ndata: " + name + "\ncaption: C\n```\n\nSee @tbl:" + id + ".\n\n";
  }
  write_file(p / "c.md", chapter);
  std::string errors;
  int rc = build(options(p.string(), (s.path / "site").string()), &errors);
  INFO(errors);
  REQUIRE(rc == 0);
  // Every link is percent-encoded; the name shown stays as written.
  std::string data_page = read_file(s.path / "site/data.html");
  CHECK(data_page.find("href=\"data/a%23b.csv\"") != std::string::npos);
  CHECK(data_page.find("href=\"data/%E6%95%B0%E6%8D%AE.csv\"") != std::string::npos);
  CHECK(data_page.find(">数据<") != std::string::npos);
  std::string page = read_file(s.path / "site/chapters/c.html");
  CHECK(page.find("href=\"../data/a%20b.csv\"") != std::string::npos);
  CHECK(page.find("href=\"../data/x%2541.csv\"") != std::string::npos);
  CHECK(page.find("href=\"../data/q%3Fr.csv\"") != std::string::npos);
  CHECK(page.find("href=\"../data/sub/c%26d.csv\"") != std::string::npos);
  RunResult r = run_annalist("check " + p.string());
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("broken link") == std::string::npos);
}

TEST_CASE("`check --changed-ids` notes each heading whose id changed, at the heading; links use the new ids",
          "[e2e]") {
  Scratch s("changed-ids");
  stdfs::path p = s.path / "proj";
  write_file(p / "report.yml", "title: T\nchapters: [c.md, d.md]\n");
  write_file(p / "c.md",
             "# C\n\n## 故障排除（Troubleshooting）\n\n## Summary\n\n## Summary\n\n## 小结 {#recap}\n\n"
             "见[排错](#故障排除troubleshooting)、[小结](#summary-1)和[细节](d.md#细节)。\n");
  write_file(p / "d.md", "# D\n\n### 第一节\n\n#### 细节\n\n### 第二节\n");
  RunResult r = run_annalist("check " + p.string() + " --changed-ids --format json");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["file"] == (p / "c.md").string());
  CHECK(j[0]["line"] == 3);
  CHECK(j[0]["col"] == 1);
  CHECK(j[0]["severity"] == "note");
  CHECK(j[0]["message"] == "heading id changed from '#故障排除-troubleshooting' to '#故障排除troubleshooting'");
  CHECK(j[0]["hint"] == "update links to #故障排除-troubleshooting, or keep the old id: {#故障排除-troubleshooting} after the heading");
  CHECK(j[1]["line"] == 7);
  CHECK(j[1]["message"] == "heading id changed from '#summary-2' to '#summary-1'");
  CHECK(j[1]["hint"] == "update links to #summary-2, or keep the old id: {#summary-2} after the heading");
  // Without the flag check says nothing about ids.
  RunResult plain = run_annalist("check " + p.string());
  CHECK(plain.code == 0);
  CHECK(plain.out.find("note:") == std::string::npos);
  CHECK(plain.out.find("0 error(s), 0 warning(s)") != std::string::npos);
  // A page that starts at ### is numbered and its table of contents nested from ###.
  REQUIRE(build(options(p.string(), (s.path / "site").string())) == 0);
  std::string d = read_file(s.path / "site/chapters/d.html");
  CHECK(d.find("<li><a href=\"#第一节\"><span class=\"secno\">2.1</span> 第一节</a>\n<ol>\n"
               "<li><a href=\"#细节\"><span class=\"secno\">2.1.1</span> 细节</a></li>\n</ol>\n</li>") != std::string::npos);
  CHECK(d.find("2.0.") == std::string::npos);
}

TEST_CASE("a catalog's origin is for editors: check --origins notes it, data.html never shows it", "[e2e]") {
  Scratch s("origins");
  stdfs::path p = s.path / "proj";
  write_file(p / "report.yml", "title: T\ndata: data\nchapters: [c.md]\n");
  write_file(p / "data/a.csv", "k,v\na,1\n");
  write_file(p / "data/b.csv", "\xEF\xBB\xBFk,v\nb,2\n");
  write_file(p / "data/_catalog.yml", "a:\n  title: 甲\n  source: 某统计公报\n  origin: seed 004 lines 5-1470\nb:\n  title: 乙\n");
  write_file(p / "c.md", "# C\n\n```table\nid: a\ndata: a\ncaption: A\n```\n\n```table\nid: b\ndata: b\ncaption: B\n```\n\n"
                         "见@tbl:a和@tbl:b。\n");
  REQUIRE(build(options(p.string(), (s.path / "site").string())) == 0);
  std::string data_page = read_file(s.path / "site/data.html");
  CHECK(data_page.find("某统计公报") != std::string::npos);
  CHECK(data_page.find("seed 004") == std::string::npos);
  // CSV downloads start with one UTF-8 byte order mark, also when the file had it already.
  CHECK(read_file(s.path / "site/data/a.csv") == "\xEF\xBB\xBFk,v\na,1\n");
  CHECK(read_file(s.path / "site/data/b.csv") == "\xEF\xBB\xBFk,v\nb,2\n");
  RunResult r = run_annalist("check " + p.string() + " --origins --format json");
  INFO(r.out << r.err);
  CHECK(r.code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["file"] == (p / "data/_catalog.yml").string());
  CHECK(j[0]["line"] == 4);
  CHECK(j[0]["col"] == 11);
  CHECK(j[0]["severity"] == "note");
  CHECK(j[0]["message"] == "data set 'a' comes from: seed 004 lines 5-1470");
  CHECK(run_annalist("check " + p.string()).out.find("seed 004") == std::string::npos);
}

TEST_CASE("an appendix's contents box is titled 本附录内容, a chapter's 本章内容", "[e2e]") {
  Scratch s("appendix-toc");
  stdfs::path p = s.path / "proj";
  write_file(p / "report.yml", "title: T\nchapters: [c.md]\nappendices: [a.md]\n");
  write_file(p / "c.md", "# C\n\n## 一\n\n## 二\n");
  write_file(p / "a.md", "# A\n\n## 一\n\n## 二\n");
  REQUIRE(build(options(p.string(), (s.path / "site").string())) == 0);
  std::string c = read_file(s.path / "site/chapters/c.html");
  std::string a = read_file(s.path / "site/chapters/a.html");
  CHECK(c.find("<h2 id=\"page-toc-title\">本章内容</h2>") != std::string::npos);
  CHECK(a.find("<h2 id=\"page-toc-title\">本附录内容</h2>") != std::string::npos);
  CHECK(a.find("本章内容") == std::string::npos);
}

TEST_CASE("parts and sub-pages: numbers follow the page tree, the sidebar nests and folds", "[e2e]") {
  Scratch s("nested");
  REQUIRE(build(options(kSource + "/tests/fixtures/nested", (s.path / "site").string())) == 0);
  auto page = [&](const std::string& rel) { return read_file(s.path / "site" / rel); };
  std::string brew = page("chapters/setup-mac-brew.html"), linux_page = page("chapters/setup-linux.html");
  // Sub-page numbers: 2.1, 2.2, 2.2.1; sections and tables count inside them; no 13.0.2-like levels.
  CHECK(brew.find("<p class=\"chapter-label\">2.2.1</p>") != std::string::npos);
  CHECK(brew.find("<span class=\"secno\">2.2.1.1</span>") != std::string::npos);
  CHECK(linux_page.find("<span class=\"secno\">2.1.2</span>") != std::string::npos);
  CHECK(linux_page.find("Table 2.1.1") != std::string::npos);
  CHECK(page("chapters/tuning.html").find("<p class=\"chapter-label\">Chapter 4</p>") != std::string::npos);
  // A part's own page is labelled with the part and takes no chapter number.
  CHECK(page("chapters/advanced.html").find("<p class=\"chapter-label\">Part II: Advanced</p>") != std::string::npos);
  // Cross-references: a sub-page is a section (Section 2.2.1), a chapter stays Chapter 2.
  CHECK(page("chapters/setup-mac.html").find(">Section 2.2.1</a>") != std::string::npos);
  CHECK(page("chapters/usage.html").find(">Chapter 2</a>") != std::string::npos);
  // The sidebar: the part's title before its first chapter; folds open on the way to the
  // current page (2 → 2.2 → 2.2.1) and closed elsewhere (Appendix A's sub-page).
  CHECK(brew.find("<li class=\"nav-part\">Part I: Basics</li>\n<li class=\"nav-chapter\"><a href=\"../chapters/setup.html\">") !=
        std::string::npos);
  const std::string fold = "<details class=\"nav-fold\"", open_fold = fold + " open>";
  size_t open = 0, closed = 0;
  for (size_t at = 0; (at = brew.find(fold, at)) != std::string::npos; ++at)
    (brew.compare(at, open_fold.size(), open_fold) == 0 ? open : closed)++;
  CHECK(open == 2);
  CHECK(closed == 1);
  std::string intro = page("chapters/intro.html");
  CHECK(intro.find("<details class=\"nav-fold\" open>") == std::string::npos);  // nothing open from chapter 1
  // Every <ol> and <details> the sidebar opens, it closes.
  auto count = [](const std::string& h, const std::string& w) {
    size_t n = 0;
    for (size_t at = 0; (at = h.find(w, at)) != std::string::npos; at += w.size()) ++n;
    return n;
  };
  for (const std::string* h : {&brew, &intro, &linux_page}) {
    CHECK(count(*h, "<ol") == count(*h, "</ol>"));
    CHECK(count(*h, "<details") == count(*h, "</details>"));
    CHECK(count(*h, "<li>") + count(*h, "<li ") == count(*h, "</li>"));  // not <link
  }
  // Links to .md sources of sub-pages reach the built pages.
  CHECK(page("chapters/setup.html").find("href=\"setup-mac.html#before-you-start\"") != std::string::npos);
  // The cover and print.html carry the part titles and the depths.
  CHECK(page("index.html").find("<li class=\"contents-part\">Part I: Basics</li>") != std::string::npos);
  CHECK(page("index.html").find("contents-sub contents-depth-2") != std::string::npos);
  CHECK(page("print.html").find("<h1 class=\"print-part-title\">Part I: Basics</h1>") != std::string::npos);
}
