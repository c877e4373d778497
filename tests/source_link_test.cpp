#include <catch2/catch.hpp>

#include "source_link.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {
// The linked file and anchor of url on the page content/chapters/02.md, or "-" when url is not a
// link to a source file.
std::string linked(const std::string& url) {
  SourceLink s;
  if (!parse_source_link(url, "content/chapters/02.md", &s)) return "-";
  return s.anchor.empty() ? s.path : s.path + " #" + s.anchor;
}
}  // namespace

TEST_CASE("links to .md files are resolved against the linking page's directory", "[source_link]") {
  check_each(linked, {{"01-overview.md", "content/chapters/01-overview.md"},
                      {"./01-overview.md#status", "content/chapters/01-overview.md #status"},
                      {"../front/preface.md", "content/front/preface.md"},
                      {"../../x.md", "x.md"},
                      {"../../../x.md", "../x.md"},
                      {"sub//deep/./../a.MD", "content/chapters/sub/a.MD"},
                      {"01%20overview.md#%E6%95%85%E9%9A%9C", "content/chapters/01 overview.md #故障"},
                      {"a.md?x=1#top", "content/chapters/a.md #top"}});
}

TEST_CASE("other links are not source links", "[source_link]") {
  for (const char* url : {"https://example.org/README.md", "mailto:a@b.md", "/abs/a.md", "#a.md", "a.markdown",
                          "a.html", "a.md.html", "", "C:\\a.md", "a\\b.md", "dir/", "?a.md"})
    CHECK(linked(url) == "-");
}

TEST_CASE("lexically normal paths and relative paths between them", "[source_link]") {
  CHECK(lexically_normal("a/./b//c/../d") == "a/b/d");
  CHECK(lexically_normal("../a/../../b") == "../../b");
  CHECK(lexically_normal("/a/../b") == "/b");
  CHECK(lexically_normal("./") == "");
  CHECK(relative_path("content/chapters", "content/chapters/01.md") == "01.md");
  CHECK(relative_path("content/chapters", "content/front/p.md") == "../front/p.md");
  CHECK(relative_path("", "a/b.md") == "a/b.md");
  CHECK(relative_path("a/b", "c.md") == "../../c.md");
  CHECK(relative_path("a", "ab/c.md") == "../ab/c.md");
}
