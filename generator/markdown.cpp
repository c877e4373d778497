#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/node.h>

#include <mutex>

namespace annalist {

namespace {

const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter"};

cmark_node* parse_raw(std::string_view text) {
  cmark_parser* p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
  for (const char* name : kExtensions) {
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(p, ext);
  }
  cmark_parser_feed(p, text.data(), text.size());
  cmark_node* doc = cmark_parser_finish(p);
  cmark_parser_free(p);
  return doc;
}

}  // namespace

const GfmTypes& gfm_types() {
  static GfmTypes types;
  static std::once_flag once;
  std::call_once(once, [] {
    cmark_gfm_core_extensions_ensure_registered();
    cmark_node* doc = parse_raw("| a |\n|---|\n| b |\n\n~~x~~\n");
    cmark_node* table = cmark_node_first_child(doc);
    types.table = cmark_node_get_type(table);
    cmark_node* row = cmark_node_first_child(table);
    types.table_row = cmark_node_get_type(row);
    types.table_cell = cmark_node_get_type(cmark_node_first_child(row));
    types.strikethrough = cmark_node_get_type(cmark_node_first_child(cmark_node_next(table)));
    cmark_node_free(doc);
  });
  return types;
}

MarkdownDoc parse_markdown(std::string_view text) {
  gfm_types();
  cmark_node* doc = parse_raw(text);
  cmark_consolidate_text_nodes(doc);
  return MarkdownDoc(doc);
}

cmark_node* footnote_definition_of(cmark_node* ref) { return ref->parent_footnote_def; }

std::string_view node_literal(cmark_node* n) {
  if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION ||
      cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE)
    return std::string_view(reinterpret_cast<const char*>(n->as.literal.data),
                            static_cast<size_t>(n->as.literal.len));
  const char* s = cmark_node_get_literal(n);
  return s ? std::string_view(s) : std::string_view();
}

}  // namespace annalist
