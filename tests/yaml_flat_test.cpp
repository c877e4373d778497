// The flat-YAML fast path must build exactly the tree yaml-cpp builds, or refuse the text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "yaml_flat.h"
#include "yaml_util.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

// Compares a fast-path tree with yaml-cpp's: types, scalars, quoting, lines and columns.
void same_tree(const YAML::Node& fast, const YAML::Node& slow, const std::string& where) {
  INFO(where);
  REQUIRE(fast.Type() == slow.Type());
  int line = -1, col = -1;
  REQUIRE(flat_yaml_mark(fast, &line, &col));
  CHECK(line == slow.Mark().line);
  CHECK(col == slow.Mark().column);
  CHECK(yaml_quoted(fast) == yaml_quoted(slow));
  if (slow.IsScalar()) CHECK(fast.Scalar() == slow.Scalar());
  if (slow.IsSequence()) {
    REQUIRE(fast.size() == slow.size());
    for (size_t i = 0; i < slow.size(); ++i) same_tree(fast[i], slow[i], where + "[" + std::to_string(i) + "]");
  }
  if (slow.IsMap()) {
    REQUIRE(fast.size() == slow.size());
    auto f = fast.begin();
    for (auto s = slow.begin(); s != slow.end(); ++s, ++f) {
      same_tree(f->first, s->first, where + " key");
      same_tree(f->second, s->second, where + "." + s->first.Scalar());
    }
  }
}

// True when the fast path took the text (and then its tree is yaml-cpp's).
bool check_text(const std::string& text, const std::string& where) {
  YAML::Node fast;
  if (!parse_flat_yaml(text, &fast)) return false;
  same_tree(fast, YAML::Load(text), where);
  return true;
}

std::string read(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The YAML a Markdown page holds: its front matter and its chart/table/figure blocks.
std::vector<std::string> yaml_in_page(const std::string& md) {
  std::vector<std::string> out;
  if (md.compare(0, 4, "---\n") == 0) {
    size_t end = md.find("\n---", 3);
    if (end != std::string::npos) out.push_back(md.substr(4, end - 3));
  }
  for (const char* fence : {"```chart\n", "```table\n", "```figure\n"}) {
    for (size_t at = md.find(fence); at != std::string::npos; at = md.find(fence, at + 1)) {
      size_t from = at + std::string(fence).size();
      size_t end = md.find("\n```", from - 1);
      if (end != std::string::npos) out.push_back(md.substr(from, end + 1 - from));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("flat YAML: the sample report's front matter and blocks parse as yaml-cpp parses them", "[yaml]") {
  size_t taken = 0, seen = 0;
  for (const char* dir : {"content", "tests/fixtures"}) {
    for (const auto& e : stdfs::recursive_directory_iterator(stdfs::path(source_dir()) / dir)) {
      std::string ext = e.path().extension().string();
      if (ext == ".md") {
        for (const auto& y : yaml_in_page(read(e.path()))) {
          ++seen;
          taken += check_text(y, e.path().string()) ? 1 : 0;
        }
      } else if (e.path().filename() == "_catalog.yml" || e.path().filename() == "report.yml") {
        ++seen;
        taken += check_text(read(e.path()), e.path().string()) ? 1 : 0;
      }
    }
  }
  INFO(taken << " of " << seen << " YAML texts took the fast path");
  CHECK(seen > 100);
  CHECK(taken * 10 > seen * 7);  // most of them: otherwise the fast path is not worth having
}

TEST_CASE("flat YAML: the subset, each case checked against yaml-cpp", "[yaml]") {
  const char* taken[] = {
      "a: 1\n",
      "type: bar\ntitle: 2022年全国网络零售额\ndata: ch01/retail\n",
      "unit: \"%\"\nnote: '单引号'\n",
      "y: [share, growth]\nnames: {name: 地区, share: 占比}\n",
      "empty_list: []\nempty_map: {}\n",
      "a:\nb: 2\n",
      "a: ~\nb: null\nc: Null\nd: NULL\n",
      "# comment\n\ntitle: x\n\n# another\nid: y\n",
      "url: https://example.org/a#b\n",
      "k: value with trailing spaces   \n",
      "k:    spaced value\n",
      "flow: [ a ,b,  c ]\n",
      "map: { k: v ,k2:  w }\n",
      "labels: true\nmax: 12.5\nneg_inside: a-b\n",
      "title: C# and C++\n",
      "q: \"a: b # not a comment\"\n",
      "no_newline_at_end: x",
      "chapters:\n  - chapters/a.md\n  - \"chapters/b.md\"\ndata: data\n",
      "list:\n- a\n- b\n",
      "list:\n    -   wide\n",
      "columns:\n  - {key: year, label: 年份}\n  - {key: share, label: 占比（%）, format: .2f}\nsource: x\n",
  };
  for (const char* t : taken) CHECK(check_text(t, t));
  const char* refused[] = {
      "",                          // empty document
      "a:\n",                      // empty value at the end
      "a:\n\nb: 1\n",              // empty value before a blank line
      "list:\n  - a: 1\n    b: 2\n",  // a list of mappings
      "list:\n  - a\n   - b\n",  // uneven indentation
      "list:\n  - a\n\n  - b\n",  // a blank line inside
      "list:\n  - a\n  - [b]\n",  // a flow list inside
      "list:\n  - {k: \"quoted\"}\n",  // a quoted scalar in a flow mapping
      "a: 1 # comment\n",          // comment after a value
      "a: \"esc\\\"aped\"\n",      // escapes
      "a: &anchor x\nb: *anchor\n",
      "a: !tag x\n",
      "a: |\n  text\n",
      "a: [x, [y]]\n",             // nested flow
      "a: [x: y]\n",
      "a: {k}\n",
      "a: b: c\n",
      "a: x\na: y\n",              // duplicate key
      "---\na: 1\n",
      "a: 1\r\n",
      "a:\tb\n",
      " a: 1\n",
      "- a\n",
      "a: -1\n",                   // starts with an indicator: left to yaml-cpp
      "a: \"x\" y\n",
  };
  for (const char* t : refused) {
    YAML::Node n;
    INFO(t);
    CHECK_FALSE(parse_flat_yaml(t, &n));
  }
}

TEST_CASE("flat YAML: positions reach diagnostics as with yaml-cpp", "[yaml]") {
  YAML::Node fast;
  REQUIRE(parse_flat_yaml("type: bar\ny: [a, b]\n", &fast));
  SourcePos p = yaml_pos(fast["y"][1], "c.md", 10);
  CHECK(p.line == 12);
  CHECK(p.col == 8);
  CHECK(yaml_to_json(fast)["y"][0] == "a");
}

TEST_CASE("a key written twice is an error naming both places, on the fast path's texts too", "[yaml]") {
  // Texts the fast path would take but for the repeated key: it refuses them, and yaml-cpp plus
  // the check in parse_yaml report the repeat (yaml-cpp alone keeps both, and readers took the last).
  struct Case {
    const char* text;
    const char* diag;
  };
  const Case cases[] = {
      {"a: x\na: y\n", "c.md:12:1: error: duplicate key 'a' (first at line 11, column 1)"},
      {"map: {k: v, k: w}\n", "c.md:11:13: error: duplicate key 'k' (first at line 11, column 7)"},
      {"a: 1\nb:\n  c: 1\n  \"c\": 2\n", "c.md:14:3: error: duplicate key 'c' (first at line 13, column 3)"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    YAML::Node fast;
    CHECK_FALSE(parse_flat_yaml(c.text, &fast));
    YAML::Node node;
    Diagnostics d;
    CHECK_FALSE(parse_yaml(c.text, "c.md", 10, &node, d));
    REQUIRE(d.items().size() == 1);
    CHECK(format_diagnostic(d.items()[0]).substr(0, std::string(c.diag).size()) == c.diag);
  }
  // The same key in two mappings, and a mapping reached twice through an alias, are fine.
  YAML::Node node;
  Diagnostics d;
  CHECK(parse_yaml("a: &m {k: 1}\nb: *m\nc: {k: 2}\n", "c.md", 0, &node, d));
  CHECK_FALSE(d.has_errors());
}
