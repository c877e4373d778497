#pragma once
// What a rebuild can reuse, like ninja's build log: the keys that say whether a page's inputs
// changed, the cache of the last render, and the fingerprint of a whole build.
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "html.h"
#include "project.h"
#include "xref.h"

namespace annalist {

/// Where a render sends files it shares instead of copying (path, bytes).
using SharedSink = std::function<void(const std::string& path, const std::shared_ptr<const std::string>& bytes)>;

/// What a render keeps for the next one, so unchanged pages are not rendered again (serve).
struct RenderCache {
  /// One page of the last render.
  struct Entry {
    std::string key;   ///< the page's inputs: settings, place in the report, source hash
    std::string deps;  ///< fingerprints of the data sets and images it used
    size_t index = 0;  ///< its RenderedPage in `rendered`
    std::string xrefs; ///< what its cross-references resolved to (last time)
    std::shared_ptr<const std::string> final_body;  ///< body after cross-references (last time)
    std::shared_ptr<const std::string> html;        ///< the finished page (last time)
  };
  std::vector<Entry> pages;                                    ///< by page index of the last render
  std::unordered_map<std::string, size_t> by_url;              ///< page url -> index in pages
  std::shared_ptr<std::vector<RenderedPage>> rendered;         ///< bodies of the last render
  /// The caller lets nothing else read `rendered` during the next render: unchanged pages are
  /// moved out of it instead of copied, and put back when the render reports errors (the cache
  /// is then left as it was, so that the last good build's bodies stay whole).
  bool take_pages = false;
  std::string site_key;                                        ///< navigation, theme, settings
  std::shared_ptr<const Targets> targets;                      ///< cross-reference targets of the last render
  std::vector<Diagnostic> target_diags;                        ///< what collecting them reported
  std::vector<std::string> nav_items;                          ///< sidebar entries (same site_key)
  size_t rendered_count = 0, reused = 0;                       ///< counts of the last render
  /// When set, finished report pages and copied files go here, shared with the cache and the
  /// project (no copy), instead of to the sink; called from several threads at once.
  SharedSink page_sink;
};

/// A hash of the settings every page body depends on (language, numbering, labels, UI strings).
std::string settings_key(const Project& p);

/// A page's own inputs: settings, place in the report and source (by its hash).
std::string page_key(const Page& page, const std::string& settings);

/// The fingerprints of the data sets and images a rendered page used.
std::string deps_key(const Project& p, const RenderedPage& r);

/// A hash of what every page's frame shows of the whole report: settings, theme, titles, navigation.
std::string site_key(const Project& p, const BuildOptions& opts, const std::string& settings,
                     const std::vector<std::string>& labels, const std::vector<RenderedPage>& rendered);

/// Everything collect_targets reads from a rendered page (positions too: they appear in its diagnostics).
std::string target_signature(const RenderedPage& r);

/// What a page's cross-references resolved to (with rendered, also whether the anchors of its
/// links to source files exist); "" plus *missing when one did not resolve.
std::string xref_signature(const RenderedPage& r, const Targets& t, bool* missing,
                           const std::vector<RenderedPage>* rendered = nullptr);

/// A fingerprint of every input and of the generator (no-change detection).
std::string project_fingerprint(const Project& project, const BuildOptions& opts);

/// The lines a site's marker adds for the images the build copied (path relative to the
/// project, hash), so that the next build can tell whether they changed.
std::string image_marker_lines(const std::vector<std::pair<std::string, std::string>>& images);

/// True when marker_text (a site's marker) says the site was built from these inputs: its first
/// line is first_line and every image it lists still has the same bytes.
bool marker_is_current(const std::string& marker_text, const std::string& first_line, const Project& p);

}  // namespace annalist
