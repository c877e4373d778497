#include "number_scan.h"

#include <algorithm>

#include "text.h"

namespace annalist {

std::vector<NumberToken> find_numbers(std::string_view s) {
  std::vector<NumberToken> out;
  const size_t n = s.size();
  size_t i = 0;
  auto skip_word = [&](size_t k) {
    while (k < n && (is_ascii_alnum(s[k]) || s[k] == '_' || (s[k] == '.' && k + 1 < n && is_ascii_alnum(s[k + 1]))))
      ++k;
    return k;
  };
  while (i < n) {
    size_t start = i, j = i;
    if ((s[j] == '-' || s[j] == '+') && j + 1 < n && is_ascii_digit(s[j + 1])) {
      j += 1;
    } else if (s.compare(j, 3, "\xE2\x88\x92") == 0 && j + 3 < n && is_ascii_digit(s[j + 3])) {
      j += 3;  // U+2212 minus sign
    } else if (!is_ascii_digit(s[j])) {
      ++i;
      continue;
    }
    if (j > start) {
      // A sign right after a letter, digit or '.' is a hyphen: the number starts at the digit.
      char prev = start > 0 ? s[start - 1] : ' ';
      if (is_ascii_alnum(prev) || prev == '.' || prev == '_') start = j;
    }
    char prev = start > 0 ? s[start - 1] : ' ';
    if (is_ascii_alpha(prev) || prev == '_') {  // "H5", "CO2": part of a word
      i = skip_word(j);
      continue;
    }
    size_t k = j;
    while (k < n && is_ascii_digit(s[k])) ++k;
    if (k - j <= 3) {
      while (k + 3 < n + 0 && s[k] == ',' && is_ascii_digit(s[k + 1]) && is_ascii_digit(s[k + 2]) &&
             is_ascii_digit(s[k + 3]) &&
             (k + 4 >= n || !is_ascii_digit(s[k + 4])))
        k += 4;
    }
    if (k + 1 < n && s[k] == '.' && is_ascii_digit(s[k + 1])) {
      ++k;
      while (k < n && is_ascii_digit(s[k])) ++k;
    }
    if (k < n && (is_ascii_alpha(s[k]) || s[k] == '_' || (s[k] == '.' && k + 1 < n && is_ascii_digit(s[k + 1])))) {
      i = skip_word(k);  // "5G", "1.2.3": not a number
      continue;
    }
    if (k < n && s[k] == '%') ++k;
    out.push_back({std::string(s.substr(start, k - start)), start});
    i = k;
  }
  return out;
}

std::string snippet_around(std::string_view text, size_t offset, size_t len, size_t width) {
  std::vector<size_t> starts;  // byte offset of every code point
  for (size_t i = 0; i < text.size();) {
    starts.push_back(i);
    utf8_next(text, i);
  }
  if (starts.size() <= width) return std::string(text);
  size_t first = static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), offset) - starts.begin());
  size_t last = static_cast<size_t>(std::lower_bound(starts.begin(), starts.end(), offset + len) - starts.begin());
  size_t inner = last - first;
  size_t side = inner >= width ? 0 : (width - inner) / 2;
  size_t from = first > side ? first - side : 0;
  size_t to = std::min(starts.size(), last + side + (first > side ? 0 : side - first));
  if (to == starts.size() && to - from < width) from = to > width ? to - width : 0;
  size_t b = starts[from];
  size_t e = to < starts.size() ? starts[to] : text.size();
  std::string out;
  if (from > 0) out += "…";
  out += std::string(trim(text.substr(b, e - b)));
  if (to < starts.size()) out += "…";
  return out;
}

// The text with every number replaced by one marker byte.
std::string mask_numbers(std::string_view s) {
  std::string out;
  size_t at = 0;
  for (const auto& t : find_numbers(s)) {
    out.append(s.substr(at, t.offset - at));
    out += '\x01';
    at = t.offset + t.text.size();
  }
  out.append(s.substr(at));
  return out;
}

}  // namespace annalist
