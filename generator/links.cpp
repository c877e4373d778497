#include "links.h"

#include "text.h"

namespace annalist {

namespace {

// Calls fn(value) for every attribute name="…" in html.
template <typename Fn>
void each_attr(const std::string& html, const char* name, Fn fn) {
  std::string pat = std::string(" ") + name + "=\"";
  size_t i = 0;
  while ((i = html.find(pat, i)) != std::string::npos) {
    size_t b = i + pat.size();
    size_t e = html.find('"', b);
    if (e == std::string::npos) return;
    fn(html.substr(b, e - b));
    i = e;
  }
}

std::string unescape_amp(std::string s) {
  size_t k;
  while ((k = s.find("&amp;")) != std::string::npos) s.replace(k, 5, "&");
  return s;
}

bool is_external(const std::string& href) {
  auto colon = href.find(':');
  auto slash = href.find('/');
  return href.compare(0, 2, "//") == 0 || (colon != std::string::npos && (slash == std::string::npos || colon < slash));
}

bool ends_with(const std::string& s, const char* tail) {
  std::string t = tail;
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// Why href, written on page path, does not resolve ("" when it does).
std::string why_broken(const std::string& path, const std::string& raw, const std::map<std::string, PageLinks>& pages,
                       const std::set<std::string>& files) {
  std::string href = unescape_amp(raw);
  if (href.empty() || is_external(href)) return "";
  std::string file = href.substr(0, href.find('#'));
  std::string anchor = href.find('#') == std::string::npos ? "" : href.substr(href.find('#') + 1);
  file = percent_decode(file.substr(0, file.find('?')));  // a file server decodes %XX
  std::string target = file.empty() ? path : resolve_href(path, file);
  if (!files.count(target)) return "no such file";
  auto page = pages.find(target);
  // A browser tries the fragment as written, then percent-decoded.
  if (!anchor.empty() && page != pages.end() && !page->second.ids.count(anchor) &&
      !page->second.ids.count(percent_decode(anchor)))
    return "no such anchor";
  return "";
}

}  // namespace

PageLinks scan_links(const std::string& html) {
  PageLinks out;
  out.ids = html_ids(html);
  auto add = [&](const std::string& v) { out.hrefs.push_back(v); };
  each_attr(html, "href", add);
  each_attr(html, "src", add);
  return out;
}

std::set<std::string> html_ids(const std::string& html) {
  std::set<std::string> ids;
  each_attr(html, "id", [&](const std::string& v) { ids.insert(unescape_amp(v)); });
  return ids;
}

std::string resolve_href(const std::string& page, const std::string& href) {
  std::vector<std::string> parts;
  auto dir = split(page, '/');
  dir.pop_back();
  for (auto& d : dir) parts.push_back(d);
  for (const auto& seg : split(href, '/')) {
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (seg != "." && !seg.empty()) {
      parts.push_back(seg);
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

std::vector<BrokenLink> find_broken_links(const std::map<std::string, PageLinks>& pages,
                                          const std::set<std::string>& files) {
  std::vector<BrokenLink> broken;
  for (const auto& [path, links] : pages)
    for (const auto& raw : links.hrefs) {
      std::string why = why_broken(path, raw, pages, files);
      if (!why.empty()) broken.push_back({path, raw, why});
    }
  return broken;
}

std::vector<BrokenLink> find_broken_links(const std::map<std::string, std::string>& pages,
                                          const std::set<std::string>& files) {
  std::map<std::string, PageLinks> links;
  for (const auto& [path, html] : pages) links[path] = scan_links(html);
  return find_broken_links(links, files);
}

void SiteLinks::add_file(const std::string& path, const std::string& bytes) {
  bool checked = ends_with(path, ".html") && path != "print.html" && path != "404.html";
  PageLinks links;
  if (checked) links = scan_links(bytes);
  std::lock_guard l(mu_);
  files_.insert(path);
  if (checked) pages_[path] = std::move(links);
}

void SiteLinks::add_piece(const std::string& path) {
  std::lock_guard l(mu_);
  files_.insert(path);
}

void report_broken_links(const SiteLinks& links, const std::vector<Page>& pages,
                         const std::vector<RenderedPage>& rendered, Diagnostics& diags) {
  if (diags.has_errors()) return;
  std::map<std::string, size_t> by_url;
  for (size_t i = 0; i < pages.size() && i < rendered.size(); ++i) by_url[pages[i].url] = i;
  std::map<std::pair<std::string, std::string>, size_t> seen;  // (page, href) -> uses already named
  for (const auto& b : links.broken()) {
    SourcePos pos{b.page, 0, 0};
    auto it = by_url.find(b.page);
    if (it != by_url.end()) {
      pos.file = pages[it->second].file;
      // The k-th broken use of an href on a page is the k-th Markdown link written with it.
      size_t k = seen[{b.page, b.href}]++;
      for (const auto& use : rendered[it->second].links)
        if (use.url == unescape_amp(b.href) && k-- == 0) {
          pos = use.pos;
          break;
        }
    }
    diags.error(pos, "broken link '" + b.href + "' in " + b.page + ": " + b.why,
                b.why == "no such anchor" ? "link to a heading, figure or table id that the page has"
                                          : "link to a file of the built site, relative to " + b.page);
  }
}

}  // namespace annalist
