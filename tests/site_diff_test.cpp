#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "commands.h"
#include "site_diff.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;
namespace stdfs = std::filesystem;

namespace {

// A chapter page the way annalist writes it: prose with an interpolated number and a chart figure.
std::string chart_page(const std::string& value_2022, const std::string& prose_value) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<title>总报告</title>\n"
         "<script>var x = 1 < 2;</script>\n<style>p { color: red }</style>\n</head>\n<body>\n"
         "<p>2022年全国网上零售额达<span class=\"num\" data-source=\"ch01/indicators\">" +
         prose_value +
         "</span>万亿元，同比增长4.0%。</p>\n"
         "<figure id=\"fig-retail-online\" class=\"figure chart chart-combo\">\n"
         "<figcaption><span class=\"figure-label\">图1-2</span> <span class=\"figure-title\">"
         "2018—2022年全国网上零售额</span></figcaption>\n"
         "<svg class=\"chart-svg\" viewBox=\"0 0 480 300\"><title>2018—2022年全国网上零售额</title>"
         "<desc>网上零售额：5项，最大值" +
         value_2022 +
         "（2022）。</desc><text x=\"1\">0</text><text x=\"2\">" + value_2022 +
         "</text></svg>\n"
         "<details class=\"figure-data\">\n<summary>数据表</summary>\n<table class=\"data\">\n"
         "<thead>\n<tr>\n<th scope=\"col\">年份</th>\n<th scope=\"col\">网上零售额</th>\n</tr>\n</thead>\n"
         "<tbody>\n<tr>\n<td>2021</td>\n<td class=\"num\">13.09</td>\n</tr>\n"
         "<tr>\n<td>2022</td>\n<td class=\"num\">" +
         value_2022 + "</td>\n</tr>\n</tbody>\n</table>\n</details>\n</figure>\n</body>\n</html>\n";
}

// A scratch directory holding a built site.
struct SiteDir : TempDir {
  using TempDir::TempDir;
  void put(const std::string& rel, const std::string& bytes) const { write_file(path / rel, bytes); }
  std::string str() const { return path.string(); }
};

// Applies an edit script to a and checks it yields b.
bool script_is_valid(const std::vector<std::string>& a, const std::vector<std::string>& b,
                     const std::vector<DiffEdit>& edits) {
  std::vector<std::string> out;
  int ia = 0, ib = 0;
  for (const auto& e : edits) {
    if (e.op == DiffOp::kEqual) {
      if (e.old_index != ia || e.new_index != ib || a[ia] != b[ib]) return false;
      out.push_back(a[ia]);
      ++ia, ++ib;
    } else if (e.op == DiffOp::kDelete) {
      if (e.old_index != ia++) return false;
    } else {
      if (e.new_index != ib) return false;
      out.push_back(b[ib++]);
    }
  }
  return ia == static_cast<int>(a.size()) && out == b;
}

size_t lcs_length(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<size_t>> t(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j)
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
  return t[a.size()][b.size()];
}

size_t equal_count(const std::vector<DiffEdit>& edits) {
  size_t n = 0;
  for (const auto& e : edits) n += e.op == DiffOp::kEqual;
  return n;
}

}  // namespace

TEST_CASE("text extraction: one block per block element, tags stripped, entities decoded", "[diff]") {
  auto lines = extract_text_lines(
      "<html><head><title>T &amp; U</title><script>if (a < b) document.write('<p>x</p>')</script>"
      "<style>p{}</style></head><body>\n"
      "<h2 id=\"s1\"><span class=\"secno\">1.1</span> Sales  &lt;growth&gt;</h2>\n"
      "<p>He said &quot;hi&quot; &#39;there&#39; &#20013;&#x6587; &nbsp;x&unknown; a &amp b"
      "<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup></p>\n"
      "<ul>\n<li>one <em>two</em></li>\n<li>three<br>four</li>\n</ul>\n"
      "<!-- a comment <p>no</p> -->\n"
      "<table><tr><th>Year</th><th>Value</th></tr><tr><td>2022</td><td>1,105.8</td></tr></table>\n"
      "</body></html>");
  CHECK(lines == std::vector<std::string>{"T & U", "1.1 Sales <growth>", "He said \"hi\" 'there' 中文 x&unknown; a &amp b[1]",
                                          "one two", "three four", "Year | Value", "2022 | 1,105.8"});
}

TEST_CASE("text extraction keeps a chart's title and desc but not its drawing", "[diff]") {
  auto blocks = extract_text_blocks(chart_page("13.79", "13.79"));
  std::vector<std::string> texts;
  for (const auto& b : blocks) texts.push_back(b.text);
  CHECK(texts == std::vector<std::string>{"总报告", "2022年全国网上零售额达13.79万亿元，同比增长4.0%。",
                                          "图1-2 2018—2022年全国网上零售额", "2018—2022年全国网上零售额",
                                          "网上零售额：5项，最大值13.79（2022）。", "数据表", "年份 | 网上零售额",
                                          "2021 | 13.09", "2022 | 13.79"});
  REQUIRE(blocks.size() == 9);
  CHECK(blocks[1].caption.empty());
  CHECK(blocks[4].in_svg);
  CHECK_FALSE(blocks[8].in_svg);
  CHECK(blocks[8].caption == "图1-2 2018—2022年全国网上零售额");
}

TEST_CASE("decode_entities leaves unknown and malformed references alone", "[diff]") {
  CHECK(decode_entities("&lt;b&gt; &amp;amp; &#65;&#x42; &#0; &#xD800; &bogus; & x") ==
        "<b> &amp; AB &#0; &#xD800; &bogus; & x");
}

TEST_CASE("line diff on a known input", "[diff]") {
  std::vector<std::string> a = {"a", "b", "c", "d", "e", "f", "g", "h"};
  std::vector<std::string> b = {"a", "b", "C", "d", "e", "f", "g", "h", "i"};
  auto edits = diff_lines(a, b);
  REQUIRE(script_is_valid(a, b, edits));
  CHECK(equal_count(edits) == 7);
  CHECK(format_line_diff(a, b, edits, 1) ==
        "@@ -2,3 +2,3 @@\n"
        "  b\n"
        "- c\n"
        "+ C\n"
        "  d\n"
        "@@ -8,1 +8,2 @@\n"
        "  h\n"
        "+ i\n");
  CHECK(format_line_diff(a, b, edits, 3) ==
        "@@ -1,8 +1,9 @@\n  a\n  b\n- c\n+ C\n  d\n  e\n  f\n  g\n  h\n+ i\n");
  CHECK(diff_lines({}, {}).empty());
  CHECK(format_line_diff({}, {"x"}, diff_lines({}, {"x"}), 2) == "@@ -0,0 +1,1 @@\n+ x\n");
  CHECK(format_line_diff({"x"}, {}, diff_lines({"x"}, {}), 2) == "@@ -1,1 +0,0 @@\n- x\n");
}

TEST_CASE("line diff is minimal (checked against LCS on random inputs)", "[diff]") {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> a, b;
    int na = static_cast<int>(rng() % 30), nb = static_cast<int>(rng() % 30);
    int alphabet = 2 + static_cast<int>(rng() % 6);
    for (int i = 0; i < na; ++i) a.push_back(std::string(1, static_cast<char>('a' + rng() % alphabet)));
    for (int i = 0; i < nb; ++i) b.push_back(std::string(1, static_cast<char>('a' + rng() % alphabet)));
    auto edits = diff_lines(a, b);
    REQUIRE(script_is_valid(a, b, edits));
    REQUIRE(equal_count(edits) == lcs_length(a, b));
  }
}

TEST_CASE("line diff stays fast on 5,000-line pages", "[diff]") {
  std::vector<std::string> a, b;
  for (int i = 0; i < 5000; ++i) a.push_back("paragraph " + std::to_string(i) + " 的文字");
  b = a;
  for (int i = 0; i < 5000; i += 50) b[static_cast<size_t>(i)] += " (edited)";
  b.insert(b.begin() + 2500, "a new paragraph");
  auto t0 = std::chrono::steady_clock::now();
  auto edits = diff_lines(a, b);
  // Completely different pages: the worst case for an O(ND) diff.
  std::vector<std::string> c;
  for (int i = 0; i < 5000; ++i) c.push_back("other " + std::to_string(i));
  auto worst = diff_lines(a, c);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(script_is_valid(a, b, edits));
  CHECK(equal_count(edits) == 4900);
  CHECK(script_is_valid(a, c, worst));
  CHECK(equal_count(worst) == 0);
  CHECK(secs < 5.0);
}

TEST_CASE("numbers are found without regular expressions", "[diff]") {
  auto texts = [](std::string_view s) {
    std::vector<std::string> out;
    for (const auto& t : find_numbers(s)) out.push_back(t.text);
    return out;
  };
  CHECK(texts("全国网上零售额13.79万亿元，增长4.0%，占27.2%") == std::vector<std::string>{"13.79", "4.0%", "27.2%"});
  CHECK(texts("revenue 1,105.8 and -3.5 and +12% (−0.7)") ==
        std::vector<std::string>{"1,105.8", "-3.5", "+12%", "−0.7"});
  CHECK(texts("图1-2 2018—2022年") == std::vector<std::string>{"1", "2", "2018", "2022"});
  CHECK(texts("5G, H5, CO2, v1.2.3 and 3D are not numbers; 2022.") == std::vector<std::string>{"2022"});
  CHECK(texts("1,2,3 and 10,000,000") == std::vector<std::string>{"1", "2", "3", "10,000,000"});
  auto toks = find_numbers("ab 12");
  REQUIRE(toks.size() == 1);
  CHECK(toks[0].offset == 3);
}

TEST_CASE("snippet_around cuts long text around the number", "[diff]") {
  CHECK(snippet_around("short text 12", 11, 2) == "short text 12");
  std::string longer(100, 'x');
  longer.replace(50, 2, "42");
  std::string s = snippet_around(longer, 50, 2, 20);
  CHECK(s == "…" + std::string(9, 'x') + "42" + std::string(9, 'x') + "…");
  std::string start = "42" + std::string(100, 'y');
  CHECK(snippet_around(start, 0, 2, 10) == "42" + std::string(8, 'y') + "…");
}

TEST_CASE("a changed number in a chart's data table is found with the figure caption", "[diff]") {
  auto a = extract_text_blocks(chart_page("13.79", "13.79"));
  auto b = extract_text_blocks(chart_page("13.85", "13.85"));
  std::vector<std::string> ta, tb;
  for (const auto& x : a) ta.push_back(x.text);
  for (const auto& x : b) tb.push_back(x.text);
  auto changes = pair_numbers(a, b, diff_lines(ta, tb), "chapters/overview.html");
  REQUIRE(changes.size() == 2);  // the prose and the table row; the SVG <desc> is derived
  auto text = [](const NumberChange& c) {
    return c.page + ": " + c.old_text + " -> " + c.new_text + " [" + c.caption + "] " + c.snippet;
  };
  CHECK(text(changes[0]) == "chapters/overview.html: 13.79 -> 13.85 [] 2022年全国网上零售额达13.85万亿元，同比增长4.0%。");
  CHECK(text(changes[1]) == "chapters/overview.html: 13.79 -> 13.85 [图1-2 2018—2022年全国网上零售额] 2022 | 13.85");
}

TEST_CASE("numbers of replaced blocks pair by position, else by diff, else added/removed", "[diff]") {
  auto blocks = [](std::vector<std::string> texts) {
    std::vector<TextBlock> out;
    for (auto& t : texts) out.push_back({t, "", false});
    return out;
  };
  auto run = [&](std::vector<std::string> a, std::vector<std::string> b) {
    return pair_numbers(blocks(a), blocks(b), diff_lines(a, b), "p.html");
  };
  // Same count: by position, unchanged numbers are not listed.
  auto c1 = run({"same", "A grew 5% to 10 units", "end"}, {"same", "A grew 6% to 10 units", "end"});
  REQUIRE(c1.size() == 1);
  CHECK(c1[0].old_text == "5%");
  CHECK(c1[0].new_text == "6%");
  // Different count: the numbers are diffed; a new one is "added".
  auto c2 = run({"A grew 5% to 10 units"}, {"A grew 5% to 10 units in 2022"});
  REQUIRE(c2.size() == 1);
  CHECK(c2[0].old_text.empty());
  CHECK(c2[0].new_text == "2022");
  // A block deleted outright: its numbers are "removed"; a block pair is found by its masked text.
  auto c3 = run({"x", "Old para 1.5", "Kept 7 words", "y"}, {"x", "Kept 8 words", "y"});
  REQUIRE(c3.size() == 2);
  CHECK(c3[0].old_text == "1.5");
  CHECK(c3[0].new_text.empty());
  CHECK(c3[1].old_text == "7");
  CHECK(c3[1].new_text == "8");
}

TEST_CASE("diff_sites finds added, removed, changed and markup-only pages", "[diff]") {
  MemoryFileSystem fs;
  put_files(fs, {
      {"old/index.html", "<html lang=\"en\"><body><p>Hello</p></body></html>"},
      {"new/index.html", "<html lang=\"en\"><body><p class=\"x\">Hello</p></body></html>"},
      {"old/chapters/a.html", "<p>Total 12.5</p><p>same</p>"},
      {"new/chapters/a.html", "<p>Total 13.0</p><p>same</p>"},
      {"old/chapters/gone.html", "<p>bye</p>"},
      {"new/chapters/new.html", "<p>hi</p>"},
      {"old/figures.html", "<p>same</p>"},
      {"new/figures.html", "<p>same</p>"},
      {"old/assets/style.css", "a{}"},
      {"new/assets/style.css", "b{}"},
      {"old/search-index.js", "1"},
      {"new/search-index.js", "2"},
      {"old/.annalist-site", "x"},
      {"new/.annalist-site", "y"},
      {"old/data/sales.csv", "a\n1\n"},
      {"new/data/sales.csv", "a\n2\n"}});
  SiteDiff d = diff_sites(fs, "old", "new");
  REQUIRE(d.pages.size() == 4);
  CHECK(d.pages[0].path == "chapters/a.html");
  CHECK(d.pages[0].status == PageStatus::kChanged);
  CHECK(d.pages[1].path == "chapters/gone.html");
  CHECK(d.pages[1].status == PageStatus::kRemoved);
  CHECK(d.pages[2].path == "chapters/new.html");
  CHECK(d.pages[2].status == PageStatus::kAdded);
  CHECK(d.pages[3].path == "index.html");
  CHECK(d.pages[3].status == PageStatus::kMarkupOnly);
  CHECK(d.unchanged == 1);
  CHECK(d.other_changed == std::vector<std::string>{"data/sales.csv"});
  CHECK(d.lang == "en");
  REQUIRE(d.numbers.size() == 1);
  CHECK(d.numbers[0].old_text == "12.5");
  CHECK(d.numbers[0].new_text == "13.0");
  CHECK_FALSE(d.identical());

  std::string text = format_diff_text(d, "old", "new", false);
  CHECK(text.find("  added       chapters/new.html\n") != std::string::npos);
  CHECK(text.find("  removed     chapters/gone.html\n") != std::string::npos);
  CHECK(text.find("  markup only index.html\n") != std::string::npos);
  CHECK(text.find("    12.5 → 13.0  Total 13.0\n") != std::string::npos);
  CHECK(text.find("@@ -1,2 +1,2 @@\n- Total 12.5\n+ Total 13.0\n  same\n") != std::string::npos);
  CHECK(text.find('\033') == std::string::npos);
  CHECK(format_diff_text(d, "old", "new", true).find("\033[31m") != std::string::npos);
}

TEST_CASE("diff exit codes: 0 identical, 1 different, 2 missing directory", "[diff]") {
  SiteDir a("a"), b("b");
  a.put("index.html", "<p>Same</p>");
  b.put("index.html", "<p>Same</p>");
  a.put("assets/site.js", "1");
  b.put("assets/site.js", "2");
  std::ostringstream out, err;
  CHECK(run_diff_command(a.str(), b.str(), "", false, out, err) == 0);
  CHECK(out.str().find("No differences (1 page compared).") != std::string::npos);
  CHECK(err.str().empty());

  b.put("chapters/x.html", "<p>New page</p>");
  out.str("");
  CHECK(run_diff_command(a.str(), b.str(), "", false, out, err) == 1);
  CHECK(out.str().find("added       chapters/x.html") != std::string::npos);

  out.str("");
  CHECK(run_diff_command(a.str(), a.str() + "-missing", "", false, out, err) == 2);
  CHECK(out.str().empty());
  CHECK(err.str().find("annalist diff: '" + a.str() + "-missing' is not a directory") != std::string::npos);
}

TEST_CASE("the HTML report escapes page text such as <script>", "[diff]") {
  SiteDir a("ha"), b("hb"), o("ho");
  a.put("index.html", "<html lang=\"zh-CN\"><body><p>Use &lt;script&gt;alert(1)&lt;/script&gt; here: 1.5</p></body></html>");
  b.put("index.html", "<html lang=\"zh-CN\"><body><p>Use &lt;script&gt;alert(2)&lt;/script&gt; here: 2.5</p></body></html>");
  std::string report = (o.path / "review.html").string();
  std::ostringstream out, err;
  REQUIRE(run_diff_command(a.str(), b.str(), report, false, out, err) == 1);
  CHECK(out.str().find("wrote " + report) != std::string::npos);
  std::string html = read_file(report);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(") != std::string::npos);
  CHECK(html.find("<td class=\"num old\">1.5</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num new\">2.5</td>") != std::string::npos);
  CHECK(html.find("<div class=\"diff\" lang=\"zh-CN\">") != std::string::npos);
  CHECK(html.find("<del>1</del>") != std::string::npos);  // inline highlight of the changed word
  CHECK(html.find("</html>\n") == html.size() - 8);
}

namespace {

// True when s holds a byte a terminal acts on: C0 controls but '\n', DEL, or a C1 control
// (U+0080..U+009F, UTF-8 C2 80..C2 9F).
bool has_raw_control(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("diff shows control bytes in file names and text as visible escapes", "[diff]") {
  SiteDir a("ca\x1b[2J"), b("cb");
  a.put("index.html", "<p>Total \xC2\x9B""31m 12.5</p>");
  b.put("index.html", "<p>Total \xC2\x9B""31m 13.0</p>");
  b.put("chapters/\x1b[31mred\x7f.html", "<p>New page</p>");
  b.put("data/bell\x07\ttab.csv", "a\n1\n");
  for (bool colour : {false, true}) {
    std::ostringstream out, err;
    REQUIRE(run_diff_command(a.str(), b.str(), "", colour, out, err) == 1);
    std::string text = out.str();
    CHECK(text.find("chapters/\\x1b[31mred\\x7f.html") != std::string::npos);
    CHECK(text.find("data/bell\\x07\\x09tab.csv") != std::string::npos);
    CHECK(text.find("\\x1b[2J") != std::string::npos);  // the old site's directory name
    CHECK(text.find("Total \\u009b31m 13.0") != std::string::npos);
    if (!colour) CHECK_FALSE(has_raw_control(text));
    CHECK(text.find("\x1b[31mred") == std::string::npos);
    CHECK(text.find("\x1b[2J") == std::string::npos);
  }
  std::ostringstream out, err;
  CHECK(run_diff_command(a.str() + "\x1b[0m-missing", b.str(), "", false, out, err) == 2);
  CHECK(err.str().find("\\x1b[0m-missing' is not a directory") != std::string::npos);
  CHECK_FALSE(has_raw_control(err.str()));
}
