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

/// Parses YAML text; a syntax error becomes a diagnostic at file:(line+line_offset):col.
bool parse_yaml(std::string_view text, const std::string& file, int line_offset, YAML::Node* out,
                Diagnostics& diags);
/// Where node starts, as a SourcePos in file with line_offset added.
SourcePos yaml_pos(const YAML::Node& node, const std::string& file, int line_offset);
/// The node as JSON: plain scalars that look like numbers/booleans/null become those types.
/// Throws YAML::ParserException for a list/mapping key, nesting over 500 deep (an alias cycle)
/// or over a million values (an alias bomb).
nlohmann::json yaml_to_json(const YAML::Node& node);
/// The scalar's text, or "" when the node is not a scalar.
std::string yaml_scalar(const YAML::Node& node);
/// Where node of a YAML block is, given where the block's first line is (its line and column offsets added).
SourcePos yaml_block_pos(const YAML::Node& node, const SourcePos& block);

}  // namespace annalist
