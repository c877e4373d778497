#pragma once
// The theme's UI strings that the generator itself writes (labels, captions, page titles), typed
// and read once; templates get the whole set as `ui`.
#include <nlohmann/json_fwd.hpp>
#include <array>
#include <string>

#include "figure.h"

namespace annalist {

/// UI strings of the report's language, as the theme's i18n file gives them ("" when missing).
struct UiStrings {
  std::string chapter_label;       ///< "第{n}章": a chapter's label
  std::string appendix_label;      ///< "附录{n}": an appendix's label
  std::string section_ref;         ///< "{n}节": a numbered section as a cross-reference
  std::string figure_label;        ///< "图{chapter}-{n}" when report.yml gives none
  std::string table_label;         ///< "表{chapter}-{n}" when report.yml gives none
  std::string figure_label_front;  ///< figure label on unnumbered (front) pages
  std::string table_label_front;   ///< table label on unnumbered (front) pages
  std::string footnotes;           ///< heading of a page's footnotes
  std::string back_to_text;        ///< aria-label of a footnote's back link
  std::string list_of_figures;     ///< title of figures.html
  std::string data_appendix;       ///< title of data.html
  std::string search;              ///< title of search.html
  std::string not_found;           ///< title of 404.html
  std::string print_version;       ///< title of print.html
  std::array<std::string, 5> alert_titles;  ///< callout titles: note, tip, important, warning, caution
  std::string code_does_not_compile;  ///< note above a code block marked does_not_compile (mdBook)
  std::string code_panics;            ///< note above a code block marked panics
  std::string code_not_desired;       ///< note above a code block marked not_desired_behavior
  std::string date_format;            ///< "{year}年{month}月{day}日": a report.yml date for readers
  std::string month_names;            ///< twelve month names separated by spaces ("" in Chinese)
  FigureText figure;               ///< captions, data tables and chart descriptions
};

/// The strings of a theme's `ui` object; a value that is not a string counts as missing.
UiStrings ui_strings(const nlohmann::json& ui);

}  // namespace annalist
