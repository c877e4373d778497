#include <catch2/catch.hpp>

#include <string>

#include "terminal_text.h"

using namespace annalist;

TEST_CASE("escape_controls shows C0, DEL, C1 and broken UTF-8 as escapes", "[text]") {
  CHECK(escape_controls("\x1b[31mred") == "\\x1b[31mred");
  CHECK(escape_controls(std::string("a\0b\tc\nd\x7f", 8)) == "a\\x00b\\x09c\\x0ad\\x7f");
  CHECK(escape_controls("\xc2\x9b" "31m") == "\\u009b31m");  // C1 CSI as UTF-8
  CHECK(escape_controls("x\x9b" "y\xff") == "x\\x9by\\xff");  // lone bytes, not UTF-8
  CHECK(escape_controls("\xc0\x9b") == "\\xc0\\x9b");          // overlong form
  CHECK(escape_controls("\xe4\xb8") == "\\xe4\\xb8");          // truncated sequence
}

TEST_CASE("escape_controls leaves printable text alone", "[text]") {
  CHECK(escape_controls("图1-2 2018—2022年 → 13.85%") == "图1-2 2018—2022年 → 13.85%");
  CHECK(escape_controls("C:\\path \xc2\xa0 \xef\xbf\xbd") == "C:\\path \xc2\xa0 \xef\xbf\xbd");
  CHECK(escape_controls("") == "");
}
