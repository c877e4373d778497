#include <catch2/catch.hpp>
#include <sstream>

#include "content.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

TEST_CASE("front matter is split off and its fields read", "[content]") {
  Page p;
  Diagnostics d;
  REQUIRE(parse_page("---\ntitle: 总报告\nslug: overview\nsummary: 一句话\n---\n\n正文\n", "c/1.md", &p, d));
  CHECK(p.title == "总报告");
  CHECK(p.slug == "overview");
  CHECK(p.summary == "一句话");
  CHECK(p.body() == "\n正文\n");
  CHECK(p.body_line == 6);
  CHECK(p.title_pos.line == 2);
  CHECK(p.title_pos.col == 8);
}

TEST_CASE("pages without front matter keep the whole text", "[content]") {
  Page p;
  Diagnostics d;
  REQUIRE(parse_page("# Title\n\ntext\n", "c/1.md", &p, d));
  CHECK(p.body() == "# Title\n\ntext\n");
  CHECK(p.body_line == 1);
  CHECK(p.title.empty());
}

TEST_CASE("front matter errors are located: unknown key, bad slug, YAML", "[content]") {
  Page p;
  Diagnostics d;
  CHECK_FALSE(parse_page("---\ntitel: x\nslug: Bad Slug\n---\nbody\n", "c/1.md", &p, d));
  std::ostringstream s;
  print_diagnostics(d, s);
  CHECK(s.str() ==
        "c/1.md:2:1: error: unknown front matter key 'titel'\n  hint: did you mean 'title'?\n"
        "c/1.md:3:7: error: slug 'Bad Slug' must be lower-case ASCII letters, digits, '-' or '_'\n"
        "  hint: e.g. slug: cross-border\n");
  Diagnostics d2;
  CHECK_FALSE(parse_page("---\ntitle: [oops\n---\n", "c/2.md", &p, d2));
  REQUIRE(d2.error_count() == 1);
  CHECK(d2.sorted()[0].pos.line >= 2);
}

TEST_CASE("invalid UTF-8 and NUL bytes are refused with their position", "[content]") {
  Page p;
  Diagnostics d;
  CHECK_FALSE(parse_page("ok\nab\xff\n", "c/1.md", &p, d));
  REQUIRE(d.error_count() == 1);
  CHECK(format_diagnostic(d.sorted()[0]) == "c/1.md:2:3: error: invalid UTF-8 in Markdown page\n  hint: save the file as UTF-8");
  Diagnostics d2;
  CHECK_FALSE(parse_page(std::string("a\0b", 3), "c/1.md", &p, d2));
  CHECK(d2.sorted()[0].message == "NUL byte in Markdown page");
}

TEST_CASE("BOM and CRLF front matter", "[content]") {
  Page p;
  Diagnostics d;
  REQUIRE(parse_page("\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\nbody\r\n", "c/1.md", &p, d));
  CHECK(p.title == "T");
  CHECK(p.body() == "body\r\n");
}

TEST_CASE("load_pages numbers chapters and letters appendices, slugs unique", "[content]") {
  MemoryFileSystem fs;
  put_files(fs, {
      {"p/front/pre.md", "---\ntitle: 前言\n---\nx\n"},
      {"p/c/01-intro.md", "# Intro\n"},
      {"p/c/02.md", "---\nslug: intro\n---\n# Two\n"},
      {"p/a/a.md", "# A\n"}});
  Config c;
  c.root = "p";
  c.front = {{"front/pre.md", {"p/report.yml", 3, 5}}};
  c.chapters = {{"c/01-intro.md", {"p/report.yml", 5, 5}}, {"c/02.md", {"p/report.yml", 6, 5}},
                {"c/missing.md", {"p/report.yml", 7, 5}}, {"../x.md", {"p/report.yml", 8, 5}}};
  c.appendices = {{"a/a.md", {"p/report.yml", 10, 5}}};
  Diagnostics d;
  auto pages = load_pages(c, fs, d);
  REQUIRE(pages.size() == 4);
  const char* numbers[] = {"", "1", "2", "A"};
  for (size_t i = 0; i < 4; ++i) CHECK(pages[i].number == numbers[i]);
  CHECK(pages[0].kind == PageKind::kFront);
  CHECK(pages[1].slug == "01-intro");
  CHECK(pages[1].url == "chapters/01-intro.html");
  std::ostringstream s;
  print_diagnostics(d, s);
  CHECK(s.str() ==
        "p/report.yml:7:5: error: page 'c/missing.md' not found\n  hint: create p/c/missing.md or fix the path\n"
        "p/report.yml:8:5: error: page path '../x.md' leaves the project directory\n"
        "  hint: list pages relative to report.yml, without '..'\n");
  CHECK(appendix_letter(27) == "AA");
}

TEST_CASE("duplicate slugs are errors at the second slug", "[content]") {
  MemoryFileSystem fs;
  fs.put("p/a.md", "---\nslug: same\n---\n# A\n");
  fs.put("p/b.md", "---\nslug: same\n---\n# B\n");
  Config c;
  c.root = "p";
  c.chapters = {{"a.md", {"r", 1, 1}}, {"b.md", {"r", 2, 1}}};
  Diagnostics d;
  load_pages(c, fs, d);
  REQUIRE(d.error_count() == 1);
  CHECK(format_diagnostic(d.sorted()[0]) ==
        "p/b.md:2:7: error: duplicate slug 'same' (also used by p/a.md)\n"
        "  hint: give one of the pages another 'slug:' in its front matter");
}
