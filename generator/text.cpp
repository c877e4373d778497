#include "text.h"

#include <cstdint>
#include <algorithm>
#include <cstring>

namespace annalist {

namespace {

// Replacement text for each byte that HTML/XML text and attributes cannot hold as it is:
// markup characters are escaped, C0 controls other than tab/LF/CR are dropped.
struct EscapeTable {
  const char* rep[256] = {};
  EscapeTable() {
    for (int c = 0; c < 0x20; ++c)
      if (c != '\t' && c != '\n' && c != '\r') rep[c] = "";
    rep[static_cast<int>('&')] = "&amp;";
    rep[static_cast<int>('<')] = "&lt;";
    rep[static_cast<int>('>')] = "&gt;";
    rep[static_cast<int>('"')] = "&quot;";
    rep[static_cast<int>('\'')] = "&#39;";
  }
};
const EscapeTable kEscape;

}  // namespace

void html_escape(std::string_view s, std::string& out) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* rep = kEscape.rep[static_cast<unsigned char>(s[i])];
    if (!rep) continue;
    out.append(s.substr(start, i - start));
    out.append(rep);
    start = i + 1;
  }
  out.append(s.substr(start));
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  html_escape(s, out);
  return out;
}

char32_t utf8_next(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (n < 0 || i + n >= s.size() + (n == 0 ? 1 : 0)) {
    if (n == 0) return s[i++];
    ++i;
    return 0xFFFD;
  }
  char32_t cp = n == 0 ? c : c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  i += n + 1;
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  return cp;
}

bool utf8_valid(std::string_view s, size_t* bad_offset) {
  // Well-formed UTF-8 as in Unicode's table 3-7: no overlong forms, no surrogates, ≤ U+10FFFF.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  auto cont = [&](size_t k) { return k < n && (p[k] & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      // An ASCII run: eight bytes at a time (not tried after every CJK character).
      ++i;
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
        i += 8;
      }
      continue;
    }
    bool ok;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF) {
      ok = cont(i + 1), len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      ok = i + 1 < n && p[i + 1] >= lo && p[i + 1] <= hi && cont(i + 2), len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      ok = i + 1 < n && p[i + 1] >= lo && p[i + 1] <= hi && cont(i + 2) && cont(i + 3), len = 4;
    } else {
      ok = false, len = 1;
    }
    if (!ok) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

void utf8_append(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

double text_width_em(std::string_view s) {
  double w = 0;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = utf8_next(s, i);
    if (is_wide(c)) w += 1.0;
    else if (c == ' ' || c == '.' || c == ',' || c == ':' || c == '|' || c == 'i' || c == 'l') w += 0.3;
    else if (c >= 'A' && c <= 'Z') w += 0.65;
    else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%') w += 0.85;
    else w += 0.55;
  }
  return w;
}

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

namespace {

// Punctuation and symbols that separate words in headings (ASCII ones are handled apart).
bool is_punctuation(char32_t c) {
  return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
         (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0xA0 || c == 0xFFFD || (c >= 0x2190 && c <= 0x2BFF);
}

}  // namespace

std::string slugify(std::string_view text) {
  std::string out;
  bool dash = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8_next(text, i);
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c >= 0x80 && !is_punctuation(c));
    if (keep) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      utf8_append(c, out);
    } else {
      dash = true;
    }
  }
  if (out.empty()) out = "section";
  return out;
}

namespace {

// White space as Unicode (and Rust's char::is_whitespace, which mdBook uses) defines it.
bool is_space(char32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// A non-ASCII letter or digit, as near as a table-free test gets: everything except the
// punctuation, symbol, emoji, private-use and formatting blocks, with the letters and numbers
// that live inside those blocks (ª ² µ ¼, 々 〇, full-width Ａ-Ｚ ０-９, ① …) kept.
bool is_word_char(char32_t c) {
  if (c < 0xC0) return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA || (c >= 0xBC && c <= 0xBE);
  if (c == 0xD7 || c == 0xF7 || c == 0x30A0 || c == 0x30FB) return false;  // × ÷ ゠ ・
  if (c >= 0x3000 && c <= 0x303F)
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3031 && c <= 0x3035) ||
           (c >= 0x3038 && c <= 0x303C);
  if (c >= 0x2460 && c <= 0x24FF) return true;
  if (c >= 0xFF00 && c <= 0xFF65)
    return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
  return !((c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2190 && c <= 0x2BFF) ||
           (c >= 0x2E00 && c <= 0x2E7F) || (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFE10 && c <= 0xFE6F) || c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFF) ||
           (c >= 0x1F000 && c <= 0x1FAFF) || c >= 0xE0000);
}

}  // namespace

std::string heading_slug(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8_next(text, i);
    if (c < 0x80 && (is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '_'))
      out += ascii_lower(static_cast<char>(c));
    else if (is_space(c))
      out += '-';
    else if (c >= 0x80 && is_word_char(c))
      utf8_append(c, out);
  }
  if (out.empty()) out = "section";
  return out;
}

void line_col(std::string_view text, size_t off, int* line, int* col) {
  int l = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < off && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++l;
      line_start = i + 1;
    }
  }
  *line = l;
  *col = static_cast<int>(off - line_start) + 1;
}

std::string url_path_encode(std::string_view path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string percent_decode(std::string_view s) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A numeric character reference at s[i] ("&#…"), as a browser decodes it (the ';' is optional).
static bool numeric_ref(std::string_view s, size_t& i, std::string& out) {
  size_t j = i + 2;
  bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
  if (hex) ++j;
  size_t digits = j;
  unsigned long cp = 0;
  for (; j < s.size(); ++j) {
    char c = s[j];
    int d = (c >= '0' && c <= '9') ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) break;
    cp = std::min(cp * (hex ? 16 : 10) + static_cast<unsigned long>(d), 0x110000UL);
  }
  if (j == digits) return false;
  if (j < s.size() && s[j] == ';') ++j;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  utf8_append(static_cast<char32_t>(cp), out);
  i = j;
  return true;
}

std::string decode_char_refs(std::string_view s) {
  static const std::pair<const char*, const char*> kNamed[] = {
      {"amp;", "&"},     {"lt;", "<"},      {"gt;", ">"},  {"quot;", "\""},    {"apos;", "'"},
      {"nbsp;", "\xC2\xA0"}, {"colon;", ":"}, {"Tab;", "\t"}, {"NewLine;", "\n"}, {"sol;", "/"},
      {"num;", "#"},     {"quest;", "?"},   {"equals;", "="}, {"percnt;", "%"}, {"period;", "."}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == '#' && numeric_ref(s, i, out)) continue;
    bool named = false;
    for (const auto& [name, text] : kNamed) {
      size_t n = std::strlen(name);
      if (s.compare(i + 1, n, name) == 0) {
        out += text;
        i += 1 + n;
        named = true;
        break;
      }
    }
    if (!named) out += s[i++];
  }
  return out;
}

}  // namespace annalist
