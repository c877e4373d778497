#pragma once
// Private to chart*.cpp: the pieces the chart families share (series, legend, label placement,
// value ranges) and one drawing function per family.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chart.h"
#include "chart_text.h"
#include "numfmt.h"
#include "svg.h"

namespace annalist::chart_detail {

inline constexpr double kWide = 480;       ///< viewBox width of the wide layout (screens, print)
inline constexpr double kNarrow = 270;     ///< viewBox width of the narrow layout (phones, CSS-chosen)
inline constexpr double kFont = 12;        ///< ticks, categories, legend
inline constexpr double kValueFont = 11;   ///< data labels
inline constexpr double kLineH = 1.25;     ///< line height, in font sizes
inline constexpr double kPlotH = 210;      ///< plot height of vertical charts
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kLegendRow = 18;   ///< height of one legend row

/// One data column as numbers, with how its values are written.
struct Series {
  std::string column, name;  ///< data column and display name
  std::vector<double> v;     ///< values (0 where missing)
  std::vector<bool> has;     ///< per value: present in the data
  int decimals = 0;          ///< decimals to show
  bool thousands = false;    ///< thousands separators
  bool pct = false;          ///< values are percentages
  int cls = 1;               ///< series-N class
  std::vector<std::string> titles;  ///< per value: the <title> of its mark ("" or missing: none)

  bool any() const;
  /// x as readers see it: the series' decimals, separators and '%', a real minus sign.
  std::string fmt(double x) const { return with_minus_sign(format_fixed(x, decimals, thousands)) + (pct ? "%" : ""); }
};

/// An SVG body drawn for one chart, its height and its <desc> (when the family writes its own).
struct Drawn {
  std::string body;  ///< SVG elements inside <svg>
  double height = 0; ///< viewBox height
  std::string desc;  ///< "" = one series_desc per series
};

/// An axis-aligned box in SVG units.
struct Box {
  double x0, y0, x1, y1;  ///< corners
};
/// The box of one line of text with its baseline at y; anchor 's' start, 'm' middle, 'e' end.
Box text_box(double x, double y, double width, double font, char anchor);

/// Keeps data labels apart: a label is drawn only where it overlaps (with a unit of room) no
/// earlier label, tick label, marker or line segment.
struct Placer {
  std::vector<Box> boxes;                        ///< taken: labels and markers
  std::vector<std::array<double, 4>> segments;   ///< line segments x1 y1 x2 y2
  double left = 0, right = kWide, top = 0, bottom = 1e9;  ///< where labels may go
  bool fits(const Box& b) const;
  bool place(const Box& b);  ///< takes b when it fits
};

/// One legend entry.
struct LegendItem {
  std::string name;  ///< series name
  std::string kind;  ///< bar | line | area | point
  int cls;           ///< series-N
};
/// Positions of legend items (x of the swatch, row index); returns the legend height.
double legend_layout(const std::vector<LegendItem>& items, double chart_w, std::vector<std::pair<double, int>>* pos);
/// Draws the legend with its top at `top` in a chart chart_w wide.
void draw_legend(SvgWriter& w, const std::vector<LegendItem>& items, double top, double chart_w,
                 const std::vector<std::pair<double, int>>& pos);

/// "series-1" … "series-8", repeating.
std::string series_class(int k);
/// The display name of a column (spec names, else the column).
std::string display_name(const ChartSpec& spec, const std::string& column);
/// tmpl with each {name} replaced by vars[name] (unknown names stay as written).
std::string fill(std::string tmpl, const std::map<std::string, std::string>& vars);
/// The <desc> sentence of one series; `at` names each value's category.
std::string series_desc(const Series& s, const std::vector<std::string>& at, const FigureText& text);
/// Writes one chart mark (<rect>, <circle>) with its value as a <title> child (a tooltip on hover,
/// no script) when `title` is not empty.
void draw_mark(SvgWriter& w, std::string_view tag, const SvgAttrs& attrs, const std::string& title);
/// The title of value i of s ("" when it has none).
inline const std::string& mark_title(const Series& s, size_t i) {
  static const std::string none;
  return i < s.titles.size() ? s.titles[i] : none;
}
/// A tick's label, with '%' for percentages.
std::string tick_text(double v, const Ticks& t, bool pct);
/// The widest tick label.
double max_tick_width(const Ticks& t, bool pct);
/// A tick's label at its place.
struct TickLabel {
  double x, y;
  std::string text;
};
/// One axis's gridlines and tick labels, as few elements as possible: every gridline in one
/// <path class="grid"> (nothing when grid is empty) and every label a <text x y> in one
/// <g class="tick-label"> that gives their text-anchor once (none: start).
void draw_ticks(SvgWriter& w, const SvgPath& grid, const std::vector<TickLabel>& labels, const char* anchor);
/// Category labels below a plot whose categories are `slot` wide from plot_left, in one
/// <g class="category-label">.
void draw_category_labels(SvgWriter& w, const CategoryLabels& cl, double plot_left, double slot, double top);
/// Value range of series, optionally stacked (positive and negative parts apart).
void value_range(const std::vector<Series>& ys, bool stacked, double* lo, double* hi);

// Each family draws into a viewBox `width` units wide (kWide or kNarrow); text keeps its size
// in units, so the narrow layout shows it larger on a phone.

/// bar, stacked, line, area and combo charts.
Drawn draw_category_chart(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
                          const std::optional<Series>& y2, double width);
/// Horizontal bars.
Drawn draw_hbar(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
                double width);
/// pie and donut charts (writes its own desc); warns when percentages add up to more than 100%.
Drawn draw_pie(const ChartSpec& spec, const std::vector<std::string>& cats, const Series& s, const FigureText& text,
               double width, Diagnostics& diags);
/// Scatter plots.
Drawn draw_scatter(const ChartSpec& spec, const Series& xs, const std::vector<Series>& ys,
                   const std::vector<std::string>& point_labels, double width);

}  // namespace annalist::chart_detail
