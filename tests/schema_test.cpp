#include <catch2/catch.hpp>

#include "chart.h"
#include "config.h"
#include "schema.h"
#include "table_block.h"

using namespace annalist;

namespace {

std::string only_diagnostic(const Diagnostics& d) {
  REQUIRE(d.sorted().size() == 1);
  return format_diagnostic(d.sorted()[0]);
}

}  // namespace

TEST_CASE("schema: a known key passes; an unknown one gets did-you-mean, else the list, else no hint", "[schema]") {
  const KeySchema s = {"widget field", " in w.yml", "widget fields", {"colour", "size"}};
  Diagnostics d;
  CHECK(check_key(s, "size", {"w.yml", 1, 1}, d));
  CHECK(d.sorted().empty());
  CHECK_FALSE(check_key(s, "colur", {"w.yml", 2, 3}, d));
  CHECK(only_diagnostic(d) == "w.yml:2:3: error: unknown widget field 'colur' in w.yml\n  hint: did you mean 'colour'?");
  Diagnostics far;
  CHECK_FALSE(check_key(s, "weight", {"w.yml", 4, 1}, far));
  CHECK(only_diagnostic(far) == "w.yml:4:1: error: unknown widget field 'weight' in w.yml\n  hint: widget fields: colour, size");
  const KeySchema bare = {"key", "", nullptr, {"colour", "size"}};
  Diagnostics none;
  CHECK_FALSE(check_key(bare, "weight", {"w.yml", 5, 1}, none));
  CHECK(only_diagnostic(none) == "w.yml:5:1: error: unknown key 'weight'");
}

TEST_CASE("schema: the block parsers and report.yml report unknown keys through it, at the key", "[schema]") {
  Diagnostics d;
  ChartSpec chart;
  CHECK_FALSE(parse_chart_spec("id: a\ntype: bar\ndata: d\nx: c\ny: [v]\ntitel: T\n", {"p.md", 10, 1}, &chart, d));
  CHECK(only_diagnostic(d) == "p.md:15:1: error: unknown chart field 'titel'\n  hint: did you mean 'title'?");
  Diagnostics t;
  TableSpec table;
  CHECK_FALSE(parse_table_spec("id: a\ndata: d\ncolumns:\n  - {key: k, width: 3}\n", {"p.md", 1, 1}, &table, t));
  CHECK(only_diagnostic(t) == "p.md:4:14: error: unknown column field 'width'\n  hint: column fields: key, label, format");
  Diagnostics c;
  Config config;
  CHECK_FALSE(parse_config("title: T\nchapters: [a.md]\nlabels: {figur: x}\n", "report.yml", "", &config, c));
  CHECK(only_diagnostic(c) == "report.yml:3:10: error: unknown label 'figur'\n  hint: did you mean 'figure'?");
}
