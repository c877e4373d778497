#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>

#include "csv.h"

using namespace annalist;

namespace {

// Parses text; returns the diagnostics as "file:line:col: error: message" lines.
std::string parse(std::string_view text, CsvTable* t, bool* ok = nullptr) {
  Diagnostics d;
  bool r = parse_csv(text, "d.csv", t, d);
  if (ok) *ok = r;
  std::string s;
  for (const auto& x : d.items()) s += format_diagnostic(x) + "\n";
  return s;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv: header and rows", "[csv]") {
  CsvTable t;
  bool ok = false;
  CHECK(parse("year,amount\n2021,13.09\n2022,13.79\n", &t, &ok) == "");
  CHECK(ok);
  CHECK(t.header == std::vector<std::string>{"year", "amount"});
  CHECK(t.rows == Rows{{"2021", "13.09"}, {"2022", "13.79"}});
  CHECK(t.row_lines == std::vector<int>{2, 3});
}

TEST_CASE("csv: the final newline is optional", "[csv]") {
  CsvTable a, b;
  parse("a,b\n1,2\n", &a);
  parse("a,b\n1,2", &b);
  CHECK(a.rows == b.rows);
  CHECK(b.rows == Rows{{"1", "2"}});
}

TEST_CASE("csv: CRLF and lone CR line ends", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b\r\n1,2\r\n3,4\r\n", &t) == "");
  CHECK(t.rows == Rows{{"1", "2"}, {"3", "4"}});
  CHECK(t.row_lines == std::vector<int>{2, 3});
  CHECK(parse("a,b\r1,2\r3,4", &t) == "");
  CHECK(t.rows == Rows{{"1", "2"}, {"3", "4"}});
  CHECK(t.row_lines == std::vector<int>{2, 3});
}

TEST_CASE("csv: UTF-8 BOM is skipped", "[csv]") {
  CsvTable t;
  CHECK(parse("\xEF\xBB\xBFname,share\n日用品,27.2\n", &t) == "");
  CHECK(t.header[0] == "name");
  CHECK(t.rows[0][0] == "日用品");
}

TEST_CASE("csv: quoted fields keep commas, quotes and newlines", "[csv]") {
  CsvTable t;
  CHECK(parse("name,value,note\n\"a, b\",\"1,105.8\",\"say \"\"hi\"\"\"\n\"two\nlines\",,\"\"\nlast,1,x\n", &t) == "");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0] == std::vector<std::string>{"a, b", "1,105.8", "say \"hi\""});
  CHECK(t.rows[1] == std::vector<std::string>{"two\nlines", "", ""});
  CHECK(t.rows[2] == std::vector<std::string>{"last", "1", "x"});
  CHECK(t.row_lines == std::vector<int>{2, 3, 5});  // the quoted newline moves the next row down
}

TEST_CASE("csv: CRLF inside quotes is kept as written", "[csv]") {
  CsvTable t;
  CHECK(parse("a\r\n\"x\r\ny\"\r\nz\r\n", &t) == "");
  CHECK(t.rows == Rows{{"x\r\ny"}, {"z"}});
  CHECK(t.row_lines == std::vector<int>{2, 4});
}

TEST_CASE("csv: empty fields and trailing commas", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b,c\n,,\n1,,3\n4,5,", &t) == "");
  CHECK(t.rows == Rows{{"", "", ""}, {"1", "", "3"}, {"4", "5", ""}});
}

TEST_CASE("csv: blank lines are skipped, cells keep their spaces", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b\n\n 1 ,2\n\n\n", &t) == "");
  CHECK(t.rows == Rows{{" 1 ", "2"}});
  CHECK(t.row_lines == std::vector<int>{3});
}

TEST_CASE("csv: header names are trimmed", "[csv]") {
  CsvTable t;
  CHECK(parse(" year , amount\n1,2\n", &t) == "");
  CHECK(t.header == std::vector<std::string>{"year", "amount"});
}

TEST_CASE("csv: a quote inside an unquoted field is text", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b\n5\" screen,2\n", &t) == "");
  CHECK(t.rows == Rows{{"5\" screen", "2"}});
}

TEST_CASE("csv: header only gives no rows", "[csv]") {
  CsvTable t;
  bool ok = false;
  CHECK(parse("a,b\n", &t, &ok) == "");
  CHECK(ok);
  CHECK(t.rows.empty());
}

TEST_CASE("csv: unterminated quote is reported at the opening quote", "[csv]") {
  CsvTable t;
  bool ok = true;
  CHECK(parse("a,b\n1,\"open\n2,3\n", &t, &ok) ==
        "d.csv:2:3: error: unterminated quoted field\n"
        "  hint: close the field with \"; a quote inside a quoted field is written \"\"\n");
  CHECK_FALSE(ok);
}

TEST_CASE("csv: text after a closing quote", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b\n\"x\"y,2\n", &t) ==
        "d.csv:2:4: error: unexpected text after the closing quote of a field\n"
        "  hint: quote the whole field and double every quote inside it: \"a \"\"b\"\" c\"\n");
}

TEST_CASE("csv: ragged rows point at the extra or missing field", "[csv]") {
  CsvTable t;
  bool ok = true;
  CHECK(parse("year,amount\n2021,1,105.8\n2022\n2023,7\n", &t, &ok) ==
        "d.csv:2:8: error: row has 3 fields, header has 2\n"
        "  hint: quote a value that contains a comma: \"1,105.8\"\n"
        "d.csv:3:5: error: row has 1 field, header has 2\n"
        "  hint: every row needs 2 fields; an empty cell is written as nothing between commas (a,,c)\n");
  CHECK_FALSE(ok);
  CHECK(t.rows == Rows{{"2023", "7"}});  // the good rows are still there
}

TEST_CASE("csv: ragged-row errors are capped", "[csv]") {
  std::string text = "a,b\n";
  for (int i = 0; i < 25; ++i) text += "1\n";
  Diagnostics d;
  CsvTable t;
  CHECK_FALSE(parse_csv(text, "d.csv", &t, d));
  CHECK(d.error_count() == 10);
  auto items = d.items();
  CHECK(format_diagnostic(items.back()) == "d.csv: note: 15 more rows have the wrong number of fields");
}

TEST_CASE("csv: duplicate column name", "[csv]") {
  CsvTable t;
  CHECK(parse("year,amount,year\n1,2,3\n", &t) ==
        "d.csv:1:13: error: duplicate column name 'year'\n"
        "  hint: column 1 has the same name; column names must be unique\n");
}

TEST_CASE("csv: empty column name", "[csv]") {
  CsvTable t;
  CHECK(parse("year,,amount\n1,2,3\n", &t) ==
        "d.csv:1:6: error: empty column name (column 2)\n"
        "  hint: name every column in the header row\n");
  CHECK(parse("year,amount,\n1,2,3\n", &t) ==
        "d.csv:1:13: error: empty column name (column 3)\n"
        "  hint: name every column in the header row\n");
}

TEST_CASE("csv: BOM does not shift columns on line 1", "[csv]") {
  CsvTable t;
  CHECK(parse("\xEF\xBB\xBF" "a,a\n", &t) ==
        "d.csv:1:3: error: duplicate column name 'a'\n"
        "  hint: column 1 has the same name; column names must be unique\n");
}

TEST_CASE("csv: invalid UTF-8 is located", "[csv]") {
  CsvTable t;
  CHECK(parse("a,b\n1,\xB9\xFA\n", &t) ==
        "d.csv:2:3: error: invalid UTF-8 (byte 0xB9)\n"
        "  hint: save the file as UTF-8 text (Excel: \"CSV UTF-8\")\n");
}

TEST_CASE("csv: UTF-16 files get a hint", "[csv]") {
  CsvTable t;
  std::string utf16("\xFF\xFE" "a\0,\0b\0", 8);
  CHECK(parse(utf16, &t) ==
        "d.csv:1:1: error: invalid UTF-8 (byte 0xFF)\n"
        "  hint: the file is UTF-16; save it as UTF-8 (Excel: \"CSV UTF-8\")\n");
}

TEST_CASE("csv: NUL bytes are refused", "[csv]") {
  CsvTable t;
  std::string text("a,b\n1,x\0y\n", 10);
  CHECK(parse(text, &t) ==
        "d.csv:2:4: error: NUL byte in CSV file\n"
        "  hint: save the file as UTF-8 text (Excel: \"CSV UTF-8\")\n");
}

TEST_CASE("csv: empty file", "[csv]") {
  CsvTable t;
  CHECK(parse("", &t) == "d.csv:1:1: error: empty CSV file\n  hint: the first line must name the columns: year,amount\n");
  CHECK(parse("\n\n", &t) == "d.csv:1:1: error: empty CSV file\n  hint: the first line must name the columns: year,amount\n");
}

TEST_CASE("csv: field positions for later diagnostics", "[csv]") {
  std::string text = "\xEF\xBB\xBFname,value\r\n\"a,\"\"b\"\"\",n/a\r\n\"x\ny\",\"q\"\r\nz,7";
  CsvTable t;
  REQUIRE(parse(text, &t) == "");
  REQUIRE(t.row_lines == std::vector<int>{2, 3, 5});
  SourcePos p = csv_field_pos(text, "d.csv", 2, 1);
  CHECK(p.line == 2);
  CHECK(p.col == 11);
  p = csv_field_pos(text, "d.csv", 3, 1);  // after a field with a newline inside
  CHECK(p.line == 4);
  CHECK(p.col == 4);
  p = csv_field_pos(text, "d.csv", 5, 1);
  CHECK(p.line == 5);
  CHECK(p.col == 3);
  p = csv_field_pos(text, "d.csv", 1, 0);
  CHECK(p.line == 1);
  CHECK(p.col == 1);
}

TEST_CASE("csv: garbage never crashes", "[csv]") {
  // Deterministic pseudo-random bytes, biased towards CSV syntax.
  uint32_t seed = 12345;
  auto next = [&] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  const char alphabet[] = {',', '"', '\n', '\r', 'a', '1', '\0', '\xEF', '\xBB', '\xBF', '\xE4', '\xB8', ' '};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    size_t len = next() % 40;
    for (size_t i = 0; i < len; ++i)
      s += (next() % 4 == 0) ? static_cast<char>(next() & 0xFF) : alphabet[next() % sizeof alphabet];
    Diagnostics d;
    CsvTable t;
    bool ok = parse_csv(s, "g.csv", &t, d);
    CHECK(ok == !d.has_errors());
    if (ok)
      for (const auto& r : t.rows) CHECK(r.size() == t.header.size());
    for (int line = 0; line < 4; ++line)
      for (size_t f = 0; f < 3; ++f) csv_field_pos(s, "g.csv", line, f);
  }
}

TEST_CASE("csv: a 50 MB file parses quickly", "[csv][.slow]") {
  std::string text = "region,year,amount,note\n";
  while (text.size() < 50u * 1024 * 1024)
    text += "华东地区,2022,\"1,105.8\",\"plain, quoted\"\nnorth,2021,13.79,x\n";
  CsvTable t;
  Diagnostics d;
  auto start = std::chrono::steady_clock::now();
  REQUIRE(parse_csv(text, "big.csv", &t, d));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(t.rows.size() > 500000);
  WARN("50 MB parsed in " << secs << " s");
  CHECK(secs < 10);
}
