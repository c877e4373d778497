// Scatter plots.
#include <algorithm>

#include "chart_draw.h"

namespace annalist::chart_detail {

Drawn draw_scatter(const ChartSpec& spec, const Series& xs, const std::vector<Series>& ys,
                   const std::vector<std::string>& point_labels, double width) {
  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, "point", s.cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = ys.size() > 1 ? legend_layout(items, width, &lpos) + 6 : 0;
  double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
  value_range({xs}, false, &xlo, &xhi);
  value_range(ys, false, &ylo, &yhi);
  bool ypct = spec.unit == "%" || std::all_of(ys.begin(), ys.end(), [](const Series& s) { return s.pct; });
  Ticks ty = nice_ticks(ylo, yhi, false, 5);
  double title_y = 8 + legend_h + 10;
  double plot_top = 8 + legend_h + (spec.unit.empty() ? 0 : 16) + 8;
  double plot_left = 8 + max_tick_width(ty, ypct) + 6;
  double plot_right = width - 16;
  double plot_w = plot_right - plot_left;
  Ticks probe = nice_ticks(xlo, xhi, false, 6);
  int intervals = std::clamp(static_cast<int>(plot_w / (max_tick_width(probe, xs.pct) + 16)), 2, 6);
  Ticks tx = nice_ticks(xlo, xhi, false, intervals);
  double plot_bottom = plot_top + kPlotH;
  auto X = [&](double v) { return plot_left + (v - tx.min) / (tx.max - tx.min) * plot_w; };
  auto Y = [&](double v) { return plot_top + (ty.max - v) / (ty.max - ty.min) * kPlotH; };

  SvgWriter w;
  if (ys.size() > 1) draw_legend(w, items, 8, width, lpos);
  if (!spec.unit.empty()) w.element("text", {{"class", "axis-title"}, {"x", 8}, {"y", title_y}}, spec.unit);
  // Gridlines and tick labels of each axis; a zero line is drawn as the baseline instead.
  SvgPath gy, gx;
  std::vector<TickLabel> ly, lx;
  for (double v : ty.values) {
    if (v == 0) w.element("line", {{"class", "axis baseline"}, {"x1", plot_left}, {"y1", Y(v)}, {"x2", plot_right}, {"y2", Y(v)}});
    else gy.move(plot_left, Y(v)).line(plot_right, Y(v));
    ly.push_back({plot_left - 6, Y(v) + kFont * 0.35, tick_text(v, ty, ypct)});
  }
  for (double v : tx.values) {
    if (v == 0) w.element("line", {{"class", "axis baseline"}, {"x1", X(v)}, {"y1", plot_top}, {"x2", X(v)}, {"y2", plot_bottom}});
    else gx.move(X(v), plot_top).line(X(v), plot_bottom);
    lx.push_back({X(v), plot_bottom + 16, tick_text(v, tx, xs.pct)});
  }
  draw_ticks(w, gy, ly, "end");
  draw_ticks(w, gx, lx, "middle");
  w.element("line", {{"class", "axis"}, {"x1", plot_left}, {"y1", plot_bottom}, {"x2", plot_right}, {"y2", plot_bottom}});
  std::string xname = display_name(spec, spec.x);
  w.element("text", {{"class", "axis-title"}, {"x", plot_right}, {"y", plot_bottom + 34}, {"text-anchor", "end"}}, xname);
  Placer placer;
  placer.left = plot_left;
  placer.right = width - 2;
  for (const auto& s : ys)
    for (size_t i = 0; i < s.v.size(); ++i)
      if (s.has[i] && xs.has[i])
        placer.boxes.push_back({X(xs.v[i]) - 3.5, Y(s.v[i]) - 3.5, X(xs.v[i]) + 3.5, Y(s.v[i]) + 3.5});
  for (const auto& s : ys) {
    w.open("g", {{"class", "point " + series_class(s.cls)}});  // a series' points share their class
    for (size_t i = 0; i < s.v.size(); ++i) {
      if (!s.has[i] || !xs.has[i]) continue;
      draw_mark(w, "circle", {{"cx", X(xs.v[i])}, {"cy", Y(s.v[i])}, {"r", 3.5}}, mark_title(s, i));
    }
    w.close();
  }
  std::vector<std::string> labels = point_labels;
  if (labels.empty() && spec.labels)
    for (size_t i = 0; i < xs.v.size(); ++i) labels.push_back(ys[0].has[i] ? ys[0].fmt(ys[0].v[i]) : "");
  for (size_t i = 0; i < labels.size() && !ys.empty(); ++i) {
    const Series& s = ys[0];
    if (labels[i].empty() || !s.has[i] || !xs.has[i]) continue;
    double px = X(xs.v[i]), py = Y(s.v[i]);
    double tw = text_width(labels[i], kValueFont);
    struct Cand { double x, y; char anchor; const char* a; };
    Cand cands[] = {{px + 6, py + 4, 's', "start"}, {px - 6, py + 4, 'e', "end"},
                    {px, py - 7, 'm', "middle"}, {px, py + 15, 'm', "middle"}};
    for (const auto& c : cands) {
      Box b = text_box(c.x, c.y, tw, kValueFont, c.anchor);
      if (b.y0 < plot_top - 14 || b.y1 > plot_bottom) continue;
      if (placer.place(b)) {
        w.element("text", {{"class", "value-label"}, {"x", c.x}, {"y", c.y}, {"text-anchor", c.a}, {"font-size", kValueFont}},
                  labels[i]);
        break;
      }
    }
  }
  Drawn d;
  d.height = plot_bottom + 42;
  d.body = w.finish();
  return d;
}

}  // namespace annalist::chart_detail
