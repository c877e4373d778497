#include "table_layout.h"

#include <algorithm>

#include "text.h"

namespace annalist {

namespace {

// Skips ASCII digits from s[i]; returns how many.
size_t digits(std::string_view s, size_t& i) {
  size_t start = i;
  while (i < s.size() && is_ascii_digit(s[i])) ++i;
  return i - start;
}

bool eat(std::string_view s, size_t& i, std::string_view what) {
  if (s.substr(i, what.size()) != what) return false;
  i += what.size();
  return true;
}

// [sign] digits [, digits]… [. digits] [%]
bool is_number(std::string_view s) {
  size_t i = 0;
  if (!eat(s, i, "-") && !eat(s, i, "+")) eat(s, i, "\u2212");
  if (digits(s, i) == 0) return false;
  while (i < s.size() && s[i] == ',')
    if (++i, digits(s, i) != 3) return false;
  if (i < s.size() && s[i] == '.' && (++i, digits(s, i) == 0)) return false;
  eat(s, i, "%");
  return i == s.size();
}

// YYYY-MM[-DD] (also with '/' or '.'), or YYYY年[M月[D日]].
bool is_date(std::string_view s) {
  size_t i = 0;
  if (digits(s, i) != 4) return false;
  if (eat(s, i, "年")) {
    size_t m = digits(s, i);
    if (m == 0) return i == s.size();
    if (m > 2 || !eat(s, i, "月")) return false;
    size_t d = digits(s, i);
    return d == 0 ? i == s.size() : d <= 2 && eat(s, i, "日") && i == s.size();
  }
  if (i == s.size()) return false;
  char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  for (int part = 0; part < 2 && i < s.size(); ++part) {
    if (s[i] != sep) return false;
    ++i;
    size_t n = digits(s, i);
    if (n == 0 || n > 2) return false;
  }
  return i == s.size();
}

}  // namespace

bool unbreakable_cell(std::string_view text) {
  std::string_view s = trim(text);
  return !s.empty() && (is_number(s) || is_date(s));
}

bool stacks_as_cards(const std::vector<std::vector<std::string>>& rows) {
  size_t ncols = 0;
  for (const auto& r : rows) ncols = std::max(ncols, r.size());
  if (ncols < 3) return false;
  std::vector<double> widest(ncols, 0);
  std::vector<bool> text(ncols, false);
  double longest_text = 0;
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) {
      double w = text_width_em(trim(r[c]));
      widest[c] = std::max(widest[c], w);
      if (!trim(r[c]).empty() && !unbreakable_cell(r[c])) {
        text[c] = true;
        longest_text = std::max(longest_text, w);
      }
    }
  double natural = 0;  // each column at its widest cell (capped: long text wraps anyway) plus padding
  for (double w : widest) natural += std::min(w, 20.0) + 1.5;
  return std::count(text.begin(), text.end(), true) >= 2 && longest_text >= 8 && natural > 20;
}

std::string table_wrap_open(std::string_view label) {
  return "<div class=\"table-wrap\" role=\"region\" aria-label=\"" + html_escape(label) + "\" tabindex=\"0\">\n";
}

}  // namespace annalist
