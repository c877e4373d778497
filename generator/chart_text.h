#pragma once
// Measuring, wrapping and laying out the text of charts (SVG units, no font files).
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// How category labels along a horizontal axis are drawn so that they never overlap.
struct CategoryLabels {
  enum Mode { kHorizontal, kWrapped, kRotated } mode = kHorizontal;
  std::vector<std::vector<std::string>> lines;  ///< per label: its lines (empty when thinned out)
  int step = 1;                                 ///< every step-th label is shown
  double height = 0;                            ///< room needed below the axis
};

/// Lays out n category labels at slot width apart (font size `font`): one line, wrapped (≤ 3
/// lines), or rotated 45° and, if still too dense, thinned; numeric labels (years) are thinned
/// before they are rotated.
CategoryLabels layout_category_labels(const std::vector<std::string>& labels, double slot, double font);
/// Breaks text into lines at most max_width wide (font-size units × font): CJK anywhere, Latin at
/// spaces, closing punctuation kept with the text before it; a line never starts with "，。、）".
std::vector<std::string> wrap_text(std::string_view text, double max_width, double font);
/// Width of text in SVG units at font size `font`.
double text_width(std::string_view text, double font);
/// The text cut to max_width with "…" at the end, or as it is when it fits.
std::string truncate_to(std::string_view s, double max_width, double font);

}  // namespace annalist
