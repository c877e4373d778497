// The link check: what resolves, what does not, and that build and check apply it alike.
#include <catch2/catch.hpp>

#include <sstream>

#include "commands.h"
#include "links.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {

// The hrefs of pages (site path -> HTML) that do not resolve against files.
std::vector<std::string> broken(const std::map<std::string, std::string>& pages, std::set<std::string> files) {
  for (const auto& [path, _] : pages) files.insert(path);
  std::vector<std::string> out;
  for (const auto& b : find_broken_links(pages, files)) out.push_back(b.href + ": " + b.why);
  return out;
}

// A two-chapter project in dir with the given chapter texts.
void write_project(const TempDir& dir, const std::string& c1, const std::string& c2) {
  write_file(dir / "p/report.yml", "title: T\nlanguage: en\nchapters:\n  - c1.md\n  - c2.md\n");
  write_file(dir / "p/c1.md", "---\ntitle: One\n---\n# One\n\n" + c1);
  write_file(dir / "p/c2.md", "---\ntitle: Two\n---\n# Two\n\n" + c2);
}

BuildOptions options(const TempDir& dir) {
  BuildOptions o;
  o.project_dir = (dir / "p").string();
  o.out_dir = (dir / "site").string();
  o.default_templates = templates_dir();
  o.quiet = true;
  return o;
}

// The number of "error:" lines in a text.
int error_lines(const std::string& text) {
  int n = 0;
  for (size_t k = 0; (k = text.find(": error: ", k)) != std::string::npos; ++k) ++n;
  return n;
}

}  // namespace

TEST_CASE("links: files and anchors resolve relative to the page", "[links]") {
  std::map<std::string, std::string> pages{
      {"chapters/a.html", R"(<h1 id="top">A</h1><a href="b.html#x">b</a><a href="#top">t</a><a href="../index.html">i</a>)"},
      {"chapters/b.html", R"(<p id="x">B</p><a href="#nope">n</a><a href="gone.html">g</a><img src="../f.svg">)"},
      {"index.html", R"(<a href="https://example.org/x">e</a><a href="mailto:a@b">m</a><a href="chapters/a.html?q=1">q</a>)"}};
  CHECK(broken(pages, {"f.svg"}) == std::vector<std::string>{"#nope: no such anchor", "gone.html: no such file"});
  CHECK(broken(pages, {}) == std::vector<std::string>{"#nope: no such anchor", "gone.html: no such file",
                                                      "../f.svg: no such file"});
}

TEST_CASE("links: a link to the page itself is checked against that page's ids, whatever the folder shares",
          "[links]") {
  // Two pages of one folder write the same hrefs: "#x" (plain), "?q#x" and " #x" (resolved, and
  // their resolution shared in the folder). Each must be checked against its own page's ids.
  const std::string links = R"(<a href="#x">1</a><a href="?q#x">2</a><a href=" #x">3</a>)";
  std::map<std::string, std::string> pages{{"c/a.html", R"(<p id="x">A</p>)" + links}, {"c/b.html", "<p>B</p>" + links}};
  CHECK(broken(pages, {}) == std::vector<std::string>{"#x: no such anchor", "?q#x: no such anchor", " #x: no such anchor"});
}

TEST_CASE("links: hrefs are read exactly as a browser reads them", "[links]") {
  // Character references are decoded once: "a&amp;amp;b.html" names the file "a&amp;b.html".
  std::map<std::string, std::string> pages{
      {"a.html", R"(<p id="R&amp;D">x</p>)"
                 R"(<a href="a&amp;amp;b.html">1</a><a href="#R&#38;D">2</a><a href="100%25.html">3</a>)"
                 R"(<a href="%2e/b.html">4</a><a href="sub\b.html">5</a><a href=" b.html&#10;">6</a>)"
                 R"(<a href="sub/%2E%2e/b.html#t">7</a><a href="mailto:x@y">8</a><a href="1x:y">9</a>)"
                 R"(<a href="a%2Fb.html">10</a><a href="sub%2F..%2Fb.html">11</a><a href="sub/%2e%2e/gone.html">12</a>)"
                 R"(<a href="/b.html">13</a><a href="//cdn.example/x.js">14</a>)"},
      {"b.html", R"(<h1 id="t">B</h1>)"},
      {"章/c.html", R"(<a href="../b.html">1</a><a href="d.html">2</a><a href="%E8%8A%82.html">3</a>)"}};
  auto out = broken(pages, {"a&amp;b.html", "100%.html", "sub/b.html", "a/b.html", "1x:y", "章/d.html", "章/节.html"});
  CHECK(out == std::vector<std::string>{
                   "a%2Fb.html: no such file", "sub%2F..%2Fb.html: no such file", "sub/%2e%2e/gone.html: no such file",
                   "/b.html: root-relative: works only when the site is served from a server's root"});
}

TEST_CASE("links: build fails on a broken link as check does, at the link in the Markdown", "[links]") {
  TempDir dir("links-build");
  write_project(dir, "See [x](nowhere.html) and [y](#missing).\n", "Back to [one](c1.html#one).\n");
  std::ostringstream bo, be, co, ce;
  int built = run_build(options(dir), bo, be);
  int checked = run_check(options(dir), "text", co, ce);
  CHECK(built == 1);
  CHECK(checked == 1);
  CHECK(!stdfs::exists(dir / "site"));
  std::string p = (dir / "p/c1.md").string();
  CHECK(be.str().find(p + ":6:5: error: broken link 'nowhere.html' in chapters/c1.html: no such file") != std::string::npos);
  CHECK(be.str().find(p + ":6:27: error: broken link '#missing' in chapters/c1.html: no such anchor") != std::string::npos);
  // The count printed is the count listed, and both commands list the same errors.
  CHECK(error_lines(be.str()) == 2);
  CHECK(be.str().find("build failed: 2 error(s)") != std::string::npos);
  CHECK(error_lines(co.str()) == 2);
  CHECK(co.str().find("check failed: 2 error(s)") != std::string::npos);
}

TEST_CASE("links: a root-relative link builds with a warning at the link", "[links]") {
  TempDir dir("links-root");
  write_project(dir, "See [two](/chapters/c2.html) and [amp](c2.html#two&amp;x).\n", "Two.\n");
  std::ostringstream o, e;
  REQUIRE(run_build(options(dir), o, e) == 1);  // "#two&x" is not an id of c2
  std::string p = (dir / "p/c1.md").string();
  CHECK(e.str().find(p + ":6:5: warning: link '/chapters/c2.html' in chapters/c1.html is root-relative") !=
        std::string::npos);
  CHECK(e.str().find(p + ":6:34: error: broken link 'c2.html#two&amp;x' in chapters/c1.html: no such anchor") !=
        std::string::npos);
}

TEST_CASE("links: relative links in a chapter still work in print.html", "[links]") {
  TempDir dir("links-print");
  write_project(dir, "See [two](c2.html#two), [here](./c1.html) and [up](../index.html).\n",
                "Back to [one](c1.html#one) and [top](#two).\n");
  std::ostringstream o, e;
  REQUIRE(run_build(options(dir), o, e) == 0);
  auto site = read_tree(dir / "site");
  std::map<std::string, std::string> pages;
  std::set<std::string> files;
  for (const auto& [path, bytes] : site) {
    files.insert(path);
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0 && path != "404.html") pages[path] = bytes;
  }
  REQUIRE(pages.count("print.html"));
  CHECK(broken(pages, files).empty());
  CHECK(pages["print.html"].find(R"(href="chapters/c2.html#two")") != std::string::npos);
  CHECK(pages["print.html"].find(R"(href="index.html")") != std::string::npos);
  CHECK(pages["chapters/c1.html"].find(R"(href="c2.html#two")") != std::string::npos);
}

TEST_CASE("links: a broken link in raw HTML is named at its attribute", "[links]") {
  TempDir dir("links-raw");
  write_project(dir, "Raw <a href=\"gone.html\">g</a> and <a href=\"c2.html\">two</a>.\n", "Two.\n");
  write_file(dir / "p/report.yml", "title: T\nlanguage: en\nallow_html: true\nchapters:\n  - c1.md\n  - c2.md\n");
  std::ostringstream o, e;
  CHECK(run_build(options(dir), o, e) == 1);
  CHECK(e.str().find((dir / "p/c1.md").string() + ":6:8: error: broken link 'gone.html' in chapters/c1.html") !=
        std::string::npos);
  CHECK(error_lines(e.str()) == 1);
}
