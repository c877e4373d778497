#include <catch2/catch.hpp>

#include "figure.h"
#include "table_layout.h"

using namespace annalist;

TEST_CASE("unbreakable cells: numbers and dates only", "[tables]") {
  for (const char* yes : {"42", "1,105.8", "-2.5", "−3.2%", "+14.1", "22.62%", "2022-06-24", "2022-06", "2022/6/24",
                          "2022.06.24", "2022年", "2022年6月", "2022年6月24日", " 2021 "})
    CHECK(unbreakable_cell(yes));
  for (const char* no : {"", "12a", "1,10", "1.", "2022-", "2022-123", "2022-06-24-1", "2022年6", "2022年6月2", "22年",
                         "国办发〔2022〕18号", "2022年底前", "约30%", "1—2", "—"})
    CHECK_FALSE(unbreakable_cell(no));
}

TEST_CASE("cards: long text in two or more of three or more columns", "[tables]") {
  const std::string name = "关于进一步加强商品过度包装治理的通知";  // 18 em
  CHECK(stacks_as_cards({{"1", "国务院办公厅", name}}));
  CHECK_FALSE(stacks_as_cards({{"国务院办公厅", name}}));                      // two columns wrap well enough
  CHECK_FALSE(stacks_as_cards({{"2022-06-24", "1,105.8", name}}));            // one text column
  CHECK_FALSE(stacks_as_cards({{"服装", "22.62", "2.6"}, {"日用品", "14.62", "3.3"}}));  // numbers: a table
  CHECK_FALSE(stacks_as_cards({{"东部", "江苏", "上海"}}));                     // short text fits a phone
  CHECK_FALSE(stacks_as_cards({}));
}

TEST_CASE("data tables: region, nowrap cells, cards with data-label", "[tables]") {
  HtmlTable t;
  t.headers = {"发布日期", "发文部门", "名称"};
  t.numeric = {false, false, false};
  t.rows = {{"2022-06-24", "国务院办公厅", "关于进一步加强商品过度包装治理的通知"}};
  t.region = "表A-2 \"法律\"";
  CHECK(render_html_table(t) ==
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"表A-2 &quot;法律&quot;\" tabindex=\"0\">\n"
        "<table class=\"data cards\">\n<thead>\n"
        "<tr><th scope=\"col\">发布日期</th><th scope=\"col\">发文部门</th><th scope=\"col\">名称</th></tr>\n"
        "</thead>\n<tbody>\n"
        "<tr><td class=\"nowrap\" data-label=\"发布日期\">2022-06-24</td><td data-label=\"发文部门\">国务院办公厅</td>"
        "<td data-label=\"名称\">关于进一步加强商品过度包装治理的通知</td></tr>\n"
        "</tbody>\n</table>\n</div>\n");
  t.row_headers = true;  // a row header is the card's title: no label
  CHECK(render_html_table(t).find("<tr><th scope=\"row\" class=\"nowrap\">2022-06-24</th><td data-label=\"发文部门\">") !=
        std::string::npos);
}
