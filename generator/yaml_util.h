#pragma once
// yaml-cpp at the edge: parse with located errors, convert to JSON, map marks to SourcePos.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "schema.h"

namespace annalist {

/// How deep lists and mappings may nest in any YAML text (deeper is a located error).
constexpr size_t kMaxYamlNesting = 100;

/// Parses YAML text; a syntax error becomes a diagnostic at file:(line+line_offset):col, as do a
/// key repeated in one mapping and nesting deeper than kMaxYamlNesting (check_yaml_tree).
bool parse_yaml(std::string_view text, const std::string& file, int line_offset, YAML::Node* out,
                Diagnostics& diags);
/// Errors for a key written twice in one mapping (naming the first) and for nesting deeper than
/// kMaxYamlNesting; true when there are none.
bool check_yaml_tree(const YAML::Node& root, const std::string& file, int line_offset, Diagnostics& diags);
/// Where node starts, as a SourcePos in file with line_offset added.
SourcePos yaml_pos(const YAML::Node& node, const std::string& file, int line_offset);
/// The node as JSON: plain scalars that look like numbers/booleans/null become those types.
/// Throws YAML::ParserException for a list/mapping key, nesting over kMaxYamlNesting deep (an alias cycle)
/// or over a million values (an alias bomb).
nlohmann::json yaml_to_json(const YAML::Node& node);
/// The scalar's text, or "" when the node is not a scalar.
std::string yaml_scalar(const YAML::Node& node);
/// Where node of a YAML block is, given where the block's first line is (its line and column offsets added).
SourcePos yaml_block_pos(const YAML::Node& node, const SourcePos& block);

}  // namespace annalist
