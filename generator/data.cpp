#include "data.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "csv.h"
#include "json_scan.h"
#include "numfmt.h"
#include "text.h"
#include "yaml_util.h"

namespace annalist {

namespace {

const KeySchema kCatalogFields = {"catalog field", "", "known fields", {"title", "source", "origin", "unit", "note"}};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// "ch01/indicators.csv" → ("ch01/indicators", "csv"); no extension → ext "".
void split_extension(std::string_view rel, std::string* stem, std::string* ext) {
  size_t slash = rel.rfind('/');
  size_t dot = rel.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) || dot == 0 ||
      (slash != std::string_view::npos && dot == slash + 1)) {
    *stem = std::string(rel);
    ext->clear();
    return;
  }
  *stem = std::string(rel.substr(0, dot));
  *ext = lower(std::string(rel.substr(dot + 1)));
}

std::string format_of(const std::string& ext) {
  if (ext == "csv") return "csv";
  if (ext == "json") return "json";
  if (ext == "yaml" || ext == "yml") return "yaml";
  return "";
}

ColumnType type_of_column(const std::vector<std::vector<std::string>>& rows, size_t c) {
  bool any = false, all_number = true, all_percent = true;
  for (const auto& row : rows) {
    std::string_view cell = trim(row[c]);
    if (cell.empty()) continue;
    any = true;
    double v;
    if (all_number && !parse_number(cell, &v)) all_number = false;
    if (all_percent && !parse_percent(cell, &v)) all_percent = false;
    if (!all_number && !all_percent) break;
  }
  if (!any) return ColumnType::kText;
  if (all_number) return ColumnType::kNumber;
  if (all_percent) return ColumnType::kPercent;
  return ColumnType::kText;
}

// A cell's JSON value: integers stay integers ("2022" → 2022, not 2022.0).
nlohmann::json number_json(std::string_view text, double v) {
  bool integral = text.find_first_of(".eE") == std::string_view::npos;
  if (integral && std::fabs(v) < 9e15) return static_cast<long long>(v);
  return v;
}

bool load_csv(DataSet* out, std::string_view text, Diagnostics& diags) {
  CsvTable t;
  if (!parse_csv(text, out->file, &t, diags)) return false;
  out->format = "csv";
  for (size_t c = 0; c < t.header.size(); ++c) out->columns.push_back({t.header[c], type_of_column(t.rows, c)});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : t.rows) {
    nlohmann::json obj = nlohmann::json::object();
    for (size_t c = 0; c < row.size(); ++c) {
      std::string_view cell = trim(row[c]);
      const Column& col = out->columns[c];
      double v = 0;
      if (cell.empty()) obj[col.name] = nullptr;
      else if (col.type == ColumnType::kNumber && parse_number(cell, &v)) obj[col.name] = number_json(cell, v);
      else if (col.type == ColumnType::kPercent && parse_percent(cell, &v))
        obj[col.name] = number_json(cell.substr(0, cell.size() - 1), v);
      else obj[col.name] = row[c];
    }
    rows.push_back(std::move(obj));
  }
  out->value = std::move(rows);
  out->cells = std::move(t.rows);
  out->row_lines = std::move(t.row_lines);
  return true;
}

bool check_utf8(const DataSet& ds, std::string_view text, Diagnostics& diags) {
  size_t bad = 0;
  if (utf8_valid(text, &bad)) return true;
  int line = 0, col = 0;
  line_col(text, bad, &line, &col);
  diags.error({ds.file, line, col}, "invalid UTF-8 in data file", "save the file as UTF-8 text");
  return false;
}

SourcePos pos_at(const DataSet& ds, std::string_view text, size_t off) {
  int line = 0, col = 0;
  line_col(text, std::min(off, text.size()), &line, &col);
  return {ds.file, line, col};
}

// Nesting and repeated keys, which the parser takes silently (the last key would win).
bool check_json_structure(const DataSet& ds, std::string_view text, const JsonScan& scan, Diagnostics& diags) {
  if (scan.too_deep != std::string_view::npos) {
    diags.error(pos_at(ds, text, scan.too_deep),
                "JSON nested more than " + std::to_string(kMaxDataNesting) + " levels deep",
                "flatten the data: charts, tables and {{ data… }} read a few levels at most");
    return false;
  }
  for (const auto& d : scan.duplicates) {
    SourcePos first = pos_at(ds, text, d.first);
    diags.error(pos_at(ds, text, d.again),
                "duplicate key '" + d.key + "' (first at line " + std::to_string(first.line) + ", column " +
                    std::to_string(first.col) + ")",
                "a key appears once in an object: remove or rename one of them");
  }
  return scan.duplicates.empty();
}

bool load_json(DataSet* out, std::string_view text, Diagnostics& diags) {
  out->format = "json";
  if (!check_utf8(*out, text, diags)) return false;
  JsonScan scan = scan_json(text, kMaxDataNesting);
  if (scan.too_deep != std::string_view::npos) return check_json_structure(*out, text, scan, diags);
  try {
    out->value = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    size_t off = e.byte > 0 ? e.byte - 1 : 0;
    std::string msg = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …"
    size_t p = msg.find(": ", msg.find("parse error"));
    if (p != std::string::npos) msg = msg.substr(p + 2);
    diags.error(pos_at(*out, text, off), "JSON syntax error: " + msg, "check commas, brackets and quotes");
    return false;
  } catch (const nlohmann::json::exception& e) {
    // out_of_range 406: "number overflow parsing '4e2222'"; it carries no position: find it.
    std::string msg = e.what();
    size_t p = msg.find("] ");
    if (p != std::string::npos) msg = msg.substr(p + 2);
    size_t at = find_json_number_overflow(text);
    diags.error(at == std::string_view::npos ? SourcePos{out->file, 1, 1} : pos_at(*out, text, at),
                "JSON value out of range: " + msg, "write the number as a string: \"4e400\"");
    return false;
  }
  return check_json_structure(*out, text, scan, diags);
}

bool load_yaml(DataSet* out, std::string_view text, Diagnostics& diags) {
  out->format = "yaml";
  if (!check_utf8(*out, text, diags)) return false;
  YAML::Node node;
  if (!parse_yaml(text, out->file, 0, &node, diags)) return false;
  try {
    out->value = yaml_to_json(node);
  } catch (const YAML::Exception& e) {
    diags.error({out->file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0},
                "unsupported YAML: " + e.msg, "use plain mappings, lists and scalars");
    return false;
  }
  return true;
}

std::string json_cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

}  // namespace

const DataSet* DataStore::find(const std::string& path) const {
  auto it = sets.find(path);
  return it == sets.end() ? nullptr : it->second.get();
}

std::vector<std::string> DataStore::paths() const {
  std::vector<std::string> out;
  out.reserve(sets.size());
  for (const auto& [p, _] : sets) out.push_back(p);
  return out;
}

bool is_data_file(std::string_view rel_path) {
  for (const auto& part : split(rel_path, '/'))
    if (part.empty() || part[0] == '_' || part[0] == '.') return false;
  std::string stem, ext;
  split_extension(rel_path, &stem, &ext);
  return !format_of(ext).empty();
}

bool load_data_file(const std::string& rel_path, const std::string& display_file, std::string_view text,
                    DataSet* out, Diagnostics& diags) {
  *out = DataSet{};
  std::string ext;
  split_extension(rel_path, &out->path, &ext);
  out->file = display_file;
  out->raw = std::string(text);
  std::string fmt = format_of(ext);
  if (fmt == "csv") return load_csv(out, text, diags);
  if (fmt == "json") return load_json(out, text, diags);
  if (fmt == "yaml") return load_yaml(out, text, diags);
  diags.error({display_file, 0, 0}, "unsupported data file type '" + (ext.empty() ? rel_path : "." + ext) + "'",
              "data files are .csv, .json, .yaml or .yml; rename the file to start with '_' to keep it out");
  return false;
}

bool add_data_set(DataStore& store, DataSet set, Diagnostics& diags) {
  return add_data_set(store, std::make_shared<const DataSet>(std::move(set)), diags);
}

bool add_data_set(DataStore& store, std::shared_ptr<const DataSet> set, Diagnostics& diags) {
  auto it = store.sets.find(set->path);
  if (it != store.sets.end()) {
    diags.error({set->file, 0, 0}, "two data files for data set '" + set->path + "'",
                "also " + it->second->file + "; rename one of them");
    return false;
  }
  store.sets.emplace(set->path, std::move(set));
  return true;
}

void apply_catalog(const std::string& dir, const std::string& display_file, std::string_view text,
                   DataStore& store, Diagnostics& diags) {
  YAML::Node root;
  if (!parse_yaml(text, display_file, 0, &root, diags)) return;
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) {
    diags.error(yaml_pos(root, display_file, 0), "_catalog.yml must map data set names to descriptions",
                "e.g.\n    indicators:\n      title: 2022年主要指标\n      source: 国家统计局");
    return;
  }
  const std::string prefix = dir.empty() ? "" : dir + "/";
  std::vector<std::string> here;  // data sets of this folder and below, relative to it
  for (const auto& [p, _] : store.sets)
    if (p.compare(0, prefix.size(), prefix) == 0) here.push_back(p.substr(prefix.size()));
  for (const auto& kv : root) {
    std::string key = yaml_scalar(kv.first);
    DataSet* ds = nullptr;
    auto it = store.sets.find(prefix + key);
    if (it != store.sets.end()) {  // the shared set is not changed: a copy takes the catalog's fields
      auto copy = std::make_shared<DataSet>(*it->second);
      ds = copy.get();
      it->second = std::move(copy);
    }
    if (!ds) {
      std::string hint = did_you_mean(key, here);
      if (hint.empty())
        hint = "keys are data file names in this folder without extension" +
               std::string(here.empty() ? "" : ", e.g. '" + here.front() + "'");
      diags.warning(yaml_pos(kv.first, display_file, 0), "no data set '" + prefix + key + "' for this catalog entry",
                    hint);
    }
    if (!kv.second.IsMap()) {
      diags.error(yaml_pos(kv.second.IsDefined() && !kv.second.IsNull() ? kv.second : kv.first, display_file, 0),
                  "catalog entry '" + key + "' must be a mapping", "give title, source, origin, unit or note");
      continue;
    }
    for (const auto& f : kv.second) {
      std::string name = yaml_scalar(f.first);
      if (!check_key(kCatalogFields, name, yaml_pos(f.first, display_file, 0), diags)) continue;
      if (!f.second.IsScalar() && !f.second.IsNull()) {
        diags.error(yaml_pos(f.second, display_file, 0), "catalog field '" + name + "' must be text");
        continue;
      }
      if (!ds) continue;
      std::string v = yaml_scalar(f.second);
      if (name == "title") ds->title = v;
      else if (name == "source") ds->source = v;
      else if (name == "origin") ds->origin = v, ds->origin_pos = yaml_pos(f.second, display_file, 0);
      else if (name == "unit") ds->unit = v;
      else ds->note = v;
    }
  }
}

const DataSet* lookup_data(const DataStore& store, const std::string& path, const SourcePos& pos,
                           Diagnostics& diags) {
  if (path.empty()) {
    diags.error(pos, "empty data path", "write the data file's path without extension, e.g. ch01/indicators");
    return nullptr;
  }
  bool outside = path[0] == '/' || path[0] == '\\' || (path.size() > 1 && path[1] == ':');
  for (const auto& part : split(path, '/'))
    if (part == "..") outside = true;
  if (outside) {
    diags.error(pos, "data path '" + path + "' leaves the data directory",
                "write the path inside the data directory, e.g. ch01/indicators");
    return nullptr;
  }
  std::string clean = path.compare(0, 2, "./") == 0 ? path.substr(2) : path;
  if (const DataSet* ds = store.find(clean)) return ds;
  std::string stem, ext;
  split_extension(clean, &stem, &ext);
  if (!format_of(ext).empty() && store.find(stem)) {
    diags.error(pos, "data path '" + path + "' has a file extension", "write '" + stem + "'");
    return nullptr;
  }
  std::vector<std::string> all = store.paths();
  std::string hint = did_you_mean(clean, all);
  if (hint.empty()) {
    // The same file name in exactly one folder: "indicators" → "ch01/indicators".
    std::vector<std::string> same;
    for (const auto& p : all)
      if (p.size() > clean.size() && p.compare(p.size() - clean.size(), clean.size(), clean) == 0 &&
          p[p.size() - clean.size() - 1] == '/')
        same.push_back(p);
    if (same.size() == 1) hint = "did you mean '" + same[0] + "'?";
  }
  if (hint.empty()) hint = "data paths are file paths inside the data directory, without extension";
  diags.error(pos, "unknown data set '" + path + "'", hint);
  return nullptr;
}

int column_index(const DataSet& set, const std::string& name) {
  for (size_t i = 0; i < set.columns.size(); ++i)
    if (set.columns[i].name == name) return static_cast<int>(i);
  return -1;
}

SourcePos cell_pos(const DataSet& set, size_t row, size_t col) {
  if (set.format != "csv" || row >= set.row_lines.size()) return {set.file, 0, 0};
  return csv_field_pos(set.raw, set.file, set.row_lines[row], col);
}

const DataSet* as_table(const DataSet& set, DataSet* scratch, std::string* why) {
  if (set.format == "csv") return &set;
  const nlohmann::json& v = set.value;
  if (!v.is_array() || v.empty()) {
    *why = set.path + " is not a list of rows";
    return nullptr;
  }
  *scratch = DataSet{};
  scratch->path = set.path;
  scratch->file = set.file;
  scratch->format = set.format;
  scratch->title = set.title, scratch->source = set.source, scratch->unit = set.unit;
  std::vector<std::string> names;
  for (const auto& row : v) {
    if (!row.is_object()) {
      *why = set.path + " is a list, but not of key-value rows";
      return nullptr;
    }
    for (const auto& [k, _] : row.items())
      if (std::find(names.begin(), names.end(), k) == names.end()) names.push_back(k);
  }
  for (const auto& row : v) {
    std::vector<std::string> cells;
    for (const auto& k : names) {
      if (!row.contains(k)) {
        cells.emplace_back();
        continue;
      }
      const auto& x = row[k];
      if (x.is_object() || x.is_array()) {
        *why = "field '" + k + "' of " + set.path + " holds a nested value";
        return nullptr;
      }
      cells.push_back(json_cell(x));
    }
    scratch->cells.push_back(std::move(cells));
  }
  for (size_t c = 0; c < names.size(); ++c) scratch->columns.push_back({names[c], type_of_column(scratch->cells, c)});
  scratch->value = v;
  return scratch;
}

}  // namespace annalist
