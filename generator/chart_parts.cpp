#include <algorithm>
#include <cmath>

#include "chart_draw.h"

namespace annalist::chart_detail {

namespace {

bool overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

// True when the segment (x1,y1)-(x2,y2) passes through the box (Liang–Barsky clipping).
bool segment_hits(double x1, double y1, double x2, double y2, const Box& b) {
  double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x1 - b.x0, b.x1 - x1, y1 - b.y0, b.y1 - y1};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    double t = q[i] / p[i];
    if (p[i] < 0) {
      if (t > t1) return false;
      t0 = std::max(t0, t);
    } else {
      if (t < t0) return false;
      t1 = std::min(t1, t);
    }
  }
  return t0 <= t1;
}

}  // namespace

// The box of one line of text with its baseline at y.
Box text_box(double x, double y, double width, double font, char anchor) {
  double x0 = anchor == 'm' ? x - width / 2 : anchor == 'e' ? x - width : x;
  return {x0, y - 0.85 * font, x0 + width, y + 0.25 * font};
}

bool Placer::fits(const Box& b) const {
  if (b.x0 < left || b.x1 > right || b.y0 < top || b.y1 > bottom) return false;
  // A unit of room around the text: widths are estimates without the font's metrics.
  const Box room{b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1};
  for (const auto& o : boxes)
    if (overlaps(o, room)) return false;
  for (const auto& s : segments)
    if (segment_hits(s[0], s[1], s[2], s[3], b)) return false;
  return true;
}

bool Placer::place(const Box& b) {
  if (!fits(b)) return false;
  boxes.push_back(b);
  return true;
}

bool Series::any() const { return std::find(has.begin(), has.end(), true) != has.end(); }

std::string series_class(int k) { return "series-" + std::to_string((k - 1) % 8 + 1); }

std::string display_name(const ChartSpec& spec, const std::string& column) {
  for (const auto& [c, n] : spec.names)
    if (c == column) return n;
  return column;
}

// ---- descriptions ---------------------------------------------------------------------

std::string fill(std::string tmpl, const std::map<std::string, std::string>& vars) {
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t b = tmpl.find('{', i);
    size_t e = b == std::string::npos ? b : tmpl.find('}', b);
    if (e == std::string::npos) break;
    out += tmpl.substr(i, b - i);
    auto it = vars.find(tmpl.substr(b + 1, e - b - 1));
    out += it == vars.end() ? tmpl.substr(b, e - b + 1) : it->second;
    i = e + 1;
  }
  out += tmpl.substr(i);
  return out;
}

void draw_mark(SvgWriter& w, std::string_view tag, const SvgAttrs& attrs, const std::string& title) {
  if (title.empty()) {
    w.element(tag, attrs);
    return;
  }
  w.open(tag, attrs);
  w.element("title", {}, title);
  w.close();
}

std::string series_desc(const Series& s, const std::vector<std::string>& at, const FigureText& text) {
  int n = 0;
  size_t lo = 0, hi = 0, last = 0;
  for (size_t i = 0; i < s.v.size(); ++i) {
    if (!s.has[i]) continue;
    if (n == 0 || s.v[i] < s.v[lo]) lo = i;
    if (n == 0 || s.v[i] > s.v[hi]) hi = i;
    last = i;
    ++n;
  }
  if (n == 0) return "";
  return fill(text.desc_series, {{"series", s.name},
                                 {"n", std::to_string(n)},
                                 {"min", s.fmt(s.v[lo])},
                                 {"min_at", at[lo]},
                                 {"max", s.fmt(s.v[hi])},
                                 {"max_at", at[hi]},
                                 {"last", s.fmt(s.v[last])},
                                 {"last_at", at[last]}});
}

// ---- legend ---------------------------------------------------------------------------

// Positions of legend items (x of the swatch, row index); returns the legend height.
double legend_layout(const std::vector<LegendItem>& items, double chart_w, std::vector<std::pair<double, int>>* pos) {
  const double width = chart_w - 16;
  std::vector<double> widths;
  for (const auto& it : items) widths.push_back(18 + std::min(text_width(it.name, kFont), width - 18));
  std::vector<std::vector<size_t>> rows(1);
  double x = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    double w = widths[i] + (rows.back().empty() ? 0 : 16);
    if (x + w > width && !rows.back().empty()) {
      rows.emplace_back();
      x = 0;
      w = widths[i];
    }
    rows.back().push_back(i);
    x += w;
  }
  pos->assign(items.size(), {0, 0});
  for (size_t r = 0; r < rows.size(); ++r) {
    double total = 0;
    for (size_t k = 0; k < rows[r].size(); ++k) total += widths[rows[r][k]] + (k ? 16 : 0);
    double cx = (chart_w - total) / 2;
    for (size_t k = 0; k < rows[r].size(); ++k) {
      (*pos)[rows[r][k]] = {cx, static_cast<int>(r)};
      cx += widths[rows[r][k]] + 16;
    }
  }
  return static_cast<double>(rows.size()) * kLegendRow;
}

void draw_legend(SvgWriter& w, const std::vector<LegendItem>& items, double top, double chart_w,
                 const std::vector<std::pair<double, int>>& pos) {
  w.open("g", {{"class", "legend"}});
  for (size_t i = 0; i < items.size(); ++i) {
    double x = pos[i].first;
    double y = top + pos[i].second * kLegendRow + 12;  // text baseline
    std::string cls = "legend-swatch " + items[i].kind + " " + series_class(items[i].cls);
    if (items[i].kind == "line") {
      w.element("path", {{"class", cls}, {"d", SvgPath().move(x, y - 4).line(x + 14, y - 4).str()}});
      w.element("circle", {{"class", "legend-swatch point " + series_class(items[i].cls)},
                           {"cx", x + 7}, {"cy", y - 4}, {"r", 2.5}});
    } else if (items[i].kind == "point") {
      w.element("circle", {{"class", cls}, {"cx", x + 6}, {"cy", y - 4}, {"r", 4}});
    } else {
      w.element("rect", {{"class", cls}, {"x", x}, {"y", y - 10}, {"width", 14}, {"height", 10}});
    }
    std::string name = truncate_to(items[i].name, chart_w - 40, kFont);
    w.element("text", {{"class", "legend-label"}, {"x", x + 18}, {"y", y}}, name);
  }
  w.close();
}

std::string tick_text(double v, const Ticks& t, bool pct) {
  return with_minus_sign(format_tick(v, t)) + (pct ? "%" : "");
}

double max_tick_width(const Ticks& t, bool pct) {
  double w = 0;
  for (double v : t.values) w = std::max(w, text_width(tick_text(v, t, pct), kFont));
  return w;
}

void draw_ticks(SvgWriter& w, const SvgPath& grid, const std::vector<TickLabel>& labels, const char* anchor) {
  if (!grid.empty()) w.element("path", {{"class", "grid"}, {"d", grid.str()}});
  if (labels.empty()) return;
  SvgAttrs group = {{"class", "tick-label"}};
  if (anchor) group.push_back({"text-anchor", anchor});
  w.open("g", group);
  for (const TickLabel& l : labels) w.element("text", {{"x", l.x}, {"y", l.y}}, l.text);
  w.close();
}

void draw_category_labels(SvgWriter& w, const CategoryLabels& cl, double plot_left, double slot, double top) {
  bool rotated = cl.mode == CategoryLabels::kRotated;
  w.open("g", {{"class", "category-label"}, {"text-anchor", rotated ? "end" : "middle"}});
  for (size_t i = 0; i < cl.lines.size(); ++i) {
    if (cl.lines[i].empty()) continue;
    double cx = plot_left + (static_cast<double>(i) + 0.5) * slot;
    if (rotated) {
      double px = cx + kFont * 0.3, py = top + 4;
      w.element("text", {{"x", px}, {"y", py}, {"transform", "rotate(-45 " + svg_num(px) + " " + svg_num(py) + ")"}},
                cl.lines[i][0]);
    } else {
      w.text_lines({}, cx, top + kFont * 0.9, kFont * kLineH, cl.lines[i]);
    }
  }
  w.close();
}

// Value range of series, optionally stacked (positive and negative parts apart).
void value_range(const std::vector<Series>& ys, bool stacked, double* lo, double* hi) {
  *lo = 0, *hi = 0;
  bool first = true;
  size_t n = ys.empty() ? 0 : ys[0].v.size();
  for (size_t i = 0; i < n; ++i) {
    double pos = 0, neg = 0;
    for (const auto& s : ys) {
      if (!s.has[i]) continue;
      if (stacked) {
        (s.v[i] >= 0 ? pos : neg) += s.v[i];
      } else {
        if (first || s.v[i] < *lo) *lo = s.v[i];
        if (first || s.v[i] > *hi) *hi = s.v[i];
        first = false;
      }
    }
    if (stacked) *lo = std::min(*lo, neg), *hi = std::max(*hi, pos);
  }
}

}  // namespace annalist::chart_detail
