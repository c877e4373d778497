// Pie and donut charts.
#include <algorithm>
#include <cmath>

#include "chart_draw.h"

namespace annalist::chart_detail {

namespace {

struct Slice {
  std::string name;
  double share = 0;   // percent of the whole circle
  std::string label;  // the value shown
  std::string cls;
  std::string members;  // grouped slices, for the tooltip
};

// Beyond seven named slices, the smallest join `small` (eight colours tell slices apart).
void keep_largest(std::vector<Slice>& slices, std::vector<Slice>& small) {
  constexpr size_t kMaxNamed = 7;
  if (slices.size() <= kMaxNamed) return;
  std::vector<size_t> order(slices.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return slices[a].share > slices[b].share; });
  std::vector<bool> keep(slices.size(), false);
  for (size_t k = 0; k < kMaxNamed; ++k) keep[order[k]] = true;
  std::vector<Slice> kept;
  for (size_t i = 0; i < slices.size(); ++i) (keep[i] ? kept : small).push_back(slices[i]);
  slices = std::move(kept);
}

// Shares: values that are already percentages are drawn as written, with the rest of 100% as "other".
std::vector<Slice> make_slices(const ChartSpec& spec, const std::vector<std::string>& cats, const Series& s,
                               const FigureText& text, Diagnostics& diags) {
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
  keep_largest(slices, small);
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
  return slices;
}

// The circle: centre, outer and inner radius (0 for a pie).
struct Disc {
  double cx, cy, r, ri;
};

// One slice, with its name and share (and a grouped slice's members) as its <title>.
void draw_sector(SvgWriter& w, const Disc& c, const Slice& sl, double a0, double span, const std::string& title) {
  const double cx = c.cx, cy = c.cy, r = c.r, ri = c.ri;
  const double a1 = a0 + span;
  std::string cls = "slice " + sl.cls;
  if (span >= 2 * kPi - 1e-9) {
    if (ri > 0) {
      SvgPath p;
      p.move(cx, cy - r).arc(r, true, true, cx, cy + r).arc(r, true, true, cx, cy - r)
          .move(cx, cy - ri).arc(ri, true, false, cx, cy + ri).arc(ri, true, false, cx, cy - ri).close();
      draw_mark(w, "path", {{"class", cls}, {"d", p.str()}, {"fill-rule", "evenodd"}}, title);
    } else {
      draw_mark(w, "circle", {{"class", cls}, {"cx", cx}, {"cy", cy}, {"r", r}}, title);
    }
    return;
  }
  bool large = span > kPi;
  SvgPath p;
  p.move(cx + r * std::sin(a0), cy - r * std::cos(a0)).arc(r, large, true, cx + r * std::sin(a1), cy - r * std::cos(a1));
  if (ri > 0)
    p.line(cx + ri * std::sin(a1), cy - ri * std::cos(a1)).arc(ri, large, false, cx + ri * std::sin(a0), cy - ri * std::cos(a0));
  else
    p.line(cx, cy);
  p.close();
  draw_mark(w, "path", {{"class", cls}, {"d", p.str()}}, title);
}

struct Lab {
  double want, y, h, mid;
  std::vector<std::string> lines;
  bool right;
};

Lab slice_label(const Disc& c, const Slice& sl, double mid) {
  const double label_w = c.cx - c.r - 30 - 6;
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
  l.want = c.cy - (c.r + 16) * std::cos(mid) - l.h / 2;
  return l;
}

// Spreads labels on each side so that none overlaps the next, then draws them with leader
// lines; returns the chart's height.
double draw_slice_labels(SvgWriter& w, const Disc& c, std::vector<Lab>& labs) {
  double bottom = c.cy + c.r + 16;
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
  for (const Lab& l : labs) {
    double sx = std::sin(l.mid), cxs = std::cos(l.mid);
    double ax = c.cx + c.r * sx, ay = c.cy - c.r * cxs;
    double ex = c.cx + (c.r + 10) * sx, ey = c.cy - (c.r + 10) * cxs;
    double lx = l.right ? c.cx + c.r + 26 : c.cx - c.r - 26;
    double ly = l.y + l.h / 2;
    w.element("path", {{"class", "leader"},
                       {"d", SvgPath().move(ax, ay).line(ex, ey).line(l.right ? lx - 4 : lx + 4, ly).str()},
                       {"fill", "none"}});
    w.text_lines({{"class", "slice-label"}, {"text-anchor", l.right ? "start" : "end"}}, lx,
                 l.y + kFont * 0.9, kFont * kLineH, l.lines);
  }
  return bottom;
}

}  // namespace

Drawn draw_pie(const ChartSpec& spec, const std::vector<std::string>& cats, const Series& s, const FigureText& text,
               double width, Diagnostics& diags) {
  std::vector<Slice> slices = make_slices(spec, cats, s, text, diags);
  // Labels beside the disc need room on both sides: a narrow chart gets a smaller disc.
  const double r = std::min(92.0, width * 0.2);
  const Disc c{width / 2, r + 26, r, spec.type == "donut" ? r * 0.58 : 0};
  SvgWriter w;
  double sum = 0;
  for (const auto& sl : slices) sum += sl.share;
  if (sum <= 0) sum = 1;
  std::vector<Lab> labs;
  double a = 0;
  for (const auto& sl : slices) {
    double span = sl.share / sum * 2 * kPi;
    double a0 = a, a1 = a + span;
    a = a1;
    std::string value = sl.label + (sl.members.empty() ? "" : " \u2014 " + sl.members);
    draw_sector(w, c, sl, a0, span, fill(text.mark_title, {{"category", sl.name}, {"series", s.name}, {"value", value}}));
    labs.push_back(slice_label(c, sl, (a0 + a1) / 2));
  }
  Drawn d;
  d.height = draw_slice_labels(w, c, labs);
  d.body = w.finish();
  std::string list;
  for (const auto& sl : slices) list += (list.empty() ? "" : text.list_sep) + sl.name + " " + sl.label;
  d.desc = fill(text.desc_slices, {{"series", s.name}, {"slices", list}});
  return d;
}

}  // namespace annalist::chart_detail
