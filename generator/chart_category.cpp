// Vertical category charts: bar, stacked, line, area and combo.
#include <algorithm>
#include <cmath>
#include <functional>

#include "chart_draw.h"

namespace annalist::chart_detail {

namespace {

// The layout of a vertical category chart: value axes, plot area, categories.
struct Frame {
  bool stacked = false, combo = false, area = false, bars = false;
  size_t n = 0;                 // categories
  double width = kWide;         // viewBox width
  double lo = 0, hi = 0;        // value range of the left axis's series
  Ticks left, right;            // right: combo only
  bool left_pct = false, right_pct = false;
  bool axis_titles = false;     // combo: units above both axes
  double legend_h = 0, title_y = 0;
  double plot_top = 0, plot_left = 0, plot_right = 0, plot_w = 0, slot = 0, plot_bottom = 0;
  double cat_top = 0;           // top of the category labels
  CategoryLabels cl;

  double yl(double v) const { return plot_top + (left.max - v) / (left.max - left.min) * kPlotH; }
  double yr(double v) const { return plot_top + (right.max - v) / (right.max - right.min) * kPlotH; }
  double cx(size_t i) const { return plot_left + (static_cast<double>(i) + 0.5) * slot; }
};

void choose_ticks(Frame& f, const ChartSpec& spec, const std::vector<Series>& ys, const std::optional<Series>& y2) {
  value_range(ys, f.stacked, &f.lo, &f.hi);
  f.left_pct = spec.unit == "%" || std::all_of(ys.begin(), ys.end(), [](const Series& s) { return s.pct; });
  f.right_pct = y2 && y2->pct;
  if (f.combo) {
    // Bars on the left from zero, the line on the right with a range of its own.
    AxisData l{f.lo, f.hi, true, f.left_pct}, r{0, 0, false, f.right_pct};
    value_range({*y2}, false, &r.lo, &r.hi);
    paired_ticks(l, r, &f.left, &f.right);
    return;
  }
  if (f.bars || f.area) {
    f.left = nice_ticks(f.lo, f.hi, true);
  } else {
    f.left = nice_ticks(f.lo, f.hi, f.lo >= 0 && f.lo <= f.hi * 0.5);
  }
  if (f.left_pct && f.lo >= 0) cap_percent_axis(&f.left, f.hi);
}

// Rotated labels hang down to the left: make room so that the first ones are not cut off.
void fit_rotated_labels(Frame& f, const std::vector<std::string>& cats) {
  for (int round = 0; round < 3 && f.cl.mode == CategoryLabels::kRotated; ++round) {
    double need = 0;
    for (size_t i = 0; i < f.n; ++i) {
      if (f.cl.lines[i].empty()) continue;
      double reach = (text_width(f.cl.lines[i][0], kFont) + kFont) * std::sqrt(0.5) - kFont * 0.3;
      need = std::max(need, reach - (static_cast<double>(i) + 0.5) * f.slot);
    }
    if (need <= f.plot_left - 2) break;
    f.plot_left = need + 2;
    f.plot_w = f.plot_right - f.plot_left;
    f.slot = f.plot_w / static_cast<double>(f.n);
    f.cl = layout_category_labels(cats, f.slot, kFont);
  }
}

Frame layout(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
             const std::optional<Series>& y2, double legend_h, double width) {
  Frame f;
  f.width = width;
  const std::string& type = spec.type;
  f.stacked = type == "stacked", f.combo = type == "combo", f.area = type == "area";
  f.bars = type == "bar" || f.stacked || f.combo;
  f.n = cats.size();
  f.legend_h = legend_h;
  choose_ticks(f, spec, ys, y2);
  f.axis_titles = f.combo && (!spec.unit.empty() || !spec.y2unit.empty());
  double headroom = spec.labels ? 16 : 8;
  f.title_y = 8 + legend_h + 10;
  f.plot_top = 8 + legend_h + (f.axis_titles ? 16 : 0) + headroom;
  f.plot_left = 8 + max_tick_width(f.left, f.left_pct) + 6;
  f.plot_right = f.width - (f.combo ? max_tick_width(f.right, f.right_pct) + 14 : 12);
  f.plot_w = f.plot_right - f.plot_left;
  f.slot = f.plot_w / static_cast<double>(f.n);
  f.cl = layout_category_labels(cats, f.slot, kFont);
  fit_rotated_labels(f, cats);
  f.plot_bottom = f.plot_top + kPlotH;
  bool neg_labels = spec.labels && f.lo < 0;
  f.cat_top = f.plot_bottom + 6 + (neg_labels && f.bars ? 14 : 0);
  return f;
}

// Axis titles, gridlines and tick labels; true when a gridline sits at zero.
bool draw_axes(SvgWriter& w, const ChartSpec& spec, const Frame& f) {
  if (f.axis_titles) {
    if (!spec.unit.empty())
      w.element("text", {{"class", "axis-title"}, {"x", 8}, {"y", f.title_y}}, spec.unit);
    if (!spec.y2unit.empty())
      w.element("text", {{"class", "axis-title"}, {"x", f.width - 8}, {"y", f.title_y}, {"text-anchor", "end"}},
                spec.y2unit);
  }
  bool zero_drawn = false;
  SvgPath grid;
  std::vector<TickLabel> left, right;
  for (size_t k = 0; k < f.left.values.size(); ++k) {
    double t = f.left.values[k];
    double y = f.yl(t);
    bool zero = t == 0;
    zero_drawn = zero_drawn || zero;
    if (!zero) grid.move(f.plot_left, y).line(f.plot_right, y);
    left.push_back({f.plot_left - 6, y + kFont * 0.35, tick_text(t, f.left, f.left_pct)});
    if (f.combo) right.push_back({f.plot_right + 6, y + kFont * 0.35, tick_text(f.right.values[k], f.right, f.right_pct)});
  }
  draw_ticks(w, grid, left, "end");
  draw_ticks(w, SvgPath(), right, nullptr);
  return zero_drawn;
}

// Where bars are: the group of a category, one bar's width, how many bars stand side by side.
struct BarGeometry {
  size_t k;
  double group, bw;
};

// A bar's value label: inside a stacked segment that has room for it, else above (below for
// negative values) the bar, or inside a combo chart's bar that has room. A label inside a bar
// carries the bar's series class, so that the theme can pick a text colour for that bar colour.
void bar_label(SvgWriter& lw, Placer& placer, const Frame& f, const BarGeometry& g, double x, double top, double h,
               const std::string& label, double v, int series) {
  const std::string inside = "value-label inside " + series_class(series);
  double tw = text_width(label, kValueFont);
  double mid = x + g.bw / 2;
  if (f.stacked) {
    if (h >= kValueFont + 3 && tw <= g.bw - 2) {
      Box b = text_box(mid, top + h / 2 + kValueFont * 0.35, tw, kValueFont, 'm');
      placer.boxes.push_back(b);
      lw.element("text", {{"class", inside}, {"x", mid}, {"y", top + h / 2 + kValueFont * 0.35},
                         {"text-anchor", "middle"}, {"font-size", kValueFont}},
                 label);
    }
    return;
  }
  // Inside a combo chart's bar when it has room, else outside its end; left out (the value stays
  // in the data table) where it would cover another label, a tick label or the line.
  std::vector<std::pair<double, std::string>> cands;
  if (f.combo && h >= kValueFont + 6 && tw <= g.bw - 2) cands.push_back({v >= 0 ? top + kValueFont + 2 : top + h - 4, inside});
  cands.push_back({v >= 0 ? top - 4 : top + h + kValueFont + 1, "value-label"});
  for (const auto& [ly, cls] : cands) {
    if (!placer.place(text_box(mid, ly, tw, kValueFont, 'm'))) continue;
    lw.element("text", {{"class", cls}, {"x", mid}, {"y", ly}, {"text-anchor", "middle"}, {"font-size", kValueFont}},
               label);
    return;
  }
}

void draw_bars(SvgWriter& w, SvgWriter& lw, Placer& placer, const ChartSpec& spec, const Frame& f,
               const std::vector<Series>& ys) {
  const size_t n = f.n;
  BarGeometry g;
  g.k = f.stacked ? 1 : ys.size();
  g.group = std::min(f.slot * (g.k == 1 ? 0.6 : 0.76), 56.0 * static_cast<double>(g.k));
  g.bw = g.group / static_cast<double>(g.k);
  // Do all labels fit? Then draw all, else none (a partial set misleads).
  bool show = spec.labels;
  if (show) {
    for (const auto& s : ys)
      for (size_t i = 0; i < n; ++i)
        if (s.has[i] && text_width(s.fmt(s.v[i]), kValueFont) > (g.k == 1 && !f.stacked ? f.slot - 4 : g.bw + 2))
          show = false;
  }
  std::vector<double> pos_acc(n, 0), neg_acc(n, 0);
  for (size_t j = 0; j < ys.size(); ++j) {
    const Series& s = ys[j];
    w.open("g", {{"class", "bar " + series_class(s.cls)}});  // a series' bars share their class
    for (size_t i = 0; i < n; ++i) {
      if (!s.has[i]) continue;
      double v = s.v[i];
      double base = 0, end = v;
      double x = f.cx(i) - g.group / 2 + (f.stacked ? 0 : static_cast<double>(j) * g.bw);
      if (f.stacked) {
        double& acc = v >= 0 ? pos_acc[i] : neg_acc[i];
        base = acc;
        end = acc + v;
        acc = end;
      }
      double ya = f.yl(base), yb = f.yl(end);
      double top = std::min(ya, yb), h = std::fabs(yb - ya);
      if (h < 0.5 && v != 0) h = 0.5;
      double inset = !f.stacked && g.k > 1 ? 0.5 : 0;
      draw_mark(w, "rect", {{"x", x + inset}, {"y", top}, {"width", g.bw - 2 * inset}, {"height", h}}, mark_title(s, i));
      if (show) bar_label(lw, placer, f, g, x, top, h, s.fmt(v), v, s.cls);
    }
    w.close();
  }
}

using YOf = std::function<double(double)>;

// One series as a line (and a filled area under it), with markers when there are few points.
void draw_line(SvgWriter& w, const Frame& f, const Series& s, const YOf& ys_of, bool fill) {
  const size_t n = f.n;
  SvgPath line, shape;
  bool pen = false;
  size_t run_start = 0;
  auto close_run = [&](size_t end) {
    if (!fill || !pen) return;
    shape.line(f.cx(end), ys_of(0)).line(f.cx(run_start), ys_of(0)).close();
  };
  for (size_t i = 0; i < n; ++i) {
    if (!s.has[i]) {
      close_run(i - 1 < n ? i - 1 : 0);
      pen = false;
      continue;
    }
    double y = ys_of(s.v[i]);
    if (!pen) {
      line.move(f.cx(i), y);
      if (fill) shape.move(f.cx(i), y);
      run_start = i;
    } else {
      line.line(f.cx(i), y);
      if (fill) shape.line(f.cx(i), y);
    }
    pen = true;
  }
  close_run(n - 1);
  if (fill && !shape.empty()) w.element("path", {{"class", "area " + series_class(s.cls)}, {"d", shape.str()}});
  if (!line.empty()) w.element("path", {{"class", "line " + series_class(s.cls)}, {"d", line.str()}});
  if (n > 40) return;
  w.open("g", {{"class", "point " + series_class(s.cls)}});
  for (size_t i = 0; i < n; ++i)
    if (s.has[i]) draw_mark(w, "circle", {{"cx", f.cx(i)}, {"cy", ys_of(s.v[i])}, {"r", 3}}, mark_title(s, i));
  w.close();
}

using Line = std::pair<const Series*, YOf>;

// The label of one point: above it, else below or beside it, else left out.
void place_point_label(SvgWriter& lw, Placer& placer, double x, double y, const std::string& label, bool below_first) {
  double tw = text_width(label, kValueFont);
  struct Cand {
    double x, y;
    char anchor;
    const char* a;
  };
  std::vector<Cand> cands = {{x, y - 7, 'm', "middle"},     {x + 5, y - 6, 's', "start"},
                             {x - 5, y - 6, 'e', "end"},    {x, y + kValueFont + 5, 'm', "middle"},
                             {x + 5, y + kValueFont + 3, 's', "start"}, {x - 5, y + kValueFont + 3, 'e', "end"}};
  if (below_first) std::rotate(cands.begin(), cands.begin() + 3, cands.end());
  for (const auto& c : cands) {
    if (placer.place(text_box(c.x, c.y, tw, kValueFont, c.anchor))) {
      lw.element("text", {{"class", "value-label"}, {"x", c.x}, {"y", c.y}, {"text-anchor", c.a},
                          {"font-size", kValueFont}},
                 label);
      break;
    }
  }
}

// Line labels, left out where they would collide with another label, a marker or a line.
// The markers and segments of the lines, which no label may cover.
void reserve_lines(Placer& placer, const Frame& f, const std::vector<Line>& lines) {
  const size_t n = f.n;
  for (const auto& [s, yf] : lines) {
    for (size_t i = 0; i < n; ++i) {
      if (!s->has[i]) continue;
      double x = f.cx(i), y = yf(s->v[i]);
      placer.boxes.push_back({x - 3.5, y - 3.5, x + 3.5, y + 3.5});
      if (i + 1 < n && s->has[i + 1]) placer.segments.push_back({x, y, f.cx(i + 1), yf(s->v[i + 1])});
    }
  }
}

// The tick labels and axis titles, which no label may cover.
void reserve_axes(Placer& placer, const ChartSpec& spec, const Frame& f) {
  if (f.axis_titles) {
    if (!spec.unit.empty()) placer.boxes.push_back(text_box(8, f.title_y, text_width(spec.unit, kFont), kFont, 's'));
    if (!spec.y2unit.empty())
      placer.boxes.push_back(text_box(f.width - 8, f.title_y, text_width(spec.y2unit, kFont), kFont, 'e'));
  }
  for (size_t k = 0; k < f.left.values.size(); ++k) {
    double y = f.yl(f.left.values[k]) + kFont * 0.35;
    placer.boxes.push_back(text_box(f.plot_left - 6, y, text_width(tick_text(f.left.values[k], f.left, f.left_pct), kFont), kFont, 'e'));
    if (f.combo)
      placer.boxes.push_back(text_box(f.plot_right + 6, y, text_width(tick_text(f.right.values[k], f.right, f.right_pct), kFont), kFont, 's'));
  }
}

void place_line_labels(SvgWriter& lw, Placer& placer, const Frame& f, const std::vector<Line>& lines) {
  const size_t n = f.n;
  for (size_t i = 0; i < n; ++i) {
    // The highest point's label goes above first.
    std::vector<std::pair<double, size_t>> order;
    for (size_t j = 0; j < lines.size(); ++j)
      if (lines[j].first->has[i]) order.push_back({lines[j].second(lines[j].first->v[i]), j});
    std::sort(order.begin(), order.end());
    for (size_t r = 0; r < order.size(); ++r) {
      const Series& s = *lines[order[r].second].first;
      place_point_label(lw, placer, f.cx(i), order[r].first, s.fmt(s.v[i]), r > 0 && r * 2 >= order.size());
    }
  }
}

}  // namespace

Drawn draw_category_chart(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
                          const std::optional<Series>& y2, double width) {
  const bool bars = spec.type == "bar" || spec.type == "stacked" || spec.type == "combo";
  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, bars ? "bar" : spec.type == "area" ? "area" : "line", s.cls});
  if (y2) items.push_back({y2->name, "line", y2->cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = items.size() > 1 ? legend_layout(items, width, &lpos) + 6 : 0;
  const Frame f = layout(spec, cats, ys, y2, legend_h, width);

  SvgWriter w;
  if (!items.empty() && items.size() > 1) draw_legend(w, items, 8, width, lpos);
  bool zero_drawn = draw_axes(w, spec, f);
  Placer placer;
  placer.right = width;
  placer.top = legend_h > 0 ? 8 + legend_h : 2;
  placer.bottom = f.cat_top - 1;
  reserve_axes(placer, spec, f);
  YOf fl = [&f](double v) { return f.yl(v); }, fr = [&f](double v) { return f.yr(v); };
  std::vector<Line> lines;
  if (!bars)
    for (const auto& s : ys) lines.push_back({&s, fl});
  if (y2) lines.push_back({&*y2, fr});
  reserve_lines(placer, f, lines);
  SvgWriter lw;  // value labels, drawn over every mark
  if (bars) draw_bars(w, lw, placer, spec, f, ys);
  // Baseline (over the bars' bottom edges).
  if (zero_drawn)
    w.element("line", {{"class", "axis baseline"}, {"x1", f.plot_left}, {"y1", f.yl(0)}, {"x2", f.plot_right}, {"y2", f.yl(0)}});
  else
    w.element("line", {{"class", "axis"}, {"x1", f.plot_left}, {"y1", f.plot_bottom}, {"x2", f.plot_right}, {"y2", f.plot_bottom}});

  if (!bars)
    for (const auto& s : ys) draw_line(w, f, s, fl, f.area);
  if (y2) draw_line(w, f, *y2, fr, false);
  if (spec.labels) place_line_labels(lw, placer, f, lines);
  w.raw(lw.finish());
  draw_category_labels(w, f.cl, f.plot_left, f.slot, f.cat_top);

  Drawn d;
  d.height = f.cat_top + f.cl.height + 6;
  d.body = w.finish();
  return d;
}

}  // namespace annalist::chart_detail
