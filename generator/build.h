#pragma once
// The pipeline: load -> resolve -> render -> write, collecting diagnostics across stages.
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
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
  std::string fingerprint;                    ///< of every input (no-change detection)
  std::vector<std::string> input_files;       ///< every file read (for watching)
};

/// Loads report.yml, pages, data and theme; every problem goes to diags.
bool load_project(const BuildOptions& opts, const FileSystem& fs, Project* project, Diagnostics& diags);

/// Receives one output file; called from several threads at once.
using SiteSink = std::function<void(const std::string& path, std::string&& bytes)>;

/// What a render keeps for the next one, so unchanged pages are not rendered again (serve).
struct RenderCache {
  struct Entry {
    std::string key;        ///< the page's inputs, hashed
    RenderedPage rendered;  ///< the body and outline
    std::string final_body; ///< body after cross-references (last time)
    std::string html;       ///< the finished page (last time)
  };
  std::map<std::string, Entry> pages;  ///< by page url
  std::string site_key;                ///< navigation, theme and settings of the last render
  size_t rendered = 0, reused = 0;     ///< counts of the last render
};

/// Statistics of one render.
struct RenderStats {
  size_t pages = 0;   ///< report pages rendered
  size_t files = 0;   ///< files emitted
};

/// Renders every output file of the site to sink; cache (may be null) speeds up rebuilds.
bool render_site(const Project& project, const BuildOptions& opts, const SiteSink& sink, RenderCache* cache,
                 RenderStats* stats, Diagnostics& diags);

/// `annalist build`: returns the exit code (0 ok, 1 input errors).
int run_build(const BuildOptions& opts, std::ostream& out, std::ostream& err);

/// `annalist check`: validates without writing; format "text" or "json".
int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err);

}  // namespace annalist
