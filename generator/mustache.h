#pragma once
// Mustache templates (spec v1.3 with ~inheritance and dynamic partial names): compiled once
// into a flat node vector, rendered many times by appending to one string. Never throws.
//
// Choices where the spec leaves the host language to decide:
//   - falsey section values: missing, null, false, [] and "" (0 and {} are truthy);
//   - numbers print as integers or as the shortest string that round-trips a double (1.5, 1e+100);
//   - objects and arrays interpolate as compact JSON; null interpolates as "";
//   - a dotted name part that is a number indexes an array: {{rows.0.name}};
//   - a missing partial or parent renders "" and records an error at its tag (strict mode, for
//     themes: a misspelt partial name must not pass unnoticed); in spec mode it renders "" and
//     nothing is reported, exactly as the spec says.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// A compiled template (parsed once, rendered many times, safe to share across threads).
struct MustacheTemplate;

/// Looks up a partial (or parent template) by name: returns its source and the file name used in
/// diagnostics, or nullopt if missing.
using PartialLoader = std::function<std::optional<std::pair<std::string, std::string>>(const std::string& name)>;

/// Bounds on one render, so that no template or data can hang or exhaust the machine.
struct MustacheLimits {
  int max_depth = 100;                      ///< partial, parent and block-override expansions nested
  int max_nesting = 1000;                   ///< sections and expansions nested, in all
  uint64_t max_steps = 50'000'000;          ///< nodes visited in one render
  size_t max_output = size_t{256} << 20;    ///< bytes one render may append
};

/// Compiles source; syntax errors (unclosed section, mismatched close tag, bad delimiter change,
/// unclosed tag) go to diags at file:line:col with a hint. Returns nullptr on error.
std::shared_ptr<const MustacheTemplate> compile_mustache(std::string_view source, const std::string& file,
                                                         Diagnostics& diags);

/// The file name a compiled template reports its diagnostics under.
const std::string& mustache_file(const MustacheTemplate& t);

/// What a missing partial or parent template is.
enum class MustacheMode {
  kStrict,  ///< an error at its tag (themes); it renders ""
  kSpec,    ///< the empty string, no error (the Mustache spec)
};

/// A set of templates: caches compiled partials/parents by name (thread-safe), so each is compiled once.
class MustacheSet {
 public:
  explicit MustacheSet(PartialLoader loader, MustacheLimits limits = {}, MustacheMode mode = MustacheMode::kStrict);
  MustacheSet(const MustacheSet&) = delete;
  MustacheSet& operator=(const MustacheSet&) = delete;

  /// Renders template `t` with `data`, appending to out. Missing partials → error at the tag's
  /// position; recursion deeper than limits.max_depth partial/parent levels → error, no crash.
  void render(const MustacheTemplate& t, const nlohmann::json& data, std::string& out, Diagnostics& diags) const;
  /// The same with a context stack, bottom first: names are looked up from the last entry
  /// down, as if the objects were merged (shared site data below, one page's data on top).
  void render(const MustacheTemplate& t, std::initializer_list<const nlohmann::json*> stack, std::string& out,
              Diagnostics& diags) const;

  /// Compiles (and caches) a named template through the loader; nullptr (and an error) if it is
  /// missing or does not compile.
  std::shared_ptr<const MustacheTemplate> get(const std::string& name, Diagnostics& diags) const;

  /// One cached load: the template (nullptr if missing or broken) and its compile diagnostics.
  struct Entry {
    std::shared_ptr<const MustacheTemplate> tmpl;  ///< nullptr when missing or not compiled
    std::vector<Diagnostic> diags;                 ///< compile errors, repeated to each user
    bool found = false;                            ///< the loader returned a source
  };
  /// The cached load of `name`, loading and compiling it on first use (thread-safe).
  std::shared_ptr<const Entry> entry(const std::string& name) const;
  /// The render bounds this set applies.
  const MustacheLimits& limits() const { return limits_; }
  /// Whether a missing partial is an error.
  MustacheMode mode() const { return mode_; }

 private:
  PartialLoader loader_;
  MustacheLimits limits_;
  MustacheMode mode_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
};

/// Compiles and renders source in one call (partials through loader, which may be empty).
std::string render_mustache(std::string_view source, const std::string& file, const nlohmann::json& data,
                            PartialLoader loader, Diagnostics& diags);

}  // namespace annalist
