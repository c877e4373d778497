#pragma once
// {{ data.path[sel].col | filter }} in prose: resolved against the data store, strictly.
#include <set>
#include <string>
#include <string_view>

#include "data.h"
#include "diagnostic.h"

namespace annalist {

/// The longest {{ … }} accepted (longer is an error): lookups and hints stay cheap.
constexpr size_t kMaxInterpolationBytes = 1000;

/// The outcome of one interpolation.
struct Interpolated {
  std::string text;         ///< the formatted value (not escaped)
  std::string data_path;    ///< the data set it came from, e.g. ch01/indicators
};

/// Evaluates the inside of {{ … }} (without braces); errors at pos (the "{{"). `language` is the
/// report's (config language): the `scale` filter writes its units in it.
bool evaluate_interpolation(std::string_view expr, const DataStore& store, const std::string& language,
                            const SourcePos& pos, Interpolated* out, Diagnostics& diags);

/// The value of {{ expr }} as text, "" when it has an error (reported where it is rendered).
std::string interpolation_text(std::string_view expr, const DataStore& store, const std::string& language);

/// Replaces every {{ … }} in text (a plain string such as a cover highlight) with its value;
/// data sets used are added to deps when not null.
std::string interpolate_plain(std::string_view text, const DataStore& store, const std::string& language,
                              const SourcePos& pos, std::set<std::string>* deps, Diagnostics& diags);

}  // namespace annalist
