#pragma once
// `annalist serve`: build into memory, serve over HTTP on loopback, rebuild on change.
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <functional>
#include <optional>
#include <vector>
#include <string>
#include <unordered_map>

#include "render.h"

namespace annalist {

/// The files of a served site by path, their bytes shared with the render cache.
using SiteFiles = std::unordered_map<std::string, std::shared_ptr<const std::string>>;

/// The live site of a serve session: files in memory plus the last build's outcome.
class LiveSite {
 public:
  explicit LiveSite(BuildOptions opts) : opts_(std::move(opts)) {}
  /// Loads and renders the project; keeps the previous files when the build fails; stage times
  /// go to *times when given. Returns true when the build succeeded.
  bool rebuild(StageTimes* times = nullptr);
  /// The bytes served for a request path, with the error overlay on HTML while the
  /// last build failed; nullopt when the path is not a file of the site.
  std::optional<std::string> get(const std::string& url_path);
  /// True when a good build is being served (this or an earlier one succeeded).
  bool has_site() const;
  /// Number of builds so far (successful or not).
  int build_number() const;
  /// JSON status: build number, ok, ms, rendered, reused, errors.
  std::string status_json() const;
  /// Blocks until build_number() differs from seen or timeout_ms passes.
  int wait_for_build(int seen, int timeout_ms) const;
  /// Every file the last build read (to watch).
  std::vector<std::string> inputs() const;
  /// The last build's diagnostics as printed text.
  std::string last_diagnostics() const;
  /// Tells the next rebuild which files changed (from the watcher): they are read again whatever
  /// their times say. With everything set, the next rebuild reuses nothing from the last one.
  void note_changes(const std::vector<std::string>& paths, bool everything);
  /// Tells the site that from now on every change below roots is reported through note_changes
  /// (empty: not all are): files there are then not asked for their stamps again.
  void watching(const std::vector<std::string>& roots) { fs_.trust_events(roots); }

 private:
  BuildOptions opts_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  RenderCache cache_;
  CachingFileSystem fs_;                      ///< files read by the last build
  std::shared_ptr<const Project> previous_;   ///< the last build's inputs
  bool forget_previous_ = false;              ///< the next rebuild starts from scratch
  SiteFiles files_;                    ///< shared with cache_
  DeferredPages deferred_;             ///< whole-report pages of the last good build, on request
  mutable std::mutex deferred_mu_;     ///< one thread renders them
  mutable bool deferred_done_ = true;
  std::shared_ptr<const Project> inputs_;     ///< the last build's inputs (its input_files)
  std::string diagnostics_;
  bool ok_ = false;
  int builds_ = 0;
  double ms_ = 0;
  size_t rendered_ = 0, reused_ = 0;
};

/// Maps a request path to a site path ("/" -> "index.html", "/a/" -> "a/index.html");
/// "" when the path is unsafe (.., backslash, NUL, absolute after decoding).
std::string site_path_for(const std::string& request_path);

/// The Content-Type for a site path.
std::string content_type_for(const std::string& path);

/// The script every served page gets: it reloads the page after each rebuild.
std::string live_reload_script();

/// What serve_live_site tells its caller.
struct ServeHooks {
  std::function<void()> listening;  ///< the port is bound: requests are answered from now on
  /// A rebuild after a change ended: whether it succeeded, how long it took, its stages.
  std::function<void(bool ok, double ms, const StageTimes& times)> rebuilt;
};

/// Serves site over HTTP on host:port and rebuilds it when a file under roots changes, until the
/// server stops. False when the port cannot be bound.
bool serve_live_site(LiveSite& site, const std::string& host, int port, const std::vector<std::string>& roots,
                     const ServeHooks& hooks);

}  // namespace annalist
