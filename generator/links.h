#pragma once
// Internal link checking over rendered pages: every relative href and #anchor must resolve.
// The one check of `build` and `check`: both gather their output in a SiteLinks and report
// what does not resolve with report_broken_links.
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "content.h"
#include "diagnostic.h"
#include "html.h"

namespace annalist {

/// One link that does not resolve.
struct BrokenLink {
  std::string page;  ///< site path of the page that holds it
  std::string href;  ///< the link as written in the attribute
  std::string why;   ///< "no such file", "no such anchor", or why a link that may work is fragile
};

/// The links and ids of one HTML page.
struct PageLinks {
  std::vector<std::string> hrefs;  ///< every href and src attribute, as written, in order
  std::set<std::string> ids;       ///< every id, entities decoded
};

/// The links and ids of an HTML text.
PageLinks scan_links(const std::string& html);

/// Checks every href/src of the given pages against the site's files and ids.
/// pages: site path -> its links; files: every site path (pages, assets, downloads).
std::vector<BrokenLink> find_broken_links(const std::map<std::string, PageLinks>& pages,
                                          const std::set<std::string>& files);

/// Shorthand for tests: the pages as HTML.
std::vector<BrokenLink> find_broken_links(const std::map<std::string, std::string>& pages,
                                          const std::set<std::string>& files);

/// The ids (id="…") defined in an HTML text.
std::set<std::string> html_ids(const std::string& html);

/// Resolves a relative URL path against the directory of page as a browser does
/// ("chapters/a.html" + "../x" -> "x"; "%2e%2e" is ".." too); the result is still percent-encoded.
std::string resolve_href(const std::string& page, const std::string& href);

/// The files of a site and the links of its pages, gathered while the site is written.
/// print.html (its bodies are the chapter pages' bodies, rebased) and 404.html (its links
/// point from the site root by design) are files but their links are not checked.
class SiteLinks {
 public:
  /// A whole output file; thread-safe.
  void add_file(const std::string& path, const std::string& bytes);
  /// A piece of a long output file (print.html, the search index); thread-safe.
  void add_piece(const std::string& path);
  /// What does not resolve.
  std::vector<BrokenLink> broken() const { return find_broken_links(pages_, files_); }

 private:
  std::mutex mu_;
  std::set<std::string> files_;
  std::map<std::string, PageLinks> pages_;
};

/// Every broken link of the site as an error at the place in the Markdown source where it is
/// written (found by page url and href in the pages' LinkUse lists). Nothing when diags already
/// holds an error: a figure that failed leaves links to it that would only repeat that error.
void report_broken_links(const SiteLinks& links, const std::vector<Page>& pages,
                         const std::vector<RenderedPage>& rendered, Diagnostics& diags);

}  // namespace annalist
