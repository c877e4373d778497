#pragma once
// One page's Markdown -> body HTML, with its numbering, figures, data, cross-references and
// search text. The body is plain HTML: what differs between the site page and print.html (id
// prefixes, cross-reference links) is a list of typed holes beside it, never bytes inside it.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "diagnostic.h"
#include "numbering.h"
#include "raw_html.h"
#include "search_text.h"
#include "ui_strings.h"

namespace annalist {

struct DataStore;
class ImageStore;

/// A cross-reference written in prose, or a link to another page's Markdown source, waiting
/// for the global target table.
struct XrefUse {
  std::string kind;         ///< fig, tbl, sec, ch; md for a link to a source file
  std::string id;           ///< target id; md: the linked file (SourceLink::path)
  std::string custom_html;  ///< link text written by the author, or "" for the number
  SourcePos pos;            ///< where it is written
  std::string href{};       ///< md: the link as written
  std::string anchor{};     ///< md: the anchor linked to, decoded ("" for the page)
  std::string title{};      ///< md: the link's title attribute
};

/// A place in a page body that is filled in when the page is finished for a context.
struct BodyHole {
  enum Kind : uint8_t {
    kIdPrefix,  ///< the context's id prefix (empty on the site; "slug--" in print.html) goes here
    kXref,      ///< the link of xrefs[index] goes here
    kDirPrefix, ///< before a relative URL: "" on the site, the page's folder in print.html
    kScreenOnly,  ///< the `index` bytes from here only screens show: print.html leaves them out
                  ///< (figure.h ScreenOnly; also each heading's # link)
  };
  uint32_t off = 0;    ///< byte offset in the body
  uint32_t index = 0;  ///< kXref: index in RenderedPage::xrefs; kScreenOnly: length in bytes
  Kind kind = kIdPrefix;
};

/// The result of rendering one page's body.
struct RenderedPage {
  std::string title;                  ///< page title (front matter or first #)
  /// Body HTML; shared, so that rebuilds reuse a page without copying it.
  std::shared_ptr<const std::string> body;
  std::vector<BodyHole> holes;        ///< places to fill in the body, by offset
  std::vector<Heading> headings;      ///< sections in order
  std::vector<FigureEntry> figures;   ///< figures and tables in order
  std::vector<XrefUse> xrefs;         ///< cross-references, indexed by holes and search spans
  std::vector<LinkUse> links;         ///< links and images (not references), in order
  std::vector<SearchSection> search;  ///< text per section
  std::set<std::string> data_deps;    ///< data sets the page uses
  std::set<std::string> image_deps;   ///< local images the page shows (relative to the project)
  std::vector<SiteFile> files;        ///< files the page adds to the site: its charts' standalone SVGs
  Diagnostics diags;                  ///< problems found on this page

  /// The body HTML ("" before it is rendered or after it is let go).
  const std::string& body_html() const {
    static const std::string none;
    return body ? *body : none;
  }
};

/// What every page render needs from the rest of the build.
struct RenderEnv {
  const Config& config;   ///< report settings
  const DataStore& data;  ///< loaded data sets
  const UiStrings& ui;    ///< UI strings of the report's language
  const ImageStore* images = nullptr;  ///< local images; null: image paths are written as they are
};

/// Renders one page's Markdown body; thread-safe for distinct pages.
RenderedPage render_page(const Page& page, const RenderEnv& env);

}  // namespace annalist
