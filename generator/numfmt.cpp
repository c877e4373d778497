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

std::string with_minus_sign(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  bool minus = i + 1 < s.size() && s[i] == '-' && ((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.');
  if (!minus) return std::string(s);
  return std::string(s.substr(0, i)) + "\u2212" + std::string(s.substr(i + 1));
}

double scale_to_unit(double v, int decimals, std::string_view language, std::string* unit) {
  struct Unit {
    double size;
    const char* name;
  };
  static constexpr Unit kChinese[] = {{1e12, "万亿"}, {1e8, "亿"}, {1e4, "万"}};
  static constexpr Unit kEnglish[] = {  // after a no-break space, U+00A0
      {1e12, "\xC2\xA0trillion"}, {1e9, "\xC2\xA0" "billion"}, {1e6, "\xC2\xA0million"}};
  const auto& units = language.substr(0, 2) == "zh" ? kChinese : kEnglish;
  unit->clear();
  // A value that would show as 1,000 of the next smaller unit at `decimals` decimals takes the
  // larger one (999,995,000 at 2 decimals is 1.00 billion, not 1,000.00 million); below the
  // smallest unit the value is shown as it is, so the smallest is never rounded up to.
  const double half = 0.5 * std::pow(10.0, -std::clamp(decimals, 0, 15));
  for (size_t k = 0; k < std::size(units); ++k) {
    const Unit& u = units[k];
    double below = k + 1 < std::size(units) ? half * units[k + 1].size : 0;
    if (std::fabs(v) >= u.size - below) {
      *unit = u.name;
      return v / u.size;
    }
  }
  return v;
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

namespace {

// The smallest 1-2-5 step with which n intervals from a multiple of it cover [lo, hi], staying
// within [floor, ceil]; 0 when there is none.
double cover_step(double lo, double hi, int n, double floor, double ceil, double* start) {
  double s = nice_step_at_least((hi - lo) / n);
  for (int guard = 0; guard < 6; ++guard, s = nice_step_at_least(s * 1.5)) {
    double a = std::floor(lo / s + 1e-9) * s;
    if (a + n * s < hi - 1e-9 * std::max(1.0, std::fabs(hi))) continue;
    if (a < floor - 1e-9) return 0;
    if (a + n * s > ceil + 1e-9) {
      // Room to spare above: start lower, if the floor allows.
      double down = std::ceil((a + n * s - ceil) / s - 1e-9) * s;
      if (a - down < floor - 1e-9 || a - down + n * s < hi - 1e-9) return 0;
      a -= down;
    }
    *start = a;
    return s;
  }
  return 0;
}

// The range an axis must show, and the bounds it must stay within.
void axis_span(const AxisData& d, double* lo, double* hi, double* floor, double* ceil) {
  *lo = d.lo, *hi = d.hi;
  if (d.zero || (*lo >= 0 && *lo <= *hi * 0.5)) *lo = std::min(*lo, 0.0), *hi = std::max(*hi, 0.0);
  if (*hi == *lo) *hi = *lo + (*lo == 0 ? 1 : std::fabs(*lo) * 0.1);
  bool share = d.pct && d.lo >= 0 && d.hi <= 100.5;
  *floor = (d.zero && d.lo >= 0) || share ? 0 : -1e300;
  *ceil = share ? 100 : 1e300;
  if (share) *hi = std::min(*hi, 100.0);
}

}  // namespace

void paired_ticks(const AxisData& left_data, const AxisData& right_data, Ticks* left, Ticks* right) {
  double lo1, hi1, f1, c1, lo2, hi2, f2, c2;
  axis_span(left_data, &lo1, &hi1, &f1, &c1);
  axis_span(right_data, &lo2, &hi2, &f2, &c2);
  // Every interval count from 3 to 6; keep the one that wastes the least room on both axes,
  // preferring about five intervals.
  double best = 1e300;
  for (int n = 3; n <= 6; ++n) {
    double a1 = 0, a2 = 0;
    double s1 = cover_step(lo1, hi1, n, f1, c1, &a1), s2 = cover_step(lo2, hi2, n, f2, c2, &a2);
    if (s1 <= 0 || s2 <= 0) continue;
    double waste = (n * s1) / (hi1 - lo1) + (n * s2) / (hi2 - lo2) + 0.05 * std::abs(n - 5);
    if (waste < best - 1e-9) {
      best = waste;
      *left = make_ticks(a1, s1, n);
      *right = make_ticks(a2, s2, n);
    }
  }
  if (best == 1e300) {  // no count fits both bounds: each axis on its own
    *left = nice_ticks(lo1, hi1, left_data.zero);
    *right = nice_ticks(lo2, hi2, right_data.zero);
  }
}

void cap_percent_axis(Ticks* t, double data_hi) {
  if (data_hi > 100.5 || t->max <= 100) return;
  auto at = std::find_if(t->values.begin(), t->values.end(), [](double v) { return std::fabs(v - 100) < 1e-9; });
  if (at == t->values.end()) return;  // 100 is no tick (a step above 100): leave the axis as it is
  t->values.erase(at + 1, t->values.end());
  t->max = 100;
}

std::string format_tick(double v, const Ticks& ticks) {
  return format_fixed(v, ticks.decimals, ticks.thousands);
}

}  // namespace annalist
