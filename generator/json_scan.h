#pragma once
// A pass over JSON text for what nlohmann's parser does not report with a position: nesting
// deeper than a limit, a key repeated in one object, a number too large for a double.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace annalist {

/// A key written twice in one object.
struct JsonDuplicateKey {
  std::string key;     ///< the key, escapes decoded
  size_t first = 0;    ///< byte offset of its first occurrence (the opening quote)
  size_t again = 0;    ///< byte offset of the repeat
};

/// What scan_json found. Meant for text that then goes to a real parser: on text that is not
/// JSON the scan stops early or finds nothing, and the parser reports the syntax error.
struct JsonScan {
  size_t too_deep = std::string_view::npos;  ///< offset of the first '[' or '{' past max_depth
  std::vector<JsonDuplicateKey> duplicates;  ///< in text order (empty when too_deep is set)
};

/// Scans text in one pass, without recursion.
JsonScan scan_json(std::string_view text, size_t max_depth);

/// The offset of the first number whose value does not fit a double (1e400), or npos.
size_t find_json_number_overflow(std::string_view text);

}  // namespace annalist
