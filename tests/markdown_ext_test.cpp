// Markdown that books use beyond GFM: callouts, task lists, definition lists, heading classes,
// escaped {{, smart punctuation and math, each asserted on the HTML it gives.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data.h"
#include "html.h"
#include "markdown.h"
#include "test_util.h"

using namespace annalist;
using annalist::test::check_each;

namespace {

struct Md {
  Config config;
  DataStore data;
  UiStrings ui;
  explicit Md(const std::string& language = "zh-CN") {
    config.language = language;
    bool zh = language != "en";
    ui = ui_strings({{"alert_note", zh ? "注意" : "Note"}, {"alert_tip", zh ? "提示" : "Tip"},
                     {"alert_important", zh ? "重要" : "Important"}, {"alert_warning", zh ? "警告" : "Warning"},
                     {"alert_caution", zh ? "小心" : "Caution"}});
    Diagnostics d;
    DataSet ds;
    REQUIRE(load_data_file("s.csv", "data/s.csv", "year,amount\n2022,13.79\n", &ds, d));
    data.sets.emplace(ds.path, std::make_shared<const DataSet>(ds));
  }
  RenderedPage page(const std::string& md) {
    Page p;
    p.file = "c/1.md";
    p.source = std::make_shared<const std::string>("# T\n\n" + md);
    p.kind = PageKind::kFront;
    p.slug = "one";
    p.url = "chapters/one.html";
    RenderEnv env{config, data, ui};
    return render_page(p, env);
  }
  // The body HTML; the test stops when the page has any diagnostic.
  std::string html(const std::string& md) {
    RenderedPage r = page(md);
    std::ostringstream s;
    print_diagnostics(r.diags, s);
    INFO(s.str());
    REQUIRE(r.diags.items().empty());
    return r.body_html();
  }
  std::string diags(const std::string& md) {
    std::ostringstream s;
    print_diagnostics(page(md).diags, s);
    return s.str();
  }
};

}  // namespace

TEST_CASE("GitHub alerts become callouts titled in the report's language", "[markdown-ext]") {
  Md zh;
  CHECK(zh.html("> [!NOTE]\n> 一段 **说明**。\n>\n> 第二段。\n") ==
        "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">注意</p>\n"
        "<p>一段 <strong>说明</strong>。</p>\n<p>第二段。</p>\n</div>\n");
  Md en("en");
  CHECK(en.html("> [!caution]\n> Hot.\n") ==
        "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">Caution</p>\n<p>Hot.</p>\n</div>\n");
  // Text after the marker on its line, or a quote without one, stays a quote.
  CHECK(zh.html("> [!NOTE] 同一行\n") == "<blockquote>\n<p>[!NOTE] 同一行</p>\n</blockquote>\n");
  CHECK(zh.html("> 引文\n") == "<blockquote>\n<p>引文</p>\n</blockquote>\n");
  // The title is searched, apart from the text that follows it.
  RenderedPage r = en.page("::: {.callout-warning title=\"Read & heed\"}\nBody.\n:::\n");
  REQUIRE(r.search.size() == 1);
  CHECK(search_section_text(r.search[0], r.body_html(), {}) == "Read & heed Body. ");
}

TEST_CASE("::: callouts, Quarto's too, give the same block, nested and around lists", "[markdown-ext]") {
  Md en("en");
  const std::string tip = "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tip</p>\n";
  CHECK(en.html("::: tip\nOne line.\n:::\n") == tip + "<p>One line.</p>\n</div>\n");
  CHECK(en.html("::: {.callout-tip}\n\nA.\n\nB.\n\n:::\n") == tip + "<p>A.</p>\n<p>B.</p>\n</div>\n");
  CHECK(en.html("::: {.callout-warning title=\"Mind the gap\"}\n- a\n- b\n:::\n\nAfter.\n") ==
        "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Mind the gap</p>\n"
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>\n<p>After.</p>\n");
  CHECK(en.html(":::: important\nOuter.\n\n::: note\nInner.\n:::\n\n::::\n") ==
        "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\">Important</p>\n"
        "<p>Outer.</p>\n<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n"
        "<p>Inner.</p>\n</div>\n</div>\n");
  // Quarto's title heading at the top of a {.callout-…}; with `::: note` a heading stays a heading.
  CHECK(en.html("::: {.callout-note}\n## Data *source*\n\nText.\n:::\n") ==
        "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Data source</p>\n<p>Text.</p>\n</div>\n");
  CHECK(en.page("::: note\n## Part\n:::\n").headings.size() == 1);
  // A title is escaped like all text.
  CHECK(en.html("::: {.callout-tip title=\"R & D\"}\nx\n:::\n").find("<p class=\"alert-title\">R &amp; D</p>") !=
        std::string::npos);
}

TEST_CASE("an unknown callout kind or an unclosed ::: is a located warning and stays text", "[markdown-ext]") {
  Md zh;
  CHECK(zh.diags("> [!NOTES]\n> x\n") ==
        "c/1.md:3:3: warning: unknown callout kind 'NOTES'\n"
        "  hint: did you mean 'note'? callouts are note, tip, important, warning and caution\n");
  CHECK(zh.page("> [!NOTES]\n> x\n").body_html() == "<blockquote>\n<p>[!NOTES]\nx</p>\n</blockquote>\n");
  CHECK(zh.diags("::: {.callout-warn}\nx\n:::\n").find("3:1: warning: unknown callout kind 'warn'") !=
        std::string::npos);
  CHECK(zh.diags("正文\n\n::: tip\nx\n").find("5:1: warning: callout '::: tip' is not closed") != std::string::npos);
  CHECK(zh.page("::: tip\nx\n").body_html() == "<p>::: tip\nx</p>\n");
}

TEST_CASE("task list items get disabled checkboxes named by their text", "[markdown-ext]") {
  Md zh;
  CHECK(zh.html("- [x] 收集数据\n- [ ] 写 *报告*\n- 普通\n") ==
        "<ul>\n<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"收集数据\"> 收集数据</li>\n"
        "<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"写 报告\"> 写 <em>报告</em></li>\n"
        "<li>普通</li>\n</ul>\n");
  CHECK(zh.html("- [ ] 一\n\n  二\n") ==
        "<ul>\n<li class=\"task\">\n<p><input type=\"checkbox\" disabled aria-label=\"一\"> 一</p>\n<p>二</p>\n</li>\n</ul>\n");
  // The label says what the reader sees: the value, not the {{ }} source; \{{ stays literal.
  CHECK(zh.html("- [ ] 达到 {{ data.s[year=2022].amount }} \\{{ x }}\n") ==
        "<ul>\n<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"达到 13.79 {{ x }}\"> 达到 "
        "<span class=\"num\" data-source=\"s\">13.79</span> {{ x }}</li>\n</ul>\n");
}

TEST_CASE("\\{{ is a literal {{; code is always literal; {{ }} is read before Markdown", "[markdown-ext]") {
  Md zh;
  CHECK(zh.html("写 \\{{ language }} 即可。\n") == "<p>写 {{ language }} 即可。</p>\n");
  CHECK(zh.html("`{{ language }}`\n\n```\n{{ x }}\n```\n") ==
        "<p><code>{{ language }}</code></p>\n<pre><code>{{ x }}\n</code></pre>\n");
  // Emphasis characters and backslashes inside {{ }} are the interpolation's, not Markdown's.
  CHECK(zh.html("值 *{{ data.s[year=2022].amount | fmt \".1f\" }}*。\n") ==
        "<p>值 <em><span class=\"num\" data-source=\"s\">13.8</span></em>。</p>\n");
  std::string d = zh.diags("{{ language }}\n");
  CHECK(d.find("3:1: error: interpolation must start with 'data.': {{ language }}") != std::string::npos);
  CHECK(d.find("for a literal '{{' in the text, write \\{{") != std::string::npos);
  CHECK(zh.diags("值 {{ data.s\n").find("3:5: error: unclosed '{{'") != std::string::npos);
}

TEST_CASE("a heading's {#id .class} sets its id and classes; anything else stays text", "[markdown-ext]") {
  Md zh;
  RenderedPage r = zh.page("## 概述 {#intro .lead .no-print}\n\n## 小结 {.summary}\n\n## 集合 {a, b}\n\n## 回顾 {#a b}\n\n"
                           "## 故障排除（Troubleshooting） {#故障排除 .x}\n");
  REQUIRE(r.headings.size() == 5);
  CHECK(r.headings[0].id == "intro");
  CHECK(r.headings[0].classes == "lead no-print");
  CHECK(r.headings[1].id == "小结");
  CHECK(!r.headings[1].explicit_id);
  CHECK(r.headings[2].text == "集合 {a, b}");
  CHECK(r.headings[3].text == "回顾 {#a b}");  // "b" is neither #id nor .class
  CHECK(r.headings[4].id == "故障排除");      // a CJK id as an mdBook book links to it
  CHECK(r.headings[4].explicit_id);
  CHECK(r.body_html() ==
        "<h2 id=\"intro\" class=\"lead no-print\">概述<a class=\"anchor\" href=\"#intro\" aria-label=\"链接到此处\"></a></h2>\n<h2 id=\"小结\" class=\"summary\">小结<a class=\"anchor\" href=\"#小结\" aria-label=\"链接到此处\"></a></h2>\n"
        "<h2 id=\"集合-a-b\">集合 {a, b}<a class=\"anchor\" href=\"#集合-a-b\" aria-label=\"链接到此处\"></a></h2>\n<h2 id=\"回顾-a-b\">回顾 {#a b}<a class=\"anchor\" href=\"#回顾-a-b\" aria-label=\"链接到此处\"></a></h2>\n"
        "<h2 id=\"故障排除\" class=\"x\">故障排除（Troubleshooting）<a class=\"anchor\" href=\"#故障排除\" aria-label=\"链接到此处\"></a></h2>\n");
}

TEST_CASE("definition lists: terms, then lines starting with ': ', tight or loose", "[markdown-ext]") {
  Md zh;
  CHECK(zh.html("GMV\n: 商品交易总额，含 *退货*。\n: 第二个定义\n  接着写。\n") ==
        "<dl>\n<dt>GMV</dt>\n<dd>商品交易总额，含 <em>退货</em>。</dd>\n<dd>第二个定义\n接着写。</dd>\n</dl>\n");
  CHECK(zh.html("术语一\n术语二\n: 共同的定义\n\n网购\n: 网上购物\n") ==
        "<dl>\n<dt>术语一</dt>\n<dt>术语二</dt>\n<dd>共同的定义</dd>\n<dt>网购</dt>\n<dd>网上购物</dd>\n</dl>\n");
  CHECK(zh.html("GMV\n\n: 第一段定义。\n\n: 另一个定义。\n\n正文。\n") ==
        "<dl>\n<dt>GMV</dt>\n<dd>\n<p>第一段定义。</p>\n</dd>\n<dd>\n<p>另一个定义。</p>\n</dd>\n</dl>\n<p>正文。</p>\n");
  // Not a list: a paragraph that starts with ':', a colon inside a line, ':' without a space.
  CHECK(zh.html(": 冒号开头\n\n比例：3\n:4\n") == "<p>: 冒号开头</p>\n<p>比例：3\n:4</p>\n");
}

TEST_CASE("smart punctuation in English reports only; never inside code or {{ }}", "[markdown-ext]") {
  Md en("en");
  CHECK(en.html("\"Quoted\" and 'single' -- 2021---2022... it's `\"code\"`\n") ==
        "<p>\u201cQuoted\u201d and \u2018single\u2019 \u2013 2021\u20142022\u2026 it\u2019s <code>&quot;code&quot;</code></p>\n");
  CHECK(en.html("Up {{ data.s[year=2022].amount | fmt \".1f\" }}.\n") ==
        "<p>Up <span class=\"num\" data-source=\"s\">13.8</span>.</p>\n");
  Md zh;
  CHECK(zh.html("他说\"好\"... -- 'x'\n") == "<p>他说&quot;好&quot;... -- &#39;x&#39;</p>\n");
  CHECK(smart_punctuation("en-GB"));
  CHECK(!smart_punctuation("zh-CN"));
  CHECK(!smart_punctuation("eng"));
}

TEST_CASE("math is kept as its TeX: no emphasis, no escapes taken, Pandoc's dollar rules", "[markdown-ext]") {
  Md en("en");
  CHECK(en.html("Area $\\pi r_1^2 \\, \\text{m}$ and $a*b*c$.\n") ==
        "<p>Area <span class=\"math inline\">\\pi r_1^2 \\, \\text{m}</span> and <span class=\"math inline\">a*b*c</span>.</p>\n");
  CHECK(en.html("$$\n\\sum_{i=1}^n x_i < \\frac{a}{b}\n$$\n") ==
        "<div class=\"math display\">\\sum_{i=1}^n x_i &lt; \\frac{a}{b}</div>\n");
  CHECK(en.html("So $$E = mc^2$$ holds.\n") == "<p>So <span class=\"math display\">E = mc^2</span> holds.</p>\n");
  // Money is not math: a space after the opening $, before the closing $, a digit after it; \$.
  check_each([&](const std::string& md) { return en.html(md); },
             {{"From $5 to $10.\n", "<p>From $5 to $10.</p>\n"},
              {"A $ 3 $ gap.\n", "<p>A $ 3 $ gap.</p>\n"},
              {"Then $4$5.\n", "<p>Then $4$5.</p>\n"},
              {"Escaped \\$x$.\n", "<p>Escaped $x$.</p>\n"}});
  CHECK(en.html("`$x$` and\n\n```\n$y$\n```\n") == "<p><code>$x$</code> and</p>\n<pre><code>$y$\n</code></pre>\n");
  // No smart quotes inside math.
  CHECK(en.html("$\"a\" -- b$\n") == "<p><span class=\"math inline\">&quot;a&quot; -- b</span></p>\n");
}

TEST_CASE("{{ }} and math inside a table cell are rendered, not dropped", "[markdown-ext]") {
  // GFM table cells refuse custom inline nodes; cmark used to drop them (and leak them).
  Md zh;
  std::string h = zh.html("| 年 | 值 |\n|-|-|\n| 2022 | {{ data.s[year=2022].amount }} $x^2$ |\n| 代码 | `{{ x }}` |\n");
  CHECK(h.find("<td><span class=\"num\" data-source=\"s\">13.79</span> <span class=\"math inline\">x^2</span></td>") !=
        std::string::npos);
  CHECK(h.find("<td><code>{{ x }}</code></td>") != std::string::npos);
  CHECK(zh.diags("| a |\n|-|\n| {{ language }} |\n").find("5:3: error: interpolation must start with 'data.'") !=
        std::string::npos);
}
