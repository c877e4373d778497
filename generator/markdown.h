#pragma once
// cmark-gfm at the edge: parse GFM into an AST we own; node kinds for the extensions.
#include <cmark-gfm.h>

#include <memory>
#include <string>
#include <string_view>

namespace annalist {

/// The node types that GFM extensions register at run time.
struct GfmTypes {
  cmark_node_type table, table_row, table_cell, strikethrough;
};

/// Registers the extensions once (thread-safe) and returns their node types.
const GfmTypes& gfm_types();

/// Deletes a cmark document.
struct CmarkDocDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
/// An owned cmark document.
using MarkdownDoc = std::unique_ptr<cmark_node, CmarkDocDeleter>;

/// Parses GFM (tables, strikethrough, autolinks, tagfilter, footnotes); text nodes consolidated.
MarkdownDoc parse_markdown(std::string_view text);

/// The definition a footnote reference points to (null when there is none).
cmark_node* footnote_definition_of(cmark_node* ref);

/// A node's literal as a string_view ("" when it has none); a footnote definition's label.
std::string_view node_literal(cmark_node* n);

}  // namespace annalist
