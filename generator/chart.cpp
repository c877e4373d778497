#include "chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

#include "numfmt.h"
#include "svg.h"
#include "table_block.h"
#include "text.h"
#include "yaml_util.h"

namespace annalist {

namespace {

constexpr double kW = 480;          // viewBox width
constexpr double kFont = 12;        // ticks, categories, legend
constexpr double kValueFont = 11;   // data labels
constexpr double kLineH = 1.25;     // line height, in font sizes
constexpr double kPlotH = 210;      // plot height of vertical charts
constexpr double kPi = 3.14159265358979323846;

const std::vector<std::string> kTypes = {"bar", "stacked", "hbar", "line", "area",
                                         "pie", "donut", "combo", "scatter"};
const std::vector<std::string> kChartFields = {"id",     "type",   "title", "data",   "x",      "y",     "y2",
                                               "unit",   "y2unit", "source", "note",  "labels", "names", "label"};

std::string list_of(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

SourcePos node_pos(const YAML::Node& n, const SourcePos& block) {
  SourcePos p = yaml_pos(n, block.file, block.line > 0 ? block.line - 1 : 0);
  if (p.line == 0) return block;
  if (block.col > 1) p.col += block.col - 1;
  return p;
}

std::string series_class(int k) { return "series-" + std::to_string((k - 1) % 8 + 1); }

// ---- text measuring and wrapping ------------------------------------------------------

bool is_closing_punct(char32_t c) {
  switch (c) {
    case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
    case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x201D: case 0x2019: case 0x3011:
    case 0xFF05: case 0x3009:
      return true;
    default: return false;
  }
}

bool is_opening_punct(char32_t c) {
  switch (c) {
    case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x201C: case 0x2018: case 0x3010: case 0x3008:
      return true;
    default: return false;
  }
}

struct Token {
  std::string s;
  bool space_before = false;
  bool latin = false;
  bool opening = false;
};

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> raw;
  bool space = false;
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8_next(text, i);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    std::string ch;
    utf8_append(c, ch);
    bool special = is_wide(c) || is_closing_punct(c) || is_opening_punct(c) || c >= 0x2000;
    if (special) {
      Token t{ch, space, false, is_opening_punct(c)};
      if (is_closing_punct(c) && !raw.empty() && !space) raw.back().s += ch, raw.back().latin = false;
      else raw.push_back(t);
    } else if (!raw.empty() && !space && raw.back().latin) {
      raw.back().s += ch;
    } else {
      raw.push_back({ch, space, true, false});
    }
    space = false;
  }
  // An opening bracket sticks to what follows it.
  std::vector<Token> out;
  for (auto& t : raw) {
    if (!out.empty() && out.back().opening && !t.space_before) {
      out.back().s += t.s;
      out.back().opening = false;
      out.back().latin = false;
    } else {
      out.push_back(std::move(t));
    }
  }
  return out;
}

std::string truncate_to(std::string_view s, double max_width, double font) {
  if (text_width(s, font) <= max_width) return std::string(s);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t before = i;
    utf8_next(s, i);
    std::string next = out + std::string(s.substr(before, i - before));
    if (text_width(next + "…", font) > max_width) break;
    out = std::move(next);
  }
  return out + "…";
}

// ---- label placement ------------------------------------------------------------------

struct Box {
  double x0, y0, x1, y1;
};

bool overlaps(const Box& a, const Box& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

// The box of one line of text with its baseline at y.
Box text_box(double x, double y, double width, double font, char anchor) {
  double x0 = anchor == 'm' ? x - width / 2 : anchor == 'e' ? x - width : x;
  return {x0, y - 0.85 * font, x0 + width, y + 0.25 * font};
}

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

// Keeps data labels apart: a label is drawn only where it overlaps no earlier label, marker
// or line segment.
struct Placer {
  std::vector<Box> boxes;
  std::vector<std::array<double, 4>> segments;
  double left = 0, right = kW, top = 0, bottom = 1e9;
  bool fits(const Box& b) const {
    if (b.x0 < left || b.x1 > right || b.y0 < top || b.y1 > bottom) return false;
    for (const auto& o : boxes)
      if (overlaps(o, b)) return false;
    for (const auto& s : segments)
      if (segment_hits(s[0], s[1], s[2], s[3], b)) return false;
    return true;
  }
  bool place(const Box& b) {
    if (!fits(b)) return false;
    boxes.push_back(b);
    return true;
  }
};

// ---- data -----------------------------------------------------------------------------

struct Series {
  std::string column, name;
  std::vector<double> v;
  std::vector<bool> has;
  int decimals = 0;
  bool thousands = false;
  bool pct = false;
  int cls = 1;

  bool any() const { return std::find(has.begin(), has.end(), true) != has.end(); }
  std::string fmt(double x) const { return format_fixed(x, decimals, thousands) + (pct ? "%" : ""); }
};

std::string display_name(const ChartSpec& spec, const std::string& column) {
  for (const auto& [c, n] : spec.names)
    if (c == column) return n;
  return column;
}

bool no_column(const DataSet& t, const std::string& col, const SourcePos& at, const std::string& path,
               Diagnostics& diags) {
  std::vector<std::string> names;
  for (const auto& c : t.columns) names.push_back(c.name);
  std::string hint = did_you_mean(col, names);
  diags.error(at, "no column '" + col + "' in data set '" + path + "'", hint.empty() ? "columns: " + list_of(names) : hint);
  return false;
}

bool read_series(const DataSet& t, const std::string& path, const std::string& col, const SourcePos& at,
                 const ChartSpec& spec, bool unit_pct, Series* s, Diagnostics& diags) {
  int c = column_index(t, col);
  if (c < 0) return no_column(t, col, at, path, diags);
  s->column = col;
  s->name = display_name(spec, col);
  s->pct = unit_pct || t.columns[static_cast<size_t>(c)].type == ColumnType::kPercent;
  double maxabs = 0;
  for (size_t r = 0; r < t.cells.size(); ++r) {
    std::string_view cell = trim(t.cells[r][static_cast<size_t>(c)]);
    double v = 0;
    if (cell.empty()) {
      s->v.push_back(0);
      s->has.push_back(false);
      continue;
    }
    if (!parse_number(cell, &v) && !parse_percent(cell, &v)) {
      diags.error(cell_pos(t, r, static_cast<size_t>(c)),
                  "column '" + col + "' must hold numbers for chart '" + spec.id + "', but this cell is '" +
                      std::string(cell) + "'",
                  "leave the cell empty for a missing value");
      return false;
    }
    s->v.push_back(v);
    s->has.push_back(true);
    s->decimals = std::max(s->decimals, decimals_of(cell));
    s->thousands = s->thousands || has_thousands(cell);
    maxabs = std::max(maxabs, std::fabs(v));
  }
  if (maxabs >= 10000) s->thousands = true;
  return true;
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

struct LegendItem {
  std::string name;
  std::string kind;  // bar | line | area | point
  int cls;
};

constexpr double kLegendRow = 18;

// Positions of legend items (x of the swatch, row index); returns the legend height.
double legend_layout(const std::vector<LegendItem>& items, double width, std::vector<std::pair<double, int>>* pos) {
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
    double cx = (kW - total) / 2;
    for (size_t k = 0; k < rows[r].size(); ++k) {
      (*pos)[rows[r][k]] = {cx, static_cast<int>(r)};
      cx += widths[rows[r][k]] + 16;
    }
  }
  return static_cast<double>(rows.size()) * kLegendRow;
}

void draw_legend(SvgWriter& w, const std::vector<LegendItem>& items, double top,
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
    std::string name = truncate_to(items[i].name, kW - 40, kFont);
    w.element("text", {{"class", "legend-label"}, {"x", x + 18}, {"y", y}}, name);
  }
  w.close();
}

// ---- shared pieces of cartesian charts ----------------------------------------------------

struct Drawn {
  std::string body;
  double height = 0;
  std::string desc;
};

std::string tick_text(double v, const Ticks& t, bool pct) { return format_tick(v, t) + (pct ? "%" : ""); }

double max_tick_width(const Ticks& t, bool pct) {
  double w = 0;
  for (double v : t.values) w = std::max(w, text_width(tick_text(v, t, pct), kFont));
  return w;
}

void draw_category_labels(SvgWriter& w, const CategoryLabels& cl, double plot_left, double slot, double top) {
  for (size_t i = 0; i < cl.lines.size(); ++i) {
    if (cl.lines[i].empty()) continue;
    double cx = plot_left + (static_cast<double>(i) + 0.5) * slot;
    if (cl.mode == CategoryLabels::kRotated) {
      double px = cx + kFont * 0.3, py = top + 4;
      w.element("text",
                {{"class", "category-label"}, {"x", px}, {"y", py}, {"text-anchor", "end"},
                 {"transform", "rotate(-45 " + svg_num(px) + " " + svg_num(py) + ")"}},
                cl.lines[i][0]);
    } else {
      w.text_lines({{"class", "category-label"}, {"text-anchor", "middle"}}, cx, top + kFont * 0.9, kFont * kLineH,
                   cl.lines[i]);
    }
  }
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

// ---- vertical category charts: bar, stacked, line, area, combo ----------------------------

Drawn draw_category_chart(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys,
                          const std::optional<Series>& y2) {
  const std::string& type = spec.type;
  const bool stacked = type == "stacked", combo = type == "combo", area = type == "area";
  const bool bars = type == "bar" || stacked || combo;
  const size_t n = cats.size();

  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, bars ? "bar" : area ? "area" : "line", s.cls});
  if (y2) items.push_back({y2->name, "line", y2->cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = items.size() > 1 ? legend_layout(items, kW - 16, &lpos) + 6 : 0;

  double lo, hi;
  value_range(ys, stacked, &lo, &hi);
  Ticks left, right;
  if (combo) {
    double lo2 = 0, hi2 = 0;
    value_range({*y2}, false, &lo2, &hi2);
    aligned_ticks(lo, hi, lo2, hi2, &left, &right);
  } else if (bars || area) {
    left = nice_ticks(lo, hi, true);
  } else {
    left = nice_ticks(lo, hi, lo >= 0 && lo <= hi * 0.5);
  }
  bool left_pct = spec.unit == "%" || std::all_of(ys.begin(), ys.end(), [](const Series& s) { return s.pct; });
  bool right_pct = y2 && y2->pct;

  bool axis_titles = combo && (!spec.unit.empty() || !spec.y2unit.empty());
  double headroom = spec.labels ? 16 : 8;
  double title_y = 8 + legend_h + 10;
  double plot_top = 8 + legend_h + (axis_titles ? 16 : 0) + headroom;
  double plot_left = 8 + max_tick_width(left, left_pct) + 6;
  double plot_right = kW - (combo ? max_tick_width(right, right_pct) + 14 : 12);
  double plot_w = plot_right - plot_left;
  double slot = plot_w / static_cast<double>(n);
  CategoryLabels cl = layout_category_labels(cats, slot, kFont);
  // Rotated labels hang down to the left: make room so that the first ones are not cut off.
  for (int round = 0; round < 3 && cl.mode == CategoryLabels::kRotated; ++round) {
    double need = 0;
    for (size_t i = 0; i < n; ++i) {
      if (cl.lines[i].empty()) continue;
      double reach = (text_width(cl.lines[i][0], kFont) + kFont) * std::sqrt(0.5) - kFont * 0.3;
      need = std::max(need, reach - (static_cast<double>(i) + 0.5) * slot);
    }
    if (need <= plot_left - 2) break;
    plot_left = need + 2;
    plot_w = plot_right - plot_left;
    slot = plot_w / static_cast<double>(n);
    cl = layout_category_labels(cats, slot, kFont);
  }
  double plot_bottom = plot_top + kPlotH;
  auto yl = [&](double v) { return plot_top + (left.max - v) / (left.max - left.min) * kPlotH; };
  auto yr = [&](double v) { return plot_top + (right.max - v) / (right.max - right.min) * kPlotH; };
  auto cx = [&](size_t i) { return plot_left + (static_cast<double>(i) + 0.5) * slot; };

  bool neg_labels = spec.labels && lo < 0;
  double cat_top = plot_bottom + 6 + (neg_labels && bars ? 14 : 0);

  SvgWriter w;
  if (!items.empty() && items.size() > 1) draw_legend(w, items, 8, lpos);
  if (axis_titles) {
    if (!spec.unit.empty())
      w.element("text", {{"class", "axis-title"}, {"x", 8}, {"y", title_y}}, spec.unit);
    if (!spec.y2unit.empty())
      w.element("text", {{"class", "axis-title"}, {"x", kW - 8}, {"y", title_y}, {"text-anchor", "end"}},
                spec.y2unit);
  }
  // Gridlines and tick labels.
  bool zero_drawn = false;
  for (size_t k = 0; k < left.values.size(); ++k) {
    double t = left.values[k];
    double y = yl(t);
    bool zero = t == 0;
    zero_drawn = zero_drawn || zero;
    if (!zero)
      w.element("line", {{"class", "grid"}, {"x1", plot_left}, {"y1", y}, {"x2", plot_right}, {"y2", y}});
    w.element("text", {{"class", "tick-label"}, {"x", plot_left - 6}, {"y", y + kFont * 0.35}, {"text-anchor", "end"}},
              tick_text(t, left, left_pct));
    if (combo)
      w.element("text", {{"class", "tick-label"}, {"x", plot_right + 6}, {"y", y + kFont * 0.35}},
                tick_text(right.values[k], right, right_pct));
  }

  Placer placer;
  placer.top = 2;
  placer.bottom = cat_top - 1;
  SvgWriter lw;  // value labels, drawn over every mark
  // Bars.
  if (bars) {
    size_t k = stacked ? 1 : ys.size();
    double group = std::min(slot * (k == 1 ? 0.6 : 0.76), 56.0 * static_cast<double>(k));
    double bw = group / static_cast<double>(k);
    // Do all labels fit? Then draw all, else none (a partial set misleads).
    bool show = spec.labels;
    if (show) {
      for (const auto& s : ys)
        for (size_t i = 0; i < n; ++i)
          if (s.has[i] && text_width(s.fmt(s.v[i]), kValueFont) > (k == 1 && !stacked ? slot - 4 : bw + 2))
            show = false;
    }
    std::vector<double> pos_acc(n, 0), neg_acc(n, 0);
    for (size_t j = 0; j < ys.size(); ++j) {
      const Series& s = ys[j];
      for (size_t i = 0; i < n; ++i) {
        if (!s.has[i]) continue;
        double v = s.v[i];
        double base = 0, end = v;
        double x = cx(i) - group / 2 + (stacked ? 0 : static_cast<double>(j) * bw);
        if (stacked) {
          double& acc = v >= 0 ? pos_acc[i] : neg_acc[i];
          base = acc;
          end = acc + v;
          acc = end;
        }
        double ya = yl(base), yb = yl(end);
        double top = std::min(ya, yb), h = std::fabs(yb - ya);
        if (h < 0.5 && v != 0) h = 0.5;
        double inset = !stacked && k > 1 ? 0.5 : 0;
        w.element("rect", {{"class", "bar " + series_class(s.cls)}, {"x", x + inset}, {"y", top},
                           {"width", bw - 2 * inset}, {"height", h}});
        if (!show) continue;
        std::string label = s.fmt(v);
        double tw = text_width(label, kValueFont);
        double mid = x + bw / 2;
        if (stacked) {
          if (h >= kValueFont + 3 && tw <= bw - 2) {
            Box b = text_box(mid, top + h / 2 + kValueFont * 0.35, tw, kValueFont, 'm');
            placer.boxes.push_back(b);
            lw.element("text", {{"class", "value-label inside"}, {"x", mid}, {"y", top + h / 2 + kValueFont * 0.35},
                               {"text-anchor", "middle"}, {"font-size", kValueFont}},
                      label);
          }
          continue;
        }
        double ly;
        std::string cls = "value-label";
        if (combo && h >= kValueFont + 6 && tw <= bw - 2) {
          ly = v >= 0 ? top + kValueFont + 2 : top + h - 4;
          cls += " inside";
        } else {
          ly = v >= 0 ? top - 4 : top + h + kValueFont + 1;
        }
        placer.boxes.push_back(text_box(mid, ly, tw, kValueFont, 'm'));
        lw.element("text",
                  {{"class", cls}, {"x", mid}, {"y", ly}, {"text-anchor", "middle"}, {"font-size", kValueFont}},
                  label);
      }
    }
  }
  // Baseline (over the bars' bottom edges).
  if (zero_drawn)
    w.element("line", {{"class", "axis baseline"}, {"x1", plot_left}, {"y1", yl(0)}, {"x2", plot_right}, {"y2", yl(0)}});
  else
    w.element("line", {{"class", "axis"}, {"x1", plot_left}, {"y1", plot_bottom}, {"x2", plot_right}, {"y2", plot_bottom}});

  // Lines and areas.
  auto draw_line = [&](const Series& s, const std::function<double(double)>& ys_of, bool fill) {
    SvgPath line, shape;
    bool pen = false;
    size_t run_start = 0;
    auto close_run = [&](size_t end) {
      if (!fill || !pen) return;
      shape.line(cx(end), ys_of(0)).line(cx(run_start), ys_of(0)).close();
    };
    for (size_t i = 0; i < n; ++i) {
      if (!s.has[i]) {
        close_run(i - 1 < n ? i - 1 : 0);
        pen = false;
        continue;
      }
      double y = ys_of(s.v[i]);
      if (!pen) {
        line.move(cx(i), y);
        if (fill) shape.move(cx(i), y);
        run_start = i;
      } else {
        line.line(cx(i), y);
        if (fill) shape.line(cx(i), y);
      }
      pen = true;
    }
    close_run(n - 1);
    if (fill && !shape.empty()) w.element("path", {{"class", "area " + series_class(s.cls)}, {"d", shape.str()}});
    if (!line.empty()) w.element("path", {{"class", "line " + series_class(s.cls)}, {"d", line.str()}});
    if (n <= 40)
      for (size_t i = 0; i < n; ++i)
        if (s.has[i])
          w.element("circle", {{"class", "point " + series_class(s.cls)}, {"cx", cx(i)}, {"cy", ys_of(s.v[i])},
                               {"r", 3}});
  };
  std::function<double(double)> fl = yl, fr = yr;
  if (!bars)
    for (const auto& s : ys) draw_line(s, fl, area);
  if (y2) draw_line(*y2, fr, false);

  // Line labels: above the point, else below or beside it, else left out where they would
  // collide with another label, a marker or a line.
  if (spec.labels) {
    std::vector<std::pair<const Series*, std::function<double(double)>>> lines;
    if (!bars)
      for (const auto& s : ys) lines.push_back({&s, fl});
    if (y2) lines.push_back({&*y2, fr});
    for (const auto& [s, f] : lines) {
      for (size_t i = 0; i < n; ++i) {
        if (!s->has[i]) continue;
        double x = cx(i), y = f(s->v[i]);
        placer.boxes.push_back({x - 3.5, y - 3.5, x + 3.5, y + 3.5});
        if (i + 1 < n && s->has[i + 1]) placer.segments.push_back({x, y, cx(i + 1), f(s->v[i + 1])});
      }
    }
    for (size_t i = 0; i < n; ++i) {
      // The highest point's label goes above first.
      std::vector<std::pair<double, size_t>> order;
      for (size_t j = 0; j < lines.size(); ++j)
        if (lines[j].first->has[i]) order.push_back({lines[j].second(lines[j].first->v[i]), j});
      std::sort(order.begin(), order.end());
      for (size_t r = 0; r < order.size(); ++r) {
        const Series& s = *lines[order[r].second].first;
        double x = cx(i), y = order[r].first;
        std::string label = s.fmt(s.v[i]);
        double tw = text_width(label, kValueFont);
        struct Cand {
          double x, y;
          char anchor;
          const char* a;
        };
        std::vector<Cand> cands = {{x, y - 7, 'm', "middle"},     {x + 5, y - 6, 's', "start"},
                                   {x - 5, y - 6, 'e', "end"},    {x, y + kValueFont + 5, 'm', "middle"},
                                   {x + 5, y + kValueFont + 3, 's', "start"}, {x - 5, y + kValueFont + 3, 'e', "end"}};
        if (r > 0 && r * 2 >= order.size()) std::rotate(cands.begin(), cands.begin() + 3, cands.end());
        for (const auto& c : cands) {
          if (placer.place(text_box(c.x, c.y, tw, kValueFont, c.anchor))) {
            lw.element("text", {{"class", "value-label"}, {"x", c.x}, {"y", c.y}, {"text-anchor", c.a},
                                {"font-size", kValueFont}},
                       label);
            break;
          }
        }
      }
    }
  }
  w.raw(lw.finish());
  draw_category_labels(w, cl, plot_left, slot, cat_top);

  Drawn d;
  d.height = cat_top + cl.height + 6;
  d.body = w.finish();
  return d;
}

// ---- hbar -----------------------------------------------------------------------------

Drawn draw_hbar(const ChartSpec& spec, const std::vector<std::string>& cats, const std::vector<Series>& ys) {
  const size_t n = cats.size(), k = ys.size();
  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, "bar", s.cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = k > 1 ? legend_layout(items, kW - 16, &lpos) + 6 : 0;

  const double max_label_w = kW * 0.34;
  std::vector<std::vector<std::string>> lines(n);
  double label_w = 0;
  size_t max_lines = 1;
  for (size_t i = 0; i < n; ++i) {
    lines[i] = wrap_text(cats[i], max_label_w, kFont);
    if (lines[i].size() > 3) {
      lines[i].resize(3);
      lines[i][2] = truncate_to(lines[i][2] + "…", max_label_w, kFont);
    }
    if (lines[i].empty()) lines[i].push_back("");
    for (const auto& l : lines[i]) label_w = std::max(label_w, text_width(l, kFont));
    max_lines = std::max(max_lines, lines[i].size());
  }
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
  double plot_right = kW - 12 - pos_room;
  double plot_w = plot_right - plot_left;
  Ticks probe = nice_ticks(lo, hi, true);
  int intervals = std::clamp(static_cast<int>(plot_w / (max_tick_width(probe, pct) + 14)), 2, 6);
  Ticks t = nice_ticks(lo, hi, true, intervals);

  double row_h = std::max(static_cast<double>(k) * 12 + 10, static_cast<double>(max_lines) * kFont * kLineH + 8);
  double plot_top = 8 + legend_h + 4;
  double plot_h = row_h * static_cast<double>(n);
  double plot_bottom = plot_top + plot_h;
  auto xv = [&](double v) { return plot_left + (v - t.min) / (t.max - t.min) * plot_w; };

  SvgWriter w;
  if (k > 1) draw_legend(w, items, 8, lpos);
  for (double v : t.values) {
    double x = xv(v);
    if (v != 0) w.element("line", {{"class", "grid"}, {"x1", x}, {"y1", plot_top}, {"x2", x}, {"y2", plot_bottom}});
    w.element("text", {{"class", "tick-label"}, {"x", x}, {"y", plot_bottom + 16}, {"text-anchor", "middle"}},
              tick_text(v, t, pct));
  }
  double band = row_h * (k == 1 ? 0.62 : 0.76);
  double bh = band / static_cast<double>(k);
  for (size_t j = 0; j < k; ++j) {
    const Series& s = ys[j];
    for (size_t i = 0; i < n; ++i) {
      if (!s.has[i]) continue;
      double row_top = plot_top + static_cast<double>(i) * row_h;
      double y = row_top + (row_h - band) / 2 + static_cast<double>(j) * bh;
      double x0 = xv(0), x1 = xv(s.v[i]);
      double inset = k > 1 ? 0.5 : 0;
      double wd = std::fabs(x1 - x0);
      if (wd < 0.5 && s.v[i] != 0) wd = 0.5;
      w.element("rect", {{"class", "bar " + series_class(s.cls)}, {"x", std::min(x0, x1)}, {"y", y + inset},
                         {"width", wd}, {"height", bh - 2 * inset}});
      if (spec.labels && bh >= kValueFont * 0.8) {
        bool neg = s.v[i] < 0;
        w.element("text",
                  {{"class", "value-label"}, {"x", neg ? x1 - 4 : x1 + 4}, {"y", y + bh / 2 + kValueFont * 0.35},
                   {"text-anchor", neg ? "end" : "start"}, {"font-size", kValueFont}},
                  s.fmt(s.v[i]));
      }
    }
  }
  w.element("line", {{"class", "axis baseline"}, {"x1", xv(0)}, {"y1", plot_top}, {"x2", xv(0)}, {"y2", plot_bottom}});
  for (size_t i = 0; i < n; ++i) {
    double mid = plot_top + (static_cast<double>(i) + 0.5) * row_h;
    double first = mid - (static_cast<double>(lines[i].size()) - 1) * kFont * kLineH / 2 + kFont * 0.35;
    w.text_lines({{"class", "category-label"}, {"text-anchor", "end"}}, 8 + label_w, first, kFont * kLineH, lines[i]);
  }
  Drawn d;
  d.height = plot_bottom + 24;
  d.body = w.finish();
  return d;
}

// ---- pie and donut ----------------------------------------------------------------------

struct Slice {
  std::string name;
  double share = 0;   // percent of the whole circle
  std::string label;  // the value shown
  std::string cls;
  std::string members;  // grouped slices, for the tooltip
};

Drawn draw_pie(const ChartSpec& spec, const std::vector<std::string>& cats, const Series& s, const FigureText& text,
               Diagnostics& diags) {
  // Shares: values that are already percentages are drawn as written, with the rest of 100% as "other".
  double total = 0;
  for (size_t i = 0; i < cats.size(); ++i)
    if (s.has[i]) total += s.v[i];
  bool as_written = s.pct && total <= 100.5;
  if (s.pct && total > 100.5)
    diags.warning(spec.data_pos, "the values of pie chart '" + spec.id + "' add up to " + format_fixed(total, s.decimals, false) +
                                     "%, more than 100%",
                  "the slices are drawn as shares of their sum");
  int dec = as_written ? s.decimals : 1;
  std::vector<Slice> slices;
  std::vector<Slice> small;
  double base = as_written ? 100.0 : total;
  for (size_t i = 0; i < cats.size(); ++i) {
    if (!s.has[i] || s.v[i] <= 0) continue;
    double share = s.v[i] / base * 100;
    Slice sl{cats[i], share, format_percent(as_written ? s.v[i] : share, dec), series_class(static_cast<int>(slices.size() + small.size()) + 1), ""};
    (share < 2.0 ? small : slices).push_back(sl);
  }
  // Eight colours tell slices apart: beyond seven named slices, the smallest join "other".
  constexpr size_t kMaxNamed = 7;
  if (slices.size() > kMaxNamed) {
    std::vector<size_t> order(slices.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return slices[a].share > slices[b].share; });
    std::vector<bool> keep(slices.size(), false);
    for (size_t k = 0; k < kMaxNamed; ++k) keep[order[k]] = true;
    std::vector<Slice> kept;
    for (size_t i = 0; i < slices.size(); ++i) (keep[i] ? kept : small).push_back(slices[i]);
    slices = std::move(kept);
  }
  if (small.size() == 1) {
    slices.push_back(small[0]);
    small.clear();
  }
  for (size_t i = 0; i < slices.size(); ++i) slices[i].cls = series_class(static_cast<int>(i) + 1);
  double rest = as_written ? 100.0 - total : 0;
  if (!small.empty() || rest >= 0.05) {
    Slice other{text.other, rest > 0 ? rest : 0, "", "series-other", ""};
    for (const auto& sm : small) {
      other.share += sm.share;
      other.members += (other.members.empty() ? "" : text.list_sep) + sm.name + " " + sm.label;
    }
    other.label = format_percent(other.share, dec);
    slices.push_back(other);
  }

  const double r = 92, ri = spec.type == "donut" ? r * 0.58 : 0;
  const double cx = kW / 2, cy = r + 26;
  const double label_w = cx - r - 30 - 6;
  SvgWriter w;
  double sum = 0;
  for (const auto& sl : slices) sum += sl.share;
  if (sum <= 0) sum = 1;
  struct Lab {
    double want, y, h, mid;
    std::vector<std::string> lines;
    bool right;
  };
  std::vector<Lab> labs;
  double a = 0;
  for (const auto& sl : slices) {
    double span = sl.share / sum * 2 * kPi;
    double a0 = a, a1 = a + span;
    a = a1;
    std::string cls = "slice " + sl.cls;
    if (span >= 2 * kPi - 1e-9) {
      if (ri > 0) {
        SvgPath p;
        p.move(cx, cy - r).arc(r, true, true, cx, cy + r).arc(r, true, true, cx, cy - r)
            .move(cx, cy - ri).arc(ri, true, false, cx, cy + ri).arc(ri, true, false, cx, cy - ri).close();
        w.element("path", {{"class", cls}, {"d", p.str()}, {"fill-rule", "evenodd"}});
      } else {
        w.element("circle", {{"class", cls}, {"cx", cx}, {"cy", cy}, {"r", r}});
      }
    } else {
      bool large = span > kPi;
      SvgPath p;
      p.move(cx + r * std::sin(a0), cy - r * std::cos(a0)).arc(r, large, true, cx + r * std::sin(a1), cy - r * std::cos(a1));
      if (ri > 0)
        p.line(cx + ri * std::sin(a1), cy - ri * std::cos(a1)).arc(ri, large, false, cx + ri * std::sin(a0), cy - ri * std::cos(a0));
      else
        p.line(cx, cy);
      p.close();
      if (sl.members.empty()) {
        w.element("path", {{"class", cls}, {"d", p.str()}});
      } else {
        w.open("path", {{"class", cls}, {"d", p.str()}});
        w.element("title", {}, sl.members);
        w.close();
      }
    }
    double mid = (a0 + a1) / 2;
    Lab l;
    l.mid = mid;
    l.right = std::sin(mid) >= -1e-9 && !(std::fabs(std::sin(mid)) < 1e-9 && std::cos(mid) < 0);
    std::string one = sl.name + " " + sl.label;
    if (text_width(one, kFont) <= label_w) {
      l.lines = {one};
    } else {
      l.lines = wrap_text(sl.name, label_w, kFont);
      l.lines.push_back(sl.label);
    }
    l.h = static_cast<double>(l.lines.size()) * kFont * kLineH;
    l.want = cy - (r + 16) * std::cos(mid) - l.h / 2;
    labs.push_back(l);
  }
  // Spread labels on each side so that none overlaps the next.
  double bottom = cy + r + 16;
  for (bool right : {true, false}) {
    std::vector<Lab*> side;
    for (auto& l : labs)
      if (l.right == right) side.push_back(&l);
    std::sort(side.begin(), side.end(), [](const Lab* p, const Lab* q) { return p->want < q->want; });
    double next = 4;
    for (Lab* l : side) {
      l->y = std::max(l->want, next);
      next = l->y + l->h + 2;
    }
    bottom = std::max(bottom, next + 4);
  }
  for (size_t i = 0; i < labs.size(); ++i) {
    const Lab& l = labs[i];
    double sx = std::sin(l.mid), cxs = std::cos(l.mid);
    double ax = cx + r * sx, ay = cy - r * cxs;
    double ex = cx + (r + 10) * sx, ey = cy - (r + 10) * cxs;
    double lx = l.right ? cx + r + 26 : cx - r - 26;
    double ly = l.y + l.h / 2;
    w.element("path", {{"class", "leader"},
                       {"d", SvgPath().move(ax, ay).line(ex, ey).line(l.right ? lx - 4 : lx + 4, ly).str()},
                       {"fill", "none"}});
    w.text_lines({{"class", "slice-label"}, {"text-anchor", l.right ? "start" : "end"}}, lx,
                 l.y + kFont * 0.9, kFont * kLineH, l.lines);
  }
  Drawn d;
  d.height = bottom;
  d.body = w.finish();
  std::string list;
  for (const auto& sl : slices) list += (list.empty() ? "" : text.list_sep) + sl.name + " " + sl.label;
  d.desc = fill(text.desc_slices, {{"series", s.name}, {"slices", list}});
  return d;
}

// ---- scatter ----------------------------------------------------------------------------

Drawn draw_scatter(const ChartSpec& spec, const Series& xs, const std::vector<Series>& ys,
                   const std::vector<std::string>& point_labels) {
  std::vector<LegendItem> items;
  for (const auto& s : ys) items.push_back({s.name, "point", s.cls});
  std::vector<std::pair<double, int>> lpos;
  double legend_h = ys.size() > 1 ? legend_layout(items, kW - 16, &lpos) + 6 : 0;
  double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
  value_range({xs}, false, &xlo, &xhi);
  value_range(ys, false, &ylo, &yhi);
  bool ypct = spec.unit == "%" || std::all_of(ys.begin(), ys.end(), [](const Series& s) { return s.pct; });
  Ticks ty = nice_ticks(ylo, yhi, false, 5);
  double title_y = 8 + legend_h + 10;
  double plot_top = 8 + legend_h + (spec.unit.empty() ? 0 : 16) + 8;
  double plot_left = 8 + max_tick_width(ty, ypct) + 6;
  double plot_right = kW - 16;
  double plot_w = plot_right - plot_left;
  Ticks probe = nice_ticks(xlo, xhi, false, 6);
  int intervals = std::clamp(static_cast<int>(plot_w / (max_tick_width(probe, xs.pct) + 16)), 2, 6);
  Ticks tx = nice_ticks(xlo, xhi, false, intervals);
  double plot_bottom = plot_top + kPlotH;
  auto X = [&](double v) { return plot_left + (v - tx.min) / (tx.max - tx.min) * plot_w; };
  auto Y = [&](double v) { return plot_top + (ty.max - v) / (ty.max - ty.min) * kPlotH; };

  SvgWriter w;
  if (ys.size() > 1) draw_legend(w, items, 8, lpos);
  if (!spec.unit.empty()) w.element("text", {{"class", "axis-title"}, {"x", 8}, {"y", title_y}}, spec.unit);
  for (double v : ty.values) {
    w.element("line", {{"class", v == 0 ? "axis baseline" : "grid"}, {"x1", plot_left}, {"y1", Y(v)}, {"x2", plot_right}, {"y2", Y(v)}});
    w.element("text", {{"class", "tick-label"}, {"x", plot_left - 6}, {"y", Y(v) + kFont * 0.35}, {"text-anchor", "end"}},
              tick_text(v, ty, ypct));
  }
  for (double v : tx.values) {
    w.element("line", {{"class", v == 0 ? "axis baseline" : "grid"}, {"x1", X(v)}, {"y1", plot_top}, {"x2", X(v)}, {"y2", plot_bottom}});
    w.element("text", {{"class", "tick-label"}, {"x", X(v)}, {"y", plot_bottom + 16}, {"text-anchor", "middle"}},
              tick_text(v, tx, xs.pct));
  }
  w.element("line", {{"class", "axis"}, {"x1", plot_left}, {"y1", plot_bottom}, {"x2", plot_right}, {"y2", plot_bottom}});
  std::string xname = display_name(spec, spec.x);
  w.element("text", {{"class", "axis-title"}, {"x", plot_right}, {"y", plot_bottom + 34}, {"text-anchor", "end"}}, xname);
  Placer placer;
  placer.left = plot_left;
  placer.right = kW - 2;
  for (const auto& s : ys)
    for (size_t i = 0; i < s.v.size(); ++i)
      if (s.has[i] && xs.has[i])
        placer.boxes.push_back({X(xs.v[i]) - 3.5, Y(s.v[i]) - 3.5, X(xs.v[i]) + 3.5, Y(s.v[i]) + 3.5});
  for (const auto& s : ys) {
    for (size_t i = 0; i < s.v.size(); ++i) {
      if (!s.has[i] || !xs.has[i]) continue;
      w.element("circle", {{"class", "point " + series_class(s.cls)}, {"cx", X(xs.v[i])}, {"cy", Y(s.v[i])}, {"r", 3.5}});
    }
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

std::string bool_scalar_error(const std::string& key) { return "'" + key + "' must be true or false"; }

}  // namespace

// ---- public helpers ---------------------------------------------------------------------

double text_width(std::string_view text, double font) { return text_width_em(text) * font; }

std::vector<std::string> wrap_text(std::string_view text, double max_width, double font) {
  std::vector<std::string> lines;
  std::string cur;
  auto start_with = [&](const std::string& tok) {
    if (text_width(tok, font) <= max_width) {
      cur = tok;
      return;
    }
    // A word longer than a line: break it between characters.
    std::string_view t = tok;
    size_t i = 0;
    cur.clear();
    while (i < t.size()) {
      size_t b = i;
      utf8_next(t, i);
      std::string ch(t.substr(b, i - b));
      if (!cur.empty() && text_width(cur + ch, font) > max_width) {
        lines.push_back(cur);
        cur.clear();
      }
      cur += ch;
    }
  };
  for (const auto& tok : tokenize(text)) {
    if (cur.empty()) {
      start_with(tok.s);
      continue;
    }
    std::string joined = cur + (tok.space_before ? " " : "") + tok.s;
    if (text_width(joined, font) <= max_width) {
      cur = std::move(joined);
    } else {
      lines.push_back(cur);
      start_with(tok.s);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

CategoryLabels layout_category_labels(const std::vector<std::string>& labels, double slot, double font) {
  CategoryLabels cl;
  const size_t n = labels.size();
  const double pad = 4;
  const double lh = font * kLineH;
  double maxw = 0;
  bool numeric = n > 0;
  for (const auto& l : labels) {
    maxw = std::max(maxw, text_width(l, font));
    double v;
    if (!parse_number(l, &v)) numeric = false;
  }
  auto one_line = [&](int step) {
    cl.mode = CategoryLabels::kHorizontal;
    cl.step = step;
    cl.lines.assign(n, {});
    for (size_t i = 0; i < n; ++i)
      if (i % static_cast<size_t>(step) == 0) cl.lines[i] = {labels[i]};
    cl.height = lh + 2;
    return cl;
  };
  if (maxw <= slot - pad) return one_line(1);
  if (numeric) {
    for (int step = 2; step <= 12; ++step)
      if (maxw <= slot * step - pad * 2) return one_line(step);
  }
  if (slot - pad >= 2 * font) {
    std::vector<std::vector<std::string>> wrapped;
    bool ok = true;
    size_t most = 1;
    for (const auto& l : labels) {
      auto lines = wrap_text(l, slot - pad, font);
      for (const auto& x : lines)
        if (text_width(x, font) > slot - pad) ok = false;
      if (lines.size() > 3) ok = false;
      most = std::max(most, lines.size());
      wrapped.push_back(std::move(lines));
      if (!ok) break;
    }
    if (ok) {
      cl.mode = CategoryLabels::kWrapped;
      cl.lines = std::move(wrapped);
      cl.height = static_cast<double>(most) * lh + 2;
      return cl;
    }
  }
  // Rotated 45°: neighbours are slot·sin45 apart across the text direction.
  const double s45 = std::sqrt(0.5);
  int step = std::max(1, static_cast<int>(std::ceil(lh / (slot * s45) - 1e-9)));
  const double max_len = 9 * font;
  cl.mode = CategoryLabels::kRotated;
  cl.step = step;
  cl.lines.assign(n, {});
  double longest = 0;
  for (size_t i = 0; i < n; i += static_cast<size_t>(step)) {
    cl.lines[i] = {truncate_to(labels[i], max_len, font)};
    longest = std::max(longest, text_width(cl.lines[i][0], font));
  }
  cl.height = longest * s45 + font * 1.2 + 6;
  return cl;
}

bool parse_chart_spec(std::string_view yaml, const SourcePos& pos, ChartSpec* out, Diagnostics& diags) {
  *out = ChartSpec{};
  out->pos = pos;
  YAML::Node root;
  if (!parse_yaml(yaml, pos.file, pos.line > 0 ? pos.line - 1 : 0, &root, diags)) return false;
  if (!root.IsMap()) {
    diags.error(pos, "a chart block must be a YAML mapping", "write one 'field: value' per line, e.g. type: bar");
    return false;
  }
  size_t before = diags.error_count();
  SourcePos type_pos = pos, id_pos = pos;
  auto text_of = [&](const std::string& key, const YAML::Node& v, std::string* dst) {
    if (v.IsNull()) return;
    if (!v.IsScalar()) {
      diags.error(node_pos(v, pos), "chart field '" + key + "' must be text", "write it on one line: " + key + ": …");
      return;
    }
    *dst = v.Scalar();
  };
  for (const auto& kv : root) {
    std::string key = yaml_scalar(kv.first);
    const YAML::Node& v = kv.second;
    SourcePos vpos = node_pos(v.IsNull() ? kv.first : v, pos);
    if (std::find(kChartFields.begin(), kChartFields.end(), key) == kChartFields.end()) {
      std::string hint = did_you_mean(key, kChartFields);
      diags.error(node_pos(kv.first, pos), "unknown chart field '" + key + "'",
                  hint.empty() ? "chart fields: " + list_of(kChartFields) : hint);
      continue;
    }
    if (key == "y") {
      if (v.IsScalar()) {
        out->y.push_back(v.Scalar());
        out->y_pos.push_back(vpos);
      } else if (v.IsSequence()) {
        for (const auto& item : v) {
          if (!item.IsScalar()) {
            diags.error(node_pos(item, pos), "each y entry must be a column name");
            continue;
          }
          out->y.push_back(item.Scalar());
          out->y_pos.push_back(node_pos(item, pos));
        }
      } else {
        diags.error(vpos, "'y' must be a column name or a list of column names", "e.g. y: [amount, growth]");
      }
    } else if (key == "names") {
      if (!v.IsMap()) {
        diags.error(vpos, "'names' must map column names to display names", "e.g. names: {amount: 网上零售额}");
        continue;
      }
      for (const auto& nm : v) out->names.push_back({yaml_scalar(nm.first), yaml_scalar(nm.second)});
    } else if (key == "labels") {
      std::string s = yaml_scalar(v);
      if (s == "true" || s == "yes" || s == "on") out->labels = true;
      else if (s == "false" || s == "no" || s == "off") out->labels = false;
      else diags.error(vpos, bool_scalar_error(key), "labels: true shows the values on the chart");
    } else {
      std::string s;
      text_of(key, v, &s);
      if (key == "id") out->id = s, id_pos = vpos;
      else if (key == "type") out->type = s, type_pos = vpos;
      else if (key == "title") out->title = s;
      else if (key == "data") out->data = s, out->data_pos = vpos;
      else if (key == "x") out->x = s, out->x_pos = vpos;
      else if (key == "y2") out->y2 = s, out->y2_pos = vpos;
      else if (key == "unit") out->unit = s;
      else if (key == "y2unit") out->y2unit = s;
      else if (key == "source") out->source = s;
      else if (key == "note") out->note = s;
      else if (key == "label") out->label = s, out->label_pos = vpos;
    }
  }
  const std::pair<const char*, bool> required[] = {{"id", out->id.empty()},
                                                   {"type", out->type.empty()},
                                                   {"data", out->data.empty()},
                                                   {"x", out->x.empty()},
                                                   {"y", out->y.empty()}};
  for (const auto& [name, missing] : required) {
    if (!missing) continue;
    std::string n = name;
    std::string hint = n == "id"     ? "add id: NAME (the anchor fig-NAME, referenced as @fig:NAME)"
                     : n == "type"   ? "add type: one of " + list_of(kTypes)
                     : n == "data"   ? "add data: PATH (the data file without extension, e.g. ch01/indicators)"
                     : n == "x"      ? "add x: COLUMN (the category column)"
                                     : "add y: [COLUMN] (the value columns)";
    diags.error(pos, "chart is missing '" + n + "'", hint);
  }
  if (!out->id.empty() && !valid_figure_id(out->id))
    diags.error(id_pos, "chart id '" + out->id + "' may only use letters, digits, '-' and '_'", "e.g. id: retail-growth");
  if (!out->type.empty() && std::find(kTypes.begin(), kTypes.end(), out->type) == kTypes.end()) {
    std::string hint = did_you_mean(out->type, kTypes);
    diags.error(type_pos, "unknown chart type '" + out->type + "'", hint.empty() ? "chart types: " + list_of(kTypes) : hint);
  }
  if (out->type == "combo" && out->y2.empty())
    diags.error(pos, "a combo chart needs y2 (the line on the right axis)", "add y2: COLUMN, e.g. y2: growth");
  if (!out->y2.empty() && !out->type.empty() && out->type != "combo")
    diags.error(out->y2_pos, "y2 is only used by combo charts", "use type: combo, or list the column in y");
  if ((out->type == "pie" || out->type == "donut") && out->y.size() > 1)
    diags.error(out->y_pos[1], "a " + out->type + " chart shows one series, but y names " + std::to_string(out->y.size()) +
                                   " columns",
                "keep one column in y, or use type: bar");
  if (!out->label.empty() && out->type != "scatter" && !out->type.empty())
    diags.error(out->label_pos, "'label' (a column naming each point) is only used by scatter charts",
                "remove it; for value labels write labels: true");
  if (out->data_pos.line == 0) out->data_pos = pos;
  if (out->x_pos.line == 0) out->x_pos = pos;
  if (out->y2_pos.line == 0) out->y2_pos = pos;
  if (out->label_pos.line == 0) out->label_pos = pos;
  return diags.error_count() == before;
}

std::string render_chart_figure(const ChartSpec& spec, const DataSet& data, const std::string& label,
                                const std::string& csv_href, const FigureText& text, Diagnostics& diags) {
  DataSet scratch;
  std::string why;
  const DataSet* t = as_table(data, &scratch, &why);
  if (!t) {
    diags.error(spec.data_pos, "cannot chart '" + spec.data + "': " + why, "charts need a CSV file or a JSON/YAML list of rows");
    return "";
  }
  if (t->cells.empty()) {
    diags.error(spec.data_pos, "data set '" + spec.data + "' has no rows", "add rows to " + data.file);
    return "";
  }
  const size_t before = diags.error_count();
  const bool scatter = spec.type == "scatter";
  const bool pie = spec.type == "pie" || spec.type == "donut";
  // Categories (or x values for scatter).
  std::vector<std::string> cats;
  Series xs;
  int xcol = column_index(*t, spec.x);
  if (xcol < 0) {
    no_column(*t, spec.x, spec.x_pos, spec.data, diags);
  } else if (scatter) {
    read_series(*t, spec.data, spec.x, spec.x_pos, spec, false, &xs, diags);
  } else {
    for (const auto& row : t->cells) cats.emplace_back(trim(row[static_cast<size_t>(xcol)]));
  }
  std::vector<Series> ys;
  for (size_t j = 0; j < spec.y.size(); ++j) {
    Series s;
    SourcePos at = j < spec.y_pos.size() ? spec.y_pos[j] : spec.pos;
    if (read_series(*t, spec.data, spec.y[j], at, spec, spec.unit == "%", &s, diags)) {
      s.cls = static_cast<int>(j) + 1;
      ys.push_back(std::move(s));
    }
  }
  std::optional<Series> y2;
  if (!spec.y2.empty()) {
    Series s;
    if (read_series(*t, spec.data, spec.y2, spec.y2_pos, spec, spec.y2unit == "%", &s, diags)) {
      s.cls = static_cast<int>(spec.y.size()) + 1;
      y2 = std::move(s);
    }
  }
  std::vector<std::string> point_labels;
  int label_col = -1;
  if (!spec.label.empty()) {
    label_col = column_index(*t, spec.label);
    if (label_col < 0) no_column(*t, spec.label, spec.label_pos, spec.data, diags);
    else
      for (const auto& row : t->cells) point_labels.emplace_back(trim(row[static_cast<size_t>(label_col)]));
  }
  if (diags.error_count() != before) return "";
  bool any = false;
  for (const auto& s : ys) any = any || s.any();
  if (!any) {
    diags.error(spec.y_pos.empty() ? spec.pos : spec.y_pos[0], "chart '" + spec.id + "' has no values to draw",
                "every cell of its y columns is empty in " + data.file);
    return "";
  }
  if (pie)
    for (size_t i = 0; i < ys[0].v.size(); ++i)
      if (ys[0].has[i] && ys[0].v[i] < 0) {
        diags.error(cell_pos(*t, i, static_cast<size_t>(column_index(*t, spec.y[0]))),
                    "a " + spec.type + " chart cannot show the negative value " + ys[0].fmt(ys[0].v[i]),
                    "use type: bar for values that can be negative");
        return "";
      }

  // The drawing.
  Drawn d;
  if (pie) d = draw_pie(spec, cats, ys[0], text, diags);
  else if (spec.type == "hbar") d = draw_hbar(spec, cats, ys);
  else if (scatter) d = draw_scatter(spec, xs, ys, point_labels);
  else d = draw_category_chart(spec, cats, ys, y2);
  if (d.desc.empty()) {
    std::vector<std::string> at = cats;
    if (scatter)
      for (size_t i = 0; i < xs.v.size(); ++i)
        at.push_back(label_col >= 0 && !point_labels[i].empty() ? point_labels[i] : xs.has[i] ? xs.fmt(xs.v[i]) : "");
    for (const auto& s : ys) d.desc += series_desc(s, at, text);
    if (y2) d.desc += series_desc(*y2, at, text);
  }

  const std::string fid = "fig-" + spec.id;
  const std::string caption = label.empty() ? spec.title : spec.title.empty() ? label : label + " " + spec.title;
  SvgWriter svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", "chart-svg"},
                   {"viewBox", "0 0 " + svg_num(kW) + " " + svg_num(std::ceil(d.height))},
                   {"width", "100%"},
                   {"role", "img"},
                   {"aria-labelledby", fid + "-title " + fid + "-desc"},
                   {"font-size", kFont}});
  svg.element("title", {{"id", fid + "-title"}}, caption);
  svg.element("desc", {{"id", fid + "-desc"}}, d.desc);
  svg.raw(d.body);
  svg.close();

  // The data table: category (or label) column, then the series as written.
  HtmlTable table;
  std::vector<int> cols;
  if (label_col >= 0) cols.push_back(label_col);
  cols.push_back(xcol);
  for (const auto& y : spec.y) cols.push_back(column_index(*t, y));
  if (y2) cols.push_back(column_index(*t, spec.y2));
  for (size_t k = 0; k < cols.size(); ++k) {
    const Column& c = t->columns[static_cast<size_t>(cols[k])];
    bool is_label = k == 0 && (label_col >= 0 || !scatter);
    table.headers.push_back(display_name(spec, c.name));
    table.numeric.push_back(!is_label && c.type != ColumnType::kText);
  }
  for (const auto& row : t->cells) {
    std::vector<std::string> r;
    for (int c : cols) r.push_back(row[static_cast<size_t>(c)]);
    table.rows.push_back(std::move(r));
  }
  table.row_headers = !scatter || label_col >= 0;

  std::string html = "<figure id=\"" + html_escape(fid) + "\" class=\"figure chart chart-" + html_escape(spec.type) + "\">\n";
  html += figure_caption(label, spec.title);
  std::string unit = spec.unit;
  if (!spec.y2unit.empty() && spec.y2unit != spec.unit) unit += (unit.empty() ? "" : " / ") + spec.y2unit;
  if (!unit.empty()) html += "<p class=\"figure-unit\">" + html_escape(text.unit_prefix + unit) + "</p>\n";
  html += svg.finish();
  std::string source = spec.source.empty() ? data.source : spec.source;
  if (!source.empty()) html += "<p class=\"figure-source\">" + html_escape(text.source_prefix + source) + "</p>\n";
  if (!spec.note.empty()) html += "<p class=\"figure-note\">" + html_escape(text.note_prefix + spec.note) + "</p>\n";
  html += "<details class=\"figure-data\">\n<summary>" + html_escape(text.data_table) + "</summary>\n";
  html += render_html_table(table);
  if (!csv_href.empty())
    html += "<p class=\"figure-download\"><a href=\"" + html_escape(csv_href) + "\" download>" +
            html_escape(text.download) + "</a></p>\n";
  html += "</details>\n</figure>\n";
  return html;
}

}  // namespace annalist
