#include <catch2/catch.hpp>

#include "text.h"
#include "test_util.h"

using namespace annalist;
using namespace annalist::test;

TEST_CASE("html_escape escapes markup and drops control characters", "[text]") {
  CHECK(html_escape("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(html_escape(std::string("a\x01" "b\tc\n", 6)) == "ab\tc\n");
  CHECK(html_escape("中文") == "中文");
}

TEST_CASE("UTF-8 validation finds the first bad byte", "[text]") {
  size_t at = 99;
  CHECK(utf8_valid("中文 ok", &at));
  CHECK_FALSE(utf8_valid("ab\xff" "cd", &at));
  CHECK(at == 2);
  CHECK_FALSE(utf8_valid("\xe4\xb8", &at));  // truncated sequence
  CHECK_FALSE(utf8_valid("\xc0\xaf", &at));  // overlong
  CHECK(utf8_valid("\xef\xbf\xbd", &at));    // U+FFFD itself is fine
}

TEST_CASE("slugify keeps CJK, lower-cases ASCII, joins the rest with dashes", "[text]") {
  check_each([](const std::string& s) { return slugify(s); }, {{"Hello, World!", "hello-world"},
                                                                {"发展现状", "发展现状"},
                                                                {"1.1 全国电子商务交易额", "1-1-全国电子商务交易额"},
                                                                {"“丝路电商”发展", "丝路电商-发展"},
                                                                {"！？", "section"}});
}

TEST_CASE("heading_slug makes GitHub's and mdBook's ids: CJK kept, punctuation dropped, spaces dashed", "[text]") {
  check_each([](const std::string& s) { return heading_slug(s); },
             {{"故障排除（Troubleshooting）", "故障排除troubleshooting"},
              {"Outlook & trends", "outlook--trends"},
              {"Hello, World!", "hello-world"},
              {"1.1 全国电子商务交易额", "11-全国电子商务交易额"},
              {"“丝路电商”发展：回顾，展望。", "丝路电商发展回顾展望"},
              {"snake_case and kebab-case", "snake_case-and-kebab-case"},
              {"C++ / Rust 2024", "c--rust-2024"},
              {"Ünïcode Straße", "Ünïcode-straße"},   // only ASCII is lower-cased, as mdBook does
              {"全角ＡＢＣ１２３", "全角ＡＢＣ１２３"},    // full-width letters and digits are letters and digits
              {"ひらがな・カタカナ", "ひらがなカタカナ"},  // the katakana middle dot is punctuation
              {"中文\u3000标题", "中文-标题"},             // an ideographic space is a space
              {"★ 🚀 重点 ①", "--重点-①"},                // symbols and emoji go, ① is a number
              {"！？", "section"}});
}

TEST_CASE("text width counts CJK as one em and Latin narrower", "[text]") {
  CHECK(text_width_em("中国") == Approx(2.0));
  CHECK(text_width_em("ab") < 1.2);
  CHECK(text_width_em("2022年") < 3.5);
}

TEST_CASE("line_col maps byte offsets to 1-based positions", "[text]") {
  int l = 0, c = 0;
  line_col("ab\ncd\nef", 4, &l, &c);
  CHECK(l == 2);
  CHECK(c == 2);
  CHECK(split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(trim("  x y \r\n") == "x y");
}

TEST_CASE("URL paths are percent-encoded byte by byte and decoded back", "[text]") {
  CHECK(url_path_encode("data/econ/retail-2024_v1.~x.csv") == "data/econ/retail-2024_v1.~x.csv");
  CHECK(url_path_encode("data/a#b c%41?&.csv") == "data/a%23b%20c%2541%3F%26.csv");
  CHECK(url_path_encode("数据") == "%E6%95%B0%E6%8D%AE");
  for (const char* s : {"data/a#b c%41?&.csv", "数据/x.csv", "%", "%4", "%zz"})
    CHECK(percent_decode(url_path_encode(s)) == s);
  CHECK(percent_decode("%2e%2E/a%20b%") == "../a b%");
}
