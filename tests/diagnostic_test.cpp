#include <catch2/catch.hpp>
#include <sstream>

#include "diagnostic.h"

using namespace annalist;

TEST_CASE("diagnostic prints file:line:col, severity, message and hint", "[diagnostic]") {
  Diagnostic d{Severity::kError, {"content/q3.md", 12, 5}, "unknown ref 'fig:rev'", "did you mean 'fig:revenue'?"};
  CHECK(format_diagnostic(d) == "content/q3.md:12:5: error: unknown ref 'fig:rev'\n  hint: did you mean 'fig:revenue'?");
  Diagnostic w{Severity::kWarning, {"a.md", 3, 0}, "msg", ""};
  CHECK(format_diagnostic(w) == "a.md:3: warning: msg");
  Diagnostic nofile{Severity::kError, {"", 0, 0}, "boom", ""};
  CHECK(format_diagnostic(nofile) == "annalist: error: boom");
}

TEST_CASE("diagnostics are sorted by file and position, duplicates shown once", "[diagnostic]") {
  Diagnostics ds;
  ds.error({"b.md", 1, 1}, "second file");
  ds.error({"a.md", 9, 1}, "later line");
  ds.warning({"a.md", 2, 7}, "early line");
  ds.error({"b.md", 1, 1}, "second file");
  auto v = ds.sorted();
  REQUIRE(v.size() == 3);
  CHECK(v[0].message == "early line");
  CHECK(v[1].message == "later line");
  CHECK(v[2].message == "second file");
  CHECK(ds.error_count() == 3);
  CHECK(ds.warning_count() == 1);
  std::ostringstream out;
  print_diagnostics(ds, out);
  CHECK(out.str() == "a.md:2:7: warning: early line\na.md:9:1: error: later line\nb.md:1:1: error: second file\n");
}

TEST_CASE("diagnostics as JSON for editors and CI", "[diagnostic]") {
  Diagnostics ds;
  ds.error({"x.md", 4, 2}, "bad \"thing\"", "fix it");
  auto j = diagnostics_json(ds);
  CHECK(j.find("\"file\": \"x.md\"") != std::string::npos);
  CHECK(j.find("\"line\": 4") != std::string::npos);
  CHECK(j.find("\"severity\": \"error\"") != std::string::npos);
  CHECK(j.find("bad \\\"thing\\\"") != std::string::npos);
}

TEST_CASE("did-you-mean picks the closest candidate within reach", "[diagnostic]") {
  CHECK(did_you_mean("chapter", {"chapters", "appendices", "front"}) == "did you mean 'chapters'?");
  CHECK(did_you_mean("titel", {"title", "subtitle"}) == "did you mean 'title'?");
  CHECK(did_you_mean("zzzzzz", {"title", "subtitle"}).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
}
