// Hostile inputs that must not crash or hang: deep nesting, big and long inputs, invalid UTF-8,
// NUL bytes, BOMs, CRLF, circular templates and self-referencing data. The cases assert what
// happens, not how long it takes: bench/hostile times them (each should take under 2 s in an
// optimised build) and scripts/stress runs the 50 MB / 10 MB versions with timings.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "project.h"
#include "csv.h"
#include "fuzz/fuzz_entries.h"
#include "site_pages.h"
#include "yaml_util.h"

using namespace annalist;
namespace stdfs = std::filesystem;

namespace {

// Every file of the search index, one after the other.
std::string search_index_text(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                              const Targets& targets) {
  std::string all;
  for (const auto& [path, bytes] : build_search_index(pages, rendered, {"第1章"}, targets)) all += bytes;
  return all;
}

std::string repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

bool has_message(const Diagnostics& d, const std::string& part) {
  for (const auto& x : d.items())
    if (x.message.find(part) != std::string::npos) return true;
  return false;
}

// One chapter page "x" through the page pipeline: rendered, its targets collected, its body
// finalized for the chapter page and the search index written.
struct Pipeline {
  std::vector<Page> pages;
  std::vector<RenderedPage> rendered;
  Targets targets;
  std::string body;   // finalized
  std::string index;  // every file of the search index
  Diagnostics diags;  // what collecting the targets and finalizing reported
};

Pipeline run_pipeline(std::string source, const DataStore& store, bool allow_html) {
  Pipeline p;
  p.pages = {fuzz::placed_page(PageKind::kChapter, 1, "1", "chapters/x.md", "x", "X", std::move(source))};
  Config config;
  config.title = "T";
  config.allow_html = allow_html;
  RenderEnv env{config, store, fuzz::fixed_ui_strings()};
  p.rendered = {render_page(p.pages[0], env)};
  p.targets = collect_targets(p.pages, p.rendered, fuzz::fixed_ui_strings(), p.diags);
  p.body = finalize_body(p.rendered[0], 0, p.pages, p.targets, LinkContext{}, &p.diags);
  p.index = search_index_text(p.pages, p.rendered, p.targets);
  return p;
}

// Renders a chapter body through the page pipeline; the page's and the pipeline's diagnostics
// go to *all.
RenderedPage render_body(const std::string& body, Diagnostics* all = nullptr, bool allow_html = false) {
  Pipeline p = run_pipeline(body, fuzz::fixed_store(), allow_html);
  if (all) {
    all->merge(p.rendered[0].diags);
    all->merge(p.diags);
  }
  return p.rendered[0];
}

bool load(const std::string& rel, const std::string& text, DataSet* ds, Diagnostics& d) {
  return load_data_file(rel, "data/" + rel, text, ds, d);
}

// The fixed data store plus the data set "marks" with this JSON text.
DataStore store_with_marks(const std::string& json) {
  DataStore store = fuzz::fixed_store();
  Diagnostics d;
  DataSet ds;
  REQUIRE(load("marks.json", json, &ds, d));
  REQUIRE(add_data_set(store, std::move(ds), d));
  return store;
}

}  // namespace

// --- deep nesting ------------------------------------------------------------------------------

TEST_CASE("10,000 nested blockquotes, list items and emphasis render without overflow", "[robust]") {
  const std::pair<const char*, std::string> cases[] = {
      {"blockquotes", repeat(">", 10000) + " deep\n"},
      {"blockquotes with spaces", repeat("> ", 10000) + "deep\n"},
      {"list items", repeat("- ", 10000) + "deep\n"},
      {"ordered items", repeat("1. ", 10000) + "deep\n"},
      {"mixed", repeat("> - 1. ", 3400) + "deep\n"},
      {"emphasis", repeat("*", 10000) + "x" + repeat("*", 10000) + "\n"},
      {"strong/em runs", repeat("**a *b ", 10000) + "\n"},
      {"underscores", repeat("_", 10000) + "x" + repeat("_", 10000) + "\n"},
      {"links", repeat("[", 10000) + "x" + repeat("](u)", 10000) + "\n"},
      {"images", repeat("![", 10000) + "x" + repeat("](u)", 10000) + "\n"},
      {"strikethrough", repeat("~~", 10000) + "x" + repeat("~~", 10000) + "\n"},
      {"code spans", repeat("`", 10000) + "x" + repeat("`", 9999) + "\n"},
      {"html", repeat("<div>", 10000) + "\n"},
      {"footnotes", repeat("[^a]", 10000) + "\n\n[^a]: " + repeat("> ", 5000) + "note\n"},
      {"interpolations", repeat("{{ data.econ.retail[0].amount }}", 10000) + "\n"},
      {"cross references", repeat("@sec:a ", 10000) + "\n\n## A {#a}\n"},
  };
  for (const auto& [name, body] : cases) {
    INFO(name);
    Diagnostics d;
    RenderedPage r;
    REQUIRE_NOTHROW(r = render_body(body, &d, std::string(name) == "html"));
  }
  // Nesting beyond what a report needs is an error, not a crash.
  Diagnostics d;
  render_body(repeat(">", 10000) + " deep\n", &d);
  CHECK(has_message(d, "nesting too deep"));
}

TEST_CASE("10,000-deep YAML and JSON are refused or bounded, never overflow", "[robust]") {
  const std::string flow_seq = repeat("[", 10000) + repeat("]", 10000);
  const std::string flow_map = repeat("{a: ", 10000) + "1" + repeat("}", 10000);
  const std::string block = [] {
    std::string s;  // 10,000 levels of "- " block sequences on one line each, indented by one
    for (int i = 0; i < 10000; ++i) s += "-" + std::string(1, ' ');
    return s + "x\n";
  }();
  for (const std::string* doc : {&flow_seq, &flow_map, &block}) {
    Diagnostics d;
    DataSet ds;
    REQUIRE_NOTHROW(load("deep.yaml", *doc, &ds, d));
    Config c;
    REQUIRE_NOTHROW(parse_config(*doc, "report.yml", ".", &c, d));
    Page p;
    REQUIRE_NOTHROW(parse_page("---\nx: " + *doc + "\n---\nbody\n", "c.md", &p, d));
    ChartSpec spec;
    REQUIRE_NOTHROW(parse_chart_spec(*doc, {"c.md", 2, 1}, &spec, d));
    TableSpec table;
    REQUIRE_NOTHROW(parse_table_spec(*doc, {"c.md", 2, 1}, &table, d));
    DataStore store = fuzz::fixed_store();
    REQUIRE_NOTHROW(apply_catalog("", "data/_catalog.yml", *doc, store, d));
    CHECK(d.has_errors());
  }
  // JSON: refused before parsing, at the first bracket too deep, with no recursion anywhere.
  Diagnostics d;
  DataSet ds;
  REQUIRE_NOTHROW(load("deep.json", flow_seq, &ds, d));
  REQUIRE(d.items().size() == 1);
  CHECK(format_diagnostic(d.items()[0]) ==
        "data/deep.json:1:101: error: JSON nested more than 100 levels deep\n"
        "  hint: flatten the data: charts, tables and {{ data… }} read a few levels at most");
  // 100,000 levels (the reported crash: 8 GB, then a stack overflow writing the download).
  Diagnostics d2;
  REQUIRE_NOTHROW(load("deep.json", repeat("[", 100000) + repeat("]", 100000), &ds, d2));
  CHECK(has_message(d2, "JSON nested more than 100 levels deep"));
}

TEST_CASE("data downloads are the bytes as written, or JSON that stays small", "[robust]") {
  // A shallow document whose indented form grew quadratically: 40 KB became 800 MB.
  std::string json = "[" + repeat(repeat("[", 60) + repeat("]", 60) + ",", 300) + "1]\n";
  Diagnostics d;
  DataSet ds;
  REQUIRE(load("wide.json", json, &ds, d));
  CHECK(data_download_bytes(ds) == json);
  std::string yaml = "a: " + repeat("[", 90) + "1" + repeat("]", 90) + "\nb: [1, 2]\n";
  REQUIRE(load("deep.yaml", yaml, &ds, d));
  CHECK(data_download_bytes(ds).size() < 4 * yaml.size());
  REQUIRE(load("flat.yaml", "a: [1, 2]\n", &ds, d));
  CHECK(data_download_bytes(ds) == "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
}

// --- size ----------------------------------------------------------------------------------------

TEST_CASE("a 5 MB CSV loads, typed, and its last row is found", "[robust]") {
  std::string csv = "year,region,amount,share,note\n";
  for (int i = 0; csv.size() < (5u << 20); ++i)
    csv += std::to_string(2000 + i % 25) + ",region-" + std::to_string(i) + "," + std::to_string(i * 1.25) + "," +
           std::to_string(i % 100) + "%,\"a note, with a comma and \"\"quotes\"\"\"\n";
  Diagnostics d;
  DataSet ds;
  REQUIRE(load("big.csv", csv, &ds, d));
  CHECK(ds.cells.size() > 60000);
  CHECK(ds.columns[2].type == ColumnType::kNumber);
  CHECK(ds.columns[3].type == ColumnType::kPercent);
  // The last row can be found and its cells located.
  DataStore store;
  size_t last = ds.cells.size() - 1;
  add_data_set(store, std::move(ds), d);
  Interpolated out;
  CHECK(evaluate_interpolation("data.big[" + std::to_string(last) + "].amount", store, "zh-CN", {"x.md", 1, 1}, &out, d));
  (void)cell_pos(*store.find("big"), last, 4);
}

TEST_CASE("very long lines and cells", "[robust]") {
  const std::string long_text(2 << 20, 'a');
  const std::string long_cjk = repeat("中文", 200000);
  SECTION("markdown") {
    for (const std::string& body :
         {long_text + "\n", "## " + long_cjk + "\n", "[x](" + long_text + ")\n", "`" + long_text + "`\n",
          "| a |\n|---|\n| " + long_text + " |\n", repeat("a,", 500000) + "\n", repeat("| a ", 2000) + "|\n" +
                                                                                  repeat("|---", 2000) + "|\n"}) {
      REQUIRE_NOTHROW(render_body(body));
    }
  }
  SECTION("csv") {
    Diagnostics d;
    DataSet ds;
    std::string header;
    for (int i = 0; i < 100000; ++i) header += "c" + std::to_string(i) + ",";
    CHECK(load("wide.csv", header + "z\n" + repeat("1,", 100000) + "2\n", &ds, d));
    CHECK(ds.columns.size() == 100001);
    // 100,000 duplicate names: a bounded list of errors, found in linear time.
    Diagnostics dup;
    CHECK_FALSE(load("dup.csv", repeat("c,", 100000) + "c\n" + repeat("1,", 100000) + "2\n", &ds, dup));
    CHECK(dup.error_count() == 10);
    CHECK(load("long.csv", "a,b\n\"" + long_text + "\",1\n", &ds, d));
    CHECK(ds.cells[0][0].size() == long_text.size());
  }
  SECTION("yaml and charts") {
    Diagnostics d;
    Config c;
    parse_config("title: " + long_cjk + "\nchapters: [a.md]\n", "report.yml", ".", &c, d);
    CHECK(c.title == long_cjk);
    // A huge chart title and category names are wrapped/truncated, not laid out forever.
    ChartSpec spec;
    REQUIRE(parse_chart_spec("id: c\ntype: bar\ntitle: " + long_cjk.substr(0, 60000) +
                                 "\ndata: econ/retail\nx: year\ny: [amount]\nunit: " + long_text.substr(0, 10000) + "\n",
                             {"c.md", 2, 1}, &spec, d));
    (void)render_chart_figure(spec, *fuzz::fixed_store().find("econ/retail"), "图1-1", "", FigureText{}, d);
    DataSet ds;
    REQUIRE(load("cats.csv", "cat,v\n" + long_cjk.substr(0, 30000) + ",1\n" + long_text.substr(0, 30000) + ",2\n", &ds, d));
    for (const char* type : {"bar", "hbar", "pie", "line", "scatter"}) {
      spec.type = type;
      spec.x = "cat";
      spec.y = {"v"};
      spec.y_pos = {{"c.md", 3, 1}};
      (void)render_chart_figure(spec, ds, "图1-1", "", FigureText{}, d);
    }
  }
}

// --- encodings -----------------------------------------------------------------------------------

TEST_CASE("invalid UTF-8 and NUL bytes are diagnosed in every input", "[robust]") {
  using namespace std::string_literals;
  const std::string bad[] = {"title: a\xff\n"s, "title: a\0b\n"s, "title: \xc3\n"s, "title: \xed\xa0\x80\n"s};
  for (const auto& text : bad) {
    INFO(text);
    Diagnostics d;
    DataSet ds;
    CHECK_FALSE(load("x.yaml", text, &ds, d));
    CHECK_FALSE(load("x.json", "{\"" + text + "\": 1}", &ds, d));
    CHECK_FALSE(load("x.csv", "a,b\n" + text + ",1\n", &ds, d));
    Page p;
    CHECK_FALSE(parse_page("---\n" + text + "---\nbody\n", "c.md", &p, d));
    CHECK_FALSE(parse_page("body " + text, "c.md", &p, d));
    Config c;
    CHECK_FALSE(parse_config(text + "chapters: [a.md]\n", "report.yml", ".", &c, d));
    CHECK(d.error_count() >= 6);
  }
  // A NUL inside the Markdown body or a chart spec never reaches cmark or the SVG.
  Diagnostics d;
  Page p;
  CHECK_FALSE(parse_page("# T\n\n```chart\nid: a\0\n```\n"s, "c.md", &p, d));
  CHECK(p.unreadable);
}

TEST_CASE("BOMs and CRLF line ends are accepted everywhere", "[robust]") {
  const std::string bom = "\xEF\xBB\xBF";
  Diagnostics d;
  DataSet ds;
  REQUIRE(load("a.csv", bom + "year,amount\r\n2021,1.5\r\n2022,2\r\n", &ds, d));
  CHECK(ds.columns[0].name == "year");
  CHECK(ds.cells[1][1] == "2");
  REQUIRE(load("b.yaml", bom + "a: 1\r\nb: [x, y]\r\n", &ds, d));
  CHECK(ds.value["b"][1] == "y");
  REQUIRE(load("c.json", bom + "{\"a\": 1}\r\n", &ds, d));
  CHECK(ds.value["a"] == 1);
  Config c;
  REQUIRE(parse_config(bom + "title: T\r\nchapters:\r\n  - a.md\r\n", "report.yml", ".", &c, d));
  CHECK(c.title == "T");
  CHECK(c.chapters.at(0).path == "a.md");
  Page p;
  REQUIRE(parse_page(bom + "---\r\ntitle: 标题\r\nslug: s\r\n---\r\n## 节\r\n\r\n正文\r\n", "c.md", &p, d));
  CHECK(p.title == "标题");
  CHECK(p.slug == "s");
  RenderedPage r = render_body("## 节 {#sec}\r\n\r\n```chart\r\nid: c\r\ntype: bar\r\ntitle: t\r\ndata: econ/retail\r\n"
                               "x: year\r\ny: [amount]\r\n```\r\n");
  CHECK_FALSE(r.diags.has_errors());
  CHECK(r.headings.at(0).id == "sec");
  CHECK(d.error_count() == 0);
}

// --- templates and data referring to themselves ---------------------------------------------------

TEST_CASE("circular partials and template inheritance end with an error", "[robust]") {
  std::map<std::string, std::string> files = {
      {"self", "a{{>self}}"},
      {"ping", "{{>pong}}"},
      {"pong", "{{>ping}}"},
      {"parent", "{{<parent}}{{$b}}x{{/b}}{{/parent}}"},
      {"mutual-a", "{{<mutual-b}}{{/mutual-b}}"},
      {"mutual-b", "{{<mutual-a}}{{/mutual-a}}"},
      {"block", "{{$b}}{{>block}}{{/b}}"},
      {"dynamic", "{{>*self}}"},
      {"wide", "{{>wide}}{{>wide}}{{>wide}}{{>wide}}"},
  };
  auto loader = [&](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
    auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return std::make_pair(it->second, name + ".mustache");
  };
  nlohmann::json data = {{"self", "dynamic"}, {"list", {1, 2, 3}}};
  for (const auto& [name, source] : files) {
    INFO(name);
    Diagnostics d;
    std::string out = render_mustache(source, name + ".mustache", data, loader, d);
    CHECK(d.has_errors());
    CHECK(out.size() < (64u << 20));
  }
}

TEST_CASE("self-referencing YAML data is refused, not followed forever", "[robust]") {
  const char* docs[] = {
      "a: &a [1, *a]\n",                        // a list containing itself
      "a: &a {b: *a}\n",                        // a mapping containing itself
      "&r [*r, *r]\n",                          // the root containing itself
      // An alias bomb: 10 levels of 10 copies expand to 10^10 values.
      "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]\n",
      "? [a, b]\n: 1\n",                        // a list as a key
  };
  for (const char* doc : docs) {
    INFO(doc);
    Diagnostics d;
    DataSet ds;
    REQUIRE_NOTHROW(load("self.yaml", doc, &ds, d));
    CHECK(d.has_errors());
    // The same documents as report.yml, front matter, chart and table specs and catalogs.
    Config c;
    REQUIRE_NOTHROW(parse_config(doc, "report.yml", ".", &c, d));
    Page p;
    REQUIRE_NOTHROW(parse_page(std::string("---\n") + doc + "---\nbody\n", "c.md", &p, d));
    ChartSpec spec;
    REQUIRE_NOTHROW(parse_chart_spec(doc, {"c.md", 2, 1}, &spec, d));
    TableSpec table;
    REQUIRE_NOTHROW(parse_table_spec(doc, {"c.md", 2, 1}, &table, d));
    DataStore store = fuzz::fixed_store();
    REQUIRE_NOTHROW(apply_catalog("", "data/_catalog.yml", doc, store, d));
  }
  // Aliases that do not loop still work.
  Diagnostics d;
  DataSet ds;
  REQUIRE(load("ok.yaml", "base: &b {a: 1}\nother: *b\n", &ds, d));
  CHECK(ds.value["other"]["a"] == 1);
}

TEST_CASE("data lookups that name themselves or loop stay bounded", "[robust]") {
  Diagnostics d;
  DataStore store;
  DataSet ds;
  // A data set whose cells hold interpolations: values are data, never evaluated again.
  REQUIRE(load("loop.csv", "k,v\nself,{{ data.loop[k=self].v }}\n", &ds, d));
  add_data_set(store, std::move(ds), d);
  Interpolated out;
  REQUIRE(evaluate_interpolation("data.loop[k=self].v", store, "zh-CN", {"x.md", 1, 1}, &out, d));
  CHECK(out.text == "{{ data.loop[k=self].v }}");
  // The value is escaped when it reaches the page, and not interpolated a second time.
  std::string plain = interpolate_plain("{{ data.loop[k=self].v }}", store, "zh-CN", {"r.yml", 1, 1}, nullptr, d);
  CHECK(plain == "{{ data.loop[k=self].v }}");
  // Pathological paths: many selectors, unclosed brackets, huge indexes.
  for (const std::string& e : {std::string("data.loop") + repeat("[0]", 10000) + ".v", std::string("data.loop[") + repeat("[", 10000),
                               std::string("data.loop[99999999999999999999].v"), std::string("data.") + repeat(".", 100000),
                               std::string("data.loop[k=self].v") + repeat(" | signed", 10000)}) {
    Diagnostics dd;
    REQUIRE_NOTHROW(evaluate_interpolation(e, store, "zh-CN", {"x.md", 1, 1}, &out, dd));
  }
}

TEST_CASE("bytes 0x02-0x05 are text: dropped from the body, kept in search text, never read as marks", "[robust]") {
  // Cross-references and id prefixes were once bytes in the body (\x02 n \x03, \x04) and search
  // text referred to the body with \x05: a page holding "\x02" "0\x03" read as cross-reference 0.
  // Now they are typed holes and spans beside the text, and these bytes are the author's.
  DataStore store = store_with_marks(R"({"v": "p\u00020\u0003q\u0004r\u0005s"})");
  const std::string marks("\x02" "0\x03" "b\x04" "c\x05" "d", 8);
  for (bool allow_html : {false, true}) {
    Pipeline p = run_pipeline("## H {#h}\n\na" + marks + " @sec:h {{ data.marks.v }}\n\n[l" + marks + "](#h \"t" + marks +
                                  "\")\n",
                              store, allow_html);
    const std::string& body = p.body;
    INFO(body);
    CHECK(p.diags.error_count() == 0);
    // The body cannot hold C0 controls: they are dropped, the rest is as written.
    CHECK(body.find("<p>a0bcd <a class=\"xref\" href=\"#h\" title=\"H\">1.1节</a> "
                    "<span class=\"num\" data-source=\"marks\">p0qrs</span></p>") != std::string::npos);
    CHECK(body.find("<a href=\"#h\" title=\"t0bcd\">l0bcd</a>") != std::string::npos);
    CHECK(body.find_first_of(std::string("\x01\x02\x03\x04\x05", 5)) == std::string::npos);
    // The search text is the author's text, with the one real cross-reference as its label.
    std::string text = search_section_text(p.rendered[0].search[1], p.rendered[0].body_html(), {"1.1节"});
    CHECK(text == "a" + marks + " 1.1节 p" + std::string("\x02" "0\x03q\x04r\x05s", 8) + " l" + marks + " ");
    CHECK(p.index.find("a\\u00020\\u0003b\\u0004c\\u0005d 1.1节 p\\u00020\\u0003q\\u0004r\\u0005s l\\u00020") !=
          std::string::npos);
  }
}

TEST_CASE("bytes that look like internal placeholder marks are inert in text, raw HTML and data", "[robust]") {
  // \x02 n \x03 marks a cross-reference and \x04 an id inside body HTML; a page or a data value
  // holding those bytes must not be read as one (or crash the reader of the marks).
  DataStore store = store_with_marks(R"({"v": "a\u00020\u0003b\u0002x\u0004"})");
  for (bool allow_html : {false, true}) {
    Pipeline p;
    REQUIRE_NOTHROW(p = run_pipeline(std::string("x \x02" "0\x03 \x02" "99\x03 \x02 @sec:h {{ data.marks.v }}\n\n<b>\x02"
                                                 "5\x03</b>\n\n## H {#h}\n", 62),
                                     store, allow_html));
    CHECK(p.body.find_first_of(std::string("\x01\x02\x03\x04", 4)) == std::string::npos);
    CHECK(p.body.find("href=\"#h\"") != std::string::npos);  // the real reference still works
    CHECK(p.index.find_first_of(std::string("\x01\x02\x03\x04", 4)) == std::string::npos);
  }
}
