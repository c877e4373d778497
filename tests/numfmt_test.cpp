#include <catch2/catch.hpp>
#include <cmath>
#include <utility>

#include "numfmt.h"

using namespace annalist;

TEST_CASE("parse_number accepts numbers as written in reports", "[numfmt]") {
  const std::pair<const char*, double> cases[] = {{"43.83", 43.83}, {"1,105.8", 1105.8}, {"12,345,678", 12345678},
                                                  {"-3.2", -3.2},   {"+4", 4},           {" 7 ", 7},
                                                  {".5", 0.5},      {"1e3", 1000}};
  for (const auto& [text, expected] : cases) {
    INFO(text);
    double v = 0;
    CHECK(parse_number(text, &v));
    CHECK(v == Approx(expected));
  }
}

TEST_CASE("parse_number refuses text and badly grouped separators", "[numfmt]") {
  const char* refused[] = {"", "abc",
                           "1,10",      // not a thousands group
                           "1234,567",  // first group too long
                           ",123", "12%", "1.2.3", "-", "1e", "nan", "inf", "0x10", "2022年"};
  for (const char* text : refused) {
    INFO(text);
    double v = 0;
    CHECK_FALSE(parse_number(text, &v));
  }
}

TEST_CASE("parse_percent strips the percent sign", "[numfmt]") {
  double v = 0;
  CHECK(parse_percent("27.2%", &v));
  CHECK(v == Approx(27.2));
  CHECK(parse_percent("-1.5%", &v));
  CHECK(v == Approx(-1.5));
  CHECK_FALSE(parse_percent("%", &v));
  CHECK_FALSE(parse_percent("27.2", &v));
}

TEST_CASE("decimals_of counts digits after the point", "[numfmt]") {
  CHECK(decimals_of("43") == 0);
  CHECK(decimals_of("43.83") == 2);
  CHECK(decimals_of("1,105.8") == 1);
  CHECK(decimals_of("1,105.80") == 2);
  CHECK(decimals_of("27.2%") == 1);
  CHECK(decimals_of("") == 0);
}

TEST_CASE("format_fixed rounds half away from zero on the written value", "[numfmt]") {
  CHECK(format_fixed(43.83, 2, false) == "43.83");
  CHECK(format_fixed(1105.8, 1, true) == "1,105.8");
  CHECK(format_fixed(1105.8, 1, false) == "1105.8");
  CHECK(format_fixed(2.675, 2, false) == "2.68");  // binary 2.67499999… still reads 2.675
  CHECK(format_fixed(0.125, 2, false) == "0.13");
  CHECK(format_fixed(-0.125, 2, false) == "-0.13");
  CHECK(format_fixed(9.995, 2, false) == "10.00");
  CHECK(format_fixed(999999.5, 0, true) == "1,000,000");
  CHECK(format_fixed(12345678, 0, true) == "12,345,678");
  CHECK(format_fixed(-1234.5, 1, true) == "-1,234.5");
  CHECK(format_fixed(5, 2, false) == "5.00");
  CHECK(format_fixed(-0.001, 1, false) == "0.0");  // never "-0.0"
  CHECK(format_fixed(-0.0, 0, false) == "0");
  CHECK(format_fixed(100, 0, true) == "100");
  CHECK(format_fixed(1e300, 0, false).size() == 301);
  CHECK(format_fixed(std::nan(""), 2, false) == "");
}

TEST_CASE("with_minus_sign writes negatives with U+2212 for readers", "[numfmt]") {
  CHECK(with_minus_sign("-3.2") == "\u22123.2");
  CHECK(with_minus_sign("-1,234.5%") == "\u22121,234.5%");
  CHECK(with_minus_sign(" -.5") == " \u2212.5");
  CHECK(with_minus_sign("3.2") == "3.2");
  CHECK(with_minus_sign("-") == "-");                  // not a number
  CHECK(with_minus_sign("2022-06-24") == "2022-06-24");  // a date, not a negative
  CHECK(with_minus_sign("-a") == "-a");
}

TEST_CASE("format_percent appends the sign", "[numfmt]") {
  CHECK(format_percent(27.2, 1) == "27.2%");
  CHECK(format_percent(-3, 1) == "-3.0%");
}

TEST_CASE("nice_ticks gives 1-2-5 steps covering the data", "[numfmt]") {
  Ticks t = nice_ticks(0, 13.79, true);
  CHECK(t.step == 5);
  CHECK(t.values == std::vector<double>{0, 5, 10, 15});
  CHECK(t.decimals == 0);

  t = nice_ticks(9.01, 13.79, true);  // bars: zero baseline
  CHECK(t.min == 0);
  CHECK(t.max >= 13.79);

  t = nice_ticks(0, 100, true);
  CHECK(t.values == std::vector<double>{0, 20, 40, 60, 80, 100});

  t = nice_ticks(-3, 25, true);
  CHECK(t.values == std::vector<double>{-5, 0, 5, 10, 15, 20, 25});

  t = nice_ticks(0.12, 0.87, false);
  CHECK(t.step == Approx(0.2));
  CHECK(t.decimals == 1);
  CHECK(t.values.front() == Approx(0));
  CHECK(t.values.back() == Approx(1));

  t = nice_ticks(-40, -10, true);  // all negative: zero on top
  CHECK(t.max == 0);
  CHECK(t.min <= -40);
}

TEST_CASE("nice_ticks keeps the interval count bounded", "[numfmt]") {
  for (double hi : {1.0, 3.7, 9.99, 13.79, 72.45, 101.0, 999.0, 1234.5, 43830.0, 1e9}) {
    for (double lo : {0.0, -hi / 3, hi / 2}) {
      Ticks t = nice_ticks(lo, hi, lo == 0);
      INFO("lo " << lo << " hi " << hi);
      CHECK(t.values.size() >= 2);
      CHECK(t.values.size() <= 7);
      CHECK(t.min <= lo);
      CHECK(t.max >= hi);
      double m = t.step / std::pow(10.0, std::floor(std::log10(t.step)));
      CHECK((std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9));
    }
  }
}

TEST_CASE("nice_ticks handles degenerate ranges", "[numfmt]") {
  Ticks t = nice_ticks(0, 0, true);
  CHECK(t.min == 0);
  CHECK(t.max == 1);
  t = nice_ticks(5, 5, true);
  CHECK(t.min == 0);
  CHECK(t.max >= 5);
  t = nice_ticks(5, 5, false);
  CHECK(t.min < 5);
  CHECK(t.max > 5);
  t = nice_ticks(10, 2, false);  // reversed
  CHECK(t.min <= 2);
  CHECK(t.max >= 10);
}

TEST_CASE("paired_ticks: one set of gridlines, each axis with its own nice range", "[numfmt]") {
  Ticks l, r;
  // 图2-4's case: parcel volumes (never negative) with a growth line that dips below zero. The
  // bars' axis no longer follows the line below zero (it showed -500/-1000 亿件 before).
  paired_ticks({0, 1105.8, true, false}, {-2.5, 28.8, false, false}, &l, &r);
  REQUIRE(l.values.size() == r.values.size());
  CHECK(l.min == 0);
  CHECK(l.max >= 1105.8);
  CHECK(r.min <= -2.5);
  CHECK(r.max >= 28.8);
  CHECK(r.min < 0);
}

TEST_CASE("paired_ticks: a share axis stays within 0..100%", "[numfmt]") {
  Ticks l, r;
  // 图1-4's case: shares up to 84.4% as bars, growth 3.0-9.7% as the line: 0-150% before.
  paired_ticks({0, 84.4, true, true}, {3.0, 9.7, false, true}, &l, &r);
  REQUIRE(l.values.size() == r.values.size());
  CHECK(l.min == 0);
  CHECK(l.max >= 84.4);
  CHECK(l.max <= 100);
  CHECK(r.min <= 3.0);
  CHECK(r.max >= 9.7);
  // Shares as the line: its axis neither passes 100 nor goes below 0.
  paired_ticks({0, 1546, true, false}, {12.5, 99.2, false, true}, &l, &r);
  CHECK(r.max == 100);
  CHECK(r.min >= 0);
  // Rounded shares adding up to 100.1% still end at 100%.
  paired_ticks({0, 100.1, true, true}, {1, 9, false, false}, &l, &r);
  CHECK(l.max == 100);
  // Percentages beyond 100 (growth) are not capped.
  paired_ticks({0, 50, true, false}, {-20, 150, false, true}, &l, &r);
  CHECK(r.max >= 150);
}

TEST_CASE("cap_percent_axis ends a share axis at 100%", "[numfmt]") {
  Ticks t = nice_ticks(0, 100.1, true);  // stacked shares: 0-120% uncapped
  CHECK(t.max > 100);
  cap_percent_axis(&t, 100.1);
  CHECK(t.max == 100);
  CHECK(t.values.back() == 100);
  Ticks g = nice_ticks(0, 140, true);  // a growth rate of 140%: left alone
  Ticks g0 = g;
  cap_percent_axis(&g, 140);
  CHECK(g.values == g0.values);
}

TEST_CASE("format_tick shows just the decimals the step needs", "[numfmt]") {
  Ticks t = nice_ticks(0, 0.87, false);
  CHECK(format_tick(0.4, t) == "0.4");
  t = nice_ticks(0, 50000, true);
  CHECK(t.thousands);
  CHECK(format_tick(20000, t) == "20,000");
  t = nice_ticks(2000, 2022, false);  // years stay without separators
  CHECK_FALSE(t.thousands);
  CHECK(format_tick(2010, t) == "2010");
}

TEST_CASE("scale_to_unit names large numbers in the report's language", "[numfmt]") {
  const std::string nb = "\xC2\xA0";  // no-break space
  struct Case {
    double v;
    const char* lang;
    double scaled;
    std::string unit;
  };
  const Case cases[] = {
      {1234567, "en", 1.234567, nb + "million"},  {-2.5e9, "en", -2.5, nb + "billion"},
      {7.1e12, "en", 7.1, nb + "trillion"},        {999999, "en", 999999, ""},
      {999995000, "en", 0.999995, nb + "billion"},  // would show as 1,000.00 million
      {996000000, "en", 996, nb + "million"},       // 996.00 million, not 1.00 billion
      {1234567, "zh-CN", 123.4567, "万"},           {4.383e9, "zh-CN", 43.83, "亿"},
      {1.5e12, "zh-CN", 1.5, "万亿"},                {9999, "zh-CN", 9999, ""},
      {42, "fr", 42, ""}};
  for (const Case& c : cases) {
    INFO(c.v << " " << c.lang);
    std::string unit = "stale";
    CHECK(scale_to_unit(c.v, 2, c.lang, &unit) == Approx(c.scaled));
    CHECK(unit == c.unit);
  }
}
