#pragma once
// The keys a YAML mapping may hold (report.yml, front matter, data catalogs, chart/table/figure
// blocks), and one way to report a key that is none of them: "unknown … 'key'" with a
// did-you-mean hint, else the list of keys.
#include <string>
#include <vector>

#include "diagnostic.h"

namespace annalist {

/// The allowed keys of one kind of YAML mapping.
struct KeySchema {
  const char* noun;       ///< what a key is called in "unknown NOUN 'key'": "chart field", "key", …
  const char* where;      ///< written after the key: "" or " in report.yml"
  const char* list_name;  ///< hint when no key is close: "LIST_NAME: a, b, c"; null: no hint
  std::vector<std::string> keys;  ///< the allowed keys, in the order the hint lists them
};

/// True when key is one of the schema's; else reports it at pos and returns false.
bool check_key(const KeySchema& schema, const std::string& key, const SourcePos& pos, Diagnostics& diags);

/// The names joined with ", ", for hints such as "chart fields: id, type, …".
std::string list_of(const std::vector<std::string>& names);

}  // namespace annalist
