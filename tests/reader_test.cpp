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
