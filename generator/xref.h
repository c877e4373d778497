#pragma once
// Labels -> targets across the report; placeholders in page bodies become links.
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "content.h"
#include "html.h"

namespace annalist {

/// Where a cross-reference points and what it shows.
struct Target {
  std::string label;   ///< 图1-2, 第3章, 1.2节
  std::string title;   ///< caption or heading text
  size_t page = 0;     ///< index of the page that holds it
  std::string anchor;  ///< id on that page, "" for the page itself
};

/// Every cross-reference target of the report, by "kind:id".
struct Targets {
  /// "fig:retail" -> target; also "md:<Page::file, lexically normal>" for links to a page's source.
  std::unordered_map<std::string, Target> by_key;
  std::unordered_set<std::string> ambiguous;       ///< generated section ids found on several pages
};

/// Collects targets from all pages; duplicate figure/table ids and slugs are errors.
Targets collect_targets(const std::vector<Page>& pages, const std::vector<RenderedPage>& rendered,
                        const UiStrings& ui, Diagnostics& diags);

/// How links and ids are written into a body.
struct LinkContext {
  bool print = false;  ///< one-page print version: every link is "#<page-prefix><anchor>"
  /// Every page's rendered result (its headings and figures), to check and place the anchors
  /// of links to source files; null: anchors are taken as section ids, unchecked.
  const std::vector<RenderedPage>* rendered = nullptr;
};

/// What the anchor of a link to page r's source names there: "fig" (a figure or table: its
/// anchor is unique in the report), "sec" (a heading), or "" (nothing).
std::string source_anchor_kind(const RenderedPage& r, const std::string& anchor);

/// The id prefix of a page inside print.html.
std::string print_prefix(const Page& page);

/// Body HTML with its holes filled: cross-reference links and id prefixes; unknown
/// references are reported to diags when not null.
std::string finalize_body(const RenderedPage& rp, size_t page_index, const std::vector<Page>& pages,
                          const Targets& targets, const LinkContext& ctx, Diagnostics* diags);

}  // namespace annalist
