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

}  // namespace annalist
