#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "chart.h"
#include "chart_text.h"
#include "data.h"
#include "svg.h"
#include "table_block.h"
#include "text.h"
#include "test_util.h"

using namespace annalist;

namespace {

// ---- a tiny XML well-formedness checker ---------------------------------------------------

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == ':' || c == '.';
}

bool entity_ok(std::string_view x, size_t amp, size_t* end) {
  size_t semi = x.find(';', amp);
  if (semi == std::string_view::npos || semi - amp > 10) return false;
  std::string_view e = x.substr(amp + 1, semi - amp - 1);
  *end = semi + 1;
  if (e == "amp" || e == "lt" || e == "gt" || e == "quot" || e == "apos") return true;
  if (e.size() >= 2 && e[0] == '#') {
    for (size_t i = 1; i < e.size(); ++i)
      if (!(e[i] >= '0' && e[i] <= '9')) return false;
    return true;
  }
  return false;
}

// "" when x is well-formed XML with one root element; html allows attributes without values.
std::string xml_problem(std::string_view x, bool html = false) {
  std::vector<std::string> stack;
  int roots = 0;
  size_t i = 0;
  while (i < x.size()) {
    char c = x[i];
    if (c == '&') {
      size_t end;
      if (!entity_ok(x, i, &end)) return "bad entity at " + std::to_string(i);
      i = end;
      continue;
    }
    if (c != '<') {
      if (stack.empty() && c != ' ' && c != '\n') return "text outside the root at " + std::to_string(i);
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') return "control character";
      ++i;
      continue;
    }
    bool closing = i + 1 < x.size() && x[i + 1] == '/';
    size_t j = i + 1 + (closing ? 1 : 0);
    size_t ns = j;
    while (j < x.size() && name_char(x[j])) ++j;
    std::string name(x.substr(ns, j - ns));
    if (name.empty()) return "bad tag at " + std::to_string(i);
    if (closing) {
      if (j >= x.size() || x[j] != '>') return "bad closing tag </" + name;
      if (stack.empty() || stack.back() != name) return "mismatched </" + name + ">";
      stack.pop_back();
      i = j + 1;
      continue;
    }
    std::set<std::string> attrs;
    bool self = false;
    for (;;) {
      while (j < x.size() && (x[j] == ' ' || x[j] == '\n')) ++j;
      if (j >= x.size()) return "unterminated tag <" + name;
      if (x[j] == '/' && j + 1 < x.size() && x[j + 1] == '>') {
        self = true;
        j += 2;
        break;
      }
      if (x[j] == '>') {
        ++j;
        break;
      }
      size_t as = j;
      while (j < x.size() && name_char(x[j])) ++j;
      std::string an(x.substr(as, j - as));
      if (an.empty()) return "bad attribute in <" + name;
      if (!attrs.insert(an).second) return "duplicate attribute " + an;
      if (j < x.size() && x[j] != '=') {
        if (html) continue;
        return "attribute without value: " + an;
      }
      ++j;
      if (j >= x.size() || (x[j] != '"' && x[j] != '\'')) return "unquoted attribute " + an;
      char q = x[j++];
      size_t ve = x.find(q, j);
      if (ve == std::string_view::npos) return "unterminated attribute " + an;
      for (size_t k = j; k < ve; ++k) {
        if (x[k] == '<') return "'<' in attribute " + an;
        if (x[k] == '&') {
          size_t end;
          if (!entity_ok(x, k, &end)) return "bad entity in attribute " + an;
        }
      }
      j = ve + 1;
    }
    if (stack.empty() && ++roots > 1) return "second root element <" + name + ">";
    if (!self) stack.push_back(name);
    i = j;
  }
  if (!stack.empty()) return "unclosed <" + stack.back() + ">";
  if (roots != 1) return "no root element";
  return "";
}

// ---- helpers --------------------------------------------------------------------------

const SourcePos kBlock{"content/chapters/01.md", 10, 1};

std::string diag_text(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items()) s += format_diagnostic(x) + "\n";
  return s;
}

DataSet csv_set(const std::string& path, const std::string& csv) {
  Diagnostics d;
  DataSet ds;
  bool ok = load_data_file(path + ".csv", "content/data/" + path + ".csv", csv, &ds, d);
  INFO(diag_text(d));
  REQUIRE(ok);
  return ds;
}

std::string render(const std::string& yaml, const std::string& csv, Diagnostics& d, const std::string& label = "图1-1") {
  ChartSpec spec;
  bool ok = parse_chart_spec(yaml, kBlock, &spec, d);
  INFO(diag_text(d));
  REQUIRE(ok);
  DataSet ds = csv_set(spec.data, csv);
  return render_chart_figure(spec, ds, label, "../data/" + spec.data + ".csv", FigureText{}, d);
}

// The <svg> elements of a figure, in order (the wide layout, then the narrow one).
std::vector<std::string> svgs_of(const std::string& html) {
  std::vector<std::string> out;
  for (size_t b = html.find("<svg"); b != std::string::npos; b = html.find("<svg", b + 1)) {
    size_t e = html.find("</svg>", b);
    if (e == std::string::npos) break;
    out.push_back(html.substr(b, e + 7 - b));
  }
  return out;
}

// The first <svg> (the wide layout).
std::string svg_of(const std::string& html) {
  auto all = svgs_of(html);
  return all.empty() ? "" : all[0];
}

void check_golden(const std::string& name, const std::string& actual) {
  std::filesystem::path path = std::filesystem::path(annalist::test::source_dir()) / "tests/golden/charts" / name;
  if (std::getenv("ANNALIST_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path.string() << " (ANNALIST_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(actual == ss.str());
}

struct Fixture {
  const char* type;
  const char* yaml;
  const char* csv;
};

const Fixture kFixtures[] = {
    {"bar",
     "id: online-retail\ntype: bar\ntitle: 2018—2022年全国网上零售额\ndata: national/online-retail\nx: year\n"
     "y: [amount]\nnames: {amount: 网上零售额}\nunit: 万亿元\nlabels: true\nsource: 国家统计局\n",
     "year,amount\n2018,9.01\n2019,10.63\n2020,11.76\n2021,13.09\n2022,13.79\n"},
    {"stacked",
     "id: trade-mix\ntype: stacked\ntitle: 2019—2022年电子商务交易额构成\ndata: national/trade-mix\nx: year\n"
     "y: [goods, services, other]\nnames: {goods: 商品类, services: 服务类, other: 合约类}\nunit: 万亿元\nlabels: true\n",
     "year,goods,services,other\n2019,24.15,8.61,2.05\n2020,25.45,9.24,2.52\n2021,28.93,10.25,2.86\n"
     "2022,30.56,10.67,2.60\n"},
    {"hbar",
     "id: store-share\ntype: hbar\ntitle: 2022年网络零售各类别店铺数量占比\ndata: ch01/store-share\nx: name\n"
     "y: [share]\nunit: \"%\"\nlabels: true\n",
     "name,share\n服装鞋帽、针纺织品,27.2\n日用品,15.7\n家用电器和音像器材,10.3\n通讯器材,5.1\n"
     "烟酒,-1.4\n"},
    {"line",
     "id: retail-trend\ntype: line\ntitle: 2013—2022年网上零售额与实物商品网上零售额\ndata: national/retail-trend\n"
     "x: year\ny: [online, physical]\nnames: {online: 网上零售额, physical: 实物商品网上零售额}\nunit: 万亿元\n",
     "year,online,physical\n2013,1.85,\n2014,2.79,\n2015,3.88,3.24\n2016,5.16,4.19\n2017,7.18,5.48\n"
     "2018,9.01,7.02\n2019,10.63,8.52\n2020,11.76,9.76\n2021,13.09,10.80\n2022,13.79,11.96\n"},
    {"area",
     "id: growth\ntype: area\ntitle: 分季度网络零售额同比增速\ndata: national/quarterly\nx: quarter\ny: [growth]\n"
     "unit: \"%\"\nlabels: true\n",
     "quarter,growth\n2021Q1,29.9\n2021Q2,23.2\n2021Q3,18.5\n2021Q4,14.1\n2022Q1,6.6\n2022Q2,3.1\n"
     "2022Q3,-1.2\n2022Q4,4.0\n"},
    {"pie",
     "id: category-share\ntype: pie\ntitle: 2022年网络零售各品类零售额占比\ndata: retail/categories\nx: category\n"
     "y: [share]\nunit: \"%\"\n",
     "category,share\n服装鞋帽、针纺织品,22.3\n日用品,17.6\n家用电器和音像器材,11.2\n粮油食品,10.1\n通讯器材,6.4\n"
     "化妆品,5.2\n家具家装,24.1\n文具,1.3\n乐器,1.8\n"},
    {"donut",
     "id: platform-share\ntype: donut\ntitle: 2022年各类平台交易额占比\ndata: retail/platforms\nx: platform\n"
     "y: [share]\nunit: \"%\"\n",
     "platform,share\n综合电商,45.5\n直播电商,23.1\n社交电商,11.0\n"},
    {"combo",
     "id: region-retail\ntype: combo\ntitle: 2022年各区域网络零售额占比及同比增速\ndata: ch01/region-retail\nx: name\n"
     "y: [share]\ny2: growth\nnames: {share: 占比, growth: 同比增速}\nunit: \"%\"\ny2unit: \"%\"\nlabels: true\n"
     "source: 商务大数据\nnote: 柱形为占比，折线为增速。\n",
     "name,share,growth\n东部地区,84.4,3.2\n中部地区,8.1,9.7\n西部地区,6.2,5.9\n东北地区,1.3,-2.1\n"},
    {"scatter",
     "id: province-growth\ntype: scatter\ntitle: 2022年各省网络零售额占比与增速\ndata: ch01/provinces\nx: share\n"
     "y: [growth]\nlabel: province\nnames: {share: 占全国比重（%）, growth: 同比增速}\nunit: \"%\"\n",
     "province,share,growth\n广东,20.1,4.5\n浙江,14.3,5.2\n江苏,9.8,3.1\n上海,8.0,-1.9\n北京,7.5,2.2\n"
     "福建,4.3,7.8\n山东,4.1,8.9\n"},
};

// ---- label geometry from the SVG ----------------------------------------------------------

using Pt = std::array<double, 2>;
using Quad = std::array<Pt, 4>;

std::map<std::string, std::string> attrs_of(const std::string& tag) {
  std::map<std::string, std::string> m;
  static const std::regex re(R"re(([a-zA-Z-]+)="([^"]*)")re");
  for (auto it = std::sregex_iterator(tag.begin(), tag.end(), re); it != std::sregex_iterator(); ++it)
    m[(*it)[1]] = (*it)[2];
  return m;
}

// The boxes of every line of every <text> of class CLASS (its own, or its <g>'s), rotation applied.
std::vector<std::pair<std::string, Quad>> text_quads(const std::string& svg, const std::string& cls, double font) {
  std::vector<std::pair<std::string, Quad>> out;
  std::istringstream in(svg);
  std::string line;
  std::vector<std::map<std::string, std::string>> groups;  // the attributes of the open <g>s
  static const std::regex tspan(R"re(<tspan x="([-0-9.]+)" y="([-0-9.]+)">([^<]*)</tspan>)re");
  static const std::regex plain(R"re(^<text [^>]*>([^<]*)</text>$)re");
  static const std::regex rot(R"re(rotate\(([-0-9.]+) ([-0-9.]+) ([-0-9.]+)\))re");
  while (std::getline(in, line)) {
    if (line.rfind("<g", 0) == 0) groups.push_back(attrs_of(line.substr(0, line.find('>'))));
    if (line == "</g>" && !groups.empty()) groups.pop_back();
    if (line.rfind("<text", 0) != 0) continue;
    auto a = attrs_of(line.substr(0, line.find('>')));
    for (auto g = groups.rbegin(); g != groups.rend(); ++g)
      for (const auto& [k, v] : *g) a.emplace(k, v);  // inherited unless the text sets it
    if ((" " + a["class"] + " ").find(" " + cls + " ") == std::string::npos) continue;
    std::string anchor = a.count("text-anchor") ? a["text-anchor"] : "start";
    double angle = 0, rx = 0, ry = 0;
    std::smatch m;
    if (std::regex_search(a["transform"], m, rot)) angle = std::stod(m[1]), rx = std::stod(m[2]), ry = std::stod(m[3]);
    std::vector<std::tuple<double, double, std::string>> lines;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), tspan); it != std::sregex_iterator(); ++it)
      lines.emplace_back(std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3]);
    if (lines.empty() && std::regex_search(line, m, plain)) lines.emplace_back(std::stod(a["x"]), std::stod(a["y"]), m[1]);
    for (const auto& [x, y, t] : lines) {
      double w = text_width(t, font);
      double x0 = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
      Quad q = {Pt{x0, y - 0.85 * font}, Pt{x0 + w, y - 0.85 * font}, Pt{x0 + w, y + 0.25 * font}, Pt{x0, y + 0.25 * font}};
      double r = angle * 3.14159265358979 / 180, c = std::cos(r), s = std::sin(r);
      for (auto& p : q) {
        double dx = p[0] - rx, dy = p[1] - ry;
        p = {rx + dx * c - dy * s, ry + dx * s + dy * c};
      }
      out.emplace_back(t, q);
    }
  }
  return out;
}

// Separating-axis test for two convex quads; touching is not overlapping.
bool quads_overlap(const Quad& a, const Quad& b) {
  for (const Quad* q : {&a, &b}) {
    for (int i = 0; i < 4; ++i) {
      const Pt& p = (*q)[i];
      const Pt& n = (*q)[(i + 1) % 4];
      double ax = -(n[1] - p[1]), ay = n[0] - p[0];
      double amin = 1e300, amax = -1e300, bmin = 1e300, bmax = -1e300;
      for (const auto& v : a) amin = std::min(amin, v[0] * ax + v[1] * ay), amax = std::max(amax, v[0] * ax + v[1] * ay);
      for (const auto& v : b) bmin = std::min(bmin, v[0] * ax + v[1] * ay), bmax = std::max(bmax, v[0] * ax + v[1] * ay);
      if (amax <= bmin + 1e-6 || bmax <= amin + 1e-6) return false;
    }
  }
  return true;
}

void check_no_overlap(const std::vector<std::pair<std::string, Quad>>& q) {
  for (size_t i = 0; i < q.size(); ++i)
    for (size_t j = i + 1; j < q.size(); ++j) {
      INFO("'" << q[i].first << "' and '" << q[j].first << "'");
      CHECK_FALSE(quads_overlap(q[i].second, q[j].second));
    }
}

}  // namespace

// ---- the XML checker itself -------------------------------------------------------------------

TEST_CASE("chart: the test's XML checker catches broken markup", "[chart]") {
  CHECK(xml_problem("<svg><g/><text x=\"1\">a &amp; b</text></svg>") == "");
  CHECK(xml_problem("<svg><g></svg>") != "");
  CHECK(xml_problem("<svg><text>a < b</text></svg>") != "");
  CHECK(xml_problem("<svg x=1></svg>") != "");
  CHECK(xml_problem("<svg>a & b</svg>") != "");
  CHECK(xml_problem("<svg></svg><svg></svg>") != "");
  CHECK(xml_problem("<svg a=\"1\" a=\"2\"></svg>") != "");
  CHECK(xml_problem("<a download>x</a>", true) == "");
}

// ---- svg writer ---------------------------------------------------------------------------

TEST_CASE("svg: numbers are short and never -0", "[chart]") {
  CHECK(svg_num(12.5) == "12.5");
  CHECK(svg_num(3) == "3");
  CHECK(svg_num(3.14159) == "3.14");
  CHECK(svg_num(-0.001) == "0");
  CHECK(svg_num(-2.005) == "-2.01");
  CHECK(svg_num(0.1 + 0.2) == "0.3");
}

TEST_CASE("svg: writer escapes and nests", "[chart]") {
  SvgWriter w;
  w.open("svg", {{"class", "a\"b"}});
  w.element("text", {{"x", 1.5}}, "<script>&");
  w.element("rect", {{"width", 3}});
  w.text_lines({{"class", "l"}}, 10, 20, 15, {"一", "二"});
  std::string s = w.finish();
  CHECK(s ==
        "<svg class=\"a&quot;b\">\n"
        "<text x=\"1.5\">&lt;script&gt;&amp;</text>\n"
        "<rect width=\"3\"/>\n"
        "<text class=\"l\"><tspan x=\"10\" y=\"20\">一</tspan><tspan x=\"10\" y=\"35\">二</tspan></text>\n"
        "</svg>\n");
  CHECK(xml_problem(s) == "");
}

// ---- spec parsing -----------------------------------------------------------------------------

TEST_CASE("chart: spec fields are parsed with positions", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  REQUIRE(parse_chart_spec(kFixtures[7].yaml, kBlock, &s, d));
  CHECK(s.id == "region-retail");
  CHECK(s.type == "combo");
  CHECK(s.data == "ch01/region-retail");
  CHECK(s.x == "name");
  CHECK(s.y == std::vector<std::string>{"share"});
  CHECK(s.y2 == "growth");
  CHECK(s.unit == "%");
  CHECK(s.labels);
  CHECK(s.names.size() == 2);
  CHECK(s.data_pos.line == 13);
  CHECK(s.data_pos.col == 7);
  CHECK(s.y_pos[0].line == 15);
  CHECK(s.y_pos[0].col == 5);
}

TEST_CASE("chart: y may be a single column", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  REQUIRE(parse_chart_spec("id: a\ntype: bar\ndata: d\nx: year\ny: amount\n", kBlock, &s, d));
  CHECK(s.y == std::vector<std::string>{"amount"});
}

TEST_CASE("chart: unknown field and type get did-you-mean at their position", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  CHECK_FALSE(parse_chart_spec("id: a\ntype: pi\ntitel: T\ndata: d\nx: c\ny: [v]\n", kBlock, &s, d));
  CHECK(diag_text(d) ==
        "content/chapters/01.md:12:1: error: unknown chart field 'titel'\n"
        "  hint: did you mean 'title'?\n"
        "content/chapters/01.md:11:7: error: unknown chart type 'pi'\n"
        "  hint: did you mean 'pie'?\n");
}

TEST_CASE("chart: unknown type far from any gets the list", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  CHECK_FALSE(parse_chart_spec("id: a\ntype: sankey-diagram\ndata: d\nx: c\ny: [v]\n", kBlock, &s, d));
  CHECK(diag_text(d) ==
        "content/chapters/01.md:11:7: error: unknown chart type 'sankey-diagram'\n"
        "  hint: chart types: bar, stacked, hbar, line, area, pie, donut, combo, scatter\n");
}

TEST_CASE("chart: missing fields", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  CHECK_FALSE(parse_chart_spec("title: T\n", kBlock, &s, d));
  CHECK(diag_text(d) ==
        "content/chapters/01.md:10:1: error: chart is missing 'id'\n"
        "  hint: add id: NAME (the anchor fig-NAME, referenced as @fig:NAME)\n"
        "content/chapters/01.md:10:1: error: chart is missing 'type'\n"
        "  hint: add type: one of bar, stacked, hbar, line, area, pie, donut, combo, scatter\n"
        "content/chapters/01.md:10:1: error: chart is missing 'data'\n"
        "  hint: add data: PATH (the data file without extension, e.g. ch01/indicators)\n"
        "content/chapters/01.md:10:1: error: chart is missing 'x'\n"
        "  hint: add x: COLUMN (the category column)\n"
        "content/chapters/01.md:10:1: error: chart is missing 'y'\n"
        "  hint: add y: [COLUMN] (the value columns)\n");
}

TEST_CASE("chart: type-specific checks", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  CHECK_FALSE(parse_chart_spec("id: a\ntype: combo\ndata: d\nx: c\ny: [v]\n", kBlock, &s, d));
  CHECK_FALSE(parse_chart_spec("id: a\ntype: bar\ndata: d\nx: c\ny: [v]\ny2: g\n", kBlock, &s, d));
  CHECK_FALSE(parse_chart_spec("id: a\ntype: pie\ndata: d\nx: c\ny: [v, w]\n", kBlock, &s, d));
  CHECK_FALSE(parse_chart_spec("id: a b\ntype: bar\ndata: d\nx: c\ny: [v]\nlabels: maybe\n", kBlock, &s, d));
  CHECK(diag_text(d) ==
        "content/chapters/01.md:10:1: error: a combo chart needs y2 (the line on the right axis)\n"
        "  hint: add y2: COLUMN, e.g. y2: growth\n"
        "content/chapters/01.md:15:5: error: y2 is only used by combo charts\n"
        "  hint: use type: combo, or list the column in y\n"
        "content/chapters/01.md:14:8: error: a pie chart shows one series, but y names 2 columns\n"
        "  hint: keep one column in y, or use type: bar\n"
        "content/chapters/01.md:15:9: error: 'labels' must be true or false\n"
        "  hint: labels: true shows the values on the chart\n"
        "content/chapters/01.md:10:5: error: chart id 'a b' may only use letters, digits, '-' and '_'\n"
        "  hint: e.g. id: retail-growth\n");
}

TEST_CASE("chart: YAML syntax errors are shifted to the block's line", "[chart]") {
  Diagnostics d;
  ChartSpec s;
  CHECK_FALSE(parse_chart_spec("id: a\ny: [v\n", kBlock, &s, d));
  test::check_yaml_syntax_error(d, "content/chapters/01.md", 11);
}

// ---- rendering: all nine types ---------------------------------------------------------------

TEST_CASE("chart: every type renders well-formed, accessible SVG matching its golden file", "[chart]") {
  for (const auto& f : kFixtures) {
    DYNAMIC_SECTION(f.type) {
      Diagnostics d;
      std::string html = render(f.yaml, f.csv, d);
      INFO(diag_text(d));
      CHECK(d.error_count() == 0);
      CHECK(d.warning_count() == 0);
      std::string svg = svg_of(html);
      REQUIRE(!svg.empty());
      CHECK(xml_problem(svg) == "");
      CHECK(xml_problem(html, true) == "");
      // Colours come from CSS only.
      CHECK(svg.find("#") == std::string::npos);
      CHECK(svg.find("rgb(") == std::string::npos);
      CHECK(svg.find("style=") == std::string::npos);
      CHECK(html.find(std::string("class=\"figure chart chart-") + f.type + "\"") != std::string::npos);
      CHECK(svg.find("role=\"img\"") != std::string::npos);
      // Deterministic.
      Diagnostics d2;
      CHECK(render(f.yaml, f.csv, d2) == html);
      check_golden(std::string(f.type) + ".svg", svg);
      // The narrow layout: well-formed on its own, its own ids, golden too.
      auto both = svgs_of(html);
      REQUIRE(both.size() == 2);
      CHECK(xml_problem(both[1]) == "");
      CHECK(both[1].find("#") == std::string::npos);
      check_golden(std::string(f.type) + "-narrow.svg", both[1]);
    }
  }
}

TEST_CASE("chart: a wide and a narrow layout, told apart by class, viewBox and ids", "[chart]") {
  for (const auto& f : kFixtures) {
    DYNAMIC_SECTION(f.type) {
      Diagnostics d;
      std::string html = render(f.yaml, f.csv, d);
      auto both = svgs_of(html);
      REQUIRE(both.size() == 2);
      CHECK(both[0].find("class=\"chart-svg chart-wide\" viewBox=\"0 0 480 ") != std::string::npos);
      CHECK(both[1].find("class=\"chart-svg chart-narrow\" viewBox=\"0 0 270 ") != std::string::npos);
      CHECK(both[0].find("-narrow-title") == std::string::npos);
      CHECK(both[1].find("-narrow-title") != std::string::npos);
      // The same text size in units: shown on a narrower viewBox, it is larger on a phone.
      CHECK(both[1].find("font-size=\"12\"") != std::string::npos);
      // Nothing of the narrow layout is drawn past its 270-unit width.
      for (const char* attr : {" x=\"", " x1=\"", " x2=\"", " cx=\""}) {
        for (size_t at = both[1].find(attr); at != std::string::npos; at = both[1].find(attr, at + 1)) {
          double x = std::stod(both[1].substr(at + std::string(attr).size()));
          CHECK(x >= 0);
          CHECK(x <= 270);
        }
      }
    }
  }
}

TEST_CASE("chart: figure HTML around the SVG", "[chart]") {
  Diagnostics d;
  std::string html = render(kFixtures[7].yaml, kFixtures[7].csv, d, "图1-2");
  REQUIRE(d.error_count() == 0);
  std::string svg = svg_of(html);
  size_t svg_at = html.find("<svg");
  std::string before = html.substr(0, svg_at);
  std::string after = html.substr(html.rfind("</svg>") + 7);
  CHECK(before ==
        "<figure id=\"fig-region-retail\" class=\"figure chart chart-combo\">\n"
        "<figcaption><span class=\"figure-label\">图1-2</span> <span class=\"figure-title\">2022年各区域网络零售额占比及同比增速"
        "</span><a class=\"anchor\" href=\"#fig-region-retail\" aria-label=\"链接到此处\"></a></figcaption>\n"
        "<p class=\"figure-unit\">单位：%</p>\n");
  CHECK(after ==
        "<p class=\"figure-source\">数据来源：商务大数据</p>\n"
        "<p class=\"figure-note\">注：柱形为占比，折线为增速。</p>\n"
        "<details class=\"figure-data\">\n"
        "<summary>数据表</summary>\n"
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"图1-2 2022年各区域网络零售额占比及同比增速\" tabindex=\"0\">\n"
        "<table class=\"data\">\n"
        "<thead>\n"
        "<tr><th scope=\"col\">name</th><th scope=\"col\" class=\"num\">占比</th><th scope=\"col\" class=\"num\">同比增速</th></tr>\n"
        "</thead>\n"
        "<tbody>\n"
        "<tr><th scope=\"row\">东部地区</th><td class=\"num\">84.4</td><td class=\"num\">3.2</td></tr>\n"
        "<tr><th scope=\"row\">中部地区</th><td class=\"num\">8.1</td><td class=\"num\">9.7</td></tr>\n"
        "<tr><th scope=\"row\">西部地区</th><td class=\"num\">6.2</td><td class=\"num\">5.9</td></tr>\n"
        "<tr><th scope=\"row\">东北地区</th><td class=\"num\">1.3</td><td class=\"num\">\u22122.1</td></tr>\n"
        "</tbody>\n"
        "</table>\n"
        "</div>\n"
        "<p class=\"figure-download\"><a href=\"../data/ch01/region-retail.csv\" download>下载 CSV</a></p>\n"
        "</details>\n"
        "</figure>\n");
  CHECK(svg.find("aria-labelledby=\"fig-region-retail-title fig-region-retail-desc\"") != std::string::npos);
  CHECK(svg.find("<title id=\"fig-region-retail-title\">图1-2 2022年各区域网络零售额占比及同比增速</title>") !=
        std::string::npos);
  CHECK(svg.find("<desc id=\"fig-region-retail-desc\">占比：4项，最小值1.3%（东北地区），最大值84.4%（东部地区），"
                 "最后一项1.3%（东北地区）。同比增速：4项，最小值\u22122.1%（东北地区），最大值9.7%（中部地区），"
                 "最后一项\u22122.1%（东北地区）。</desc>") != std::string::npos);
  // Combo: two series → legend; both axes titled with their units.
  CHECK(svg.find("class=\"legend\"") != std::string::npos);
  CHECK(svg.find("class=\"axis-title\"") != std::string::npos);
}

TEST_CASE("chart: no label → caption is the title only", "[chart]") {
  Diagnostics d;
  std::string html = render(kFixtures[0].yaml, kFixtures[0].csv, d, "");
  CHECK(html.find("<figcaption><span class=\"figure-title\">2018—2022年全国网上零售额</span><a class=\"anchor\" href=\"#fig-online-retail\" aria-label=\"链接到此处\"></a></figcaption>") !=
        std::string::npos);
  CHECK(html.find("<title id=\"fig-online-retail-title\">2018—2022年全国网上零售额</title>") != std::string::npos);
}

TEST_CASE("chart: legend only with more than one series", "[chart]") {
  Diagnostics d;
  CHECK(svg_of(render(kFixtures[0].yaml, kFixtures[0].csv, d)).find("legend") == std::string::npos);
  CHECK(svg_of(render(kFixtures[3].yaml, kFixtures[3].csv, d)).find("class=\"legend\"") != std::string::npos);
}

TEST_CASE("chart: value labels use the data's decimals and separators", "[chart]") {
  Diagnostics d;
  std::string svg = svg_of(render(kFixtures[0].yaml, kFixtures[0].csv, d));
  CHECK(svg.find(">13.79</text>") != std::string::npos);
  CHECK(svg.find(">9.01</text>") != std::string::npos);
  std::string big = svg_of(render("id: b\ntype: bar\ndata: b\nx: k\ny: [v]\nlabels: true\n",
                                  "k,v\na,\"1,105.8\"\nb,43.83\n", d));
  CHECK(big.find(">1,105.80</text>") != std::string::npos);  // one format per series: 2 decimals
  CHECK(big.find(">43.83</text>") != std::string::npos);
  std::string pct = svg_of(render(kFixtures[2].yaml, kFixtures[2].csv, d));
  CHECK(pct.find(">27.2%</text>") != std::string::npos);
  CHECK(pct.find(">\u22121.4%</text>") != std::string::npos);
}

TEST_CASE("chart: bars start at zero and negatives go below it", "[chart]") {
  Diagnostics d;
  std::string svg = svg_of(render(kFixtures[7].yaml, kFixtures[7].csv, d));
  CHECK(svg.find(">0%</text>") != std::string::npos);
  CHECK(svg.find("class=\"axis baseline\"") != std::string::npos);
  // The bar chart's lowest tick is 0 even though the data start at 9.01.
  std::string bar = svg_of(render(kFixtures[0].yaml, kFixtures[0].csv, d));
  size_t ticks = bar.find("<g class=\"tick-label\" text-anchor=\"end\">\n");
  REQUIRE(ticks != std::string::npos);
  CHECK(bar.compare(bar.find("</text>", ticks) - 2, 9, ">0</text>") == 0);  // the first (lowest) tick
}

TEST_CASE("chart: negative numbers read with a real minus sign; the CSV link stays ASCII", "[chart]") {
  Diagnostics d;
  std::string html = render("id: n\ntype: bar\ndata: n\nx: k\ny: [v]\nlabels: true\n", "k,v\na,-5\nb,12\n", d);
  std::string svg = svg_of(html);
  CHECK(svg.find(">\u22125</text>") != std::string::npos);  // value label
  size_t ticks = svg.find("<g class=\"tick-label\" text-anchor=\"end\">\n");
  REQUIRE(ticks != std::string::npos);
  CHECK(svg.find(">\u22125</text>", ticks) < svg.find("</g>", ticks));  // tick
  CHECK(svg.find(">-") == std::string::npos);
  CHECK(html.find("<td class=\"num\">\u22125</td>") != std::string::npos);  // data table
  CHECK(html.find(">-5<") == std::string::npos);
}

TEST_CASE("chart: pie groups small slices and labels percentages", "[chart]") {
  Diagnostics d;
  std::string svg = svg_of(render(kFixtures[5].yaml, kFixtures[5].csv, d));
  CHECK(svg.find(">服装鞋帽、针纺织品</tspan>") != std::string::npos);  // long name: wrapped,
  CHECK(svg.find(">22.3%</tspan>") != std::string::npos);              // share on its own line
  CHECK(svg.find("其他 3.1%") != std::string::npos);          // 文具 1.3 + 乐器 1.8
  CHECK(svg.find("<title>其他，share：3.1% \u2014 文具 1.3%，乐器 1.8%</title>") != std::string::npos);
  CHECK(svg.find("<title>日用品，share：17.6%</title>") != std::string::npos);  // every slice says its share
  CHECK(svg.find("\">文具") == std::string::npos);            // not labelled one by one
  CHECK(svg.find("class=\"leader\"") != std::string::npos);
  std::string donut = svg_of(render(kFixtures[6].yaml, kFixtures[6].csv, d));
  CHECK(donut.find("其他 20.4%") != std::string::npos);      // the rest of 100%
  CHECK(donut.find("slice series-other") != std::string::npos);
}

TEST_CASE("chart: pie of plain values shows computed shares", "[chart]") {
  Diagnostics d;
  std::string svg = svg_of(render("id: p\ntype: pie\ndata: p\nx: k\ny: [v]\n", "k,v\na,3\nb,1\n", d));
  CHECK(svg.find(">a 75.0%<") != std::string::npos);
  CHECK(svg.find(">b 25.0%<") != std::string::npos);
}

TEST_CASE("chart: pie percentages above 100% warn", "[chart]") {
  Diagnostics d;
  render("id: p\ntype: pie\ndata: p\nx: k\ny: [v]\nunit: \"%\"\n", "k,v\na,60\nb,70\n", d);
  CHECK(diag_text(d) ==
        "content/chapters/01.md:12:7: warning: the values of pie chart 'p' add up to 130%, more than 100%\n"
        "  hint: the slices are drawn as shares of their sum\n");
}

TEST_CASE("chart: edge cases still render well-formed SVG", "[chart]") {
  std::string many = "k,v,w\n";
  for (int i = 0; i < 200; ++i) many += "item" + std::to_string(i) + "," + std::to_string(i % 17 - 5) + "," + std::to_string(i) + "\n";
  const std::pair<const char*, std::string> cases[] = {
      {"one row", "k,v,w\na,5,1\n"},
      {"all zero", "k,v,w\na,0,0\nb,0,0\n"},
      {"all negative", "k,v,w\na,-5,-1\nb,-12.5,-2\n"},
      {"huge", "k,v,w\na,12345678901,1\nb,98765432109,2\n"},
      {"tiny", "k,v,w\na,0.00012,1\nb,0.00034,2\n"},
      {"gaps", "k,v,w\na,,1\nb,3,\nc,,\nd,4,2\n"},
      {"many", many},
  };
  for (const char* type : {"bar", "stacked", "hbar", "line", "area", "pie", "donut", "combo", "scatter"}) {
    for (const auto& [name, csv] : cases) {
      bool pie = std::string(type) == "pie" || std::string(type) == "donut";
      if (pie && (std::string(name) == "all negative" || std::string(name) == "many" || std::string(name) == "all zero"))
        continue;
      std::string yaml = std::string("id: e\ntype: ") + type + "\ndata: e\nx: " +
                         (std::string(type) == "scatter" ? "w" : "k") + "\ny: [v]\nlabels: true\n" +
                         (std::string(type) == "combo" ? "y2: w\n" : "");
      Diagnostics d;
      std::string html = render(yaml, csv, d);
      INFO(type << " / " << name << "\n" << diag_text(d));
      CHECK(d.error_count() == 0);
      CHECK(xml_problem(svg_of(html)) == "");
      CHECK(svg_of(html).find("nan") == std::string::npos);
      CHECK(svg_of(html).find("inf") == std::string::npos);
    }
  }
}

// ---- rendering errors -------------------------------------------------------------------------

TEST_CASE("chart: data errors are reported where they are written, and nothing is drawn", "[chart]") {
  struct Case {
    const char* what;
    const char* yaml;
    const char* csv;
    const char* expected;
  };
  const Case cases[] = {
      {"missing column with did-you-mean at the y entry", "id: r\ntype: bar\ndata: ch01/retail\nx: year\ny: [amout]\n",
       "year,amount\n2022,1\n",
       "content/chapters/01.md:14:5: error: no column 'amout' in data set 'ch01/retail'\n"
       "  hint: did you mean 'amount'?\n"},
      {"missing x column lists the columns", "id: r\ntype: bar\ndata: r\nx: region_name\ny: [amount]\n",
       "year,amount\n2022,1\n",
       "content/chapters/01.md:13:4: error: no column 'region_name' in data set 'r'\n"
       "  hint: columns: year, amount\n"},
      {"non-numeric cell is reported in the CSV", "id: r\ntype: line\ndata: ch01/retail\nx: year\ny: [amount]\n",
       "year,amount\n2021,13.09\n2022,n/a\n",
       "content/data/ch01/retail.csv:3:6: error: column 'amount' must hold numbers for chart 'r', but this cell is 'n/a'\n"
       "  hint: leave the cell empty for a missing value\n"},
      {"empty data", "id: r\ntype: bar\ndata: e\nx: year\ny: [amount]\n", "year,amount\n",
       "content/chapters/01.md:12:7: error: data set 'e' has no rows\n  hint: add rows to content/data/e.csv\n"},
      {"no values", "id: r\ntype: bar\ndata: e\nx: year\ny: [amount]\n", "year,amount\n2021,\n",
       "content/chapters/01.md:14:5: error: chart 'r' has no values to draw\n"
       "  hint: every cell of its y columns is empty in content/data/e.csv\n"},
      {"negative pie value", "id: p\ntype: pie\ndata: p\nx: k\ny: [v]\n", "k,v\na,3\nb,-1\n",
       "content/data/p.csv:3:3: error: a pie chart cannot show the negative value -1\n"
       "  hint: use type: bar for values that can be negative\n"},
      {"a stacked chart too large to draw is an error at the cell, not bars of height 0",
       "id: s\ntype: stacked\ndata: s\nx: k\ny: [a, b]\n", "k,a,b\nx,1,2\ny,1e308,1e308\n",
       "content/data/s.csv:3:3: error: the value '1e308' is too large for chart 's'\n"
       "  hint: charts draw values up to \u00b11e15: give the data in a larger unit (\u4e07, \u4ebf, millions) and "
       "name it in 'unit:'\n"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    Diagnostics d;
    CHECK(render(c.yaml, c.csv, d) == "");
    CHECK(diag_text(d) == c.expected);
  }
}

TEST_CASE("chart: stacked values each drawable but too large together are an error at the row", "[chart]") {
  Diagnostics d;
  CHECK(render("id: s\ntype: stacked\ndata: s\nx: k\ny: [a, b]\n", "k,a,b\nx,1,2\ny,6e14,6e14\n", d) == "");
  CHECK(diag_text(d).rfind("content/data/s.csv:3:1: error: the stacked values of 'y' add up to 1.2e+15, too large", 0) == 0);
}

TEST_CASE("chart: values beyond the drawable range are errors at their cell, on every axis", "[chart]") {
  for (const char* type : {"bar", "stacked", "hbar", "line", "area", "pie", "combo", "scatter"}) {
    std::string t = type;
    std::string yaml = "id: e\ntype: " + t + "\ndata: e\nx: " + (t == "scatter" ? "w" : "k") + "\ny: [v]\n" +
                       (t == "combo" ? "y2: w\n" : "");
    INFO(type);
    Diagnostics ok;
    CHECK(render(yaml, "k,v,w\na,1e15,1\nb,2,-1e15\n", ok) != "");
    CHECK(ok.error_count() == 0);
    for (const char* csv : {"k,v,w\na,1,1\nb,-1.5e15,2\n", "k,v,w\na,1,1\nb,2,1e300\n"}) {
      if (t != "combo" && t != "scatter" && std::string(csv).find("1e300") != std::string::npos) continue;
      if (t == "pie" && std::string(csv).find('-') != std::string::npos) continue;
      Diagnostics d;
      CHECK(render(yaml, csv, d) == "");
      INFO(diag_text(d));
      CHECK(d.error_count() == 1);
      CHECK(diag_text(d).find("content/data/e.csv:3:") == 0);
      CHECK(diag_text(d).find("too large for chart 'e'") != std::string::npos);
    }
  }
}

TEST_CASE("chart: missing cells leave gaps", "[chart]") {
  Diagnostics d;
  std::string svg = svg_of(render(kFixtures[3].yaml, kFixtures[3].csv, d));
  // physical has no 2013/2014 values: its line starts at the third category.
  CHECK(d.error_count() == 0);
  CHECK(std::count(svg.begin(), svg.end(), 'M') >= 2);
}

// ---- escaping ---------------------------------------------------------------------------------

TEST_CASE("chart: script payloads are text everywhere", "[chart]") {
  const char* payload = "<script>alert(1)</script>";
  std::string yaml = std::string("id: x\ntype: bar\ntitle: \"") + payload + "\"\ndata: x\nx: k\ny: [v]\nlabels: true\n" +
                     "names: {v: \"" + payload + "\"}\nunit: \"" + payload + "\"\nsource: \"" + payload + "&\"\nnote: \"" +
                     payload + "\"\n";
  for (const char* type : {"bar", "hbar", "pie", "line"}) {
    std::string y = yaml;
    y.replace(y.find("type: bar"), 9, std::string("type: ") + type);
    Diagnostics d;
    std::string html = render(y, std::string("k,v,w\n\"") + payload + "\",1,2\nb&c,2,3\n\"'q'\",3,4\n", d, payload);
    INFO(type << "\n" << diag_text(d));
    REQUIRE(d.error_count() == 0);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("b&amp;c") != std::string::npos);
    CHECK(xml_problem(svg_of(html)) == "");
    CHECK(xml_problem(html, true) == "");
  }
}

// ---- label layout -----------------------------------------------------------------------------

TEST_CASE("chart: wrap_text breaks CJK anywhere and Latin at spaces", "[chart]") {
  CHECK(wrap_text("农村网络零售额", 48, 12) == std::vector<std::string>{"农村网络", "零售额"});
  CHECK(wrap_text("online retail sales", 80, 12) == std::vector<std::string>{"online retail", "sales"});
  // Closing punctuation never starts a line; an opening bracket never ends one.
  auto lines = wrap_text("服装鞋帽、针纺织品", 48, 12);
  for (const auto& l : lines) CHECK(l.rfind("、", 0) != 0);
  lines = wrap_text("网络零售（实物）", 60, 12);
  for (const auto& l : lines) CHECK(l.substr(l.size() - 3) != "（");
  // A word longer than a line is broken between characters.
  for (const auto& l : wrap_text("supercalifragilistic", 40, 12)) CHECK(text_width(l, 12) <= 40);
}

TEST_CASE("chart: 12 long CJK category labels never overlap", "[chart]") {
  std::string csv = "name,value\n";
  const char* names[] = {"华东地区农村网络零售额", "华南地区农产品网络零售额", "华北地区跨境电商进出口额",
                         "华中地区直播电商交易额",   "西南地区农村网络零售额",   "西北地区农产品网络零售额",
                         "东北地区跨境电商进出口额", "长三角地区直播电商交易额", "珠三角地区农村网络零售额",
                         "京津冀地区农产品网络零售额", "成渝地区跨境电商进出口额", "粤港澳大湾区直播电商交易额"};
  for (int i = 0; i < 12; ++i) csv += std::string(names[i]) + "," + std::to_string(10 + i * 3) + ".5\n";
  for (const char* type : {"bar", "line", "stacked", "area", "combo"}) {
    std::string yaml = std::string("id: t\ntype: ") + type + "\ndata: t\nx: name\ny: [value]\nlabels: true\n" +
                       (std::string(type) == "combo" ? "y2: value\n" : "");
    Diagnostics d;
    std::string svg = svg_of(render(yaml, csv, d));
    INFO(type);
    REQUIRE(d.error_count() == 0);
    auto q = text_quads(svg, "category-label", 12);
    CHECK(q.size() >= 6);  // rotated, maybe thinned, never dropped wholesale
    check_no_overlap(q);
    for (const auto& [t, quad] : q)
      for (const auto& p : quad) {
        INFO(t);
        CHECK(p[0] >= 0);  // not cut off at the edges of the viewBox
        CHECK(p[0] <= 480);
      }
  }
  // The layout itself: at a realistic slot every label is kept, rotated.
  std::vector<std::string> labels(std::begin(names), std::end(names));
  CategoryLabels cl = layout_category_labels(labels, 36, 12);
  CHECK(cl.mode == CategoryLabels::kRotated);
  CHECK(cl.step == 1);
}

TEST_CASE("chart: medium labels wrap, years thin out", "[chart]") {
  std::vector<std::string> labels = {"东部地区网络零售", "中部地区网络零售", "西部地区网络零售", "东北地区网络零售"};
  CategoryLabels cl = layout_category_labels(labels, 80, 12);
  CHECK(cl.mode == CategoryLabels::kWrapped);
  CHECK(cl.lines[0] == std::vector<std::string>{"东部地区网络", "零售"});
  std::vector<std::string> years;
  for (int y = 1990; y <= 2022; ++y) years.push_back(std::to_string(y));
  cl = layout_category_labels(years, 13, 12);
  CHECK(cl.mode == CategoryLabels::kHorizontal);
  CHECK(cl.step == 3);
  CHECK(cl.lines[0] == std::vector<std::string>{"1990"});
  CHECK(cl.lines[1].empty());
  CHECK(cl.lines[3] == std::vector<std::string>{"1993"});
}

TEST_CASE("chart: hbar category labels and value labels do not overlap", "[chart]") {
  std::string csv = "name,value\n";
  for (int i = 0; i < 12; ++i)
    csv += "第" + std::to_string(i + 1) + "类商品：服装鞋帽、针纺织品及其他日用品," + std::to_string(3 + i) + ".2\n";
  Diagnostics d;
  std::string svg = svg_of(render("id: h\ntype: hbar\ndata: h\nx: name\ny: [value]\nlabels: true\n", csv, d));
  REQUIRE(d.error_count() == 0);
  auto q = text_quads(svg, "category-label", 12);
  CHECK(q.size() >= 24);  // every label, wrapped to two or more lines
  auto v = text_quads(svg, "value-label", 11);
  CHECK(v.size() == 12);
  q.insert(q.end(), v.begin(), v.end());
  check_no_overlap(q);
}

TEST_CASE("chart: pie labels do not overlap", "[chart]") {
  std::string csv = "k,v\n";
  for (int i = 0; i < 10; ++i) csv += "第" + std::to_string(i + 1) + "类商品网络零售额," + std::to_string(4 + i) + "\n";
  Diagnostics d;
  std::string svg = svg_of(render("id: p\ntype: donut\ndata: p\nx: k\ny: [v]\n", csv, d));
  REQUIRE(d.error_count() == 0);
  auto q = text_quads(svg, "slice-label", 12);
  CHECK(q.size() >= 10);
  check_no_overlap(q);
}

// ---- ```table and ```figure ---------------------------------------------------------------------

TEST_CASE("table: block renders a real table", "[chart][table]") {
  Diagnostics d;
  TableSpec spec;
  REQUIRE(parse_table_spec("id: category-share\ndata: retail/categories\ncaption: 各品类占比\ncolumns:\n"
                           "  - {key: category, label: 商品品类}\n  - {key: share, label: 占比（%）, format: \".2f\"}\n"
                           "  - {key: amount, label: 金额, format: \",.1f\"}\nsource: 商务大数据\nnote: 注文\n",
                           kBlock, &spec, d));
  DataSet ds = csv_set("retail/categories", "category,share,amount\n<b>服装</b>,22.3,1105.8\n日用品,,43\n");
  std::string html = render_table_figure(spec, ds, "表1-1", "../data/retail/categories.csv", FigureText{}, d);
  CHECK(diag_text(d) == "");
  CHECK(html ==
        "<figure id=\"tbl-category-share\" class=\"figure data-table\">\n"
        "<figcaption><span class=\"figure-label\">表1-1</span> <span class=\"figure-title\">各品类占比</span><a class=\"anchor\" href=\"#tbl-category-share\" aria-label=\"链接到此处\"></a></figcaption>\n"
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"表1-1 各品类占比\" tabindex=\"0\">\n"
        "<table class=\"data\">\n"
        "<thead>\n"
        "<tr><th scope=\"col\">商品品类</th><th scope=\"col\" class=\"num\">占比（%）</th><th scope=\"col\" class=\"num\">金额</th></tr>\n"
        "</thead>\n"
        "<tbody>\n"
        "<tr><th scope=\"row\">&lt;b&gt;服装&lt;/b&gt;</th><td class=\"num\">22.30</td><td class=\"num\">1,105.8</td></tr>\n"
        "<tr><th scope=\"row\">日用品</th><td class=\"num\"></td><td class=\"num\">43.0</td></tr>\n"
        "</tbody>\n"
        "</table>\n"
        "</div>\n"
        "<p class=\"figure-source\">数据来源：商务大数据</p>\n"
        "<p class=\"figure-note\">注：注文</p>\n"
        "<p class=\"figure-download\"><a href=\"../data/retail/categories.csv\" download>下载 CSV</a></p>\n"
        "</figure>\n");
  CHECK(xml_problem(html, true) == "");
}

TEST_CASE("table: without columns shows every column as written", "[chart][table]") {
  Diagnostics d;
  TableSpec spec;
  REQUIRE(parse_table_spec("id: t\ndata: t\ncaption: C\n", kBlock, &spec, d));
  DataSet ds = csv_set("t", "year,amount\n2022,\"1,105.8\"\n");
  ds.source = "国家统计局";  // from the catalog
  std::string html = render_table_figure(spec, ds, "", "", FigureText{}, d);
  CHECK(html.find("<td class=\"num\">1,105.8</td>") != std::string::npos);
  CHECK(html.find("<th scope=\"row\" class=\"num\">2022</th>") == std::string::npos);
  CHECK(html.find("<p class=\"figure-source\">数据来源：国家统计局</p>") != std::string::npos);
  CHECK(html.find("download") == std::string::npos);
}

TEST_CASE("table: spec errors", "[chart][table]") {
  Diagnostics d;
  TableSpec spec;
  CHECK_FALSE(parse_table_spec("id: t\ndata: t\ncaptoin: C\ncolumns:\n  - {key: a, lable: b}\n  - {key: c, format: \"%d\"}\n",
                               kBlock, &spec, d));
  CHECK(diag_text(d) ==
        "content/chapters/01.md:12:1: error: unknown table field 'captoin'\n"
        "  hint: did you mean 'caption'?\n"
        "content/chapters/01.md:14:14: error: unknown column field 'lable'\n"
        "  hint: did you mean 'label'?\n"
        "content/chapters/01.md:15:5: error: bad format '%d' for column 'c'\n"
        "  hint: use \".2f\" (2 decimals), \",.0f\" (thousands separators) or \".1f%\" (add %)\n");
  Diagnostics d2;
  CHECK_FALSE(parse_table_spec("caption: C\n", kBlock, &spec, d2));
  CHECK(diag_text(d2) ==
        "content/chapters/01.md:10:1: error: table is missing 'id'\n"
        "  hint: add id: NAME (the anchor tbl-NAME)\n"
        "content/chapters/01.md:10:1: error: table is missing 'data'\n"
        "  hint: add data: PATH (the data file without extension)\n");
}

TEST_CASE("table: unknown column at its entry", "[chart][table]") {
  Diagnostics d;
  TableSpec spec;
  REQUIRE(parse_table_spec("id: t\ndata: t\ncolumns:\n  - {key: shrae}\n", kBlock, &spec, d));
  DataSet ds = csv_set("t", "category,share\na,1\n");
  CHECK(render_table_figure(spec, ds, "", "", FigureText{}, d) == "");
  CHECK(diag_text(d) ==
        "content/chapters/01.md:13:5: error: no column 'shrae' in data set 't'\n"
        "  hint: did you mean 'share'?\n");
}

TEST_CASE("figure: placeholder keeps the number, shows the note", "[chart][table]") {
  Diagnostics d;
  FigureSpec spec;
  REQUIRE(parse_figure_spec("id: ecommerce-volume-trend\ntitle: 2011—2022年全国电子商务交易额\n"
                            "note: 原报告此图只给出2022年数值（43.83万亿元），未列出历年数据，故不复原。\nsource: 国家统计局\n",
                            kBlock, &spec, d));
  CHECK(render_placeholder_figure(spec, "图1-1", FigureText{}) ==
        "<figure id=\"fig-ecommerce-volume-trend\" class=\"figure placeholder\">\n"
        "<figcaption><span class=\"figure-label\">图1-1</span> <span class=\"figure-title\">2011—2022年全国电子商务交易额</span> "
        "<span class=\"no-chart\">（无图表数据）</span><a class=\"anchor\" href=\"#fig-ecommerce-volume-trend\" aria-label=\"链接到此处\"></a></figcaption>\n"
        "<p class=\"figure-note\">注：原报告此图只给出2022年数值（43.83万亿元），未列出历年数据，故不复原。</p>\n"
        "<p class=\"figure-source\">数据来源：国家统计局</p>\n"
        "</figure>\n");
  Diagnostics d2;
  CHECK_FALSE(parse_figure_spec("id: x\ntitel: y\n", kBlock, &spec, d2));
  CHECK(diag_text(d2) ==
        "content/chapters/01.md:11:1: error: unknown figure field 'titel'\n"
        "  hint: did you mean 'title'?\n"
        "content/chapters/01.md:10:1: error: figure is missing 'title'\n"
        "  hint: add title: the figure's caption\n");
}

TEST_CASE("chart: every bar and point carries its category, series and value as a <title>", "[chart]") {
  Diagnostics d;
  std::string bar = svg_of(render(kFixtures[0].yaml, kFixtures[0].csv, d));
  size_t rects = 0, titled = 0;
  const size_t group = bar.find("<g class=\"bar series-1\">\n"), end = bar.find("</g>", group);
  REQUIRE(group != std::string::npos);
  for (size_t at = bar.find("<rect ", group); at < end; at = bar.find("<rect ", at + 1)) {
    ++rects;
    if (bar.compare(bar.find('>', at) + 1, 8, "\n<title>") == 0) ++titled;
  }
  CHECK(rects == 5);
  CHECK(titled == rects);
  CHECK(bar.find("<title>2022，网上零售额：13.79万亿元</title>") != std::string::npos);  // unit of the axis, no space in CJK
}
