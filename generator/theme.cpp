#include "theme.h"

#include "chart_export.h"

#include <filesystem>

#include "hash.h"
#include "yaml_util.h"

namespace annalist {

std::string default_theme_dir(const std::string& argv0) {
  namespace stdfs = std::filesystem;
  if (const char* env = std::getenv("ANNALIST_TEMPLATES"); env && *env) return env;
  // Installed: share/annalist/templates beside bin/ (the path from the install rule).
  std::error_code ec;
  stdfs::path exe = stdfs::canonical("/proc/self/exe", ec);
  if (ec) exe = stdfs::absolute(argv0, ec);
  stdfs::path installed = exe.parent_path() / ANNALIST_INSTALLED_TEMPLATES;
  if (stdfs::is_regular_file(installed / "layout.mustache", ec)) return stdfs::weakly_canonical(installed, ec).string();
  // Not installed: the source tree the binary was built from.
  return ANNALIST_SOURCE_TEMPLATES;
}

bool load_theme(const std::string& default_dir, const std::string& user_dir, const std::string& language,
                const FileSystem& fs, Theme* out, Diagnostics& diags) {
  size_t before = diags.error_count();
  out->default_dir = default_dir;
  out->user_dir = user_dir;
  if (!fs.is_file(path_join(default_dir, "layout.mustache"))) {
    diags.error({default_dir, 0, 0}, "the built-in theme was not found",
                "set ANNALIST_TEMPLATES to the templates/ directory of annalist");
    return false;
  }
  std::string fp;
  // UI strings: templates/i18n/<lang>.yml, user's file overriding single keys.
  out->ui = nlohmann::json::object();
  for (const std::string& dir : {default_dir, user_dir}) {
    if (dir.empty()) continue;
    std::string p = path_join(dir, "i18n/" + language + ".yml");
    auto text = fs.read(p);
    if (!text) continue;
    out->files.push_back(p);
    fp += hash_hex(*text);
    YAML::Node n;
    if (!parse_yaml(*text, p, 0, &n, diags)) continue;
    nlohmann::json j;
    try {
      j = yaml_to_json(n);
    } catch (const YAML::Exception& e) {
      diags.error(yaml_pos(n, p, 0), "unsupported YAML: " + e.msg, "use plain mappings, lists and scalars");
      continue;
    }
    if (j.is_object())
      for (auto& [k, v] : j.items()) out->ui[k] = v;
  }
  out->strings = ui_strings(out->ui);
  // Assets: every file under assets/, the user's replacing same-named ones.
  std::map<std::string, std::string> assets;
  for (const std::string& dir : {default_dir, user_dir}) {
    if (dir.empty()) continue;
    for (const auto& rel : fs.list_files(path_join(dir, "assets"))) {
      std::string p = path_join(dir, "assets/" + rel);
      if (auto bytes = fs.read(p)) assets["assets/" + rel] = std::move(*bytes), out->files.push_back(p);
    }
    for (const auto& rel : fs.list_files(dir))
      if (rel.size() > 9 && rel.compare(rel.size() - 9, 9, ".mustache") == 0)
        if (auto t = fs.read(path_join(dir, rel))) fp += hash_hex(*t), out->files.push_back(path_join(dir, rel));
  }
  if (auto css = assets.find("assets/style.css"); css != assets.end())
    out->strings.figure.standalone_css = standalone_chart_css(css->second);
  for (auto& [k, v] : assets) {
    fp += hash_hex(v);
    out->assets.emplace_back(k, std::move(v));
  }
  out->fingerprint = hash_hex(fp);
  const FileSystem* fsp = &fs;
  std::string d = default_dir, u = user_dir;
  out->templates = std::make_shared<MustacheSet>(
      [fsp, d, u](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
        if (name.find("..") != std::string::npos || name.empty() || name[0] == '/') return std::nullopt;
        for (const std::string& dir : {u, d}) {
          if (dir.empty()) continue;
          std::string p = path_join(dir, name + ".mustache");
          if (auto t = fsp->read(p)) return std::make_pair(std::move(*t), p);
        }
        return std::nullopt;
      });
  return diags.error_count() == before;
}

std::string render_template(const Theme& theme, const std::string& name, const nlohmann::json& data,
                            Diagnostics& diags) {
  auto t = theme.templates->get(name, diags);
  if (!t) return {};
  std::string out;
  out.reserve(16384);
  theme.templates->render(*t, data, out, diags);
  if (out.capacity() - out.size() > 4096) out.shrink_to_fit();  // small templates (nav items) are kept
  return out;
}

std::string render_template(const Theme& theme, const std::string& name, const nlohmann::json& shared,
                            const nlohmann::json& data, Diagnostics& diags) {
  auto t = theme.templates->get(name, diags);
  if (!t) return {};
  std::string out;
  out.reserve(16384);
  theme.templates->render(*t, {&shared, &data}, out, diags);
  if (out.capacity() - out.size() > 4096) out.shrink_to_fit();
  return out;
}

}  // namespace annalist
