// Incremental rebuilds (serve): after any edit, a render that reuses the cache must give the
// same bytes as a render from scratch, and must not render pages that did not change.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "load.h"
#include "render.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;

Files render(const MemoryFileSystem& fs, RenderCache* cache) {
  BuildOptions o;
  o.project_dir = "p";
  o.default_templates = "theme";
  o.jobs = 2;
  return render_in_memory(o, fs, cache);
}

struct Project2 {
  MemoryFileSystem fs;
  RenderCache cache;
  Project2() {
    copy_tree_into(stdfs::path(source_dir()) / "tests/fixtures/basic", "p", fs);
    copy_tree_into(stdfs::path(source_dir()) / "templates", "theme", fs);
    render(fs, &cache);
  }
  std::string file(const std::string& p) { return *fs.read(p); }
  // Applies an edit, then checks incremental == full and returns how many pages were rendered.
  size_t edit_and_compare(const std::string& path, const std::string& bytes) {
    fs.put(path, bytes);
    Files incremental = render(fs, &cache);
    Files full = render(fs, nullptr);
    REQUIRE(incremental.size() == full.size());
    for (const auto& [k, v] : full) {
      INFO("output file " << k);
      CHECK(incremental[k] == v);
    }
    return cache.rendered_count;
  }
  // Replaces the first `from` in file path with `to`, then as edit_and_compare.
  size_t replace_and_compare(const std::string& path, const std::string& from, const std::string& to) {
    return edit_and_compare(path, replace_once(file(path), from, to));
  }
  // The site the cached render makes now.
  Files site() { return render(fs, &cache); }
};


}  // namespace

TEST_CASE("incremental: a text edit re-renders one page, same bytes as a full build", "[incremental]") {
  Project2 p;
  CHECK(p.replace_and_compare("p/chapters/02-trade.md", "Exports grew", "Exports grew strongly") == 1);
  CHECK(p.cache.reused == 3);
}

TEST_CASE("incremental: a data value edit re-renders the pages that use it", "[incremental]") {
  Project2 p;
  CHECK(p.replace_and_compare("p/data/econ/retail.csv", "2024,15.52,7.2", "2024,15.61,7.8") == 1);
  Files after = p.site();
  CHECK(after["chapters/overview.html"].find("15.61") != std::string::npos);
  CHECK(after["index.html"].find("15.61万亿元") != std::string::npos);
  CHECK(after["data/econ/retail.csv"].find("15.61") != std::string::npos);
}

TEST_CASE("incremental: adding a figure renumbers references on other pages", "[incremental]") {
  Project2 p;
  std::string extra = "```figure\nid: first\ntitle: 新增的图\n```\n\n";
  p.replace_and_compare("p/chapters/01-overview.md", "## 发展现状 {#status}\n", "## 发展现状 {#status}\n\n" + extra);
  Files after = p.site();
  // trade.html refers to @fig:retail, which is now 图1-2.
  CHECK(after["chapters/trade.html"].find(">图1-2</a>") != std::string::npos);
  CHECK(after["figures.html"].find("新增的图") != std::string::npos);
}

TEST_CASE("incremental: a template change re-renders every page", "[incremental]") {
  Project2 p;
  p.replace_and_compare("theme/page.mustache", "<article class=\"chapter-body\">", "<article class=\"chapter-body changed\">");
  Files after = p.site();
  for (const char* page : {"chapters/overview.html", "chapters/trade.html", "chapters/preface.html"})
    CHECK(after[page].find("chapter-body changed") != std::string::npos);
}

TEST_CASE("incremental: a title change updates navigation on every page", "[incremental]") {
  Project2 p;
  CHECK(p.replace_and_compare("p/chapters/02-trade.md", "title: 跨境贸易", "title: 跨境贸易与投资") == 1);
  Files after = p.site();
  CHECK(after["chapters/overview.html"].find("跨境贸易与投资") != std::string::npos);
}

TEST_CASE("incremental: report.yml settings and deletions", "[incremental]") {
  Project2 p;
  p.replace_and_compare("p/report.yml", "title: 示例年度报告", "title: 示例年度报告（修订）\nnumber_sections: false");
  Files after = p.site();
  CHECK(after["chapters/overview.html"].find("secno") == std::string::npos);
  // A page removed from report.yml disappears from the output.
  p.replace_and_compare("p/report.yml", "  - chapters/a-notes.md\n", "");
  CHECK(p.site().count("chapters/a-notes.html") == 0);
}

TEST_CASE("incremental: cross-reference targets are kept while no page changes its own", "[incremental]") {
  Project2 p;
  auto before = p.cache.targets;
  REQUIRE(before);
  CHECK(p.replace_and_compare("p/chapters/02-trade.md", "Exports grew", "Exports grew again") == 1);
  p.site();
  CHECK(p.cache.targets == before);  // the same object: not collected again
}

TEST_CASE("incremental: renaming a heading updates references to it on other pages", "[incremental]") {
  Project2 p;
  auto before = p.cache.targets;
  p.replace_and_compare("p/chapters/01-overview.md", "## 发展现状 {#status}", "## 发展现状与趋势 {#status}");
  Files after = p.site();
  CHECK(p.cache.targets != before);
  // trade.html refers to @sec:status: its link title follows the heading.
  CHECK(after["chapters/trade.html"].find("title=\"发展现状与趋势\"") != std::string::npos);
}

TEST_CASE("incremental: an image edit re-renders the pages that show it, with its new size", "[incremental]") {
  MemoryFileSystem fs;
  copy_tree_into(stdfs::path(source_dir()) / "tests/fixtures/images", "p", fs);
  copy_tree_into(stdfs::path(source_dir()) / "templates", "theme", fs);
  RenderCache cache;
  Files before = render(fs, &cache);
  REQUIRE(before.count("images/chapters/img/dot.gif"));
  CHECK(before["chapters/01-photos.html"].find("width=\"1\" height=\"1\"") != std::string::npos);
  // The same GIF, now 3 x 2: only the page that shows it is rendered again.
  std::string gif = *fs.read("p/chapters/img/dot.gif");
  gif[6] = 3, gif[8] = 2;
  fs.put("p/chapters/img/dot.gif", gif);
  Files after = render(fs, &cache);
  CHECK(cache.rendered_count == 1);
  CHECK(after["chapters/01-photos.html"].find("width=\"3\" height=\"2\"") != std::string::npos);
  CHECK(after["images/chapters/img/dot.gif"] == gif);
  CHECK(after == render(fs, nullptr));
}

TEST_CASE("no figures and no data: no list of figures, no data appendix, no links to them", "[incremental]") {
  MemoryFileSystem fs;
  copy_tree_into(stdfs::path(source_dir()) / "templates", "theme", fs);
  put_files(fs, {{"p/report.yml", "title: Plain\nlanguage: en\nchapters:\n  - one.md\n  - two.md\n"},
                 {"p/one.md", "# One\n\nText.\n"},
                 {"p/two.md", "# Two\n\nMore text.\n"}});
  RenderCache cache;
  Files before = render(fs, &cache);
  CHECK(before.count("figures.html") == 0);
  CHECK(before.count("data.html") == 0);
  for (const auto& [path, bytes] : before) {
    INFO(path);
    CHECK(bytes.find("figures.html") == std::string::npos);
    CHECK(bytes.find("data.html") == std::string::npos);
  }
  CHECK(before["index.html"].find("print.html") != std::string::npos);
  // A first figure on page two: the list appears, and page one (not rendered again) links it.
  fs.put("p/two.md", "# Two\n\n```figure\nid: f\ntitle: A figure\n```\n");
  Files after = render(fs, &cache);
  Files full = render(fs, nullptr);
  CHECK(after == full);
  CHECK(after.count("figures.html") == 1);
  CHECK(after.count("data.html") == 0);
  CHECK(after["chapters/one.html"].find("href=\"../figures.html\"") != std::string::npos);
  CHECK(after["index.html"].find("href=\"figures.html\"") != std::string::npos);
}

TEST_CASE("extra_css and extra_js are copied and linked from every page after the theme's", "[incremental]") {
  MemoryFileSystem fs;
  copy_tree_into(stdfs::path(source_dir()) / "templates", "theme", fs);
  put_files(fs, {{"p/report.yml", "title: T\nlanguage: en\nextra_css:\n  - css/a b.css\nchapters:\n  - one.md\n"},
                 {"p/one.md", "# One\n\nText.\n"},
                 {"p/css/a b.css", "p { color: teal; }\n"},
                 {"p/js/x.js", "void 0;\n"}});
  RenderCache cache;
  Files before = render(fs, &cache);
  CHECK(before["assets/extra/css/a b.css"] == "p { color: teal; }\n");
  const std::string& page = before["chapters/one.html"];
  size_t theme = page.find("href=\"../assets/style.css\""), extra = page.find("href=\"../assets/extra/css/a%20b.css\"");
  REQUIRE(extra != std::string::npos);
  CHECK(theme < extra);
  CHECK(before["index.html"].find("<link rel=\"stylesheet\" href=\"assets/extra/css/a%20b.css\">") != std::string::npos);
  CHECK(page.find("extra/js") == std::string::npos);
  // A script added to report.yml reaches every page, cached or not.
  fs.put("p/report.yml", "title: T\nlanguage: en\nextra_css:\n  - css/a b.css\nextra_js:\n  - js/x.js\nchapters:\n  - one.md\n");
  Files after = render(fs, &cache);
  CHECK(after == render(fs, nullptr));
  CHECK(after["chapters/one.html"].find("<script src=\"../assets/extra/js/x.js\" defer></script>") != std::string::npos);
  CHECK(after["assets/extra/js/x.js"] == "void 0;\n");
}

TEST_CASE("a huge report's sidebar lists the five pages either side of the current one, then the contents",
          "[e2e]") {
  // Every page listed in every page's sidebar would make the site grow with the square of its
  // pages (5000 chapters: 5000 links on each of 5000 pages).
  MemoryFileSystem fs;
  copy_tree_into(stdfs::path(source_dir()) / "templates", "theme", fs);
  std::string yml = "title: Huge\nlanguage: en\nchapters:\n";
  for (int i = 1; i <= 250; ++i) {
    yml += "  - c" + std::to_string(i) + ".md\n";
    fs.put("p/c" + std::to_string(i) + ".md", "# Chapter " + std::to_string(i) + "\n\nText.\n");
  }
  fs.put("p/report.yml", yml);
  Files site = render(fs, nullptr);
  const std::string& page = site.at("chapters/c100.html");
  size_t from = page.find("<ol class=\"nav-list\">"), to = page.find("</ol>\n</details>", from);
  REQUIRE(to != std::string::npos);
  std::string nav = page.substr(from, to - from);
  for (int i = 95; i <= 105; ++i) CHECK(nav.find("Chapter " + std::to_string(i) + "<") != std::string::npos);
  CHECK(nav.find("Chapter 94<") == std::string::npos);
  CHECK(nav.find("Chapter 106<") == std::string::npos);
  CHECK(nav.find("href=\"../index.html#contents\"") != std::string::npos);
  // The first page's window starts at the first page.
  std::string first = site.at("chapters/c1.html");
  CHECK(first.find(">Chapter 11<") != std::string::npos);
  CHECK(first.find(">Chapter 12<") == std::string::npos);
}
