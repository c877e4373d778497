#pragma once
// Which old block became which new block in the changed regions of a diff, and which words of a
// paired line changed.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "myers_diff.h"

namespace annalist {

/// One changed region of an edit script: a run of deletions and insertions between equal lines.
struct ChangeRegion {
  std::vector<int> removed;  ///< old indexes deleted, in order
  std::vector<int> added;    ///< new indexes inserted, in order
};
/// The changed regions of an edit script, in order.
std::vector<ChangeRegion> change_regions(const std::vector<DiffEdit>& edits);

/// Old/new block pairs of an edit script: changed regions aligned by their text with the numbers
/// masked, then by position when the counts match, then by similarity. Returns (old, new) indexes.
std::vector<std::pair<int, int>> pair_changed_blocks(const std::vector<std::string>& a,
                                                     const std::vector<std::string>& b,
                                                     const std::vector<DiffEdit>& edits);

/// One text segment of an inline diff: changed or not.
struct Segment {
  std::string_view text;  ///< a view into the line given to inline_diff
  bool changed = false;   ///< not in the other version of the line
};
/// Word-level difference of two versions of a line: segments of the old and of the new text.
/// Latin words and numbers are compared whole, spaces as runs, anything else code point by code point.
void inline_diff(std::string_view a, std::string_view b, std::vector<Segment>* sa, std::vector<Segment>* sb);

}  // namespace annalist
