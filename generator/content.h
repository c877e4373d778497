#pragma once
// Pages of the report: front matter split off, report order and numbering labels.
#include <algorithm>
#include <memory>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "config.h"
#include "diagnostic.h"
#include "fs.h"

namespace annalist {

/// Where a page stands in the report.
enum class PageKind { kFront, kChapter, kAppendix };

/// One Markdown page of the report, before rendering.
struct Page {
  PageKind kind = PageKind::kChapter;  ///< front matter, chapter or appendix
  int ordinal = 0;                     ///< 1-based chapter or appendix number, 0 for front pages
  std::string file;                    ///< display path of the source (e.g. content/chapters/01.md)
  std::shared_ptr<const std::string> source;  ///< the whole file's bytes (shared by rebuilds)
  std::string source_hash;             ///< hash_hex of source
  FileStamp stamp;                     ///< the file's stamp when read (zero: unknown)
  size_t body_offset = 0;              ///< where the Markdown after the front matter starts in *source
  int body_line = 1;                   ///< line of source where body starts
  std::string slug, title, summary;    ///< from front matter (title may come from the first # later)
  SourcePos title_pos;                 ///< where the title was given
  SourcePos slug_pos;                  ///< where the slug was given (front matter or report.yml)
  std::string url;                     ///< site-relative output path, e.g. chapters/overview.html
  std::string number;                  ///< "1", "A", "1.2" (a sub-page), or "" unnumbered (used in 图1-2, 1.2)
  int depth = 0;                       ///< 0 for a chapter, 1 for its sub-page (1.2), …
  std::string part;                    ///< the title of the part that begins with this page, if any
  bool part_page = false;              ///< the part's own page: unnumbered, shown as the part's heading
  bool unreadable = false;             ///< not UTF-8 text: reported, not rendered
  bool parsed_cleanly = false;         ///< front matter gave no errors (safe to reuse)
  bool front_matter_broken = false;    ///< front matter is not YAML (its title is unknown, not missing)

  /// The Markdown after the front matter (a view into *source: copying a Page copies no text).
  std::string_view body() const {
    return source ? std::string_view(*source).substr(std::min(body_offset, source->size())) : std::string_view();
  }
};

/// Splits front matter off a page's text; fills slug/title/summary; errors go to diags.
bool parse_page(const std::string& text, const std::string& file, Page* page, Diagnostics& diags);

/// Loads every page listed in config (front, chapters, appendices) in report order; a page whose
/// bytes (or, when the file system tells, stamp) are those of the same file in `previous` (may be
/// null) is not read or parsed again, nor one whose stamp was `reported` and whose file name is
/// not in changed (the names reported changed since previous was loaded; null: not known). Pages
/// are read and parsed on up to jobs threads; the diagnostics come in report order whatever the timing.
std::vector<Page> load_pages(const Config& config, const FileSystem& fs, Diagnostics& diags,
                             const std::vector<Page>* previous = nullptr, int jobs = 1,
                             const std::set<std::string>* changed = nullptr);

/// "A", "B", … "Z", "AA" for appendix n (1-based).
std::string appendix_letter(int n);

}  // namespace annalist
