#pragma once
// Stages 2 and 3, resolve and render: every page body, the whole-report model (labels,
// cross-reference targets, navigation), the chapter pages and the pages about the whole report.
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "diagnostic.h"
#include "incremental.h"
#include "project.h"
#include "sink.h"
#include "timing.h"

namespace annalist {

/// The pages about the whole report (cover, lists, print, search index, downloads), packaged
/// to run later: serve renders them when they are first requested.
using DeferredPages = std::function<void(const SiteSink&, Diagnostics&)>;

/// What a render reports besides its files and diagnostics.
struct RenderStats {
  size_t pages = 0;  ///< report pages rendered
  StageTimes times;  ///< when each stage ended
  /// The local images copied into the site: path relative to the project, hash of the bytes.
  std::vector<std::pair<std::string, std::string>> images;
};

/// Where a build's render sends its files and its progress.
struct RenderOutput {
  SiteSink files;    ///< whole files; called from several threads at once
  PieceSink pieces;  ///< print.html and the search index in pieces, in order; empty: joined, to files
  std::function<void(size_t done, size_t total)> progress;  ///< chapter pages done so far; may be empty
};

/// Renders every output file of the site (a build). The project is handed over: each page's
/// Markdown source is dropped as soon as the page is rendered, and each body once it is in its
/// page, print.html and the search index. True when nothing reported an error.
bool render_site(std::shared_ptr<Project> project, const BuildOptions& opts, const RenderOutput& out,
                 RenderStats* stats, Diagnostics& diags);

/// Renders every output file of the site to sink, reusing from cache what did not change and
/// leaving in it what the next render can reuse (serve, check). The project stays shared and
/// const. With defer, the whole-report pages are not rendered but handed back in *defer.
bool render_site_cached(std::shared_ptr<const Project> project, const BuildOptions& opts, const SiteSink& sink,
                        RenderCache& cache, RenderStats* stats, Diagnostics& diags, DeferredPages* defer = nullptr);

}  // namespace annalist
