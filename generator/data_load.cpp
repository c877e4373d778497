#include "data_load.h"

#include <optional>

#include "parallel.h"
#include "hash.h"

namespace annalist {

namespace {

// One data file: read and parsed on a worker thread, its diagnostics kept apart until merged.
struct Item {
  std::string rel, file;
  bool readable = false, loaded = false;
  DataSet ds;
  Diagnostics diags;
};

// The data set `previous` holds for the same file, when it can be reused.
const DataSet* known_set(const DataStore* previous, const Item& it) {
  if (!previous) return nullptr;
  auto k = previous->sets.find(it.rel.substr(0, it.rel.rfind('.')));
  if (k != previous->sets.end() && k->second.file == it.file && !k->second.raw_hash.empty()) return &k->second;
  return nullptr;
}

// A known set, reused: the catalog's fields are applied again after loading.
void reuse(const DataSet& known, DataSet* ds) {
  *ds = known;
  ds->title.clear(), ds->source.clear(), ds->origin.clear(), ds->origin_pos = {}, ds->unit.clear(), ds->note.clear();
}

// Reads and parses one file; an untouched file (same stamp, or same bytes) is not parsed again.
void load_item(Item& it, const std::string& root, const FileSystem& fs, const DataStore* previous) {
  const DataSet* known = known_set(previous, it);
  auto stamp = known ? fs.stamp(it.file) : std::nullopt;
  if (known && stamp && stamp->inode != 0 && known->stamp == *stamp) {
    it.readable = it.loaded = true;
    reuse(*known, &it.ds);  // not touched since it was read
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
  if (known && known->raw == *bytes) {
    reuse(*known, &it.ds);  // unchanged since the last build: no need to parse it again
  } else if (!load_data_file(it.rel, it.file, *bytes, &it.ds, it.diags)) {
    return;
  } else {
    it.ds.raw_hash = hash_hex(*bytes);
  }
  it.ds.stamp = stamp ? *stamp : FileStamp{};
  it.loaded = true;
}

}  // namespace

LoadedData load_data_dir(const Config& c, const FileSystem& fs, const DataStore* previous, int jobs,
                         Diagnostics& diags) {
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
  parallel_for(items.size(), jobs, [&](size_t i) { load_item(items[i], root, fs, previous); });
  for (Item& it : items) {
    if (it.readable) out.files.push_back(it.file);
    diags.merge(it.diags);
    if (!it.loaded) continue;
    std::string key = it.ds.path, hash = it.ds.raw_hash;
    if (add_data_set(out.data, std::move(it.ds), diags)) out.data_hash[key] = std::move(hash);
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
