#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/node.h>

#include <dlfcn.h>

#include <atomic>
#include <cstring>
#include <mutex>

#include "inline_syntax.h"

// cmark-gfm keeps the characters that start an extension's inline syntax ('~' for
// strikethrough; ':' and 'w' for autolinks) in one process-wide table: each parser adds them
// before its inline pass and removes them after. With pages parsed on several threads, one
// parser's removal makes another miss them, and "~~x~~" comes out as plain text now and then.
// annalist attaches the same extensions to every parser, so the characters are added once, by
// the first parser, and never removed. The library calls this function through its PLT, so
// the definition here takes its place; if it does not (a build of cmark-gfm that binds its own
// calls), parse_markdown falls back to parsing one document at a time.
namespace {
std::atomic<bool> g_special_chars_managed{false};
}

extern "C" void cmark_manage_extensions_special_characters(cmark_parser* parser, int add) {
  static std::once_flag once;
  std::call_once(once, [parser] {
    using Fn = void (*)(cmark_parser*, int);
    auto real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    if (real) real(parser, 1);
  });
  (void)add;
  g_special_chars_managed = true;
}

namespace annalist {

namespace {

const char* const kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

cmark_node* parse_raw(std::string_view text, bool smart = false) {
  cmark_parser* p = cmark_parser_new(CMARK_OPT_FOOTNOTES | (smart ? CMARK_OPT_SMART : 0));
  for (const char* name : kExtensions) {
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(p, ext);
  }
  cmark_parser_attach_syntax_extension(p, inline_syntax_extension());
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

bool smart_punctuation(std::string_view language) {
  return language == "en" || (language.size() > 3 && language.substr(0, 3) == "en-");
}

MarkdownDoc parse_markdown(std::string_view text, bool smart) {
  gfm_types();  // its first parse runs the function above (or shows that it is not used)
  cmark_node* doc = nullptr;
  if (g_special_chars_managed) {
    doc = parse_raw(text, smart);
  } else {
    static std::mutex mu;
    std::lock_guard l(mu);
    doc = parse_raw(text, smart);
  }
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

SourcePos node_source_pos(cmark_node* n, const std::string& file, int first_line, int extra_col) {
  int line = cmark_node_get_start_line(n);
  int col = cmark_node_get_start_column(n);
  return {file, line > 0 ? line + first_line - 1 : 0, col > 0 ? col + extra_col : 0};
}

std::string plain_text(cmark_node* n) {
  return plain_text(n, [](cmark_node* c) { return "{{" + std::string(inline_source(c)) + "}}"; });
}

std::string plain_text(cmark_node* n, const std::function<std::string(cmark_node*)>& value) {
  std::string s;
  cmark_iter* it = cmark_iter_new(n);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* c = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    auto t = cmark_node_get_type(c);
    if (inline_kind(c) == InlineKind::kInterpolation) s += value(c);
    else if (inline_kind(c) == InlineKind::kUnclosed) s += "{{";
    else if (inline_kind(c) != InlineKind::kNone) s += inline_source(c);  // math: its TeX
    else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) s += node_literal(c);
    else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) s += ' ';
  }
  cmark_iter_free(it);
  return s;
}

bool task_item(cmark_node* item, bool* checked) {
  const char* type = cmark_node_get_type_string(item);
  if (cmark_node_get_type(item) != CMARK_NODE_ITEM || !type || std::strcmp(type, "tasklist") != 0) return false;
  *checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
  return true;
}

bool in_tight_list(cmark_node* para) {
  cmark_node* item = cmark_node_parent(para);
  if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list && cmark_node_get_list_tight(list);
}

bool in_tight_first(cmark_node* item) {
  cmark_node* list = cmark_node_parent(item);
  cmark_node* first = cmark_node_first_child(item);
  return list && cmark_node_get_list_tight(list) && first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
}

cmark_node* new_custom_block(const std::string& enter, const std::string& exit) {
  cmark_node* n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
  cmark_node_set_on_enter(n, enter.c_str());
  cmark_node_set_on_exit(n, exit.c_str());
  return n;
}

bool is_break(cmark_node* n) {
  auto t = n ? cmark_node_get_type(n) : CMARK_NODE_NONE;
  return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

namespace {

bool drop_empty(cmark_node* para) {
  if (cmark_node_first_child(para)) return true;
  cmark_node_free(para);
  return false;
}

}  // namespace

cmark_node* first_line_text(cmark_node* para) {
  cmark_node* t = cmark_node_first_child(para);
  if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT) return nullptr;
  return !cmark_node_next(t) || is_break(cmark_node_next(t)) ? t : nullptr;
}

cmark_node* last_line_text(cmark_node* para) {
  cmark_node* t = cmark_node_last_child(para);
  if (!t || cmark_node_get_type(t) != CMARK_NODE_TEXT) return nullptr;
  return !cmark_node_previous(t) || is_break(cmark_node_previous(t)) ? t : nullptr;
}

namespace {

// Deletes the inlines from one end of para up to and including the first line break.
bool remove_line(cmark_node* para, bool first) {
  cmark_node* t = first ? cmark_node_first_child(para) : cmark_node_last_child(para);
  while (t && !is_break(t)) {
    cmark_node* next = first ? cmark_node_next(t) : cmark_node_previous(t);
    cmark_node_free(t);
    t = next;
  }
  if (t) cmark_node_free(t);
  return drop_empty(para);
}

}  // namespace

bool remove_first_line(cmark_node* para) { return remove_line(para, true); }

bool remove_last_line(cmark_node* para) { return remove_line(para, false); }

// A text's literal, and the URL of a link the autolink extension found, may point into its
// paragraph's buffer, which goes with the paragraph: give every literal and URL below n its own
// copy before n leaves the paragraph.
void own_literals(cmark_node* n) {
  cmark_iter* it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    auto t = cmark_node_get_type(c);
    if (ev != CMARK_EVENT_ENTER) continue;
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE) {
      cmark_node_set_literal(c, std::string(node_literal(c)).c_str());
    } else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(c);
      const char* title = cmark_node_get_title(c);
      cmark_node_set_url(c, std::string(url ? url : "").c_str());
      cmark_node_set_title(c, std::string(title ? title : "").c_str());
    }
  }
  cmark_iter_free(it);
}

void move_siblings(cmark_node* first, cmark_node* last, cmark_node* to) {
  for (cmark_node* n = first; n;) {
    cmark_node* next = n == last ? nullptr : cmark_node_next(n);
    own_literals(n);
    cmark_node_append_child(to, n);
    n = next;
  }
}

namespace {

// The node types that cmark's iterator gives no EXIT event (as its S_is_leaf).
bool is_leaf(cmark_node* n) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

}  // namespace

TreeWalk::TreeWalk(cmark_node* root) : iter_(cmark_iter_new(root)) {}

TreeWalk::~TreeWalk() { cmark_iter_free(iter_); }

bool TreeWalk::next(cmark_node** node, bool* entering) {
  for (;;) {
    cmark_event_type ev = cmark_iter_next(iter_);
    if (ev == CMARK_EVENT_DONE) return false;
    cmark_node* n = cmark_iter_get_node(iter_);
    if (ev == CMARK_EVENT_EXIT) {
      --open_;
      *node = n;
      *entering = false;
      return true;
    }
    if (open_ + 1 > kMaxNesting) {
      if (!too_deep_) too_deep_ = n;
      cmark_iter_reset(iter_, n, CMARK_EVENT_EXIT);
      continue;
    }
    if (!is_leaf(n)) ++open_;
    *node = n;
    *entering = true;
    return true;
  }
}

void TreeWalk::skip(cmark_node* node) {
  if (is_leaf(node)) return;
  --open_;
  cmark_iter_reset(iter_, node, CMARK_EVENT_EXIT);
}

}  // namespace annalist
