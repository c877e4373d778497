#pragma once
// The fuzzed entry points, shared by the libFuzzer targets (tests/fuzz/fuzz_<name>.cpp) and the
// regression test (tests/fuzz_regression_test.cpp), which replays every input kept under
// tests/fuzz/regressions/<name>/ through the same function in the normal test build.
//
// Each entry takes arbitrary bytes, must never crash, hang, throw or leak, and returns 0.
// Fixed inputs (data sets, templates data) are built once per process.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chart.h"
#include "config.h"
#include "content.h"
#include "data.h"
#include "diagnostic.h"
#include "html.h"
#include "interpolate.h"
#include "mustache.h"
#include "raw_html.h"
#include "search_index.h"
#include "table_block.h"
#include "xref.h"

namespace annalist::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// --- fixed inputs ----------------------------------------------------------------------------

inline constexpr const char* kRetailCsv =
    "year,amount,growth\n2020,11.76,10.9\n2021,13.09,14.1\n2022,13.79,4.0\n2023,15.42,11.0\n2024,15.52,7.2\n";
inline constexpr const char* kRegionsCsv = "region,share\n东部,83.92%\n中部,8.87%\n西部,5.73%\n东北,1.48%\n";
inline constexpr const char* kRowsJson =
    R"([{"name":"a","v":1,"w":2.5},{"name":"b","v":-3,"w":null},{"name":"中文","v":1e6,"w":"7"}])";
inline constexpr const char* kSummaryYaml =
    "online_shoppers: 845000000\nshare: 27.2\nnested:\n  deep:\n    value: 1,105.8\nlist: [1, 2, 3]\n"
    "text: \"<script>alert(1)</script>\"\n";

/// A small data store: econ/retail (csv), econ/regions (csv, percents), rows (json), summary (yaml).
inline const DataStore& fixed_store() {
  static const DataStore store = [] {
    DataStore s;
    Diagnostics d;
    const std::pair<const char*, const char*> files[] = {{"econ/retail.csv", kRetailCsv},
                                                         {"econ/regions.csv", kRegionsCsv},
                                                         {"rows.json", kRowsJson},
                                                         {"summary.yaml", kSummaryYaml}};
    for (const auto& [rel, text] : files) {
      DataSet ds;
      if (load_data_file(rel, std::string("data/") + rel, text, &ds, d)) add_data_set(s, std::move(ds), d);
    }
    return s;
  }();
  return store;
}

/// The UI strings html/xref read (a copy of the zh-CN theme's, so no file is needed).
inline const nlohmann::json& fixed_ui() {
  static const nlohmann::json ui = {
      {"chapter_label", "第{n}章"},      {"appendix_label", "附录{n}"},       {"figure_label", "图{chapter}-{n}"},
      {"table_label", "表{chapter}-{n}"}, {"figure_label_front", "图{n}"},   {"table_label_front", "表{n}"},
      {"section_ref", "{n}节"},          {"source_prefix", "数据来源："},     {"unit_prefix", "单位："},
      {"note_prefix", "注："},           {"data_table", "查看数据表"},        {"download_csv", "下载 CSV"},
      {"footnotes", "注释"},             {"back_to_text", "返回正文"}};
  return ui;
}

/// The same strings, typed.
inline const UiStrings& fixed_ui_strings() {
  static const UiStrings ui = ui_strings(fixed_ui());
  return ui;
}

/// A JSON context with strings, numbers, lists and nesting, for Mustache rendering.
inline const nlohmann::json& fixed_context() {
  static const nlohmann::json ctx = nlohmann::json::parse(R"({
    "title": "<b>报告</b> & \"quotes\"", "n": 3, "pi": 3.5, "t": true, "f": false, "z": null, "empty": "",
    "list": [{"name": "a", "v": 1}, {"name": "b", "v": 2, "list": [1, 2]}],
    "nested": {"a": {"b": {"c": "deep"}}, "list": [], "name": "inner"},
    "names": ["x", "y", "z"], "partial": "p", "self": "self"
  })");
  return ctx;
}

// --- entries ---------------------------------------------------------------------------------

/// A CSV data file: parse, type columns, locate every cell, view as a table.
inline int fuzz_csv(const uint8_t* data, size_t size) {
  Diagnostics d;
  DataSet ds;
  if (load_data_file("fuzz/input.csv", "data/fuzz/input.csv", as_text(data, size), &ds, d)) {
    size_t cells = 0;
    for (size_t r = 0; r < ds.cells.size() && cells < 64; ++r)
      for (size_t c = 0; c < ds.cells[r].size() && cells < 64; ++c, ++cells) (void)cell_pos(ds, r, c);
    DataSet scratch;
    std::string why;
    (void)as_table(ds, &scratch, &why);
  }
  (void)format_diagnostic(d.items().empty() ? Diagnostic{} : d.items().front());
  return 0;
}

/// A data file of another format: load, view as a table, query its first keys.
inline int fuzz_data_file(const char* rel, const uint8_t* data, size_t size) {
  Diagnostics d;
  DataSet ds;
  if (load_data_file(rel, std::string("data/") + rel, as_text(data, size), &ds, d)) {
    DataSet scratch;
    std::string why;
    (void)as_table(ds, &scratch, &why);
    DataStore store;
    std::string path = ds.path;
    add_data_set(store, std::move(ds), d);
    const DataSet& set = *store.sets.begin()->second;
    // Interpolate the first few keys (and first row) the document offers.
    std::vector<std::string> exprs = {"data." + path, "data." + path + "[0]"};
    if (set.value.is_object()) {
      int k = 0;
      for (const auto& [key, v] : set.value.items()) {
        if (k++ == 8) break;
        exprs.push_back("data." + path + "." + key);
      }
    }
    if (set.value.is_array() && !set.value.empty() && set.value[0].is_object()) {
      int k = 0;
      for (const auto& [key, v] : set.value[0].items()) {
        if (k++ == 8) break;
        exprs.push_back("data." + path + "[0]." + key + " | fmt \",.2f\" | signed");
      }
    }
    for (const auto& e : exprs) {
      Interpolated out;
      Diagnostics dd;
      evaluate_interpolation(e, store, "zh-CN", {"x.md", 1, 1}, &out, dd);
    }
  }
  return 0;
}

/// A JSON data file.
inline int fuzz_json(const uint8_t* data, size_t size) { return fuzz_data_file("fuzz/input.json", data, size); }

/// A YAML data file; also read as a _catalog.yml applied to the fixed store.
inline int fuzz_yaml(const uint8_t* data, size_t size) {
  fuzz_data_file("fuzz/input.yaml", data, size);
  DataStore store = fixed_store();
  Diagnostics d;
  apply_catalog("econ", "data/econ/_catalog.yml", as_text(data, size), store, d);
  return 0;
}

/// report.yml.
inline int fuzz_config(const uint8_t* data, size_t size) {
  Diagnostics d;
  Config c;
  parse_config(std::string(as_text(data, size)), "report.yml", ".", &c, d);
  for (const auto& h : c.highlights) (void)interpolate_plain(h.value, fixed_store(), c.language, h.pos, nullptr, d);
  return 0;
}

/// A Markdown page's front matter (and body split).
inline int fuzz_front_matter(const uint8_t* data, size_t size) {
  Diagnostics d;
  Page p;
  parse_page(std::string(as_text(data, size)), "chapters/fuzz.md", &p, d);
  return 0;
}

/// A page with its place in the report (kind, ordinal, number) and its names: source file,
/// slug, url chapters/SLUG.html and title.
inline Page placed_page(PageKind kind, int ordinal, const std::string& number, const std::string& file,
                        const std::string& slug, const std::string& title, std::string source) {
  Page page;
  page.kind = kind;
  page.ordinal = ordinal;
  page.number = number;
  page.file = file;
  page.slug = slug;
  page.url = "chapters/" + slug + ".html";
  page.title = title;
  page.source = std::make_shared<const std::string>(std::move(source));
  return page;
}

inline FigureText fixed_figure_text() { return FigureText{}; }

/// A ```chart spec drawn against the fixed data sets (whichever it names, else econ/retail).
inline int fuzz_chart(const uint8_t* data, size_t size) {
  Diagnostics d;
  ChartSpec spec;
  if (!parse_chart_spec(as_text(data, size), {"chapters/fuzz.md", 2, 1}, &spec, d)) return 0;
  const DataStore& store = fixed_store();
  const DataSet* ds = store.find(spec.data);
  if (!ds) ds = store.find("econ/retail");
  (void)render_chart_figure(spec, *ds, "图1-1", "../data/econ/retail.csv", fixed_figure_text(), d);
  return 0;
}

/// Fuzzed CSV data drawn by every chart type: x = first column, y = the others, y2 = the last
/// (specs built as parse_chart_spec would accept them).
inline int fuzz_chart_data(const uint8_t* data, size_t size) {
  Diagnostics d;
  DataSet ds;
  if (!load_data_file("fuzz/chart.csv", "data/fuzz/chart.csv", as_text(data, size), &ds, d)) return 0;
  if (ds.columns.empty()) return 0;
  static const char* const kTypes[] = {"bar", "stacked", "hbar", "line", "area", "pie", "donut", "combo", "scatter"};
  for (const char* type : kTypes) {
    ChartSpec spec;
    spec.id = "fuzz";
    spec.type = type;
    spec.title = "fuzzed data";
    spec.data = "fuzz/chart";
    spec.x = ds.columns[0].name;
    for (size_t c = 1; c < ds.columns.size() && c < 9; ++c) spec.y.push_back(ds.columns[c].name);
    if (spec.y.empty()) spec.y.push_back(ds.columns[0].name);
    // Keep what parse_chart_spec guarantees: combo has y2, pie/donut one series.
    if (spec.type == "combo") {
      spec.y2 = spec.y.back();
      if (spec.y.size() > 1) spec.y.pop_back();
    }
    if (spec.type == "pie" || spec.type == "donut") spec.y.resize(1);
    if (spec.type == "scatter") spec.label = ds.columns[0].name;
    spec.labels = true;
    spec.unit = "万亿元";
    spec.y2unit = "%";
    spec.y_pos.assign(spec.y.size(), SourcePos{"chapters/fuzz.md", 5, 4});
    Diagnostics dd;
    (void)render_chart_figure(spec, ds, "图1-1", "", fixed_figure_text(), dd);
  }
  return 0;
}

/// ```table and ```figure specs against the fixed data sets.
inline int fuzz_table(const uint8_t* data, size_t size) {
  Diagnostics d;
  TableSpec spec;
  if (parse_table_spec(as_text(data, size), {"chapters/fuzz.md", 2, 1}, &spec, d)) {
    const DataStore& store = fixed_store();
    const DataSet* ds = store.find(spec.data);
    if (!ds) ds = store.find("econ/retail");
    DataSet scratch;
    std::string why;
    if (const DataSet* t = as_table(*ds, &scratch, &why))
      (void)render_table_figure(spec, *t, "表1-1", "../data/x.csv", fixed_figure_text(), d);
  }
  FigureSpec fig;
  if (parse_figure_spec(as_text(data, size), {"chapters/fuzz.md", 2, 1}, &fig, d))
    (void)render_placeholder_figure(fig, "图1-1", fixed_figure_text());
  return 0;
}

/// A Mustache template rendered with a fixed context; every partial or parent it names loads the
/// template itself, so recursion through partials, parents and blocks is exercised.
inline int fuzz_mustache(const uint8_t* data, size_t size) {
  std::string source(as_text(data, size));
  Diagnostics d;
  auto t = compile_mustache(source, "fuzz.mustache", d);
  if (!t) return 0;
  MustacheLimits limits;
  limits.max_steps = 200'000;            // keep each run fast; the bound itself is what is tested
  limits.max_output = size_t{1} << 20;
  MustacheSet set(
      [&source](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
        if (name == "missing") return std::nullopt;
        return std::make_pair(source, name + ".mustache");
      },
      limits);
  std::string out;
  set.render(*t, fixed_context(), out, d);
  return 0;
}

/// The inside of a {{ … }} interpolation against the fixed store, and a plain text holding it.
inline int fuzz_interpolate(const uint8_t* data, size_t size) {
  std::string_view text = as_text(data, size);
  Diagnostics d;
  Interpolated out;
  evaluate_interpolation(text, fixed_store(), "en", {"x.md", 1, 1}, &out, d);
  std::set<std::string> deps;
  (void)interpolate_plain(text, fixed_store(), "zh-CN", {"report.yml", 3, 10}, &deps, d);
  return 0;
}

/// The whole Markdown-to-page pipeline: front matter, body render (charts, tables, data,
/// footnotes, cross-references), targets across two pages, finalized bodies (site and print)
/// and the search index. An odd-sized input is rendered with allow_html: true.
inline int fuzz_markdown(const uint8_t* data, size_t size) {
  Diagnostics d;
  Page page;
  page.kind = PageKind::kChapter;
  page.ordinal = 1;
  page.number = "1";
  if (!parse_page(std::string(as_text(data, size)), "chapters/fuzz.md", &page, d)) {
    if (page.unreadable) return 0;
  }
  if (page.slug.empty()) page.slug = "fuzz";
  page.url = "chapters/" + page.slug + ".html";
  Page other = placed_page(PageKind::kAppendix, 1, "A", "appendices/a.md", "notes", "附录",
                           "## 方法 {#method}\n\n见@fig:fuzz、@sec:status和@ch:fuzz。\n\n```figure\nid: other\ntitle: 图\n```\n");
  Config config;
  config.title = "fuzz";
  config.allow_html = size % 2 == 1;
  RenderEnv env{config, fixed_store(), fixed_ui_strings()};
  std::vector<Page> pages = {page, other};
  std::vector<RenderedPage> rendered = {render_page(pages[0], env), render_page(pages[1], env)};
  Targets targets = collect_targets(pages, rendered, fixed_ui_strings(), d);
  for (size_t i = 0; i < pages.size(); ++i) {
    Diagnostics dd;
    (void)finalize_body(rendered[i], i, pages, targets, LinkContext{}, &dd);
    (void)finalize_body(rendered[i], i, pages, targets, LinkContext{true}, nullptr);
  }
  (void)build_search_index(pages, rendered, {"第1章", "附录A"}, targets);
  return 0;
}

/// Raw HTML through the sanitizer, under the policy the first byte picks (allow-list or
/// allow_html). Its output must be a fixed point: read again, it is written unchanged and draws
/// no warning (but "image without alt text", which stays true), so what was written is exactly
/// the tokens that were checked; anything else traps.
inline int fuzz_raw_html(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  RawHtmlPolicy policy;
  policy.allow_all = (data[0] & 1) != 0;
  Diagnostics d1, d2;
  std::string once, twice;
  std::vector<LinkUse> links;
  sanitize_raw_html(as_text(data + 1, size - 1), {{"x.md", 1, 1}, 1}, policy, once, d1, links);
  sanitize_raw_html(once, {{"x.md", 1, 1}, 1}, policy, twice, d2, links);
  for (const Diagnostic& d : d2.items())
    if (d.message != "image without alt text") __builtin_trap();
  if (twice != once) __builtin_trap();
  return 0;
}

/// One named entry.
struct FuzzEntry {
  const char* name;                        ///< target name: fuzz_<name>, corpus/<name>, regressions/<name>
  int (*run)(const uint8_t*, size_t);      ///< the entry function
};

/// Every entry, by target name.
inline constexpr FuzzEntry kFuzzEntries[] = {
    {"csv", fuzz_csv},           {"json", fuzz_json},           {"yaml", fuzz_yaml},
    {"config", fuzz_config},     {"front_matter", fuzz_front_matter}, {"chart", fuzz_chart},
    {"chart_data", fuzz_chart_data}, {"table", fuzz_table},     {"mustache", fuzz_mustache},
    {"interpolate", fuzz_interpolate}, {"markdown", fuzz_markdown}, {"raw_html", fuzz_raw_html},
};

}  // namespace annalist::fuzz
