#pragma once
// What readers and reference managers need to cite the report: its dates as readers read them
// (2023年6月30日 / 30 June 2023), a formatted citation of the report or of one page (GB/T 7714
// in Chinese, APA-like in English) and the Google Scholar (citation_*) / Dublin Core meta data.
#include <nlohmann/json.hpp>
#include <string>

#include "config.h"
#include "ui_strings.h"

namespace annalist {

/// An ISO date (YYYY-MM-DD) as readers read it, from the UI strings date_format ("{year}年{month}月{day}日",
/// "{day} {month} {year}") and month_names (twelve names separated by spaces; numbers without it).
std::string format_date(const std::string& iso, const UiStrings& ui);

/// What is cited: the report, or one of its pages.
struct CitedWork {
  std::string page_title;  ///< "第1章 总体发展情况" for a page, "" for the whole report
  std::string url;         ///< the page's (or report's) address when base_url is set, else ""
};

/// The citation as plain text: "作者. 题名[R]. 出版者, 2023." / "Author. (2023). Title. Publisher."
std::string citation_text(const Config& c, const CitedWork& w);

/// The template's `citation` object: {title, inbook_title, author, publisher, date (2023/06/30),
/// iso_date, modified, language, url, text}; empty fields are "" so that sections skip them.
nlohmann::json citation_context(const Config& c, const CitedWork& w);

}  // namespace annalist
