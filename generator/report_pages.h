#pragma once
// Stage 4 of a render, the pages about the whole report: cover, lists, data appendix, search
// page, 404, sitemap, downloads, assets, and print.html and the search index, which are streamed
// page by page in report order so that neither is ever held whole in memory.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "html.h"
#include "project.h"
#include "search_index.h"
#include "sink.h"
#include "site_pages.h"

namespace annalist {

/// A rendered site: what the whole-report pages need, kept alive while they wait (serve).
struct RenderedSite {
  std::shared_ptr<const Project> project;  ///< the inputs
  std::vector<RenderedPage> rendered;      ///< every page body, in report order
  SiteModel model;                         ///< labels, targets, navigation, cover figures
};

/// print.html and the search index, written page by page in report order: make() any page on
/// any thread, take() them in order, then finish().
class LongFiles {
 public:
  /// A page's print body and its part of the search index.
  struct Piece {
    std::string print;
    SearchPagePart search;
  };

  /// The files go to pieces; template errors to diags.
  LongFiles(const RenderedSite& site, const BuildOptions& opts, const PieceSink& pieces, Diagnostics& diags)
      : site_(site), opts_(opts), pieces_(pieces), diags_(diags) {}

  /// Page i's pieces; any thread.
  Piece make(size_t i) const;
  /// Writes page i's pieces; called in page order.
  void take(size_t i, Piece&& piece);
  /// Ends both files.
  void finish();

 private:
  /// print.html rendered with a marker for each body, cut at the markers (no parts: render it whole).
  struct PrintFrame {
    std::string text;                              ///< print.html with a marker for each body
    std::vector<std::pair<size_t, size_t>> parts;  ///< the text around the bodies: offset, length
    std::string_view part(size_t k) const { return std::string_view(text).substr(parts[k].first, parts[k].second); }
  };
  static PrintFrame print_frame(const RenderedSite& site, const BuildOptions& opts, Diagnostics& diags);
  void start();

  const RenderedSite& site_;
  const BuildOptions& opts_;
  const PieceSink& pieces_;
  Diagnostics& diags_;
  PrintFrame frame_;                ///< print.html cut at its bodies (no parts: render it whole)
  std::vector<std::string> whole_;  ///< bodies, when print.html is rendered whole
  SearchIndexBuilder search_;       ///< the search index's shards, filled page by page
  bool started_ = false;
};

/// Cover, lists, data appendix, search page, 404, sitemap, data downloads and assets.
void render_report_pages(const RenderedSite& site, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags);

/// Every page about the whole report, print.html and the search index included (serve, check).
void render_whole_report(const RenderedSite& site, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags);

}  // namespace annalist
