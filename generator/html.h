#pragma once
// One page's Markdown -> body HTML, with local numbering, figures, data and xref placeholders.
#include <nlohmann/json.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "data.h"
#include "diagnostic.h"

namespace annalist {

/// Marks a cross-reference placeholder in body HTML: kXrefOpen index kXrefClose.
inline constexpr char kXrefOpen = '\x02';
inline constexpr char kXrefClose = '\x03';
/// Marks where an id (or same-page "#" link) begins; replaced by a per-context prefix.
inline constexpr char kIdMark = '\x04';

/// A numbered or unnumbered section heading of a page.
struct Heading {
  int level = 2;         ///< 2 for ##, 3 for ###, …
  std::string id;        ///< anchor (unique on the page)
  std::string number;    ///< "1.2" or "" when unnumbered
  std::string text;      ///< plain text
  SourcePos pos;         ///< where it is written
  bool explicit_id = false;  ///< id given with {#id}
};

/// A numbered figure or table on a page.
struct FigureEntry {
  bool table = false;    ///< table (表) or figure (图)
  std::string id;        ///< user id, e.g. retail-growth
  std::string anchor;    ///< fig-retail-growth / tbl-…
  std::string label;     ///< 图1-2
  std::string title;     ///< caption text
  SourcePos pos;         ///< where the block is
};

/// A cross-reference written in prose, waiting for the global target table.
struct XrefUse {
  std::string kind;         ///< fig, tbl, sec, ch
  std::string id;           ///< target id
  std::string custom_html;  ///< link text written by the author, or "" for the number
  SourcePos pos;            ///< where it is written
};

/// In a search section's text: a run of bytes that the page body holds verbatim, so that the
/// text of every page is not kept twice until the search index is written. kBodyRef, then the
/// run's offset in the body (5 bytes) and its length (4 bytes), 6 bits a byte, each 0x40 | bits.
/// kBodyRef twice stands for the byte itself.
inline constexpr char kBodyRef = '\x05';

/// Plain text of one section, for the search index.
struct SearchSection {
  std::string anchor;  ///< heading id ("" = top of page)
  std::string title;   ///< heading text
  std::string text;    ///< the section's plain text, with kBodyRef runs (see search_section_text)
};

/// The result of rendering one page's body.
struct RenderedPage {
  std::string title;                  ///< page title (front matter or first #)
  /// Body HTML with placeholders; shared, so that rebuilds reuse a page without copying it.
  std::shared_ptr<const std::string> body;
  std::vector<Heading> headings;      ///< sections in order
  std::vector<FigureEntry> figures;   ///< figures and tables in order
  std::vector<XrefUse> xrefs;         ///< cross-references, indexed by placeholders
  std::vector<SearchSection> search;  ///< text per section
  std::set<std::string> data_deps;    ///< data sets the page uses
  Diagnostics diags;                  ///< problems found on this page

  /// The body HTML ("" before it is rendered or after it is let go).
  const std::string& body_html() const {
    static const std::string none;
    return body ? *body : none;
  }
};

/// What every page render needs from the rest of the build.
struct RenderEnv {
  const Config& config;       ///< report settings
  const DataStore& data;      ///< loaded data sets
  const nlohmann::json& ui;   ///< UI strings of the report's language
};

/// Fills a label format such as "图{chapter}-{n}".
std::string format_label(const std::string& fmt, const std::string& chapter, const std::string& n);

/// A search section's text with its kBodyRef runs copied from the page body it was rendered with.
std::string search_section_text(std::string_view text, std::string_view body);

/// Renders one page's Markdown body; thread-safe for distinct pages.
RenderedPage render_page(const Page& page, const RenderEnv& env);

}  // namespace annalist
