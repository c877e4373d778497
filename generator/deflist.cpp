#include "deflist.h"

#include <cmark-gfm.h>

#include <string>
#include <utility>
#include <vector>

#include "markdown.h"

namespace annalist {

namespace {

// The user data of a <dl> made here, so that the next term joins it.
const char kDl = 0;

// The first and last inline of each line of a paragraph (the breaks between them left out).
std::vector<std::pair<cmark_node*, cmark_node*>> lines_of(cmark_node* para) {
  std::vector<std::pair<cmark_node*, cmark_node*>> lines;
  cmark_node* first = nullptr;
  for (cmark_node* n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
    if (is_break(n)) {
      if (first) lines.emplace_back(first, cmark_node_previous(n));
      first = nullptr;
    } else if (!first) {
      first = n;
    }
  }
  if (first) lines.emplace_back(first, cmark_node_last_child(para));
  return lines;
}

// True for a line that starts a definition, ": …".
bool starts_definition(cmark_node* first) {
  if (cmark_node_get_type(first) != CMARK_NODE_TEXT) return false;
  std::string_view t = node_literal(first);
  return t.size() >= 2 && t[0] == ':' && (t[1] == ' ' || t[1] == '\t');
}

// Takes ": " off a definition's first text node (deleting it when nothing is left); returns the
// line's first node after it.
cmark_node* strip_marker(cmark_node* first, cmark_node* last) {
  std::string t(node_literal(first));
  size_t from = t.find_first_not_of(" \t", 1);
  if (from != std::string::npos) {
    cmark_node_set_literal(first, t.substr(from).c_str());
    return first;
  }
  cmark_node* next = first == last ? nullptr : cmark_node_next(first);
  cmark_node_free(first);
  return next;
}

// The <dl> that a list starting before `at` joins: the one just before it, else a new one.
cmark_node* dl_before(cmark_node* at) {
  cmark_node* prev = cmark_node_previous(at);
  if (prev && cmark_node_get_user_data(prev) == &kDl) return prev;
  cmark_node* dl = new_custom_block("<dl>\n", "</dl>\n");
  cmark_node_set_user_data(dl, const_cast<char*>(&kDl));
  cmark_node_insert_before(at, dl);
  return dl;
}

void add_terms(cmark_node* dl, const std::vector<std::pair<cmark_node*, cmark_node*>>& lines, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    cmark_node* dt = new_custom_block("<dt>", "</dt>\n");
    cmark_node_append_child(dl, dt);
    move_siblings(lines[i].first, lines[i].second, dt);
  }
}

// Term lines then ": definition" lines, in one paragraph: the <dl> holding them, or null.
cmark_node* tight_list(cmark_node* para) {
  auto lines = lines_of(para);
  size_t k = 1;
  while (k < lines.size() && !starts_definition(lines[k].first)) ++k;
  if (k >= lines.size() || starts_definition(lines[0].first)) return nullptr;
  cmark_node* dl = dl_before(para);
  add_terms(dl, lines, k);
  while (k < lines.size()) {
    size_t end = k + 1;
    while (end < lines.size() && !starts_definition(lines[end].first)) ++end;
    cmark_node* dd = new_custom_block("<dd>", "</dd>\n");
    cmark_node_append_child(dl, dd);
    // A line is never ": " alone (cmark trims it to ":"), so something follows the marker.
    if (cmark_node* first = strip_marker(lines[k].first, lines[k].second)) move_siblings(first, lines[end - 1].second, dd);
    k = end;
  }
  cmark_node_free(para);
  return dl;
}

// A paragraph of terms followed by paragraphs that start with ": ": the <dl>, or null.
cmark_node* loose_list(cmark_node* para) {
  cmark_node* def = cmark_node_next(para);
  auto is_def = [](cmark_node* n) {
    return n && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && starts_definition(cmark_node_first_child(n));
  };
  if (!is_def(def)) return nullptr;
  auto lines = lines_of(para);
  if (starts_definition(lines[0].first)) return nullptr;
  cmark_node* dl = dl_before(para);
  add_terms(dl, lines, lines.size());
  cmark_node_free(para);
  while (is_def(def)) {
    cmark_node* next = cmark_node_next(def);
    cmark_node* first = cmark_node_first_child(def);
    strip_marker(first, cmark_node_next(first) ? cmark_node_next(first) : first);
    cmark_node* dd = new_custom_block("<dd>\n", "</dd>\n");
    cmark_node_append_child(dl, dd);
    if (cmark_node_first_child(def)) cmark_node_append_child(dd, def);
    else cmark_node_free(def);
    def = next;
  }
  return dl;
}

void container(cmark_node* parent, int depth) {
  if (depth > kMaxNesting) return;
  for (cmark_node* c = cmark_node_first_child(parent); c;) {
    cmark_node* next = cmark_node_next(c);
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_PARAGRAPH && cmark_node_first_child(c)) {
      cmark_node* dl = tight_list(c);
      if (!dl) dl = loose_list(c);
      if (dl) next = cmark_node_next(dl);
    } else if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM ||
               t == CMARK_NODE_CUSTOM_BLOCK || t == CMARK_NODE_FOOTNOTE_DEFINITION) {
      container(c, depth + 1);
    }
    c = next;
  }
}

}  // namespace

void mark_definition_lists(cmark_node* doc) { container(doc, 0); }

}  // namespace annalist
