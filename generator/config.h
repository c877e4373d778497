#pragma once
// report.yml -> Config: typed fields with defaults; unknown keys are diagnostics.
#include <string>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// One cover highlight: a label and a value text that may hold {{ data… }}.
struct Highlight {
  std::string label;  ///< e.g. 电子商务交易额
  std::string value;  ///< e.g. "{{ data.ch01.indicators[indicator=x].value }}万亿元"
  SourcePos pos;      ///< where the value is written in report.yml
};

/// A style sheet or script of extra_css / extra_js.
struct AssetRef {
  std::string path;  ///< as written, relative to report.yml
  SourcePos pos;     ///< where it is listed
};

/// A page listed in report.yml. The page tree (parts, sub-pages) is kept flat, in reading
/// order: a sub-page follows its parent with depth one more.
struct PageRef {
  std::string path;        ///< as written, relative to report.yml
  SourcePos pos;           ///< where it is listed
  int depth = 0;           ///< 0: a chapter (or front page, appendix); 1: its sub-page 1.1; …
  std::string part = {};   ///< the title of the part that begins here (empty: none)
  bool part_page = false;  ///< this page is the part's own page (unnumbered)
};

/// How deep sub-pages may nest (1.2.3.4 is depth 3).
constexpr int kMaxPageDepth = 3;

/// The project's settings from report.yml.
struct Config {
  std::string file;                      ///< display path of report.yml
  std::string root;                      ///< project directory
  std::string title, subtitle, edition, language = "zh-CN", author, publisher, description;
  std::string base_url;                  ///< empty: no canonical/OG tags, no sitemap
  std::string search_example;            ///< a typical query shown in the search box ("": none)
  std::string published, updated;        ///< ISO dates YYYY-MM-DD of publication and last update ("": none)
  std::string data_dir = "data";         ///< relative to root
  SourcePos data_pos;                    ///< where 'data' is set (or the file)
  bool number_sections = true;           ///< 1.1 / 1.1.1 before section headings
  bool allow_html = false;               ///< raw HTML in Markdown passes (tag-filtered)
  std::string figure_label, table_label; ///< number formats; empty = language default
  std::vector<Highlight> highlights;     ///< cover figures
  std::vector<AssetRef> extra_css, extra_js;  ///< linked from every page after the theme's
  std::vector<PageRef> front, chapters, appendices;  ///< pages in report order
};

/// True for an ISO calendar date YYYY-MM-DD that exists (2023-02-29 does not).
bool valid_iso_date(const std::string& s);

/// Parses report.yml text; every problem goes to diags. Returns false on errors.
bool parse_config(const std::string& text, const std::string& file, const std::string& root, Config* out,
                  Diagnostics& diags);

}  // namespace annalist
