#pragma once
// annalist's own inline syntax, read by cmark-gfm's inline parser through a syntax extension:
// `{{ … }}` interpolations (`\{{` is a literal "{{": cmark's backslash escape takes the first
// brace). Each becomes a CMARK_NODE_CUSTOM_INLINE holding its source verbatim, so no Markdown rule
// (emphasis, backslash escapes, smart quotes) changes what is inside.
#include <string_view>

struct cmark_node;
struct cmark_syntax_extension;

namespace annalist {

/// What a node of the extension is.
enum class InlineKind {
  kNone,           ///< not a node of the extension
  kInterpolation,  ///< {{ source }}
  kUnclosed,       ///< "{{" with no "}}" after it on its line
};

/// The extension, made once; attached to every parser by markdown.cpp.
cmark_syntax_extension* inline_syntax_extension();

/// The kind of a node.
InlineKind inline_kind(cmark_node* n);

/// A node's source between its delimiters ("" for other nodes).
std::string_view inline_source(cmark_node* n);

}  // namespace annalist
