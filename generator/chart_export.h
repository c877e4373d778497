#pragma once
// A chart as a standalone .svg file, for readers to download: it renders on its own in any SVG
// viewer (xmlns, an embedded style sheet with the light theme's colours written out, no var(),
// no script, no external reference), with the figure's label, title, unit and source drawn in.
#include <string>
#include <string_view>

namespace annalist {

/// The theme's chart rules (every top-level rule whose selectors all start with .chart-svg) with
/// the custom properties of its first :root block resolved; a rule using var(--series…) is
/// written once per series class (.bar.series-1 …), since each series class sets them. Escaped
/// as the text of an XML element (< and &), ready to be put in a <style> as it is.
std::string standalone_chart_css(std::string_view theme_css);

/// What the standalone file shows around the chart.
struct ChartExport {
  std::string caption;  ///< "图1-2 标题"
  std::string unit;     ///< "单位：亿元" or ""
  std::string source;   ///< "数据来源：…" or ""
  std::string desc;     ///< the chart's <desc>
  std::string body;     ///< the wide layout's SVG elements
  double width = 0, height = 0;  ///< the wide layout's viewBox
};

/// The standalone SVG document: the chart below its caption and unit, the source under it, on the
/// theme's light background, styled by `css` (standalone_chart_css).
std::string standalone_chart_svg(const ChartExport& chart, const std::string& css);

/// Where a chart's standalone SVG goes in the site: figures/ID.svg.
std::string chart_svg_path(const std::string& id);

}  // namespace annalist
