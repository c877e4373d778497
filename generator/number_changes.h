#pragma once
// The numbers that changed between two versions of a page.
#include <string>
#include <vector>

#include "myers_diff.h"
#include "visible_text.h"

namespace annalist {

/// A changed, added or removed number.
struct NumberChange {
  std::string page;      ///< site path of the page
  std::string old_text;  ///< "" when the number is new
  std::string new_text;  ///< "" when the number was removed
  std::string caption;   ///< enclosing figure/table caption, "" in prose
  std::string snippet;   ///< the text around the number (new text, or old when removed)
};

/// The numbers that differ between two versions of a page: numbers of paired blocks are paired
/// by position when their counts match (else diffed), unpaired blocks give removed/added numbers.
/// Chart drawing text (in_svg) is left out: its numbers are in the chart's data table.
std::vector<NumberChange> pair_numbers(const std::vector<TextBlock>& a, const std::vector<TextBlock>& b,
                                       const std::vector<DiffEdit>& edits, const std::string& page);

}  // namespace annalist
