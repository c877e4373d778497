#pragma once
// What ```chart, ```table and ```figure blocks share: caption and note texts, the figure caption,
// figure ids and the plain HTML data table.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// Text for captions, data tables and SVG descriptions in the report's language.
struct FigureText {
  std::string source_prefix = "数据来源：";  ///< before the source line
  std::string unit_prefix = "单位：";        ///< before the unit line
  std::string data_table = "数据表";         ///< summary of the data-table <details>
  std::string download = "下载 CSV";         ///< download link text
  std::string note_prefix = "注：";          ///< before the note
  std::string other = "其他";                ///< grouped small pie slices / remainder of shares
  /// SVG <desc> sentence per series; {series} {n} {min} {min_at} {max} {max_at} {last} {last_at}.
  std::string desc_series = "{series}：{n}项，最小值{min}（{min_at}），最大值{max}（{max_at}），最后一项{last}（{last_at}）。";
  /// SVG <desc> for pie/donut; {slices} is "name value" pairs joined by list_sep.
  std::string desc_slices = "{series}：{slices}。";
  std::string list_sep = "，";               ///< between items in a <desc> list
  /// The <title> of one chart mark (bar, point, slice), shown on hover; {category} {series} {value}.
  std::string mark_title = "{category}，{series}：{value}";
  std::string table_region = "表格";         ///< name of an uncaptioned table's scroll region
  std::string no_chart = "（无图表数据）";   ///< after the title of a figure without a chart
  std::string anchor_link = "链接到此处";    ///< accessible name of a heading's or figure's # link
  std::string download_svg = "下载 SVG 图";     ///< link text of a chart's standalone SVG
  /// The style sheet of a chart's standalone SVG (chart_export.h), from the theme; "": no SVG files.
  std::string standalone_css;
};

/// Where a figure block's title (caption), source and note are written: their {{ }} errors point
/// there (line 0: not written).
struct TextPositions {
  SourcePos title, source, note;
};

/// A file a page adds to the site beside itself (a chart's standalone SVG).
struct SiteFile {
  std::string path;   ///< in the site, e.g. figures/retail.svg
  std::shared_ptr<const std::string> bytes;  ///< its content (shared: rebuilds reuse a page without copying it)
};

/// A plain HTML table.
struct HtmlTable {
  std::vector<std::string> headers;          ///< column headers (th scope="col")
  std::vector<bool> numeric;                 ///< per column: right-aligned (class "num")
  std::vector<std::vector<std::string>> rows;  ///< cell text, unescaped
  bool row_headers = false;                  ///< first cell of each row is a th scope="row"
  std::string region;                        ///< name of its scroll region (the figure's label and title)
};
/// <table class="data"> with thead/tbody, one row per line, in its scroll region (table_layout.h):
/// number and date cells get class "nowrap"; a table that stacks as cards on phones gets class
/// "cards" and a data-label (its column header) on every body cell.
std::string render_html_table(const HtmlTable& table);

/// `<a class="anchor" href="#ID" aria-label="NAME"></a>`: a link to a heading or figure, its "#"
/// drawn by CSS (shown on hover and focus) so that it adds no text to the heading or caption.
std::string anchor_link(const std::string& id, const std::string& name);
/// `<figcaption>` with label and title spans, one line; `mark` (when given) follows the title in a
/// `<span class="no-chart">`; with `id`, an anchor_link to it (named `link_name`) ends the caption.
std::string figure_caption(const std::string& label, const std::string& title, const std::string& mark = "",
                           const std::string& id = "", const std::string& link_name = "");
/// Byte ranges [first, second) of a figure's HTML that only screens show. print.html leaves them
/// out, since its print CSS hides them anyway: the # link, a chart's narrow layout, its data table
/// and the downloads.
using ScreenOnly = std::vector<std::pair<size_t, size_t>>;
/// Marks as screen-only the # link that ends the caption just appended to html (a figure_caption
/// with an id); nothing when screen is null.
void mark_caption_link(const std::string& html, ScreenOnly* screen);
/// Marks html's bytes from `from` to its end as screen-only; nothing when screen is null.
void mark_screen_only(const std::string& html, size_t from, ScreenOnly* screen);
/// True for an id usable in anchors and @fig:/@tbl: references (letters, digits, '-', '_', non-ASCII).
bool valid_figure_id(std::string_view id);

}  // namespace annalist
