#include "static_files.h"

#include "hash.h"

namespace annalist {

namespace {

// What the generator itself writes: a static file there would be lost or would replace it.
bool generated_path(const std::string& p) {
  for (const char* dir : {"chapters/", "images/", "assets/", "data/", "search/"})
    if (p.rfind(dir, 0) == 0) return true;
  for (const char* file : {"index.html", "figures.html", "data.html", "search.html", "404.html", "print.html",
                           "search-index.js", "sitemap.xml", ".annalist-site"})
    if (p == file) return true;
  return false;
}

bool hidden(const std::string& rel) { return rel[0] == '.' || rel.find("/.") != std::string::npos; }

}  // namespace

std::vector<StaticFile> load_static_files(const Config& c, const FileSystem& fs, Diagnostics& diags) {
  std::vector<StaticFile> out;
  std::string root = c.root.empty() ? "." : c.root;
  std::string dir = path_join(c.root, "static");
  if (!fs.resolves_inside(root, dir)) {
    diags.error({dir, 0, 0}, "static/ leads outside the project directory (symbolic link)",
                "copy the files into the project instead of linking to them");
    return out;
  }
  std::vector<std::string> special;
  std::vector<std::string> listed = fs.list_files(dir, &special);
  for (const auto& rel : special)
    if (!hidden(rel)) diags.error({path_join(dir, rel), 0, 0}, "static file is not a regular file", "remove it from static/");
  for (const auto& rel : listed) {
    if (hidden(rel)) continue;
    std::string file = path_join(dir, rel);
    if (generated_path(rel)) {
      diags.error({file, 0, 0}, "static file '" + rel + "' would take the place of a file the site makes",
                  "move it to another folder of static/, e.g. static/files/" + rel.substr(rel.rfind('/') + 1));
      continue;
    }
    std::string why;
    auto bytes = fs.read_input(root, file, &why);
    if (!bytes) {
      diags.error({file, 0, 0}, "static file " + why, "put the file itself into static/");
      continue;
    }
    std::string hash = hash_hex(*bytes);
    out.push_back({rel, file, std::make_shared<const std::string>(std::move(*bytes)), std::move(hash)});
  }
  return out;
}

std::string extra_asset_site_path(const AssetRef& a) { return "assets/extra/" + a.path; }

std::vector<StaticFile> load_extra_assets(const Config& c, const FileSystem& fs, Diagnostics& diags) {
  std::vector<StaticFile> out;
  std::string root = c.root.empty() ? "." : c.root;
  for (const auto* list : {&c.extra_css, &c.extra_js})
    for (const AssetRef& a : *list) {
      std::string site_path = extra_asset_site_path(a);
      bool seen = false;
      for (const auto& f : out) seen = seen || f.site_path == site_path;
      if (seen) continue;
      std::string why, file = path_join(c.root, a.path);
      auto bytes = fs.read_input(root, file, &why);
      if (!bytes) {
        diags.error(a.pos, "'" + a.path + "' " + why, "the path is relative to report.yml");
        continue;
      }
      std::string hash = hash_hex(*bytes);
      out.push_back({site_path, file, std::make_shared<const std::string>(std::move(*bytes)), std::move(hash)});
    }
  return out;
}

}  // namespace annalist
