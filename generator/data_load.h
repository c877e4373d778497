#pragma once
// Loading the data directory: every data file and _catalog.yml, read and parsed in parallel.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "data.h"
#include "diagnostic.h"
#include "fs.h"

namespace annalist {

/// The data directory, loaded.
struct LoadedData {
  DataStore data;                                ///< data sets by path
  std::map<std::string, std::string> data_hash;  ///< data path -> fingerprint of its bytes (and catalogs)
  std::vector<std::string> files;                ///< every file read (for watching)
};

/// Loads every data file and catalog under config's data directory on up to jobs threads; a file
/// whose stamp or bytes are those of the same file in `previous` (may be null) is not parsed
/// again, nor one whose stamp was `reported` and whose name is not in changed (see load_pages).
LoadedData load_data_dir(const Config& config, const FileSystem& fs, const DataStore* previous, int jobs,
                         Diagnostics& diags, const std::set<std::string>* changed = nullptr);

}  // namespace annalist
