#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "config.h"
#include "content.h"
#include "scaffold.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

const std::string kTemplates = templates_dir();

std::vector<ScaffoldFile> sample(const std::string& lang) {
  RealFileSystem fs;
  Diagnostics d;
  auto files = scaffold_files(kTemplates, lang, fs, d);
  REQUIRE_FALSE(d.has_errors());
  return files;
}

std::vector<std::string> listing(const stdfs::path& dir) {
  std::vector<std::string> out;
  for (auto& e : stdfs::recursive_directory_iterator(dir)) out.push_back(stdfs::relative(e.path(), dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("new writes every scaffold file into a new directory", "[new]") {
  TempDir t("create");
  std::string dir = (t.path / "my-report").string();
  std::ostringstream out, err;
  REQUIRE(run_new_command(dir, "", kTemplates, out, err) == 0);
  CHECK(err.str().empty());
  for (const auto& f : sample("en")) {
    INFO(f.path);
    CHECK(read_file(t.path / "my-report" / f.path) == f.content);
    CHECK(out.str().find("  " + f.path + "\n") != std::string::npos);
  }
  CHECK(listing(t.path / "my-report") ==
        std::vector<std::string>{".gitignore", "README.md", "appendices", "appendices/a-about-the-data.md",
                                 "chapters", "chapters/01-introduction.md", "chapters/02-results.md", "data",
                                 "data/_catalog.yml", "data/sales.csv", "report.yml"});
  CHECK(out.str().find("annalist build " + dir) != std::string::npos);
}

TEST_CASE("new accepts an existing empty directory", "[new]") {
  TempDir t("empty");
  stdfs::create_directories(t.path);
  std::ostringstream out, err;
  CHECK(run_new_command(t.path.string(), "zh-CN", kTemplates, out, err) == 0);
  CHECK(read_file(t.path / "report.yml").find("language: zh-CN") != std::string::npos);
}

TEST_CASE("new refuses a non-empty directory without touching it", "[new]") {
  TempDir t("busy");
  stdfs::create_directories(t.path / "chapters");
  std::ofstream(t.path / "report.yml") << "title: mine\n";
  auto before = listing(t.path);
  std::ostringstream out, err;
  CHECK(run_new_command(t.path.string(), "en", kTemplates, out, err) == 1);
  CHECK(err.str() == "annalist new: '" + t.path.string() + "' is not empty; nothing was written\n"
                     "  hint: choose a new directory name, or an empty directory\n");
  CHECK(out.str().empty());
  CHECK(listing(t.path) == before);
  CHECK(read_file(t.path / "report.yml") == "title: mine\n");

  std::ostringstream out2, err2;
  CHECK(run_new_command((t.path / "report.yml").string(), "en", kTemplates, out2, err2) == 1);
  CHECK(err2.str().find("exists and is not a directory") != std::string::npos);
  CHECK(read_file(t.path / "report.yml") == "title: mine\n");
}

TEST_CASE("new rejects an unknown language before writing anything", "[new]") {
  TempDir t("lang");
  stdfs::path dir = t / "report";
  std::ostringstream out, err;
  CHECK(run_new_command(dir.string(), "fr", kTemplates, out, err) == 2);
  CHECK(err.str() == "annalist new: unknown language 'fr'\n  hint: use --lang en or --lang zh-CN\n");
  CHECK_FALSE(stdfs::exists(dir));
  CHECK(scaffold_language_supported("en"));
  CHECK(scaffold_language_supported("zh-CN"));
  CHECK_FALSE(scaffold_language_supported("zh"));
}

TEST_CASE("scaffold report.yml and pages parse without diagnostics in both languages", "[new]") {
  for (std::string lang : {"en", "zh-CN"}) {
    INFO(lang);
    auto files = sample(lang);
    REQUIRE(files[0].path == "report.yml");
    Config c;
    Diagnostics d;
    CHECK(parse_config(files[0].content, "report.yml", ".", &c, d));
    CHECK(d.items().empty());
    CHECK(c.language == (lang == "zh-CN" ? "zh-CN" : "en"));
    CHECK(c.chapters.size() == 2);
    CHECK(c.appendices.size() == 1);
    CHECK(c.highlights.size() == 2);
    for (const auto& f : files) {
      if (f.path.rfind(".md") != f.path.size() - 3 || f.path == "README.md") continue;
      INFO(f.path);
      Page p;
      Diagnostics pd;
      CHECK(parse_page(f.content, f.path, &p, pd));
      CHECK(pd.items().empty());
      CHECK_FALSE(p.title.empty());
      CHECK_FALSE(p.slug.empty());
      CHECK_FALSE(p.summary.empty());
    }
    std::string results = files[3].content;
    for (const char* part : {"```chart", "type: combo", "y2: growth", "```table", "{#tbl:regions}", "[^regions]",
                             "| signed | pct }}", "@fig:sales-trend", "@tbl:sales-data", "@sec:method",
                             "@ch:introduction"})
      CHECK(results.find(part) != std::string::npos);
  }
}

TEST_CASE("a new project passes annalist check with no errors or warnings", "[new]") {
  for (std::string lang : {"en", "zh-CN"}) {
    INFO(lang);
    TempDir t("check-" + lang);
    std::ostringstream out, err;
    REQUIRE(run_new_command(t.path.string(), lang, kTemplates, out, err) == 0);
    BuildOptions o;
    o.project_dir = t.path.string();
    o.default_templates = templates_dir();
    o.quiet = true;
    std::ostringstream cout_, cerr_;
    CHECK(run_check(o, "text", cout_, cerr_) == 0);
    CHECK(cerr_.str().find("error") == std::string::npos);
    CHECK(cerr_.str().find("warning:") == std::string::npos);
    CHECK(cout_.str().find("warning:") == std::string::npos);
  }
}

TEST_CASE("a scaffold is written through the file system and never over an existing file", "[new]") {
  MemoryFileSystem fs;
  CHECK(fs.dir_state("p") == DirState::kMissing);
  fs.put_dir("p");
  CHECK(fs.dir_state("p") == DirState::kEmpty);
  std::vector<ScaffoldFile> files = sample("en");
  std::string failed, why;
  REQUIRE(write_scaffold(fs, "p", files, &failed, &why));
  CHECK(fs.dir_state("p") == DirState::kNotEmpty);
  CHECK(fs.dir_state("p/report.yml") == DirState::kNotDirectory);
  CHECK(fs.list_files("p").size() == files.size());
  CHECK(*fs.read("p/chapters/01-introduction.md") == files[2].content);
  // A second scaffold stops at the first file that exists, and leaves it as it was.
  fs.replace_file("p/report.yml", "mine", &why);
  CHECK_FALSE(write_scaffold(fs, "p", files, &failed, &why));
  CHECK(failed == "p/report.yml");
  CHECK(why == "File exists");
  CHECK(*fs.read("p/report.yml") == "mine");
  // A file where a directory is needed.
  MemoryFileSystem blocked;
  blocked.put("q/chapters", "a file");
  CHECK_FALSE(write_scaffold(blocked, "q", files, &failed, &why));
  CHECK(failed == "q/chapters/01-introduction.md");
  CHECK(why == "Not a directory");
}

TEST_CASE("the real disk creates a new file but never replaces one or writes through a link", "[new]") {
  TempDir t("create-file");
  RealFileSystem fs;
  std::string why;
  std::string a = (t.path / "d/e/a.txt").string();
  REQUIRE(fs.create_file(a, "one", &why));
  CHECK(fs.read(a) == "one");
  CHECK_FALSE(fs.create_file(a, "two", &why));
  CHECK(why == "File exists");
  CHECK(fs.read(a) == "one");
  stdfs::create_symlink(a, t.path / "link.txt");
  CHECK_FALSE(fs.create_file((t.path / "link.txt").string(), "three", &why));
  CHECK(fs.read(a) == "one");
  CHECK(fs.dir_state((t.path / "d").string()) == DirState::kNotEmpty);
  CHECK(fs.dir_state(a) == DirState::kNotDirectory);
  CHECK(fs.dir_state((t.path / "none").string()) == DirState::kMissing);
  REQUIRE(fs.replace_file(a, "four", &why));
  CHECK(fs.read(a) == "four");
}
