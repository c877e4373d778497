#pragma once
// Data sets (CSV/JSON/YAML files under the data directory) and the store that holds them.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "fs.h"

namespace annalist {

/// How deep lists and mappings may nest in JSON and YAML data (deeper is a located error).
constexpr size_t kMaxDataNesting = 100;

/// What a CSV column holds, judged from its non-empty cells.
enum class ColumnType {
  kNumber,   ///< every non-empty cell is a number ("1,105.8" allowed)
  kPercent,  ///< every non-empty cell is a number followed by '%'
  kText,     ///< anything else (also a column with no values at all)
};

/// One CSV column.
struct Column {
  std::string name;                      ///< header text, trimmed
  ColumnType type = ColumnType::kText;   ///< typed by content
};

/// One data file, parsed.
struct DataSet {
  std::string path;              ///< "ch01/indicators": path inside the data dir, no extension
  std::string file;              ///< display path of the source file, e.g. "content/data/ch01/indicators.csv"
  std::string format;            ///< "csv", "json" or "yaml"
  nlohmann::json value;          ///< csv: array of row objects (numbers, percents without %, text; empty → null); json/yaml: the document
  std::vector<Column> columns;   ///< csv only
  std::vector<std::vector<std::string>> cells;  ///< csv only: raw cell text per row (for display exactly as written)
  std::vector<int> row_lines;    ///< csv only: 1-based source line of each row
  std::string raw;               ///< the file's bytes (csv: offered as download)
  std::string title, source, origin, unit, note;  ///< from _catalog.yml when present
  SourcePos origin_pos;          ///< where origin was written (check --origins notes it there)
  FileStamp stamp;               ///< the file's stamp when read (zero: unknown)
  std::string raw_hash;          ///< hash_hex of raw (set by load_project)
};

/// Every data set of a build, by path.
struct DataStore {
  /// Keyed by DataSet::path; shared, never changed (a rebuild shares the sets whose files did not change).
  std::map<std::string, std::shared_ptr<const DataSet>> sets;
  /// The same sets before the catalogs were applied (what the next load reuses); may be empty.
  std::map<std::string, std::shared_ptr<const DataSet>> loaded;

  /// The set at path ("ch01/indicators"), or null.
  const DataSet* find(const std::string& path) const;
  /// All paths, sorted (candidates for did-you-mean).
  std::vector<std::string> paths() const;
};

/// True for a path (relative to the data dir) that names a data file: a .csv, .json, .yaml or
/// .yml file with no path component starting with '_'.
bool is_data_file(std::string_view rel_path);

/// Parses one file's text; rel_path is relative to the data dir WITH extension ("ch01/indicators.csv").
bool load_data_file(const std::string& rel_path, const std::string& display_file, std::string_view text,
                    DataSet* out, Diagnostics& diags);

/// Adds a loaded set; a second file for the same path (x.csv and x.json) is an error.
bool add_data_set(DataStore& store, DataSet set, Diagnostics& diags);
/// Adds a loaded set as above, shared.
bool add_data_set(DataStore& store, std::shared_ptr<const DataSet> set, Diagnostics& diags);

/// Applies a _catalog.yml found in folder `dir` ("" for the data root, "ch01" …) to the store:
/// keys relative to dir; unknown fields (title, source, origin, unit, note are known) → error
/// with did-you-mean; a key naming no data set → warning with did-you-mean.
void apply_catalog(const std::string& dir, const std::string& display_file, std::string_view text,
                   DataStore& store, Diagnostics& diags);

/// Resolves a user-written data path to a set; error at pos with did-you-mean when unknown;
/// paths with "..", absolute paths and paths with an extension are refused.
const DataSet* lookup_data(const DataStore& store, const std::string& path, const SourcePos& pos,
                           Diagnostics& diags);

/// Index of the column named name in a CSV set, or -1.
int column_index(const DataSet& set, const std::string& name);
/// Where cell (row, col) of a CSV set is written: file:line:col.
SourcePos cell_pos(const DataSet& set, size_t row, size_t col);
/// The set as CSV-like columns and cells: a CSV set itself, or a JSON/YAML list of flat
/// objects converted into *scratch (row_lines stay empty). Null with *why set otherwise.
const DataSet* as_table(const DataSet& set, DataSet* scratch, std::string* why);

}  // namespace annalist
