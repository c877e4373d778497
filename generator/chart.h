#pragma once
// ```chart blocks: a YAML spec plus a data set → <figure> with an accessible inline SVG.
//
// The SVG carries no colours: the theme styles it through these classes (all inside
// <figure class="figure chart chart-TYPE"> → <svg class="chart-svg">):
//
//   .series-1 … .series-8   one per series (bars/lines) or per slice (pie/donut); put the
//                           colour in a custom property, e.g. .series-1 { --series: var(--c1) }
//   .series-other           the grouped "其他/Other" pie slice and the remainder of shares
//   .bar                    bar rectangles (fill)            .area    filled areas (fill, low opacity)
//   .line                   series lines (stroke, fill:none) .point   line/scatter markers
//   .slice                  pie/donut sectors (fill, stroke = background for the gaps)
//   .grid                   horizontal (vertical for hbar) gridlines, one <path> per axis
//   .axis                   axis lines; .axis.baseline is the zero line
//   .tick-label             axis tick numbers, a <g> per axis  .axis-title  axis units/names
//   .category-label         category names on the category axis, in one <g>
//   .value-label            data labels (labels: true), with a halo via paint-order;
//                           .value-label.inside sits on a bar and carries its .series-N, so
//                           that the text colour can be chosen per bar colour (--series-ink)
//   .slice-label            pie/donut labels                 .leader      their leader lines
//   .legend                 legend group; .legend-swatch (also carries .bar/.line + .series-N),
//                           .legend-label
//   text-anchor and font-size are set in the SVG (layout depends on them); the font family
//   and colours come from CSS. Each chart is drawn twice, width="100%" each: svg.chart-wide
//   (viewBox 480 units wide, for screens and print) and svg.chart-narrow (270 units wide, the
//   same text in units, so larger on a phone); the stylesheet shows one of them by media query.
//
// Around the SVG: figcaption > .figure-label + .figure-title, p.figure-unit, p.figure-source,
// p.figure-note, details.figure-data > summary + table.data (td.num for numbers) +
// p.figure-download > a.
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "figure.h"

namespace annalist {

struct DataSet;

/// A parsed ```chart block.
struct ChartSpec {
  std::string id;                 ///< figure id: anchor fig-ID
  std::string type;               ///< bar | stacked | hbar | line | area | pie | donut | combo | scatter
  std::string title;              ///< caption text
  TextPositions text_pos;         ///< where title, source and note are written
  std::string data;               ///< data set path, e.g. "ch01/indicators"
  std::string x;                  ///< category column (x values for scatter)
  std::vector<std::string> y;     ///< series columns (one or more)
  std::string y2;                 ///< combo: the line series on the right axis
  std::string unit, y2unit;       ///< units of the left (or only) and right axes
  std::string source, note;       ///< shown under the figure
  std::vector<std::pair<std::string, std::string>> names;  ///< column → display name (legend, table)
  std::string label;              ///< scatter: column naming each point
  bool labels = false;            ///< value labels on bars/points
  SourcePos pos;                  ///< the block's first content line
  SourcePos data_pos, x_pos, y2_pos, label_pos;  ///< where those fields' values are
  std::vector<SourcePos> y_pos;   ///< where each y column is named
};

/// Parses the YAML of a ```chart block; `pos` is the position of the block's first content line.
/// Unknown field/type → error with did-you-mean at the field's line:col; missing id/type/data/x/y → error.
bool parse_chart_spec(std::string_view yaml, const SourcePos& pos, ChartSpec* out, Diagnostics& diags);

/// Renders <figure id="fig-ID" class="figure chart chart-TYPE"> with caption ("LABEL title"; label may
/// be empty), unit/source/note lines, the inline <svg> and a <details> data table with a download
/// link (csv_href may be empty). Errors (missing column, non-numeric cell at its file:line:col, empty
/// data) go to diags and the result is "".
/// With `files` (and text.standalone_css), the chart is also a standalone SVG (chart_export.h) added
/// to *files at chart_svg_path(id), linked beside the download. With `screen`, the parts print.html
/// leaves out are marked there (figure.h ScreenOnly).
std::string render_chart_figure(const ChartSpec& spec, const DataSet& data, const std::string& label,
                                const std::string& csv_href, const FigureText& text, Diagnostics& diags,
                                std::vector<SiteFile>* files = nullptr, ScreenOnly* screen = nullptr);

}  // namespace annalist
