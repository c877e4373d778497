#pragma once
// Fenced blocks that are figures (```chart, ```table, ```figure): one entry per kind in a table
// of {name, parse, render}, like cmark-gfm's extensions.
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "chart.h"
#include "diagnostic.h"
#include "table_block.h"

namespace annalist {

struct DataStore;
struct FencedKind;

/// A fenced figure block whose YAML was read.
struct FencedBlock {
  const FencedKind* kind = nullptr;  ///< what the block is
  bool parsed = false;               ///< the YAML is a valid spec (the block declares a figure)
  bool table = false;                ///< numbered as a table (表), else as a figure (图)
  std::string id;                    ///< figure id (when parsed)
  std::string title;                 ///< caption (set by resolve_block_text)
  std::string search;                ///< its text for the search index, after the label (likewise)
  SourcePos first;                   ///< the block's first YAML line
  std::variant<std::monostate, ChartSpec, TableSpec, FigureSpec> spec;  ///< the parsed spec
};

/// What rendering a figure block needs.
struct FencedEnv {
  const DataStore& data;          ///< loaded data sets
  const FigureText& text;         ///< caption texts
  std::set<std::string>& deps;    ///< data sets used, added to
  Diagnostics& diags;             ///< problems found
  std::vector<SiteFile>* files = nullptr;  ///< files the page adds to the site (a chart's SVG); null: none
  ScreenOnly* screen = nullptr;  ///< where the figure's screen-only parts are marked; null: nowhere
};

/// One kind of fenced figure block.
struct FencedKind {
  const char* name;  ///< the fence's info string
  bool table;        ///< numbered as a table (表), else as a figure (图)
  /// Reads the YAML into out->spec and id; false (with diagnostics) when invalid.
  bool (*parse)(std::string_view yaml, const SourcePos& first, FencedBlock* out, Diagnostics& diags);
  /// The block as a <figure> with its label; "" (with diagnostics) when it cannot be shown.
  std::string (*render)(const FencedBlock& block, const std::string& label, FencedEnv& env);
};

/// The kind of fenced block with this info string (surrounding spaces ignored), or null.
const FencedKind* fenced_kind(std::string_view info);

/// Reads a fenced figure block; `first` is its first YAML line.
FencedBlock parse_fenced_block(const FencedKind& kind, std::string_view yaml, const SourcePos& first,
                               Diagnostics& diags);

/// Fills in a parsed block's texts from the data: {{ … }} in its title (caption), source and note
/// are replaced by their values (data sets used added to deps), and a chart or table without a
/// title takes its data set's title from _catalog.yml.
void resolve_block_text(FencedBlock& b, const DataStore& data, const std::string& language,
                        std::set<std::string>* deps, Diagnostics& diags);

}  // namespace annalist
