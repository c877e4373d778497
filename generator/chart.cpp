#include "chart.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "chart_draw.h"
#include "chart_export.h"
#include "data.h"
#include "schema.h"
#include "text.h"

namespace annalist {

using namespace chart_detail;

namespace {

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

// The chart's columns read from its data: categories (or x values), series, point labels.
struct ChartData {
  const DataSet* t = nullptr;
  std::vector<std::string> cats;
  Series xs;
  int xcol = -1, label_col = -1;
  std::vector<Series> ys;
  std::optional<Series> y2;
  std::vector<std::string> point_labels;
};

void read_columns(const ChartSpec& spec, ChartData& c, Diagnostics& diags) {
  const DataSet& t = *c.t;
  c.xcol = column_index(t, spec.x);
  if (c.xcol < 0) {
    no_column(t, spec.x, spec.x_pos, spec.data, diags);
  } else if (spec.type == "scatter") {
    read_series(t, spec.data, spec.x, spec.x_pos, spec, false, &c.xs, diags);
  } else {
    for (const auto& row : t.cells) c.cats.emplace_back(trim(row[static_cast<size_t>(c.xcol)]));
  }
  for (size_t j = 0; j < spec.y.size(); ++j) {
    Series s;
    SourcePos at = j < spec.y_pos.size() ? spec.y_pos[j] : spec.pos;
    if (read_series(t, spec.data, spec.y[j], at, spec, spec.unit == "%", &s, diags)) {
      s.cls = static_cast<int>(j) + 1;
      c.ys.push_back(std::move(s));
    }
  }
  if (!spec.y2.empty()) {
    Series s;
    if (read_series(t, spec.data, spec.y2, spec.y2_pos, spec, spec.y2unit == "%", &s, diags)) {
      s.cls = static_cast<int>(spec.y.size()) + 1;
      c.y2 = std::move(s);
    }
  }
  if (!spec.label.empty()) {
    c.label_col = column_index(t, spec.label);
    if (c.label_col < 0) no_column(t, spec.label, spec.label_pos, spec.data, diags);
    else
      for (const auto& row : t.cells) c.point_labels.emplace_back(trim(row[static_cast<size_t>(c.label_col)]));
  }
}

// The <title> of each mark of s: its category (or point), the series and the value with its unit.
void set_titles(Series& s, const std::vector<std::string>& at, const std::string& unit, const FigureText& text) {
  const std::string suffix = unit.empty() || unit == "%" ? "" : (static_cast<unsigned char>(unit[0]) >= 0x80 ? "" : " ") + unit;
  s.titles.assign(s.v.size(), "");
  for (size_t i = 0; i < s.v.size() && i < at.size(); ++i)
    if (s.has[i]) s.titles[i] = fill(text.mark_title, {{"category", at[i]}, {"series", s.name}, {"value", s.fmt(s.v[i]) + suffix}});
}

void set_all_titles(const ChartSpec& spec, ChartData& c, const FigureText& text) {
  std::vector<std::string> at = c.cats;
  if (spec.type == "scatter") {
    at.clear();
    for (size_t i = 0; i < c.xs.v.size(); ++i)
      at.push_back(c.label_col >= 0 && !c.point_labels[i].empty() ? c.point_labels[i]
                   : c.xs.has[i] ? display_name(spec, spec.x) + " " + c.xs.fmt(c.xs.v[i]) : "");
  }
  for (auto& s : c.ys) set_titles(s, at, spec.unit, text);
  if (c.y2) set_titles(*c.y2, at, spec.y2unit, text);
}

// Charts draw values up to this magnitude: within it a double holds every whole number, so axis
// ticks stay exact and their labels fit beside the plot; beyond it (up to an overflow to
// infinity) the scale breaks.
constexpr double kMaxChartValue = 1e15;

bool too_large(const ChartSpec& spec, const SourcePos& at, const std::string& what, Diagnostics& diags) {
  diags.error(at, what + " too large for chart '" + spec.id + "'",
              "charts draw values up to \u00b11e15: give the data in a larger unit (\u4e07, \u4ebf, millions) and name it "
              "in 'unit:'");
  return false;
}

// False (with an error at the cell, or the category's row) when a value on an axis, or a stack
// of bars, is beyond the range a chart can draw.
bool in_range(const ChartSpec& spec, const ChartData& c, Diagnostics& diags) {
  const DataSet& t = *c.t;
  std::vector<const Series*> all;
  for (const auto& s : c.ys) all.push_back(&s);
  if (c.y2) all.push_back(&*c.y2);
  if (spec.type == "scatter") all.push_back(&c.xs);
  for (const Series* s : all) {
    size_t col = static_cast<size_t>(column_index(t, s->column));
    for (size_t i = 0; i < s->v.size(); ++i)
      if (s->has[i] && !(std::fabs(s->v[i]) <= kMaxChartValue))
        return too_large(spec, cell_pos(t, i, col), "the value '" + std::string(trim(t.cells[i][col])) + "' is", diags);
  }
  if (spec.type != "stacked") return true;
  for (size_t i = 0; i < t.cells.size(); ++i) {
    double pos = 0, neg = 0;
    for (const auto& s : c.ys)
      if (s.has[i]) (s.v[i] >= 0 ? pos : neg) += s.v[i];
    double worst = pos >= -neg ? pos : neg;
    if (std::fabs(worst) <= kMaxChartValue) continue;
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, worst);
    return too_large(spec, cell_pos(t, i, static_cast<size_t>(c.xcol)),
                     "the stacked values of '" + c.cats[i] + "' add up to " + std::string(buf, r.ptr) + ",", diags);
  }
  return true;
}

// False (with an error) when there is nothing to draw or a pie would get a negative slice.
bool drawable(const ChartSpec& spec, const DataSet& data, const ChartData& c, Diagnostics& diags) {
  bool any = false;
  for (const auto& s : c.ys) any = any || s.any();
  if (!any) {
    diags.error(spec.y_pos.empty() ? spec.pos : spec.y_pos[0], "chart '" + spec.id + "' has no values to draw",
                "every cell of its y columns is empty in " + data.file);
    return false;
  }
  if (spec.type == "pie" || spec.type == "donut")
    for (size_t i = 0; i < c.ys[0].v.size(); ++i)
      if (c.ys[0].has[i] && c.ys[0].v[i] < 0) {
        diags.error(cell_pos(*c.t, i, static_cast<size_t>(column_index(*c.t, spec.y[0]))),
                    "a " + spec.type + " chart cannot show the negative value " +
                        format_fixed(c.ys[0].v[i], c.ys[0].decimals, c.ys[0].thousands),
                    "use type: bar for values that can be negative");
        return false;
      }
  return in_range(spec, c, diags);
}

Drawn draw(const ChartSpec& spec, const ChartData& c, const FigureText& text, double width, Diagnostics& diags) {
  const bool scatter = spec.type == "scatter";
  Drawn d;
  if (spec.type == "pie" || spec.type == "donut") d = draw_pie(spec, c.cats, c.ys[0], text, width, diags);
  else if (spec.type == "hbar") d = draw_hbar(spec, c.cats, c.ys, width);
  else if (scatter) d = draw_scatter(spec, c.xs, c.ys, c.point_labels, width);
  else d = draw_category_chart(spec, c.cats, c.ys, c.y2, width);
  if (d.desc.empty()) {
    std::vector<std::string> at = c.cats;
    if (scatter)
      for (size_t i = 0; i < c.xs.v.size(); ++i)
        at.push_back(c.label_col >= 0 && !c.point_labels[i].empty() ? c.point_labels[i]
                     : c.xs.has[i]                                  ? c.xs.fmt(c.xs.v[i])
                                                                    : "");
    for (const auto& s : c.ys) d.desc += series_desc(s, at, text);
    if (c.y2) d.desc += series_desc(*c.y2, at, text);
  }
  return d;
}

// One layout as an <svg>: "chart-wide" or "chart-narrow" (the stylesheet shows one of them);
// `suffix` keeps the ids of the two layouts apart.
std::string svg_of(const ChartSpec& spec, const std::string& label, const Drawn& d, double width,
                   const std::string& layout, const std::string& suffix) {
  const std::string fid = "fig-" + spec.id + suffix;
  const std::string caption = label.empty() ? spec.title : spec.title.empty() ? label : label + " " + spec.title;
  SvgWriter svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", "chart-svg " + layout},
                   {"viewBox", "0 0 " + svg_num(width) + " " + svg_num(std::ceil(d.height))},
                   {"width", "100%"},
                   {"role", "img"},
                   {"aria-labelledby", fid + "-title " + fid + "-desc"},
                   {"font-size", kFont}});
  svg.element("title", {{"id", fid + "-title"}}, caption);
  svg.element("desc", {{"id", fid + "-desc"}}, d.desc);
  svg.raw(d.body);
  svg.close();
  return svg.finish();
}

// The data table: category (or label) column, then the series as written.
HtmlTable data_table(const ChartSpec& spec, const ChartData& c) {
  const bool scatter = spec.type == "scatter";
  const DataSet& t = *c.t;
  HtmlTable table;
  std::vector<int> cols;
  if (c.label_col >= 0) cols.push_back(c.label_col);
  cols.push_back(c.xcol);
  for (const auto& y : spec.y) cols.push_back(column_index(t, y));
  if (c.y2) cols.push_back(column_index(t, spec.y2));
  for (size_t k = 0; k < cols.size(); ++k) {
    const Column& col = t.columns[static_cast<size_t>(cols[k])];
    bool is_label = k == 0 && (c.label_col >= 0 || !scatter);
    table.headers.push_back(display_name(spec, col.name));
    table.numeric.push_back(!is_label && col.type != ColumnType::kText);
  }
  for (const auto& row : t.cells) {
    std::vector<std::string> r;
    for (int k : cols) r.push_back(row[static_cast<size_t>(k)]);
    table.rows.push_back(std::move(r));
  }
  table.row_headers = !scatter || c.label_col >= 0;
  return table;
}

}  // namespace

std::string render_chart_figure(const ChartSpec& spec, const DataSet& data, const std::string& label,
                                const std::string& csv_href, const FigureText& text, Diagnostics& diags,
                                std::vector<SiteFile>* files, ScreenOnly* screen) {
  DataSet scratch;
  std::string why;
  ChartData c;
  c.t = as_table(data, &scratch, &why);
  if (!c.t) {
    diags.error(spec.data_pos, "cannot chart '" + spec.data + "': " + why, "charts need a CSV file or a JSON/YAML list of rows");
    return "";
  }
  if (c.t->cells.empty()) {
    diags.error(spec.data_pos, "data set '" + spec.data + "' has no rows", "add rows to " + data.file);
    return "";
  }
  const size_t before = diags.error_count();
  read_columns(spec, c, diags);
  if (diags.error_count() != before || !drawable(spec, data, c, diags)) return "";
  set_all_titles(spec, c, text);
  Drawn wide = draw(spec, c, text, kWide, diags);
  Diagnostics again;  // the narrow layout repeats the wide one's warnings
  Drawn narrow = draw(spec, c, text, kNarrow, again);

  std::string html = "<figure id=\"" + html_escape("fig-" + spec.id) + "\" class=\"figure chart chart-" + html_escape(spec.type) + "\">\n";
  html += figure_caption(label, spec.title, "", "fig-" + spec.id, text.anchor_link);
  mark_caption_link(html, screen);
  std::string unit = spec.unit;
  if (!spec.y2unit.empty() && spec.y2unit != spec.unit) unit += (unit.empty() ? "" : " / ") + spec.y2unit;
  if (!unit.empty()) html += "<p class=\"figure-unit\">" + html_escape(text.unit_prefix + unit) + "</p>\n";
  html += svg_of(spec, label, wide, kWide, "chart-wide", "");
  size_t at = html.size();
  html += svg_of(spec, label, narrow, kNarrow, "chart-narrow", "-narrow");
  mark_screen_only(html, at, screen);
  std::string source = spec.source.empty() ? data.source : spec.source;
  if (!source.empty()) html += "<p class=\"figure-source\">" + html_escape(text.source_prefix + source) + "</p>\n";
  if (!spec.note.empty()) html += "<p class=\"figure-note\">" + html_escape(text.note_prefix + spec.note) + "</p>\n";
  at = html.size();
  html += "<details class=\"figure-data\">\n<summary>" + html_escape(text.data_table) + "</summary>\n";
  HtmlTable table = data_table(spec, c);
  table.region = label.empty() ? spec.title : label + " " + spec.title;
  html += render_html_table(table);
  // The downloads: the data (CSV) and the chart as a standalone SVG file.
  std::vector<std::string> links;
  if (!csv_href.empty())
    links.push_back("<a href=\"" + html_escape(csv_href) + "\" download>" + html_escape(text.download) + "</a>");
  if (files && !text.standalone_css.empty()) {
    const std::string path = chart_svg_path(spec.id);
    std::string caption = label.empty() ? spec.title : spec.title.empty() ? label : label + " " + spec.title;
    ChartExport e{caption, unit.empty() ? "" : text.unit_prefix + unit, source.empty() ? "" : text.source_prefix + source,
                  wide.desc, wide.body, kWide, wide.height};
    files->push_back({path, std::make_shared<const std::string>(standalone_chart_svg(e, text.standalone_css))});
    links.push_back("<a href=\"../" + html_escape(url_path_encode(path)) + "\" download>" + html_escape(text.download_svg) + "</a>");
  }
  if (!links.empty()) {
    html += "<p class=\"figure-download\">";
    for (size_t i = 0; i < links.size(); ++i) html += (i ? " " : "") + links[i];
    html += "</p>\n";
  }
  html += "</details>\n";
  mark_screen_only(html, at, screen);
  html += "</figure>\n";
  return html;
}

}  // namespace annalist
