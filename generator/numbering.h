#pragma once
// Numbering a page before it is rendered: its title, section numbers and heading ids, figure and
// table labels (图1-2, 表A-1), in one pass over the cmark tree.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "content.h"
#include "diagnostic.h"
#include "ui_strings.h"

struct cmark_node;

namespace annalist {

/// A numbered or unnumbered section heading of a page.
struct Heading {
  int level = 2;         ///< 2 for ##, 3 for ###, … (a # after the title counts as ##)
  std::string id;        ///< anchor (unique on the page), GitHub/mdBook style (heading_slug)
  std::string number;    ///< "1.2" or "" when unnumbered
  std::string text;      ///< plain text
  SourcePos pos;         ///< where it is written
  bool explicit_id = false;  ///< id given with {#id}
  int depth = 0;         ///< level below the page's highest heading level: 0 top, 1 sub, …
  std::string old_id;    ///< the anchor the rule before heading_slug gave (check --changed-ids)
  std::string classes{}; ///< classes given with {.class}, space-separated ("" when none)
};

/// A numbered figure or table on a page.
struct FigureEntry {
  bool table = false;    ///< table (表) or figure (图)
  std::string id;        ///< user id, e.g. retail-growth
  std::string anchor;    ///< fig-retail-growth / tbl-…
  std::string label;     ///< 图1-2
  std::string title;     ///< caption text
  SourcePos pos;         ///< where the block is
  bool placeholder = false;  ///< a ```figure block: numbered, but no chart (the source gives no data)
};

/// A figure or table that a code block declares.
struct DeclaredFigure {
  bool table = false;    ///< numbered as a table
  std::string id, title; ///< as the block gives them
  bool placeholder = false;  ///< a figure without a chart (```figure)
};

/// Whether a code block declares a figure (its spec is read here, once); fills *out when it does.
using DeclareFigure = std::function<bool(cmark_node* code_block, DeclaredFigure* out)>;

/// Where a numbered figure or table is in the tree.
struct NumberedNode {
  cmark_node* node = nullptr;     ///< the code block or GFM table
  size_t figure = 0;              ///< index in PageNumbering::figures
  bool duplicate = false;         ///< its id was already used on the page (reported)
  cmark_node* caption = nullptr;  ///< a table's caption: its last row, or the paragraph after it
};

/// A page's numbers, ids and labels.
struct PageNumbering {
  std::string title;                       ///< front matter title, else the first # heading's text
  std::vector<Heading> headings;           ///< sections in order
  std::vector<cmark_node*> heading_nodes;  ///< the node of each heading
  std::vector<FigureEntry> figures;        ///< figures and tables in order
  std::vector<NumberedNode> numbered;      ///< the node of each figure and table, in order
};

/// Numbers the page's tree: takes a leading # heading as the title when the front matter has none
/// (removing it from the tree), strips {#id} from headings, numbers sections, figures and tables.
/// Duplicate ids are reported to diags.
PageNumbering number_page(cmark_node* doc, const Page& page, const Config& config, const UiStrings& ui,
                          const DeclareFigure& declare, Diagnostics& diags);

/// A chapter's or appendix's label (第3章, 附录A); "" for front pages.
std::string page_label(const Page& page, const UiStrings& ui);

/// Fills a label format such as "图{chapter}-{n}".
std::string format_label(const std::string& fmt, const std::string& chapter, const std::string& n);

/// True for a character of a heading id or a cross-reference target: ASCII letters, digits, '-', '_'.
inline bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/// True when id can be written as a heading's {#id}: id characters, '.', ':' and any non-ASCII
/// character (故障排除: the ids GitHub and mdBook make from CJK headings), not empty.
inline bool valid_heading_id(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id)
    if (!is_id_char(c) && c != '.' && c != ':' && static_cast<unsigned char>(c) < 0x80) return false;
  return true;
}

}  // namespace annalist
