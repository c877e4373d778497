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

}  // namespace

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

std::vector<BrokenLink> find_broken_links(const std::map<std::string, std::string>& pages,
                                          const std::set<std::string>& files) {
  std::map<std::string, std::set<std::string>> ids;
  for (const auto& [path, html] : pages) ids[path] = html_ids(html);
  std::vector<BrokenLink> broken;
  for (const auto& entry : pages) {
    const std::string& path = entry.first;  // not a structured binding: clang < 16 cannot capture those
    const std::string& html = entry.second;
    auto check = [&](const std::string& raw) {
      std::string href = unescape_amp(raw);
      if (href.empty() || is_external(href)) return;
      std::string file = href.substr(0, href.find('#'));
      std::string anchor = href.find('#') == std::string::npos ? "" : href.substr(href.find('#') + 1);
      file = percent_decode(file.substr(0, file.find('?')));  // a file server decodes %XX
      std::string target = file.empty() ? path : resolve_href(path, file);
      if (!files.count(target)) {
        broken.push_back({path, raw, "no such file"});
        return;
      }
      // A browser tries the fragment as written, then percent-decoded.
      if (!anchor.empty() && pages.count(target) && !ids[target].count(anchor) &&
          !ids[target].count(percent_decode(anchor)))
        broken.push_back({path, raw, "no such anchor"});
    };
    each_attr(html, "href", check);
    each_attr(html, "src", check);
  }
  return broken;
}

}  // namespace annalist
