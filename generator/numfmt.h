#pragma once
// Numbers as people write and read them: parsing "1,105.8", fixed decimals, nice axis ticks.
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// Parses a number as written in data: optional sign, optional thousands separators in
/// correct groups ("1,105.8"), optional fraction and exponent; surrounding spaces ignored.
bool parse_number(std::string_view text, double* out);
/// Parses "27.2%" (a number followed by '%'); *out gets 27.2.
bool parse_percent(std::string_view text, double* out);
/// Digits after the decimal point in a numeric text: "1,105.80" → 2, "43" → 0, "27.2%" → 1.
int decimals_of(std::string_view numeric_text);
/// True when the text uses a thousands separator ("1,105.8").
bool has_thousands(std::string_view numeric_text);

/// v with exactly `decimals` decimals (half away from zero on the shortest decimal form, so
/// 2.675 → "2.68"), optionally with thousands separators; never "-0"; "" when not finite.
std::string format_fixed(double v, int decimals, bool thousands);
/// Number text for readers: a leading '-' before a digit or '.' becomes the minus sign U+2212
/// ("-3.2%" → "−3.2%"); anything else is returned as it is. Machine-readable output (CSV, JSON,
/// attributes) keeps the ASCII '-'.
std::string with_minus_sign(std::string_view numeric_text);
/// A large number in the words of a language: v divided by the largest unit it reaches, that
/// unit in *unit. Chinese (a language starting "zh"): 万 (10^4), 亿 (10^8), 万亿 (10^12); any
/// other language, English: " million", " billion", " trillion" after a no-break space. Below the
/// smallest unit, v as it is and "". A value that shows as 1 of a unit when rounded to
/// `decimals` decimals takes that unit.
double scale_to_unit(double v, int decimals, std::string_view language, std::string* unit);
/// format_fixed followed by '%': (27.2, 1) → "27.2%".
std::string format_percent(double v, int decimals);

/// Axis ticks: equally spaced values min, min+step, …, max.
struct Ticks {
  double min = 0;                ///< first tick (≤ data minimum)
  double max = 1;                ///< last tick (≥ data maximum)
  double step = 1;               ///< 1, 2 or 5 × 10^k
  int decimals = 0;              ///< decimals a label needs to show the step exactly
  bool thousands = false;        ///< labels use thousands separators (|values| ≥ 10,000)
  std::vector<double> values;    ///< the ticks, from min to max
};

/// Nice 1-2-5 ticks covering [lo, hi] with at most max_intervals intervals; zero is inside the
/// range when include_zero (bar baselines). Works for negative and degenerate ranges.
Ticks nice_ticks(double lo, double hi, bool include_zero = false, int max_intervals = 6);
/// One axis of a combo chart: its data range, whether zero must be on it (bars), and whether its
/// values are percentages.
struct AxisData {
  double lo = 0, hi = 0;
  bool zero = false;
  bool pct = false;
};
/// Ticks for a combo chart's two axes with the same number of intervals, so that one set of
/// gridlines serves both, each axis with its own nice range (zero need not share a gridline): an
/// axis with `zero` includes it and, for data that is never negative, starts at it; a percentage
/// axis whose data stays within 0..100% (100.5%, for rounding) neither passes 100 nor goes below 0.
void paired_ticks(const AxisData& left_data, const AxisData& right_data, Ticks* left, Ticks* right);
/// A percentage axis over data within 0..100.5 ends at 100, not above (100 is a tick of every
/// 1-2-5 step); anything else is left as it is.
void cap_percent_axis(Ticks* t, double data_hi);
/// The shortest label that shows a tick exactly: ticks.decimals decimals, separators if needed.
std::string format_tick(double v, const Ticks& ticks);

}  // namespace annalist
