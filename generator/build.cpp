#include "build.h"

#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <optional>
#include <condition_variable>
#include <random>

#include "interpolate.h"
#include "links.h"
#include "parallel.h"
#include "search_index.h"
#include "site_pages.h"
#include "site_writer.h"

namespace annalist {

namespace {

void load_data(const Config& c, const FileSystem& fs, Project* p, Diagnostics& diags, const Project* previous,
               int jobs) {
  if (!path_is_contained(c.data_dir)) {
    diags.error(c.data_pos, "data directory '" + c.data_dir + "' leaves the project directory",
                "use a path inside the project, e.g. data: data");
    return;
  }
  std::string dir = path_join(c.root, c.data_dir);
  if (!fs.resolves_inside(c.root, dir)) {
    diags.error(c.data_pos, "data directory '" + c.data_dir + "' leads outside the project directory (symbolic link)",
                "copy the data into the project instead of linking to it");
    return;
  }
  std::vector<std::pair<std::string, std::string>> catalogs;  // folder, file
  struct Item {
    std::string rel, file;
    bool readable = false, loaded = false;
    DataSet ds;
    Diagnostics diags;
  };
  std::vector<Item> items;
  for (const auto& rel : fs.list_files(dir)) {
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
  // Reading and parsing: in parallel; an untouched file (same stamp, or same bytes) is not parsed again.
  parallel_for(items.size(), jobs, [&](size_t i) {
    Item& it = items[i];
    const DataSet* known = nullptr;
    if (previous) {
      auto k = previous->data.sets.find(it.rel.substr(0, it.rel.rfind('.')));
      if (k != previous->data.sets.end() && k->second.file == it.file && !k->second.raw_hash.empty()) known = &k->second;
    }
    auto stamp = known ? fs.stamp(it.file) : std::nullopt;
    if (known && stamp && stamp->inode != 0 && known->stamp == *stamp) {
      it.readable = it.loaded = true;
      it.ds = *known;  // not touched since it was read
      it.ds.title.clear(), it.ds.source.clear(), it.ds.origin.clear(), it.ds.unit.clear(), it.ds.note.clear();
      return;
    }
    auto bytes = fs.read(it.file);
    if (!bytes) return;
    it.readable = true;
    if (known && known->raw == *bytes) {
      it.ds = *known;  // unchanged since the last build: no need to parse it again
      it.ds.title.clear(), it.ds.source.clear(), it.ds.origin.clear(), it.ds.unit.clear(), it.ds.note.clear();
    } else if (!load_data_file(it.rel, it.file, *bytes, &it.ds, it.diags)) {
      return;
    } else {
      it.ds.raw_hash = fnv1a_hex(*bytes);
    }
    it.ds.stamp = stamp ? *stamp : FileStamp{};
    it.loaded = true;
  });
  for (Item& it : items) {
    if (it.readable) p->input_files.push_back(it.file);
    diags.merge(it.diags);
    if (!it.loaded) continue;
    std::string key = it.ds.path, hash = it.ds.raw_hash;
    if (add_data_set(p->data, std::move(it.ds), diags)) p->data_hash[key] = std::move(hash);
  }
  for (const auto& [folder, file] : catalogs) {
    auto bytes = fs.read(file);
    if (!bytes) continue;
    p->input_files.push_back(file);
    apply_catalog(folder, file, *bytes, p->data, diags);
    for (auto& [k, h] : p->data_hash) h = fnv1a_hex(h + *bytes);
  }
}

std::string settings_key(const Project& p) {
  const Config& c = p.config;
  std::string s = c.language + "|" + (c.number_sections ? "1" : "0") + (c.allow_html ? "1" : "0") + "|" +
                  c.figure_label + "|" + c.table_label + "|" + p.theme.ui.dump();
  return fnv1a_hex(s);
}

// The source by its hash (computed once, when the page was read).
std::string page_key(const Page& page, const std::string& settings) {
  return settings + "|" + page.url + "|" + page.number + "|" + page.slug + "|" + page.title + "|" +
         std::to_string(static_cast<int>(page.kind)) + "|" + page.file + "|" + page.source_hash;
}

std::string deps_key(const Project& p, const RenderedPage& r) {
  std::string s;
  for (const auto& d : r.data_deps) {
    auto it = p.data_hash.find(d);
    s += d + "=" + (it == p.data_hash.end() ? "missing" : it->second) + ";";
  }
  return s;
}

std::string page_label(const Page& page, const nlohmann::json& ui) {
  auto get = [&](const char* k) { return ui.contains(k) ? ui[k].get<std::string>() : std::string(); };
  if (page.kind == PageKind::kChapter) return format_label(get("chapter_label"), "", page.number);
  if (page.kind == PageKind::kAppendix) return format_label(get("appendix_label"), "", page.number);
  return "";
}

// The GNU build ID of the running program: a hash of its contents that the linker wrote into it.
std::string build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) {
        for (int k = 0; k < info->dlpi_phnum; ++k) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[k];
          if (ph.p_type != PT_NOTE) continue;
          const char* at = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = at + ph.p_memsz;
          while (at + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(at);
            const char* name = at + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0 &&
                desc + note->n_descsz <= end) {
              static const char* hex = "0123456789abcdef";
              auto* s = static_cast<std::string*>(out);
              for (unsigned b = 0; b < note->n_descsz; ++b) {
                *s += hex[static_cast<unsigned char>(desc[b]) >> 4];
                *s += hex[static_cast<unsigned char>(desc[b]) & 15];
              }
              return 1;
            }
            at = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;  // only the program itself, the first object
      },
      &id);
  return id;
}

// Identifies the generator itself, so that a new annalist never takes an old site as up to date:
// the build ID when the linker wrote one, else a hash of the whole binary.
const std::string& generator_id() {
  static const std::string id = [] {
    std::string bid = build_id();
    if (!bid.empty()) return std::string(ANNALIST_VERSION) + "+" + bid;
    RealFileSystem fs;
    auto exe = fs.read("/proc/self/exe");
    return std::string(ANNALIST_VERSION) + "+" + (exe ? fnv1a_hex(*exe) : "unknown");
  }();
  return id;
}

// The process's resident memory now (for -v).
size_t rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<size_t>(resident) * static_cast<size_t>(sysconf(_SC_PAGESIZE)) >> 20;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// report.yml parsed last time (serve parses the same text on every rebuild; a 5000-chapter
// report.yml takes ~15 ms): parse_config is a function of its arguments, so its result and
// diagnostics are replayed when they are the same.
void parse_config_memo(const std::string& text, const std::string& file, const std::string& root, Config* out,
                       Diagnostics& diags) {
  struct Memo {
    std::string text, file, root;
    Config config;
    Diagnostics diags;
  };
  static std::mutex mu;
  static std::shared_ptr<const Memo> last;
  std::shared_ptr<const Memo> m;
  {
    std::lock_guard l(mu);
    m = last;
  }
  if (m && m->text == text && m->file == file && m->root == root) {
    *out = m->config;
    diags.merge(m->diags);
    return;
  }
  auto fresh = std::make_shared<Memo>();
  fresh->text = text, fresh->file = file, fresh->root = root;
  parse_config(text, file, root, &fresh->config, fresh->diags);
  *out = fresh->config;
  diags.merge(fresh->diags);
  std::lock_guard l(mu);
  last = std::move(fresh);
}

}  // namespace

bool load_project(const BuildOptions& opts, const FileSystem& fs, Project* p, Diagnostics& diags,
                  const Project* previous) {
  size_t before = diags.error_count();
  std::string cfg_path = path_join(opts.project_dir, "report.yml");
  auto text = fs.read(cfg_path);
  if (!text) {
    diags.error({cfg_path, 0, 0}, "no report.yml in '" + opts.project_dir + "'",
                "run annalist in a report project, or create one with: annalist new DIR");
    return false;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto step = [&](const char* name) {
    if (opts.verbose)
      std::fprintf(stderr, "    %-26s %7.1f ms %6zu MiB\n", name, seconds_since(t0) * 1000, rss_mib());
  };
  p->input_files.push_back(cfg_path);
  parse_config_memo(*text, cfg_path, opts.project_dir, &p->config, diags);
  step("load: report.yml");
  int jobs = opts.jobs > 0 ? opts.jobs : default_jobs();
  p->pages = load_pages(p->config, fs, diags, previous ? &previous->pages : nullptr, jobs);
  for (const auto& page : p->pages) p->input_files.push_back(page.file);
  step("load: pages");
  load_data(p->config, fs, p, diags, previous, jobs);
  step("load: data");
  load_theme(opts.default_templates, opts.templates_dir, p->config.language, fs, &p->theme, diags);
  step("load: theme");
  p->config_text = *text;
  return diags.error_count() == before;
}

namespace {

// What the whole-report pages need, kept alive while they wait to be rendered (serve).
struct SiteState {
  std::shared_ptr<const Project> project;
  std::vector<RenderedPage> rendered;
  SiteModel model;
};

// Calls make(i) for every page in parallel and take(i, result) in page order, each as soon as
// that page and all before it are made (by whichever thread finished the page that completed the
// sequence), so that long files are written as they are made instead of held whole in memory.
// At most kWindow results wait; no thread waits for a whole batch to finish.
template <typename T>
void for_pages_in_order(size_t n, int jobs, const std::function<T(size_t)>& make,
                        const std::function<void(size_t, T&&)>& take) {
  if (jobs <= 1) {
    for (size_t i = 0; i < n; ++i) take(i, make(i));
    return;
  }
  constexpr size_t kWindow = 32;
  std::mutex mu;
  std::condition_variable advanced;
  std::vector<std::optional<T>> ready(kWindow);
  size_t next = 0;      // the next page to take
  bool taking = false;  // a thread is taking pages
  parallel_for(n, jobs, [&](size_t i) {
    {
      std::unique_lock l(mu);
      advanced.wait(l, [&] { return i < next + kWindow; });
    }
    T made = make(i);
    std::unique_lock l(mu);
    ready[i % kWindow] = std::move(made);
    if (taking) return;  // that thread will take this one too
    taking = true;
    while (next < n && ready[next % kWindow]) {
      T value = std::move(*ready[next % kWindow]);
      ready[next % kWindow].reset();
      size_t k = next;
      l.unlock();
      take(k, std::move(value));
      l.lock();
      ++next;
      advanced.notify_all();
    }
    taking = false;
  });
}

// print.html around its page bodies: the print template rendered with a marker in place of
// each body, cut at the markers. No parts when the template does not show every body exactly
// once, in order (a user's template may not): then the page is rendered whole.
struct PrintFrame {
  std::string text;                               ///< print.html with a marker for each body
  std::vector<std::pair<size_t, size_t>> parts;   ///< the text around the bodies: offset, length
  std::string_view part(size_t k) const { return std::string_view(text).substr(parts[k].first, parts[k].second); }
};

PrintFrame print_frame(const SiteState& st, const BuildOptions& opts, Diagnostics& diags) {
  const Project& p = *st.project;
  size_t n = p.pages.size();
  std::random_device rd;
  std::string tag = "\x01annalist-body-" + std::to_string(rd()) + "-" + std::to_string(rd()) + "-";
  PrintFrame f;
  {
    std::vector<std::string> marks(n);
    for (size_t i = 0; i < n; ++i) marks[i] = tag + std::to_string(i) + "\x01";
    f.text = render_template(p.theme, "print", print_context(p, opts, st.model, marks), diags);
  }
  size_t at = 0;
  for (size_t i = 0; i <= n; ++i) {
    std::string mark = i < n ? tag + std::to_string(i) + "\x01" : std::string();
    size_t k = i < n ? f.text.find(mark, at) : f.text.size();
    if (k == std::string::npos || std::string_view(f.text).substr(at, k - at).find(tag) != std::string_view::npos)
      return {};
    f.parts.emplace_back(at, k - at);
    at = k + mark.size();
  }
  return f;
}

// print.html and the search index, written page by page in report order: neither is ever
// held whole in memory (at 5000 chapters they are 50 MB and 24 MB).
class LongFiles {
 public:
  using Piece = std::pair<std::string, std::string>;  ///< a page's print body, its search sections

  LongFiles(const SiteState& st, const BuildOptions& opts, const PieceSink& pieces, Diagnostics& diags)
      : st_(st), opts_(opts), pieces_(pieces), diags_(diags) {}

  /// Page i's pieces; any thread.
  Piece make(size_t i) const {
    const RenderedPage& r = st_.rendered[i];
    return {finalize_body(r, i, st_.project->pages, *st_.model.targets, LinkContext{true}, nullptr),
            search_index_sections(i, r, *st_.model.targets)};
  }

  /// Writes page i's pieces; called in page order.
  void take(size_t i, Piece&& piece) {
    start();
    if (frame_.parts.empty()) {
      whole_[i] = std::move(piece.first);
    } else {
      piece.first += frame_.part(i + 1);
      pieces_("print.html", std::move(piece.first), false);
    }
    if (first_section_ && !piece.second.empty()) {
      piece.second.erase(0, 1);  // no ',' before the first section
      first_section_ = false;
    }
    if (!piece.second.empty()) pieces_("search-index.js", std::move(piece.second), false);
  }

  /// Ends both files.
  void finish() {
    start();
    const Project& p = *st_.project;
    if (frame_.parts.empty())
      pieces_("print.html", render_template(p.theme, "print", print_context(p, opts_, st_.model, whole_), diags_),
              true);
    else
      pieces_("print.html", "", true);
    pieces_("search-index.js", kSearchIndexTail, true);
  }

 private:
  const SiteState& st_;
  const BuildOptions& opts_;
  const PieceSink& pieces_;
  Diagnostics& diags_;
  PrintFrame frame_;                 ///< print.html cut at its bodies (no parts: render it whole)
  std::vector<std::string> whole_;   ///< bodies, when print.html is rendered whole
  bool first_section_ = true, started_ = false;

  // The heads of both files, at the first page taken: while other threads go on making pages.
  void start() {
    if (started_) return;
    started_ = true;
    const Project& p = *st_.project;
    frame_ = print_frame(st_, opts_, diags_);
    if (frame_.parts.empty()) whole_.resize(p.pages.size());
    else pieces_("print.html", std::string(frame_.part(0)), false);
    pieces_("search-index.js", search_index_head(p.pages, st_.rendered, st_.model.labels), false);
  }
};

// Cover, lists, sitemap, assets and data downloads.
void render_report_pages(const SiteState& st, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags) {
  const Project& p = *st.project;
  const SiteModel& m = st.model;
  // Each builds its context from every page or data set: side by side.
  const std::function<nlohmann::json()> contexts[] = {
      [&] { return cover_context(p, opts, m); }, [&] { return figures_context(p, opts, m); },
      [&] { return data_context(p, opts); },     [&] { return search_context(p, opts); },
      [&] { return notfound_context(p, opts); }};
  const char* const names[][2] = {{"index.html", "index"}, {"figures.html", "figures"}, {"data.html", "data"},
                                  {"search.html", "search"}, {"404.html", "404"}};
  parallel_for(std::size(names), jobs, [&](size_t k) {
    sink(names[k][0], render_template(p.theme, names[k][1], contexts[k](), diags));
  });
  if (!p.config.base_url.empty()) sink("sitemap.xml", sitemap_xml(p));
  std::vector<const DataSet*> sets;
  for (const auto& [path, ds] : p.data.sets) sets.push_back(&ds);
  parallel_for(sets.size() + p.theme.assets.size(), jobs, [&](size_t i) {
    if (i < sets.size()) sink(data_download_path(*sets[i]), data_download_bytes(*sets[i]));
    else sink(p.theme.assets[i - sets.size()].first, std::string(p.theme.assets[i - sets.size()].second));
  });
}

// Joins the pieces of each file and hands the whole file to sink (for sinks that keep files
// in memory anyway).
PieceSink joining(const SiteSink& sink) {
  auto open = std::make_shared<std::map<std::string, std::string>>();
  return [open, sink](const std::string& path, std::string&& piece, bool last) {
    std::string& s = (*open)[path];
    s += piece;
    if (last) {
      sink(path, std::move(s));
      open->erase(path);
    }
  };
}

// Every page about the whole report, print.html and the search index included (serve, check).
void render_whole_report(const SiteState& st, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags) {
  PieceSink pieces = joining(sink);
  LongFiles long_files(st, opts, pieces, diags);
  for_pages_in_order<LongFiles::Piece>(
      st.project->pages.size(), jobs, [&](size_t i) { return long_files.make(i); },
      [&](size_t i, LongFiles::Piece&& piece) { long_files.take(i, std::move(piece)); });
  long_files.finish();
  render_report_pages(st, opts, jobs, sink, diags);
}

// Everything collect_targets reads from a rendered page (positions too: they appear in its
// diagnostics).
std::string target_signature(const RenderedPage& r) {
  std::string s = r.title;
  auto pos = [&](const SourcePos& p) { s += p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + "\x1f"; };
  for (const auto& h : r.headings) {
    s += "\x1eh" + std::to_string(h.level) + (h.explicit_id ? "!" : "") + h.id + "\x1f" + h.number + "\x1f" + h.text + "\x1f";
    pos(h.pos);
  }
  for (const auto& f : r.figures) {
    s += std::string("\x1e") + (f.table ? "t" : "f") + f.id + "\x1f" + f.anchor + "\x1f" + f.label + "\x1f" + f.title + "\x1f";
    pos(f.pos);
  }
  return s;
}

// What a page's cross-references resolved to; "" plus *missing when one did not resolve.
std::string xref_signature(const RenderedPage& r, const Targets& t, bool* missing) {
  std::string s;
  for (const auto& x : r.xrefs) {
    std::string key = x.kind + ":" + x.id;
    auto it = t.by_key.find(key);
    if (it == t.by_key.end() || t.ambiguous.count(key)) {
      *missing = true;
      return {};
    }
    s += key + "=" + it->second.label + "|" + std::to_string(it->second.page) + "#" + it->second.anchor + "|" +
         it->second.title + ";";
  }
  return s;
}

}  // namespace

std::string project_fingerprint(const Project& p, const BuildOptions& opts) {
  std::string fp = generator_id() + "|" + p.config_text + "|" + p.theme.fingerprint + "|" + opts.templates_dir + "|" +
                   opts.live_reload;
  for (const auto& page : p.pages) fp += "|" + page.file + "|" + page.source_hash;
  for (const auto& [k, h] : p.data_hash) fp += "|" + k + "=" + h;
  return fnv1a_hex(fp);
}

bool render_site(std::shared_ptr<const Project> project, const BuildOptions& opts, const SiteSink& sink,
                 RenderCache* cache, RenderStats* stats, Diagnostics& diags, DeferredPages* defer,
                 const PieceSink* pieces, Project* owned) {
  const Project& p = *project;
  size_t before = diags.error_count();
  int jobs = opts.jobs > 0 ? opts.jobs : default_jobs();
  size_t n = p.pages.size();
  RenderEnv env{p.config, p.data, p.theme.ui};
  std::string settings = settings_key(p);
  auto state = std::make_shared<SiteState>();
  state->project = project;
  std::vector<RenderedPage>& rendered = state->rendered;

  auto t0 = std::chrono::steady_clock::now();
  auto stage = [&](const char* name) {
    if (opts.verbose) std::fprintf(stderr, "  %-28s %7.1f ms %6zu MiB\n", name, seconds_since(t0) * 1000, rss_mib());
  };
  // 1. Every page body, in parallel; unchanged pages come from the cache.
  rendered.resize(n);
  std::vector<std::string> keys(n);
  std::vector<const RenderCache::Entry*> old(n, nullptr);
  std::vector<char> fresh(n, 1);
  parallel_for(n, jobs, [&](size_t i) {
    keys[i] = page_key(p.pages[i], settings);
    if (!cache || !cache->rendered) {
      rendered[i] = render_page(p.pages[i], env);
      if (owned) {  // rendered: its source is not needed again
        owned->pages[i].source.reset();
      }
      return;
    }
    auto it = cache->by_url.find(p.pages[i].url);
    if (it != cache->by_url.end()) old[i] = &cache->pages[it->second];
    if (old[i] && old[i]->key == keys[i] && old[i]->deps == deps_key(p, (*cache->rendered)[old[i]->index])) {
      rendered[i] = (*cache->rendered)[old[i]->index];
      fresh[i] = 0;
    } else {
      rendered[i] = render_page(p.pages[i], env);
    }
  });
  for (const auto& r : rendered) diags.merge(r.diags);
  stage("page bodies");

  // 2. The whole-report model: labels, targets, navigation, cover figures.
  SiteModel& m = state->model;
  m.rendered = &rendered;
  for (const auto& page : p.pages) m.labels.push_back(page_label(page, p.theme.ui));
  std::string site_key = settings + p.theme.fingerprint + opts.live_reload + p.config.title + p.config.subtitle +
                         p.config.edition + p.config.base_url + p.config.description;
  for (size_t i = 0; i < n; ++i)
    site_key += "|" + m.labels[i] + rendered[i].title + p.pages[i].url + p.pages[i].summary +
                std::to_string(static_cast<int>(p.pages[i].kind));
  site_key = fnv1a_hex(site_key);
  bool same_site = cache && cache->site_key == site_key;
  // The targets come from every page's headings and figures: the last ones still hold when the
  // same pages stand in the same places and every page rendered anew declares the same targets.
  bool same_targets = same_site && cache->targets;
  for (size_t i = 0; i < n && same_targets; ++i)
    if (fresh[i]) same_targets = old[i] && target_signature(rendered[i]) == target_signature((*cache->rendered)[old[i]->index]);
  // Collecting the targets and rendering the sidebar entries need each other not: side by side.
  Diagnostics target_diags, nav_diags;
  parallel_for(2, jobs, [&](size_t k) {
    if (k == 0 && !same_targets)
      m.targets = std::make_shared<const Targets>(collect_targets(p.pages, rendered, p.theme.ui, target_diags));
    if (k == 1 && !same_site) render_nav_items(p, m, jobs, nav_diags);
  });
  if (same_targets) {
    m.targets = cache->targets;
    for (const auto& d : cache->target_diags) diags.add(d);
  } else {
    diags.merge(target_diags);
    if (cache) cache->target_diags = target_diags.items();
  }
  for (const auto& h : p.config.highlights)
    m.highlights.push_back({{"label", h.label}, {"value", interpolate_plain(h.value, p.data, h.pos, nullptr, diags)}});
  if (same_site) {
    m.nav_items = cache->nav_items;
    m.nav_items_current = cache->nav_items_current;
  } else {
    diags.merge(nav_diags);
  }
  stage("targets");

  // 3. Chapter pages, in parallel; a page whose body and references did not change is kept.
  std::atomic<size_t> done{0};
  std::mutex progress_mu;
  std::vector<std::shared_ptr<const std::string>> finals(cache ? n : 0), htmls(cache ? n : 0);
  std::vector<std::string> sigs(cache ? n : 0);
  const nlohmann::json shared = shared_context(p, opts);
  auto page_html = [&](size_t i, std::string body) {
    return render_template(p.theme, "page", shared, chapter_context(p, m, i, std::move(body)), diags);
  };
  auto chapter = [&](size_t i) {
    if (!cache) {
      sink(p.pages[i].url, page_html(i, finalize_body(rendered[i], i, p.pages, *m.targets, LinkContext{}, &diags)));
    } else {
      bool missing = false;
      sigs[i] = xref_signature(rendered[i], *m.targets, &missing);
      bool had = old[i] && old[i]->html && !old[i]->html->empty() && old[i]->final_body;
      if (same_site && !fresh[i] && !missing && had && old[i]->xrefs == sigs[i]) {
        finals[i] = old[i]->final_body;
        htmls[i] = old[i]->html;
      } else {
        std::string body = finalize_body(rendered[i], i, p.pages, *m.targets, LinkContext{}, &diags);
        if (same_site && had && *old[i]->final_body == body) {
          finals[i] = old[i]->final_body;
          htmls[i] = old[i]->html;
        } else {
          finals[i] = std::make_shared<const std::string>(body);
          htmls[i] = std::make_shared<const std::string>(page_html(i, std::move(body)));
        }
      }
      if (cache->page_sink) cache->page_sink(p.pages[i].url, htmls[i]);
      else sink(p.pages[i].url, std::string(*htmls[i]));
    }
    size_t k = ++done;
    if (opts.progress && (k % 25 == 0 || k == n)) {
      std::lock_guard l(progress_mu);
      std::fprintf(stderr, "\r  rendering pages %zu/%zu", k, n);
      if (k == n) std::fprintf(stderr, "\r\033[K");
    }
  };

  if (!cache && !defer) {
    // A build writes print.html and the search index in the same pass, in page order, and
    // lets each page's body go once it is in all three.
    PieceSink joined = pieces ? PieceSink() : joining(sink);
    LongFiles long_files(*state, opts, pieces ? *pieces : joined, diags);
    for_pages_in_order<LongFiles::Piece>(
        n, jobs,
        [&](size_t i) {
          chapter(i);
          return long_files.make(i);
        },
        [&](size_t i, LongFiles::Piece&& piece) {
          long_files.take(i, std::move(piece));
          rendered[i].body.reset();
          std::vector<SearchSection>().swap(rendered[i].search);
        });
    long_files.finish();
    stage("chapter pages");
    render_report_pages(*state, opts, jobs, sink, diags);
    stage("whole-report pages");
  } else {
    parallel_for(n, jobs, chapter);
    stage("chapter pages");
    // 4. Pages about the whole report: now, or later on request (serve).
    if (defer) {
      BuildOptions o = opts;
      *defer = [state, o, jobs](const SiteSink& s, Diagnostics& d) { render_whole_report(*state, o, jobs, s, d); };
    } else {
      render_whole_report(*state, opts, jobs, sink, diags);
      stage("whole-report pages");
    }
  }

  if (stats) stats->pages = n;
  if (cache) {
    size_t reused = 0;
    std::vector<RenderCache::Entry> next(n);
    std::unordered_map<std::string, size_t> by_url;
    by_url.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      reused += fresh[i] ? 0 : 1;
      next[i] = {std::move(keys[i]), deps_key(p, rendered[i]), i, std::move(sigs[i]), std::move(finals[i]),
                 std::move(htmls[i])};
      by_url[p.pages[i].url] = i;  // the last page of a url wins (duplicate slugs are errors)
    }
    cache->pages = std::move(next);
    cache->by_url = std::move(by_url);
    // The cache shares the bodies with the deferred pages instead of copying them.
    cache->rendered = std::shared_ptr<const std::vector<RenderedPage>>(state, &state->rendered);
    cache->site_key = site_key;
    cache->targets = m.targets;
    cache->nav_items = m.nav_items;
    cache->nav_items_current = m.nav_items_current;
    cache->rendered_count = n - reused;
    cache->reused = reused;
  }
  return diags.error_count() == before;
}

int run_build(const BuildOptions& opts_in, std::ostream& out, std::ostream& err) {
  auto t0 = std::chrono::steady_clock::now();
  BuildOptions opts = opts_in;
  if (opts.out_dir.empty()) opts.out_dir = path_join(opts.project_dir, "_site");
  bool colour = isatty(2);
  RealFileSystem fs;
  Diagnostics diags;
  auto project_ptr = std::make_shared<Project>();
  Project& project = *project_ptr;
  bool loaded = load_project(opts, fs, &project, diags);
  if (opts.verbose) std::fprintf(stderr, "  %-28s %7.1f ms %6zu MiB\n", "load", seconds_since(t0) * 1000, rss_mib());
  if (!loaded && project.pages.empty()) {
    print_diagnostics(diags, err, colour);
    err << "build failed: " << diags.error_count() << " error(s); " << opts.out_dir << " left unchanged\n";
    return 1;
  }
  std::string marker = "annalist-site " + project_fingerprint(project, opts) + "\n";
  if (loaded && read_site_marker(opts.out_dir) == marker) {
    remove_stale_output(opts.out_dir);  // a build killed after its swap leaves the old site beside it
    print_diagnostics(diags, err, colour);
    if (!opts.quiet)
      out << "up to date: " << opts.out_dir << " (" << project.pages.size() << " pages, "
          << static_cast<int>(seconds_since(t0) * 1000) << " ms)\n";
    return 0;
  }
  SiteWriter writer;
  bool writing = loaded && writer.begin(opts.out_dir, opts.project_dir, diags);
  if (loaded && !writing) {
    print_diagnostics(diags, err, colour);
    return 2;
  }
  RenderStats stats;
  SiteSink sink = [&](const std::string& path, std::string&& bytes) {
    if (writing) writer.write(path, std::move(bytes));
  };
  PieceSink pieces = [&](const std::string& path, std::string&& piece, bool last) {
    if (writing) writer.write_piece(path, std::move(piece), last);
  };
  bool ok = render_site(project_ptr, opts, sink, nullptr, &stats, diags, nullptr, &pieces, &project) && loaded;
  print_diagnostics(diags, err, colour);
  if (!ok || diags.has_errors()) {
    writer.abort();
    err << "build failed: " << diags.error_count() << " error(s); " << opts.out_dir << " left unchanged\n";
    return 1;
  }
  if (!writer.commit(marker, diags)) {
    print_diagnostics(diags, err, colour);
    return 1;
  }
  if (opts.verbose || !opts.quiet) {
    out << "built " << stats.pages << " pages (" << writer.files_written() << " files, "
        << (writer.bytes_written() + 512) / 1024 << " KiB) in " << static_cast<int>(seconds_since(t0) * 1000)
        << " ms -> " << opts.out_dir;
    if (diags.warning_count()) out << ", " << diags.warning_count() << " warning(s)";
    out << "\n";
  }
  return 0;
}

int run_check(const BuildOptions& opts, const std::string& format, std::ostream& out, std::ostream& err) {
  RealFileSystem fs;
  Diagnostics diags;
  auto project_ptr = std::make_shared<Project>();
  Project& project = *project_ptr;
  bool loaded = load_project(opts, fs, &project, diags);
  if (loaded || !project.pages.empty()) {
    std::map<std::string, std::string> html;
    std::set<std::string> files;
    std::mutex mu;
    SiteSink sink = [&](const std::string& path, std::string&& bytes) {
      std::lock_guard l(mu);
      files.insert(path);
      if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0) html[path] = std::move(bytes);
    };
    RenderCache cache;
    render_site(project_ptr, opts, sink, &cache, nullptr, diags);
    html.erase("404.html");  // its links point from the site root by design
    for (const auto& b : find_broken_links(html, files)) {
      std::string source = b.page;
      for (const auto& page : project.pages)
        if (page.url == b.page) source = page.file;
      diags.error({source, 0, 0}, "broken link '" + b.href + "' in " + b.page + ": " + b.why,
                  "link to an existing page or anchor");
    }
    // Warnings for things written but never used.
    std::set<std::string> used_data, used_refs;
    for (const auto& r : *cache.rendered) {
      used_data.insert(r.data_deps.begin(), r.data_deps.end());
      for (const auto& x : r.xrefs) used_refs.insert(x.kind + ":" + x.id);
    }
    for (const auto& [path, ds] : project.data.sets) {
      std::string dotted = path;
      std::replace(dotted.begin(), dotted.end(), '/', '.');
      if (!used_data.count(path))
        diags.warning({ds.file, 0, 0}, "data file '" + path + "' is not used by any page",
                      "use it in a chart, a table or {{ data." + dotted + "… }}, or remove it");
    }
    for (const auto& r : *cache.rendered)
      for (const auto& f : r.figures)
        if (!used_refs.count((f.table ? "tbl:" : "fig:") + f.id))
          diags.warning(f.pos, std::string(f.table ? "table" : "figure") + " '" + f.id + "' is never referenced",
                        std::string("refer to it in the text: @") + (f.table ? "tbl:" : "fig:") + f.id);
  }
  if (format == "json") out << diagnostics_json(diags) << "\n";
  else {
    print_diagnostics(diags, out, isatty(1));
    out << (diags.has_errors() ? "check failed: " : "check passed: ") << diags.error_count() << " error(s), "
        << diags.warning_count() << " warning(s)\n";
  }
  (void)err;
  return diags.has_errors() ? 1 : 0;
}

}  // namespace annalist
