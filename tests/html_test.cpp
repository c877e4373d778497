#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <iterator>
#include <sstream>
#include <tuple>

#include "data.h"
#include "html.h"
#include "xref.h"

using namespace annalist;

namespace {

nlohmann::json zh_ui() {
  return {{"chapter_label", "第{n}章"}, {"appendix_label", "附录{n}"}, {"figure_label", "图{chapter}-{n}"},
          {"table_label", "表{chapter}-{n}"}, {"figure_label_front", "图{n}"}, {"table_label_front", "表{n}"},
          {"section_ref", "{n}节"}, {"source_prefix", "数据来源："}, {"unit_prefix", "单位："},
          {"footnotes", "注释"}, {"back_to_text", "返回正文"}, {"data_table", "数据表"},
          {"download_csv", "下载 CSV"}, {"note_prefix", "注："}};
}

struct Fixture {
  Config config;
  DataStore data;
  UiStrings ui = ui_strings(zh_ui());
  Fixture() {
    DataStore store;
    Diagnostics d;
    DataSet ds;
    REQUIRE(load_data_file("retail.csv", "data/retail.csv", "year,amount,growth\n2021,13.09,14.1\n2022,13.79,4.0\n",
                           &ds, d));
    data.sets.emplace(ds.path, std::make_shared<const DataSet>(ds));
  }
  RenderedPage render(const std::string& md, const std::string& number = "1") {
    Page p;
    p.file = "c/1.md";
    p.source = std::make_shared<const std::string>(md);
    p.number = number;
    p.kind = number.empty() ? PageKind::kFront : PageKind::kChapter;
    p.slug = "one";
    p.url = "chapters/one.html";
    RenderEnv env{config, data, ui};
    return render_page(p, env);
  }
};

// The page's body finalized for its chapter page; what that reports goes to *diags when given.
std::string final_html(const RenderedPage& r, Diagnostics* diags = nullptr) {
  Page p;
  p.slug = "one";
  p.url = "chapters/one.html";
  std::vector<Page> pages{p};
  std::vector<RenderedPage> rs{r};
  Diagnostics scratch;
  Diagnostics& d = diags ? *diags : scratch;
  Targets t = collect_targets(pages, rs, ui_strings(zh_ui()), d);
  return finalize_body(r, 0, pages, t, LinkContext{}, &d);
}

std::string errors(const RenderedPage& r) {
  std::ostringstream s;
  print_diagnostics(r.diags, s);
  return s.str();
}

}  // namespace

TEST_CASE("the first # heading is the title and leaves the body", "[html]") {
  Fixture f;
  auto r = f.render("# 总报告 {#ch-1}\n\n正文。\n");
  CHECK(r.title == "总报告");
  CHECK(final_html(r) == "<p>正文。</p>\n");
}

TEST_CASE("sections are numbered per chapter with ids from {#id} or the text", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n## 发展现状 {#status}\n\n### 交易额\n\n### 交易额\n\n## Outlook & Trends\n\n#### deep\n");
  const std::pair<const char*, const char*> expected[] = {
      {"status", "1.1"}, {"交易额", "1.1.1"}, {"交易额-1", "1.1.2"}, {"outlook--trends", "1.2"}, {"deep", ""}};
  REQUIRE(r.headings.size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    INFO("heading " << i);
    CHECK(r.headings[i].id == expected[i].first);
    CHECK(r.headings[i].number == expected[i].second);
  }
  CHECK(final_html(r) ==
        "<h2 id=\"status\"><span class=\"secno\">1.1</span> 发展现状<a class=\"anchor\" href=\"#status\" aria-label=\"链接到此处\"></a></h2>\n"
        "<h3 id=\"交易额\"><span class=\"secno\">1.1.1</span> 交易额<a class=\"anchor\" href=\"#交易额\" aria-label=\"链接到此处\"></a></h3>\n"
        "<h3 id=\"交易额-1\"><span class=\"secno\">1.1.2</span> 交易额<a class=\"anchor\" href=\"#交易额-1\" aria-label=\"链接到此处\"></a></h3>\n"
        "<h2 id=\"outlook--trends\"><span class=\"secno\">1.2</span> Outlook &amp; Trends<a class=\"anchor\" href=\"#outlook--trends\" aria-label=\"链接到此处\"></a></h2>\n"
        "<h4 id=\"deep\">deep<a class=\"anchor\" href=\"#deep\" aria-label=\"链接到此处\"></a></h4>\n");
}

TEST_CASE("heading ids follow GitHub and mdBook: CJK kept, punctuation dropped, -1 -2 for repeats", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n## 故障排除（Troubleshooting）\n\n## 小结\n\n## 小结\n\n## 小结-1\n\n## 小结\n\n"
                    "## Outlook & trends {#outlook}\n\n## 2022 年：回顾与展望\n\n## 回顾 {#回顾总结}\n");
  const std::pair<const char*, const char*> expected[] = {
      {"故障排除troubleshooting", "故障排除-troubleshooting"},
      {"小结", "小结"},
      {"小结-1", "小结-2"},
      {"小结-1-1", "小结-1"},  // the text's own id was taken by the repeat before it
      {"小结-2", "小结-3"},
      {"outlook", "outlook"},  // {#id} wins under both rules
      {"2022-年回顾与展望", "2022-年-回顾与展望"},
      {"回顾总结", "回顾总结"},  // a CJK {#…} overrides too
  };
  REQUIRE(r.headings.size() == std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    INFO("heading " << i << ": " << r.headings[i].text);
    CHECK(r.headings[i].id == expected[i].first);
    CHECK(r.headings[i].old_id == expected[i].second);
  }
  CHECK(r.headings[5].explicit_id);
  CHECK(r.headings[5].text == "Outlook & trends");
  CHECK(r.headings[7].explicit_id);
  CHECK(r.headings[7].text == "回顾");
}

TEST_CASE("a page that starts below ## numbers from its own top level, without a .0", "[html]") {
  Fixture f;
  f.config.number_sections = true;
  auto r = f.render("# T\n\n### 第一节\n\n#### 细节\n\n##### 更细\n\n### 第二节\n", "13");
  const std::tuple<int, int, const char*> expected[] = {{3, 0, "13.1"}, {4, 1, "13.1.1"}, {5, 2, ""}, {3, 0, "13.2"}};
  REQUIRE(r.headings.size() == std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    INFO("heading " << i);
    CHECK(r.headings[i].level == std::get<0>(expected[i]));
    CHECK(r.headings[i].depth == std::get<1>(expected[i]));
    CHECK(r.headings[i].number == std::get<2>(expected[i]));
  }
  CHECK(final_html(r).find("<h3 id=\"第一节\"><span class=\"secno\">13.1</span> 第一节<a class=\"anchor\" href=\"#第一节\" aria-label=\"链接到此处\"></a></h3>") != std::string::npos);
  // A page with a ## counts from ##; a ### before the first ## gets no number rather than 13.0.1.
  auto r2 = f.render("# T\n\n### 引言\n\n## A\n\n### B\n", "13");
  REQUIRE(r2.headings.size() == 3);
  CHECK(r2.headings[0].depth == 1);
  CHECK(r2.headings[0].number.empty());
  CHECK(r2.headings[1].number == "13.1");
  CHECK(r2.headings[2].number == "13.1.1");
}

TEST_CASE("front pages have no section numbers; numbering can be turned off", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n## A\n", "");
  CHECK(r.headings[0].number.empty());
  f.config.number_sections = false;
  auto r2 = f.render("# T\n\n## A\n");
  CHECK(r2.headings[0].number.empty());
}

TEST_CASE("GFM: tables with alignment, strikethrough, autolinks, lists, code", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n| 地区 | 2022 |\n|:---|---:|\n| 东部 | 83.9 |\n\n~~旧~~ https://example.org\n\n- a\n- b\n\n```\nx < y\n```\n");
  CHECK(final_html(r) ==
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"表格\" tabindex=\"0\">\n<table>\n<thead>\n<tr>\n<th scope=\"col\">地区</th>\n"
        "<th scope=\"col\" class=\"num\">2022</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>东部</td>\n"
        "<td class=\"num\">83.9</td>\n</tr>\n</tbody>\n</table>\n</div>\n"
        "<p><del>旧</del> <a href=\"https://example.org\">https://example.org</a></p>\n"
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>x &lt; y\n</code></pre>\n");
}

TEST_CASE("a caption line below a GFM table makes it a numbered table", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n| a |\n|---|\n| 1 |\n\n表：各区域占比 {#tbl:regions}\n\n@tbl:regions 显示……\n");
  REQUIRE(r.figures.size() == 1);
  CHECK(r.figures[0].label == "表1-1");
  CHECK(r.figures[0].anchor == "tbl-regions");
  auto html = final_html(r);
  CHECK(html.find("<figure class=\"figure md-table\" id=\"tbl-regions\">\n<figcaption><span class=\"figno\">表1-1</span> 各区域占比</figcaption>") == 0);
  CHECK(html.find("<a class=\"xref\" href=\"#tbl-regions\" title=\"各区域占比\">表1-1</a> 显示") != std::string::npos);
}

TEST_CASE("GFM tables: a scroll region named by the caption, dates and numbers that do not break", "[html][tables]") {
  Fixture f;
  auto r = f.render("# T\n\n| 日期 | 件数 | 事项 |\n|---|---|---|\n| 2022-06-24 | 1,105 | 发布 |\n| 2022年6月 | −3.2% | 2022年底前 |\n\n"
                    "表：大事 {#tbl:events}\n");
  auto html = final_html(r);
  CHECK(html.find("<div class=\"table-wrap\" role=\"region\" aria-label=\"表1-1 大事\" tabindex=\"0\">\n<table>\n") !=
        std::string::npos);
  CHECK(html.find("<td class=\"nowrap\">2022-06-24</td>\n<td class=\"nowrap\">1,105</td>\n<td>发布</td>") != std::string::npos);
  CHECK(html.find("<td class=\"nowrap\">2022年6月</td>\n<td class=\"nowrap\">−3.2%</td>\n<td>2022年底前</td>") !=
        std::string::npos);
  CHECK(html.find("data-label") == std::string::npos);  // short cells: a table on phones too
}

TEST_CASE("GFM tables: long text in several columns becomes cards on phones, each cell labelled", "[html][tables]") {
  Fixture f;
  auto r = f.render("# T\n\n| 日期 | 部门 | 名称 |\n|---|---|---|\n"
                    "| 2022-06-24 | 全国人民代表大会常务委员会 | 关于修改中华人民共和国反垄断法的决定 |\n");
  auto html = final_html(r);
  CHECK(html.find("<table class=\"cards\">\n<thead>\n<tr>\n<th scope=\"col\">日期</th>") != std::string::npos);
  CHECK(html.find("<td class=\"nowrap\" data-label=\"日期\">2022-06-24</td>\n"
                  "<td data-label=\"部门\">全国人民代表大会常务委员会</td>\n"
                  "<td data-label=\"名称\">关于修改中华人民共和国反垄断法的决定</td>") != std::string::npos);
}

TEST_CASE("a caption on the line right below a table is not a table row", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\nTable: 紧随其后 {#tbl:tight}\n");
  REQUIRE(r.figures.size() == 1);
  CHECK(r.figures[0].anchor == "tbl-tight");
  auto html = final_html(r);
  CHECK(html.find("紧随其后</figcaption>") != std::string::npos);
  CHECK(html.find("<td>Table:") == std::string::npos);
  CHECK(html.find("<td class=\"nowrap\">1</td>") != std::string::npos);
}

TEST_CASE("footnotes are numbered by first reference with back-links", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n甲[^b]乙[^a]丙[^b]。\n\n[^a]: 注A。\n[^b]: 注B。\n");
  auto html = final_html(r);
  CHECK(html.find("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\"") != std::string::npos);
  // A word joiner (U+2060) keeps each mark on the line of the word before it.
  CHECK(html.find("甲\u2060<sup class=\"footnote-ref\">") != std::string::npos);
  CHECK(html.find("丙\u2060<sup class=\"footnote-ref\">") != std::string::npos);
  CHECK(html.find("<a href=\"#fn-1\" id=\"fnref-1-2\"") != std::string::npos);
  CHECK(html.find("<a href=\"#fn-2\" id=\"fnref-2\"") != std::string::npos);
  CHECK(html.find("<section class=\"footnotes\">\n<h2 class=\"footnotes-title\" id=\"footnotes-label\">注释</h2>") !=
        std::string::npos);
  CHECK(html.find("<li id=\"fn-1\">\n<p>注B。 <a href=\"#fnref-1\" class=\"footnote-back\" aria-label=\"返回正文\">↩</a> "
                  "<a href=\"#fnref-1-2\"") != std::string::npos);
}

TEST_CASE("raw HTML: an allow-list passes by default, allow_html passes more, script never", "[html]") {
  Fixture f;
  const std::string md =
      "# T\n\n<div onclick=\"x()\" class=\"box\">hi</div>\n\n"
      "text <b>bold</b> <span class=filename style=\"color:red\">a.rs</span> <!-- ignore --><kbd>Ctrl</kbd>"
      " <font color=red>f</font> <script>alert(1)</script>\n\n"
      "<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n";
  auto r = f.render(md);
  CHECK(final_html(r) ==
        "<div class=\"box\">hi</div>\n"
        "<p>text <b>bold</b> <span class=\"filename\">a.rs</span> <kbd>Ctrl</kbd> &lt;font color=red>f&lt;/font> "
        "&lt;script>alert(1)&lt;/script></p>\n"
        "<details>\n<summary>More</summary>\n<p>Hidden <em>text</em>.</p>\n</details>\n");
  CHECK(errors(r) ==
        "c/1.md:3:6: warning: raw HTML: removed event handler 'onclick'\n"
        "  hint: allow_html keeps tags and plain attributes, never script: a report runs no code of its own\n"
        "c/1.md:5:39: warning: raw HTML: removed attribute 'style' of <span>: not on the allow-list\n"
        "  hint: by default class, id, lang, title, dir and a few per tag pass (href, src, alt, colspan …: "
        "docs/FORMAT.md, Raw HTML); allow_html: true lets other attributes through\n"
        "c/1.md:5:100: warning: raw HTML: <font> is not allowed and is shown as text\n"
        "  hint: by default only text markup, lists, tables, details, links and images pass (see docs/FORMAT.md, "
        "Raw HTML); allow_html: true in report.yml lets other tags through\n"
        "c/1.md:5:125: warning: raw HTML: <script> is not allowed and is shown as text\n"
        "  hint: allow_html never lets through script, style, iframe, object, embed, base, meta, link, noscript, "
        "math or SVG animation elements\n");
  f.config.allow_html = true;
  auto all = f.render(md);
  std::string html = final_html(all);
  CHECK(html.find("<span class=\"filename\" style=\"color:red\">a.rs</span>") != std::string::npos);
  CHECK(html.find("<font color=\"red\">f</font>") != std::string::npos);
  CHECK(html.find("&lt;script>alert(1)&lt;/script>") != std::string::npos);
  CHECK(all.diags.warning_count() == 2);  // onclick, script
}

TEST_CASE("allowed raw HTML keeps tags but no handler or executable URL, each drop located", "[html]") {
  Fixture f;
  f.config.allow_html = true;
  auto r = f.render("# T\n\ntext <a href=\"JaVaScRiPt:alert(1)\" title=t>x</a> <img src=x onerror=alert(1)>\n\n"
                    "<div>\n<img\n src=\"java&#115;cript:1\" alt='a\"b' hidden>\n<script>x</script><br/>\n</div>\n");
  CHECK(final_html(r) ==
        "<p>text <a title=\"t\">x</a> <img src=\"x\" loading=\"lazy\"></p>\n"
        "<div>\n<img alt=\"a&quot;b\" hidden loading=\"lazy\">\n&lt;script>x&lt;/script><br/>\n</div>\n");
  CHECK(errors(r) ==
        "c/1.md:3:9: warning: raw HTML: removed 'href': its URL could run script or read files\n"
        "  hint: javascript:, vbscript:, file: and data: URLs (other than images) are removed, as in Markdown links\n"
        "c/1.md:3:50: warning: image without alt text\n"
        "  hint: describe the image: <img src=\"…\" alt=\"what it shows\">\n"
        "c/1.md:3:61: warning: raw HTML: removed event handler 'onerror'\n"
        "  hint: allow_html keeps tags and plain attributes, never script: a report runs no code of its own\n"
        "c/1.md:7:2: warning: raw HTML: removed 'src': its URL could run script or read files\n"
        "  hint: javascript:, vbscript:, file: and data: URLs (other than images) are removed, as in Markdown links\n"
        "c/1.md:8:1: warning: raw HTML: <script> is not allowed and is shown as text\n"
        "  hint: allow_html never lets through script, style, iframe, object, embed, base, meta, link, noscript, "
        "math or SVG animation elements\n");
}

TEST_CASE("allowed raw HTML: entities, controls, quoting and lists cannot hide a scheme", "[html]") {
  Fixture f;
  f.config.allow_html = true;
  for (const char* bad : {"<a href=\"java&#115;cript:alert(1)\">x</a>", "<a href=\"java&#x73;cript:alert(1)\">x</a>",
                          "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=\"&#1;javascript:alert(1)\">x</a>",
                          "<a href=\" j&Tab;ava&NewLine;script:alert(1)\">x</a>", "<a href=javascript:alert(1)>x</a>",
                          "<a href='vbscript:msgbox(1)'>x</a>", "<img srcset=\"a.png 1x,javascript:alert(1) 2x\">",
                          "<form action=\"data:text/html,x\"></form>", "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
                          "<div><img/src=\"x\"/onerror=alert(1)></div>", "<img src onerror>", "<p ONMOUSEOVER = 'alert(1)'>x</p>",
                          "<span style=\"background:url(javascript:alert(1))\">x</span>",
                          "<span style=\"background:u\\72l(x)\">x</span>",
                          "<span style=\"background:u&#1;rl(x)\">x</span>"}) {
    INFO(bad);
    auto r = f.render(std::string("# T\n\n") + bad + "\n");
    std::string html = final_html(r);
    CHECK(html.find("script:") == std::string::npos);
    CHECK(html.find("data:") == std::string::npos);
    CHECK(html.find("on") == std::string::npos);
    CHECK(html.find("style") == std::string::npos);
    auto items = r.diags.items();
    CHECK(std::count_if(items.begin(), items.end(), [](const Diagnostic& d) { return d.message != "image without alt text"; }) == 1);
  }
  // A lone '<' and an unclosed tag become text; comments and declarations are dropped.
  CHECK(final_html(f.render("# T\n\n<div>a < b <!-- <img src=x onerror=alert(1)> --></div>\n")) == "<div>a &lt; b </div>\n");
  CHECK(final_html(f.render("# T\n\n<div title=\"x\n\n<b>y</b>\n")).find("<div title") == std::string::npos);
}

TEST_CASE("a control character inside a scheme hides nothing: the writer drops it, the check ignores it", "[html]") {
  Fixture f;
  f.config.allow_html = true;
  std::string html = final_html(f.render("# T\n\n[a](java&#1;script:alert(1)) ![b](data&#31;:text/html,x) "
                                         "<a href=\"java&#2;script:alert(1)\">c</a> <a href=\"java\x03script:x\">d</a>\n"));
  CHECK(html.find("script:") == std::string::npos);
  CHECK(html.find("data:") == std::string::npos);
}

TEST_CASE("dangerous link schemes are dropped", "[html]") {
  Fixture f;
  auto html = final_html(f.render("# T\n\n[x](javascript:alert(1)) [y](JavaScript:evil) [z](https://ok.org) ![i](data:text/html,x)\n"));
  CHECK(html.find("javascript") == std::string::npos);
  CHECK(html.find("JavaScript") == std::string::npos);
  CHECK(html.find("href=\"https://ok.org\"") != std::string::npos);
  CHECK(html.find("data:text") == std::string::npos);
}

TEST_CASE("numbers from data are interpolated with provenance", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n网上零售额{{ data.retail[year=2022].amount }}万亿元，增长{{ data.retail[year=2022].growth | pct }}，"
                    "前一年{{data.retail[0].amount | fmt \".1f\"}}。\n");
  CHECK(errors(r).empty());
  CHECK(final_html(r) ==
        "<p>网上零售额<span class=\"num\" data-source=\"retail\">13.79</span>万亿元，增长"
        "<span class=\"num\" data-source=\"retail\">4.0%</span>，前一年<span class=\"num\" data-source=\"retail\">13.1</span>。</p>\n");
  CHECK(r.data_deps == std::set<std::string>{"retail"});
}

TEST_CASE("negative numbers from data read with a real minus sign", "[html]") {
  Fixture f;
  DataSet ds;
  Diagnostics d;
  REQUIRE(load_data_file("fall.csv", "data/fall.csv", "year,growth\n2022,-3.5\n", &ds, d));
  f.data.sets.emplace(ds.path, std::make_shared<const DataSet>(ds));
  auto r = f.render("# T\n\n下降{{ data.fall[0].growth | pct }}，即{{ data.fall[0].growth }}。\n");
  CHECK(errors(r).empty());
  CHECK(final_html(r) ==
        "<p>下降<span class=\"num\" data-source=\"fall\">\u22123.5%</span>，即"
        "<span class=\"num\" data-source=\"fall\">\u22123.5</span>。</p>\n");
}

TEST_CASE("the scale filter names large numbers in the report's language", "[html]") {
  Fixture f;
  DataSet ds;
  Diagnostics d;
  REQUIRE(load_data_file("big.csv", "data/big.csv", "k,v\nusers,1234567\ntrade,43830000000\nfew,950\nloss,-2500000\n",
                         &ds, d));
  f.data.sets.emplace(ds.path, std::make_shared<const DataSet>(ds));
  const std::string md = "# T\n\n{{ data.big[k=users].v | scale }} {{ data.big[k=trade].v | scale | fmt \".1f\" }} "
                         "{{ data.big[k=few].v | scale }} {{ data.big[k=loss].v | scale }} {{ data.big[k=users].v | cn_unit }}\n";
  auto values = [&](const std::string& language) {
    f.config.language = language;
    auto r = f.render(md);
    CHECK(errors(r).empty());
    std::string html = final_html(r), out;
    const std::string open = "data-source=\"big\">";
    for (size_t at = 0; (at = html.find(open, at)) != std::string::npos;) {
      at += open.size();
      out += html.substr(at, html.find('<', at) - at) + "|";
    }
    return out;
  };
  // English: million/billion after a no-break space, thousands grouped; cn_unit stays Chinese.
  CHECK(values("en") == "1.23\u00a0million|43.8\u00a0billion|950|\u22122.50\u00a0million|123.46万|");
  CHECK(values("zh-CN") == "123.46万|438.3亿|950|\u2212250.00万|123.46万|");
}

TEST_CASE("interpolation errors are located at the braces", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\nA {{ data.retial[year=2022].amount }} B {{ data.retail[year=2030].amount }}\n"
                    "C {{ data.retail[year=2022].amont }} D {{ data.retail[0].amount | bogus }}\n");
  CHECK(errors(r) ==
        "c/1.md:3:3: error: unknown data path 'data.retial[year=2022].amount'\n  hint: did you mean 'retail'?\n"
        "c/1.md:3:41: error: no row of retail has year = '2030'\n  hint: did you mean '2021'?\n"
        "c/1.md:4:3: error: no column 'amont' in retail\n  hint: did you mean 'amount'?\n"
        "c/1.md:4:40: error: unknown filter 'bogus'\n  hint: filters: fmt \".2f\", pct, signed, scale, cn_unit\n");
}

TEST_CASE("charts and figures are numbered per chapter and referenced", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n见@fig:trend和[这张图](@fig:note)。\n\n```chart\nid: trend\ntype: bar\ntitle: 网上零售额\ndata: retail\nx: year\ny: [amount]\nunit: 万亿元\n```\n\n"
                    "```figure\nid: note\ntitle: 无数据的图\nnote: 原文未给出数据。\n```\n");
  CHECK(errors(r).empty());
  REQUIRE(r.figures.size() == 2);
  CHECK(r.figures[0].label == "图1-1");
  CHECK(r.figures[1].label == "图1-2");
  auto html = final_html(r);
  CHECK(html.find("见<a class=\"xref\" href=\"#fig-trend\" title=\"网上零售额\">图1-1</a>和<a class=\"xref\" href=\"#fig-note\">这张图</a>。") !=
        std::string::npos);
  CHECK(html.find("<figure id=\"fig-trend\"") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<figure id=\"fig-note\"") != std::string::npos);
}

TEST_CASE("a chart or table without a title takes its data set's; {{ }} works in titles, sources and notes", "[html]") {
  Fixture f;
  auto retail = std::make_shared<DataSet>(*f.data.sets.at("retail"));
  retail->title = "2021—2022年全国网上零售额";
  f.data.sets["retail"] = retail;
  auto r = f.render("# T\n\n见@fig:trend。\n\n```chart\nid: trend\ntype: bar\ndata: retail\nx: year\ny: [amount]\n```\n\n"
                    "```table\nid: t\ndata: retail\ncolumns:\n  - {key: year, label: 年份}\n```\n\n"
                    "```figure\nid: note\ntitle: \"{{ data.retail[year=2022].amount }}万亿元\"\n"
                    "note: 2022年为{{ data.retail[year=2022].amount }}万亿元，增长{{ data.retail[year=2022].growth | pct }}。\n```\n");
  CHECK(errors(r).empty());
  REQUIRE(r.figures.size() == 3);
  CHECK(r.figures[0].title == "2021—2022年全国网上零售额");
  CHECK(r.figures[1].title == "2021—2022年全国网上零售额");
  CHECK(r.figures[2].title == "13.79万亿元");
  CHECK(r.data_deps.count("retail") == 1);
  auto html = final_html(r);
  CHECK(html.find("<span class=\"figure-title\">2021—2022年全国网上零售额</span>") != std::string::npos);
  CHECK(html.find("title=\"2021—2022年全国网上零售额\">图1-1</a>") != std::string::npos);
  CHECK(html.find("<span class=\"figure-title\">13.79万亿元</span>") != std::string::npos);
  CHECK(html.find("2022年为13.79万亿元，增长4.0%。") != std::string::npos);
  CHECK(html.find("{{") == std::string::npos);
  // A wrong name in a note is an error, as in prose, on the note's line.
  auto bad = f.render("# T\n\n```figure\nid: x\ntitle: 图\nnote: \"{{ data.retial[year=2022].amount }}\"\n```\n");
  CHECK(errors(bad).find("retial") != std::string::npos);
  CHECK(errors(bad).rfind("c/1.md:6:", 0) == 0);
  auto bad_caption = f.render("# T\n\n```table\nid: t\ndata: retail\nsource: x\ncaption: \"{{ data.retail[year=1999].amount }}\"\n```\n");
  CHECK(errors(bad_caption).rfind("c/1.md:7:", 0) == 0);
}

TEST_CASE("a table block with as: figure is numbered, anchored and referenced as a figure", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n见@fig:rank和@tbl:plain。\n\n```chart\nid: trend\ntype: bar\ntitle: 图一\ndata: retail\nx: year\ny: [amount]\n```\n\n"
                    "```table\nid: rank\ncaption: 排名前列的年份\ndata: retail\nas: figure\n```\n\n"
                    "```table\nid: plain\ncaption: 表一\ndata: retail\n```\n");
  CHECK(errors(r).empty());
  REQUIRE(r.figures.size() == 3);
  CHECK(r.figures[1].label == "图1-2");
  CHECK_FALSE(r.figures[1].table);
  CHECK(r.figures[1].anchor == "fig-rank");
  CHECK(r.figures[2].label == "表1-1");
  auto html = final_html(r);
  CHECK(html.find("<figure id=\"fig-rank\" class=\"figure data-table\">") != std::string::npos);
  CHECK(html.find("<span class=\"figure-label\">图1-2</span>") != std::string::npos);
  CHECK(html.find("href=\"#fig-rank\" title=\"排名前列的年份\">图1-2</a>") != std::string::npos);
  CHECK(html.find("<figure id=\"tbl-plain\"") != std::string::npos);
  auto bad = f.render("# T\n\n```table\nid: x\ndata: retail\nas: chart\n```\n");
  CHECK(errors(bad).find("unknown 'as: chart'") != std::string::npos);
  CHECK(errors(bad).rfind("c/1.md:6:5: error:", 0) == 0);
}

TEST_CASE("unknown cross-references are errors with did-you-mean", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\n## A {#alpha}\n\n见@sec:alpah和@fig:none。\n");
  Diagnostics d;
  auto html = final_html(r, &d);
  std::ostringstream s;
  print_diagnostics(d, s);
  CHECK(s.str() ==
        "c/1.md:5:4: error: unknown reference '@sec:alpah'\n  hint: did you mean 'alpha'?\n"
        "c/1.md:5:17: error: unknown reference '@fig:none'\n"
        "  hint: define it: a chart/table/figure 'id:', a heading {#id} or a page slug\n");
  CHECK(html.find("<span class=\"xref-missing\">@sec:alpah</span>") != std::string::npos);
}

TEST_CASE("e-mail addresses are not cross-references", "[html]") {
  Fixture f;
  auto r = f.render("# T\n\nmail me@fig:x.org\n");
  CHECK(r.xrefs.empty());
}

TEST_CASE("search text refers to the body for runs it holds verbatim, and reads back exactly", "[html]") {
  Fixture f;
  std::string plain = "电子商务交易额达到四十三万亿元，比上年增长百分之三点五，网上零售额同样稳步增长。";
  std::string md = "# T\n\n" + plain +
                   "\n\n"
                   "Fish & chips are not escaped in search text, but they are in the body here.\n\n"
                   "Inline `code that is long enough to be referred to` and a raw \x05 byte kept as text.\n\n"
                   "## A heading long enough to be referred to {#h}\n\n"
                   "See [a link text long enough to be referred to](@sec:h) now.\n\n"
                   "```\nblock code long enough to be referred to\n```\n";
  RenderedPage r = f.render(md);
  INFO(errors(r));
  REQUIRE(r.search.size() == 2);
  // The long plain runs are spans into the body: the section owns far less than its text.
  const SearchSection& s0 = r.search[0];
  CHECK(std::any_of(s0.spans.begin(), s0.spans.end(), [](const SearchSpan& s) { return s.kind == SearchSpan::kBody; }));
  CHECK(s0.own.find("电子商务") == std::string::npos);
  std::string first = search_section_text(s0, r.body_html(), {});
  CHECK(s0.own.size() < first.size() - plain.size());
  CHECK(first == plain + " Fish & chips are not escaped in search text, but they are in the body here. Inline " +
                     "code that is long enough to be referred to and a raw \x05 byte kept as text. ");
  // The heading's text is the next section's title, not part of this one; the xref link text
  // is rendered apart from the body and is kept as the section's own text.
  CHECK(r.search[1].title == "1.1 A heading long enough to be referred to");
  std::string second = search_section_text(r.search[1], r.body_html(), {});
  CHECK(second.find("See ") == 0);
  CHECK(second.find("a link text long enough to be referred to") != std::string::npos);
  CHECK(r.search[1].own.find("a link text long enough to be referred to") != std::string::npos);
  CHECK(second.find("block code long enough to be referred to") != std::string::npos);
}

TEST_CASE("search text keeps a break between a figure or table block, an image figure and the next paragraph", "[html]") {
  Fixture f;
  RenderedPage r = f.render("# T\n\n```chart\nid: trend\ntype: bar\ntitle: 网上零售额\ndata: retail\nx: year\n"
                            "y: [amount]\nunit: 万亿元\n```\n\nnext text\n\n"
                            "```figure\nid: note\ntitle: A note figure\nnote: no data\n```\nafter note\n\n"
                            "![A picture](p.png){#fig:pic}\n\nafter picture\n");
  INFO(errors(r));
  REQUIRE(r.search.size() == 1);
  std::string s = search_section_text(r.search[0], r.body_html(), {});
  CHECK(s == "图1-1 网上零售额 next text 图1-2 A note figure no data after note 图1-3 A picture after picture ");
}

TEST_CASE("a cross-reference in search text is its label; bytes that were once marks are text", "[html]") {
  Fixture f;
  RenderedPage r = f.render("# T\n\n## H {#h}\n\nsee @sec:h and [this](@sec:h).\n");
  INFO(errors(r));
  REQUIRE(r.search.size() == 2);
  CHECK(search_section_text(r.search[1], r.body_html(), {"1.1节", "1.1节"}) == "see 1.1节 and this. ");
  CHECK(search_section_text(r.search[1], r.body_html(), {}) == "see  and this. ");
}

namespace {
// Two rendered pages, content/c/1.md (slug one) and content/c/2.md (slug two), with every page's
// links finished for the site (and print.html), and the diagnostics of both.
struct TwoPages {
  std::vector<Page> pages;
  std::vector<RenderedPage> rendered;
  Diagnostics diags;
  std::string site[2], print[2];
  TwoPages(Fixture& f, const std::string& one, const std::string& two) {
    pages.resize(2);
    const std::string* md[] = {&one, &two};
    for (size_t i = 0; i < 2; ++i) {
      Page& p = pages[i];
      p.file = "content/c/" + std::to_string(i + 1) + ".md";
      p.source = std::make_shared<const std::string>(*md[i]);
      p.number = std::to_string(i + 1);
      p.slug = i == 0 ? "one" : "two";
      p.url = "chapters/" + p.slug + ".html";
      rendered.push_back(render_page(p, RenderEnv{f.config, f.data, f.ui}));
      diags.merge(rendered.back().diags);
    }
    Targets t = collect_targets(pages, rendered, f.ui, diags);
    for (size_t i = 0; i < 2; ++i) {
      site[i] = finalize_body(rendered[i], i, pages, t, LinkContext{false, &rendered}, &diags);
      print[i] = finalize_body(rendered[i], i, pages, t, LinkContext{true, &rendered}, nullptr);
    }
  }
  std::string errors() {
    std::ostringstream s;
    print_diagnostics(diags, s);
    return s.str();
  }
};
}  // namespace

TEST_CASE("links to another page's .md source go to the built page, its anchor, and in print.html", "[html]") {
  Fixture f;
  TwoPages t(f, "# One\n\n## Status {#status}\n\nSee [results](2.md), [the table](2.md#tbl-t \"Table\"), "
                "[status](#status) and [here](1.md#status).\n",
             "# Two\n\n## 结果\n\nBack to [**one**](../c/1.md#status), [](1.md) and [fig](./1.md).\n\n"
             "| a |\n|---|\n| 1 |\n\nTable: T {#tbl:t}\n");
  CHECK(t.errors().empty());
  CHECK(t.site[0].find("See <a href=\"two.html\">results</a>, <a href=\"two.html#tbl-t\" title=\"Table\">the table</a>, "
                       "<a href=\"#status\">status</a> and <a href=\"#status\">here</a>.") != std::string::npos);
  CHECK(t.site[1].find("Back to <a href=\"one.html#status\"><strong>one</strong></a>, <a href=\"one.html\">One</a> and "
                       "<a href=\"one.html\">fig</a>.") != std::string::npos);
  // print.html: sections carry the page's prefix, figures and tables keep their report-wide ids.
  CHECK(t.print[0].find("See <a href=\"#two--top\">results</a>, <a href=\"#tbl-t\" title=\"Table\">the table</a>, "
                        "<a href=\"#one--status\">status</a> and <a href=\"#one--status\">here</a>.") != std::string::npos);
  CHECK(t.print[1].find("<a href=\"#one--status\"><strong>one</strong></a>, <a href=\"#one--top\">One</a>") !=
        std::string::npos);
}

TEST_CASE("a link to a .md that is not a page, or to an anchor the page lacks, is located", "[html]") {
  Fixture f;
  TwoPages t(f, "# One\n\n## Status {#status}\n\nSee [x](draft.md), [y](2.md#resluts) and\n[z](../c/22.md#a).\n",
             "# Two\n\n## Results {#results}\n");
  CHECK(t.errors() ==
        "content/c/1.md:5:5: error: link to 'draft.md', which is not a page of the report\n"
        "  hint: list content/c/draft.md in report.yml (front, chapters or appendices), or link to a page that is\n"
        "content/c/1.md:5:20: error: no heading or figure '#resluts' in content/c/2.md\n"
        "  hint: did you mean 'results'?\n"
        "content/c/1.md:6:1: error: link to '../c/22.md', which is not a page of the report\n"
        "  hint: did you mean '2.md'?\n");
  // Written as typed, so that the link checker names it too.
  CHECK(t.site[0].find("<a href=\"draft.md\">x</a>, <a href=\"two.html#resluts\">y</a>") != std::string::npos);
}

TEST_CASE("print.html leaves out what only screens show: # links, narrow charts, data tables, downloads", "[html]") {
  Fixture f;
  TwoPages t(f,
             "# One\n\n## 现状 {#status}\n\n见@fig:trend。\n\n```chart\nid: trend\ntype: bar\ntitle: 网上零售额\n"
             "data: retail\nx: year\ny: [amount]\n```\n\n```table\nid: t\ndata: retail\ncaption: 零售额\n```\n\n"
             "```figure\nid: p\ntitle: 示意\n```\n\n![图](a.png){#fig:img}\n\n后文[^1]。\n\n[^1]: 注释。\n",
             "# Two\n");
  INFO(t.errors());
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t k = s.find(what); k != std::string::npos; k = s.find(what, k + 1)) ++n;
    return n;
  };
  // The site page has all of it: a # link on the heading and on each of the four figures.
  const std::string& site = t.site[0], &print = t.print[0];
  CHECK(count(site, "class=\"anchor\"") == 5);
  CHECK(count(site, "chart-narrow") == 1);
  CHECK(count(site, "<details class=\"figure-data\">") == 1);
  CHECK(count(site, "class=\"figure-download\"") == 2);  // the chart's (in its <details>) and the table's
  // print.html: none of it, and everything around it intact.
  CHECK(count(print, "class=\"anchor\"") == 0);
  CHECK(count(print, "chart-narrow") == 0);
  CHECK(count(print, "<details") == 0);
  CHECK(count(print, "download") == 0);
  CHECK(print.find("<h2 id=\"one--status\"><span class=\"secno\">1.1</span> 现状</h2>\n") != std::string::npos);
  CHECK(print.find("<span class=\"figure-title\">网上零售额</span></figcaption>\n<svg") != std::string::npos);
  CHECK(count(print, "chart-wide") == 1);
  CHECK(print.find("</svg>\n</figure>\n") != std::string::npos);
  CHECK(print.find("<span class=\"figure-title\">示意</span> <span class=\"no-chart\">") != std::string::npos);
  CHECK(print.find("见<a class=\"xref\" href=\"#fig-trend\"") != std::string::npos);
  // The footnote's links (ids prefixed) are kept: they are not screen-only.
  CHECK(print.find("href=\"#one--fn-1\"") != std::string::npos);
  CHECK(print.find("class=\"footnote-back\"") != std::string::npos);
}
