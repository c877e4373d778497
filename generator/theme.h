#pragma once
// The theme: built-in templates/ plus a user's override directory, UI strings, assets.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diagnostic.h"
#include "fs.h"
#include "mustache.h"
#include "ui_strings.h"

namespace annalist {

/// Templates, strings and static assets used to render a site.
struct Theme {
  std::string default_dir;                  ///< the built-in theme directory
  std::string user_dir;                     ///< a user's theme ("" = none); its files win
  nlohmann::json ui;                        ///< UI strings for the report's language
  UiStrings strings;                        ///< the same strings, typed (those the generator writes)
  /// Compiled on first use, shared by threads (and by the next build when it reuses the theme).
  std::shared_ptr<MustacheSet> templates;
  std::vector<std::string> files;           ///< every file read (to tell whether one changed since)
  /// Static files (assets/…): site-relative path and bytes, sorted by path.
  std::vector<std::pair<std::string, std::string>> assets;
  std::string fingerprint;                  ///< hash of every theme file (for incremental builds)
};

/// Where the built-in theme is: $ANNALIST_TEMPLATES, installed beside the binary
/// (<exe>/../share/annalist/templates), or the source tree the binary was built from.
std::string default_theme_dir(const std::string& argv0);

/// Loads strings and assets and prepares the template set; errors go to diags.
bool load_theme(const std::string& default_dir, const std::string& user_dir, const std::string& language,
                const FileSystem& fs, Theme* out, Diagnostics& diags);

/// Renders template NAME (NAME.mustache) with data; "" and diagnostics on error.
std::string render_template(const Theme& theme, const std::string& name, const nlohmann::json& data,
                            Diagnostics& diags);

/// Renders template NAME with page data on top of data shared by every page (see MustacheSet).
std::string render_template(const Theme& theme, const std::string& name, const nlohmann::json& shared,
                            const nlohmann::json& data, Diagnostics& diags);

}  // namespace annalist
