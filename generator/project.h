#pragma once
// What a build is asked to do (BuildOptions) and every input it loaded (Project).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "data.h"
#include "diagnostic.h"
#include "images.h"
#include "parallel.h"
#include "static_files.h"
#include "theme.h"

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
  bool force = false;             ///< build even when the output is up to date
  bool changed_ids = false;       ///< check: a note for each heading id the GitHub-style rule changed
  bool origins = false;           ///< check: a note with each data set's catalog origin (editors only)
  std::string live_reload;        ///< script injected into every page (serve mode only)
};

/// Every input of a build, loaded and parsed.
struct Project {
  Config config;                              ///< report.yml
  std::vector<Diagnostic> config_diags;       ///< what parsing report.yml reported (replayed when it is unchanged)
  std::vector<Page> pages;                    ///< in report order
  DataStore data;                             ///< data sets by path
  std::map<std::string, std::string> data_hash;  ///< data path -> fingerprint of its bytes
  std::vector<std::string> data_files;        ///< the data files and catalogs read
  std::vector<Diagnostic> data_diags;         ///< what loading the data reported (replayed when it is reused)
  Theme theme;                                ///< templates, strings, assets
  std::vector<Diagnostic> theme_diags;        ///< what loading the theme reported (replayed when it is reused)
  std::string config_text;                    ///< report.yml as read
  std::vector<std::string> input_files;       ///< every file read (for watching)
  /// The images pages show, read on first use through the load's file system (which must
  /// outlive the project).
  std::shared_ptr<ImageStore> images;
  std::vector<StaticFile> static_files;       ///< static/, copied into the site as it is
  unsigned long fs_changes = 0;               ///< the file system's change_count() when the load began
};

/// The number of worker threads opts asks for (0: one per core).
inline int jobs_for(const BuildOptions& opts) { return opts.jobs > 0 ? opts.jobs : default_jobs(); }

}  // namespace annalist
