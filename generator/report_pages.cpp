#include "report_pages.h"

#include <map>
#include <random>

#include "parallel.h"
#include "search_index.h"
#include "theme.h"
#include "xref.h"

namespace annalist {

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

// The print template rendered with a marker in place of each body, cut at the markers. No parts
// when the template does not show every body exactly once, in order (a user's template may not).
LongFiles::PrintFrame LongFiles::print_frame(const RenderedSite& site, const BuildOptions& opts,
                                             Diagnostics& diags) {
  const Project& p = *site.project;
  size_t n = p.pages.size();
  std::random_device rd;
  std::string tag = "\x01annalist-body-" + std::to_string(rd()) + "-" + std::to_string(rd()) + "-";
  PrintFrame f;
  {
    std::vector<std::string> marks(n);
    for (size_t i = 0; i < n; ++i) marks[i] = tag + std::to_string(i) + "\x01";
    f.text = render_template(p.theme, "print", print_context(p, opts, site.model, marks), diags);
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

LongFiles::Piece LongFiles::make(size_t i) const {
  const RenderedPage& r = site_.rendered[i];
  const std::string& label = site_.model.labels[i];
  LinkContext print{true, &site_.rendered};
  return {finalize_body(r, i, site_.project->pages, *site_.model.targets, print, nullptr),
          search_page_part(i, site_.project->pages[i], label.empty() ? r.title : label + " " + r.title, r,
                           *site_.model.targets)};
}

void LongFiles::take(size_t i, Piece&& piece) {
  start();
  if (frame_.parts.empty()) {
    whole_[i] = std::move(piece.print);
  } else {
    piece.print += frame_.part(i + 1);
    pieces_("print.html", std::move(piece.print), false);
  }
  search_.add(i, piece.search.tokens);
  pieces_(piece.search.fragment.first, std::move(piece.search.fragment.second), true);
}

void LongFiles::finish() {
  start();
  const Project& p = *site_.project;
  if (frame_.parts.empty())
    pieces_("print.html", render_template(p.theme, "print", print_context(p, opts_, site_.model, whole_), diags_),
            true);
  else
    pieces_("print.html", "", true);
  for (auto& [path, bytes] : search_.finish(p.pages.size())) pieces_(path, std::move(bytes), true);
}

// The head of print.html, at the first page taken: while other threads go on making pages.
void LongFiles::start() {
  if (started_) return;
  started_ = true;
  const Project& p = *site_.project;
  frame_ = print_frame(site_, opts_, diags_);
  if (frame_.parts.empty()) whole_.resize(p.pages.size());
  else pieces_("print.html", std::string(frame_.part(0)), false);
}

void render_report_pages(const RenderedSite& site, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags) {
  const Project& p = *site.project;
  const SiteModel& m = site.model;
  // Each builds its context from every page or data set: side by side.
  const std::function<nlohmann::json()> contexts[] = {
      [&] { return cover_context(p, opts, m); }, [&] { return figures_context(p, opts, m); },
      [&] { return data_context(p, opts, m); },  [&] { return search_context(p, opts, m); },
      [&] { return notfound_context(p, opts, m); }};
  const char* const names[][2] = {{"index.html", "index"}, {"figures.html", "figures"}, {"data.html", "data"},
                                  {"search.html", "search"}, {"404.html", "404"}};
  // A report without figures and tables has no list of them, one without data sets no appendix.
  const bool wanted[] = {true, m.has_figures, !p.data.sets.empty(), true, true};
  parallel_for(std::size(names), jobs, [&](size_t k) {
    if (wanted[k]) sink(names[k][0], render_template(p.theme, names[k][1], contexts[k](), diags));
  });
  if (!p.config.base_url.empty()) sink("sitemap.xml", sitemap_xml(p, m));
  std::vector<const DataSet*> sets;
  for (const auto& [path, ds] : p.data.sets) sets.push_back(ds.get());
  parallel_for(sets.size() + p.theme.assets.size(), jobs, [&](size_t i) {
    if (i < sets.size()) sink(data_download_path(*sets[i]), data_download_bytes(*sets[i]));
    else sink(p.theme.assets[i - sets.size()].first, std::string(p.theme.assets[i - sets.size()].second));
  });
}

void render_whole_report(const RenderedSite& site, const BuildOptions& opts, int jobs, const SiteSink& sink,
                         Diagnostics& diags) {
  PieceSink pieces = joining(sink);
  LongFiles long_files(site, opts, pieces, diags);
  for_each_in_order<LongFiles::Piece>(
      site.project->pages.size(), jobs, [&](size_t i) { return long_files.make(i); },
      [&](size_t i, LongFiles::Piece&& piece) { long_files.take(i, std::move(piece)); });
  long_files.finish();
  render_report_pages(site, opts, jobs, sink, diags);
}

}  // namespace annalist
