#pragma once
// The pipeline: load -> resolve -> render -> write, collecting diagnostics across stages.
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "config.h"
#include "content.h"
#include "data.h"
#include "diagnostic.h"
#include "fs.h"
#include "html.h"
#include "theme.h"
#include "xref.h"

namespace annalist {

/// What the user asked a build to do.
struct BuildOptions {
  std::string project_dir = ".";  ///< holds report.yml
  std::string out_dir;            ///< default: <project>/_site
  std::string templates_dir;      ///< a user theme overriding the built-in one
  std::string default_templates;  ///< the built-in theme directory
  int jobs = 0;                   ///< worker threads; 0 = one per core
  bool quiet = false;             ///< no summary line
  bool verbose = false;           ///< list stages and timings
  bool progress = false;          ///< pages done/total on a terminal
  std::string live_reload;        ///< script injected into every page (serve mode only)
};

/// Every input of a build, loaded and parsed.
struct Project {
  Config config;                              ///< report.yml
  std::vector<Page> pages;                    ///< in report order
  DataStore data;                             ///< data sets by path
  std::map<std::string, std::string> data_hash;  ///< data path -> fingerprint of its bytes
  Theme theme;                                ///< templates, strings, assets
  std::string config_text;                    ///< report.yml as read
  std::vector<std::string> input_files;       ///< every file read (for watching)
};

/// Loads report.yml, pages, data and theme; every problem goes to diags. Pages and data files
/// whose stamps or bytes are those of `previous` (may be null) are not read or parsed again.
bool load_project(const BuildOptions& opts, const FileSystem& fs, Project* project, Diagnostics& diags,
                  const Project* previous = nullptr);

/// A fingerprint of every input and of the generator (no-change detection).
std::string project_fingerprint(const Project& project, const BuildOptions& opts);

/// Receives one output file; called from several threads at once.
using SiteSink = std::function<void(const std::string& path, std::string&& bytes)>;

/// Receives an output file in pieces, in order, from one thread; last ends the file.
using PieceSink = std::function<void(const std::string& path, std::string&& piece, bool last)>;

/// What a render keeps for the next one, so unchanged pages are not rendered again (serve).
struct RenderCache {
  struct Entry {
    std::string key;   ///< the page's inputs: settings, place in the report, source hash
    std::string deps;  ///< fingerprints of the data sets it used
    size_t index = 0;  ///< its RenderedPage in `rendered`
    std::string xrefs; ///< what its cross-references resolved to (last time)
    std::shared_ptr<const std::string> final_body;  ///< body after cross-references (last time)
    std::shared_ptr<const std::string> html;        ///< the finished page (last time)
  };
  std::vector<Entry> pages;                                    ///< by page index of the last render
  std::unordered_map<std::string, size_t> by_url;              ///< page url -> index in pages
  std::shared_ptr<const std::vector<RenderedPage>> rendered;   ///< bodies of the last render
  std::string site_key;                                        ///< navigation, theme, settings
  std::shared_ptr<const Targets> targets;                      ///< cross-reference targets of the last render
  std::vector<Diagnostic> target_diags;                        ///< what collecting them reported
  std::vector<std::string> nav_items, nav_items_current;       ///< sidebar entries (same site_key)
  size_t rendered_count = 0, reused = 0;                       ///< counts of the last render
  /// When set, finished report pages go here, shared with the cache (no copy), instead of to
  /// the sink; called from several threads at once.
  std::function<void(const std::string& path, const std::shared_ptr<const std::string>& bytes)> page_sink;
};

/// Statistics of one render.
struct RenderStats {
  size_t pages = 0;   ///< report pages rendered
  size_t files = 0;   ///< files emitted
};

/// The pages about the whole report (cover, lists, print, search index, downloads), packaged
/// to run later: serve renders them when they are first requested.
using DeferredPages = std::function<void(const SiteSink&, Diagnostics&)>;

/// Renders every output file of the site to sink; cache (may be null) speeds up rebuilds.
/// With defer, the whole-report pages are not rendered but handed back in *defer. Long files
/// (print.html, the search index) go to pieces when given, else whole to sink. `owned` is the
/// same project, writable, when nothing keeps it after the render (a build): each page's
/// Markdown source is dropped as soon as the page is rendered.
bool render_site(std::shared_ptr<const Project> project, const BuildOptions& opts, const SiteSink& sink,
                 RenderCache* cache, RenderStats* stats, Diagnostics& diags, DeferredPages* defer = nullptr,
                 const PieceSink* pieces = nullptr, Project* owned = nullptr);

/// `annalist build`: returns the exit code (0 ok, 1 input errors).
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

/// `annalist check`: validates without writing; format "text" or "json".
int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace annalist
