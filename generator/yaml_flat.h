#pragma once
// A fast path for the YAML that chart, table and figure blocks, front matter and most data
// catalogs are written in: one `key: value` per line at the left margin, values plain or
// simply quoted scalars, one-line flow lists and mappings ([a, b], {k: v}), or a block list
// of such scalars and flow mappings (a table block's columns).
//
// yaml-cpp's scanner costs more than rendering the Markdown of a chart block. For text in this
// subset, parse_flat_yaml builds the same node tree yaml-cpp would (types, scalars, plain or
// quoted, and every node's line and column, which the node carries in its tag because yaml-cpp
// cannot set a mark); for anything else it returns false and yaml-cpp parses the text.
// tests/yaml_flat_test.cpp checks the trees against yaml-cpp's.
#include <yaml-cpp/yaml.h>

#include <string_view>

namespace annalist {

/// Builds *out from text when text is in the subset above; false (and *out untouched) otherwise.
bool parse_flat_yaml(std::string_view text, YAML::Node* out);

/// The 0-based line and column a node from parse_flat_yaml carries; false for other nodes.
bool flat_yaml_mark(const YAML::Node& node, int* line, int* col);

/// True when a scalar was quoted in the source (yaml-cpp's "!" tag), from either parser.
bool yaml_quoted(const YAML::Node& node);

}  // namespace annalist
