// What readers get beyond the text (issue 18 items 12, 14, 15): the search box's placeholder,
// copy-link anchors, chart mark titles, citation data, chart downloads, a 404 page that works
// in a subfolder. Built end to end from small projects.
#include <catch2/catch.hpp>

#include <sstream>

#include "commands.h"
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

TEST_CASE("headings, figures and tables end in a # link to themselves; print.html links its own ids", "[reader]") {
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
  // print.html prefixes a page's heading ids; the # link follows, figure ids are the report's own.
  std::string print = read_file(s / "site/print.html");
  CHECK(has(print, "<h2 id=\"c--res\">"));
  CHECK(has(print, "href=\"#c--res" + link));
  CHECK_FALSE(has(print, "href=\"#res\""));
  CHECK(has(print, "href=\"#fig-bars" + link));
}
