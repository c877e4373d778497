#pragma once
// Comparing two built site trees: pages by their visible text, other files by their bytes.
#include <string>
#include <vector>

#include "fs.h"
#include "myers_diff.h"
#include "number_changes.h"
#include "visible_text.h"

namespace annalist {

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

}  // namespace annalist
