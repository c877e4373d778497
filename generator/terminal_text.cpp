#include "terminal_text.h"

#include "text.h"

namespace annalist {

namespace {

void append_hex(const char* prefix, unsigned value, std::string& out) {
  static const char kHex[] = "0123456789abcdef";
  out += prefix;
  out += kHex[(value >> 4) & 0xF];
  out += kHex[value & 0xF];
}

}  // namespace

std::string escape_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) append_hex("\\x", c, out);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = utf8_next(s, i);
    std::string_view bytes = s.substr(start, i - start);
    if (cp == 0xFFFD && bytes != "\xEF\xBF\xBD") {
      for (char b : bytes) append_hex("\\x", static_cast<unsigned char>(b), out);
    } else if (cp <= 0x9F) {
      append_hex("\\u00", static_cast<unsigned>(cp), out);
    } else {
      out.append(bytes);
    }
  }
  return out;
}

}  // namespace annalist
