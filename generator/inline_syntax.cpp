#include "inline_syntax.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/chunk.h>
#include <cmark-gfm/node.h>

#include <mutex>

namespace annalist {

namespace {

// The user data of a node tells its kind: the address of one of these.
const char kTags[3] = {};

cmark_node* make(InlineKind kind, std::string_view source, cmark_inline_parser* ip) {
  cmark_node* n = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, cmark_get_default_mem_allocator());
  cmark_node_set_on_enter(n, std::string(source).c_str());
  cmark_node_set_user_data(n, const_cast<char*>(&kTags[static_cast<int>(kind)]));
  n->start_line = n->end_line = cmark_inline_parser_get_line(ip);
  n->start_column = cmark_inline_parser_get_column(ip);
  return n;
}

cmark_node* match(cmark_syntax_extension*, cmark_parser*, cmark_node*, unsigned char c, cmark_inline_parser* ip) {
  const cmark_chunk* chunk = cmark_inline_parser_get_chunk(ip);
  int off = cmark_inline_parser_get_offset(ip);
  std::string_view s(reinterpret_cast<const char*>(chunk->data) + off, static_cast<size_t>(chunk->len - off));
  if (c != '{' || s.substr(0, 2) != "{{") return nullptr;
  size_t end = s.find("}}", 2);
  cmark_node* n = end < s.find('\n') ? make(InlineKind::kInterpolation, s.substr(2, end - 2), ip)
                                     : make(InlineKind::kUnclosed, "", ip);
  cmark_inline_parser_set_offset(ip, off + static_cast<int>(end < s.find('\n') ? end + 2 : 2));
  return n;
}

}  // namespace

cmark_syntax_extension* inline_syntax_extension() {
  static cmark_syntax_extension* ext = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    ext = cmark_syntax_extension_new("annalist-inline");
    cmark_syntax_extension_set_match_inline_func(ext, match);
    cmark_llist* chars = cmark_llist_append(cmark_get_default_mem_allocator(), nullptr, reinterpret_cast<void*>('{'));
    cmark_syntax_extension_set_special_inline_chars(ext, chars);
  });
  return ext;
}

InlineKind inline_kind(cmark_node* n) {
  if (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_INLINE) return InlineKind::kNone;
  const void* tag = cmark_node_get_user_data(n);
  for (int k = 1; k < 3; ++k)
    if (tag == &kTags[k]) return static_cast<InlineKind>(k);
  return InlineKind::kNone;
}

std::string_view inline_source(cmark_node* n) {
  if (inline_kind(n) == InlineKind::kNone) return {};
  const char* s = cmark_node_get_on_enter(n);
  return s ? std::string_view(s) : std::string_view();
}

}  // namespace annalist
