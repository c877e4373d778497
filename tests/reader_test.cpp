// What readers get beyond the text (issue 18 items 12, 14, 15): the search box's placeholder,
// copy-link anchors, chart mark titles, citation data, chart downloads, a 404 page that works
// in a subfolder. Built end to end from small projects.
#include <catch2/catch.hpp>

#include <sstream>

#include "commands.h"
#include "chart_export.h"
#include "config.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {

// Builds the project in dir/proj into dir/site; returns the exit code and the errors.
int build_project(const TempDir& dir, std::string* errors = nullptr) {
  BuildOptions o;
  o.project_dir = (dir.path / "proj").string();
  o.out_dir = (dir.path / "site").string();
  o.default_templates = templates_dir();
  o.quiet = true;
  std::ostringstream out, err;
  int rc = run_build(o, out, err);
  if (errors) *errors = err.str();
  return rc;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("the search placeholder names a topic only when report.yml gives search_example", "[reader]") {
  TempDir s("placeholder");
  write_file(s / "proj/c.md", "# C\n\ntext\n");
  write_file(s / "proj/report.yml", "title: T\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  std::string plain = read_file(s / "site/search.html");
  CHECK(has(plain, "placeholder=\"搜索全文\""));
  CHECK_FALSE(has(plain, "如："));
  CHECK(has(read_file(s / "site/chapters/c.html"), "placeholder=\"搜索全文\""));

  write_file(s / "proj/report.yml", "title: T\nsearch_example: 农村电商\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  CHECK(has(read_file(s / "site/search.html"), "placeholder=\"搜索全文，如：农村电商\""));
  CHECK(has(read_file(s / "site/index.html"), "placeholder=\"搜索全文，如：农村电商\""));

  write_file(s / "proj/report.yml", "title: T\nlanguage: en\nsearch_example: \"<trade>\"\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  CHECK(has(read_file(s / "site/search.html"), "placeholder=\"Search the report, e.g. &lt;trade&gt;\""));
}

TEST_CASE("headings, figures and tables end in a # link to themselves; print.html has none", "[reader]") {
  TempDir s("anchors");
  write_file(s / "proj/report.yml", "title: T\nlanguage: en\ndata: data\nchapters: [c.md]\n");
  write_file(s / "proj/data/t.csv", "k,v\na,1\nb,2\n");
  write_file(s / "proj/c.md",
             "# C\n\n## Results {#res}\n\n```chart\nid: bars\ntype: bar\ntitle: Bars\ndata: t\nx: k\ny: [v]\n```\n\n"
             "```table\nid: tab\ncaption: Tab\ndata: t\n```\n");
  std::string errors;
  REQUIRE(build_project(s, &errors) == 0);
  std::string page = read_file(s / "site/chapters/c.html");
  const std::string link = "\" aria-label=\"Link to here\"></a>";
  CHECK(has(page, "<h2 id=\"res\"><span class=\"secno\">1.1</span> Results<a class=\"anchor\" href=\"#res" + link + "</h2>"));
  CHECK(has(page, "<a class=\"anchor\" href=\"#fig-bars" + link + "</figcaption>"));
  CHECK(has(page, "<a class=\"anchor\" href=\"#tbl-tab" + link + "</figcaption>"));
  // print.html prefixes a page's heading ids; # links are for screens only (html.h kScreenOnly).
  std::string print = read_file(s / "site/print.html");
  CHECK(has(print, "<h2 id=\"c--res\"><span class=\"secno\">1.1</span> Results</h2>"));
  CHECK(has(print, "<figure id=\"fig-bars\""));
  CHECK_FALSE(has(print, "class=\"anchor\""));
  CHECK_FALSE(has(print, "href=\"#res\""));
}

TEST_CASE("published and updated must be real ISO dates, with the error at their report.yml line", "[reader]") {
  CHECK(valid_iso_date("2023-06-30"));
  CHECK(valid_iso_date("2024-02-29"));
  CHECK_FALSE(valid_iso_date("2023-02-29"));
  CHECK_FALSE(valid_iso_date("1900-02-29"));
  CHECK(valid_iso_date("2000-02-29"));
  CHECK_FALSE(valid_iso_date("2023-6-30"));
  CHECK_FALSE(valid_iso_date("2023-13-01"));
  CHECK_FALSE(valid_iso_date("2023/06/30"));
  CHECK_FALSE(valid_iso_date("2023-06-00"));

  TempDir s("bad-date");
  write_file(s / "proj/c.md", "# C\n\ntext\n");
  write_file(s / "proj/report.yml", "title: T\npublished: 2023-6-30\nupdated: 30.06.2023\nchapters: [c.md]\n");
  std::string errors;
  CHECK(build_project(s, &errors) == 1);
  CHECK(has(errors, "report.yml:2:12: error: 'published' must be a date written YYYY-MM-DD, not '2023-6-30'"));
  CHECK(has(errors, "report.yml:3:10: error: 'updated' must be a date written YYYY-MM-DD, not '30.06.2023'"));
  CHECK(has(errors, "hint: e.g. published: 2023-06-30"));
  write_file(s / "proj/report.yml", "title: T\npublishd: 2023-06-30\nchapters: [c.md]\n");
  CHECK(build_project(s, &errors) == 1);
  CHECK(has(errors, "did you mean 'published'?"));
}

TEST_CASE("dates and citations: meta tags on every page, a cite block on the cover and chapter pages", "[reader]") {
  TempDir s("cite");
  write_file(s / "proj/c.md", "# 总体情况\n\ntext\n");
  write_file(s / "proj/report.yml",
             "title: 报告2022\nauthor: 编写组\npublisher: 出版社\npublished: 2023-06-30\nupdated: 2023-07-02\n"
             "chapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  std::string cover = read_file(s / "site/index.html"), page = read_file(s / "site/chapters/c.html");
  std::string search = read_file(s / "site/search.html");
  for (const std::string* html : {&cover, &page, &search}) {
    const std::string& h = *html;
    CHECK(has(h, "<meta name=\"citation_author\" content=\"编写组\">"));
    CHECK(has(h, "<meta name=\"citation_publication_date\" content=\"2023/06/30\">"));
    CHECK(has(h, "<meta name=\"citation_publisher\" content=\"出版社\">"));
    CHECK(has(h, "<meta name=\"DC.date\" content=\"2023-06-30\">"));
    CHECK(has(h, "<meta name=\"dcterms.modified\" content=\"2023-07-02\">"));
    CHECK(has(h, "<time datetime=\"2023-06-30\">2023年6月30日</time>"));
    CHECK(has(h, "更新日期：<time datetime=\"2023-07-02\">2023年7月2日</time>"));
  }
  CHECK(has(cover, "<meta name=\"citation_title\" content=\"报告2022\">"));
  CHECK(has(cover, "<meta name=\"DC.title\" content=\"报告2022\">"));
  CHECK(has(cover, "<h2 id=\"cite-title\">引用本报告</h2>\n<p class=\"citation\">编写组. 报告2022[R]. 出版社, 2023.</p>"));
  CHECK(has(page, "<meta name=\"citation_title\" content=\"第1章 总体情况\">"));
  CHECK(has(page, "<meta name=\"citation_inbook_title\" content=\"报告2022\">"));
  CHECK(has(page, "<summary>引用本篇</summary>\n<p class=\"citation\">编写组. 第1章 总体情况[R]//报告2022. 出版社, 2023.</p>"));
  CHECK_FALSE(has(page, "citation_public_url"));

  // English, online (base_url), the author as publisher: APA-like, the address at the end.
  write_file(s / "proj/report.yml",
             "title: Report 2022\nlanguage: en\nauthor: The Office\npublisher: The Office\npublished: 2023-06-30\n"
             "base_url: https://example.org/r/\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  cover = read_file(s / "site/index.html");
  page = read_file(s / "site/chapters/c.html");
  CHECK(has(cover, "Published <time datetime=\"2023-06-30\">30 June 2023</time>"));
  CHECK(has(cover, "<p class=\"citation\">The Office. (2023). Report 2022. https://example.org/r/</p>"));
  CHECK(has(page, "<p class=\"citation\">The Office. (2023). Chapter 1 总体情况. In Report 2022. https://example.org/r/chapters/c.html</p>"));
  CHECK(has(page, "<meta name=\"citation_public_url\" content=\"https://example.org/r/chapters/c.html\">"));

  // No dates: none shown, no date tags, the citation without a year; the rest stays.
  write_file(s / "proj/report.yml", "title: 报告2022\nauthor: 编写组\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  cover = read_file(s / "site/index.html");
  CHECK_FALSE(has(cover, "<time"));
  CHECK_FALSE(has(cover, "发布日期"));
  CHECK_FALSE(has(cover, "citation_publication_date"));
  CHECK_FALSE(has(cover, "DC.date"));
  CHECK(has(cover, "<p class=\"citation\">编写组. 报告2022[R].</p>"));
}

TEST_CASE("404.html finds the site's top wherever a server shows it", "[reader]") {
  TempDir s("notfound");
  write_file(s / "proj/c.md", "# C\n\ntext\n");
  write_file(s / "proj/report.yml", "title: T\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  std::string page = read_file(s / "site/404.html");
  // Without base_url: relative links, and a script before the style sheet that sets <base>.
  size_t script = page.find("document.createElement(\"base\")"), css = page.find("href=\"assets/style.css\"");
  CHECK(script != std::string::npos);
  CHECK(script < css);
  CHECK(has(page, "<a href=\"index.html\">"));
  CHECK_FALSE(has(read_file(s / "site/index.html"), "createElement(\"base\")"));  // 404.html only

  write_file(s / "proj/report.yml", "title: T\nbase_url: https://example.org/r\nchapters: [c.md]\n");
  REQUIRE(build_project(s) == 0);
  page = read_file(s / "site/404.html");
  CHECK_FALSE(has(page, "createElement(\"base\")"));
  CHECK(has(page, "href=\"https://example.org/r/assets/style.css\""));
  CHECK(has(page, "<a href=\"https://example.org/r/index.html\">"));
}

TEST_CASE("standalone chart CSS: the theme's chart rules with the light colours written out", "[reader]") {
  const std::string theme =
      ":root {\n  --bg: #fff;\n  --series-1: #111;\n  --series-2: #222; /* a comment */\n  --ink: var(--bg);\n}\n"
      "@media (prefers-color-scheme: dark) { :root { --bg: #000; } .chart-svg text { fill: red; } }\n"
      "body { color: blue; }\n"
      ".chart-svg text { fill: var(--missing, #333); font-family: \"Noto Sans\",\n    sans-serif; }\n"
      ".chart-svg .series-1 { --series: var(--series-1); }\n.chart-svg .series-2 { --series: var(--series-2); }\n"
      ".chart-svg .bar, .chart-svg rect.legend-swatch { fill: var(--series); stroke: var(--ink); }\n";
  std::string css = standalone_chart_css(theme);
  CHECK(has(css, ".chart-svg text { fill: #333; font-family: 'Noto Sans', sans-serif; }\n"));
  CHECK(has(css, ".chart-svg .bar.series-1, .chart-svg rect.legend-swatch.series-1 { fill: #111; stroke: #fff; }\n"));
  CHECK(has(css, ".chart-svg .bar.series-2, .chart-svg rect.legend-swatch.series-2 { fill: #222; stroke: #fff; }\n"));
  CHECK(has(css, ".chart-export-bg { fill: #fff; }"));
  CHECK_FALSE(has(css, "var("));
  CHECK_FALSE(has(css, "red"));   // dark mode stays out
  CHECK_FALSE(has(css, "blue"));  // so do rules of the page
  CHECK_FALSE(has(css, "--series"));
}

TEST_CASE("every chart can be downloaded as a standalone SVG file beside its data", "[reader]") {
  TempDir s("chart-svg");
  write_file(s / "proj/report.yml", "title: T\nlanguage: en\ndata: data\nchapters: [c.md]\n");
  write_file(s / "proj/data/t.csv", "k,v\na,1\nb,2\n");
  write_file(s / "proj/c.md",
             "# C\n\n```chart\nid: bars\ntype: bar\ntitle: Bars & <more>\ndata: t\nx: k\ny: [v]\nunit: t\n"
             "source: Office\n```\n\n```table\nid: tab\ncaption: Tab\ndata: t\n```\n");
  REQUIRE(build_project(s) == 0);
  std::string page = read_file(s / "site/chapters/c.html");
  CHECK(has(page, "<a href=\"../data/t.csv\" download>Download CSV</a> <a href=\"../figures/bars.svg\" download>Download SVG</a>"));
  CHECK(page.find("Download SVG") == page.rfind("Download SVG"));  // charts only, not tables
  std::string svg = read_file(s / "site/figures/bars.svg");
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.size() > 7);
  CHECK(svg.compare(svg.size() - 7, 7, "</svg>\n") == 0);
  CHECK(has(svg, "<title>Figure 1.1 Bars &amp; &lt;more&gt;</title>"));
  CHECK(has(svg, ">Figure 1.1 Bars &amp; &lt;more&gt;</text>"));
  CHECK(has(svg, ">Unit: t</text>"));
  CHECK(has(svg, ">Source: Office</text>"));
  CHECK(has(svg, "<style>\n.chart-svg text { fill: #"));
  CHECK(has(svg, "<g class=\"bar series-1\">\n<rect "));
  CHECK(has(svg, ".chart-svg .bar.series-1"));
  CHECK(has(svg, ".chart-export-note { fill: #"));
  // Only the rules this chart can use: a bar chart carries no pie slice or line rules.
  CHECK_FALSE(has(svg, ".slice"));
  CHECK_FALSE(has(svg, ".leader"));
  CHECK_FALSE(has(svg, ".bar.series-2"));
  CHECK_FALSE(has(svg, "var("));
  CHECK_FALSE(has(svg, "<script"));
  CHECK_FALSE(has(svg, "href"));
  CHECK_FALSE(has(svg, "url("));
  CHECK_FALSE(has(svg, "@import"));
  CHECK_FALSE(has(svg, "chart-narrow"));
  // The same bytes on every build.
  REQUIRE(build_project(s) == 0);
  CHECK(read_file(s / "site/figures/bars.svg") == svg);
}
