// Horizontal bar charts.
#include <algorithm>
#include <cmath>
#include <functional>

#include "chart_draw.h"

namespace annalist::chart_detail {

namespace {

// Category names wrapped to at most three lines; sets the widest line and the most lines.
std::vector<std::vector<std::string>> wrap_categories(const std::vector<std::string>& cats, double width,
                                                      double* label_w, size_t* max_lines) {
  const double max_label_w = width * 0.34;
  std::vector<std::vector<std::string>> lines(cats.size());
  *label_w = 0;
  *max_lines = 1;
  for (size_t i = 0; i < cats.size(); ++i) {
    lines[i] = wrap_text(cats[i], max_label_w, kFont);
    if (lines[i].size() > 3) {
      lines[i].resize(3);
      lines[i][2] = truncate_to(lines[i][2] + "…", max_label_w, kFont);
    }
    if (lines[i].empty()) lines[i].push_back("");
    for (const auto& l : lines[i]) *label_w = std::max(*label_w, text_width(l, kFont));
    *max_lines = std::max(*max_lines, lines[i].size());
  }
  return lines;
}

void draw_hbars(SvgWriter& w, const ChartSpec& spec, const std::vector<Series>& ys, double plot_top, double row_h,
                const std::function<double(double)>& xv) {
  const size_t k = ys.size();
  double band = row_h * (k == 1 ? 0.62 : 0.76);
  double bh = band / static_cast<double>(k);
  for (size_t j = 0; j < k; ++j) {
    const Series& s = ys[j];
    for (size_t i = 0; i < s.v.size(); ++i) {
      if (!s.has[i]) continue;
      double row_top = plot_top + static_cast<double>(i) * row_h;
      double y = row_top + (row_h - band) / 2 + static_cast<double>(j) * bh;
      double x0 = xv(0), x1 = xv(s.v[i]);
      double inset = k > 1 ? 0.5 : 0;
      double wd = std::fabs(x1 - x0);
      if (wd < 0.5 && s.v[i] != 0) wd = 0.5;
      draw_mark(w, "rect", {{"class", "bar " + series_class(s.cls)}, {"x", std::min(x0, x1)}, {"y", y + inset},
                            {"width", wd}, {"height", bh - 2 * inset}}, mark_title(s, i));
      if (spec.labels && bh >= kValueFont * 0.8) {
        bool neg = s.v[i] < 0;
        w.element("text",
                  {{"class", "value-label"}, {"x", neg ? x1 - 4 : x1 + 4}, {"y", y + bh / 2 + kValueFont * 0.35},
                   {"text-anchor", neg ? "end" : "start"}, {"font-size", kValueFont}},
                  s.fmt(s.v[i]));
      }
    }
  }
}

}  // namespace

Drawn draw_hbar(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
                double width) {
  const size_t n = cats.size(), k = ys.size();
  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, "bar", s.cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = k > 1 ? legend_layout(items, width, &lpos) + 6 : 0;
  double label_w = 0;
  size_t max_lines = 1;
  std::vector<std::vector<std::string>> lines = wrap_categories(cats, width, &label_w, &max_lines);
  double lo, hi;
  value_range(ys, false, &lo, &hi);
  bool pct = spec.unit == "%" || std::all_of(ys.begin(), ys.end(), [](const Series& s) { return s.pct; });
  double pos_room = 0, neg_room = 0;
  if (spec.labels)
    for (const auto& s : ys)
      for (size_t i = 0; i < n; ++i)
        if (s.has[i]) (s.v[i] >= 0 ? pos_room : neg_room) =
              std::max(s.v[i] >= 0 ? pos_room : neg_room, text_width(s.fmt(s.v[i]), kValueFont) + 6);
  double plot_left = 8 + label_w + 8 + neg_room;
  double plot_right = width - 12 - pos_room;
  double plot_w = plot_right - plot_left;
  Ticks probe = nice_ticks(lo, hi, true);
  int intervals = std::clamp(static_cast<int>(plot_w / (max_tick_width(probe, pct) + 14)), 2, 6);
  Ticks t = nice_ticks(lo, hi, true, intervals);

  double row_h = std::max(static_cast<double>(k) * 12 + 10, static_cast<double>(max_lines) * kFont * kLineH + 8);
  double plot_top = 8 + legend_h + 4;
  double plot_bottom = plot_top + row_h * static_cast<double>(n);
  auto xv = [&](double v) { return plot_left + (v - t.min) / (t.max - t.min) * plot_w; };

  SvgWriter w;
  if (k > 1) draw_legend(w, items, 8, width, lpos);
  SvgPath grid;
  std::vector<TickLabel> ticks;
  for (double v : t.values) {
    double x = xv(v);
    if (v != 0) grid.move(x, plot_top).line(x, plot_bottom);
    ticks.push_back({x, plot_bottom + 16, tick_text(v, t, pct)});
  }
  draw_ticks(w, grid, ticks, "middle");
  draw_hbars(w, spec, ys, plot_top, row_h, xv);
  w.element("line", {{"class", "axis baseline"}, {"x1", xv(0)}, {"y1", plot_top}, {"x2", xv(0)}, {"y2", plot_bottom}});
  w.open("g", {{"class", "category-label"}, {"text-anchor", "end"}});
  for (size_t i = 0; i < n; ++i) {
    double mid = plot_top + (static_cast<double>(i) + 0.5) * row_h;
    double first = mid - (static_cast<double>(lines[i].size()) - 1) * kFont * kLineH / 2 + kFont * 0.35;
    w.text_lines({}, 8 + label_w, first, kFont * kLineH, lines[i]);
  }
  w.close();
  Drawn d;
  d.height = plot_bottom + 24;
  d.body = w.finish();
  return d;
}

}  // namespace annalist::chart_detail
