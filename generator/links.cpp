#include "links.h"

#include <unordered_map>

#include "text.h"

namespace annalist {

namespace {

const char* const kRootRelative = "root-relative: works only when the site is served from a server's root";

// Calls fn(k, value) for every attribute names[k]="…" in html (names[k] as written, preceded by a
// space), in order: one pass over the text, from each =" back to the name before it.
template <size_t N, typename Fn>
void each_attr(const std::string& html, const std::string_view (&names)[N], Fn fn) {
  size_t i = 0;
  while ((i = html.find("=\"", i)) != std::string::npos) {
    size_t b = i + 2;
    for (size_t k = 0; k < N; ++k) {
      const std::string_view name = names[k];
      if (i < name.size() + 1 || html[i - name.size() - 1] != ' ' ||
          html.compare(i - name.size(), name.size(), name) != 0)
        continue;
      size_t e = html.find('"', b);
      if (e == std::string::npos) return;
      fn(k, std::string_view(html).substr(b, e - b));
      b = e;
      break;
    }
    i = b;
  }
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// An href as the URL parser reads it: character references decoded once (the attribute), leading
// and trailing spaces and controls stripped, tabs and newlines removed, '\' read as '/'.
std::string browser_href(const std::string& raw) {
  std::string s;
  for (char c : decode_char_refs(trim(raw)))
    if (c != '\t' && c != '\n' && c != '\r') s += c == '\\' ? '/' : c;
  return s;
}

// Has a scheme ("https:", "mailto:", "c:"): a letter, then letters, digits, '+', '-', '.', then ':'.
bool has_scheme(const std::string& href) {
  if (href.empty() || !is_alpha(href[0])) return false;
  for (char c : href) {
    if (c == ':') return true;
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

bool ends_with(const std::string& s, const char* tail) {
  std::string t = tail;
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// The site file a resolved URL path names, each segment percent-decoded as a file server does;
// "" when a segment decodes to a name no file can have ("%2F" or "%00" inside it).
std::string file_of(const std::string& url_path) {
  std::string out;
  for (const auto& seg : split(url_path, '/')) {
    std::string name = percent_decode(seg);
    if (name.find('/') != std::string::npos || name.find('\0') != std::string::npos) return "";
    out += (out.empty() ? "" : "/") + name;
  }
  return out;
}

// Where href, written on a page in folder dir, leads: the site file (empty: the page itself) and
// the anchor; or why it does not resolve as a link to check.
struct Resolved {
  std::string why, target, anchor;
  bool check = true;  // false: a scheme, "//host" or nothing: not ours to check
  bool self = false;  // the page itself (target unset)
};

Resolved resolve(const std::string& path, const std::string& raw) {
  Resolved r;
  std::string href = browser_href(raw);
  if (href.empty() || has_scheme(href) || href.compare(0, 2, "//") == 0) {
    r.check = false;
    return r;
  }
  if (href[0] == '/') {
    r.why = kRootRelative;
    return r;
  }
  size_t hash = href.find('#');
  r.anchor = hash == std::string::npos ? "" : href.substr(hash + 1);
  std::string url = href.substr(0, std::min(hash, href.find('?')));
  if (url.empty()) r.self = true;
  else r.target = file_of(resolve_href(path, url));
  return r;
}

// Why the links of one page do not resolve. Pages in one folder share their resolutions (most
// links of a site are the same few hundred, on every page).
class Checker {
 public:
  Checker(const std::map<std::string, PageLinks>& pages, const std::set<std::string>& files)
      : pages_(pages), files_(files) {}

  void check(const std::string& path, const PageLinks& links, std::vector<BrokenLink>& broken) {
    std::string dir = path.substr(0, path.rfind('/') + 1);
    if (dir != dir_) memo_.clear(), dir_ = dir;
    for (const auto& raw : links.hrefs) {
      std::string why;
      if (plain_fragment(raw)) {
        why = !files_.count(path) ? "no such file" : anchor_missing(links, raw.substr(1)) ? "no such anchor" : "";
      } else {
        auto it = memo_.find(raw);
        if (it == memo_.end()) it = memo_.emplace(raw, resolve(path, raw)).first;
        why = why_broken(path, it->second);
      }
      if (!why.empty()) broken.push_back({path, raw, why});
    }
  }

 private:
  // "#id" that the URL parser reads as written (no reference, space, control or '\\').
  static bool plain_fragment(const std::string& raw) {
    if (raw.empty() || raw[0] != '#') return false;
    for (char c : raw)
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '&' || c == '\\') return false;
    return true;
  }
  static bool anchor_missing(const PageLinks& page, const std::string& anchor) {
    return !anchor.empty() && !page.ids.count(anchor) && !page.ids.count(percent_decode(anchor));
  }
  std::string why_broken(const std::string& path, const Resolved& r) const {
    if (!r.check || !r.why.empty()) return r.why;
    const std::string& target = r.self ? path : r.target;
    if (!files_.count(target)) return "no such file";
    auto page = pages_.find(target);
    // A browser tries the fragment as written, then percent-decoded.
    if (page != pages_.end() && anchor_missing(page->second, r.anchor)) return "no such anchor";
    return "";
  }
  const std::map<std::string, PageLinks>& pages_;
  const std::set<std::string>& files_;
  std::string dir_;
  std::unordered_map<std::string, Resolved> memo_;  // href as written -> where it leads from dir_
};

}  // namespace

PageLinks scan_links(const std::string& html) {
  static constexpr std::string_view kNames[] = {"id", "href", "src"};
  PageLinks out;
  std::vector<std::string> srcs;
  each_attr(html, kNames, [&](size_t k, std::string_view v) {
    if (k == 0) out.ids.insert(decode_char_refs(std::string(v)));
    else (k == 1 ? out.hrefs : srcs).emplace_back(v);
  });
  for (auto& s : srcs) out.hrefs.push_back(std::move(s));  // every href, then every src
  return out;
}

std::set<std::string> html_ids(const std::string& html) {
  static constexpr std::string_view kId[] = {"id"};
  std::set<std::string> ids;
  each_attr(html, kId, [&](size_t, std::string_view v) { ids.insert(decode_char_refs(std::string(v))); });
  return ids;
}

std::string resolve_href(const std::string& page, const std::string& href) {
  std::vector<std::string> parts;
  auto dir = split(page, '/');
  dir.pop_back();
  for (auto& d : dir) parts.push_back(url_path_encode(d));
  // The URL parser's dot segments: ".", "..", and their spellings with "%2e".
  auto dots = [](const std::string& seg) {
    std::string s = seg;
    for (size_t k; (k = s.find("%2e")) != std::string::npos || (k = s.find("%2E")) != std::string::npos;) s.replace(k, 3, ".");
    return s == "." ? 1 : s == ".." ? 2 : 0;
  };
  for (const auto& seg : split(href, '/')) {
    if (dots(seg) == 2) {
      if (!parts.empty()) parts.pop_back();
    } else if (dots(seg) == 0 && !seg.empty()) {
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
  Checker checker(pages, files);
  for (const auto& [path, links] : pages) checker.check(path, links, broken);
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
        if (use.url == decode_char_refs(b.href) && k-- == 0) {
          pos = use.pos;
          break;
        }
    }
    if (b.why == kRootRelative) {
      diags.warning(pos, "link '" + b.href + "' in " + b.page + " is " + b.why,
                    "write it relative to the page, so the site also works from a subfolder and from file://");
      continue;
    }
    diags.error(pos, "broken link '" + b.href + "' in " + b.page + ": " + b.why,
                b.why == "no such anchor" ? "link to a heading, figure or table id that the page has"
                                          : "link to a file of the built site, relative to " + b.page);
  }
}

}  // namespace annalist
