#pragma once
// Atomic site output: write a staging directory, then swap it in; never touch foreign files.
#include <atomic>
#include <string>
#include <mutex>
#include <set>
#include <string_view>

#include "diagnostic.h"

namespace annalist {

/// The marker file annalist writes in every site it owns.
inline constexpr const char* kSiteMarker = ".annalist-site";

/// Writes a whole site into a staging directory and swaps it over the output directory.
class SiteWriter {
 public:
  ~SiteWriter();
  /// Checks that out_dir is safe to own and creates the staging directory.
  bool begin(const std::string& out_dir, const std::string& project_dir, Diagnostics& diags);
  /// Writes one file below the staging directory; safe from several threads.
  void write(const std::string& rel_path, std::string_view bytes);
  /// Writes the marker (with the given text) and swaps the staging directory in.
  bool commit(const std::string& marker_text, Diagnostics& diags);
  /// Removes the staging directory (after a failed build).
  void abort();
  /// Number of files written so far.
  size_t files_written() const { return files_; }
  /// Bytes written so far.
  size_t bytes_written() const { return bytes_; }

 private:
  std::string out_dir_, staging_;
  std::atomic<size_t> files_{0}, bytes_{0};
  std::atomic<bool> failed_{false};
  std::string fail_msg_;
  std::mutex dirs_mu_;
  std::set<std::string> dirs_;  ///< directories already created below staging
};

/// Why out_dir may not be used for project_dir's site, or "" when it may.
std::string unsafe_output_reason(const std::string& out_dir, const std::string& project_dir);

/// The marker text of an existing site ("" when there is none).
std::string read_site_marker(const std::string& out_dir);

/// Removes the staging and previous-site directories that killed builds left beside out_dir.
void remove_stale_output(const std::string& out_dir);

}  // namespace annalist
