#include "data_load.h"

#include <optional>

#include "parallel.h"
#include "hash.h"

namespace annalist {

namespace {

// One data file: read and parsed on a worker thread, its diagnostics kept apart until merged.
struct Item {
  std::string rel, file;
  bool readable = false;
  std::shared_ptr<const DataSet> ds;  ///< null: not loaded
  Diagnostics diags;
};

// The set (before the catalogs) `previous` holds for the same file, when it can be reused.
const std::shared_ptr<const DataSet>* known_set(const DataStore* previous, const Item& it) {
  if (!previous) return nullptr;
  auto k = previous->loaded.find(it.rel.substr(0, it.rel.rfind('.')));
  if (k != previous->loaded.end() && k->second->file == it.file && !k->second->raw_hash.empty()) return &k->second;
  return nullptr;
}

// Reads and parses one file; an untouched file (same stamp, or same bytes) is not parsed again
// but shared with the last load.
void load_item(Item& it, const std::string& root, const FileSystem& fs, const DataStore* previous,
               const std::set<std::string>* changed) {
  const std::shared_ptr<const DataSet>* known = known_set(previous, it);
  if (known && reported_unchanged((*known)->stamp, changed, it.file)) {
    it.readable = true;
    it.ds = *known;  // the watcher reported it unchanged then, and no change of it since
    return;
  }
  auto stamp = known ? fs.stamp(it.file) : std::nullopt;
  if (known && stamp && stamp->inode != 0 && (*known)->stamp == *stamp) {
    it.readable = true;
    it.ds = *known;  // not touched since it was read
    return;
  }
  std::string why;
  auto bytes = fs.read_input(root, it.file, &why);
  if (!bytes) {
    if (why != "does not exist")  // else removed since the directory was listed
      it.diags.error({it.file, 1, 1}, "data file '" + it.rel + "' " + why,
                     "data files are CSV, JSON or YAML text files; remove it, or rename it to start with '_'");
    return;
  }
  it.readable = true;
  DataSet ds;
  if (known && (*known)->raw == *bytes) {
    ds = **known;  // unchanged since the last build: no need to parse it again
  } else if (!load_data_file(it.rel, it.file, *bytes, &ds, it.diags)) {
    return;
  } else {
    ds.raw_hash = hash_hex(*bytes);
  }
  ds.stamp = stamp ? *stamp : FileStamp{};
  it.ds = std::make_shared<const DataSet>(std::move(ds));
}

}  // namespace

LoadedData load_data_dir(const Config& c, const FileSystem& fs, const DataStore* previous, int jobs,
                         Diagnostics& diags, const std::set<std::string>* changed) {
  LoadedData out;
  if (!path_is_contained(c.data_dir)) {
    diags.error(c.data_pos, "data directory '" + c.data_dir + "' leaves the project directory",
                "use a path inside the project, e.g. data: data");
    return out;
  }
  std::string dir = path_join(c.root, c.data_dir);
  if (!fs.resolves_inside(c.root, dir)) {
    diags.error(c.data_pos, "data directory '" + c.data_dir + "' leads outside the project directory (symbolic link)",
                "copy the data into the project instead of linking to it");
    return out;
  }
  if (fs.is_file(dir)) {
    diags.error(c.data_pos, "data directory '" + c.data_dir + "' is a file, not a folder",
                "name the folder that holds the data files (CSV, JSON, YAML), e.g. data: data");
    return out;
  }
  std::vector<std::pair<std::string, std::string>> catalogs;  // folder, file
  std::vector<Item> items;
  // Named pipes, sockets and devices with a data file's name are listed too: reading them is
  // refused with an error (a pipe would block the build forever).
  std::vector<std::string> special;
  std::vector<std::string> listed = fs.list_files(dir, &special);
  listed.insert(listed.end(), special.begin(), special.end());
  items.reserve(listed.size());
  for (const auto& rel : listed) {
    std::string name = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
    std::string file = path_join(dir, rel);
    if (name == "_catalog.yml") {
      catalogs.emplace_back(path_dir(rel), file);
      continue;
    }
    if (!is_data_file(rel)) continue;
    items.emplace_back();
    items.back().rel = rel;
    items.back().file = std::move(file);
  }
  // A folder other than the default, named in report.yml, is expected to hold data: a typo?
  if (items.empty() && catalogs.empty() && c.data_dir != "data")
    diags.warning(c.data_pos, "data directory '" + c.data_dir + "' holds no data files (is it missing?)",
                  "put CSV, JSON or YAML files there, or remove the data: line");
  std::string root = c.root.empty() ? "." : c.root;
  parallel_for(items.size(), jobs, [&](size_t i) { load_item(items[i], root, fs, previous, changed); });
  for (Item& it : items) {
    if (it.readable) out.files.push_back(it.file);
    diags.merge(it.diags);
    if (!it.ds) continue;
    std::string key = it.ds->path;
    if (add_data_set(out.data, it.ds, diags)) {
      out.data_hash[key] = it.ds->raw_hash;
      out.data.loaded[key] = std::move(it.ds);
    }
  }
  for (const auto& [folder, file] : catalogs) {
    std::string why;
    auto bytes = fs.read_input(root, file, &why);
    if (!bytes) {
      if (why != "does not exist") diags.error({file, 1, 1}, "data catalog " + why, "make _catalog.yml a YAML text file");
      continue;
    }
    out.files.push_back(file);
    apply_catalog(folder, file, *bytes, out.data, diags);
    for (auto& [k, h] : out.data_hash) h = hash_hex(h + *bytes);
  }
  return out;
}

}  // namespace annalist
