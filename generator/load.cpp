#include "load.h"

#include <algorithm>
#include <optional>
#include <set>

#include "data_load.h"

namespace annalist {

namespace {

// report.yml into p->config. parse_config is a function of its arguments, so when the last load
// parsed the same text (serve parses it on every rebuild; a 5000-chapter report.yml takes ~15 ms)
// its result and diagnostics are replayed.
void load_config(const std::string& text, const std::string& file, const std::string& root, Project* p,
                 const Project* previous, Diagnostics& diags) {
  if (previous && previous->config_text == text && previous->config.root == root && previous->config.file == file) {
    p->config = previous->config;
    p->config_diags = previous->config_diags;
  } else {
    Diagnostics d;
    parse_config(text, file, root, &p->config, d);
    p->config_diags = d.items();
  }
  for (const auto& d : p->config_diags) diags.add(d);
}

// True when the watcher reported only Markdown files changed since the last load (changed
// names known): no data file, catalog or theme file, and no new file or folder of another kind.
bool only_markdown(const std::set<std::string>* changed) {
  return changed && std::all_of(changed->begin(), changed->end(), [](const std::string& name) {
           return name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0;
         });
}

// The data directory into p: taken whole from the last load when only Markdown changed since
// and the watcher reports every change of each data file (fs.h reported_unchanged), else
// loaded (load_data_dir reuses the sets whose files did not change).
void load_data(Project* p, const Project* previous, const FileSystem& fs, int jobs,
               const std::set<std::string>* changed, Diagnostics& diags) {
  bool unchanged = previous && only_markdown(changed) && previous->config.data_dir == p->config.data_dir &&
                   previous->config.root == p->config.root &&
                   std::all_of(previous->data.loaded.begin(), previous->data.loaded.end(),
                               [](const auto& set) { return set.second->stamp.reported; });
  if (unchanged) {
    p->data = previous->data;
    p->data_hash = previous->data_hash;
    p->data_files = previous->data_files;
    p->data_diags = previous->data_diags;
  } else {
    Diagnostics d;
    LoadedData data = load_data_dir(p->config, fs, previous ? &previous->data : nullptr, jobs, d, changed);
    p->data = std::move(data.data);
    p->data_hash = std::move(data.data_hash);
    p->data_files = std::move(data.files);
    p->data_diags = d.items();
  }
  for (const auto& d : p->data_diags) diags.add(d);
}

// The theme into p: shared with the last load (its templates compiled already) when only
// Markdown changed since and the watcher reports every change of each file it read, else loaded.
void load_theme_of(Project* p, const Project* previous, const BuildOptions& opts, const FileSystem& fs,
                   const std::set<std::string>* changed, Diagnostics& diags) {
  const Theme* last = previous ? &previous->theme : nullptr;
  bool unchanged = last && only_markdown(changed) && last->templates && last->default_dir == opts.default_templates &&
                   last->user_dir == opts.templates_dir && previous->config.language == p->config.language &&
                   std::all_of(last->files.begin(), last->files.end(), [&](const std::string& f) {
                     auto stamp = fs.stamp(f);
                     return stamp && reported_unchanged(*stamp, changed, f);
                   });
  if (unchanged) {
    p->theme = *last;
    p->theme_diags = previous->theme_diags;
  } else {
    Diagnostics d;
    load_theme(opts.default_templates, opts.templates_dir, p->config.language, fs, &p->theme, d);
    p->theme_diags = d.items();
  }
  for (const auto& d : p->theme_diags) diags.add(d);
}

}  // namespace

bool load_project(const BuildOptions& opts, const FileSystem& fs, Project* p, Diagnostics& diags,
                  const Project* previous, StageTimes* times) {
  size_t before = diags.error_count();
  std::string cfg_path = path_join(opts.project_dir, "report.yml");
  std::string why;
  auto text = fs.read_input("", cfg_path, &why);
  if (!text) {
    if (why == "does not exist")
      diags.error({cfg_path, 0, 0}, "no report.yml in '" + opts.project_dir + "'",
                  "run annalist in a report project, or create one with: annalist new DIR");
    else
      diags.error({cfg_path, 1, 1}, "report.yml " + why, "make report.yml a YAML text file");
    return false;
  }
  StageClock clock(times);
  p->fs_changes = fs.change_count();
  // The files reported changed since the last load began (null: not known): a page or data file
  // reported unchanged then and not named here is taken from it without asking the disk.
  std::optional<std::set<std::string>> changed = previous ? fs.changed_names_since(previous->fs_changes) : std::nullopt;
  const std::set<std::string>* changed_names = changed ? &*changed : nullptr;
  p->input_files.push_back(cfg_path);
  load_config(*text, cfg_path, opts.project_dir, p, previous, diags);
  p->images = std::make_shared<ImageStore>(fs, p->config.root);
  clock.mark("load: report.yml");
  int jobs = jobs_for(opts);
  p->pages = load_pages(p->config, fs, diags, previous ? &previous->pages : nullptr, jobs, changed_names);
  for (const auto& page : p->pages) p->input_files.push_back(page.file);
  clock.mark("load: pages");
  load_data(p, previous, fs, jobs, changed_names, diags);
  p->input_files.insert(p->input_files.end(), p->data_files.begin(), p->data_files.end());
  clock.mark("load: data");
  p->static_files = load_static_files(p->config, fs, diags);
  for (auto& f : load_extra_assets(p->config, fs, diags)) p->static_files.push_back(std::move(f));
  for (const auto& f : p->static_files) p->input_files.push_back(f.file);
  load_theme_of(p, previous, opts, fs, changed_names, diags);
  clock.mark("load: theme");
  p->config_text = std::move(*text);
  return diags.error_count() == before;
}

InputPaths project_inputs(const Project& p, const BuildOptions& opts) {
  InputPaths in(opts.project_dir);
  in.files = p.input_files;
  std::set<std::string> page_dirs, dirs;  // few distinct ones, each cleaned once
  for (const auto* refs : {&p.config.front, &p.config.chapters, &p.config.appendices})
    for (const auto& ref : *refs) page_dirs.insert(std::filesystem::path(path_join(opts.project_dir, ref.path)).parent_path().string());
  auto root = absolute_clean(opts.project_dir);
  for (const auto& d : page_dirs) {
    auto dir = absolute_clean(d);
    if (dir != root && is_within(dir, root)) dirs.insert(d);
  }
  dirs.insert(path_join(opts.project_dir, p.config.data_dir));
  dirs.insert(path_join(opts.project_dir, "static"));
  for (const std::string* theme : {&opts.templates_dir, &opts.default_templates})
    if (!theme->empty()) dirs.insert(*theme);
  in.dirs.assign(dirs.begin(), dirs.end());
  return in;
}

}  // namespace annalist
