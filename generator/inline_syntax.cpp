#include "inline_syntax.h"

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm/chunk.h>
#include <cmark-gfm/node.h>

#include <mutex>

#include "text.h"

namespace annalist {

namespace {

// The user data of a node tells its kind: the address of one of these.
constexpr int kKindCount = 5;
const char kTags[kKindCount] = {};

// A GFM table cell refuses custom inlines (cmark would drop the node, and the interpolation with
// it): there the node is a CMARK_NODE_CODE holding the source as its literal, told apart from
// real code by the same tag.
cmark_node* make(InlineKind kind, std::string_view source, cmark_node* parent, cmark_inline_parser* ip) {
  bool custom = cmark_node_can_contain_type(parent, CMARK_NODE_CUSTOM_INLINE);
  cmark_node* n = cmark_node_new_with_mem(custom ? CMARK_NODE_CUSTOM_INLINE : CMARK_NODE_CODE, cmark_get_default_mem_allocator());
  if (custom) cmark_node_set_on_enter(n, std::string(source).c_str());
  else cmark_node_set_literal(n, std::string(source).c_str());
  cmark_node_set_user_data(n, const_cast<char*>(&kTags[static_cast<int>(kind)]));
  n->start_line = n->end_line = cmark_inline_parser_get_line(ip);
  n->start_column = cmark_inline_parser_get_column(ip);
  return n;
}

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the math that starts s ends (the offset after its closing dollars), or 0 when s starts
// none. Pandoc's rules: $ then no space; a closing $ after no space, not before a digit, not
// escaped; $$ … $$ may hold anything but no empty formula.
size_t math_end(std::string_view s, bool* display) {
  *display = s.substr(0, 2) == "$$";
  if (*display) {
    size_t e = s.find("$$", 2);
    return e != std::string_view::npos && !trim(s.substr(2, e - 2)).empty() ? e + 2 : 0;
  }
  if (s.size() < 3 || space(s[1]) || s[1] == '$') return 0;
  for (size_t i = 2; i < s.size() && s[i] != '\n'; ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '$' && !space(s[i - 1]) && !(i + 1 < s.size() && is_ascii_digit(s[i + 1]))) {
      return i + 1;
    }
  }
  return 0;
}

cmark_node* match(cmark_syntax_extension*, cmark_parser*, cmark_node* parent, unsigned char c, cmark_inline_parser* ip) {
  const cmark_chunk* chunk = cmark_inline_parser_get_chunk(ip);
  int off = cmark_inline_parser_get_offset(ip);
  std::string_view s(reinterpret_cast<const char*>(chunk->data) + off, static_cast<size_t>(chunk->len - off));
  if (c == '$') {
    bool display = false;
    size_t end = math_end(s, &display);
    if (!end) return nullptr;
    size_t d = display ? 2 : 1;
    cmark_node* n = make(display ? InlineKind::kDisplayMath : InlineKind::kMath, s.substr(d, end - 2 * d), parent, ip);
    cmark_inline_parser_set_offset(ip, off + static_cast<int>(end));
    return n;
  }
  if (c != '{' || s.substr(0, 2) != "{{") return nullptr;
  size_t end = s.find("}}", 2);
  cmark_node* n = end < s.find('\n') ? make(InlineKind::kInterpolation, s.substr(2, end - 2), parent, ip)
                                     : make(InlineKind::kUnclosed, "", parent, ip);
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
    chars = cmark_llist_append(cmark_get_default_mem_allocator(), chars, reinterpret_cast<void*>('$'));
    cmark_syntax_extension_set_special_inline_chars(ext, chars);
  });
  return ext;
}

InlineKind inline_kind(cmark_node* n) {
  cmark_node_type t = cmark_node_get_type(n);
  if (t != CMARK_NODE_CUSTOM_INLINE && t != CMARK_NODE_CODE) return InlineKind::kNone;
  const void* tag = cmark_node_get_user_data(n);
  for (int k = 1; k < kKindCount; ++k)
    if (tag == &kTags[k]) return static_cast<InlineKind>(k);
  return InlineKind::kNone;
}

std::string_view inline_source(cmark_node* n) {
  if (inline_kind(n) == InlineKind::kNone) return {};
  const char* s = cmark_node_get_type(n) == CMARK_NODE_CODE ? cmark_node_get_literal(n) : cmark_node_get_on_enter(n);
  return s ? std::string_view(s) : std::string_view();
}

void math_html(cmark_node* n, bool block, std::string& out) {
  bool display = inline_kind(n) == InlineKind::kDisplayMath;
  out += block ? "<div class=\"math display\">" : display ? "<span class=\"math display\">" : "<span class=\"math inline\">";
  html_escape(display ? trim(inline_source(n)) : inline_source(n), out);
  out += block ? "</div>\n" : "</span>";
}

cmark_node* display_math_paragraph(cmark_node* para) {
  cmark_node* only = cmark_node_first_child(para);
  return only && !cmark_node_next(only) && inline_kind(only) == InlineKind::kDisplayMath ? only : nullptr;
}

}  // namespace annalist
