#include "numfmt.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace annalist {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Groups the digits of an integer part in threes: "1105" → "1,105".
std::string group_thousands(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  size_t lead = digits.size() % 3;
  if (lead == 0) lead = 3;
  out.append(digits.substr(0, lead));
  for (size_t i = lead; i < digits.size(); i += 3) {
    out += ',';
    out.append(digits.substr(i, 3));
  }
  return out;
}

// The smallest 1-2-5 × 10^k step that is ≥ x (x > 0).
double nice_step_at_least(double x) {
  double mag = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= x * (1 - 1e-9)) return m * mag;
  }
  return 10 * mag;
}

int step_decimals(double step) {
  int d = 0;
  double s = step;
  while (d < 12 && std::fabs(s - std::round(s)) > 1e-9 * std::max(1.0, std::fabs(s))) {
    s *= 10;
    ++d;
  }
  return d;
}

double round_to(double v, int decimals) {
  double f = std::pow(10.0, decimals);
  double r = std::round(v * f) / f;
  return r == 0 ? 0.0 : r;  // no negative zero
}

Ticks make_ticks(double lo_tick, double step, int intervals) {
  Ticks t;
  t.step = step;
  t.decimals = step_decimals(step);
  for (int i = 0; i <= intervals; ++i) t.values.push_back(round_to(lo_tick + i * step, t.decimals));
  t.min = t.values.front();
  t.max = t.values.back();
  t.thousands = std::max(std::fabs(t.min), std::fabs(t.max)) >= 10000;
  return t;
}

}  // namespace

bool parse_number(std::string_view text, double* out) {
  std::string_view s = trim_spaces(text);
  if (s.empty()) return false;
  std::string clean;
  clean.reserve(s.size());
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') {
    if (s[i] == '-') clean += '-';
    ++i;
  }
  // Integer part, with or without correctly grouped thousands separators.
  size_t int_start = i;
  size_t group = 0;       // digits since the last comma
  bool commas = false;
  size_t first_group = 0;
  while (i < s.size() && (is_digit(s[i]) || s[i] == ',')) {
    if (s[i] == ',') {
      if (!commas) first_group = group;
      if (group == 0 || (commas && group != 3)) return false;
      commas = true;
      group = 0;
    } else {
      clean += s[i];
      ++group;
    }
    ++i;
  }
  if (commas && (group != 3 || first_group > 3)) return false;
  bool int_digits = i > int_start;
  bool frac_digits = false;
  if (i < s.size() && s[i] == '.') {
    clean += '.';
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      clean += s[i++];
      frac_digits = true;
    }
  }
  if (!int_digits && !frac_digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    clean += 'e';
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
    bool exp_digits = false;
    while (i < s.size() && is_digit(s[i])) {
      clean += s[i++];
      exp_digits = true;
    }
    if (!exp_digits) return false;
  }
  if (i != s.size()) return false;
  double v = 0;
  const char* b = clean.data();
  if (clean[0] == '.' || (clean[0] == '-' && clean.size() > 1 && clean[1] == '.')) {
    // from_chars needs a digit before '.'.
    clean.insert(clean[0] == '-' ? 1 : 0, "0");
    b = clean.data();
  }
  auto r = std::from_chars(b, b + clean.size(), v);
  if (r.ec != std::errc() || r.ptr != b + clean.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

bool parse_percent(std::string_view text, double* out) {
  std::string_view s = trim_spaces(text);
  if (s.size() < 2 || s.back() != '%') return false;
  return parse_number(s.substr(0, s.size() - 1), out);
}

int decimals_of(std::string_view numeric_text) {
  size_t dot = numeric_text.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (size_t i = dot + 1; i < numeric_text.size() && is_digit(numeric_text[i]); ++i) ++n;
  return n;
}

bool has_thousands(std::string_view numeric_text) {
  return numeric_text.find(',') != std::string_view::npos;
}

std::string format_fixed(double v, int decimals, bool thousands) {
  if (!std::isfinite(v)) return "";
  decimals = std::clamp(decimals, 0, 20);
  char buf[1024];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::fixed);
  std::string digits(buf, r.ec == std::errc() ? r.ptr : buf);
  size_t dot = digits.find('.');
  std::string ip = dot == std::string::npos ? digits : digits.substr(0, dot);
  std::string fp = dot == std::string::npos ? "" : digits.substr(dot + 1);
  if (static_cast<int>(fp.size()) > decimals) {
    bool up = fp[static_cast<size_t>(decimals)] >= '5';
    fp.resize(static_cast<size_t>(decimals));
    if (up) {
      // Add one unit in the last kept place, carrying into the integer part.
      std::string all = ip + fp;
      int k = static_cast<int>(all.size()) - 1;
      while (k >= 0 && all[static_cast<size_t>(k)] == '9') all[static_cast<size_t>(k--)] = '0';
      if (k < 0) all.insert(all.begin(), '1');
      else ++all[static_cast<size_t>(k)];
      ip = all.substr(0, all.size() - fp.size());
      fp = all.substr(all.size() - fp.size());
    }
  }
  fp.resize(static_cast<size_t>(decimals), '0');
  bool nonzero = ip.find_first_not_of('0') != std::string::npos || fp.find_first_not_of('0') != std::string::npos;
  std::string out;
  if (v < 0 && nonzero) out += '-';
  out += thousands ? group_thousands(ip) : ip;
  if (decimals > 0) {
    out += '.';
    out += fp;
  }
  return out;
}

std::string format_percent(double v, int decimals) { return format_fixed(v, decimals, false) + "%"; }

Ticks nice_ticks(double lo, double hi, bool include_zero, int max_intervals) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (lo > hi) std::swap(lo, hi);
  if (include_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  if (max_intervals < 1) max_intervals = 1;
  if (hi == lo) {
    if (lo == 0) hi = 1;
    else if (include_zero) (lo < 0 ? lo : hi) = 0;
    else {
      double pad = std::fabs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  double span = hi - lo;
  double step = nice_step_at_least(span / max_intervals);
  for (int guard = 0; guard < 8; ++guard) {
    double a = std::floor(lo / step + 1e-9);
    double b = std::ceil(hi / step - 1e-9);
    int intervals = static_cast<int>(std::llround(b - a));
    if (intervals <= max_intervals) return make_ticks(a * step, step, std::max(intervals, 1));
    step = nice_step_at_least(step * 1.5);
  }
  double a = std::floor(lo / step);
  return make_ticks(a * step, step, static_cast<int>(std::ceil(hi / step) - a));
}

void aligned_ticks(double lo1, double hi1, double lo2, double hi2, Ticks* left, Ticks* right) {
  lo1 = std::min(lo1, 0.0), hi1 = std::max(hi1, 0.0);
  lo2 = std::min(lo2, 0.0), hi2 = std::max(hi2, 0.0);
  if (hi1 == lo1) hi1 = 1;
  if (hi2 == lo2) hi2 = 1;
  // Try every interval count n and every split k (intervals below zero); keep the one that
  // wastes the least room on both axes, preferring about five intervals.
  double best = 1e300;
  int best_n = 0, best_k = 0;
  double best_s1 = 1, best_s2 = 1;
  for (int n = 3; n <= 6; ++n) {
    for (int k = 0; k <= n; ++k) {
      auto need = [&](double lo, double hi) -> double {
        if (lo < 0 && k == 0) return -1;
        if (hi > 0 && k == n) return -1;
        double s = 0;
        if (lo < 0) s = std::max(s, -lo / k);
        if (hi > 0) s = std::max(s, hi / (n - k));
        return nice_step_at_least(s);
      };
      double s1 = need(lo1, hi1), s2 = need(lo2, hi2);
      if (s1 <= 0 || s2 <= 0) continue;
      double waste = (n * s1) / (hi1 - lo1) + (n * s2) / (hi2 - lo2) + 0.05 * std::abs(n - 5);
      if (waste < best - 1e-9) {
        best = waste;
        best_n = n, best_k = k, best_s1 = s1, best_s2 = s2;
      }
    }
  }
  if (best_n == 0) {  // cannot happen with both ranges containing zero, but stay safe
    *left = nice_ticks(lo1, hi1, true);
    *right = nice_ticks(lo2, hi2, true);
    return;
  }
  *left = make_ticks(-best_k * best_s1, best_s1, best_n);
  *right = make_ticks(-best_k * best_s2, best_s2, best_n);
}

std::string format_tick(double v, const Ticks& ticks) {
  return format_fixed(v, ticks.decimals, ticks.thousands);
}

}  // namespace annalist
