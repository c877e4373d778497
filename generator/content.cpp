#include "content.h"

#include <map>

#include "text.h"
#include "yaml_util.h"

namespace annalist {

std::string appendix_letter(int n) {
  std::string s;
  while (n > 0) {
    --n;
    s.insert(s.begin(), static_cast<char>('A' + n % 26));
    n /= 26;
  }
  return s;
}

namespace {

// Finds the end of a "---" front matter block; returns the offset of the body, or npos.
size_t front_matter_end(const std::string& text, size_t* yaml_end) {
  auto is_fence = [&](size_t at) {
    if (text.compare(at, 3, "---") != 0) return false;
    size_t e = at + 3;
    while (e < text.size() && (text[e] == ' ' || text[e] == '\t' || text[e] == '\r')) ++e;
    return e == text.size() || text[e] == '\n';
  };
  if (!is_fence(0)) return std::string::npos;
  size_t pos = text.find('\n');
  while (pos != std::string::npos) {
    size_t line = pos + 1;
    if (line < text.size() && is_fence(line)) {
      *yaml_end = line;
      size_t nl = text.find('\n', line);
      return nl == std::string::npos ? text.size() : nl + 1;
    }
    pos = text.find('\n', line);
  }
  return std::string::npos;
}

}  // namespace

bool parse_page(const std::string& raw, const std::string& file, Page* page, Diagnostics& diags) {
  size_t before = diags.error_count();
  page->file = file;
  std::string text = raw;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  size_t bad = 0;
  if (!utf8_valid(text, &bad)) {
    int line, col;
    line_col(text, bad, &line, &col);
    diags.error({file, line, col}, "invalid UTF-8 in Markdown page", "save the file as UTF-8");
    page->unreadable = true;
    return false;
  }
  if (text.find('\0') != std::string::npos) {
    int line, col;
    line_col(text, text.find('\0'), &line, &col);
    diags.error({file, line, col}, "NUL byte in Markdown page", "remove the binary content");
    page->unreadable = true;
    return false;
  }
  page->file = file;
  page->source = raw;
  size_t yaml_end = 0;
  size_t body_at = front_matter_end(text, &yaml_end);
  if (body_at == std::string::npos) {
    if (text.compare(0, 3, "---") == 0 && text.find('\n') != std::string::npos &&
        text.find(':') < text.find("\n\n"))
      diags.warning({file, 1, 1}, "front matter is not closed", "end it with a line of three dashes: ---");
    page->body = text;
    page->body_line = 1;
    return true;
  }
  size_t yaml_start = text.find('\n') + 1;
  std::string yaml = text.substr(yaml_start, yaml_end - yaml_start);
  int body_line = 1;
  for (size_t i = 0; i < body_at; ++i)
    if (text[i] == '\n') ++body_line;
  page->body = text.substr(body_at);
  page->body_line = body_line;
  YAML::Node fm;
  if (!parse_yaml(yaml, file, 1, &fm, diags)) return false;
  if (fm.IsNull()) return true;
  if (!fm.IsMap()) {
    diags.error({file, 2, 1}, "front matter must be a mapping", "title: …\nslug: …\nsummary: …");
    return false;
  }
  static const std::vector<std::string> kKeys = {"title", "slug", "summary"};
  for (const auto& kv : fm) {
    std::string key = yaml_scalar(kv.first);  // a list/mapping key is an unknown key, not a throw
    SourcePos kpos = yaml_pos(kv.first, file, 1);
    SourcePos vpos = yaml_pos(kv.second, file, 1);
    if (!kv.second.IsScalar() && !kv.second.IsNull()) {
      diags.error(vpos, "front matter '" + key + "' must be a text value", "");
      continue;
    }
    std::string v = yaml_scalar(kv.second);
    if (key == "title") {
      page->title = v;
      page->title_pos = vpos;
    } else if (key == "slug") {
      bool ok = !v.empty();
      for (char c : v) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
      if (!ok) diags.error(vpos, "slug '" + v + "' must be lower-case ASCII letters, digits, '-' or '_'",
                           "e.g. slug: cross-border");
      else {
        page->slug = v;
        page->slug_pos = vpos;
      }
    } else if (key == "summary") {
      page->summary = v;
    } else {
      diags.error(kpos, "unknown front matter key '" + key + "'", did_you_mean(key, kKeys));
    }
  }
  return diags.error_count() == before;
}

std::vector<Page> load_pages(const Config& config, const FileSystem& fs, Diagnostics& diags,
                             const std::vector<Page>* previous) {
  std::vector<Page> pages;
  std::map<std::string, const Page*> known;  // file -> last build's page (parsed without errors)
  if (previous)
    for (const auto& p : *previous) known[p.file] = &p;
  std::map<std::string, std::string> slugs;  // slug -> file that took it
  auto load = [&](const std::vector<PageRef>& refs, PageKind kind) {
    int ordinal = 0;
    for (const auto& ref : refs) {
      ++ordinal;
      if (!path_is_contained(ref.path)) {
        diags.error(ref.pos, "page path '" + ref.path + "' leaves the project directory",
                    "list pages relative to report.yml, without '..'");
        continue;
      }
      std::string path = path_join(config.root, ref.path);
      if (!fs.resolves_inside(config.root, path)) {
        diags.error(ref.pos, "page path '" + ref.path + "' leads outside the project directory (symbolic link)",
                    "copy the page into the project instead of linking to it");
        continue;
      }
      auto text = fs.read(path);
      if (!text) {
        diags.error(ref.pos, "page '" + ref.path + "' not found", "create " + path + " or fix the path");
        continue;
      }
      Page page;
      auto k = known.find(path);
      if (k != known.end() && k->second->source == *text && k->second->parsed_cleanly) {
        page = *k->second;  // same bytes: same front matter and body
      } else {
        size_t errors = diags.error_count();
        parse_page(*text, path, &page, diags);
        page.parsed_cleanly = diags.error_count() == errors;
      }
      page.kind = kind;
      page.ordinal = kind == PageKind::kFront ? 0 : ordinal;
      page.number = kind == PageKind::kChapter    ? std::to_string(ordinal)
                    : kind == PageKind::kAppendix ? appendix_letter(ordinal)
                                                  : "";
      if (page.unreadable) continue;
      if (page.slug.empty()) {
        std::string stem = ref.path.substr(ref.path.rfind('/') + 1);
        stem = stem.substr(0, stem.rfind('.'));
        page.slug = slugify(stem);
        page.slug_pos = ref.pos;
      }
      auto [it, fresh] = slugs.emplace(page.slug, path);
      if (!fresh) {
        diags.error(page.slug_pos,
                    "duplicate slug '" + page.slug + "' (also used by " + it->second + ")",
                    "give one of the pages another 'slug:' in its front matter");
      }
      page.url = "chapters/" + page.slug + ".html";
      pages.push_back(std::move(page));
    }
  };
  load(config.front, PageKind::kFront);
  load(config.chapters, PageKind::kChapter);
  load(config.appendices, PageKind::kAppendix);
  return pages;
}

}  // namespace annalist
