#include "source_link.h"

#include <vector>

#include "fs.h"
#include "text.h"

namespace annalist {

std::string lexically_normal(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t climbs = 0;  // leading ".." parts, kept
  for (size_t from = 0; from <= path.size();) {
    size_t slash = std::min(path.find('/', from), path.size());
    std::string_view part = path.substr(from, slash - from);
    from = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part != "..") parts.push_back(part);
    else if (parts.size() > climbs) parts.pop_back();
    else parts.push_back(part), ++climbs;
  }
  std::string out = !path.empty() && path[0] == '/' ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out;
}

std::string relative_path(const std::string& from, const std::string& to) {
  std::vector<std::string> a = from.empty() ? std::vector<std::string>() : split(from, '/');
  std::vector<std::string> b = split(to, '/');
  size_t k = 0;
  while (k < a.size() && k + 1 < b.size() && a[k] == b[k]) ++k;
  std::string out;
  for (size_t i = k; i < a.size(); ++i) out += "../";
  for (size_t i = k; i < b.size(); ++i) out += (i > k ? "/" : "") + b[i];
  return out;
}

namespace {

// True when url starts with a scheme ("https:", "mailto:"): letters, digits, + - . before a ':'
// that comes before any '/', '?' or '#'.
bool has_scheme(std::string_view url) {
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return i > 0;
    if (!(is_ascii_alnum(c) || c == '+' || c == '-' || c == '.')) return false;
  }
  return false;
}

bool ends_with_md(std::string_view path) {
  if (path.size() < 3) return false;
  std::string_view ext = path.substr(path.size() - 3);
  return ext[0] == '.' && ascii_lower(ext[1]) == 'm' && ascii_lower(ext[2]) == 'd';
}

}  // namespace

bool parse_source_link(std::string_view url, const std::string& page_file, SourceLink* out) {
  if (url.empty() || url[0] == '/' || url[0] == '#' || url[0] == '?' || url[0] == '\\' || has_scheme(url))
    return false;
  size_t hash = url.find('#');
  std::string_view path = url.substr(0, std::min(url.find('?'), hash));
  std::string decoded = percent_decode(path);
  if (!ends_with_md(decoded) || decoded.find('\\') != std::string::npos) return false;
  out->path = lexically_normal(path_join(path_dir(page_file), decoded));
  out->anchor = hash == std::string_view::npos ? "" : percent_decode(url.substr(hash + 1));
  return true;
}

}  // namespace annalist
