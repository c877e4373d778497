#pragma once
// What the text and the HTML review of a site diff share: counts, the summary line, page order,
// and the old/new block pairs for inline highlighting.
#include <string>
#include <unordered_map>

#include <vector>

#include "block_pairing.h"
#include "site_compare.h"

namespace annalist {

/// Lines of context around each hunk of a page's text diff.
constexpr int kDiffContext = 2;
/// The order in which the page list shows statuses.
constexpr PageStatus kStatusOrder[] = {PageStatus::kAdded, PageStatus::kRemoved, PageStatus::kChanged,
                                       PageStatus::kMarkupOnly};

/// "added", "removed", "changed" or "markup only".
const char* status_name(PageStatus s);

/// How many pages and numbers of each kind a diff holds.
struct DiffCounts {
  size_t added = 0, removed = 0, changed = 0, markup = 0;  ///< pages by status
  size_t num_changed = 0, num_added = 0, num_removed = 0;  ///< numbers by kind
};
/// Counts the pages and numbers of d.
DiffCounts count_diff(const SiteDiff& d);

/// "1 page" / "3 pages".
std::string plural(size_t n, const char* one, const char* many);
/// The one-line summary: "3 pages differ: 1 added, …; 17 unchanged." or "No differences (…)."
std::string summary_line(const SiteDiff& d);
/// A number's old or new text, "(none)" when empty.
std::string number_cell(const std::string& s);
/// Where a number is: "caption — snippet", or the snippet alone.
std::string number_where(const NumberChange& n);

/// The edit's line: text of the old block for equal/delete, of the new block for insert.
const std::string& edit_text(const PageDiff& p, const DiffEdit& e);
/// The changed blocks of a page paired old -> new and back, for the inline highlighting.
struct BlockPairs {
  std::unordered_map<int, int> old_to_new;  ///< old block index -> paired new block index
  std::unordered_map<int, int> new_to_old;  ///< new block index -> paired old block index
};
/// Pairs the changed blocks of a changed page.
BlockPairs pair_blocks(const PageDiff& p);
/// The words of a deleted or inserted line, marked changed or not against the line it is paired
/// with (views into p's block texts); false when the line is not paired.
bool changed_words(const PageDiff& p, const BlockPairs& pairs, const DiffEdit& e, std::vector<Segment>* out);

}  // namespace annalist
