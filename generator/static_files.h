#pragma once
// The project's optional static/ folder: files copied into the site as they are (a favicon,
// robots.txt, downloads), each at its path inside static/.
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "diagnostic.h"
#include "fs.h"

namespace annalist {

/// One file of static/, read.
struct StaticFile {
  std::string site_path;                     ///< its path inside static/, and in the site
  std::string file;                          ///< the file as read (for messages and watching)
  std::shared_ptr<const std::string> bytes;  ///< its bytes
  std::string hash;                          ///< hash_hex of the bytes
};

/// Reads every file under <project>/static/ (names starting with '.' are left out), in path
/// order. A file that leads out of the project, is not a regular file, or would take the place
/// of a page or a folder the site makes (chapters/, images/, assets/, …) is an error.
std::vector<StaticFile> load_static_files(const Config& config, const FileSystem& fs, Diagnostics& diags);

/// Where a style sheet or script of extra_css / extra_js goes in the site: assets/extra/<path>.
std::string extra_asset_site_path(const AssetRef& a);
/// Reads the files of extra_css and extra_js (each once, in that order); one that is missing,
/// not a regular file or leads out of the project is an error at its line in report.yml.
std::vector<StaticFile> load_extra_assets(const Config& config, const FileSystem& fs, Diagnostics& diags);

}  // namespace annalist
