#include "render.h"

#include <atomic>
#include <optional>
#include <set>

#include "interpolate.h"
#include "links.h"
#include "parallel.h"
#include "report_pages.h"
#include "search_index.h"
#include "site_pages.h"
#include "xref.h"

namespace annalist {

namespace {

// One render in progress: its inputs, its output so far and, with a cache, what each page reuses.
struct Pass {
  const BuildOptions& opts;
  int jobs;
  std::shared_ptr<RenderedSite> site;  // the project, the page bodies, the model
  RenderCache* cache;                  // null in a build
  Diagnostics& diags;
  StageClock clock;
  std::string settings;                // settings_key of the project
  // Per page, with a cache only:
  std::vector<std::string> keys, deps;                    // page_key, deps_key
  std::vector<const RenderCache::Entry*> old;             // the page's entry of the last render
  std::vector<char> fresh;                                // rendered anew (not reused)
  bool take = false;                                      // reused pages are moved from the cache
  std::optional<std::vector<Diagnostic>> target_diags;    // what collecting the targets reported anew
  std::vector<std::shared_ptr<const std::string>> finals, htmls;  // body after references, finished page
  std::vector<std::string> sigs;                          // xref_signature
  std::string site_key;                                   // see incremental.h
  bool same_site = false;                                 // site_key is the cache's

  Pass(const BuildOptions& o, RenderCache* c, StageTimes* times, Diagnostics& d)
      : opts(o), jobs(jobs_for(o)), site(std::make_shared<RenderedSite>()), cache(c), diags(d), clock(times) {}
  const Project& project() const { return *site->project; }
};

// 1. Every page body, in parallel, from a project nothing else holds: each page's source is
// dropped as soon as the page is rendered.
void render_bodies(Pass& r, Project& owned) {
  RenderEnv env{owned.config, owned.data, owned.theme.strings, owned.images.get()};
  std::vector<RenderedPage>& rendered = r.site->rendered;
  rendered.resize(owned.pages.size());
  parallel_for(owned.pages.size(), r.jobs, [&](size_t i) {
    rendered[i] = render_page(owned.pages[i], env);
    owned.pages[i].source.reset();
  });
  for (const auto& page : rendered) r.diags.merge(page.diags);
  r.clock.mark("page bodies");
}

// The last render's entry of each page: mostly the one in the same place with the same key (which
// holds the url), else the one of its url. Pages are taken from the cache only when the caller
// allows it and no two pages have the same entry (duplicate slugs).
void find_old_entries(Pass& r) {
  const Project& p = r.project();
  const RenderCache& cache = *r.cache;
  size_t n = p.pages.size();
  r.old.assign(n, nullptr);
  r.take = cache.take_pages && cache.rendered;
  if (!cache.rendered) return;
  std::vector<char> claimed(cache.rendered->size(), 0);
  for (size_t i = 0; i < n; ++i) {
    if (i < cache.pages.size() && cache.pages[i].key == r.keys[i]) {
      r.old[i] = &cache.pages[i];
    } else {
      auto it = cache.by_url.find(p.pages[i].url);
      if (it == cache.by_url.end()) continue;
      r.old[i] = &cache.pages[it->second];
    }
    r.take = r.take && !claimed[r.old[i]->index]++;
  }
}

// 1. Every page body, in parallel; pages whose inputs did not change come from the cache.
void render_bodies_cached(Pass& r) {
  const Project& p = r.project();
  const RenderCache& cache = *r.cache;
  size_t n = p.pages.size();
  RenderEnv env{p.config, p.data, p.theme.strings, p.images.get()};
  std::vector<RenderedPage>& rendered = r.site->rendered;
  rendered.resize(n);
  r.keys.assign(n, {});
  r.deps.assign(n, {});
  r.fresh.assign(n, 1);
  parallel_for(n, r.jobs, [&](size_t i) { r.keys[i] = page_key(p.pages[i], r.settings); });
  find_old_entries(r);
  parallel_for(n, r.jobs, [&](size_t i) {
    const RenderCache::Entry* old = r.old[i];
    if (old && old->key == r.keys[i] && old->deps == (r.deps[i] = deps_key(p, (*cache.rendered)[old->index]))) {
      if (r.take) rendered[i] = std::move((*cache.rendered)[old->index]);
      else rendered[i] = (*cache.rendered)[old->index];
      r.fresh[i] = 0;
    } else {
      rendered[i] = render_page(p.pages[i], env);
      r.deps[i] = deps_key(p, rendered[i]);
    }
  });
  for (const auto& page : rendered) r.diags.merge(page.diags);
  r.clock.mark("page bodies");
}

// The last render's targets still hold when the same pages stand in the same places and every
// page rendered anew declares the same targets.
bool same_targets(const Pass& r) {
  if (!r.same_site || !r.cache->targets) return false;
  const std::vector<RenderedPage>& last = *r.cache->rendered;
  for (size_t i = 0; i < r.site->rendered.size(); ++i)
    if (r.fresh[i] && (!r.old[i] || target_signature(r.site->rendered[i]) != target_signature(last[r.old[i]->index])))
      return false;
  return true;
}

// 2. The whole-report model: labels, targets, navigation, cover figures.
void build_model(Pass& r) {
  const Project& p = r.project();
  SiteModel& m = r.site->model;
  m.rendered = &r.site->rendered;
  for (const auto& page : p.pages) m.labels.push_back(page_label(page, p.theme.strings));
  m.has_figures = any_figures(r.site->rendered);
  r.site_key = site_key(p, r.opts, r.settings, m.labels, r.site->rendered);
  r.same_site = r.cache && r.cache->site_key == r.site_key;
  bool reuse_targets = r.cache && same_targets(r);
  // Collecting the targets and rendering the sidebar entries need each other not: side by side.
  Diagnostics target_diags, nav_diags;
  parallel_for(2, r.jobs, [&](size_t k) {
    if (k == 0 && !reuse_targets)
      m.targets = std::make_shared<const Targets>(collect_targets(p.pages, r.site->rendered, p.theme.strings, target_diags));
    if (k == 1 && !r.same_site) render_nav_items(p, m, r.jobs, nav_diags);
  });
  if (reuse_targets) {
    m.targets = r.cache->targets;
    for (const auto& d : r.cache->target_diags) r.diags.add(d);
  } else {
    r.diags.merge(target_diags);
    if (r.cache) r.target_diags = target_diags.items();
  }
  for (const auto& h : p.config.highlights)
    m.highlights.push_back({{"label", h.label}, {"value", interpolate_plain(h.value, p.data, p.config.language, h.pos, nullptr, r.diags)}});
  if (r.same_site) {
    m.nav_items = r.cache->nav_items;
  } else {
    r.diags.merge(nav_diags);
  }
  r.clock.mark("targets");
}

// The files copied as they are: static/, the files pages add (charts' SVGs), and every local image
// the pages show (once each, listed in *stats). With a shared sink, they are not copied.
void write_copies(const Project& p, const std::vector<RenderedPage>& rendered, const SiteSink& sink,
                  const SharedSink& shared, RenderStats* stats) {
  auto put = [&](const std::string& path, const std::shared_ptr<const std::string>& bytes) {
    if (shared) shared(path, bytes);
    else sink(path, std::string(*bytes));
  };
  for (const auto& f : p.static_files) put(f.site_path, f.bytes);
  for (const auto& r : rendered)
    for (const auto& f : r.files) put(f.path, f.bytes);  // charts' standalone SVGs
  if (!p.images) return;
  std::set<std::string> rels;
  for (const auto& r : rendered) rels.insert(r.image_deps.begin(), r.image_deps.end());
  for (const auto& rel : rels) {
    auto file = p.images->get_rel(rel);
    if (!file->bytes) continue;
    put(file->site_path(), file->bytes);
    if (stats) stats->images.emplace_back(rel, file->hash);
  }
}

// Chapter page i around its finished body.
std::string page_html(const Pass& r, const nlohmann::json& shared, size_t i, std::string body) {
  const Project& p = r.project();
  return render_template(p.theme, "page", shared, chapter_context(p, r.site->model, i, std::move(body)), r.diags);
}

// 3. Chapter page i, kept from the cache when its body and references did not change.
void render_chapter_cached(Pass& r, const nlohmann::json& shared, const SiteSink& sink, size_t i) {
  const Project& p = r.project();
  const RenderedPage& page = r.site->rendered[i];
  const RenderCache::Entry* old = r.old[i];
  bool missing = false;
  r.sigs[i] = xref_signature(page, *r.site->model.targets, &missing, &r.site->rendered);
  bool had = old && old->html && !old->html->empty() && old->final_body;
  if (r.same_site && !r.fresh[i] && !missing && had && old->xrefs == r.sigs[i]) {
    r.finals[i] = old->final_body;
    r.htmls[i] = old->html;
  } else {
    std::string body =
        finalize_body(page, i, p.pages, *r.site->model.targets, LinkContext{false, &r.site->rendered}, &r.diags);
    if (r.same_site && had && *old->final_body == body) {
      r.finals[i] = old->final_body;
      r.htmls[i] = old->html;
    } else {
      r.finals[i] = std::make_shared<const std::string>(body);
      r.htmls[i] = std::make_shared<const std::string>(page_html(r, shared, i, std::move(body)));
    }
  }
  if (r.cache->page_sink) r.cache->page_sink(p.pages[i].url, r.htmls[i]);
  else sink(p.pages[i].url, std::string(*r.htmls[i]));
}

// What this render leaves for the next one.
void store_cache(Pass& r) {
  const Project& p = r.project();
  RenderCache& cache = *r.cache;
  size_t n = p.pages.size(), reused = 0;
  std::vector<RenderCache::Entry> next(n);
  for (size_t i = 0; i < n; ++i) {
    reused += r.fresh[i] ? 0 : 1;
    next[i] = {std::move(r.keys[i]), std::move(r.deps[i]), i, std::move(r.sigs[i]), std::move(r.finals[i]),
               std::move(r.htmls[i])};
  }
  cache.pages = std::move(next);
  if (!r.same_site) {  // else the same urls stand in the same places (site_key holds them)
    std::unordered_map<std::string, size_t> by_url;
    by_url.reserve(n);
    for (size_t i = 0; i < n; ++i) by_url[p.pages[i].url] = i;  // the last page of a url wins (duplicate slugs are errors)
    cache.by_url = std::move(by_url);
  }
  // The cache shares the bodies with the deferred pages instead of copying them.
  cache.rendered = std::shared_ptr<std::vector<RenderedPage>>(r.site, &r.site->rendered);
  cache.site_key = r.site_key;
  cache.targets = r.site->model.targets;
  if (r.target_diags) cache.target_diags = std::move(*r.target_diags);
  cache.nav_items = r.site->model.nav_items;
  cache.rendered_count = n - reused;
  cache.reused = reused;
}

// A failed render that took pages from the cache puts them back and leaves the cache as it was.
void give_back(Pass& r) {
  size_t n = r.fresh.size(), reused = 0;
  for (size_t i = 0; i < n; ++i) {
    if (r.fresh[i]) continue;
    (*r.cache->rendered)[r.old[i]->index] = std::move(r.site->rendered[i]);
    ++reused;
  }
  r.cache->rendered_count = n - reused;
  r.cache->reused = reused;
}

// 3 and 4 of a build: chapter pages, print.html and the search index in one pass, in page order,
// each page's body let go once it is in all three; then the pages about the whole report.
void render_pages_streaming(Pass& r, const RenderOutput& out) {
  const Project& p = r.project();
  std::vector<RenderedPage>& rendered = r.site->rendered;
  size_t n = p.pages.size();
  const nlohmann::json shared = shared_context(p, r.opts, r.site->model);
  std::atomic<size_t> done{0};
  PieceSink joined = out.pieces ? PieceSink() : joining(out.files);
  LongFiles long_files(*r.site, r.opts, out.pieces ? out.pieces : joined, r.diags);
  for_each_in_order<LongFiles::Piece>(
      n, r.jobs,
      [&](size_t i) {
        std::string body =
            finalize_body(rendered[i], i, p.pages, *r.site->model.targets, LinkContext{false, &rendered}, &r.diags);
        out.files(p.pages[i].url, page_html(r, shared, i, std::move(body)));
        size_t k = ++done;
        if (out.progress && (k % 25 == 0 || k == n)) out.progress(k, n);
        return long_files.make(i);
      },
      [&](size_t i, LongFiles::Piece&& piece) {
        long_files.take(i, std::move(piece));
        rendered[i].body.reset();
        std::vector<SearchSection>().swap(rendered[i].search);
      });
  long_files.finish();
  r.clock.mark("chapter pages");
  render_report_pages(*r.site, r.opts, r.jobs, out.files, r.diags);
  r.clock.mark("whole-report pages");
}

}  // namespace

bool render_site(std::shared_ptr<Project> project, const BuildOptions& opts, const RenderOutput& out,
                 RenderStats* stats, Diagnostics& diags) {
  size_t before = diags.error_count();
  Pass r(opts, nullptr, stats ? &stats->times : nullptr, diags);
  r.settings = settings_key(*project);
  render_bodies(r, *project);
  r.site->project = std::move(project);  // from here on shared, and const
  build_model(r);
  // 5. Every written file and the links of every page, for the link check.
  SiteLinks links;
  RenderOutput checked = out;
  checked.files = [&](const std::string& path, std::string&& bytes) {
    links.add_file(path, bytes);
    out.files(path, std::move(bytes));
  };
  if (out.pieces)
    checked.pieces = [&](const std::string& path, std::string&& piece, bool last) {
      links.add_piece(path);
      out.pieces(path, std::move(piece), last);
    };
  write_copies(r.project(), r.site->rendered, checked.files, nullptr, stats);
  render_pages_streaming(r, checked);
  report_broken_links(links, r.project().pages, r.site->rendered, diags);
  r.clock.mark("link check");
  if (stats) stats->pages = r.project().pages.size();
  return diags.error_count() == before;
}

bool render_site_cached(std::shared_ptr<const Project> project, const BuildOptions& opts, const SiteSink& sink,
                        RenderCache& cache, RenderStats* stats, Diagnostics& diags, DeferredPages* defer) {
  size_t before = diags.error_count();
  Pass r(opts, &cache, stats ? &stats->times : nullptr, diags);
  r.site->project = std::move(project);
  size_t n = r.project().pages.size();
  r.settings = settings_key(r.project());
  render_bodies_cached(r);
  build_model(r);
  r.finals.assign(n, nullptr), r.htmls.assign(n, nullptr), r.sigs.assign(n, {});
  const nlohmann::json shared = shared_context(r.project(), opts, r.site->model);
  parallel_for(n, r.jobs, [&](size_t i) { render_chapter_cached(r, shared, sink, i); });
  write_copies(r.project(), r.site->rendered, sink, cache.page_sink, stats);
  r.clock.mark("chapter pages");
  // 4. Pages about the whole report: now, or later on request (serve).
  if (defer) {
    std::shared_ptr<const RenderedSite> site = r.site;
    BuildOptions o = opts;
    int jobs = r.jobs;
    *defer = [site, o, jobs](const SiteSink& s, Diagnostics& d) { render_whole_report(*site, o, jobs, s, d); };
  } else {
    render_whole_report(*r.site, opts, r.jobs, sink, diags);
    r.clock.mark("whole-report pages");
  }
  if (stats) stats->pages = n;
  bool ok = diags.error_count() == before;
  if (r.take && !ok) {
    give_back(r);
  } else {
    store_cache(r);
  }
  return ok;
}

}  // namespace annalist
