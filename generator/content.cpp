#include "content.h"

#include <unordered_map>

#include "parallel.h"
#include "text.h"
#include "hash.h"
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
size_t front_matter_end(std::string_view text, size_t* yaml_end) {
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

namespace {

bool parse_page_shared(std::shared_ptr<const std::string> shared, const std::string& file, Page* page,
                       Diagnostics& diags) {
  size_t before = diags.error_count();
  page->file = file;
  const std::string& raw = *shared;
  const size_t bom = raw.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  const std::string_view text = std::string_view(raw).substr(bom);
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
  page->source_hash = hash_hex(raw);
  page->source = std::move(shared);
  size_t yaml_end = 0;
  size_t body_at = front_matter_end(text, &yaml_end);
  if (body_at == std::string::npos) {
    if (text.compare(0, 3, "---") == 0 && text.find('\n') != std::string::npos &&
        text.find(':') < text.find("\n\n"))
      diags.warning({file, 1, 1}, "front matter is not closed", "end it with a line of three dashes: ---");
    page->body_offset = bom;
    page->body_line = 1;
    return true;
  }
  size_t yaml_start = text.find('\n') + 1;
  std::string yaml(text.substr(yaml_start, yaml_end - yaml_start));
  int body_line = 1;
  for (size_t i = 0; i < body_at; ++i)
    if (text[i] == '\n') ++body_line;
  page->body_offset = bom + body_at;
  page->body_line = body_line;
  YAML::Node fm;
  if (!parse_yaml(yaml, file, 1, &fm, diags)) {
    page->front_matter_broken = true;
    return false;
  }
  if (fm.IsNull()) return true;
  if (!fm.IsMap()) {
    diags.error({file, 2, 1}, "front matter must be a mapping", "title: …\nslug: …\nsummary: …");
    return false;
  }
  static const KeySchema kKeys = {"front matter key", "", nullptr, {"title", "slug", "summary"}};
  for (const auto& kv : fm) {
    std::string key = yaml_scalar(kv.first);  // a list/mapping key is an unknown key, not a throw
    SourcePos kpos = yaml_pos(kv.first, file, 1);
    SourcePos vpos = yaml_pos(kv.second, file, 1);
    if (!kv.second.IsScalar() && !kv.second.IsNull()) {
      diags.error(vpos, "front matter '" + key + "' must be a text value", "");
      continue;
    }
    if (!check_key(kKeys, key, kpos, diags)) continue;
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
    } else {
      page->summary = v;
    }
  }
  return diags.error_count() == before;
}

struct PageItem {
  const PageRef* ref = nullptr;
  PageKind kind = PageKind::kChapter;
  int ordinal = 0;
  std::string number;  // "1", "A", "1.2", "" (unnumbered)
  bool ok = false;  // a page came out (maybe with errors)
  Page page;
  Diagnostics diags;
};

// Reads and parses one listed page, or takes the last build's page when its file is untouched.
// Returns false (with an error in d) when no page came out.
bool read_listed_page(const Config& config, const FileSystem& fs, const PageRef& ref, const Page* prev,
                      const std::set<std::string>* changed, Page* page, Diagnostics& d) {
  if (!path_is_contained(ref.path)) {
    d.error(ref.pos, "page path '" + ref.path + "' leaves the project directory",
            "list pages relative to report.yml, without '..'");
    return false;
  }
  std::string path = path_join(config.root, ref.path);
  if (prev && reported_unchanged(prev->stamp, changed, path)) {
    *page = *prev;  // the watcher reported it unchanged then, and no change of it since
    return true;
  }
  // The file's stamp is taken before it is read: a save in between makes the next stamp differ.
  auto stamp = prev ? fs.stamp(path) : std::nullopt;
  if (prev && stamp && prev->stamp == *stamp && stamp->inode != 0) {
    // Not touched since it was read (and found inside the project): same front matter and
    // body. No need to walk the path for links again: its bytes are not read, and a path that
    // now leads to another file has another stamp (stat follows links, the inode is in it).
    *page = *prev;
    return true;
  }
  // Read from the opened file, checked to be a regular file inside the project (a path
  // swapped for a link between a check and the read cannot lead out; a FIFO never blocks).
  std::string why;
  auto text = fs.read_input(config.root.empty() ? "." : config.root, path, &why);
  if (!text) {
    // "- a.md\n  - b.md" indented deeper than the item before reads as one path "a.md - b.md".
    bool folded = ref.path.find(" - ") != std::string::npos;
    if (why == "does not exist")
      d.error(ref.pos, "page '" + ref.path + "' not found",
              folded ? "two list items ran together: start each '- ' line at the same indentation as the first"
                     : "create " + path + " or fix the path");
    else if (why.find("outside") != std::string::npos)
      d.error(ref.pos, "page path '" + ref.path + "' " + why, "copy the page into the project instead of linking to it");
    else
      d.error(ref.pos, "page '" + ref.path + "' " + why, "a page must be a Markdown file");
    return false;
  }
  if (prev && *prev->source == *text) {
    *page = *prev;  // same bytes: same front matter and body
  } else {
    parse_page_shared(std::make_shared<const std::string>(std::move(*text)), path, page, d);
    page->parsed_cleanly = d.error_count() == 0;
  }
  page->stamp = stamp ? *stamp : FileStamp{};
  return true;
}

// Numbering, slugs and urls, in report order; every page's problems merged into diags.
std::vector<Page> number_pages(std::vector<PageItem>& items, Diagnostics& diags) {
  std::vector<Page> pages;
  pages.reserve(items.size());
  std::unordered_map<std::string_view, size_t> slugs;  // slug (in pages) -> the page that took it
  slugs.reserve(items.size());
  for (PageItem& it : items) {
    diags.merge(it.diags);
    if (!it.ok) continue;
    Page& page = it.page;
    const PageRef& ref = *it.ref;
    page.kind = it.kind;
    page.ordinal = it.kind == PageKind::kFront ? 0 : it.ordinal;
    page.number = it.number;
    page.depth = ref.depth;
    page.part = ref.part;
    page.part_page = ref.part_page;
    if (page.unreadable) continue;
    if (page.slug.empty()) {
      std::string stem = ref.path.substr(ref.path.rfind('/') + 1);
      stem = stem.substr(0, stem.rfind('.'));
      page.slug = slugify(stem);
      page.slug_pos = ref.pos;
    }
    page.url = "chapters/" + page.slug + ".html";
    pages.push_back(std::move(page));  // reserved: stays in place, and its slug with it
    const Page& added = pages.back();
    auto [at, fresh] = slugs.emplace(added.slug, pages.size() - 1);
    if (!fresh) {
      diags.error(added.slug_pos, "duplicate slug '" + added.slug + "' (also used by " + pages[at->second].file + ")",
                  "give one of the pages another 'slug:' in its front matter");
    }
  }
  return pages;
}

}  // namespace

bool parse_page(const std::string& raw, const std::string& file, Page* page, Diagnostics& diags) {
  return parse_page_shared(std::make_shared<const std::string>(raw), file, page, diags);
}

std::vector<Page> load_pages(const Config& config, const FileSystem& fs, Diagnostics& diags,
                             const std::vector<Page>* previous, int jobs, const std::set<std::string>* changed) {
  std::vector<PageItem> items;
  items.reserve(config.front.size() + config.chapters.size() + config.appendices.size());
  for (auto [refs, kind] : {std::pair{&config.front, PageKind::kFront}, std::pair{&config.chapters, PageKind::kChapter},
                            std::pair{&config.appendices, PageKind::kAppendix}}) {
    // Numbers follow the page tree: the n-th chapter is "n" (an appendix "A"), its m-th
    // sub-page "n.m"; a part's own page and front pages have none.
    std::vector<int> count(kMaxPageDepth + 1, 0);
    std::vector<std::string> number(kMaxPageDepth + 1);
    for (const auto& ref : *refs) {
      items.emplace_back();
      PageItem& it = items.back();
      it.ref = &ref, it.kind = kind;
      if (ref.part_page || kind == PageKind::kFront) continue;
      int d = std::clamp(ref.depth, 0, kMaxPageDepth);
      ++count[d];
      std::fill(count.begin() + d + 1, count.end(), 0);
      number[d] = d > 0 ? number[d - 1] + "." + std::to_string(count[d])
                  : kind == PageKind::kAppendix ? appendix_letter(count[d])
                                                : std::to_string(count[d]);
      it.ordinal = count[0];
      it.number = number[d];
    }
  }
  // The last build's page of each file: mostly the one in the same place.
  std::vector<const Page*> prevs(items.size(), nullptr);
  if (previous) {
    std::unordered_map<std::string_view, const Page*> known;  // file -> last build's page, when out of place
    for (size_t i = 0; i < items.size(); ++i) {
      std::string file = path_join(config.root, items[i].ref->path);
      if (i < previous->size() && (*previous)[i].file == file) {
        prevs[i] = &(*previous)[i];
        continue;
      }
      if (known.empty())
        for (const auto& p : *previous) known.emplace(p.file, &p);
      auto k = known.find(file);
      if (k != known.end()) prevs[i] = k->second;
    }
  }
  // Reading and parsing: in parallel, each page's problems kept with it.
  parallel_for(items.size(), jobs, [&](size_t i) {
    PageItem& it = items[i];
    const Page* prev = prevs[i] && prevs[i]->parsed_cleanly && prevs[i]->source ? prevs[i] : nullptr;
    it.ok = read_listed_page(config, fs, *it.ref, prev, changed, &it.page, it.diags);
  });
  return number_pages(items, diags);
}

}  // namespace annalist
