#pragma once
// annalist's own inline syntax, read by cmark-gfm's inline parser through a syntax extension:
// `{{ … }}` interpolations (`\{{` is a literal "{{": cmark's backslash escape takes the first
// brace) and TeX math, `$…$` and `$$…$$` (Pandoc's rules; `\$` is a literal dollar). Each becomes a CMARK_NODE_CUSTOM_INLINE holding its source verbatim, so no Markdown rule
// (emphasis, backslash escapes, smart quotes) changes what is inside; inside a GFM table cell,
// which refuses custom inlines, a tagged CMARK_NODE_CODE. Ask inline_kind, never the node type.
#include <string>
#include <string_view>

struct cmark_node;
struct cmark_syntax_extension;

namespace annalist {

/// What a node of the extension is.
enum class InlineKind {
  kNone,           ///< not a node of the extension
  kInterpolation,  ///< {{ source }}
  kUnclosed,       ///< "{{" with no "}}" after it on its line
  kMath,           ///< $ tex $
  kDisplayMath,    ///< $$ tex $$
};

/// The extension, made once; attached to every parser by markdown.cpp.
cmark_syntax_extension* inline_syntax_extension();

/// The kind of a node.
InlineKind inline_kind(cmark_node* n);

/// A node's source between its delimiters ("" for other nodes).
std::string_view inline_source(cmark_node* n);

/// Math kept as its TeX source, escaped and nothing else (no converter: see docs/FORMAT.md):
/// <span class="math inline">…</span>, or for display math <span class="math display">…</span>,
/// <div class="math display">…</div> when `block` (the formula is its paragraph).
void math_html(cmark_node* n, bool block, std::string& out);

/// The display formula that is the whole of a paragraph, or null.
cmark_node* display_math_paragraph(cmark_node* para);

}  // namespace annalist
