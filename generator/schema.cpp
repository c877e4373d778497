#include "schema.h"

#include <algorithm>

namespace annalist {

bool check_key(const KeySchema& schema, const std::string& key, const SourcePos& pos, Diagnostics& diags) {
  if (std::find(schema.keys.begin(), schema.keys.end(), key) != schema.keys.end()) return true;
  std::string hint = did_you_mean(key, schema.keys);
  if (hint.empty() && schema.list_name) hint = std::string(schema.list_name) + ": " + list_of(schema.keys);
  diags.error(pos, std::string("unknown ") + schema.noun + " '" + key + "'" + schema.where, hint);
  return false;
}

std::string list_of(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& x : names) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace annalist
