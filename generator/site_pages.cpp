#include "site_pages.h"

#include <algorithm>

#include "citation.h"
#include "parallel.h"
#include "text.h"
#include "theme.h"

namespace annalist {

namespace {

using nlohmann::json;

// "../" for pages one directory down, "" at the top.
std::string root_of(const std::string& url) {
  std::string r;
  for (char c : url)
    if (c == '/') r += "../";
  return r;
}

const char* kind_name(const Page& p) {
  if (p.part_page) return "part";
  return p.kind == PageKind::kChapter ? "chapter" : p.kind == PageKind::kAppendix ? "appendix" : "front";
}

std::string full_title(const std::string& label, const std::string& title) {
  return label.empty() ? title : label + " " + title;
}

json page_link(const Project& p, const SiteModel& m, size_t i, const std::string& root) {
  const auto& r = (*m.rendered)[i];
  const Page& page = p.pages[i];
  return {{"label", m.labels[i]},  {"title", r.title},        {"href", root + page.url},
          {"summary", page.summary}, {"kind", kind_name(page)}, {"depth", page.depth},
          {"sub", page.depth > 0},   {"part", page.part_page ? "" : page.part},
          {"is_part", page.part_page}};
}

// The sidebar around the current page: every page for ordinary reports, a window around the
// current page for huge ones. The entries before and after it come pre-rendered; the current
// one is rendered with the page (it lists the page's sections). The page tree becomes nested
// lists: a page's sub-pages are folded in a <details>, open on the way to the current page; a
// part's title comes before its first chapter. A window of a huge report is flat.
struct NavWindow {
  std::string before, after;
  bool truncated = false;
};

NavWindow nav_window(const Project& p, const SiteModel& m, size_t current) {
  constexpr size_t kAll = 200, kHalf = 5;
  NavWindow w;
  size_t n = m.nav_items.size(), from = 0, to = n;
  if (n > kAll) {
    from = current > kHalf ? current - kHalf : 0;
    to = std::min(n, from + 2 * kHalf + 1);
    w.truncated = true;
  }
  // Depths as drawn: never more than one below the entry before (a missing parent page).
  std::vector<int> depth(to - from, 0);
  for (size_t i = from; i < to && !w.truncated; ++i)
    depth[i - from] = i == from ? 0 : std::min(p.pages[i].depth, depth[i - from - 1] + 1);
  const json& ui = p.theme.ui;
  std::string fold_label = ui.contains("nav_subpages") ? ui["nav_subpages"].get<std::string>() : "";
  std::string* out = &w.before;
  out->reserve(4096);
  for (size_t i = from; i < to; ++i) {
    int d = depth[i - from], next = i + 1 < to ? depth[i + 1 - from] : 0;
    const Page& page = p.pages[i];
    if (!page.part.empty() && !page.part_page) {
      *out += "<li class=\"nav-part\">";
      html_escape(page.part, *out);
      *out += "</li>\n";
    }
    if (i == current) out = &w.after;
    else *out += m.nav_items[i];
    if (next > d) {
      // Open when the current page is this one or below it.
      size_t end = i + 1;
      while (end < to && depth[end - from] > d) ++end;
      bool open = current >= i && current < end;
      *out += open ? "\n<details class=\"nav-fold\" open><summary>" : "\n<details class=\"nav-fold\"><summary>";
      html_escape(fold_label, *out);
      *out += "</summary>\n<ol class=\"nav-sub\">\n";
    } else {
      *out += "</li>\n";
      for (int k = next; k < d; ++k) *out += "</ol>\n</details></li>\n";
    }
  }
  for (std::string* s : {&w.before, &w.after})
    if (!s->empty() && s->back() == '\n') s->pop_back();  // the template adds the line break
  return w;
}

json toc_of(const std::vector<Heading>& hs) {
  json toc = json::array();
  for (const auto& h : hs) {
    if (h.depth > 1) continue;  // the page's top two heading levels, whichever they are
    json e = {{"id", h.id}, {"number", h.number}, {"text", h.text}, {"children", json::array()}};
    if (h.depth == 1 && !toc.empty()) toc.back()["children"].push_back(std::move(e));
    else toc.push_back(std::move(e));
  }
  for (auto& e : toc) e["has_children"] = !e["children"].empty();
  return toc;
}

}  // namespace

void render_nav_items(const Project& p, SiteModel& m, int jobs, Diagnostics& diags) {
  size_t n = p.pages.size();
  m.nav_items.assign(n, "");
  std::vector<Diagnostics> problems(n);
  parallel_for(n, jobs, [&](size_t i) {
    json item = page_link(p, m, i, "../");
    item["current"] = false;
    item["has_toc"] = false;
    m.nav_items[i] = render_template(p.theme, "nav-item", item, problems[i]);
  });
  for (const auto& d : problems) diags.merge(d);
}

bool any_figures(const std::vector<RenderedPage>& rendered) {
  for (const auto& r : rendered)
    if (!r.figures.empty()) return true;
  return false;
}

namespace {

// The search box's placeholder: with report.yml's search_example in it, else the plain one (the
// theme's strings name no topic, so one report's subject does not show up in another).
std::string search_placeholder(const json& ui, const std::string& example) {
  auto text = [&](const char* key) { return ui.contains(key) && ui[key].is_string() ? ui[key].get<std::string>() : ""; };
  std::string with = text("search_placeholder_example");
  size_t at = with.find("{example}");
  if (example.empty() || at == std::string::npos) return text("search_placeholder");
  return with.replace(at, 9, example);
}

}  // namespace

json shared_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  const Config& c = p.config;
  json site = {{"title", c.title},         {"subtitle", c.subtitle}, {"edition", c.edition},
               {"author", c.author},       {"publisher", c.publisher}, {"description", c.description},
               {"language", c.language}};
  // Publication and last-update dates from report.yml (never the build time: output is deterministic).
  for (const auto& [iso, key] : {std::pair{&c.published, "published"}, std::pair{&c.updated, "updated"}})
    if (!iso->empty()) site[key] = {{"iso", *iso}, {"text", format_date(*iso, p.theme.strings)}};
  site["has_dates"] = !c.published.empty() || !c.updated.empty();
  // The list of figures and the data appendix exist (and are linked) only when they list something.
  json ctx = {{"lang", c.language}, {"site", site}, {"ui", p.theme.ui},
              {"has_figure_list", m.has_figures}, {"has_data_appendix", !p.data.sets.empty()},
              {"search_placeholder", search_placeholder(p.theme.ui, c.search_example)}};
  // The report's own style sheets and scripts (extra_css, extra_js), after the theme's.
  for (const auto& [list, key] : {std::pair{&c.extra_css, "extra_css"}, std::pair{&c.extra_js, "extra_js"}}) {
    ctx[key] = json::array();
    for (const AssetRef& a : *list) ctx[key].push_back({{"href", url_path_encode(extra_asset_site_path(a))}});
  }
  if (!opts.live_reload.empty()) ctx["live_reload"] = opts.live_reload;
  return ctx;
}

namespace {

// What the layout needs about one page: its place, head title, description, canonical link.
json page_head(const Project& p, const std::string& url, const std::string& title, const std::string& description) {
  const Config& c = p.config;
  json ctx = {{"root", root_of(url)},
              {"head_title", title.empty() ? c.title : title + " - " + c.title},
              {"description", description.empty() ? c.description : description}};
  if (!c.base_url.empty()) ctx["canonical"] = c.base_url + url;
  ctx["citation"] = citation_context(c, {"", c.base_url});
  return ctx;
}

}  // namespace

json base_context(const Project& p, const BuildOptions& opts, const SiteModel& m, const std::string& url,
                  const std::string& title, const std::string& description) {
  json ctx = shared_context(p, opts, m);
  ctx.update(page_head(p, url, title, description));
  return ctx;
}

json chapter_context(const Project& p, const SiteModel& m, size_t i, std::string&& body) {
  const Page& page = p.pages[i];
  const RenderedPage& r = (*m.rendered)[i];
  json ctx = page_head(p, page.url, full_title(m.labels[i], r.title), page.summary);
  const std::string& base = p.config.base_url;
  ctx["citation"] = citation_context(p.config, {full_title(m.labels[i], r.title), base.empty() ? "" : base + page.url});
  std::string root = root_of(page.url);
  json toc = toc_of(r.headings);
  bool has_toc = !toc.empty();
  // The in-page contents box: "本附录内容" on an appendix, "本章内容" elsewhere.
  const json& ui = p.theme.ui;
  const char* toc_key = page.kind == PageKind::kAppendix && ui.contains("on_this_appendix") ? "on_this_appendix"
                                                                                             : "on_this_page";
  ctx["page"] = {{"title", r.title},          {"label", m.labels[i]},    {"kind", kind_name(page)},
                 {"summary", page.summary},   {"body", std::move(body)}, {"toc", std::move(toc)},
                 {"has_toc", has_toc},        {"slug", page.slug},       {"toc_title", ui.contains(toc_key) ? ui[toc_key] : json("")}};
  NavWindow nav = nav_window(p, m, i);
  json current = page_link(p, m, i, "../");
  current["current"] = true;
  current["toc"] = ctx["page"]["toc"];
  current["has_toc"] = has_toc;
  ctx["nav_before"] = std::move(nav.before);
  ctx["nav_current"] = std::move(current);
  ctx["nav_after"] = std::move(nav.after);
  ctx["nav_truncated"] = nav.truncated;
  if (i > 0) ctx["prev"] = page_link(p, m, i - 1, root);
  if (i + 1 < p.pages.size()) ctx["next"] = page_link(p, m, i + 1, root);
  return ctx;
}

json cover_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  json ctx = base_context(p, opts, m, "index.html", "", p.config.description);
  ctx["head_title"] = p.config.title;
  json front = json::array(), chapters = json::array(), appendices = json::array();
  for (size_t i = 0; i < p.pages.size(); ++i) {
    json l = page_link(p, m, i, "");
    (p.pages[i].kind == PageKind::kFront ? front : p.pages[i].kind == PageKind::kChapter ? chapters : appendices)
        .push_back(std::move(l));
  }
  ctx["front"] = front;
  ctx["chapters"] = chapters;
  ctx["appendices"] = appendices;
  ctx["has_appendices"] = !appendices.empty();
  ctx["highlights"] = m.highlights;
  ctx["has_highlights"] = !m.highlights.empty();
  return ctx;
}

json figures_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  json ctx = base_context(p, opts, m, "figures.html", p.theme.strings.list_of_figures, "");
  json figs = json::array(), tabs = json::array();
  for (size_t i = 0; i < p.pages.size(); ++i) {
    json fg = {{"page", page_link(p, m, i, "")}, {"items", json::array()}};
    json tg = fg;
    for (const auto& f : (*m.rendered)[i].figures) {
      json e = {{"label", f.label}, {"title", f.title}, {"href", p.pages[i].url + "#" + f.anchor},
                {"placeholder", f.placeholder}};
      (f.table ? tg : fg)["items"].push_back(std::move(e));
    }
    if (!fg["items"].empty()) figs.push_back(std::move(fg));
    if (!tg["items"].empty()) tabs.push_back(std::move(tg));
  }
  ctx["figure_groups"] = figs;
  ctx["table_groups"] = tabs;
  ctx["has_figures"] = !figs.empty();
  ctx["has_tables"] = !tabs.empty();
  return ctx;
}

std::string data_download_path(const DataSet& ds) {
  return "data/" + ds.path + (ds.format == "csv" ? ".csv" : ".json");
}

namespace {

// How deep lists and mappings nest in v (at most kMaxDataNesting: parsing refuses more).
size_t nesting(const json& v) {
  size_t d = 0;
  if (v.is_structured())
    for (const auto& x : v) d = std::max(d, nesting(x) + 1);
  return d;
}

}  // namespace

std::string data_download_bytes(const DataSet& ds) {
  // CSV and JSON: the bytes as written, a CSV with a UTF-8 byte order mark in front unless it has
  // one (Excel reads a CSV without it in the system's code page and garbles Chinese).
  // YAML becomes JSON, indented when that stays small: indentation grows with depth, and a deep
  // document would be many times its size.
  static const std::string kBom = "\xEF\xBB\xBF";
  if (ds.format == "csv" && ds.raw.compare(0, kBom.size(), kBom) != 0) return kBom + ds.raw;
  if (ds.format != "yaml") return ds.raw;
  return (nesting(ds.value) <= 8 ? ds.value.dump(2) : ds.value.dump()) + "\n";
}

json data_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  json ctx = base_context(p, opts, m, "data.html", p.theme.strings.data_appendix, "");
  json sets = json::array();
  for (const auto& [path, set] : p.data.sets) {
    const DataSet& ds = *set;
    json cols = json::array();
    for (const auto& c : ds.columns) cols.push_back(c.name);
    sets.push_back({{"path", path},
                    {"title", ds.title.empty() ? path : ds.title},
                    {"source", ds.source},
                    {"unit", ds.unit},
                    {"format", ds.format},
                    {"rows", ds.format == "csv" ? json(ds.cells.size()) : json()},
                    {"columns", cols},
                    {"href", url_path_encode(data_download_path(ds))}});
  }
  ctx["datasets"] = sets;
  ctx["has_datasets"] = !sets.empty();
  return ctx;
}

json search_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  return base_context(p, opts, m, "search.html", p.theme.strings.search, "");
}

json notfound_context(const Project& p, const BuildOptions& opts, const SiteModel& m) {
  json ctx = base_context(p, opts, m, "404.html", p.theme.strings.not_found, "");
  // A server shows 404.html at any depth: its links start from base_url, or (without one) from the
  // site's top that its script finds in the address.
  if (!p.config.base_url.empty()) ctx["root"] = p.config.base_url;
  else ctx["root_from_location"] = true;
  return ctx;
}

json print_context(const Project& p, const BuildOptions& opts, const SiteModel& m,
                   const std::vector<std::string>& bodies) {
  json ctx = base_context(p, opts, m, "print.html", p.theme.strings.print_version, "");
  json pages = json::array();
  for (size_t i = 0; i < p.pages.size(); ++i) {
    const auto& r = (*m.rendered)[i];
    pages.push_back({{"anchor", print_prefix(p.pages[i]) + "top"},
                     {"label", m.labels[i]},
                     {"title", r.title},
                     {"kind", kind_name(p.pages[i])},
                     {"depth", p.pages[i].depth},
                     {"sub", p.pages[i].depth > 0},
                     {"part", p.pages[i].part_page ? "" : p.pages[i].part},
                     {"body", bodies[i]}});
  }
  ctx["pages"] = std::move(pages);
  ctx["highlights"] = m.highlights;
  ctx["has_highlights"] = !m.highlights.empty();
  return ctx;
}

std::string sitemap_xml(const Project& p, const SiteModel& m) {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto add = [&](const std::string& url) {
    s += "<url><loc>";
    html_escape(p.config.base_url + url, s);
    s += "</loc></url>\n";
  };
  add("index.html");
  for (const auto& page : p.pages) add(page.url);
  if (m.has_figures) add("figures.html");
  if (!p.data.sets.empty()) add("data.html");
  add("print.html");
  s += "</urlset>\n";
  return s;
}

}  // namespace annalist
