#include <catch2/catch.hpp>

#include "data.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

namespace {

std::string text_of(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items()) s += format_diagnostic(x) + "\n";
  return s;
}

DataSet load(const std::string& rel, std::string_view text, Diagnostics& d) {
  DataSet ds;
  load_data_file(rel, "content/data/" + rel, text, &ds, d);
  return ds;
}

// Loads a file that must fail to load; its diagnostics go to d.
void load_fails(const std::string& rel, const std::string& display, std::string_view text, Diagnostics& d) {
  DataSet ds;
  CHECK_FALSE(load_data_file(rel, display, text, &ds, d));
}

DataStore store_of(const std::vector<std::pair<std::string, std::string>>& files) {
  DataStore s;
  Diagnostics d;
  for (const auto& [rel, text] : files) {
    DataSet ds;
    REQUIRE(load_data_file(rel, "content/data/" + rel, text, &ds, d));
    REQUIRE(add_data_set(s, std::move(ds), d));
  }
  return s;
}

}  // namespace

TEST_CASE("data: CSV columns are typed by content", "[data]") {
  Diagnostics d;
  DataSet ds = load("ch01/indicators.csv",
                    "indicator,value,share,year,note\n"
                    "交易额,\"1,105.8\",27.2%,2022,\n"
                    "网上零售额,13.79,,2021,约\n"
                    "实物,,3.5%,2020,x\n",
                    d);
  REQUIRE(text_of(d) == "");
  CHECK(ds.path == "ch01/indicators");
  CHECK(ds.file == "content/data/ch01/indicators.csv");
  CHECK(ds.format == "csv");
  REQUIRE(ds.columns.size() == 5);
  CHECK(ds.columns[0].type == ColumnType::kText);
  CHECK(ds.columns[1].type == ColumnType::kNumber);
  CHECK(ds.columns[2].type == ColumnType::kPercent);
  CHECK(ds.columns[3].type == ColumnType::kNumber);
  CHECK(ds.columns[4].type == ColumnType::kText);
  CHECK(ds.row_lines == std::vector<int>{2, 3, 4});
  CHECK(ds.cells[0][1] == "1,105.8");  // as written, for display
}

TEST_CASE("data: CSV rows become JSON objects; empty is null", "[data]") {
  Diagnostics d;
  DataSet ds = load("t.csv", "name,value,share,year\n交易额,\"1,105.8\",27.2%,2022\n空,,,2021\n", d);
  REQUIRE(text_of(d) == "");
  REQUIRE(ds.value.is_array());
  const auto& r0 = ds.value[0];
  CHECK(r0["name"] == "交易额");
  CHECK(r0["value"].get<double>() == Approx(1105.8));
  CHECK(r0["share"].get<double>() == Approx(27.2));
  CHECK(r0["year"].is_number_integer());
  CHECK(r0["year"] == 2022);
  CHECK(ds.value[1]["value"].is_null());
  CHECK(ds.value[1]["share"].is_null());
  CHECK(ds.value.dump() ==
        R"([{"name":"交易额","share":27.2,"value":1105.8,"year":2022},{"name":"空","share":null,"value":null,"year":2021}])");
}

TEST_CASE("data: a column mixing numbers and text is text", "[data]") {
  Diagnostics d;
  DataSet ds = load("t.csv", "a,b,c\n1,50%,\n约2,60,\n", d);
  CHECK(ds.columns[0].type == ColumnType::kText);
  CHECK(ds.columns[1].type == ColumnType::kText);  // 50% and 60 do not agree
  CHECK(ds.columns[2].type == ColumnType::kText);  // no values at all
  CHECK(ds.value[0]["a"] == "1");
}

TEST_CASE("data: a file that cannot be loaded is an error at its display path", "[data]") {
  struct Case {
    const char* rel;
    const char* display;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"ch01/x.csv", "content/data/ch01/x.csv", "a,b\n1\n",
       "content/data/ch01/x.csv:2:2: error: row has 1 field, header has 2\n"
       "  hint: every row needs 2 fields; an empty cell is written as nothing between commas (a,,c)\n"},
      {"x.json", "data/x.json", "{\"a\": \"\xFF\"}",
       "data/x.json:1:8: error: invalid UTF-8 in data file\n  hint: save the file as UTF-8 text\n"},
      {"x.xlsx", "data/x.xlsx", "",
       "data/x.xlsx: error: unsupported data file type '.xlsx'\n"
       "  hint: data files are .csv, .json, .yaml or .yml; rename the file to start with '_' to keep it out\n"},
  };
  for (const auto& c : cases) {
    INFO(c.display);
    Diagnostics d;
    load_fails(c.rel, c.display, c.text, d);
    CHECK(text_of(d) == c.expected);
  }
}

TEST_CASE("data: JSON and YAML documents", "[data]") {
  Diagnostics d;
  DataSet j = load("national/summary.json", R"({"online_shoppers": 8.45, "list": [1, 2]})", d);
  CHECK(j.format == "json");
  CHECK(j.path == "national/summary");
  CHECK(j.value["online_shoppers"].get<double>() == Approx(8.45));
  DataSet y = load("national/summary2.yml", "online_shoppers: 8.45\nname: \"2022\"\n", d);
  CHECK(y.format == "yaml");
  CHECK(y.value["online_shoppers"].get<double>() == Approx(8.45));
  CHECK(y.value["name"] == "2022");
  DataSet y2 = load("a.yaml", "", d);
  CHECK(y2.value.is_null());
  CHECK(text_of(d) == "");
}

TEST_CASE("data: JSON syntax errors are located", "[data]") {
  Diagnostics d;
  load_fails("x.json", "data/x.json", "{\n  \"a\": 1,\n  \"b\": ,\n}", d);
  Diagnostic e = only_diagnostic(d);
  CHECK(e.pos.line == 3);
  CHECK(e.pos.col == 8);
  CHECK(e.message.rfind("JSON syntax error: ", 0) == 0);
}

TEST_CASE("data: YAML syntax errors are located", "[data]") {
  Diagnostics d;
  load_fails("x.yml", "data/x.yml", "a: 1\nb: [1, 2\n", d);
  check_yaml_syntax_error(d, "data/x.yml", 2);
}

TEST_CASE("data: which files are data sets", "[data]") {
  CHECK(is_data_file("ch01/indicators.csv"));
  CHECK(is_data_file("a.JSON"));
  CHECK(is_data_file("x/y/z.yml"));
  CHECK(is_data_file("x.yaml"));
  CHECK_FALSE(is_data_file("_catalog.yml"));
  CHECK_FALSE(is_data_file("ch01/_catalog.yml"));
  CHECK_FALSE(is_data_file("_drafts/x.csv"));
  CHECK_FALSE(is_data_file("x.txt"));
  CHECK_FALSE(is_data_file("README"));
  CHECK_FALSE(is_data_file(".hidden.csv"));
}

TEST_CASE("data: two files for one path", "[data]") {
  DataStore s = store_of({{"a.csv", "x\n1\n"}});
  Diagnostics d;
  DataSet ds;
  REQUIRE(load_data_file("a.json", "content/data/a.json", "[]", &ds, d));
  CHECK_FALSE(add_data_set(s, std::move(ds), d));
  CHECK(text_of(d) ==
        "content/data/a.json: error: two data files for data set 'a'\n"
        "  hint: also content/data/a.csv; rename one of them\n");
}

TEST_CASE("data: catalog fills title, source, origin, unit, note", "[data]") {
  DataStore s = store_of({{"ch04/rural_retail.csv", "a\n1\n"}, {"ch04/sub/x.csv", "a\n1\n"}});
  Diagnostics d;
  apply_catalog("ch04", "content/data/ch04/_catalog.yml",
                "rural_retail:\n  title: 农村网络零售额\n  source: 商务大数据\n  origin: seed lines 1-2\n"
                "  unit: 万亿元\n  note: 注\nsub/x:\n  title: X\n",
                s, d);
  CHECK(text_of(d) == "");
  const DataSet* ds = s.find("ch04/rural_retail");
  REQUIRE(ds);
  CHECK(ds->title == "农村网络零售额");
  CHECK(ds->source == "商务大数据");
  CHECK(ds->origin == "seed lines 1-2");
  CHECK(ds->unit == "万亿元");
  CHECK(ds->note == "注");
  CHECK(s.find("ch04/sub/x")->title == "X");
}

TEST_CASE("data: catalog errors and warnings", "[data]") {
  DataStore s = store_of({{"ch04/rural_retail.csv", "a\n1\n"}, {"rural_retail.csv", "a\n1\n"}});
  Diagnostics d;
  apply_catalog("ch04", "c.yml", "rural_retial:\n  title: x\nrural_retail:\n  titel: y\n  source: [a]\n", s, d);
  CHECK(text_of(d) ==
        "c.yml:1:1: warning: no data set 'ch04/rural_retial' for this catalog entry\n"
        "  hint: did you mean 'rural_retail'?\n"
        "c.yml:4:3: error: unknown catalog field 'titel'\n"
        "  hint: did you mean 'title'?\n"
        "c.yml:5:11: error: catalog field 'source' must be text\n");
  Diagnostics d2;
  apply_catalog("", "_catalog.yml", "- a\n", s, d2);
  CHECK(d2.error_count() == 1);
  Diagnostics d3;
  apply_catalog("", "_catalog.yml", "x: 1\n", s, d3);
  CHECK(text_of(d3) ==
        "_catalog.yml:1:1: warning: no data set 'x' for this catalog entry\n"
        "  hint: keys are data file names in this folder without extension, e.g. 'ch04/rural_retail'\n"
        "_catalog.yml:1:4: error: catalog entry 'x' must be a mapping\n"
        "  hint: give title, source, origin, unit or note\n");
  Diagnostics d4;
  apply_catalog("", "_catalog.yml", "", s, d4);  // empty catalog is fine
  CHECK(text_of(d4) == "");
}

TEST_CASE("data: lookup with did-you-mean", "[data]") {
  DataStore s = store_of({{"ch01/indicators.csv", "a\n1\n"}, {"ch01/region_retail.csv", "a\n1\n"}});
  SourcePos at{"p.md", 3, 7};
  Diagnostics d;
  CHECK(lookup_data(s, "ch01/indicators", at, d) == s.find("ch01/indicators"));
  CHECK(lookup_data(s, "./ch01/indicators", at, d) == s.find("ch01/indicators"));
  CHECK(text_of(d) == "");
  CHECK(lookup_data(s, "ch01/indicator", at, d) == nullptr);
  CHECK(lookup_data(s, "indicators", at, d) == nullptr);
  CHECK(lookup_data(s, "ch01/indicators.csv", at, d) == nullptr);
  CHECK(lookup_data(s, "../secret", at, d) == nullptr);
  CHECK(lookup_data(s, "/etc/passwd", at, d) == nullptr);
  CHECK(lookup_data(s, "nothing/like/it", at, d) == nullptr);
  CHECK(lookup_data(s, "", at, d) == nullptr);
  CHECK(text_of(d) ==
        "p.md:3:7: error: unknown data set 'ch01/indicator'\n"
        "  hint: did you mean 'ch01/indicators'?\n"
        "p.md:3:7: error: unknown data set 'indicators'\n"
        "  hint: did you mean 'ch01/indicators'?\n"
        "p.md:3:7: error: data path 'ch01/indicators.csv' has a file extension\n"
        "  hint: write 'ch01/indicators'\n"
        "p.md:3:7: error: data path '../secret' leaves the data directory\n"
        "  hint: write the path inside the data directory, e.g. ch01/indicators\n"
        "p.md:3:7: error: data path '/etc/passwd' leaves the data directory\n"
        "  hint: write the path inside the data directory, e.g. ch01/indicators\n"
        "p.md:3:7: error: unknown data set 'nothing/like/it'\n"
        "  hint: data paths are file paths inside the data directory, without extension\n"
        "p.md:3:7: error: empty data path\n"
        "  hint: write the data file's path without extension, e.g. ch01/indicators\n");
  CHECK(s.paths() == std::vector<std::string>{"ch01/indicators", "ch01/region_retail"});
}

TEST_CASE("data: cell positions point into the CSV", "[data]") {
  Diagnostics d;
  DataSet ds = load("t.csv", "name,value\n\"a\nb\",1\nc,n/a\n", d);
  REQUIRE(text_of(d) == "");
  SourcePos p = cell_pos(ds, 1, 1);
  CHECK(p.file == "content/data/t.csv");
  CHECK(p.line == 4);
  CHECK(p.col == 3);
  CHECK(column_index(ds, "value") == 1);
  CHECK(column_index(ds, "nope") == -1);
}

TEST_CASE("data: JSON lists of rows as tables", "[data]") {
  Diagnostics d;
  DataSet ds = load("t.json", R"([{"year": 2021, "amount": 13.09}, {"year": 2022, "amount": null, "x": "a"}])", d);
  DataSet scratch;
  std::string why;
  const DataSet* t = as_table(ds, &scratch, &why);
  REQUIRE(t);
  REQUIRE(t->columns.size() == 3);
  CHECK(t->columns[0].name == "amount");  // JSON objects keep keys sorted
  CHECK(t->columns[0].type == ColumnType::kNumber);
  CHECK(t->cells[1] == std::vector<std::string>{"", "2022", "a"});  // columns in first-seen order
  DataSet obj = load("o.json", R"({"a": 1})", d);
  CHECK(as_table(obj, &scratch, &why) == nullptr);
  CHECK(why == "o is not a list of rows");
  DataSet csv = load("c.csv", "a\n1\n", d);
  CHECK(as_table(csv, &scratch, &why) == &csv);
}
