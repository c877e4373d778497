#pragma once
// `annalist diff`: compares two built sites page by page on their visible text and numbers.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fs.h"

namespace annalist {

/// One visible text block of a page: the text of one HTML block element (a table row is one block).
struct TextBlock {
  std::string text;     ///< whitespace collapsed, entities decoded, cells joined by " | "
  std::string caption;  ///< text of the enclosing <figcaption>/<caption>, "" outside figures
  bool in_svg = false;  ///< a chart's <title>/<desc> (derived from its data table)
};

/// The visible text of an HTML page, one block per block element; <script>, <style> and the
/// drawing inside <svg> (all but <title> and <desc>) are dropped.
std::vector<TextBlock> extract_text_blocks(std::string_view html);
/// Just the texts of extract_text_blocks.
std::vector<std::string> extract_text_lines(std::string_view html);
/// Decodes &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; &#NNN; &#xHH; (others are kept as written).
std::string decode_entities(std::string_view s);

/// One step of an edit script.
enum class DiffOp { kEqual, kDelete, kInsert };

/// An edit: kEqual has both indexes, kDelete only old_index, kInsert only new_index (else -1).
struct DiffEdit {
  DiffOp op = DiffOp::kEqual;  ///< what happens
  int old_index = -1;          ///< index into the old sequence
  int new_index = -1;          ///< index into the new sequence
};

/// A shortest edit script between two sequences of ids (Myers' O(ND) diff in linear space);
/// in each changed region the deletions come before the insertions.
std::vector<DiffEdit> diff_sequences(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
/// diff_sequences over lines compared as whole strings.
std::vector<DiffEdit> diff_lines(const std::vector<std::string>& a, const std::vector<std::string>& b);

/// A run of edits shown together: changes plus up to `context` equal lines around them.
struct DiffHunk {
  size_t begin = 0, end = 0;  ///< edit range [begin, end) in the edit script
  int old_start = 0, old_count = 0;  ///< 1-based first old line and how many
  int new_start = 0, new_count = 0;  ///< 1-based first new line and how many
};
/// Groups an edit script into hunks with `context` equal lines on each side.
std::vector<DiffHunk> diff_hunks(const std::vector<DiffEdit>& edits, int context);
/// A plain unified-style text diff ("@@ -a,b +c,d @@", then ' ', '-', '+' lines).
std::string format_line_diff(const std::vector<std::string>& a, const std::vector<std::string>& b,
                             const std::vector<DiffEdit>& edits, int context);

/// A number written in text.
struct NumberToken {
  std::string text;   ///< as written: "1,105.8", "-3.5", "27.2%"
  size_t offset = 0;  ///< byte offset in the text
};
/// The numbers of a text: [sign] digits [,ddd]… [.digits] [%]; digits glued to Latin letters
/// ("5G", "H5", "v1.2.3") are not numbers.
std::vector<NumberToken> find_numbers(std::string_view text);
/// About `width` characters of text around [offset, offset+len), with "…" where cut.
std::string snippet_around(std::string_view text, size_t offset, size_t len, size_t width = 60);

/// A changed, added or removed number.
struct NumberChange {
  std::string page;      ///< site path of the page
  std::string old_text;  ///< "" when the number is new
  std::string new_text;  ///< "" when the number was removed
  std::string caption;   ///< enclosing figure/table caption, "" in prose
  std::string snippet;   ///< the text around the number (new text, or old when removed)
};

/// Old/new block pairs of an edit script: changed regions aligned by their text with the numbers
/// masked, then by position when the counts match, then by similarity. Returns (old, new) indexes.
std::vector<std::pair<int, int>> pair_changed_blocks(const std::vector<std::string>& a,
                                                     const std::vector<std::string>& b,
                                                     const std::vector<DiffEdit>& edits);
/// The numbers that differ between two versions of a page: numbers of paired blocks are paired
/// by position when their counts match (else diffed), unpaired blocks give removed/added numbers.
/// Chart drawing text (in_svg) is left out: its numbers are in the chart's data table.
std::vector<NumberChange> pair_numbers(const std::vector<TextBlock>& a, const std::vector<TextBlock>& b,
                                       const std::vector<DiffEdit>& edits, const std::string& page);

/// How a page differs.
enum class PageStatus { kAdded, kRemoved, kChanged, kMarkupOnly };

/// One page that differs between the two sites.
struct PageDiff {
  std::string path;                   ///< site path, e.g. chapters/overview.html
  PageStatus status = PageStatus::kChanged;  ///< what happened to it
  std::vector<TextBlock> old_blocks;  ///< text of the old page (changed pages only)
  std::vector<TextBlock> new_blocks;  ///< text of the new page (changed pages only)
  std::vector<DiffEdit> edits;        ///< old -> new blocks (changed pages only)
};

/// The difference between two sites.
struct SiteDiff {
  std::vector<PageDiff> pages;          ///< differing pages, sorted by path
  std::vector<NumberChange> numbers;    ///< changed numbers of every changed page
  std::vector<std::string> other_added, other_removed, other_changed;  ///< non-page files
  size_t unchanged = 0;                 ///< pages with the same bytes
  std::string lang;                     ///< <html lang> of the new site ("" when unknown)
  /// True when nothing but ignored files differs.
  bool identical() const {
    return pages.empty() && other_added.empty() && other_removed.empty() && other_changed.empty();
  }
};

/// True for files diff does not compare: assets/, search-index.js and the site marker.
bool diff_ignores(const std::string& rel_path);
/// Compares the sites in old_dir and new_dir (HTML pages by text, other files by bytes).
SiteDiff diff_sites(const FileSystem& fs, const std::string& old_dir, const std::string& new_dir);

/// The review as terminal text; ANSI colour when colour is true; without details only the
/// summary and the page list.
std::string format_diff_text(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir,
                             bool colour, bool details = true);
/// The review as one self-contained HTML5 page (inline CSS, no scripts).
std::string format_diff_html(const SiteDiff& d, const std::string& old_dir, const std::string& new_dir);

}  // namespace annalist
