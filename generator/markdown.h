#pragma once
// cmark-gfm at the edge: parse GFM into an AST we own; node kinds for the extensions.
#include <cmark-gfm.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "diagnostic.h"

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

/// Parses GFM (tables, strikethrough, autolinks, tagfilter, task lists, footnotes) and the inline
/// syntax of inline_syntax.h; text nodes consolidated.
/// With `smart`, straight quotes become curly, -- and --- dashes, ... an ellipsis (cmark's
/// CMARK_OPT_SMART; for English reports only: it would change the quotes of Chinese text).
MarkdownDoc parse_markdown(std::string_view text, bool smart = false);

/// Whether a report in this language gets smart punctuation: English ("en", "en-GB", …) only.
bool smart_punctuation(std::string_view language);

/// The definition a footnote reference points to (null when there is none).
cmark_node* footnote_definition_of(cmark_node* ref);

/// A node's literal as a string_view ("" when it has none); a footnote definition's label.
std::string_view node_literal(cmark_node* n);

/// Where node starts in `file`, whose Markdown begins on line first_line; extra_col bytes further along.
SourcePos node_source_pos(cmark_node* n, const std::string& file, int first_line, int extra_col = 0);

/// The node's text without markup: text and code literals, a space for each line break; an
/// interpolation as its source "{{ … }}", or as `value` gives it.
std::string plain_text(cmark_node* n);
std::string plain_text(cmark_node* n, const std::function<std::string(cmark_node*)>& value);

/// True for a task list item (`- [ ]`, `- [x]`); *checked tells which.
bool task_item(cmark_node* item, bool* checked);

/// True for a paragraph of a tight list's item (written without <p>).
bool in_tight_list(cmark_node* para);
/// True for an item of a tight list that starts with a paragraph (its <li> has no line break).
bool in_tight_first(cmark_node* item);

/// A new block that is written as `enter`, its children, then `exit` (HTML made by annalist).
cmark_node* new_custom_block(const std::string& enter, const std::string& exit);

/// True for a soft or hard line break.
bool is_break(cmark_node* n);

/// The text node that is the whole first (last) line of a paragraph, or null.
cmark_node* first_line_text(cmark_node* para);
cmark_node* last_line_text(cmark_node* para);
/// Deletes the first (last) line of a paragraph and its line break; the paragraph too when it is
/// left empty (returns false then).
bool remove_first_line(cmark_node* para);
bool remove_last_line(cmark_node* para);
/// Moves the nodes from `first` up to and including `last` (siblings) into `to`, in order; their
/// texts get their own copies, so the paragraph they leave may be freed.
void move_siblings(cmark_node* first, cmark_node* last, cmark_node* to);

/// How deep blocks and inlines may nest; what is deeper is left out (so deep a tree is not a report).
inline constexpr int kMaxNesting = 200;

/// Walks a tree in document order like cmark's iterator: ENTER for every node, EXIT after the
/// children of every node that can have children; nodes nested deeper than kMaxNesting are left out.
class TreeWalk {
 public:
  explicit TreeWalk(cmark_node* root);
  ~TreeWalk();
  TreeWalk(const TreeWalk&) = delete;
  TreeWalk& operator=(const TreeWalk&) = delete;

  /// The next event; false at the end.
  bool next(cmark_node** node, bool* entering);
  /// Called on ENTER: the walk goes on after the node, without its children or its EXIT.
  void skip(cmark_node* node);
  /// The first node left out for being nested too deep (null when none).
  cmark_node* too_deep() const { return too_deep_; }

 private:
  cmark_iter* iter_;
  int open_ = 0;  // nodes entered and not yet exited
  cmark_node* too_deep_ = nullptr;
};

}  // namespace annalist
